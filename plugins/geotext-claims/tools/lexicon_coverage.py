#!/usr/bin/env python3
"""List, for every CAMEO code of the plugin's CAMEO to PLOVER table, the cue lexicon entries
that produce it, and the codes that no entry produces.

An entry produces a code as a speech cue (its ``cameo``), a frame cue (its frame's default
code, such as 030 for "pledge"), an action cue (each code of its ``codes``, one per frame
and ``do``) or through one of its ``objects`` ("suspend" + "economic aid" gives 1621). Two-digit
roots are left out: the extractor always gives a three- or four-digit code.

Usage::

    python tools/lexicon_coverage.py                    # every code, then the uncovered ones
    python tools/lexicon_coverage.py --roots 02-20 --missing
    python tools/lexicon_coverage.py --extra my-cues.json --thin 1
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping
from importlib.resources import files
from pathlib import Path
from typing import Any


def producers(cues: Iterable[Mapping[str, Any]], frames: Mapping[str, Mapping[str, str]]) -> dict[str, list[str]]:
    """Map each CAMEO code to the lexicon entries that produce it, described as written.

    Args:
        cues: lexicon entries, as in the ``cues`` list of ``data/cues.json``.
        frames: the lexicon's ``frames`` (frame name → its default ``cameo`` and modality).

    Returns:
        code → entries such as ``"aid (action noun, appeal)"`` or ``"suspend (action verb,
        object 'aid')"``, each entry listed once per way it gives the code.
    """
    found: dict[str, list[str]] = {}
    for entry in cues:
        lemma, role, pos = entry["lemma"], entry["role"], entry.get("pos", "verb")
        where = f"{role} {pos}"
        if role == "speech" and entry.get("cameo"):
            found.setdefault(entry["cameo"], []).append(f"{lemma} ({where})")
        elif role == "frame":
            default = frames.get(entry.get("frame", ""), {}).get("cameo")
            if default:
                found.setdefault(default, []).append(f"{lemma} ({where}, {entry['frame']} default)")
        for key, code in entry.get("codes", {}).items():
            found.setdefault(code, []).append(f"{lemma} ({where}, {key})")
        for phrase, code in entry.get("objects", {}).items():
            found.setdefault(code, []).append(f"{lemma} ({where}, object '{phrase}')")
    return found


def coverage(
    cues: Iterable[Mapping[str, Any]], frames: Mapping[str, Mapping[str, str]], codes: Iterable[str]
) -> dict[str, list[str]]:
    """Return, for every code of *codes* with three or more digits, the entries producing it
    (an empty list for an uncovered code), in code order."""
    found = producers(cues, frames)
    return {code: found.get(code, []) for code in sorted(codes) if len(code) > 2}


def merged_cues(base: Mapping[str, Any], extra: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The lexicon's cues with each extra file's entries added or replacing those of the same
    lemma, role and part of speech, as ``Lexicon`` merges them."""
    entries = {(e["lemma"], e["role"], e.get("pos", "verb")): e for e in base["cues"]}
    for data in extra:
        for e in data.get("cues", []):
            entries[(e["lemma"], e["role"], e.get("pos", "verb"))] = e
    return list(entries.values())


def _in_roots(code: str, roots: tuple[int, int] | None) -> bool:
    return roots is None or roots[0] <= int(code[:2]) <= roots[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--extra", action="append", default=[], type=Path, help="a user cue file (repeatable)")
    parser.add_argument("--roots", help="a range of CAMEO roots such as 02-20")
    parser.add_argument("--missing", action="store_true", help="print only the codes with no entry")
    parser.add_argument("--thin", type=int, default=None, help="also list codes with at most this many entries")
    args = parser.parse_args(argv)
    data = files("geotext_claims").joinpath("data")
    lexicon = json.loads(data.joinpath("cues.json").read_text(encoding="utf-8"))
    table = json.loads(data.joinpath("cameo_plover.json").read_text(encoding="utf-8"))["codes"]
    extra = [json.loads(path.read_text(encoding="utf-8")) for path in args.extra]
    frames = dict(lexicon["frames"])
    for more in extra:
        frames.update(more.get("frames", {}))
    roots = None
    if args.roots:
        low, _, high = args.roots.partition("-")
        roots = (int(low), int(high or low))
    result = {
        code: entries
        for code, entries in coverage(merged_cues(lexicon, extra), frames, table).items()
        if _in_roots(code, roots)
    }
    missing = [code for code, entries in result.items() if not entries]
    if not args.missing:
        for code, entries in result.items():
            label = table[code].get("label") or ""
            shown = "; ".join(entries[:6]) + (f"; … {len(entries) - 6} more" if len(entries) > 6 else "")
            print(f"{code:5} {len(entries):3}  {label[:48]:48}  {shown}")
        print()
    if args.thin is not None:
        thin = [code for code, entries in result.items() if 0 < len(entries) <= args.thin]
        print(f"codes with 1..{args.thin} entries: {len(thin)} of {len(result)}")
        for code in thin:
            print(f"  {code:5} {table[code].get('label') or ''}: {'; '.join(result[code])}")
    print(f"codes with no entry: {len(missing)} of {len(result)} (lexicon {lexicon['version']})")
    for code in missing:
        print(f"  {code:5} {table[code].get('label') or ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
