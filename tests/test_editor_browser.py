"""The editor as the author meets it: `python -m editor` (what `invoke write`
and the launcher run) in a copy of the project that is a git repository,
driven in Debian's Chromium by the accessible names the issue gives, from a
new article to a published preview; axe-core on each screen."""

import io
import re
import subprocess
import sys
import time

import pytest
from PIL import Image
from playwright.sync_api import expect

from conftest import require
from scripts import site_checks

HAND_WRITTEN = "content/blog/rebuild-trust-after-emotional-distance.md"
# Written by hand as Pelican allows, not as the editor would: a day without a
# time, a capitalised status, a consultation value the form's list does not offer.
ODD_BY_HAND = ("Title: Written by hand\r\nDate: 2026-10-12\r\nAuthor: Liron\r\nCategory: Trust and Repair\r\n"
               "Status: Published\r\nConsultation: on\r\nSummary: Kept as it is.\r\n\r\nWords.\r\n")


class Editor:
    def __init__(self, project, target):
        self.project, self.target = project, target
        self.port = site_checks.free_port()
        self.log_path = project / "editor.log"
        self.process = subprocess.Popen([sys.executable, "-m", "editor", "--port", str(self.port), "--no-browser"],
                                        cwd=project, stdout=open(self.log_path, "w"), stderr=subprocess.STDOUT)
        start = time.monotonic()
        while not re.search(r"http://127\.0\.0\.1:\d+/\?token=\S+", self.log()):
            assert self.process.poll() is None and time.monotonic() - start < 60, self.log()
            time.sleep(0.05)
        self.url = re.search(r"http://127\.0\.0\.1:\d+/\?token=\S+", self.log())[0]
        self.base = f"http://127.0.0.1:{self.port}"

    def log(self):
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture
def editor(project, tmp_path):
    """The editor on a copy of the project (a git repository, as a clone is),
    publishing to a folder."""
    target = tmp_path / "published"
    with open(project / "publishconf.py", "a", encoding="utf-8") as settings:
        settings.write(f"\nPUBLISH_TARGET = {str(target)!r}\n")
    (project / "content/blog/written-by-hand.md").write_bytes(ODD_BY_HAND.encode())
    for command in (["init", "-q"], ["add", "-A"], ["-c", "user.name=Setup", "-c", "user.email=setup@localhost",
                                                   "commit", "-qm", "The site"]):
        subprocess.run(["git", *command], cwd=project, check=True)
    running = Editor(project, target)
    yield running
    running.stop()


def photograph(path):
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), (90, 140, 160)).save(buffer, "JPEG", quality=80)
    path.write_bytes(buffer.getvalue())
    return path


def axe(page):
    page.evaluate(site_checks.AXE.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, "
                           "resultTypes: ['violations']})", site_checks.AXE_TAGS)
    return [f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']]}" for v in result["violations"]]


def wait_for_text(locator, words, timeout=30_000):
    from playwright.sync_api import TimeoutError as Timeout

    try:
        locator.page.wait_for_function(
            "([element, words]) => element.textContent.includes(words)", arg=[locator.element_handle(), words],
            timeout=timeout)
    except Timeout:
        pytest.fail(f"{words!r} never appeared; it says {locator.text_content()!r}")


def test_write_illustrate_fix_save_restore_and_publish_a_preview(editor, browser, tmp_path):
    require("chromium", "apt-get install chromium")
    # bypass_csp: only so that axe-core (ours) can be injected; the editor's own policy is tested without a browser.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(editor.url)
    assert "token" not in page.url  # the token went into the cookie
    assert axe(page) == [], "the list of articles and pages"

    # A new article: its words, a link to a page that does not exist, then the fix.
    page.get_by_role("link", name="New article").click()
    page.get_by_label("Title").fill("Finding our way back")
    page.get_by_label("Summary").fill("Repair happens in small moments.")
    page.get_by_label("Status").select_option(label="Published")
    body = page.get_by_role("textbox", name="Body")
    body.click()
    page.keyboard.type("Small moments of repair matter. Read [how we work]({filename}/blog/no-such-article.md).")
    findings = page.locator("#findings")
    # The first preview waits for the site's first build (its images encoded once).
    page.wait_for_function("document.querySelector('#preview').src.includes('/preview/')", timeout=180_000)
    wait_for_text(findings, "does not exist")
    expect(page.get_by_label("Slug")).to_have_value("finding-our-way-back")  # the project's slug of the title
    assert "Line 1: the link points at /blog/no-such-article.md" in findings.text_content()  # the text's line 1
    page.locator(".cm-lintRange-error").first.wait_for()  # marked on its line
    page.keyboard.press("Control+a")
    page.keyboard.type("Small moments of repair matter.")
    wait_for_text(findings, "None.")

    # A photograph: its alt text is asked before it goes in.
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Add image").click()
    chooser.value.set_files(str(photograph(tmp_path / "Our Office.JPG")))
    assert axe(page) == [], "the image dialog"
    page.get_by_role("button", name="Insert image").click()
    assert "Alt text" in page.locator("#image-problem").text_content()  # nothing inserted without it
    page.get_by_label("Alt text").fill("A quiet therapy room with two armchairs")
    page.get_by_role("button", name="Insert image").click()
    preview = page.frame_locator("iframe[title=Preview]")
    preview.get_by_role("img", name="A quiet therapy room with two armchairs").wait_for(timeout=30_000)
    assert (editor.project / "content/images/our-office.jpg").exists()
    assert "Small moments of repair matter." in preview.locator("main").inner_text()
    assert axe(page) == [], "the editing screen"
    # At a phone's width and in the dark scheme, whatever this computer's scheme.
    page.get_by_label("Phone").check()
    page.get_by_label("Dark").check()
    page.wait_for_function("""() => { const frame = document.querySelector('#preview');
        return frame.contentWindow.location.pathname.startsWith('/preview/dark/')
            && frame.contentDocument.readyState === 'complete'; }""")
    body = preview.locator("body")
    assert body.evaluate("b => b.ownerDocument.defaultView.innerWidth") == 390
    background = body.evaluate("b => getComputedStyle(b).backgroundColor")
    assert sum(int(n) for n in re.findall(r"\d+", background)[:3]) < 150, background

    page.get_by_role("button", name="Save", exact=True).click()
    wait_for_text(page.locator("#save-status"), "Saved")
    saved = editor.project / "content/blog/finding-our-way-back.md"
    first = saved.read_bytes()
    assert first.startswith(b"Title: Finding our way back\n") and b"Status: published\n" in first
    assert b"![A quiet therapy room with two armchairs]({static}/images/our-office.jpg)" in first

    # Reopened and saved unchanged: the same bytes; a file written by hand too.
    for path, relative in ((saved, "blog/finding-our-way-back.md"),
                           (editor.project / HAND_WRITTEN, HAND_WRITTEN.removeprefix("content/")),
                           (editor.project / "content/blog/written-by-hand.md", "blog/written-by-hand.md")):
        before = path.read_bytes()
        page.goto(f"{editor.base}/edit?path={relative}")
        page.get_by_label("Title").wait_for()
        page.wait_for_function("document.querySelector('#preview').src.includes('/preview/')")
        page.get_by_role("button", name="Save", exact=True).click()
        wait_for_text(page.locator("#save-status"), "Saved")
        assert path.read_bytes() == before, relative

    # Changed on disk since it was opened: never overwritten silently.
    page.goto(f"{editor.base}/edit?path=blog/finding-our-way-back.md")
    page.get_by_label("Title").wait_for()
    on_disk = first.replace(b"Small moments", b"Changed in another program. Small moments")
    saved.write_bytes(on_disk)
    page.get_by_label("Summary").fill("Repair, one small moment at a time.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_role("heading", name="This file was changed since you opened it").wait_for()
    assert saved.read_bytes() == on_disk
    assert axe(page) == [], "the dialog of a file changed on disk"
    page.get_by_role("button", name="Decide later").click()

    # An earlier version restored (and saved, as the newest version).
    page.goto(f"{editor.base}/edit?path=blog/finding-our-way-back.md")
    page.get_by_label("Title").wait_for()
    restore = page.get_by_role("button", name=re.compile("Restore this version, saved"))
    restore.first.wait_for()
    restore.last.click()  # the oldest: the first save
    wait_for_text(page.locator("#save-status"), "is back in the editor")
    page.get_by_role("button", name="Save", exact=True).click()
    wait_for_text(page.locator("#save-status"), "Saved")
    assert saved.read_bytes() == first

    # Publish a preview to the folder target; the page is there.
    page.get_by_role("link", name="Launch and publish").click()
    assert axe(page) == [], "the launch and publish screen"
    assert page.get_by_role("button", name="Publish", exact=True).is_disabled()  # the launch still needs items
    page.get_by_role("button", name="Publish a preview").click()
    wait_for_text(page.locator("#publish-status"), "published", timeout=600_000)
    status = page.locator("#publish-status").text_content()
    assert status.startswith("A preview of the site was published"), page.locator("#publish-log").text_content()
    published = editor.target / "blog/finding-our-way-back/index.html"
    assert published.exists()
    assert "Small moments of repair matter." in published.read_text(encoding="utf-8")
    context.close()


def test_a_word_document_becomes_a_draft_and_a_new_page_opens(editor, browser, tmp_path):
    from docx import Document as WordDocument

    word = WordDocument()
    word.add_heading("Letters we never sent", level=1)
    word.add_paragraph("Some words are easier to write than to say.")
    word.save(tmp_path / "Letters we never sent.docx")
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    page = context.new_page()
    page.goto(editor.url)
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import from Word").click()
    chooser.value.set_files(str(tmp_path / "Letters we never sent.docx"))
    page.wait_for_url(re.compile(r"/edit\?path=blog%2Fletters-we-never-sent\.md"))
    expect(page.get_by_label("Title")).to_have_value("Letters we never sent")  # once the draft is loaded
    expect(page.get_by_label("Status")).to_have_value("draft")
    wait_for_text(page.locator("#save-status"), "Imported from Word")
    assert "Some words are easier" in (editor.project / "content/blog/letters-we-never-sent.md").read_text(encoding="utf-8")

    # A page, not an article: no tags, category, author or date to fill.
    page.goto(f"{editor.base}/edit?kind=page")
    page.get_by_label("Title").fill("Office hours")
    assert page.get_by_label("Tags").count() == 0
    page.get_by_role("textbox", name="Body").click()
    page.keyboard.type("Our hours.")
    # By keyboard: Tab indents in the text; Escape, then Tab, leaves it for the next control.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('cm-content')")
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert not page.evaluate("document.activeElement.closest('.cm-editor')")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Control+z")  # the indent undone
    page.get_by_role("button", name="Save", exact=True).click()
    wait_for_text(page.locator("#save-status"), "Saved")
    assert (editor.project / "content/pages/office-hours.md").read_text(encoding="utf-8") == \
        "Title: Office hours\nSlug: office-hours\nStatus: draft\n\nOur hours.\n"
    assert axe(page) == [], "the editing screen at a phone's width"
    page.goto(f"{editor.base}/images")
    assert page.get_by_role("link", name="blog/how-relationship-therapy-can-transform-your-connection.md").count()
    assert axe(page) == [], "the images"
    context.close()
