"""`clashmap serve`: the web app (map, timeline, event pages, review) and the JSON API."""
from __future__ import annotations

import argparse
import ipaddress
import sys

from clashmap.cli.ingest import add_db_argument, db_url


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "serve", help="serve the map, timeline, review pages and JSON API",
        description="Serve the web app and the JSON API (OpenAPI at /docs). Binds 127.0.0.1 "
                    "unless --host says otherwise. Set CLASHMAP_SECRET_KEY to keep logins "
                    "across restarts (otherwise a random key signs the session cookies).",
    )
    add_db_argument(p)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    read = p.add_mutually_exclusive_group()
    read.add_argument("--public-read", dest="public_read", action="store_true", default=True,
                      help="anyone who reaches the server may read (default); review needs a login")
    read.add_argument("--private-read", dest="public_read", action="store_false",
                      help="reading needs a login too")
    p.add_argument("--online-tiles", metavar="URL", default=None,
                   help="an online XYZ tile URL template, e.g. https://tile.example.org/{z}/{x}/{y}.png "
                        "(off by default: the offline basemap needs no network)")
    p.add_argument("--online-attribution", default="", help="attribution text for --online-tiles")
    p.add_argument("--secure-cookies", action="store_true",
                   help="mark the session cookie Secure (when served behind HTTPS)")
    p.set_defaults(func=run)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from clashmap.web.app import Settings, create_app, vendor_missing

    settings = Settings(public_read=args.public_read, online_tiles=args.online_tiles,
                        online_attribution=args.online_attribution, cookie_secure=args.secure_cookies)
    args.db = db_url(args.db)  # the same rule as ingest: URL, SQLite path or $CLASHMAP_DB
    app = create_app(args.db, settings)
    missing = vendor_missing()
    if missing:
        print("warning: web assets not built (run scripts/build_web.sh); the map will say so",
              file=sys.stderr)
    if not _is_loopback(args.host):
        print(f"warning: listening on {args.host}, reachable from other machines"
              + ("; anyone there can read the data (use --private-read to require a login)"
                 if args.public_read else ""), file=sys.stderr)
    print(f"clashmap: serving {args.db} on http://{args.host}:{args.port}/ (API docs at /docs)",
          file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0
