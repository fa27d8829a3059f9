#!/usr/bin/env python3
"""Write src/geotext_claims/data/cameo_plover.json from the public CAMEO to PLOVER table.

The input is the JSON Lines form of ``CAMEO2PLOVER-2021.txt`` from
https://github.com/openeventdata/PLOVER (CC BY-SA 4.0), one row per CAMEO code with
``cameo``, ``plover_event``, ``mode``, ``context`` and ``cameo_label``. The output keeps
the facts the extractor needs (category, mode, context, label, quad class) keyed by code.

Decisions, each applied by a general rule:

- The table has no rows for CAMEO roots 01 (public statement) and 02 (appeal). PLOVER
  folds appeals into REQUEST, so 02 and its children map to REQUEST; public statements
  are not a PLOVER event, so 01 codes keep no category.
- Where the table lists a root twice (08: CONCEDE and RETREAT), the root keeps the
  category of its "0" child (080 Yield: CONCEDE).
- A code that keeps its parent code's mode but names another category follows its parent:
  the table's one such row, 1712 "Destroy property" (ASSAULT, mode ``seize``), is COERCE
  like 171 "Seize or damage property" (COERCE, mode ``seize``) and CAMEO root 17.
- The quad class follows the usual CAMEO grouping: 01-05 verbal cooperation (1),
  06-09 material cooperation (2), 10-14 verbal conflict (3), 15-20 material conflict (4).

Usage::

    python tools/make_cameo_plover.py ../shared/eval/plover-gsr/cameo2plover.jsonl
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "geotext_claims" / "data" / "cameo_plover.json"

# Codes of CAMEO 1.1b3 roots 01 and 02 (labels from the CAMEO manual).
SUPPLEMENT = {
    "01": ("", "Make public statement"),
    "010": ("", "Make statement, not specified below"),
    "011": ("", "Decline comment"),
    "012": ("", "Make pessimistic comment"),
    "013": ("", "Make optimistic comment"),
    "014": ("", "Consider policy option"),
    "015": ("", "Acknowledge or claim responsibility"),
    "016": ("", "Deny responsibility"),
    "017": ("", "Engage in symbolic act"),
    "018": ("", "Make empathetic comment"),
    "019": ("", "Express accord"),
    "02": ("REQUEST", "Make an appeal or request"),
    "020": ("REQUEST", "Appeal, not specified below"),
    "021": ("REQUEST", "Appeal for material cooperation"),
    "0211": ("REQUEST", "Appeal for economic cooperation"),
    "0212": ("REQUEST", "Appeal for military cooperation"),
    "0213": ("REQUEST", "Appeal for judicial cooperation"),
    "0214": ("REQUEST", "Appeal for intelligence"),
    "022": ("REQUEST", "Appeal for diplomatic cooperation (such as policy support)"),
    "023": ("REQUEST", "Appeal for aid"),
    "0231": ("REQUEST", "Appeal for economic aid"),
    "0232": ("REQUEST", "Appeal for military aid"),
    "0233": ("REQUEST", "Appeal for humanitarian aid"),
    "0234": ("REQUEST", "Appeal for military protection or peacekeeping"),
    "024": ("REQUEST", "Appeal for political reform"),
    "0241": ("REQUEST", "Appeal for change in leadership"),
    "0242": ("REQUEST", "Appeal for policy change"),
    "0243": ("REQUEST", "Appeal for rights"),
    "0244": ("REQUEST", "Appeal for change in institutions, regime"),
    "025": ("REQUEST", "Appeal to yield"),
    "0251": ("REQUEST", "Appeal for easing of administrative sanctions"),
    "0252": ("REQUEST", "Appeal for easing of popular dissent"),
    "0253": ("REQUEST", "Appeal for release of persons or property"),
    "0254": ("REQUEST", "Appeal for easing of economic sanctions, boycott, or embargo"),
    "0255": ("REQUEST", "Appeal for target to allow international involvement (non-mediation)"),
    "0256": ("REQUEST", "Appeal for de-escalation of military engagement"),
    "026": ("REQUEST", "Appeal to others to meet or negotiate"),
    "027": ("REQUEST", "Appeal to others to settle dispute"),
    "028": ("REQUEST", "Appeal to engage in or accept mediation"),
}

CONTEXT_OF_02 = {
    "0211": "economic",
    "0212": "military",
    "0213": "legal",
    "0214": "intelligence",
    "0231": "economic",
    "0232": "military",
    "0233": "humanitarian",
    "0234": "peacekeeping",
    "0254": "economic",
    "0256": "military",
    "021": "",
    "022": "diplomatic",
    "026": "diplomatic",
    "027": "diplomatic",
    "028": "diplomatic",
}


def quad_class(code: str) -> int:
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("table", type=Path, help="cameo2plover.jsonl")
    args = parser.parse_args()
    codes: dict[str, dict[str, object]] = {}
    for line in args.table.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        code = row["cameo"].strip()
        entry = {
            "plover": row["plover_event"] or None,
            "mode": row["mode"] or None,
            "context": row["context"] or None,
            "label": row["cameo_label"].split("  ")[0] or None,
            "quad_class": quad_class(code),
        }
        if code in codes and len(code) == 2:
            continue  # a root listed twice keeps its first (and "0" child's) category
        codes[code] = entry
    for code, (plover, label) in SUPPLEMENT.items():
        codes.setdefault(
            code,
            {
                "plover": plover or None,
                "mode": None,
                "context": CONTEXT_OF_02.get(code) or None,
                "label": label,
                "quad_class": quad_class(code),
            },
        )
    for code, entry in codes.items():
        parent = codes.get(code[:-1]) if len(code) > 3 else None
        if parent and entry["mode"] and entry["mode"] == parent["mode"] and entry["plover"] != parent["plover"]:
            entry["plover"] = parent["plover"]
    for root in [c for c in codes if len(c) == 2]:
        child = codes.get(root + "0")
        if child and child["plover"]:
            codes[root]["plover"] = child["plover"]
    data = {
        "name": "geotext-claims-cameo-plover",
        "version": "2021.2",
        "source": "https://github.com/openeventdata/PLOVER CAMEO2PLOVER-2021.txt (CC BY-SA 4.0), "
        "with CAMEO 1.1b3 roots 01 and 02 added",
        "codes": dict(sorted(codes.items())),
    }
    OUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(codes)} codes to {OUT}")


if __name__ == "__main__":
    main()
