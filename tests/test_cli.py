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
