"""The site as a static host serves it: every internal link, image, srcset
entry, stylesheet, script and feed answers 200, every #fragment has its target,
every page is reachable, and the sitemap lists only pages that exist."""

import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree
from collections import deque
from urllib.parse import urldefrag, urljoin, urlparse

import feedparser
import pytest
from bs4 import BeautifulSoup

from conftest import site_paths


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def references(soup):
    """Every URL a page refers to: links, assets, srcset candidates."""
    for tag in soup.find_all(["a", "link"], href=True):
        yield tag["href"]
    for tag in soup.find_all(["img", "script", "source", "iframe", "audio", "video"], src=True):
        yield tag["src"]
    for tag in soup.find_all(srcset=True):
        yield from (candidate.split()[0] for candidate in tag["srcset"].split(",") if candidate.strip())


class Crawl:
    """Breadth-first from the home page, through every internal reference."""

    def __init__(self, siteurl):
        self.siteurl = siteurl
        self.host = urlparse(siteurl).netloc
        self.status = {}      # url -> HTTP status
        self.ids = {}         # page url -> ids in it
        self.fragments = []   # (page it was on, url, fragment)
        self.referrers = {}   # url -> first page referring to it
        self.feeds = []
        queue = deque([siteurl + "/"])
        while queue:
            url = queue.popleft()
            if url in self.status:
                continue
            status, kind, body = fetch(url)
            self.status[url] = status
            if status != 200:
                continue
            if kind == "text/html":
                queue.extend(self.read_page(url, body))
            elif kind in ("application/atom+xml", "application/rss+xml", "application/xml", "text/xml"):
                self.feeds.append(url)
                queue.extend(self.read_feed(url, body))

    def internal(self, page, reference):
        url, fragment = urldefrag(urljoin(page, reference))
        if urlparse(url).scheme not in ("http", "https") or urlparse(url).netloc != self.host:
            return None
        if fragment:
            self.fragments.append((page, url, fragment))
        self.referrers.setdefault(url, page)
        return url

    def read_page(self, url, body):
        soup = BeautifulSoup(body, "html.parser")
        self.ids[url] = {tag["id"] for tag in soup.find_all(id=True)} | {
            tag["name"] for tag in soup.find_all("a", attrs={"name": True})
        }
        return [u for u in (self.internal(url, r) for r in references(soup)) if u]

    def read_feed(self, url, body):
        feed = feedparser.parse(body)
        found = [entry.link for entry in feed.entries]
        for entry in feed.entries:
            for content in entry.get("content", []):
                found.extend(references(BeautifulSoup(content.value, "html.parser")))
        return [u for u in (self.internal(url, r) for r in found) if u]


@pytest.fixture(scope="module")
def crawl(served_site):
    return Crawl(served_site.siteurl)


def test_every_internal_reference_answers_200(crawl):
    broken = [f"{url} ({status}) linked from {crawl.referrers.get(url)}"
              for url, status in crawl.status.items() if status != 200]
    assert len(crawl.status) > 45
    assert not broken, "\n".join(broken)


def test_feeds_are_linked_and_their_entries_resolve(crawl):
    assert any(url.endswith("/feeds/all.atom.xml") for url in crawl.feeds)
    assert any(url.endswith("/feeds/all.rss.xml") for url in crawl.feeds)
    assert any("/feeds/category/" in url for url in crawl.feeds)


def test_every_fragment_link_has_its_target(crawl):
    missing = [f"{page}: #{fragment} not in {url}" for page, url, fragment in crawl.fragments
               if fragment not in crawl.ids.get(url, set())]
    assert crawl.fragments, "expected the skip links at least"
    assert not missing, "\n".join(missing)


def test_every_page_is_reachable_from_the_site(crawl, served_site):
    reached = {urlparse(url).path for url in crawl.ids}
    orphans = [path for path in site_paths(served_site) if path not in reached and path != "/404.html"]
    assert not orphans, f"pages nothing links to: {orphans}"


def test_sitemap_lists_exactly_the_pages_that_exist(served_site):
    status, _kind, body = fetch(served_site.siteurl + "/sitemap.xml")
    assert status == 200
    locs = ElementTree.fromstring(body).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    listed = {urlparse(loc.text.strip()).path for loc in locs}
    existing = set(site_paths(served_site)) - {"/404.html"}
    assert listed == existing


def test_sitemap_lists_every_page_of_a_paginated_listing(scratch_site):
    """Pages are rendered by worker processes (pelican_fastbuild/writing.py): the sitemap
    must still hear of each one, the second page of a listing too."""
    articles = {f"blog/post-{n}.md": f"Title: Post {n}\nDate: 2026-01-{n + 1:02d}\nCategory: Trust\n"
                f"Summary: Post {n}.\n\nWords of post {n}.\n" for n in range(12)}
    build = scratch_site(articles, extra=["-e", "DEFAULT_PAGINATION=5"])
    assert build.returncode == 0, build.log
    locs = ElementTree.parse(build.output / "sitemap.xml").getroot().iter(
        "{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    listed = {urlparse(loc.text.strip()).path for loc in locs}
    assert "/blog/page/2/" in listed or "/blog/category/trust/page/2/" in listed
    assert listed == set(site_paths(build)) - {"/404.html"}
