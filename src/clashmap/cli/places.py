"""`clashmap places ...`: look names up in the gazetteer, load a GeoNames country dump."""
from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser("places", help="look up places; load a GeoNames dump")
    sub = p.add_subparsers(dest="places_command", metavar="ACTION")

    lk = sub.add_parser("lookup", help="print the places a name can mean")
    lk.add_argument("name")
    lk.add_argument("--within", help="an admin1/admin3 name or a country the place must lie in")
    lk.add_argument("--level", choices=["country", "admin1", "admin2", "admin3", "town", "village"])
    lk.add_argument("--db", help="GeoNames cache to consult (default: the one load-geonames fills)")
    lk.add_argument("--json", action="store_true", help="one JSON object per line")
    lk.add_argument("--limit", type=int, default=20)
    lk.set_defaults(func=run_lookup)

    lg = sub.add_parser("load-geonames", help="load a GeoNames country dump (XX.txt or XX.zip)")
    lg.add_argument("file")
    lg.add_argument("--db", help="SQLite cache to fill (default ~/.cache/clashmap/geonames.sqlite)")
    lg.set_defaults(func=run_load)

    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def run_lookup(args) -> int:
    from clashmap.knowledge.places import Gazetteer, gazetteer

    gaz = Gazetteer(geonames_path=args.db) if args.db else gazetteer()
    found = gaz.lookup(args.name, level=args.level, within=args.within)
    if not found:
        print(f"no place called {args.name!r}" + (f" within {args.within!r}" if args.within else ""),
              file=sys.stderr)
        return 1
    for p in found[: args.limit]:
        if args.json:
            print(json.dumps({k: v for k, v in asdict(p).items() if v is not None}, ensure_ascii=False))
        else:
            where = ", ".join(x for x in (p.village_tract and f"{p.village_tract} VT", p.admin3,
                                         p.admin2 if p.level in ("admin3",) else None, p.admin1,
                                         p.country) if x)
            coords = f"{p.lat:.4f},{p.lon:.4f}" if p.lat is not None and p.lon is not None else "-"
            print(f"{p.name}\t{p.level}\t{where}\t{p.pcode or '-'}\t{coords}")
    if len(found) > args.limit:
        print(f"... {len(found) - args.limit} more", file=sys.stderr)
    return 0


def run_load(args) -> int:
    from clashmap.knowledge.geonames import default_db_path, load_dump

    path = Path(args.file)
    if not path.exists():
        print(f"{path}: no such file", file=sys.stderr)
        return 2
    db = Path(args.db) if args.db else default_db_path()
    try:
        report = load_dump(path, db)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 2
    for err in report.errors:
        print(err, file=sys.stderr)
    print(f"loaded {report.rows} places into {db}" + (f"; skipped {report.skipped} bad lines" if report.skipped else ""))
    return 0 if report.rows else 1
