#!/usr/bin/env python3
"""Developer commands for geotext; needs only python3 (3.10 or newer).

    python3 dev.py seeds   install the core and every plugin, analyse seeds/ (Markdown on
                           stdout; seeds-output/report.html and seeds-output/seeds.db)
    python3 dev.py test    install everything, lint, run every test, build the docs
    python3 dev.py lint    ruff (lint and format check) and mypy (strict on src/geotext,
                           checked on the plugins); `lint --fix` fixes and formats first
    python3 dev.py docs    build the docs (HTML and doctest) with warnings as errors
    python3 dev.py bench   run the benchmarks and the evaluation (needs ../shared/eval)

Everything is installed into .venv beside this file (override with GEOTEXT_VENV),
with the versions pinned in constraints.txt, so a fresh machine gets what CI gets.
The install is skipped when nothing it depends on changed since the last one.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("GEOTEXT_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"


def plugin_dirs() -> list[Path]:
    """Every first-party plugin: plugins/<dist>/ with a pyproject.toml, not the template."""
    return sorted(
        p for p in (ROOT / "plugins").iterdir() if (p / "pyproject.toml").is_file() and not p.name.startswith("_")
    )


def run(*command: object, **kwargs: object) -> None:
    printable = " ".join(str(c) for c in command)
    print(f"+ {printable}", flush=True)
    done = subprocess.run([str(c) for c in command], cwd=ROOT, **kwargs)  # type: ignore[call-overload]
    if done.returncode:
        sys.exit(done.returncode)


def _install_key(extras: str) -> str:
    digest = hashlib.sha256(extras.encode())
    for path in [ROOT / "pyproject.toml", ROOT / "constraints.txt", *(p / "pyproject.toml" for p in plugin_dirs())]:
        if path.exists():
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def install(extras: str = "") -> None:
    """Create .venv if needed and install the core and every plugin, editable."""
    if not PYTHON.exists():
        print(f"+ creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=False).create(VENV)
    stamp = VENV / ".geotext-install"
    key = _install_key(extras)
    if stamp.exists() and stamp.read_text() == key:
        return
    core = f".[{extras}]" if extras else "."
    command: list[object] = [PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    if (ROOT / "constraints.txt").exists():
        command += ["-c", "constraints.txt"]
    command += ["-e", core]
    for plugin in plugin_dirs():
        command += ["-e", plugin.relative_to(ROOT)]
    run(*command)
    stamp.write_text(key)


def seeds() -> None:
    install()
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "seeds").glob("*.txt"))
    run(BIN / "geotext", "plugins", env=env)
    run(BIN / "geotext", "analyze", *files, "--format", "markdown", env=env)
    # the seeds' HTML report and Datasette database, kept out of git (.gitignore)
    out = ROOT / "seeds-output"
    out.mkdir(exist_ok=True)
    run(BIN / "geotext", "analyze", *files, "--format", "html", "-o", out / "report.html", "--quiet", env=env)
    run(
        BIN / "geotext",
        "analyze",
        *files,
        "--format",
        "sqlite",
        "-o",
        out / "seeds.db",
        "--quiet",
        "--option",
        "append=false",
        env=env,
    )
    print(
        f"report: {out / 'report.html'}\ndatabase: {out / 'seeds.db'} "
        f"(datasette {out / 'seeds.db'} -m {out / 'seeds.metadata.json'})",
        flush=True,
    )


def lint(installed: bool = False, fix: bool | None = None) -> None:
    """ruff check, ruff format --check and mypy; every step runs, and any failure fails.

    Settings live in pyproject.toml ([tool.ruff], [tool.mypy]).
    """
    if not installed:
        install("dev")
    if fix is None:
        fix = "--fix" in sys.argv[2:]
    plugins = [str((p / "src").relative_to(ROOT)) for p in plugin_dirs() if (p / "src").is_dir()]
    steps: list[list[object]] = [
        [PYTHON, "-m", "ruff", "check", *(["--fix"] if fix else []), "."],
        [PYTHON, "-m", "ruff", "format", *([] if fix else ["--check"]), "."],
        [PYTHON, "-m", "mypy", "--strict", "src/geotext"],
        [PYTHON, "-m", "mypy", *plugins],
    ]
    failed = []
    for step in steps:
        print(f"+ {' '.join(str(part) for part in step)}", flush=True)
        if subprocess.run([str(part) for part in step], cwd=ROOT).returncode:
            failed.append(" ".join(str(part) for part in step[2:4]))  # such as "ruff check"
    if failed:
        print("lint failed: " + "; ".join(failed), file=sys.stderr, flush=True)
        sys.exit(1)


def test() -> None:
    install("dev")
    lint(installed=True, fix=False)
    # two pytest-xdist workers unless told otherwise (-n 0 runs in this process); an idle
    # worker takes tests queued for the other (worksteal), so that a few long tests near the
    # end (the gazetteer's builds, the core's own virtual environment) do not leave it waiting
    workers = (
        []
        if any(arg.startswith(("-n", "--numprocesses")) for arg in sys.argv[2:])
        else ["-n", "2", "--dist", "worksteal"]
    )
    # Bytecode is written even where PYTHONDONTWRITEBYTECODE is set: without it each worker
    # and each subprocess of the tests compiles the checkout's modules again, and pytest
    # rewrites every test module in each worker on every run (collecting takes about three
    # times as long). The caches go to __pycache__/ directories, which git ignores.
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    run(PYTHON, "-m", "pytest", *workers, *sys.argv[2:], env=env)
    docs(installed=True)


def docs(installed: bool = False) -> None:
    if not installed:
        install("dev")
    build = ROOT / "docs" / "_build"
    run(PYTHON, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", "docs", build / "html")
    run(PYTHON, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "doctest", "docs", build / "doctest")


def bench() -> None:
    install("dev")
    for script in (
        "bench_throughput.py",
        "bench_exporters.py",
        "bench_parsers.py",
        "bench_tagger.py",
        "bench_corpus.py",
        "evaluate.py",
    ):
        if (ROOT / "bench" / script).exists():
            run(PYTHON, ROOT / "bench" / script, *sys.argv[2:])


COMMANDS = {"seeds": seeds, "test": test, "lint": lint, "docs": docs, "bench": bench, "install": install}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__)
        sys.exit(2)
    COMMANDS[sys.argv[1]]()
