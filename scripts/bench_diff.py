#!/usr/bin/env python3
"""Show gold and system events side by side for bench cases (in-process, for error analysis).

    python scripts/bench_diff.py ../shared/bench/dev [CASE_SUBSTRING]
"""
import json
import re
import sys
from datetime import date
from pathlib import Path

from clashmap.extract.pipeline import Extractor
from clashmap.model import Article

KEYS = ["aggregate", "sub_event_type", "date", "date_end", "admin1", "admin3", "location", "actor1", "actor2",
        "fatalities", "injuries", "claimant"]


def short(e: dict) -> str:
    parts = []
    for k in KEYS:
        v = e.get(k)
        if v in (None, False, [], ""):
            continue
        v = str(v).split(":")[0] if k.startswith("actor") else v
        parts.append(f"{v}")
    return " | ".join(str(p) for p in parts)


def main() -> None:
    root = Path(sys.argv[1])
    pick = sys.argv[2] if len(sys.argv) > 2 else ""
    ex = Extractor()
    for case in sorted(root.glob("*/gold.json")):
        if pick not in case.parent.name:
            continue
        raw = (case.parent / "article.txt").read_text().strip()
        m = re.match(r"date (\d{4}-\d{2}-\d{2})\s+(.*)", raw, re.S)
        art = Article(text=m.group(2), date=date.fromisoformat(m.group(1)))
        gold = json.loads(case.read_text())["events"]
        sys_events = [e.to_dict() for e in ex.extract(art)]
        print(f"\n### {case.parent.name} ({art.date:%a %Y-%m-%d})")
        for g in gold:
            print("  G ", short(g))
        for s in sys_events:
            print("  S ", short(s))


if __name__ == "__main__":
    main()
