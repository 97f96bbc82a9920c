"""`clashmap export`: write stored events as ACLED-style CSV, GeoJSON, Parquet or JSON Lines."""
from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any, Iterator

from clashmap.cli.ingest import add_db_argument, db_url

FORMATS = ["acled-csv", "geojson", "parquet", "jsonl"]
# Events asked of the store per page when it has no streaming reader.
PAGE = 2000


def _iso_date(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _iso3(text: str) -> str:
    """Country as the store keeps it (ISO3); alpha-2 codes and names are accepted too."""
    import pycountry

    code = text.strip()
    if len(code) == 3 and pycountry.countries.get(alpha_3=code.upper()):
        return code.upper()
    try:
        return pycountry.countries.lookup(code).alpha_3
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown country: {text!r} (give an ISO3 code)") from None


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "export", help="export stored events (ACLED-style CSV, GeoJSON, Parquet, JSON Lines)",
        description="Write the stored events that match the filters, reviews applied and events "
                    "a reviewer rejected left out. Summary claims (\"374 clashes in June\") are "
                    "left out unless --include-aggregates. The count written goes to stderr.",
    )
    p.add_argument("--format", "-f", required=True, choices=FORMATS,
                   help="acled-csv: ACLED's columns and order; geojson: RFC 7946, events with no "
                        "coordinates kept with a null geometry; parquet: typed columns (needs -o); "
                        "jsonl: every field, one event a line")
    # The same --db as ingest (URL or SQLite path, $CLASHMAP_DB), so one value works for both.
    add_db_argument(p)
    p.add_argument("-o", "--output", metavar="FILE",
                   help="file to write (default: standard output; parquet needs a file)")
    p.add_argument("--from", dest="date_from", type=_iso_date, metavar="DATE",
                   help="events whose date range reaches DATE or later (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", type=_iso_date, metavar="DATE",
                   help="events that start on DATE or earlier (YYYY-MM-DD)")
    p.add_argument("--country", type=_iso3, metavar="ISO3", help="country, e.g. MMR")
    p.add_argument("--admin1", metavar="NAME", help="state/region as stored, e.g. Sagaing")
    p.add_argument("--admin3", metavar="NAME", help="township (Myanmar) as stored, e.g. Muse")
    p.add_argument("--event-type", dest="event_type", metavar="TYPE", help="e.g. Battles")
    p.add_argument("--actor", metavar="NAME",
                   help="canonical actor name: actor1, actor2 or an associated actor")
    p.add_argument("--include-aggregates", action="store_true",
                   help="also export summary claims (aggregate events)")
    p.set_defaults(func=run)


def _sqlite_path(url: str) -> str | None:
    """The file behind a sqlite URL (None for memory databases and other backends)."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    if u.get_backend_name() != "sqlite" or u.database in (None, "", ":memory:"):
        return None
    return u.database


class _Outlets:
    """article_id -> outlet, looked up in the store on first use and remembered, because event
    dicts carry article ids but not the outlets ACLED's `source` column needs."""

    def __init__(self, store: Any):
        self.store = store
        self.cache: dict[str, str | None] = {}

    def get(self, article_id: str, default: Any = None) -> Any:
        if article_id not in self.cache:
            art = self.store.article(article_id)
            self.cache[article_id] = (art or {}).get("outlet")
        return self.cache[article_id] or default


def _events(store: Any, filters: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every matching event, streamed, so exporting a big store does not hold it in memory."""
    if hasattr(store, "iter_events"):
        yield from store.iter_events(limit=None, **filters)
        return
    offset = 0
    while True:
        page = store.events(limit=PAGE, offset=offset, **filters)
        yield from page
        if len(page) < PAGE:
            return
        offset += len(page)


def run(args: argparse.Namespace) -> int:
    from clashmap.store import Store

    if args.format == "parquet" and not args.output:
        print("clashmap export: parquet is binary; give a file with -o", file=sys.stderr)
        return 2
    url = db_url(args.db)
    path = _sqlite_path(url)
    if path is not None and not Path(path).exists():
        # Opening a missing SQLite file would create an empty store and "export" nothing.
        print(f"clashmap export: no store at {path} (give --db)", file=sys.stderr)
        return 2

    filters = {
        "date_from": args.date_from, "date_to": args.date_to, "country": args.country,
        "admin1": args.admin1, "admin3": args.admin3, "event_type": args.event_type,
        "actor": args.actor,
        # aggregate=None means "both"; False leaves summary claims out.
        "aggregate": None if args.include_aggregates else False,
    }
    store = Store(url)
    try:
        events = _events(store, filters)
        outlets = _Outlets(store)
        if args.output:
            result = _to_file(args.format, events, outlets, Path(args.output))
        else:
            result = _to_stdout(args.format, events, outlets)
    finally:
        store.close()

    where = args.output or "standard output"
    msg = f"clashmap export: wrote {result.written} event{'s' if result.written != 1 else ''} " \
          f"({args.format}) to {where}"
    if args.format == "geojson" and result.without_coordinates:
        msg += f"; {result.without_coordinates} without coordinates (geometry null, not on a map)"
    if not args.include_aggregates:
        msg += "; summary claims left out (--include-aggregates adds them)"
    print(msg, file=sys.stderr)
    return 0


def _to_file(fmt: str, events: Any, outlets: _Outlets, out: Path) -> Any:
    """Write to a temporary file beside `out` and rename it into place, so an export that fails
    half-way leaves the previous file (or none), never a truncated one."""
    from clashmap import export

    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(fd)
    try:
        if fmt == "parquet":
            result = export.to_parquet(events, tmp, outlets=outlets)
        else:
            # newline="": the CSV writer's CRLF must reach the file untranslated.
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                result = _write_text(fmt, events, outlets, fh)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return result


def _to_stdout(fmt: str, events: Any, outlets: _Outlets) -> Any:
    # UTF-8 whatever the locale says, since names are often Burmese script.
    fh = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=False)
    try:
        return _write_text(fmt, events, outlets, fh)
    finally:
        fh.flush()
        fh.detach()  # leave sys.stdout's buffer open for the rest of the process


def _write_text(fmt: str, events: Any, outlets: _Outlets, fh: Any) -> Any:
    from clashmap import export

    if fmt == "acled-csv":
        return export.to_acled_csv(events, fh, outlets=outlets)
    if fmt == "geojson":
        return export.to_geojson(events, fh, outlets=outlets)
    if fmt == "jsonl":
        return export.to_jsonl(events, fh)
    raise ValueError(f"unknown format {fmt}")
