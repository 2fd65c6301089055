"""The author's loop: `invoke livereload`'s server (scripts/live_preview.py),
run as the author runs it, on a copy of the launch content."""

import re
import shutil
import subprocess
import sys
import time

import pytest
from scripts import site_checks

from conftest import ROOT

ARTICLE = "blog/how-relationship-therapy-can-transform-your-connection.md"
PAGE = "blog/how-relationship-therapy-can-transform-your-connection/index.html"


class Server:
    def __init__(self, folder):
        self.content = folder / "content"
        shutil.copytree(ROOT / "content", self.content)
        self.output = folder / "output"
        self.log_path = folder / "server.log"
        self.port = site_checks.free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "scripts.live_preview", "--content", str(self.content),
             "--output", str(self.output), "--port", str(self.port), "--cache", str(folder / "cache")],
            cwd=ROOT, stdout=open(self.log_path, "w"), stderr=subprocess.STDOUT, text=True)
        self.wait_for(lambda: "(ready)" in self.log(), "the first build")

    def log(self):
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def page(self, relative=PAGE):
        return (self.output / relative).read_text(encoding="utf-8")

    def wait_for(self, condition, what, timeout=120):
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            try:
                if condition():
                    return
            except FileNotFoundError:
                pass  # the output folder is being swapped
            assert self.process.poll() is None, f"the server stopped:\n{self.log()}"
            time.sleep(0.05)
        pytest.fail(f"timed out waiting for {what}:\n{self.log()}")

    def save(self, relative, change):
        path = self.content / relative
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    def stop(self):
        self.process.terminate()
        self.process.wait()


@pytest.fixture
def server(tmp_path):
    running = Server(tmp_path)
    yield running
    running.stop()


def test_saving_the_words_of_an_article_rewrites_only_its_page(server):
    listing_before = (server.output / "blog" / "index.html").stat().st_mtime_ns
    server.save(ARTICLE, lambda text: text + "\nA sentence added while previewing.\n")
    server.wait_for(lambda: "A sentence added while previewing." in server.page(), "the saved page")
    assert re.search(r"Updated \S*how-relationship-therapy-can-transform-your-connection\.md in \d+\.\d+ s", server.log())
    assert (server.output / "blog" / "index.html").stat().st_mtime_ns == listing_before
    quick = server.page()
    assert "<picture>" in quick and "consultation" in quick  # our steps ran on it

    # A full build (here: a new file appears) writes the very same page.
    (server.content / "extra" / "notes.txt").write_text("notes\n", encoding="utf-8")
    server.wait_for(lambda: "Rebuilt the site" in server.log(), "the full rebuild")
    assert server.page() == quick


def test_a_new_title_rebuilds_the_pages_that_show_it(server):
    server.save(ARTICLE, lambda text: re.sub(r"^Title: .*$", "Title: A Title Changed While Previewing",
                                             text, count=1, flags=re.M))
    server.wait_for(lambda: "Rebuilt the site" in server.log(), "the full rebuild")
    assert "A Title Changed While Previewing" in server.page("blog/index.html")


def test_a_broken_save_keeps_the_last_good_page_and_names_the_file(server):
    good = server.page()
    server.save(ARTICLE, lambda text: re.sub(r"^Date: .*$", "Date: someday", text, count=1, flags=re.M))
    server.wait_for(lambda: "Build failed" in server.log(), "the failed build")
    assert "how-relationship-therapy-can-transform-your-connection.md" in server.log() and "date" in server.log().lower()
    assert server.page() == good


def test_an_error_in_the_saved_words_keeps_the_last_good_page(server):
    good = server.page()
    server.save(ARTICLE, lambda text: text + "\n![](/images/couple-embracing-at-beach.jpg)\n")  # no alt text
    server.wait_for(lambda: "Not updated" in server.log(), "the refused update")
    assert re.search(r"how-relationship-therapy-can-transform-your-connection\.md:\d+", server.log())
    assert server.page() == good


def test_the_browser_reloads_by_itself_and_keeps_the_last_good_page_on_an_error(server, browser):
    """In Chromium, under the pages' own Content-Security-Policy: a save
    reloads the open page with the new words; an error shows in the terminal
    and the page keeps its last good version."""
    page = browser.new_page()
    blocked = []
    page.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None)
    page.goto(f"http://127.0.0.1:{server.port}/{PAGE.removesuffix('index.html')}")
    page.wait_for_function("() => performance.getEntriesByType('resource').some(e => e.name.includes('livereload.js'))")
    server.wait_for(lambda: "Browser Connected" in server.log(), "the page's websocket")
    server.save(ARTICLE, lambda text: text + "\nWords the browser shows without a keypress.\n")
    page.wait_for_function("() => document.body.innerText.includes('Words the browser shows without a keypress.')",
                           timeout=20_000)
    server.save(ARTICLE, lambda text: text + "\n![](/images/couple-embracing-at-beach.jpg)\n")  # no alt text
    server.wait_for(lambda: "Not updated" in server.log(), "the refused update")
    time.sleep(1)
    assert "Words the browser shows without a keypress." in page.inner_text("body")
    assert blocked == []
    page.close()
