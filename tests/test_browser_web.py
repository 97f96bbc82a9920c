"""The web app in a real browser: Debian's headless chromium, driven by Playwright, against
`clashmap serve` running as a subprocess on 127.0.0.1 with a real SQLite store.

Screenshots go to test-artifacts/ (git-ignored) so a person can look at what the tests saw.
"""
from __future__ import annotations

import http.server
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from clashmap.store import Store
from clashmap.web.auth import hash_password

from test_web_api import PASSWORD, populate

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
ROOT = Path(__file__).resolve().parent.parent

if not Path(CHROMIUM).exists():
    pytest.skip(f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A populated store served by the real CLI; yields (base_url, store, ids)."""
    tmp = tmp_path_factory.mktemp("web")
    url = f"sqlite:///{tmp}/clashmap.db"
    store = Store(url)
    ids = populate(store)
    store.add_user("reviewer", hash_password(PASSWORD))
    port = free_port()
    env = dict(os.environ, CLASHMAP_SECRET_KEY="browser-test-secret", PYTHONUNBUFFERED="1")
    log = open(tmp / "server.log", "w+")
    proc = subprocess.Popen([sys.executable, "-m", "clashmap", "serve", "--db", url, "--port", str(port)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/api/stats", timeout=2).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                log.seek(0)
                pytest.fail("clashmap serve did not start:\n" + log.read())
            time.sleep(0.2)
    yield base, store, ids
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()
    store.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        yield b
        b.close()


@pytest.fixture
def page(browser, site):
    """A fresh browser context per test (own cookies); records every request and page error."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 1000})
    pg = ctx.new_page()
    pg.requests, pg.errors, pg.dialogs = [], [], []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    ctx.close()


def shot(pg, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def wait_ready(pg, count: int | None = None) -> None:
    cond = "s && s.dataset.state === 'ready'"
    if count is not None:
        cond += f" && s.dataset.count === '{count}'"
    pg.wait_for_function(f"() => {{ const s = document.getElementById('status'); return {cond}; }}",
                         timeout=15000)


def vendor_built() -> bool:
    return (ROOT / "src/clashmap/web/static/vendor/leaflet/leaflet.js").exists()


def test_map_timeline_table_load_offline(page, site):
    base, _, _ = site
    page.goto(base + "/")
    wait_ready(page, 5)  # summary claims are hidden until "show aggregates" is ticked
    assert page.locator("#events-table tbody tr").count() == 5
    assert page.locator("#chart-events rect.bar").count() >= 4
    assert page.locator("#chart-fatalities rect.bar").count() >= 2
    if not vendor_built():
        assert page.locator("#map-missing").is_visible()
        shot(page, "map-no-vendor")
        pytest.skip("web assets not built (scripts/build_web.sh): map checked for its message only")
    assert page.get_attribute("#status", "data-markers") == "5"
    # clustered or single, every marker is drawn: circles plus the counts on cluster icons
    page.wait_for_selector(".leaflet-tile-loaded", timeout=15000)
    # (polled: while the map zooms to the data, clusters of the old zoom are still fading out)
    page.wait_for_function("""() => {
        const circles = document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive').length;
        const clustered = [...document.querySelectorAll('.cm-cluster span')]
            .reduce((s, e) => s + parseInt(e.textContent, 10), 0);
        return circles + clustered === 5;
    }""", timeout=10000)
    # the basemap tiles came from this server, and nothing else was fetched from anywhere
    assert any("/tiles/" in u for u in page.requests)
    assert all(u.startswith(base + "/") or u.startswith("data:") for u in page.requests), page.requests
    assert page.errors == []
    shot(page, "map")


def test_filters_drive_everything_and_live_in_the_url(page, site):
    base, _, ids = site
    page.goto(base + "/")
    wait_ready(page, 5)
    page.select_option("select[name=event_type]", "Battles")
    wait_ready(page, 1)
    assert "event_type=Battles" in page.url
    assert page.locator("#events-table tbody tr").count() == 1
    assert page.locator("#chart-events rect.bar").count() == 1
    page.check("input[name=show_aggregates]")
    wait_ready(page, 2)
    assert "show_aggregates=1" in page.url
    assert "(summary of 374 events)" in page.inner_text("#events-table")
    shot(page, "map-filtered")
    # a shared link restores the same view
    page.goto(base + "/?admin1=Shan+(North)&event_type=Explosions%2FRemote+violence")
    wait_ready(page, 2)
    assert page.input_value("input[name=admin1]") == "Shan (North)"
    rows = page.locator("#events-table tbody tr")
    assert {rows.nth(i).get_attribute("data-event-id") for i in range(2)} == {ids["strike"], ids["shelling"]}
    # Back goes to the previous filter state
    page.fill("input[name=admin3]", "Muse")
    page.press("input[name=admin3]", "Enter")
    wait_ready(page, 1)
    page.go_back()
    wait_ready(page, 2)
    assert page.input_value("input[name=admin3]") == ""
    # clicking a week in the timeline narrows the date range to it
    page.goto(base + "/")
    wait_ready(page, 5)
    page.locator("#chart-events g.week[data-week='2024-06-03'] rect.hit").click()
    wait_ready(page, 1)
    assert "date_from=2024-06-03" in page.url and "date_to=2024-06-09" in page.url
    assert page.errors == []


def test_open_event_from_table_shows_evidence(page, site):
    base, _, ids = site
    page.goto(base + "/?admin3=Muse")
    wait_ready(page, 1)
    page.click(f"#events-table tr[data-event-id='{ids['strike']}'] a")
    page.wait_for_url(f"**/events/{ids['strike']}")
    assert page.locator("mark.ev").count() >= 6
    assert "killed one civilian" in page.locator("mark.ev[data-fields~=fatalities]").inner_text()
    page.hover("#fields tr[data-field=fatalities]")
    assert page.locator("mark.ev.hot").count() == 1
    assert "Ta'ang National Liberation Army" in page.locator("#claims").inner_text()
    shot(page, "event")


def test_article_script_does_not_run(page, site):
    base, _, ids = site
    page.goto(f"{base}/events/{ids['clash']}")
    page.wait_for_load_state("load")
    assert page.evaluate("() => window.__pwned") is None
    assert page.title() != "pwned" and page.dialogs == []
    text = page.locator(".article-text").inner_text()
    assert "<script>window.__pwned = 1;" in text and "<img src=x" in text  # shown as text
    assert page.locator(".article-text script, .article-text img, .article-text b").count() == 0
    assert page.locator(".source a[href^='javascript']").count() == 0
    shot(page, "event-hostile-article")


def test_login_edit_and_see_the_change(page, site):
    base, store, ids = site
    page.goto(f"{base}/events/{ids['shelling']}")
    page.click("#login-to-review")
    page.fill("input[name=username]", "reviewer")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"**/events/{ids['shelling']}")
    assert page.inner_text("#current-user") == "reviewer"
    page.click("#edit-details summary")
    page.fill("#edit-form input[name=fatalities]", "7")
    page.fill("#edit-form input[name=location]", "Mong Yaw")
    page.click("#save-edit")
    page.wait_for_selector("#saved")
    assert page.inner_text("#review-status") == "edited"
    assert page.inner_text("#fields tr[data-field=fatalities] td.value") == "7"
    assert page.inner_text("#fields tr[data-field=fatalities] td.orig") == "3"  # machine's figure kept
    assert "reviewer" in page.inner_text("#reviews")
    shot(page, "event-edited")
    ev = store.event(ids["shelling"])
    assert ev["fatalities"] == 7 and ev["original"]["fatalities"] == 3
    # the map page's table reads the reviewed event
    page.goto(base + "/?admin3=Lashio")
    wait_ready(page, 1)
    assert "Mong Yaw" in page.inner_text("#events-table tbody tr")
    assert page.errors == []


class _EvilHandler(http.server.BaseHTTPRequestHandler):
    target = ""

    def do_GET(self):  # noqa: N802 (http.server's naming)
        body = (f'<form method="post" action="{self.target}"><input type="hidden" name="action" '
                f'value="reject"><button id="go">win a prize</button></form>').encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_cross_site_form_cannot_review(page, site):
    """A logged-in reviewer who visits another site's page with a forged form: refused."""
    base, store, ids = site
    page.goto(base + "/login")
    page.fill("input[name=username]", "reviewer")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("#current-user")
    _EvilHandler.target = f"{base}/events/{ids['protest']}/review"
    evil = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _EvilHandler)  # another origin (port)
    threading.Thread(target=evil.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://127.0.0.1:{evil.server_address[1]}/")
        with page.expect_response(lambda r: r.url.endswith("/review")) as resp:
            page.click("#go")
        assert resp.value.status == 403
    finally:
        evil.shutdown()
        evil.server_close()
    assert store.event(ids["protest"])["reviews"] == []


def test_missing_vendor_assets_page_still_renders(page, site, tmp_path):
    """Without the npm-built files the page says so and the timeline and table still work."""
    base, _, _ = site
    # Block the vendor files the way a server without a build would answer them (404).
    page.route("**/static/vendor/**", lambda route: route.fulfill(status=404, body="not built"))
    page.goto(base + "/")
    wait_ready(page, 5)
    assert page.locator("#map-missing").is_visible()
    assert "build_web.sh" in page.inner_text("#map-missing")
    assert page.locator("#events-table tbody tr").count() == 5
    shot(page, "map-vendor-missing")


def test_api_docs_page_works_offline(page, site):
    base, _, _ = site
    page.goto(base + "/docs")
    if not (ROOT / "src/clashmap/web/static/vendor/swagger-ui/swagger-ui-bundle.js").exists():
        assert page.locator("#docs-missing").is_visible()
        pytest.skip("web assets not built: docs page checked for its message only")
    page.wait_for_selector("#swagger-ui .opblock", timeout=15000)
    assert "/api/events" in page.inner_text("#swagger-ui")
    assert all(u.startswith(base + "/") or u.startswith("data:") for u in page.requests), page.requests
    assert page.errors == []
    shot(page, "api-docs")
