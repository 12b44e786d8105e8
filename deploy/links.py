"""Links to the workshops on a JupyterHub, made with nbgitpuller.

A link logs the learner in, pulls the kit's repository into their home (``~/seminar-kit``;
nbgitpuller never overwrites what they changed), then opens one workshop's learner edition there
in JupyterLab. Link format: https://jupyterhub.github.io/nbgitpuller/topic/url-options.html

Set ``REPO_URL`` below once, to the public address of your copy of the kit. ``tljh/install.sh``
takes it from here; ``z2jh/values.yaml`` names it too, and ``tests/test_deploy.py`` fails until
both say the same.

    uv run python deploy/links.py https://hub.example.org     # one link per workshop
    python3 deploy/links.py --default-url                       # a hub's landing page: pull, open 00
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

# ---- set once ---------------------------------------------------------------------------------
REPO_URL = "https://github.com/YOUR-ORG/seminar-kit"  # your copy of the kit: a public git URL
BRANCH = "main"  # the branch learners get
# -----------------------------------------------------------------------------------------------

FOLDER = "seminar-kit"  # the clone's folder in each learner's home (nbgitpuller's targetPath)
WORKSPACE = "seminar-kit-work"  # KIT_WORKSPACE on a hub, in the learner's home: imports, charts, records
PLACEHOLDER = "YOUR-ORG"
ROOT = Path(__file__).resolve().parent.parent  # the checkout: workshops/ is here


def learner_notebooks() -> list[tuple[str, str]]:
    """(number, path in the repository) of each workshop's learner edition, in manifest order."""
    sys.path.insert(0, str(ROOT))
    try:
        from kit.workshops import WORKSHOPS
    finally:
        sys.path.pop(0)
    return [(w.number, f"workshops/{w.notebook}") for w in WORKSHOPS]


def urlpath(notebook: str) -> str:
    """Where the learner lands once the pull is done, relative to their server: JupyterLab on
    ``notebook`` (a path in the repository) inside the clone."""
    return f"lab/tree/{FOLDER}/{notebook}"


def git_pull(notebook: str) -> str:
    """nbgitpuller's endpoint and query, relative to a learner's server: ``git-pull?...``."""
    query = {"repo": REPO_URL, "branch": BRANCH, "targetPath": FOLDER, "urlpath": urlpath(notebook)}
    return "git-pull?" + urlencode(query, quote_via=quote)


def link(hub: str, notebook: str) -> str:
    """The link to hand out: ``https://HUB/hub/user-redirect/git-pull?...``."""
    return f"{hub.rstrip('/')}/hub/user-redirect/{git_pull(notebook)}"


def default_url() -> str:
    """A hub's default URL (JupyterHub's ``Spawner.default_url``): pull, then open workshop 00."""
    return "/" + git_pull(learner_notebooks()[0][1])


def tljh_snippet() -> str:
    """The JupyterHub config that ``tljh/install.sh`` writes into ``/opt/tljh/config/jupyterhub_config.d/``."""
    return (
        "# Written by the seminar kit's deploy/tljh/install.sh from deploy/links.py; run it again to change it.\n"
        "# Each learner's imports, saved charts and records go to a workspace in their own home.\n"
        f"c.Spawner.environment.update({{'KIT_WORKSPACE': '~/{WORKSPACE}'}})\n"
        f"# Logging in pulls the kit's repository into ~/{FOLDER} and opens workshop 00.\n"
        f"c.Spawner.default_url = {default_url()!r}\n"
    )


def check_repo() -> None:
    """Stop with a clear message while ``REPO_URL`` is still the placeholder."""
    if PLACEHOLDER in REPO_URL:
        raise SystemExit(f"deploy/links.py: set REPO_URL (now {REPO_URL!r}) to the public git address of "
                         "your copy of the kit first")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="nbgitpuller links to the workshops on a JupyterHub.")
    p.add_argument("hub", nargs="?", help="the hub's address, e.g. https://hub.example.org")
    p.add_argument("--default-url", action="store_true", help="print a hub's default URL instead")
    p.add_argument("--tljh-snippet", action="store_true", help="print TLJH's config snippet instead")
    args = p.parse_args(argv)
    if not (args.hub or args.default_url or args.tljh_snippet):
        p.error("give the hub's address, or --default-url")
    check_repo()
    if args.tljh_snippet:
        print(tljh_snippet(), end="")
    elif args.default_url:
        print(default_url())
    else:
        for number, notebook in learner_notebooks():
            print(f"{number}  {link(args.hub, notebook)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
