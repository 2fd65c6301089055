"""Dates the practice has not confirmed (`Date_confirmed: no`) are never shown
as real: not to readers, feeds, search engines or the sitemap; the launch check
lists them and publishing waits for them. A new article needs no such line."""

import json

from hypothesis import given
from hypothesis import strategies as st

from conftest import build_in_process, line_with
from scripts import launch_check
from therapy_ties.features import dates

CONFIRMED = "Title: Written today\nDate: 2026-11-20 10:00\nSummary: New.\n\nA new article.\n"
UNCONFIRMED = ("Title: From the old site\nDate: 2026-10-05 09:00\nDate_confirmed: no\n"
               "Summary: Old.\n\nAn article from the old site.\n")


def json_ld(document):
    items = {}
    for script in document.select('script[type="application/ld+json"]'):
        for item in json.loads(script.string).get("@graph", []):
            items[item["@type"]] = item
    return items


def build(tmp_path, **extra):
    files = {"blog/new.md": CONFIRMED, "blog/old.md": UNCONFIRMED}
    return build_in_process(tmp_path, files, FEED_ALL_ATOM="feeds/all.atom.xml", FEED_ALL_RSS="feeds/all.rss.xml",
                            **extra)


def test_an_unconfirmed_date_is_shown_nowhere_and_a_confirmed_one_everywhere(tmp_path):
    site = build(tmp_path)
    assert site.returncode == 0, site.log
    old, new = site.html("blog/from-the-old-site/index.html"), site.html("blog/written-today/index.html")

    assert old.select_one(".byline").get_text(" ", strip=True).startswith("Date to be confirmed")
    assert old.select_one(".byline time") is None
    assert old.find("meta", property="article:published_time") is None
    assert not {"datePublished", "dateModified"} & json_ld(old)["BlogPosting"].keys()

    assert new.select_one(".byline time")["datetime"].startswith("2026-11-20T10:00")
    assert new.find("meta", property="article:published_time")["content"].startswith("2026-11-20")
    assert json_ld(new)["BlogPosting"]["datePublished"].startswith("2026-11-20")

    for listing in ("blog/index.html", "blog/archives/index.html"):
        text = site.html(listing).get_text(" ")
        assert "Date to be confirmed" in text and "October 5, 2026" not in text, listing
        assert "November 20, 2026" in text, listing
    archives = site.html("blog/archives/index.html")
    headings = [h.get_text(strip=True) for h in archives.select("main h2")]
    assert headings == ["2026", "Date to be confirmed"], "no year for a date nobody confirmed"
    under = [h.find_next("ul").get_text(" ", strip=True) for h in archives.select("main h2")]
    assert "Written today" in under[0] and "From the old site" not in under[0]
    assert under[1] == "From the old site"
    for feed in ("feeds/all.atom.xml", "feeds/all.rss.xml"):
        xml = (site.output / feed).read_text(encoding="utf-8")
        entries = xml.split("<entry>" if feed.endswith("atom.xml") else "<item>")[1:]
        marked = [entry for entry in entries if "Date to be confirmed" in entry]
        assert len(marked) == 1 and "From the old site" in marked[0], feed

    sitemap = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    old_entry = sitemap.split("/blog/from-the-old-site/</loc>")[1].split("</url>")[0]
    new_entry = sitemap.split("/blog/written-today/</loc>")[1].split("</url>")[0]
    assert "<lastmod>" not in old_entry and "<lastmod>2026-11-20" in new_entry
    assert "2026-10-05" not in sitemap


def test_the_launch_check_lists_each_unconfirmed_date_with_its_file_and_lines(tmp_path):
    content = tmp_path / "content"
    (content / "blog").mkdir(parents=True)
    (content / "blog" / "old.md").write_text(UNCONFIRMED, encoding="utf-8")
    (content / "blog" / "new.md").write_text(CONFIRMED, encoding="utf-8")
    (content / "blog" / "draft.md").write_text(UNCONFIRMED.replace("Summary", "Status: draft\nSummary"),
                                               encoding="utf-8")
    settings = {"PATH": str(content), "ARTICLE_PATHS": ["blog"], "PAGE_PATHS": ["pages"]}
    items = [item for item in launch_check.missing(settings, content) if "first appeared" in item.what]
    assert [item.what for item in items] == ["the date “From the old site” first appeared on the practice's old site"]
    assert items[0].required
    setting = items[0].setting
    assert setting.startswith("content/blog/old.md: ")
    assert f"line {line_with(UNCONFIRMED, 'Date: ')}, `Date: YYYY-MM-DD`" in setting
    assert f"delete line {line_with(UNCONFIRMED, 'Date_confirmed')}" in setting

    (content / "blog" / "old.md").write_text(UNCONFIRMED.replace("Date_confirmed: no\n", ""), encoding="utf-8")
    assert not [item for item in launch_check.missing(settings, content) if "first appeared" in item.what]


def test_a_marker_that_is_neither_yes_nor_no_stops_the_build_with_its_line(tmp_path):
    text = UNCONFIRMED.replace("Date_confirmed: no", "Date_confirmed: soon")
    site = build_in_process(tmp_path, {"blog/old.md": text})
    assert site.returncode == 1
    assert f"blog/old.md:{line_with(text, 'Date_confirmed')}: [date-confirmed-value]" in site.log
    assert "Traceback" not in site.log


@given(st.text(max_size=12))
def test_only_a_no_leaves_a_date_unconfirmed(value):
    assert dates.is_confirmed(value) == (value.strip().lower() != "no")
    assert dates.is_confirmed(None)
