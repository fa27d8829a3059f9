"""The core installed alone, in a virtual environment of its own, as a user would have it."""

import os
import subprocess
import sys
import venv
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _pip_targets_other_environments() -> bool:
    """Whether this environment's pip installs into another one (``pip --python``, 22.3+)."""
    try:
        major, minor = (int(part) for part in version("pip").split(".")[:2])
    except (PackageNotFoundError, ValueError):
        return False
    return (major, minor) >= (22, 3)


@pytest.fixture(scope="module")
def core_only(tmp_path_factory):
    env_dir = tmp_path_factory.mktemp("core-only")
    python = env_dir / "bin" / "python"
    constraints = ["-c", str(ROOT / "constraints.txt")] if (ROOT / "constraints.txt").exists() else []
    # --no-compile: byte-compiling every installed module (rich and pygments are large) took a
    # quarter of the install; the commands below compile the few they import as they run
    install = ["install", "-q", "--disable-pip-version-check", "--no-compile", *constraints, str(ROOT)]
    if _pip_targets_other_environments():
        # this environment's pip installs into the new one: putting a pip of its own there
        # (ensurepip) took longer than the install
        venv.EnvBuilder(with_pip=False).create(env_dir)
        command = [sys.executable, "-m", "pip", "--python", str(python), *install]
    else:
        venv.EnvBuilder(with_pip=True).create(env_dir)
        command = [str(python), "-m", "pip", *install]
    subprocess.run(command, check=True, timeout=600)
    return env_dir


def run(env_dir, *args):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("GEOTEXT_", "PYTHONPATH"))}
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, env=environment, cwd=env_dir, timeout=120
    )


@pytest.mark.slow
def test_core_alone_lists_no_plugin_and_says_no_parser(core_only):
    listing = run(core_only, core_only / "bin" / "geotext", "plugins")
    assert listing.returncode == 0, listing.stderr
    assert listing.stdout.strip() == "No plugins installed."
    done = run(
        core_only,
        core_only / "bin" / "python",
        "-c",
        "import geotext\n"
        "try:\n geotext.analyze('China urges Mongolia to join the SCO')\n"
        "except geotext.NoParserError as e:\n print('NoParserError:', e)\n",
    )
    assert "NoParserError:" in done.stdout and "no parser plugin is installed" in done.stdout, done.stderr
    cli = run(core_only, core_only / "bin" / "geotext", "analyze", ROOT / "seeds")
    assert cli.returncode != 0
    assert "Traceback" not in cli.stderr
    assert cli.stderr.startswith("geotext: error:")


def test_python_dash_m_runs_the_cli():
    done = subprocess.run([sys.executable, "-m", "geotext", "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "analyze" in done.stdout
