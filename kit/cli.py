"""The ``kit`` command: ``kit lab``, ``kit room``, ``kit present``, ``kit workspace``, ``kit import``, ``kit data build``,
``kit build``, ``kit doctor``; and the coursework commands ``kit assign``, ``kit collect``, ``kit grade``
(:mod:`kit.coursework.cli`)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .editions import workshops_dir

# overrides.json: no news popup, no update check; page_config.json: no "Render with Voilà" button
LAB_SETTINGS = Path(__file__).resolve().parent / "labsettings"
#: server extensions installed beside JupyterLab that a learner's server does not need: Voilà's
#: (explorers go on the projector with ``kit present``, a server of its own) and the classic
#: notebook's shim. Each server starts ~0.3 s of CPU sooner and ~10 MB smaller without them, which
#: counts when a room of thirty joins at once. (The language-server proxy stays: JupyterLab's page
#: asks it for its status, and without it the page logs an error; it costs ~0.05 s.)
UNUSED_EXTENSIONS = ("voila.server_extension", "notebook_shim")
#: what a learner's server would search for at every start and never use: language servers
#: (``npm prefix -g`` among the places it looks; the kit installs none, and the proxy answers the
#: page's question with an empty list), and PyPI for JupyterLab extensions (installing one from the
#: page needs the network; the read-only manager lists what is installed). A server starts on
#: ~0.8 CPU-s without them against ~1.0, the processes it starts included.
UNUSED_SEARCHES = ("--LanguageServerManager.autodetect=False", "--LabApp.extension_manager=readonly")


def lab_options(folder: Path, workspace: bool = True) -> list[str]:
    """JupyterLab's options for ``folder`` with no network calls, from the server or the page
    (rooms have bad Wi-Fi); in a workspace, JupyterLab keeps its layout in the workspace's ``.kit/``.
    ``kit lab`` and a room learner's server (:mod:`kit.room.singleuser`) both use them."""
    return [
        f"--ServerApp.root_dir={folder}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        f"--LabApp.app_settings_dir={LAB_SETTINGS}",
        "--ServerApp.jpserver_extensions=" + repr(dict.fromkeys(UNUSED_EXTENSIONS, False)),
        *UNUSED_SEARCHES,
        *([f"--LabApp.workspaces_dir={folder / '.kit' / 'lab-workspaces'}"] if workspace else []),
    ]


def lab_command(args) -> tuple[list[str], dict, Path, str]:
    """What ``kit lab`` runs: (command, environment, folder, what to print). Syncs the workspace.

    The learner edition opens in a workspace (never the tracked ``workshops/``), the instructor
    edition in ``workshops/instructor``. Nothing is started here.
    """
    from .workspace import ENV, open_workspace

    env = dict(os.environ)
    if args.instructor:
        folder = workshops_dir() / "instructor"
        env[ENV] = ""  # an instructor edition is not a workspace: nothing is recorded
        text = f"Opening the instructor edition in {folder}"
    else:
        ws, report = open_workspace(args.workspace)
        folder = ws.root
        env[ENV] = str(folder)
        text = (
            f"{report}\nOpening JupyterLab on your workspace: your answers are saved there, and "
            "the kit never overwrites a notebook you changed."
        )
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        *lab_options(folder, workspace=not args.instructor),
        f"--ServerApp.ip={args.ip}",
    ]
    if args.port:
        cmd.append(f"--ServerApp.port={args.port}")
    if args.no_browser:
        cmd.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    cmd += getattr(args, "extra", [])
    return cmd, env, folder, text


def _refused(command: str, error: Exception) -> int:
    """Say in one line why ``kit COMMAND`` cannot go on (a KeyError's message without the quotes
    ``str()`` adds); the exit code is 2."""
    text = error.args[0] if isinstance(error, KeyError) and error.args else error
    print(f"kit {command}: {text}", file=sys.stderr)
    return 2


def _lab(args) -> int:
    from .workspace import WorkspaceError

    try:
        cmd, env, _, text = lab_command(args)
    except WorkspaceError as e:
        return _refused("lab", e)
    print(text, flush=True)
    from .party import warm

    warm()  # compiled once here (it says so), not in a learner's kernel
    os.execve(sys.executable, cmd, env)
    return 0  # not reached


def _data_build(args) -> int:
    from .scenario import data_dir
    from .synth import build
    from .workspace import outside

    with outside():  # the bundled datasets/ (or SEMINAR_KIT_DATA), never a workspace's scenario
        out = data_dir(workspace=False)
        result = build(out_dir=out)
    for name, rows in result["rows"].items():
        print(f"  {name:<20} {rows:>7,} rows")
    print(f"{out} rebuilt in {result['seconds']:.2f} s from scenario.toml")
    return 0


def _workspace(args) -> int:
    from .scenario import ScenarioError
    from .workspace import MARKER, Workspace, WorkspaceError, use_scenario

    try:
        ws, report = _open_workspace(args.workspace)
        action = args.workspace_command or "status"
        if action in ("status", "sync"):
            print(report)
            state = ws.state()
            print(f"  scenario: {state.get('scenario') or 'the bundled datasets/'}")
            print(f"  state: {ws.root / MARKER}; records: {ws.log_path}")
        elif action == "use-scenario":
            target = use_scenario(args.path, Workspace(ws.root), log=print)
            print(
                f"{ws.root}: now reads the bundled datasets/"
                if target is None
                else f"{ws.root}: now reads the scenario in {target}"
            )
    except (WorkspaceError, ScenarioError) as e:
        return _refused("workspace", e)
    return 0


def _build(args) -> int:
    from .editions import EditionError, build, check_editions
    from .workspace import outside

    with outside():  # kernels it runs never record into, or read the scenario of, a workspace
        return _build_editions(args, EditionError, build, check_editions)


def _build_editions(args, EditionError, build, check_editions) -> int:
    try:
        if args.check:
            problems = check_editions(args.notebooks or None)
            for p in problems:
                print(f"drift: {p}", file=sys.stderr)
            if not problems:
                print("learner editions and kit/solutions/cells.json are in sync with the instructor editions")
            return 1 if problems else 0
        if not args.no_execute:  # compiled here once, not inside a notebook whose output is stored
            from .party import warm

            warm()
        for path in build(args.notebooks or None, execute=not args.no_execute):
            root = workshops_dir().parent
            print(f"wrote {path.relative_to(root) if root in path.parents else path}")
    except EditionError as e:
        return _refused("build", e)
    except Exception as e:  # a notebook cell failed: say which, without a wall of traceback
        if type(e).__name__ != "CellExecutionError":
            raise
        print(f"kit build: a cell failed, nothing was written for this notebook:\n{e}", file=sys.stderr)
        return 1
    return 0


def _doctor(args) -> int:
    from .doctor import doctor

    report = doctor(instructor=args.instructor, room=args.room)
    print(report)
    return 0 if report.ok else 1


def _warm(args) -> int:
    from .party import warm

    fresh = warm()
    print(
        ("The party model is compiled and cached" if fresh else "The party model was already compiled")
        + ", and the default tournament's default rows are on disk."
    )
    return 0


def _room(args) -> int:
    from .room import RoomError, run

    try:
        if args.stop:
            run.stop(args.dir)
            return 0
        if args.prepare:
            from .room.env import prepare

            python, seed = prepare(run.accounts_mode(args.shared_account))
            print(
                f"Ready: learners' servers will run {python}"
                + (f"; the party model is compiled in {seed}" if seed else "")
            )
            return 0
        wanted = [w.strip().zfill(2) for w in args.workshops.split(",") if w.strip()] if args.workshops else None
        settings, proc = run.start(wanted, args.ip, args.port, args.dir, shared=args.shared_account)
    except (RoomError, KeyError) as e:
        return _refused("room", e)
    print(run.banner(settings), flush=True)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        run.stop(args.dir)
        return 0


def _present(args) -> int:
    from . import present

    number = args.workshop.strip().zfill(2)
    try:
        path = present.write_app(number, present.app_folder())
    except (present.AppError, KeyError) as e:
        return _refused("present", e)
    cmd, env = present.voila_command(path, ip=args.ip, port=args.port, browser=not args.no_browser)
    print(
        f"Workshop {number} as an app for the projector (explorers only, no code): Voilà starts on "
        f"{args.ip}; open the address it prints and press F11 for full screen. Ctrl+C stops it.",
        flush=True,
    )
    from .party import warm

    warm()  # 03's party model compiled here, not while the room watches
    os.execve(sys.executable, cmd, env)
    return 0  # not reached


def _handout(args) -> int:
    from . import handout

    number = args.workshop.strip().zfill(2)
    try:
        handout.ready(number)
        print(f"Running workshop {number}'s notebook to draw its charts (about 5 s)...", flush=True)
        path = handout.build(number, Path(args.out))
    except (handout.HandoutError, KeyError) as e:
        return _refused("handout", e)
    print(f"Wrote {path} (A4, to print or share)")
    return 0


def _site(args) -> int:
    from . import site

    try:
        page = site.build(Path(args.out))
    except site.SiteError as e:
        return _refused("site", e)
    print(
        f"The site is in {page.parent}: open {page} in a browser, or copy the folder to any web "
        "server (it needs nothing from the internet)."
    )
    return 0


def _open_workspace(folder):
    """(workspace, sync report): the folder given, else $KIT_WORKSPACE, else the one we are in,
    else the default location."""
    from .workspace import active, open_workspace

    if folder or os.environ.get("KIT_WORKSPACE") or active() is None:
        return open_workspace(folder)
    return open_workspace(active().root)


def _import(args) -> int:
    from . import private
    from .imports import ExportError, read_export
    from .workspace import WorkspaceError

    try:
        ws, _ = _open_workspace(args.workspace)
        export = read_export(Path(args.path), include_private=args.include_private)
        where = private.save(export, ws.root, source=args.path, pseudonymise=args.pseudonymise)
    except (ExportError, WorkspaceError, private.PrivateError) as e:
        return _refused("import", e)
    kept = private.load(export.platform, ws.root)
    from .mine import NAMES

    print(
        f"Imported your {NAMES.get(export.platform, export.platform)} export"
        + (f" ({kept.owner})" if kept.owner else "")
        + (", pseudonymised" if kept.pseudonymised else "")
    )
    for name, table in kept.tables.items():
        print(f"  {name:<20} {len(table):>7,} rows")
    for line in kept.cannot_tell:
        print(f"  cannot tell: {line}")
    print(
        f"Kept in {where} — private to you: never tracked by git, never sent anywhere. "
        "`uv run kit forget` deletes it. Workshop 06 reads it."
    )
    return 0


def _forget(args) -> int:
    from . import private
    from .workspace import WorkspaceError

    try:
        ws, _ = _open_workspace(args.workspace)
        gone = private.forget(ws.root)
    except (WorkspaceError, private.PrivateError) as e:
        return _refused("forget", e)
    print(
        f"Deleted your imported {', '.join(p.name for p in gone)} data from {ws.root / private.PRIVATE}."
        if gone
        else f"Nothing imported in {ws.root / private.PRIVATE}: nothing to delete."
    )
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kit", description="The seminar kit: workshops on using social media well, with data."
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    lab = sub.add_parser(
        "lab",
        help="open the workshops in JupyterLab, in your workspace",
        description="Open JupyterLab on your learner workspace: a folder of your own "
        "holding copies of the workshops (default: my-work/ in the kit's "
        "folder, or ~/seminar-kit-work). New workshops are copied in; a "
        "notebook you changed is never overwritten. Works offline.",
    )
    lab.add_argument(
        "--workspace",
        metavar="DIR",
        help="your workspace folder (default: $KIT_WORKSPACE, "
        "else my-work/ in the kit's checkout, else ~/seminar-kit-work)",
    )
    lab.add_argument("--instructor", action="store_true", help="open the instructor edition instead")
    lab.add_argument("--port", type=int, default=0, help="port to listen on (default: 8888 or next free)")
    lab.add_argument("--ip", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    lab.add_argument("--no-browser", action="store_true", help="do not open a browser")
    lab.set_defaults(func=_lab, passes_through=True)
    lab.epilog = "Any other options (e.g. --ServerApp.token=...) are passed on to jupyter lab."

    wsp = sub.add_parser(
        "workspace",
        help="your learner workspace: where it is, sync, its scenario",
        description="Show or sync your learner workspace, or make it use a scenario of "
        "its own (its tables are generated inside the workspace).",
    )
    wsp.add_argument("--workspace", metavar="DIR", help="the workspace folder (default as for `kit lab`)")
    wsub = wsp.add_subparsers(dest="workspace_command", metavar="ACTION")
    wsub.add_parser("status", help="where the workspace is and what it holds (the default)")
    wsub.add_parser("sync", help="copy in new workshops; never overwrite a notebook you changed")
    use = wsub.add_parser(
        "use-scenario",
        help="read the data of another scenario file, generated into "
        "the workspace (or 'default' for the bundled datasets)",
    )
    use.add_argument("path", help="a scenario.toml file, or 'default'")
    wsp.set_defaults(func=_workspace)

    data = sub.add_parser(
        "data", help="work with the datasets", description="Regenerate datasets/ from datasets/scenario.toml."
    )
    dsub = data.add_subparsers(dest="data_command", required=True, metavar="ACTION")
    db = dsub.add_parser(
        "build",
        help="regenerate every table from the scenario (deterministic)",
        description="Regenerate every table, datapackage.json and the data "
        "dictionary from scenario.toml. Same scenario, same bytes.",
    )
    db.set_defaults(func=_data_build)

    build = sub.add_parser(
        "build",
        help="regenerate learner editions from instructor editions",
        description="Write workshops/NN-slug.ipynb from workshops/instructor/NN-slug.ipynb "
        "for each workshop of the manifest (kit/workshops.py) "
        "(solutions become stubs, instructor cells are removed), "
        "refresh both editions' stored outputs by running them, and "
        "write the solved cells solution() shows to "
        "kit/solutions/cells.json. Never writes into a learner workspace.",
    )
    build.add_argument("notebooks", nargs="*", help="only these notebooks (e.g. 01-social-not-media)")
    build.add_argument("--check", action="store_true", help="exit non-zero if a learner edition drifted")
    build.add_argument("--no-execute", action="store_true", help="rewrite sources only; keep stored outputs")
    build.set_defaults(func=_build)

    room = sub.add_parser(
        "room",
        help="run a live seminar on JupyterHub: every learner in a browser",
        description="Start JupyterHub for one seminar: learners join in a browser with the "
        "room code, a name and a PIN of their choosing, and each gets their own "
        "workspace (their own operating-system account when run as root). The "
        "instructor's page shows who has joined and how their checks went. "
        "Works offline; listens on this machine only unless --ip says otherwise.",
    )
    room.add_argument("--workshops", metavar="LIST", help="the workshops the room gets, e.g. 01,03 (default: all)")
    room.add_argument("--port", type=int, default=None, help="port to listen on (default: 8000)")
    room.add_argument(
        "--ip", default=None, help="address to listen on (default: 127.0.0.1; 0.0.0.0 for the venue's network)"
    )
    room.add_argument("--dir", metavar="DIR", help="the room's folder (default: my-room/ in the kit's folder)")
    room.add_argument(
        "--shared-account",
        action="store_true",
        help="run every learner under this account even as root (weaker isolation)",
    )
    room.add_argument("--stop", action="store_true", help="stop the running room; every workspace is kept")
    room.add_argument(
        "--prepare", action="store_true", help="only build what a room needs (once, before the seminar), then exit"
    )
    room.set_defaults(func=_room)

    pres = sub.add_parser(
        "present",
        help="a workshop's explorers full-screen for the projector (Voilà), no code",
        description="Build an app of one workshop's explorers (the cells its notebook "
        "marks for the app, each with a sentence of context; no code, no "
        "exercises) and serve it with Voilà on this machine, offline.",
    )
    pres.add_argument("workshop", help="the workshop's number, e.g. 03")
    pres.add_argument("--ip", default="127.0.0.1", help="address to listen on (default: this machine only)")
    pres.add_argument("--port", type=int, help="port (default: Voilà's, 8866)")
    pres.add_argument("--no-browser", action="store_true", help="do not open a browser")
    pres.set_defaults(func=_present)

    web = sub.add_parser(
        "site",
        help="the learners' website: every workshop as a page to read, offline",
        description="Run every learner edition and build a static website of them with "
        "Sphinx and myst-nb: charts as pictures with their descriptions as "
        "alternative text, hints and solutions behind toggles, no instructor "
        "notes, nothing fetched from the internet.",
    )
    web.add_argument("--out", default="site", metavar="DIR", help="folder to write it in (default: site/)")
    web.set_defaults(func=_site)

    hand = sub.add_parser(
        "handout",
        help="a printable A4 handout of a workshop (PDF), from its notebook",
        description="Run the workshop's notebook with charts as pictures and write a one- "
        "or two-page A4 PDF: title, questions, key points, its marked charts, "
        "the one thing to do this week, and the sources its text cites.",
    )
    hand.add_argument("workshop", help="the workshop's number, e.g. 01")
    hand.add_argument("--out", default="handouts", metavar="DIR", help="folder to write it in (default: handouts/)")
    hand.set_defaults(func=_handout)

    warm = sub.add_parser(
        "warm",
        help="compile the party model for this machine (once, ~20 s)",
        description="Compile workshop 03's party model with Numba and keep it on disk, "
        "so no notebook waits for it. `kit lab` does this too; run it once "
        "after installing the kit for a room.",
    )
    warm.set_defaults(func=_warm)

    imp = sub.add_parser(
        "import",
        help="import your own X, LinkedIn, Mastodon or Bluesky export, privately",
        description="Read your own export (an X archive .zip, a LinkedIn data .zip, a "
        "Mastodon .tar.gz, a Bluesky .car, or an unpacked folder; the kind is "
        "found from what is inside) into your workspace's private/ folder, "
        "for workshop 06. Nothing leaves this machine; nothing in the export "
        "is ever run. A demo export of each kind is in datasets/demo-exports/.",
    )
    imp.add_argument("path", help="the export: a file or an unpacked folder")
    imp.add_argument("--workspace", metavar="DIR", help="the workspace folder (default as for `kit lab`)")
    imp.add_argument(
        "--pseudonymise",
        "--pseudonymize",
        action="store_true",
        help="replace handles, names and @mentions with stable pseudonyms (to share results)",
    )
    imp.add_argument(
        "--include-private",
        action="store_true",
        help="also keep direct messages (Mastodon archives hold them; left out by default)",
    )
    imp.set_defaults(func=_import)

    fgt = sub.add_parser(
        "forget",
        help="delete everything you imported",
        description="Delete every import in your workspace's private/ folder, and the secret behind your pseudonyms.",
    )
    fgt.add_argument("--workspace", metavar="DIR", help="the workspace folder (default as for `kit lab`)")
    fgt.set_defaults(func=_forget)

    doc = sub.add_parser(
        "doctor",
        help="check this machine is ready for a seminar",
        description="Check versions, datasets and offline charts; print what to do "
        "about anything wrong. Writes nothing.",
    )
    doc.add_argument(
        "--instructor",
        action="store_true",
        help="also check that the learner editions match the instructor editions, and what `kit room` still lacks",
    )
    doc.add_argument("--room", action="store_true", help="also check what `kit room` still lacks on this machine")
    doc.set_defaults(func=_doctor)

    from .coursework.cli import add_parsers

    add_parsers(sub)  # kit assign, kit collect, kit grade
    return p


def main(argv=None) -> int:
    p = parser()
    args, extra = p.parse_known_args(argv)
    if extra and not getattr(args, "passes_through", False):
        p.error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra = extra
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
