"""The consultation call-to-action: where it appears, what it says, in pages and feeds."""

import feedparser
import pytest

import pelicanconf
from conftest import SITEURL, build_scratch, line_with

CTA = pelicanconf.CONSULTATION
HEAD = "Title: {title}\nDate: 2026-11-0{day}\nAuthor: Liron\nCategory: Tests\nSummary: A test.\n"


def article(title, day, metadata="", body="Some words.\n"):
    return HEAD.format(title=title, day=day) + metadata + "\n" + body


CORPUS = {
    "blog/default.md": article("Default", 1),
    "blog/off.md": article("Off", 2, "Consultation: off\n"),
    "blog/variant.md": article("Variant", 3, "Consultation: anger-management\n"),
    "blog/overridden.md": article(
        "Overridden", 4,
        "Consultation: relationship-therapy\nConsultation_heading: Our own heading\n"
        "Consultation_intro: Our own intro.\nConsultation_steps: First step.\n    Second step.\n    Third step.\n",
    ),
    "blog/inline.md": article(
        "Inline", 5, body="Before.\n\n[consultation: Let’s talk about it.]\n\nAfter the marker.\n"
    ),
    "pages/plain-page.md": "Title: Plain page\nSlug: plain-page\n\nNo call-to-action here.\n",
    "pages/service.md": "Title: A service\nSlug: a-service\nConsultation: couples-therapy\n\nWords.\n",
}


@pytest.fixture(scope="module")
def cta_site(tmp_path_factory):
    build = build_scratch(tmp_path_factory.mktemp("cta"), CORPUS, fatal="warnings")
    assert build.returncode == 0, build.log
    return build


def asides(build, path):
    return build.html(path).select("aside.consultation")


def test_every_article_ends_with_the_default_call_to_action_once(cta_site):
    body = cta_site.html("blog/default/index.html").select_one(".article-body")
    found = body.select("aside.consultation")
    assert len(found) == 1
    aside = found[0]
    assert aside.h2.get_text() == CTA["heading"]
    assert [li.get_text() for li in aside.select("ol li")] == CTA["steps"]
    button = aside.select_one("a.button")
    assert button.get_text() == "Schedule a free 15-minute consultation"
    assert button["href"] == f"{SITEURL}/free-consultation/"
    assert body.find_all(recursive=False)[-1] is aside


def test_no_tel_or_mailto_links_while_those_settings_are_empty(cta_site):
    aside = asides(cta_site, "blog/default/index.html")[0]
    assert not aside.select('a[href^="tel:"], a[href^="mailto:"]')


def test_turned_off_by_metadata(cta_site):
    assert asides(cta_site, "blog/off/index.html") == []


def test_service_variant_names_the_service(cta_site):
    aside = asides(cta_site, "blog/variant/index.html")[0]
    variant = CTA["variants"]["anger-management"]
    assert aside.h2.get_text() == variant["heading"]
    assert "anger management" in aside.get_text()
    assert [li.get_text() for li in aside.select("ol li")] == variant["steps"]


def test_metadata_overrides_heading_intro_and_steps(cta_site):
    aside = asides(cta_site, "blog/overridden/index.html")[0]
    assert aside.h2.get_text() == "Our own heading"
    assert aside.p.get_text() == "Our own intro."
    assert [li.get_text() for li in aside.select("ol li")] == ["First step.", "Second step.", "Third step."]


def test_inline_marker_places_it_there_with_its_words_as_the_label(cta_site):
    body = cta_site.html("blog/inline/index.html").select_one(".article-body")
    found = body.select("aside.consultation")
    assert len(found) == 1
    assert found[0].select_one("a.button").get_text() == "Let’s talk about it."
    assert "[consultation" not in body.get_text()
    assert found[0].find_next_sibling("p").get_text() == "After the marker."


def test_pages_only_when_asked_and_never_on_the_consultation_page(cta_site):
    assert asides(cta_site, "plain-page/index.html") == []
    assert asides(cta_site, "free-consultation/index.html") == []
    service = asides(cta_site, "a-service/index.html")
    assert len(service) == 1 and "couples therapy" in service[0].get_text()


def test_feed_carries_a_plain_paragraph_with_an_absolute_link(cta_site):
    feed = feedparser.parse(str(cta_site.output / "feeds/all.atom.xml"))
    assert not feed.bozo
    entries = {entry.title: entry.content[0].value for entry in feed.entries}
    assert "Schedule a free 15-minute consultation" in entries["Default"]
    assert f'<a href="{SITEURL}/free-consultation/">' in entries["Default"]
    assert "<aside" not in entries["Default"]
    assert "Let’s talk about it." in entries["Inline"] and "<aside" not in entries["Inline"]
    assert "free-consultation" not in entries["Off"]


def test_the_launch_site_uses_the_seeds_own_closing_words(site):
    aside = site.html("blog/when-connection-feels-hard/index.html").select("aside.consultation")
    assert len(aside) == 1
    assert aside[0].h2.get_text().startswith("Ready to Reconnect and Rebuild Emotional Closeness?")
    assert len(aside[0].select("ol li")) == 3
    inline = site.html("blog/strengthening-emotional-connection/index.html").select("aside.consultation")
    assert inline[0].select_one("a.button").get_text() == "Let’s talk about what reconnecting could look like for you."
    for path in ("about/index.html", "services/couples-therapy/index.html"):
        assert len(site.html(path).select("aside.consultation")) == 1, path
    assert site.html("free-consultation/index.html").select("aside.consultation") == []


@pytest.mark.parametrize("name, files, needle, expected", [
    ("unknown variant", {"blog/a.md": article("A", 1, "Consultation: yoga\n")},
     "Consultation: yoga", "unknown consultation variant 'yoga'"),
    ("two markers", {"blog/a.md": article("A", 1, body="[consultation]\n\nWords.\n\n[consultation]\n")},
     "[consultation]", "2 [consultation] markers"),
    ("marker on the consultation page", {"pages/free-consultation.md":
     "Title: Free consultation\nSlug: free-consultation\n\n[consultation]\n"},
     "[consultation]", "the consultation page cannot carry"),
])
def test_bad_metadata_is_an_error_naming_the_file_and_line(scratch_site, name, files, needle, expected):
    build = scratch_site(files, fatal="errors")
    assert build.returncode != 0, name
    (relative, text), = files.items()
    location = f"content/{relative}:{line_with(text, needle)}: [consultation] {expected}"
    assert location in build.log, build.log


def test_no_link_at_all_is_an_error(scratch_site):
    files = {"pages/free-consultation.md": "Title: Contact\nSlug: contact\n\nWords.\n",
             "blog/a.md": article("A", 1)}
    build = scratch_site(files, fatal="errors")
    assert build.returncode != 0
    assert "no booking link" in build.log and "booking_url" in build.log
