"""Each content rule on its own (content_checks.check_file on one file), then
in a real build: the rules that would crash Pelican stop it, naming the file."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, build_in_process, line_with
from therapy_ties.checks.content_checks import check_all, check_file, check_link_schemes
from therapy_ties.checks.crash_report import names_the_file
from therapy_ties.checks.findings import Findings

SETTINGS_KEYS = ("ARTICLE_PATHS", "PAGE_PATHS", "ARTICLE_SAVE_AS", "PAGE_SAVE_AS", "INDEX_SAVE_AS",
                 "ARCHIVES_SAVE_AS", "CATEGORIES_SAVE_AS", "TAGS_SAVE_AS", "AUTHORS_SAVE_AS",
                 "TEMPLATE_PAGES", "EXTRA_PATH_METADATA", "DEFAULT_METADATA", "SLUG_REGEX_SUBSTITUTIONS")


def article(title="A title", extra="", body="Some words.\n", date="2026-11-02"):
    return f"Title: {title}\nDate: {date}\nAuthor: Liron\nCategory: C\nSummary: S.\n{extra}\n{body}"


@pytest.fixture
def settings(tmp_path):
    """Pelican's defaults with the production settings over them, as a build has them."""
    import publishconf
    from pelican.settings import DEFAULT_CONFIG

    values = {key: getattr(publishconf, key, DEFAULT_CONFIG.get(key)) for key in SETTINGS_KEYS}
    values.update(PATH=str(tmp_path / "content"), FEED_ALL_ATOM=publishconf.FEED_ALL_ATOM)
    return values


def findings_for(settings, files):
    """(rule, severity, line) of every finding, and the rules that block."""
    from pathlib import Path

    content = Path(settings["PATH"])
    for relative, text in files.items():
        (content / relative).parent.mkdir(parents=True, exist_ok=True)
        (content / relative).write_text(text, encoding="utf-8", newline="")
    found = Findings(str(content.parent))
    blocking = check_all(settings, found)
    return [(f.rule, f.severity, f.line) for f in found.items], blocking


CASES = [
    # (name, files, rule, severity, the text on the line the finding must name, blocks)
    ("repeated title", {"blog/a.md": "Title: One\nTitle: Two\nDate: 2026-11-02\n\nBody.\n"},
     "repeated-metadata", "error", "Title: Two", True),
    ("word processor line break", {"blog/a.md": article(body="First\x0bsecond.\n")},
     "control-character", "error", "First", True),
    ("C1 control from a bad copy", {"blog/a.md": article(body="Quote \x93here\x94.\n")},
     "control-character", "error", "Quote", True),
    ("300-character title", {"blog/a.md": article(title="Long " * 60)}, "slug-too-long", "error", "Title:", True),
    ("emoji-only title", {"blog/a.md": article(title="💛💛")}, "empty-slug", "error", "Title:", True),
    ("emoji-only tag", {"blog/a.md": article(extra="Tags: love, 💛\n")}, "empty-slug", "error", "Tags:", True),
    ("a noncharacter", {"blog/a.md": article(title="Odd \uffff title")}, "control-character", "error", "Title:", True),
    ("a page called Blog", {"pages/blog.md": "Title: Blog\n\nWords.\n"}, "address-taken", "error", "Title:", True),
    ("an article called Archives", {"blog/a.md": article(title="Archives")}, "address-taken", "error", "Title:", True),
    ("an article called Tags", {"blog/a.md": article(title="Tags")}, "address-taken", "error", "Title:", True),
    ("day/month order unknown", {"blog/a.md": article(date="01/04/2024")}, "ambiguous-date", "error", "Date:", False),
    ("a date in words", {"blog/a.md": article(date="March 3, 2024")}, "date-not-iso", "warning", "Date:", False),
    ("modified before date", {"blog/a.md": article(extra="Modified: 2026-10-01\n")},
     "modified-before-date", "error", "Modified:", False),
    ("no body", {"blog/a.md": article(body="")}, "empty-article", "error", "Summary:", False),
    ("a pasted script", {"blog/a.md": article(body='Book:\n\n<script src="https://x.example/w.js"></script>\n')},
     "script-in-content", "error", "<script", False),
    ("an onclick", {"blog/a.md": article(body='<a href="#" onclick="go()">go</a>\n')},
     "script-in-content", "error", "onclick", False),
    ("an iframe", {"blog/a.md": article(body='<iframe src="https://video.example/1"></iframe>\n')},
     "script-in-content", "error", "<iframe", False),
    ("angle quotes typed as << >>", {"blog/a.md": article(body="She called it <<home>>, and meant it.\n")},
     "unknown-tag", "error", "<<home>>", False),
    ("a word in angle brackets in the summary", {"blog/a.md": article(extra="Slug: s\n").replace(
        "Summary: S.", "Summary: Words <maybe later> here.")}, "unknown-tag", "error", "Summary:", False),
    ("an http link", {"blog/a.md": article(body="See [this](http://example.org/x).\n")},
     "insecure-link", "warning", "http://", False),
    ("a pasted button's javascript: link", {"blog/a.md": article(body="[Book now](javascript:void(0))\n")},
     "link-scheme", "error", "javascript:", False),
    ("javascript: in an HTML link, spelt to get past a filter",
     {"blog/a.md": article(body='<a class="b" href=" &#106;ava\tscript:go()">Book</a>\n')},
     "link-scheme", "error", "<a class", False),
    ("a data: image", {"blog/a.md": article(body="![A calm room](data:image/png;base64,iVBORw0KGgo=)\n")},
     "link-scheme", "error", "data:", False),
    ("a file: link in a reference", {"blog/a.md": article(body="See [the form][f].\n\n[f]: file:///C:/form.pdf\n")},
     "link-scheme", "error", "[f]:", False),
    ("an ftp autolink", {"blog/a.md": article(body="Files at <ftp://files.example.org/x>.\n")},
     "link-scheme", "error", "<ftp:", False),
    ("a javascript: link in the summary", {"blog/a.md": article().replace("Summary: S.", "Summary: [S](javascript:x).")},
     "link-scheme", "error", "Summary:", False),
    ("{filename} to an image", {"blog/a.md": article(body="A [photo]({filename}/images/x.jpg).\n"),
                                "images/x.jpg": "a photograph"},
     "filename-for-static", "warning", "[photo]", False),
    ("a kind of link Pelican does not know", {"blog/a.md": article(body='<a href="{sitemap}/x">y</a>\n')},
     "unknown-link-kind", "warning", "<a href", False),
    ("a private note", {"blog/a.md": article(body="Words.\n\n<!-- note to self:\nask about Tuesday -->\n")},
     "private-note", "note", "<!-- note", False),
    ("a private note in the summary", {"blog/a.md": article().replace("Summary: S.", "Summary: S. <!-- why -->")},
     "private-note", "note", "Summary:", False),
    ("a note in the title", {"blog/a.md": article(title="Anger <!-- for J. -->", extra="Slug: s\n")},
     "note-in-metadata", "error", "Title:", False),
    ("two files, one address", {"blog/a.md": article(title="Same"), "blog/b.md": article(title="Same")},
     "duplicate-slug", "error", "Title:", True),
]


@pytest.mark.parametrize("name, files, rule, severity, needle, blocks", CASES, ids=[c[0] for c in CASES])
def test_each_rule_names_the_line(settings, name, files, rule, severity, needle, blocks):
    found, blocking = findings_for(settings, files)
    text = next(iter(files.values()))
    assert (rule, severity, line_with(text.replace("\r\n", "\n"), needle)) in found, found
    assert (rule in blocking) == blocks


def test_code_examples_of_scripts_are_not_findings(settings):
    body = "Write it like this:\n\n```\n<script>alert(1)</script>\n```\n\nor `<a onclick=\"x\">`.\n\n    <script>\n"
    found, _ = findings_for(settings, {"blog/a.md": article(body=body)})
    assert not [f for f in found if f[0] == "script-in-content"]


def test_comments_in_code_are_shown_not_private_notes_and_each_note_is_named_once(settings):
    body = ("```\n<!-- an example in a fence -->\n```\n\n`<!-- in a code span -->`\n\n"
            "    <!-- indented code -->\n\nOne <!-- a --> two <!--> three <!---> four <!-- b\n"
            "still b --> five.\n")
    found, _ = findings_for(settings, {"blog/a.md": article(body=body)})
    text = article(body=body)
    assert [f for f in found if f[0] == "private-note"] == [
        ("private-note", "note", line_with(text, "One <!--"))] * 4, found


def test_links_readers_can_follow_are_not_findings(settings):
    body = ("[a](https://example.org/) [b](mailto:hello@example.org) [c](tel:+18185550100) [d](#part)\n"
            "[e]({filename}/blog/b.md) [f](|filename|/blog/b.md) [g](../b/) [h](<https://example.org/a b>)\n"
            '<a href="HTTPS://example.org/">i</a> <img src="{static}/images/x.jpg" alt="x"> '
            "<https://example.org/> ratio 3:4, a time 9:30 and `[x](javascript:shown)` in code.\n\n"
            "    [y](javascript:in-indented-code)\n")
    found, _ = findings_for(settings, {"blog/a.md": article(body=body)})
    assert not [f for f in found if f[0] == "link-scheme"], found


@given(st.sampled_from(["javascript", "JavaScript", "data", "vbscript", "file", "ftp", "blob"]),
       st.sampled_from(["", " ", "&#x20;", "&#1;"]), st.sampled_from(["", "\t", "&#x09;", "&#10;"]),
       st.sampled_from(["[t]({})", "![t](<{}>)", '<a href="{}">y</a>', "<img src='{}' alt=''>", "[t]: {}"]))
def test_a_scheme_readers_cannot_follow_is_found_however_it_is_written(scheme, lead, inner, form):
    """Leading spaces and control characters, tabs and line breaks inside the
    scheme, and character references: each as a browser would still read it."""
    if form.startswith(("[", "!")):  # a Markdown address is one word: a space before it at most
        lead, inner = (" " if lead else ""), ""
    target = lead + scheme[:2] + inner + scheme[2:] + ":x"
    lines = ["Title: T", "", form.format(target)]
    findings = Findings()
    check_link_schemes("a.md", "\n".join(lines), lines, findings)
    assert [(f.rule, f.line) for f in findings.items] == [("link-scheme", 3)], lines


def test_html_tags_addresses_and_code_in_angle_brackets_are_not_unknown_tags(settings):
    body = ("Pasted <span class=\"x\">words</span><br> and <abbr title=\"a\">A</abbr>, a <my-widget>,\n"
            "<https://example.org/> and <me@example.org>, `<quote>` in code, a <3, and x < y > z.\n\n"
            "    <quote>\n")
    found, _ = findings_for(settings, {"blog/a.md": article(title="Why <quote> marks", body=body)})
    assert not [f for f in found if f[0] == "unknown-tag"], found


def test_ordinary_content_has_no_findings(settings):
    body = "A paragraph with “quotes”, 3 < 4 & 5 > 2.\n\n[A link](https://example.org/)\n"
    files = {"blog/a.md": article(title="Love < fear? When 3 > 2 feels wrong", body=body),
             "blog/b.md": "\ufeff" + article(title="Windows line endings").replace("\n", "\r\n"),
             "blog/c.md": article(title="Written in Hebrew", extra="Slug: hebrew\nLang: he\n", body="שלום עולם.\n"),
             "blog/d.md": article(extra="Slug: d\nModified: 2026-11-03 10:00\n")}
    assert findings_for(settings, files) == ([], [])


def test_line_numbers_are_the_editors_even_after_a_line_separator(settings):
    text = article(body="One\u2028two.\n\nThree\x0bfour.\n")
    found, _ = findings_for(settings, {"blog/a.md": text})
    assert ("control-character", "error", text.split("\n").index("Three\x0bfour.") + 1) in found


def test_check_file_returns_the_address(settings, tmp_path):
    path = tmp_path / "a.md"
    path.write_text(article(title="Café au lait"), encoding="utf-8")
    assert check_file("article", str(path), settings, Findings()) == ("cafe-au-lait", 1, True)


# -- in a real build ----------------------------------------------------------
IMAGE = (ROOT / "content/images/two-men-embracing.jpg").read_bytes()
BUILD_CASES = {
    "repeated title": ({"blog/a.md": "Title: One\nTitle: Two\nDate: 2026-11-02\nSummary: s\n\nBody.\n"},
                       "content/blog/a.md:2"),
    "line break character": ({"blog/a.md": article(body="A line\x0bbreak.\n")}, "content/blog/a.md:7"),
    "ambiguous date": ({"blog/a.md": article(date="01/04/2024")}, "content/blog/a.md:2"),
    "pasted script": ({"blog/a.md": article(body='<script src="https://x.example/w.js"></script>\n')},
                      "content/blog/a.md:7"),
}


@pytest.mark.parametrize("name", sorted(BUILD_CASES))
def test_production_stops_with_the_file_and_line_and_no_traceback(tmp_path, name):
    files, where = BUILD_CASES[name]
    build = build_in_process(tmp_path, files)
    assert build.returncode == 1, build.log
    assert where in build.log and "Fix:" in build.log
    assert not (build.output / "blog/index.html").exists() or "Traceback" not in build.log


def test_odd_but_valid_content_builds(tmp_path):
    pasted = """Before <img src="{static}/images/two men.jpg" alt='Two men, one saying "welcome home" & 3 > 2'> after.\n"""
    files = {"images/two men.jpg": IMAGE,
             "blog/a.md": article(body="![Two men hugging.](<{static}/images/two men.jpg>)\n\n" + pasted),
             "blog/b.md": "\ufeff" + article(title="Windows").replace("\n", "\r\n")}
    build = build_in_process(tmp_path, files)
    assert build.returncode == 0, build.log
    page = (build.output / "blog/a-title/index.html").read_text(encoding="utf-8")
    assert "two%20men." in page and "two men." not in page.split("<picture>")[1].split("</picture>")[0]
    from bs4 import BeautifulSoup

    images = BeautifulSoup(page, "html.parser").select(".article-body picture img")
    assert [img["alt"] for img in images] == ["Two men hugging.", 'Two men, one saying "welcome home" & 3 > 2']
    assert set(images[1].attrs) == {"alt", "src", "width", "height", "loading", "decoding"}
    assert (build.output / "blog/windows/index.html").exists()


def test_an_unexpected_failure_names_the_file_being_worked_on(caplog):
    class Content:
        source_path = "content/blog/odd.md"

    def step():
        content = Content()  # noqa: F841 (what the guard finds in the failing frame)
        raise TypeError("unhashable type: 'list'")

    with pytest.raises(SystemExit) as stopped:
        names_the_file(step)()
    assert "content/blog/odd.md" in str(stopped.value) and "TypeError" in str(stopped.value)
    assert "please report it" in str(stopped.value)


def test_an_article_in_hebrew_is_marked_right_to_left_in_page_feed_and_sitemap(tmp_path):
    import xml.etree.ElementTree as ElementTree
    from urllib.parse import quote

    from bs4 import BeautifulSoup

    files = {"blog/a.md": article(title="קשר וקרבה", extra="Slug: קשר\nLang: he\n", body="שלום עולם.\n"),
             "blog/b.md": article(title="In English")}
    build = build_in_process(tmp_path, files)
    assert build.returncode == 0, build.log
    page = BeautifulSoup((build.output / "blog/קשר/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.html["lang"] == "en"
    body = page.select_one("article.article")
    assert (body["lang"], body["dir"]) == ("he", "rtl")
    assert (page.select_one("aside.consultation")["lang"], page.select_one("aside.consultation")["dir"]) == ("en", "ltr")
    english = BeautifulSoup((build.output / "blog/in-english/index.html").read_text(encoding="utf-8"), "html.parser")
    assert not english.select_one("article.article").has_attr("lang")
    feed = (build.output / "feeds/all.atom.xml").read_text(encoding="utf-8")
    atom = "{http://www.w3.org/2005/Atom}"
    entries = {entry.find(f"{atom}title").text: entry.find(f"{atom}content").text
               for entry in ElementTree.fromstring(feed).iter(f"{atom}entry")}
    assert entries["קשר וקרבה"].startswith('<div lang="he" dir="rtl">')
    assert not entries["In English"].startswith("<div")
    assert "<aside" not in entries["קשר וקרבה"]  # the call-to-action is a plain paragraph in feeds too
    sitemap = ElementTree.parse(build.output / "sitemap.xml").getroot()
    locations = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert f"https://therapyties.test/blog/{quote('קשר')}/" in locations
    assert all(location.isascii() for location in locations)
