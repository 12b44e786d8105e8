import subprocess
import sys

import pytest

from kit.cli import main, parser


@pytest.mark.parametrize("args", [[], ["lab"], ["data"], ["data", "build"], ["build"], ["doctor"]])
def test_help_for_every_command(args, capsys):
    with pytest.raises(SystemExit) as e:
        parser().parse_args(args + ["--help"])
    assert e.value.code == 0
    assert "usage: kit" in capsys.readouterr().out


def test_doctor_passes_here(capsys):
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "All good" in out and "✗" not in out


def test_doctor_says_what_to_do_when_data_is_stale(data_copy, capsys):
    (data_copy / "scenario.toml").write_text(
        (data_copy / "scenario.toml").read_text().replace("weeks = 8", "weeks = 9"))
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert "✗ datasets match scenario" in out and "kit data build" in out


def test_data_build_into_a_copy(data_copy, capsys):
    assert main(["data", "build"]) == 0
    assert "rebuilt in" in capsys.readouterr().out


def test_build_check_is_clean(capsys):
    assert main(["build", "--check"]) == 0


def test_the_kit_command_is_installed():
    out = subprocess.run([sys.executable, "-m", "kit", "--help"], capture_output=True, text=True, check=True)
    assert "lab" in out.stdout and "doctor" in out.stdout


def test_kit_lab_serves_the_learner_workshops(tmp_path):
    """The README's first command: JupyterLab starts on the learner edition, no browser needed."""
    import json
    import os
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    proc = subprocess.Popen([sys.executable, "-m", "kit", "lab", "--no-browser", "--port", str(port),
                             "--IdentityProvider.token=t"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents?token=t", timeout=2) as r:
                    names = {item["name"] for item in json.load(r)["content"]}
                break
            except OSError:
                assert proc.poll() is None and time.time() < deadline, proc.stdout.read().decode()[-2000:]
                time.sleep(0.3)
        assert {"00-start-here.ipynb", "01-social-not-media.ipynb", "instructor"} <= names
    finally:
        proc.terminate()
        proc.wait(timeout=20)
