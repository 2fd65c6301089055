"""Loading every page in Chromium asks no other host for anything, sets no
cookie, stores nothing, and breaks no rule of the site's strict CSP."""

from urllib.parse import urlparse

from conftest import site_paths


def test_no_page_requests_another_host_sets_cookies_or_stores_anything(served_site, browser):
    host = urlparse(served_site.siteurl).netloc
    context = browser.new_context()
    page = context.new_page()
    elsewhere, blocked, stored = [], [], []
    current = {"path": ""}
    page.on("request", lambda request: urlparse(request.url).netloc != host
            and request.url.split(":")[0] in ("http", "https", "ws", "wss")
            and elsewhere.append(f"{current['path']}: {request.url}"))
    page.on("console", lambda message: "Content Security Policy" in message.text
            and blocked.append(f"{current['path']}: {message.text}"))
    paths = site_paths(served_site)
    for path in paths:
        current["path"] = path
        page.goto(served_site.siteurl + path, wait_until="networkidle")
        counts = page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")
        if counts != [0, 0, ""]:
            stored.append(f"{path}: {counts}")
    cookies = context.cookies()
    context.close()
    assert len(paths) > 30
    assert not elsewhere, "\n".join(elsewhere)
    assert not blocked, "\n".join(blocked)
    assert not stored, "\n".join(stored)
    assert cookies == []


def test_no_inline_script_or_style_that_a_strict_csp_would_block(served_site):
    for file in served_site.pages():
        page = served_site.html(file)
        # JSON-LD is a data block: never executed, so no CSP applies to it.
        inline = [s for s in page.find_all("script") if not s.get("src") and s.get("type") != "application/ld+json"]
        assert not inline, file
        assert not page.find_all("style"), file
        assert not page.find_all(style=True), file
        handlers = [a for tag in page.find_all(True) for a in tag.attrs if a.startswith("on")]
        assert not handlers, f"{file}: {handlers}"
        csp = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        assert "unsafe-inline" not in csp and "default-src 'none'" in csp, file
