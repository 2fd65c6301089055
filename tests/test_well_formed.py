"""Whatever Unicode the author types into metadata, alt text or captions,
every page stays well-formed (property-based, with Hypothesis).

Each example builds a small site in this process with production settings and
reads back what a browser, a feed reader and a search engine would read: every
page parses as HTML5 with no parse error, each title, tag, topic and author
name is read back as exactly the text the author typed, JSON-LD parses and
holds the title, feeds and the sitemap parse as XML, and image alt texts and
captions come out as Markdown made them (our picture and minify steps change
no attribute). The build may also stop, but only with a message naming the
Markdown file (our content rules refuse some characters), never a traceback.
"""

import io
import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import html5lib
import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from PIL import Image

import pelicanconf
from conftest import ROOT, SITEURL, build_in_process
from therapy_ties.images.social_cards import CardFonts
from therapy_ties.reader import render

CARD_FONTS = CardFonts(str(ROOT / "theme" / "fonts"))

# Single-line text from the whole of Unicode (no surrogates, no line breaks),
# with the characters that break naive HTML mixed in often.
TRICKY = ['"', "'", "<", ">", "&", "</script>", "</title>", "<!--", "&amp;", "\u202e", "\u200f",
          "שלום", "💛", "👩‍❤️‍👨", "\u00a0", "—", "“", "”"]
# Control characters and noncharacters are refused by a content rule (tested
# in test_content_rules.py): here they would stop nearly every build.
LINE_BREAKS = "\u2028\u2029"
NONCHARACTERS = [chr(c) for c in range(0xFDD0, 0xFDF0)] + [chr(p * 0x10000 + e) for p in range(17) for e in (0xFFFE, 0xFFFF)]
any_char = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=LINE_BREAKS + "".join(NONCHARACTERS))
pieces = st.lists(st.one_of(st.text(any_char, min_size=1, max_size=12), st.sampled_from(TRICKY)),
                  min_size=1, max_size=8)
line = pieces.map("".join).map(str.strip).filter(bool)
# Tags are separated by commas (or semicolons); a name holds neither.
name = line.map(lambda value: value.replace(",", " ").replace(";", " ").strip()).filter(bool)
# Alt text and captions sit inside Markdown's ![...]( "..."): brackets, quotes
# and backslashes there are Markdown syntax, not text.
image_text = line.map(lambda value: re.sub(r'[\[\]()"\\`*_!]', " ", value).strip()).filter(bool)

PNG = io.BytesIO()
Image.new("RGB", (64, 48), "#2f5d62").save(PNG, "PNG")
SPACE = re.compile(r"\s+")


def folded(text):
    return SPACE.sub(" ", text).strip()


def article(title, author, category, tags, summary, alt, caption, slug):
    return (f"Title: {title}\nSlug: {slug}\nDate: 2026-11-02\nAuthor: {author}\nCategory: {category}\n"
            f"Tags: {', '.join(tags)}\nSummary: {summary}\n\nFirst paragraph.\n\n"
            f'![{alt}]({{static}}/images/p.png "{caption}")\n\nLast paragraph.\n')


# html5lib 1.1 follows an older HTML tokenizer, where a bare & not followed by
# a name ("A & B", which the minifier writes) was a parse error; the current
# standard allows it, and the Nu checker (tests/test_html_valid.py) agrees.
ALLOWED_NOW = {"expected-named-entity"}


def parse_html(path):
    """The page as an HTML5 parser reads it; any parse error fails the test."""
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    document = parser.parse(path.read_text(encoding="utf-8"))
    errors = [(position, code) for position, code, _ in parser.errors if code not in ALLOWED_NOW]
    assert not errors, f"{path}: {errors}"
    return document


def text_of(element):
    return folded("".join(element.itertext()))


def meta(document, key, value):
    for element in document.iter("meta"):
        if element.get(key) == value:
            return element.get("content")
    raise AssertionError(f"no <meta {key}={value!r}>")


def expected_image(alt, caption):
    """(alt, caption) as the site's Markdown reader renders them, read by a parser."""
    html = render(f'![{alt}](p.png "{caption}")')
    document = html5lib.parse(html, namespaceHTMLElements=False)
    caption = document.find(".//figcaption")
    return folded(next(document.iter("img")).get("alt")), text_of(caption) if caption is not None else ""


def assert_well_formed(build, values):
    title, author, category, tags, summary, alt, caption = values
    pages = sorted(build.output.rglob("*.html"))
    documents = {page.relative_to(build.output).as_posix(): parse_html(page) for page in pages}
    page = documents["blog/prop-a/index.html"]
    site = pelicanconf.SITENAME
    assert text_of(page.find(".//title")) == folded(f"{title} | {site}")
    assert text_of(page.find(".//h1")) == folded(title)
    assert folded(meta(page, "property", "og:title")) == folded(title)
    card_alt = (f"{title}: an article from {site}" if CARD_FONTS.can_draw(title)
                else f"{site}: {pelicanconf.SITESUBTITLE}")  # shared with the site's card
    assert folded(meta(page, "property", "og:image:alt")) == folded(card_alt)
    meta(page, "name", "description")  # present, and its attribute parsed
    ld = json.loads(page.find(".//script[@type='application/ld+json']").text)
    assert ld["@graph"][0]["headline"] == title
    byline = text_of(page.find(".//p[@class='byline']"))
    assert folded(author) in byline
    kicker = page.find(".//p[@class='kicker']/a")
    assert text_of(kicker) == folded(category)
    shown_tags = [text_of(a) for a in page.findall(".//ul[@class='tag-list']/li/a")]
    assert set(shown_tags) <= {folded(tag) for tag in tags} and shown_tags
    want_alt, want_caption = expected_image(alt, caption)
    img = page.find(".//figure//img")
    assert folded(img.get("alt")) == want_alt
    assert text_of(page.find(".//figcaption")) == want_caption
    # The pages of the topic, each tag and the author say their names whole,
    # in the heading, the <title> and the feed link's title.
    topic = documents[kicker.get("href").removeprefix(SITEURL + "/") + "index.html"]
    assert text_of(topic.find(".//h1")) == folded(f"Topic: {category}")
    assert text_of(topic.find(".//title")) == folded(f"Topic: {category} | {site}")
    feed_titles = [link.get("title") for link in topic.iter("link") if link.get("rel") == "alternate"]
    assert folded(f"{site}: {category} (Atom)") in [folded(t) for t in feed_titles]
    for link in page.findall(".//ul[@class='tag-list']/li/a"):
        tag_page = documents[link.get("href").removeprefix(SITEURL + "/") + "index.html"]
        assert text_of(tag_page.find(".//h1")) == f"Tagged “{text_of(link)}”"
    author_link = page.find(".//p[@class='byline']/a")
    author_page = documents[author_link.get("href").removeprefix(SITEURL + "/") + "index.html"]
    assert text_of(author_page.find(".//h1")) == folded(f"Articles by {author}")
    for path, document in documents.items():
        for link in document.iter("link"):
            assert link.get("href"), f"{path}: a <link> lost its href"
    for feed in sorted(build.output.glob("feeds/**/*.xml")):
        root = ElementTree.parse(feed).getroot()
        titles = [element.text for element in root.iter() if element.tag.endswith("title")]
        assert title in titles or "category" in feed.name or "category" in str(feed.parent)
    ElementTree.parse(build.output / "sitemap.xml")


def assert_stopped_naming_the_file(build):
    assert "Traceback" not in build.log
    assert re.search(r"content/blog/(a|b)\.md(:\d+)?: ", build.log), build.log


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return tmp_path_factory.mktemp("well-formed")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=line, author=name, category=name, tags=st.lists(name, min_size=1, max_size=3),
       summary=line, alt=image_text, caption=image_text)
@example(title='Why "no" is a complete sentence', author="Liron", category='Love & "care" </script>',
         tags=['a<b', '"q" & r'], summary="Love < fear? When 3 > 2 feels wrong",
         alt="Two men, one saying welcome home", caption="A caption & more")
@example(title="Love < fear? When 3 > 2 feels wrong", author="Dr. O’Brien <MD>", category="</title>",
         tags=["&amp;", "💛 love"], summary="<script>x</script>", alt="Alt with <b> & é", caption="שלום עולם")
@example(title="אהבה ושייכות 💛", author="לירון", category="זוגיות", tags=["שלום"], summary="תקציר.",
         alt="זוג מחובק על החוף", caption="כיתוב")
@example(title="\u0530", author="0", category="0&", tags=["0"], summary="0", alt="0", caption="0")  # found:
# a bare & (html5lib's older rules), and a title the card fonts cannot draw
def test_every_page_reads_back_what_the_author_typed(workspace, title, author, category, tags,
                                                     summary, alt, caption):
    values = (title, author, category, tags, summary, alt, caption)
    folder = Path(workspace) / "site"
    files = {
        "images/p.png": PNG.getvalue(),
        "blog/a.md": article(title, author, category, tags, summary, alt, caption, "prop-a"),
        "blog/b.md": article("Another article", author, category, tags[:1], "Another.", "A teal square.",
                             "Its caption.", "prop-b").replace("2026-11-02", "2026-11-01"),
    }
    build = build_in_process(folder, files, CACHE_PATH=str(Path(workspace) / "cache"))
    event("stopped: " + ", ".join(sorted(set(re.findall(r"\[([a-z-]+)\]", build.log)))) if build.returncode else "built")
    if build.returncode:
        assert_stopped_naming_the_file(build)
    else:
        assert_well_formed(build, values)
