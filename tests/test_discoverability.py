"""Readers and search engines find the site: feeds, sharing cards, structured
data, author pages, reading aids and site search."""

import json
from urllib.parse import urlparse

import feedparser
import pytest
from PIL import Image

from conftest import SITEURL

ARTICLE = "blog/when-connection-feels-hard/index.html"
SLUGS = [
    "when-connection-feels-hard", "how-relationship-therapy-can-transform-your-connection",
    "strengthening-emotional-connection", "when-youve-drifted-apart", "rebuild-trust-after-emotional-distance",
]


def json_ld(page):
    scripts = page.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return {item["@type"]: item for item in json.loads(scripts[0].string)["@graph"]}


@pytest.mark.parametrize("feed", ["feeds/all.atom.xml", "feeds/all.rss.xml",
                                  "feeds/category/relationship-therapy.atom.xml"])
def test_feeds_parse_and_carry_full_articles_with_absolute_links(site, feed):
    parsed = feedparser.parse(str(site.output / feed))
    assert not parsed.bozo, parsed.bozo_exception
    links = {urlparse(entry.link).path.strip("/") for entry in parsed.entries}
    expected = SLUGS if "all" in feed else SLUGS[:2]
    assert links == {f"blog/{slug}" for slug in expected}
    for entry in parsed.entries:
        assert entry.link.startswith(SITEURL + "/")
        html = entry.content[0].value if "content" in entry else entry.summary
        assert len(html) > 2000, "full content, not a summary"
        assert 'src="/' not in html and 'href="/' not in html and "{static}" not in html
        assert 'src="../' not in html and 'href="../' not in html


def test_every_page_links_its_feeds_and_has_unique_titles_and_descriptions(site):
    titles = {}
    for path in site.pages():
        page = site.html(path)
        assert page.find("link", rel="alternate", type="application/atom+xml"), path
        assert page.html["lang"] == "en"
        titles.setdefault(page.title.get_text(), []).append(path)
        assert page.find("meta", attrs={"name": "description"})["content"].strip(), path
    assert all(len(paths) == 1 for paths in titles.values()), {t: p for t, p in titles.items() if len(p) > 1}


def test_open_graph_and_twitter_tags_are_present_and_absolute(site):
    for path in site.pages():
        if path.name == "404.html":
            continue
        page = site.html(path)
        meta = {tag.get("property") or tag.get("name"): tag["content"] for tag in page.find_all("meta", content=True)}
        for key in ("og:title", "og:type", "og:url", "og:description", "og:image", "og:image:alt",
                    "og:site_name", "twitter:card", "twitter:image:alt"):
            assert meta.get(key, "").strip(), f"{path}: {key}"
        assert meta["twitter:card"] == "summary_large_image"  # title, text, image: from og:
        for key in ("og:url", "og:image"):
            assert meta[key].startswith(SITEURL + "/"), f"{path}: {key}"
            assert (site.output / urlparse(meta[key]).path.lstrip("/")).exists() or key == "og:url"
        canonical = page.find("link", rel="canonical")["href"]
        assert canonical == meta["og:url"]
        assert (site.output / urlparse(canonical).path.lstrip("/")).exists()


def test_every_article_has_a_sharing_card(site):
    for slug in SLUGS:
        page = site.html(f"blog/{slug}/index.html")
        image = page.find("meta", property="og:image")["content"]
        assert image == f"{SITEURL}/social/{slug}.png"
        with Image.open(site.output / "social" / f"{slug}.png") as card:
            assert card.size == (1200, 630)
        assert page.find("meta", property="og:type")["content"] == "article"


def test_json_ld_describes_articles_the_practice_and_breadcrumbs(site):
    items = json_ld(site.html(ARTICLE))
    post = items["BlogPosting"]
    for field in ("headline", "description", "image", "author"):
        assert post[field], field
    assert "datePublished" not in post, "the launch articles' dates wait for the practice (test_dates.py)"
    assert post["author"] == {"@type": "Person", "name": "Liron", "url": f"{SITEURL}/blog/author/liron/"}
    assert post["publisher"]["@id"] == f"{SITEURL}/#practice"
    crumbs = items["BreadcrumbList"]["itemListElement"]
    assert [c.get("item") for c in crumbs] == [f"{SITEURL}/", f"{SITEURL}/blog/", None]
    assert crumbs[-1]["name"] == post["headline"]

    practice = json_ld(site.html("about/index.html"))["MedicalBusiness"]
    assert practice["@id"] == f"{SITEURL}/#practice"
    assert {area["name"] for area in practice["areaServed"]} >= {"Woodland Hills", "Encino", "Tarzana"}
    credentials = {c["name"] for c in practice["founder"]["hasCredential"]}
    assert "CAMS III-certified anger management specialist" in credentials
    assert not {"telephone", "email", "address", "aggregateRating"} & practice.keys()

    unsigned = json_ld(site.html("blog/strengthening-emotional-connection/index.html"))["BlogPosting"]
    assert unsigned["author"] == {"@type": "MedicalBusiness", "@id": f"{SITEURL}/#practice", "name": "Therapy Ties",
                                  "url": f"{SITEURL}/"}, "the practice is an organisation where it is the author"
    guest = json_ld(site.html("blog/author/dr-vivian-oberling/index.html"))["Person"]
    assert guest["url"] == f"{SITEURL}/blog/author/dr-vivian-oberling/"
    assert "Licensed clinical psychologist" in {c["name"] for c in guest["hasCredential"]}


def test_every_page_has_parseable_json_ld_naming_the_practice(site):
    for path in site.pages():
        items = json_ld(site.html(path))
        named = [i for i in items.values() if i.get("@type") == "MedicalBusiness"]
        named += [i["publisher"] for i in items.values() if "publisher" in i]
        named += [i["worksFor"] for i in items.values() if "worksFor" in i]
        assert any(n["@id"] == f"{SITEURL}/#practice" for n in named), path


def test_author_pages_show_each_bio_once_written(site):
    guest = site.html("blog/author/dr-vivian-oberling/index.html")
    assert "degrees from UCLA, Harvard, and Stanford" in guest.get_text()
    assert "Licensed clinical psychologist" in guest.get_text()
    assert guest.select_one(".article-list a")["href"].endswith("/blog/when-youve-drifted-apart/")


def test_the_practice_as_author_has_the_practices_box_not_a_persons(site):
    page = site.html("blog/rebuild-trust-after-emotional-distance/index.html")
    box = page.select_one(".author-box")
    assert box.h2.get_text(strip=True) == "About Therapy Ties"
    assert "the author" not in box.get_text().lower() and "Full bio" not in box.get_text()
    person = site.html("blog/when-connection-feels-hard/index.html").select_one(".author-box")
    assert person.h2.get_text(strip=True) == "About the author: Liron"
    listing = site.html("blog/author/therapy-ties/index.html")
    assert listing.h1.get_text(strip=True) == "Articles from Therapy Ties"
    assert "Person" not in json_ld(listing)


def test_reading_time_related_articles_and_archives(site):
    page = site.html(ARTICLE)
    assert " min read" in page.select_one(".byline").get_text()
    related = [a["href"] for a in page.select(".related a")]
    assert related and all("/blog/" in href for href in related)
    assert f"{SITEURL}/blog/when-connection-feels-hard/" not in related
    archive = site.html("blog/archives/index.html")
    assert len(archive.select(".archive-list a")) == len(SLUGS)


def test_robots_txt_points_at_the_sitemap(site):
    robots = (site.output / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITEURL}/sitemap.xml" in robots


def test_javascript_only_on_the_search_page(site):
    for path in site.pages():
        scripts = [s["src"] for s in site.html(path).find_all("script", src=True)]
        if path.parent.name == "search":
            assert scripts == [f"{SITEURL}/theme/js/search.js"]
        else:
            assert scripts == [], path


def test_search_page_says_how_to_browse_without_javascript(site):
    noscript = site.html("search/index.html").find("noscript")
    assert noscript and "topic" in noscript.get_text() and "by date" in noscript.get_text()


def test_site_search_finds_an_article_by_a_phrase_from_it(served_site, browser):
    assert (served_site.output / "pagefind" / "pagefind.js").is_file()
    page = browser.new_page()
    page.goto(served_site.siteurl + "/search/?q=daily ten-minute check-in")
    page.wait_for_selector(".search-results li a", timeout=15000)
    hrefs = page.eval_on_selector_all(".search-results li a", "links => links.map(a => a.getAttribute('href'))")
    page.close()
    assert any("/blog/when-connection-feels-hard/" in href for href in hrefs), hrefs
