"""Checks a built site with the web's own tools: the W3C Nu HTML Checker and
axe-core in Chromium. Used by the test suite and by `invoke check`/`publish`.

Each check returns (available, problems): available is False when its tool is
not installed here (`invoke test` installs them); problems are readable lines.
"""

import json
import shutil
import socket
import subprocess
import threading
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
AXE = ROOT / "node_modules/axe-core/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
# As the machine's notes advise: without the background-networking flags,
# Chromium keeps trying to reach Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def html_pages(output):
    return sorted(Path(output).rglob("*.html"))


def url_paths(output):
    """Every HTML page as the URL path a reader would visit."""
    return ["/" + p.relative_to(output).as_posix().removesuffix("index.html") for p in html_pages(output)]


def nu_html_check(output):
    """(available, errors, warnings) from vnu.jar over every page, read as files
    (the checker refuses to fetch from 127.0.0.1)."""
    java = shutil.which("java")
    if not java or not VNU.exists():
        return False, [], []
    pages = [str(p) for p in html_pages(output)]
    result = subprocess.run([java, "-jar", str(VNU), "--format", "json", *pages],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout)["messages"]

    def line(m):
        where = m.get("url", "").removeprefix("file:")
        return f"{Path(where).relative_to(output) if where.startswith(str(output)) else where}:{m.get('lastLine', '')}: {m['message']}"

    # "non-document-error": the checker could not read a page; that is an error too.
    errors = [line(m) for m in messages if m["type"] != "info"]
    warnings = [line(m) for m in messages if m["type"] == "info" and m.get("subType") == "warning"]
    return True, errors, warnings


@contextmanager
def served(output, port=None):
    """Serve a folder on 127.0.0.1 as a static host would; yields the base URL."""
    handler = partial(_QuietHandler, directory=str(output))
    server = ThreadingHTTPServer(("127.0.0.1", port or free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def chromium_path():
    return shutil.which("chromium")


def axe_violations(browser, base_url, paths, scheme="light", viewport=(390, 844)):
    """Every axe-core violation on the pages, as readable lines."""
    axe = AXE.read_text(encoding="utf-8")
    # bypass_csp: the site's CSP (rightly) forbids injected scripts; axe is ours.
    context = browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]},
        color_scheme=scheme, bypass_csp=True, reduced_motion="reduce",
    )
    page = context.new_page()
    problems = []
    for path in paths:
        page.goto(base_url + path)
        page.evaluate(axe)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS,
        )
        for violation in result["violations"]:
            for node in violation["nodes"]:
                problems.append(f"{path} [{violation['id']}] {violation['help']}: {node['target']}")
    context.close()
    return problems


def axe_check(output, base_url):
    """(available, violations) at a phone width in the light scheme, on a site
    built for and served at base_url."""
    if not chromium_path() or not AXE.exists():
        return False, []
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            return True, axe_violations(browser, base_url, url_paths(output))
        finally:
            browser.close()
