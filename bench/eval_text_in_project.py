"""Find text of the evaluation and training sets in the project's own files.

Usage::

    python bench/eval_text_in_project.py                   # ../shared/eval and ../shared/train
    python bench/eval_text_in_project.py --words 7 --shared /path/to/shared

Tests, docs, docstrings, comments and changelogs use made-up sentences: a sentence of an
evaluation set in a test or an example becomes a rule written for that sentence, and its
text is not the project's to publish. This reads every file git tracks (text files under
3 MB, not the built data), and lists each run of at least ``--words`` consecutive words
(lower-cased, punctuation left out) that also occurs in a file under ``eval/`` or
``train/`` of ``--shared``. It exits with status 1 when it finds one.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"\w+")
SHARED_SUFFIXES = (".jsonl", ".json", ".txt", ".csv", ".tsv", ".xml", ".conll")
PROJECT_SUFFIXES = (".py", ".md", ".toml", ".txt", ".csv", ".json", ".rst", ".html", ".cfg", ".tmpl")


def shingles(words: list[str], size: int) -> Iterator[str]:
    for i in range(len(words) - size + 1):
        yield " ".join(words[i : i + size])


def shared_shingles(shared: Path, size: int) -> set[int]:
    found: set[int] = set()
    for part in ("eval", "train"):
        for path in sorted((shared / part).rglob("*")):
            if path.is_file() and path.suffix in SHARED_SUFFIXES:
                words = [w.lower() for w in WORD.findall(path.read_text(encoding="utf-8", errors="ignore"))]
                found.update(hash(s) for s in shingles(words, size))
    return found


def project_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [
        ROOT / name
        for name in listed.split()
        if name.endswith(PROJECT_SUFFIXES) and "/data/" not in name and (ROOT / name).stat().st_size < 3_000_000
    ]


def runs_in(path: Path, known: set[int], size: int) -> list[str]:
    """The runs of *size* or more words of *path* that the shared files hold, as written."""
    words = WORD.findall(path.read_text(encoding="utf-8", errors="ignore"))
    lowered = [w.lower() for w in words]
    hits = [i for i, s in enumerate(shingles(lowered, size)) if hash(s) in known]
    runs: list[list[int]] = []
    for i in hits:
        if runs and i <= runs[-1][1] + 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return [" ".join(words[a : b + size]) for a, b in runs]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--words", type=int, default=8, help="shortest run of words reported (default 8)")
    args = parser.parse_args(argv)
    if not (args.shared / "eval").is_dir():
        print(f"no {args.shared / 'eval'}: nothing to compare with", file=sys.stderr)
        return 2
    known = shared_shingles(args.shared, args.words)
    found = 0
    for path in project_files():
        for run in runs_in(path, known, args.words):
            found += 1
            print(f"{path.relative_to(ROOT)}: {run}")
    print(f"{found} run(s) of {args.words} or more words from {args.shared}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
