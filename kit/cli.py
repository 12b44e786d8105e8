"""The ``kit`` command: ``kit lab``, ``kit data build``, ``kit build``, ``kit doctor``."""

from __future__ import annotations

import argparse
import os
import sys

from .editions import workshops_dir


def _lab(args) -> int:
    folder = workshops_dir() / ("instructor" if args.instructor else "")
    cmd = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={folder}",
           f"--ServerApp.ip={args.ip}",
           "--LabApp.news_url=None",  # no network calls from the server: rooms have bad Wi-Fi
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if args.port:
        cmd.append(f"--ServerApp.port={args.port}")
    if args.no_browser:
        cmd.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    cmd += args.extra
    print(f"Opening the {'instructor' if args.instructor else 'learner'} edition in {folder}", flush=True)
    os.execv(sys.executable, cmd)
    return 0  # not reached


def _data_build(args) -> int:
    from .synth import build

    result = build()
    for name, rows in result["rows"].items():
        print(f"  {name:<20} {rows:>7,} rows")
    print(f"datasets/ rebuilt in {result['seconds']:.2f} s from scenario.toml")
    return 0


def _build(args) -> int:
    from .editions import EditionError, build, check_editions

    try:
        if args.check:
            problems = check_editions(args.notebooks or None)
            for p in problems:
                print(f"drift: {p}", file=sys.stderr)
            if not problems:
                print("learner editions are in sync with the instructor editions")
            return 1 if problems else 0
        for path in build(args.notebooks or None, execute=not args.no_execute):
            print(f"wrote {path.relative_to(workshops_dir().parent)}")
    except EditionError as e:
        print(f"kit build: {e}", file=sys.stderr)
        return 2
    except Exception as e:  # a notebook cell failed: say which, without a wall of traceback
        if type(e).__name__ != "CellExecutionError":
            raise
        print(f"kit build: a cell failed, nothing was written for this notebook:\n{e}", file=sys.stderr)
        return 1
    return 0


def _doctor(args) -> int:
    from .doctor import doctor

    report = doctor()
    print(report)
    return 0 if report.ok else 1


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kit", description="The seminar kit: workshops on using "
                                "social media well, with data.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    lab = sub.add_parser("lab", help="open the workshops in JupyterLab",
                         description="Open JupyterLab on workshops/ (the learner edition) with the "
                                     "bundled data. Works offline.")
    lab.add_argument("--instructor", action="store_true", help="open the instructor edition instead")
    lab.add_argument("--port", type=int, default=0, help="port to listen on (default: 8888 or next free)")
    lab.add_argument("--ip", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    lab.add_argument("--no-browser", action="store_true", help="do not open a browser")
    lab.set_defaults(func=_lab, passes_through=True)
    lab.epilog = "Any other options (e.g. --ServerApp.token=...) are passed on to jupyter lab."

    data = sub.add_parser("data", help="work with the datasets",
                          description="Regenerate datasets/ from datasets/scenario.toml.")
    dsub = data.add_subparsers(dest="data_command", required=True, metavar="ACTION")
    db = dsub.add_parser("build", help="regenerate every table from the scenario (deterministic)",
                         description="Regenerate every table, datapackage.json and the data "
                                     "dictionary from scenario.toml. Same scenario, same bytes.")
    db.set_defaults(func=_data_build)

    build = sub.add_parser("build", help="regenerate learner editions from instructor editions",
                           description="Write workshops/NN-*.ipynb from workshops/instructor/NN-*.ipynb "
                                       "(solutions become stubs, instructor cells are removed) and "
                                       "refresh both editions' stored outputs by running them.")
    build.add_argument("notebooks", nargs="*", help="only these notebooks (e.g. 01-social-not-media)")
    build.add_argument("--check", action="store_true", help="exit non-zero if a learner edition drifted")
    build.add_argument("--no-execute", action="store_true", help="rewrite sources only; keep stored outputs")
    build.set_defaults(func=_build)

    doc = sub.add_parser("doctor", help="check this machine is ready for a seminar",
                         description="Check versions, datasets, offline charts and editions; "
                                     "print what to do about anything wrong.")
    doc.set_defaults(func=_doctor)
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
