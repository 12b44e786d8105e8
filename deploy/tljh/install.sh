#!/usr/bin/env bash
# Install the seminar kit on a server running The Littlest JupyterHub (TLJH), for every learner.
#
#   sudo git clone <REPO_URL from deploy/links.py> /opt/seminar-kit    # once
#   sudo /opt/seminar-kit/deploy/tljh/install.sh                        # again after each `git pull` there
#
# 1. installs the single-user environment of binder/requirements.txt (the kit, editable from this
#    checkout, with its own version ranges; nbgitpuller) into TLJH's user environment;
# 2. rebuilds the datasets from datasets/scenario.toml (same scenario, same bytes) and checks them;
# 3. applies deploy/tljh/config.yaml with tljh-config (JupyterLab, limits, the idle culler);
# 4. makes logging in pull the kit's repository into ~/seminar-kit with nbgitpuller and open
#    workshop 00, and gives each learner a workspace, ~/seminar-kit-work (deploy/links.py).
#
# TLJH's docs: user environment https://tljh.jupyter.org/en/latest/howto/user-env/user-environment.html,
# tljh-config https://tljh.jupyter.org/en/latest/topic/tljh-config.html, config snippets
# https://tljh.jupyter.org/en/latest/topic/escape-hatch.html
set -euo pipefail

KIT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
USER_ENV=/opt/tljh/user   # TLJH's user environment: every learner's server and kernels run from it
SNIPPET=/opt/tljh/config/jupyterhub_config.d/seminar-kit.py

die() { echo "install.sh: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run it as root: sudo $0"
[ -x "$USER_ENV/bin/python" ] || die "$USER_ENV/bin/python not found: install TLJH first (https://tljh.jupyter.org)"
command -v tljh-config >/dev/null || die "tljh-config not found: install TLJH first (https://tljh.jupyter.org)"
"$USER_ENV/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || die "the kit needs Python 3.11 or newer; TLJH's user environment has $("$USER_ENV/bin/python" -V 2>&1)"
# Learners' servers run as their own users (jupyter-NAME) and read the kit from this folder.
runuser -u nobody -- test -r "$KIT_DIR/datasets/scenario.toml" \
  || die "learners cannot read $KIT_DIR: clone the kit into /opt/seminar-kit (not a home folder)"
"$USER_ENV/bin/python" "$KIT_DIR/deploy/links.py" --default-url >/dev/null  # stops here until REPO_URL is set

# 1. The environment. JupyterHub stays at the hub's major version (binder/requirements.txt says
#    which); if pip reports a conflict there, upgrade TLJH.
cd "$KIT_DIR"
"$USER_ENV/bin/python" -m pip install --no-cache-dir -r binder/requirements.txt

# 2. The data (about 3 s), then versions, data and offline charts.
"$USER_ENV/bin/kit" data build
"$USER_ENV/bin/kit" doctor
# (No `kit warm` here: Numba only uses a cache folder it can write to, so each learner's kernel
# compiles workshop 03's model once, about 20 s, and keeps it in their home.)

# 3. TLJH's settings: the same as config.yaml.
tljh-config set user_environment.default_app jupyterlab
tljh-config set limits.memory 1G
tljh-config set limits.cpu 1
tljh-config set services.cull.enabled true
tljh-config set services.cull.timeout 3600
tljh-config set services.cull.every 300

# 4. Where learners land, and their workspace.
mkdir -p "$(dirname "$SNIPPET")"
"$USER_ENV/bin/python" "$KIT_DIR/deploy/links.py" --tljh-snippet > "$SNIPPET"

tljh-config reload
echo "The kit is installed for every learner. Links to each workshop:"
echo "  $USER_ENV/bin/python $KIT_DIR/deploy/links.py https://YOUR-HUB"
