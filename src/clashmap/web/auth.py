"""Users, sessions and request forgery defences for the review pages.

- Passwords: argon2id through argon2-cffi; only the hash is stored.
- Sessions: Starlette's SessionMiddleware, a cookie signed with itsdangerous (set in app.py).
- CSRF: a random token kept in the signed session and echoed by every POST form; a forged
  form from another site cannot know it. On top of that every POST must come from this
  origin (Origin header, or Referer when a browser sends no Origin), so a cross-site POST is
  refused even before the token is looked at.
"""
from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from fastapi import HTTPException, Request

_hasher = PasswordHasher()
# Verified against when the user does not exist, so a wrong name costs as long as a wrong
# password and login timing does not reveal which usernames exist.
_DUMMY_HASH = _hasher.hash("clashmap-no-such-user")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def current_user(request: Request) -> str | None:
    return request.session.get("user")


def csrf_token(request: Request) -> str:
    """This session's CSRF token, created on first use (also for anonymous visitors: login form)."""
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def same_origin(request: Request) -> bool:
    """True when the request says it comes from a page of this very server."""
    host = request.headers.get("host", "")
    origin = request.headers.get("origin")
    if origin and origin != "null":
        return urlsplit(origin).netloc == host
    referer = request.headers.get("referer")
    if referer:
        return urlsplit(referer).netloc == host
    # A browser always sends one of the two on a form POST; a request with neither is not
    # from our pages, so it is refused rather than trusted.
    return False


def check_post(request: Request, form_token: str | None) -> None:
    """Refuse (403) a state-changing request that is cross-site or lacks this session's token."""
    if not same_origin(request):
        raise HTTPException(status_code=403, detail="cross-site request refused")
    expected = request.session.get("csrf")
    if not expected or not form_token or not hmac.compare_digest(str(expected), str(form_token)):
        raise HTTPException(status_code=403, detail="missing or invalid CSRF token")
