import subprocess
import sys
from pathlib import Path

import pytest

from kit import workshops
from kit.cli import main, parser


@pytest.mark.parametrize(
    "args",
    [[], ["lab"], ["workspace"], ["workspace", "use-scenario"], ["data"], ["data", "build"], ["build"], ["doctor"]],
)
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
        (data_copy / "scenario.toml").read_text().replace("weeks = 8", "weeks = 9")
    )
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


@pytest.fixture
def no_exec(monkeypatch):
    """`kit lab` up to the point it would hand over to JupyterLab."""
    calls = []
    monkeypatch.setattr("kit.cli.os.execve", lambda exe, cmd, env: calls.append((cmd, env)))
    monkeypatch.delenv("KIT_WORKSPACE", raising=False)
    return calls


def test_kit_lab_workspace_option_prints_and_opens_it(tmp_path, no_exec, capsys):
    ws = tmp_path / "my answers"
    assert main(["lab", "--workspace", str(ws), "--no-browser"]) == 0
    out = capsys.readouterr().out
    assert f"Your workspace: {ws}" in out
    ((cmd, env),) = no_exec
    assert f"--ServerApp.root_dir={ws}" in cmd and env["KIT_WORKSPACE"] == str(ws)
    assert all((ws / w.notebook).exists() for w in workshops.WORKSHOPS) and not (ws / "instructor").exists()


def test_kit_lab_reads_kit_workspace_from_the_environment(tmp_path, no_exec, monkeypatch, capsys):
    ws = tmp_path / "from-env"
    monkeypatch.setenv("KIT_WORKSPACE", str(ws))
    assert main(["lab", "--no-browser"]) == 0
    assert f"Your workspace: {ws}" in capsys.readouterr().out
    assert f"--ServerApp.root_dir={ws}" in no_exec[0][0]
    assert main(["lab", "--workspace", str(tmp_path / "given"), "--no-browser"]) == 0  # the option wins
    assert f"--ServerApp.root_dir={tmp_path / 'given'}" in no_exec[1][0]


def test_kit_lab_refuses_the_tracked_workshops(no_exec, capsys):
    from kit.editions import workshops_dir

    assert main(["lab", "--workspace", str(workshops_dir())]) == 2
    assert "outside the kit's tracked files" in capsys.readouterr().err and not no_exec


def test_kit_workspace_status_and_use_scenario(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("KIT_WORKSPACE", raising=False)
    ws = tmp_path / "work"
    assert main(["workspace", "--workspace", str(ws)]) == 0
    out = capsys.readouterr().out
    assert f"Your workspace: {ws}" in out and "the bundled datasets/" in out
    town = tmp_path / "harbour.toml"
    from kit.scenario import scenario_path

    town.write_text(scenario_path(workspace=False).read_text())
    made = []
    monkeypatch.setattr(
        "kit.synth.build", lambda scenario, out_dir: made.append(out_dir) or {"rows": {}, "seconds": 0.0, "files": []}
    )
    assert main(["workspace", "--workspace", str(ws), "use-scenario", str(town)]) == 0
    assert made == [ws / "scenarios" / "harbour"] and (ws / "scenarios" / "harbour" / "scenario.toml").exists()
    assert main(["workspace", "--workspace", str(ws), "status"]) == 0
    assert "scenarios/harbour" in capsys.readouterr().out
    (tmp_path / "bad.toml").write_text("weeks = 'many'\n")
    assert main(["workspace", "--workspace", str(ws), "use-scenario", str(tmp_path / "bad.toml")]) == 2
    assert "bad.toml" in capsys.readouterr().err


def test_kit_import_keeps_an_export_privately_and_forget_deletes_it(tmp_path, capsys):
    import pandas as pd

    from kit import private
    from kit.imports import read_export

    ws = tmp_path / "work"
    fixture = Path(__file__).parent / "fixtures" / "exports" / "mastodon"
    assert main(["import", str(fixture), "--workspace", str(ws)]) == 0
    out = capsys.readouterr().out
    assert "Imported your Mastodon export (@cornerbakery)" in out
    assert "cannot tell: Mastodon exports have no followers list" in out
    assert f"Kept in {ws / 'private' / 'imports' / 'mastodon'}" in out and "never sent anywhere" in out
    kept, read = private.load("mastodon", ws), read_export(fixture)
    for name, table in read.tables.items():  # what comes back is what the importer read
        pd.testing.assert_frame_equal(kept.tables[name], table, check_dtype=False)
    assert (ws / "private" / ".gitignore").read_text().splitlines()[-1] == "*"

    assert main(["import", str(fixture), "--workspace", str(ws), "--pseudonymise"]) == 0
    assert "pseudonymised" in capsys.readouterr().out
    kept = private.load("mastodon", ws)
    assert kept.owner.startswith("@user-")
    for table in kept.tables.values():  # handles, URIs (they hold the handle) and links
        assert "cornerbakery" not in table.to_csv() and "town.example" not in table.to_csv()

    assert main(["forget", "--workspace", str(ws)]) == 0
    assert "Deleted your imported mastodon data" in capsys.readouterr().out
    assert private.imported(ws) == []
    assert main(["forget", "--workspace", str(ws)]) == 0
    assert "nothing to delete" in capsys.readouterr().out


def test_kit_import_of_a_bad_file_is_one_clear_line_and_keeps_the_last_import(tmp_path, capsys):
    from kit import private

    ws = tmp_path / "work"
    fixture = Path(__file__).parent / "fixtures" / "exports" / "mastodon"
    assert main(["import", str(fixture), "--workspace", str(ws)]) == 0
    capsys.readouterr()
    bad = tmp_path / "archive.zip"
    bad.write_bytes(b"PK\x03\x04 this zip was cut short")
    assert main(["import", str(bad), "--workspace", str(ws)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kit import: ") and "archive.zip" in err and len(err.splitlines()) == 1
    assert "Traceback" not in err
    assert private.imported(ws) == ["mastodon"]  # the earlier import is untouched
