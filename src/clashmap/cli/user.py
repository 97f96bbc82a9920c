"""`clashmap user add NAME`: create a reviewer account (argon2 password hash in the store)."""
from __future__ import annotations

import argparse
import getpass
import sys

from clashmap.cli.ingest import add_db_argument, db_url

MIN_PASSWORD = 8


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("user", help="manage the accounts that may review events")
    sub = p.add_subparsers(dest="user_command", metavar="ACTION")
    add = sub.add_parser("add", help="create a user (the password is prompted, or read with --password-stdin)")
    add.add_argument("name", help="username")
    add_db_argument(add)
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from the first line of standard input (for scripts), "
                          "never from the command line where other users could see it")
    add.set_defaults(func=run_add)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def _read_password(from_stdin: bool) -> str | None:
    if from_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        print("error: no terminal to prompt for a password; use --password-stdin", file=sys.stderr)
        return None
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat password: ") != first:
        print("error: the passwords differ", file=sys.stderr)
        return None
    return first


def run_add(args: argparse.Namespace) -> int:
    from clashmap.store import Store
    from clashmap.web.auth import hash_password

    name = args.name.strip()
    if not name or any(c.isspace() for c in name):
        print("error: a username must be non-empty and have no spaces", file=sys.stderr)
        return 2
    password = _read_password(args.password_stdin)
    if password is None:
        return 2
    if len(password) < MIN_PASSWORD:
        print(f"error: the password must have at least {MIN_PASSWORD} characters", file=sys.stderr)
        return 2
    store = Store(db_url(args.db))
    if store.get_user(name) is not None:
        print(f"error: user {name!r} already exists", file=sys.stderr)
        return 1
    store.add_user(name, hash_password(password))
    print(f"user {name!r} added")
    return 0
