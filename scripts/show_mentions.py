#!/usr/bin/env python3
"""Print what each extract component found in a seed-format article, sentence by sentence.

    python scripts/show_mentions.py ../shared/bench/seed/article.txt
"""
import re
import sys
from datetime import date

from clashmap.extract.pipeline import Extractor
from clashmap.model import Article


def main(path: str) -> None:
    raw = open(path, encoding="utf-8").read().strip()
    m = re.match(r"date (\d{4}-\d{2}-\d{2}) (.*)", raw, re.S)
    art = Article(text=m.group(2), date=date.fromisoformat(m.group(1)))
    ex = Extractor()
    doc = ex.doc(art)
    for s in doc.sents:
        print(f"\n## {s.text[:300]}")
        for kind, ms in doc._.mentions.items():
            for x in ms:
                if s.start_char <= x.start < s.end_char:
                    v = {k: v for k, v in x.value.items() if v not in (None, False, [], "")}
                    print(f"   {kind:12s} {x.text!r} {v}")
    print("\n== events")
    for e in ex.extract(art):
        print({k: v for k, v in e.to_dict().items() if k not in ("evidence", "notes") and v not in (None, [], False)})


if __name__ == "__main__":
    main(sys.argv[1])
