"""The files that take the kit past one machine: ``binder/`` (repo2docker: mybinder.org, and the
Zero to JupyterHub image) and ``deploy/`` (The Littlest JupyterHub, Zero to JupyterHub, the
nbgitpuller links).

Kubernetes, Docker and TLJH are not on these machines, so what is checked is what can be: the
single-user environment installs from scratch and runs workshop 01 from where a link opens it;
the links point at the learner editions; the TLJH and Helm files parse, use keys their tools know,
install the kit's environment and keep the idle culler on; ``binder/`` lists ranges only, agrees
with ``pyproject.toml`` and is not git-ignored.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import nbformat
import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from kit.workshops import WORKSHOPS

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"
DEPLOY = ROOT / "deploy"
TLJH = DEPLOY / "tljh"
VALUES = DEPLOY / "z2jh" / "values.yaml"
HUB = "https://hub.example.org/course/"  # a hub under a base URL: the links must keep it


def _links():
    spec = importlib.util.spec_from_file_location("deploy_links", DEPLOY / "links.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def links():
    return _links()


def _lines(path: Path) -> list[str]:
    """A pip requirements file's entries: comments and blank lines dropped."""
    out = []
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def _kit_ranges() -> dict[str, SpecifierSet]:
    reqs = [Requirement(r) for r in _pyproject()["project"]["dependencies"]]
    return {r.name.lower(): r.specifier for r in reqs}


def _binder_requirements() -> list[Requirement]:
    return [Requirement(line) for line in _lines(BINDER / "requirements.txt") if not line.startswith("-e")]


# --------------------------------------------------------------------------- binder/


def test_binder_files_are_not_git_ignored():
    """``.gitignore`` hides ``requirements*.txt``; binder's must still be committed."""
    files = sorted(p for p in BINDER.iterdir() if p.is_file())
    assert {p.name for p in files} >= {"requirements.txt", "runtime.txt", "postBuild"}
    for p in files:
        r = subprocess.run(["git", "check-ignore", "-q", str(p.relative_to(ROOT))], cwd=ROOT)
        assert r.returncode != 0, f"{p.relative_to(ROOT)} is git-ignored: add a `!` line to .gitignore"


def test_binder_lists_compatible_ranges_only():
    """No exact pins, no download addresses, no indexes or hashes: ranges a resolver can meet."""
    entries = _lines(BINDER / "requirements.txt")
    assert "-e ." in entries, "binder/requirements.txt must install the kit itself, editable (-e .)"
    for line in entries:
        assert "==" not in line and "===" not in line, f"an exact pin in binder/requirements.txt: {line}"
        assert not re.search(r"https?:|git\+|file:|://| @ ", line), f"an address in binder/requirements.txt: {line}"
        assert not line.startswith(("--index", "--extra-index", "-i ", "-f", "--find-links", "--hash", "-r", "-c")), (
            line
        )
        if line == "-e .":
            continue
        req = Requirement(line)
        ops = {s.operator for s in req.specifier}
        assert ops & {">=", ">", "~="} and ops & {"<", "~="}, f"{line}: give a range with both ends, e.g. >=1.2,<2"
    for other in ("runtime.txt", "postBuild"):
        text = (BINDER / other).read_text()
        assert "==" not in text and not re.search(r"https?://|git\+", text), f"binder/{other} names a pin or an address"


def test_binder_ranges_stay_inside_the_kits():
    """A range binder/ repeats from pyproject.toml may narrow the kit's, never leave it: every
    version binder accepts (on a grid of versions) the kit accepts too, and there is one."""
    kit = _kit_ranges()
    grid = [Version(f"{a}.{b}.{c}") for a in range(12) for b in range(25) for c in (0, 1)]
    for req in _binder_requirements():
        name = req.name.lower()
        assert name != "seminar-kit"
        if name not in kit:
            continue
        allowed = [v for v in grid if v in req.specifier]
        assert allowed, f"binder/requirements.txt: no version satisfies {req}"
        outside = [v for v in allowed if v not in kit[name]]
        assert not outside, (
            f"binder/requirements.txt allows {name} {outside[0]}, which pyproject.toml's "
            f"{name}{kit[name]} does not: bring the two back together"
        )


def test_binder_python_is_one_the_kit_supports():
    """repo2docker ignores pyproject.toml's requires-python when binder/ exists (its default is
    older), so runtime.txt must name a supported Python."""
    text = (BINDER / "runtime.txt").read_text().strip()
    m = re.fullmatch(r"python-(\d+\.\d+)", text)
    assert m, f"binder/runtime.txt: expected 'python-X.Y', not {text!r}"
    assert Version(m.group(1)) in SpecifierSet(_pyproject()["project"]["requires-python"])


def test_binder_postbuild_is_executable_and_offline():
    post = BINDER / "postBuild"
    assert os.access(post, os.X_OK), "binder/postBuild must be executable (chmod +x)"
    staged = subprocess.run(["git", "ls-files", "-s", "binder/postBuild"], cwd=ROOT, capture_output=True, text=True)
    if staged.stdout:
        assert staged.stdout.startswith("100755"), "git records binder/postBuild as not executable"
    assert subprocess.run(["bash", "-n", str(post)]).returncode == 0
    text = post.read_text()
    assert not re.search(r"\b(curl|wget|pip|uv|git)\b", text.split("set -euo pipefail", 1)[-1]), (
        "postBuild must not fetch anything: installing is requirements.txt's job"
    )


# --------------------------------------------------------------------------- the links


def test_links_open_each_workshops_learner_edition(links):
    """For every workshop in the manifest, the link pulls the kit's repository and opens that
    workshop's learner edition in the clone: a real file under workshops/, never instructor/."""
    notebooks = links.learner_notebooks()
    assert [n for n, _ in notebooks] == [w.number for w in WORKSHOPS]
    for w, (_, notebook) in zip(WORKSHOPS, notebooks):
        url = urlsplit(links.link(HUB, notebook))
        assert (url.scheme, url.netloc) == ("https", "hub.example.org")
        assert url.path == "/course/hub/user-redirect/git-pull"
        q = {k: v[0] for k, v in parse_qs(url.query, strict_parsing=True).items()}
        assert set(q) == {"repo", "branch", "targetPath", "urlpath"}
        assert (q["repo"], q["branch"], q["targetPath"]) == (links.REPO_URL, links.BRANCH, links.FOLDER)
        prefix = f"lab/tree/{q['targetPath']}/"  # nbgitpuller clones into targetPath, in the server's root
        assert q["urlpath"].startswith(prefix), q["urlpath"]
        in_repo = q["urlpath"][len(prefix) :]
        target = (ROOT / in_repo).resolve()
        assert target == w.learner_path().resolve(), f"workshop {w.number}: the link opens {in_repo}"
        assert target.parent == (ROOT / "workshops").resolve() and target.is_file()
        assert "instructor" not in Path(in_repo).parts
        assert nbformat.read(target, as_version=4).metadata["kit"]["edition"] == "learner"


def test_default_url_and_tljh_snippet(links):
    """TLJH's landing page is workshop 00's link; each learner gets a workspace in their home."""
    from traitlets.config import Config

    first = links.learner_notebooks()[0][1]
    assert first == f"workshops/{WORKSHOPS[0].notebook}"
    assert links.default_url() == "/" + links.git_pull(first)
    assert links.link(HUB, first).endswith(links.default_url())
    c = Config()
    exec(compile(links.tljh_snippet(), "seminar-kit.py", "exec"), {"c": c})
    assert c.Spawner.default_url == links.default_url()
    assert c.Spawner.environment.get_value({"OTHER": "1"}) == {"OTHER": "1", "KIT_WORKSPACE": "~/seminar-kit-work"}


def test_links_cli_waits_for_the_repository_address(links, monkeypatch, capsys):
    monkeypatch.setattr(links, "REPO_URL", "https://github.com/YOUR-ORG/seminar-kit")
    with pytest.raises(SystemExit, match="set REPO_URL"):
        links.main([HUB])
    monkeypatch.setattr(links, "REPO_URL", "https://git.example.org/town/seminar-kit.git")
    assert links.main([HUB]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out] == [w.number for w in WORKSHOPS]
    assert all("repo=https%3A%2F%2Fgit.example.org%2Ftown%2Fseminar-kit.git" in line for line in out)


# --------------------------------------------------------------------------- The Littlest JupyterHub

# The part of TLJH's own schema (tljh/config_schema.py) for the sections the kit sets.
TLJH_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "user_environment": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"default_app": {"enum": ["jupyterlab", "classic"]}},
        },
        "limits": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "memory": {"type": ["string", "null"]},
                "cpu": {"anyOf": [{"type": "number", "minimum": 0}, {"type": "null"}]},
            },
        },
        "services": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "cull": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "enabled": {"type": "boolean"},
                        "timeout": {"type": "integer"},
                        "every": {"type": "integer"},
                        "concurrency": {"type": "integer"},
                        "users": {"type": "boolean"},
                        "max_age": {"type": "integer"},
                        "remove_named_servers": {"type": "boolean"},
                    },
                }
            },
        },
    },
}


def _leaves(d: dict, prefix: str = "") -> dict[str, object]:
    out = {}
    for k, v in d.items():
        out.update(_leaves(v, f"{prefix}{k}.") if isinstance(v, dict) else {f"{prefix}{k}": v})
    return out


def test_tljh_config_is_valid_and_culls_idle_servers():
    import jsonschema

    config = yaml.safe_load((TLJH / "config.yaml").read_text())
    jsonschema.validate(config, TLJH_SCHEMA)
    cull = config["services"]["cull"]
    assert cull["enabled"] is True and cull["timeout"] > 0 and cull["every"] > 0
    assert config["user_environment"]["default_app"] == "jupyterlab"
    assert re.fullmatch(r"\d+[KMGT]", config["limits"]["memory"])


def test_tljh_install_sets_what_config_yaml_says_and_installs_the_kits_environment():
    script = TLJH / "install.sh"
    assert os.access(script, os.X_OK)
    assert subprocess.run(["bash", "-n", str(script)]).returncode == 0
    text = script.read_text()
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    # the single-user environment binder/ describes, into TLJH's user environment
    assert "USER_ENV=/opt/tljh/user" in code
    assert re.search(r'"\$USER_ENV/bin/python" -m pip install [^\n]*-r binder/requirements\.txt', code)
    assert re.search(r'cd "\$KIT_DIR"', code)
    assert '"$USER_ENV/bin/kit" data build' in code and '"$USER_ENV/bin/kit" doctor' in code

    # tljh-config gets exactly config.yaml's settings
    def value(v):
        return str(v).lower() if isinstance(v, bool) else str(v)

    expected = {k: value(v) for k, v in _leaves(yaml.safe_load((TLJH / "config.yaml").read_text())).items()}
    found = dict(re.findall(r"^tljh-config set (\S+) (\S+)$", code, flags=re.M))
    assert found == expected
    # the landing page and workspace from links.py, then a reload
    assert "SNIPPET=/opt/tljh/config/jupyterhub_config.d/" in code
    snippet = code.index('"$KIT_DIR/deploy/links.py" --tljh-snippet > "$SNIPPET"')
    assert re.search(r"^tljh-config reload$", code[snippet:], flags=re.M), "install.sh must reload the hub last"


# --------------------------------------------------------------------------- Zero to JupyterHub

# The keys Zero to JupyterHub's chart accepts at each level the kit sets (its values.schema.yaml,
# which rejects any other: a misspelt key fails `helm install`).
Z2JH_KEYS = {
    "": {
        "cull",
        "custom",
        "debug",
        "enabled",
        "fullnameOverride",
        "global",
        "httpRoute",
        "hub",
        "imagePullSecret",
        "imagePullSecrets",
        "ingress",
        "nameOverride",
        "prePuller",
        "proxy",
        "rbac",
        "scheduling",
        "singleuser",
    },
    "singleuser": {
        "allowPrivilegeEscalation",
        "cloudMetadata",
        "cmd",
        "cpu",
        "defaultUrl",
        "events",
        "extraAnnotations",
        "extraContainers",
        "extraEnv",
        "extraFiles",
        "extraLabels",
        "extraNodeAffinity",
        "extraPodAffinity",
        "extraPodAntiAffinity",
        "extraPodConfig",
        "extraResource",
        "extraTolerations",
        "fsGid",
        "image",
        "initContainers",
        "lifecycleHooks",
        "memory",
        "networkPolicy",
        "networkTools",
        "nodeSelector",
        "podNameTemplate",
        "profileList",
        "serviceAccountName",
        "startTimeout",
        "storage",
        "uid",
    },
    "singleuser.image": {"name", "pullPolicy", "pullSecrets", "tag"},
    "singleuser.memory": {"guarantee", "limit"},
    "singleuser.cpu": {"guarantee", "limit"},
    "singleuser.storage": {
        "capacity",
        "dynamic",
        "extraLabels",
        "extraVolumeMounts",
        "extraVolumes",
        "homeMountPath",
        "static",
        "type",
    },
    "singleuser.lifecycleHooks": {"postStart", "preStop"},
    "hub": {
        "activeServerLimit",
        "allowNamedServers",
        "annotations",
        "args",
        "authenticatePrometheus",
        "baseUrl",
        "command",
        "concurrentSpawnLimit",
        "config",
        "consecutiveFailureLimit",
        "containerSecurityContext",
        "cookieSecret",
        "db",
        "deploymentStrategy",
        "existingSecret",
        "extraConfig",
        "extraContainers",
        "extraEnv",
        "extraFiles",
        "extraPodSpec",
        "extraVolumeMounts",
        "extraVolumes",
        "fsGid",
        "image",
        "initContainers",
        "labels",
        "lifecycle",
        "livenessProbe",
        "loadRoles",
        "namedServerLimitPerUser",
        "networkPolicy",
        "nodeSelector",
        "pdb",
        "podSecurityContext",
        "readinessProbe",
        "redirectToServer",
        "resources",
        "revisionHistoryLimit",
        "service",
        "serviceAccount",
        "services",
        "shutdownOnLogout",
        "templatePaths",
        "templateVars",
        "tolerations",
    },
    "cull": {"adminUsers", "concurrency", "enabled", "every", "maxAge", "removeNamedServers", "timeout", "users"},
    "scheduling": {"corePods", "podPriority", "userPlaceholder", "userPods", "userScheduler"},
    "scheduling.userScheduler": {
        "annotations",
        "containerSecurityContext",
        "enabled",
        "extraPodSpec",
        "image",
        "labels",
        "logLevel",
        "nodeSelector",
        "pdb",
        "pluginConfig",
        "plugins",
        "replicas",
        "resources",
        "revisionHistoryLimit",
        "serviceAccount",
        "tolerations",
    },
    "scheduling.podPriority": {
        "defaultPriority",
        "enabled",
        "globalDefault",
        "imagePullerPriority",
        "userPlaceholderPriority",
    },
    "scheduling.userPlaceholder": {
        "annotations",
        "containerSecurityContext",
        "enabled",
        "extraPodSpec",
        "image",
        "labels",
        "replicas",
        "resources",
        "revisionHistoryLimit",
    },
}


def _bytes(size: str) -> float:
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([KMGT])i?", str(size))
    assert m, f"not a Kubernetes size: {size!r}"
    return float(m.group(1)) * 1000 ** ("KMGT".index(m.group(2)) + 1)


def test_z2jh_values_use_known_keys():
    values = yaml.safe_load(VALUES.read_text())

    def walk(node, path):
        if path in Z2JH_KEYS:
            unknown = set(node) - Z2JH_KEYS[path]
            assert not unknown, f"deploy/z2jh/values.yaml: {path or 'top level'} has no key {sorted(unknown)}"
            for k, v in node.items():
                if isinstance(v, dict):
                    walk(v, f"{path}.{k}".lstrip("."))

    walk(values, "")


def test_z2jh_values_run_the_kits_image_pull_the_workshops_and_cull(links):
    values = yaml.safe_load(VALUES.read_text())
    text = VALUES.read_text()
    su = values["singleuser"]
    # the image is this repository built by repo2docker from binder/, outside the home volume
    build = re.search(r"jupyter-repo2docker .*?(?=\n#\n|\n\n)", text, flags=re.S)
    assert build, "values.yaml should say how its image is built (jupyter-repo2docker ...)"
    build = build.group(0)
    repo_dir = re.search(r"--target-repo-dir (\S+)", build).group(1)
    home = su.get("storage", {}).get("homeMountPath", "/home/jovyan")
    assert not (repo_dir + "/").startswith(home + "/"), "the kit's checkout would be hidden by the home volume"
    assert re.search(r"--user-id 1000 --user-name jovyan", build)
    assert re.search(rf"--image-name {re.escape(su['image']['name'])}:\S+", build)
    assert "binder/" in text
    # JupyterLab, in the learner's home, with a workspace there
    assert su["defaultUrl"] == "/lab"
    assert values["hub"]["config"]["KubeSpawner"]["working_dir"] == home
    assert su["extraEnv"]["KIT_WORKSPACE"] == f"{home}/{links.WORKSPACE}"
    # each start pulls what the links pull, into the same folder, and a failed pull stops nothing
    command = su["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert command[:2] == ["sh", "-c"]
    pull = command[2].split("||")[0].split(">")[0].split()
    assert pull == ["gitpuller", links.REPO_URL, links.BRANCH, links.FOLDER], (
        "values.yaml's postStart must pull deploy/links.py's REPO_URL and BRANCH into its FOLDER"
    )
    assert command[2].rstrip().endswith("|| true")
    # resources: a guarantee near the measured need, a limit above it
    mem = su["memory"]
    assert 350e6 <= _bytes(mem["guarantee"]) <= _bytes(mem["limit"]) <= 2e9
    assert 0 < su["cpu"]["guarantee"] <= su["cpu"]["limit"]
    # the idle culler
    assert values["cull"]["enabled"] is True and values["cull"]["timeout"] > 0 and values["cull"]["every"] > 0


# --------------------------------------------------------------------------- from scratch

RUN = r"""
import json, sys
import nbformat
from nbclient import NotebookClient
from kit.kernels import IPCKernelManager

path = sys.argv[1]
nb = nbformat.read(path, as_version=4)
nb.cells.append(nbformat.v4.new_code_cell("import sys, kit; print(sys.executable); print(kit.__file__)"))
NotebookClient(nb, timeout=240, kernel_name="python3", kernel_manager_class=IPCKernelManager,
               resources={"metadata": {"path": str(__import__("pathlib").Path(path).parent)}}).execute()
errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
where = "".join(o.get("text", "") for o in nb.cells[-1].outputs).split()
print(json.dumps({"errors": len(errors), "cells": len(nb.cells), "where": where}))
"""


def _clean_env(**extra) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            (
                "VIRTUAL_ENV",
                "UV_",
                "KIT_",
                "SEMINAR_KIT",
                "PYTHONPATH",
                "PYTHONHOME",
                "JUPYTER",
                "JPY",
                "XDG_",
                "NUMBA_",
            )
        )
    }
    env["UV_PYTHON_DOWNLOADS"] = "never"  # the Python runtime.txt names must already be here
    env.update(extra)
    return env


def _run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    assert r.returncode == 0, f"{' '.join(map(str, cmd))} failed:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}"
    return r


def _numba_cache_beside(repo: Path) -> None:
    """Numba's cache of the party model, as this checkout's test run compiled it (conftest.py),
    copied beside the copy's model: what a layer cache gives an image build. Numba checks each
    entry against the source file (size and time, which the copy kept), its own version and this
    CPU, and compiles afresh if any differ, so postBuild still leaves a model that runs."""
    from kit.party import model

    model.warm()
    cache = Path(model._run._cache._cache_path)
    target = repo / "kit" / "party" / "__pycache__"
    target.mkdir(parents=True, exist_ok=True)
    for f in cache.glob("model.*.nb[ic]"):
        shutil.copy2(f, target / f.name)


@pytest.mark.skipif(shutil.which("uv") is None or shutil.which("git") is None, reason="needs uv and git")
def test_binder_environment_installs_from_scratch_and_runs_workshop_01(tmp_path, links):
    """What repo2docker builds (and install.sh installs on TLJH), from nothing: a fresh
    virtualenv with binder/runtime.txt's Python, binder/requirements.txt installed from a copy of
    the repository, binder/postBuild run. Then a learner: the hub's pull (nbgitpuller, from the
    copy as the hub's git remote) into their home, and workshop 01 run where its link opens it,
    with the hub's KIT_WORKSPACE, in that environment's kernel. No cell may fail."""
    started = time.perf_counter()
    repo, home, build_home = tmp_path / "repo", tmp_path / "home", tmp_path / "build-home"
    home.mkdir()
    build_home.mkdir()
    listed = _run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT).stdout
    for rel in filter(None, listed.split("\0")):
        src = ROOT / rel
        if src.is_file():
            (repo / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, repo / rel)
    git = ["git", "-c", "user.name=kit", "-c", "user.email=kit@example.org", "-c", "commit.gpgsign=false"]
    _run([*git, "init", "-q", "-b", links.BRANCH], cwd=repo)
    _run([*git, "add", "-A"], cwd=repo)
    _run([*git, "commit", "-q", "-m", "the kit"], cwd=repo)

    _numba_cache_beside(repo)
    python_version = (repo / "binder" / "runtime.txt").read_text().strip().removeprefix("python-")
    venv = tmp_path / "venv"
    # HOME is a new one, but the packages come from this machine's uv cache (uv links them from
    # it): the environment is built from nothing, only the downloads and unpacking are shared
    cache = _run(["uv", "cache", "dir"]).stdout.strip()
    env = _clean_env(HOME=str(build_home), UV_CACHE_DIR=cache)
    _run(["uv", "venv", "-q", "--python", python_version, str(venv)], env=env)
    py = venv / "bin" / "python"
    # --no-config: the copy's pyproject asks uv to compile bytecode (8 s here); pip on a hub does it anyway
    _run(
        ["uv", "pip", "install", "-q", "--no-config", "--python", str(py), "-r", "binder/requirements.txt"],
        cwd=repo,
        env=env,
    )
    installed = time.perf_counter()
    bin_env = dict(env, PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}")
    # postBuild (kit warm finds the model compiled; kit doctor) beside the learner's part, which does not need it
    post = subprocess.Popen(
        [str(repo / "binder" / "postBuild")],
        cwd=repo,
        env=bin_env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        learner = dict(bin_env, HOME=str(home), KIT_WORKSPACE=f"{home}/{links.WORKSPACE}")
        _run([str(venv / "bin" / "gitpuller"), str(repo), links.BRANCH, links.FOLDER], cwd=home, env=learner)
        notebook = home / links.urlpath("workshops/01-social-not-media.ipynb").removeprefix("lab/tree/")
        assert notebook.is_file(), f"the link would open {notebook}, which the pull did not make"
        r = _run([str(py), "-c", RUN, str(notebook)], cwd=notebook.parent, env=learner)
        result = json.loads(r.stdout.strip().splitlines()[-1])
        ran = time.perf_counter()
        out, _ = post.communicate(timeout=300)
    finally:
        if post.poll() is None:
            post.kill()
    assert post.returncode == 0, f"binder/postBuild failed:\n{out[-3000:]}"
    assert "All good" in out
    assert result["errors"] == 0 and result["cells"] > 10
    assert Path(result["where"][0]).parent == venv / "bin", "the kernel must run the new environment's Python"
    assert Path(result["where"][1]).resolve() == (repo / "kit" / "__init__.py").resolve(), (
        "the kernel must import the kit installed from the copy (editable)"
    )
    print(
        f"\nfrom scratch: install {installed - started:.1f} s, workshop 01 by {ran - started:.1f} s, "
        f"postBuild done by {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    # ~63,000 files: pytest would delete them three runs from now in its main process, while it
    # hands out work (~10 s of disk waits); kept only when the test fails
    shutil.rmtree(venv, ignore_errors=True)
