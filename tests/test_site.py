"""The launch site, built with production settings: content, pages, theme."""

import re
from urllib.parse import urlparse

import pytest

import pelicanconf  # the project folder is on pytest's pythonpath
from conftest import ROOT, SEEDS, SITEURL, run_pelican

# Each seed, the article it became, and what the seed says about it.
ARTICLES = {
    "000_e281f1509543a2b5.txt": ("when-connection-feels-hard", "Liron"),
    "001_964c0b31168f3ad2.txt": ("how-relationship-therapy-can-transform-your-connection", "Liron"),
    "002_c2b75ffab881d420.txt": ("strengthening-emotional-connection", "Therapy Ties"),
    "003_b6f8c8ea708fd2f9.txt": ("when-youve-drifted-apart", "Dr. Vivian Oberling"),
    "004_1e5c1e89abf8f2f2.txt": ("rebuild-trust-after-emotional-distance", "Therapy Ties"),
}
# Where each seed stops being the article: what follows is an old page's remnant
# (services and author blocks, "0 Comments") or the call-to-action.
ARTICLE_ENDS_BEFORE = {
    "000_e281f1509543a2b5.txt": "Ready to Reconnect and Rebuild",
    "001_964c0b31168f3ad2.txt": "When Repeating Patterns and Emotional Distance Signal",
    "002_c2b75ffab881d420.txt": None,
    "003_b6f8c8ea708fd2f9.txt": "Dr. Vivian Oberling is a licensed",
    "004_1e5c1e89abf8f2f2.txt": None,
}
REMNANTS = ["0 Comments", "Additional Services Offered", "About The Author"]
# A line that stood under a photograph: a short description, then a caption.
IMAGE_LINE = re.compile(r"^(Couple|Woman|Two men) [^.]+\. .*Los Angeles, CA.*\.$")


def plain(text):
    """Compare words, not typography (Markdown makes quotes curly)."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split())


def seed_lines(name):
    lines = [line.strip() for line in (SEEDS / name).read_text(encoding="utf-8").splitlines()]
    end = ARTICLE_ENDS_BEFORE[name]
    if end:
        lines = lines[: next(i for i, line in enumerate(lines) if line.startswith(end))]
    return [line for line in lines if line and line not in REMNANTS]


def article_text(site, slug):
    body = site.html(f"blog/{slug}/index.html").select_one(".article-body")
    for aside in body.select("aside.consultation"):
        aside.decompose()
    return plain(body.get_text(" "))


@pytest.mark.parametrize("seed", sorted(ARTICLES))
def test_every_seed_article_is_published_in_the_authors_words(site, seed):
    slug, author = ARTICLES[seed]
    page = site.html(f"blog/{slug}/index.html")
    assert page.select_one(".byline a").get_text(strip=True) == author
    # No source gives a date: each waits for the practice (Date_confirmed: no, tests/test_dates.py).
    assert page.select_one(".byline").get_text(" ", strip=True).startswith("Date to be confirmed")
    text = article_text(site, slug)
    title = plain(page.h1.get_text())
    header = plain(page.select_one(".article-header").get_text(" "))
    for line in seed_lines(seed):
        words = plain(line.lstrip("•✔- ").strip())
        if IMAGE_LINE.match(line):
            continue  # checked as a figure below
        if words.startswith("[") and words.endswith("]"):
            continue  # the consultation marker: rendered as the call-to-action
        if words.startswith(title):
            words = words[len(title):].strip()  # seed 004 runs its title into line 1
        assert words.rstrip(":") in text or words in header, f"{seed}: missing {line[:70]!r}"


def test_articles_have_clean_metadata(site):
    for seed in sorted(ARTICLES):
        slug, _ = ARTICLES[seed]
        page = site.html(f"blog/{slug}/index.html")
        assert page.select_one(".kicker a").get_text(strip=True), f"{slug}: no category"
        assert page.select(".tag-list a"), f"{slug}: no tags"
        summary = page.find("meta", attrs={"name": "description"})["content"]
        assert plain(summary) in article_text(site, slug), f"{slug}: summary not in its own words"
    listed = [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in site.html("blog/index.html").select(".article-list h2 a")]
    assert listed == [ARTICLES[seed][0] for seed in sorted(ARTICLES, reverse=True)], "newest first, in the seeds' order"
    seed_003 = site.html("blog/when-youve-drifted-apart/index.html")
    assert "rebuild that bridge" in seed_003.h1.get_text().lower()


def test_image_lines_became_figures_with_alt_and_caption(site):
    for seed, (slug, _) in ARTICLES.items():
        image_lines = [l for l in seed_lines(seed) if IMAGE_LINE.match(l)]
        figures = site.html(f"blog/{slug}/index.html").select(".article-body figure")
        assert len(figures) == len(image_lines), slug
        for figure, line in zip(figures, image_lines):
            alt, caption = line.split(". ", 1)
            assert plain(figure.img["alt"]) == plain(alt + ".")
            assert plain(figure.figcaption.get_text()) == plain(caption)
            src = urlparse(figure.img["src"]).path  # relative to the article's folder
            assert (site.output / "blog" / slug / src).resolve().is_file(), src


def test_no_remnants_of_the_old_pages(site):
    for slug, _ in ARTICLES.values():
        text = site.html(f"blog/{slug}/index.html").get_text(" ")
        for remnant in REMNANTS + ["Follow these three simple steps to get started:\n"]:
            assert remnant not in text, f"{slug}: {remnant!r}"


def test_author_bio_and_services_are_written_once_and_shown_under_articles(site):
    page = site.html("blog/when-youve-drifted-apart/index.html")
    assert "licensed clinical psychologist" in page.select_one(".author-box").get_text()
    services = page.select_one(".services-box")
    for service in ("individual therapy", "couples therapy", "relationship therapy", "anger management"):
        assert service in services.get_text().lower()
    for area in pelicanconf.AREAS_SERVED:
        assert area in page.select_one(".site-footer").get_text()


def test_every_page_in_the_navigation_exists(site):
    for _title, link in pelicanconf.MENU:
        assert (site.output / link / "index.html").is_file(), link
    page = site.html("index.html")
    hrefs = [a["href"] for a in page.select("header nav a")]
    assert hrefs == [f"{SITEURL}/{link}" for _t, link in pelicanconf.MENU]


@pytest.mark.parametrize("path", [
    "index.html", "about/index.html", "free-consultation/index.html", "areas-served/index.html",
    "privacy/index.html", "in-a-crisis/index.html", "services/index.html",
    "services/individual-therapy/index.html", "services/couples-therapy/index.html",
    "services/relationship-therapy/index.html", "services/anger-management/index.html",
    "blog/index.html", "blog/archives/index.html", "blog/categories/index.html",
    "blog/tags/index.html", "blog/authors/index.html", "blog/author/liron/index.html",
    "blog/category/relationship-therapy/index.html", "blog/tag/trust/index.html", "404.html",
])
def test_pretty_urls(site, path):
    assert (site.output / path).is_file()


def test_crisis_notice_on_every_page(site):
    pages = site.pages()
    assert len(pages) > 30
    for path in pages:
        page = site.html(path)
        assert page.select_one('.crisis-banner a[href="tel:988"]'), path
        assert page.select_one('.crisis-banner a[href="tel:911"]'), path
        assert "not for emergencies" in page.select_one(".crisis-banner").get_text(), path


def test_no_asset_is_loaded_from_another_host(site):
    for path in site.pages():
        page = site.html(path)
        urls = [tag.get("src") for tag in page.find_all(["img", "script", "iframe", "source", "audio", "video"])]
        urls += [tag.get("href") for tag in page.find_all("link")]
        urls += [u.split()[0] for tag in page.find_all(srcset=True) for u in tag["srcset"].split(",")]
        for url in filter(None, urls):
            host = urlparse(url).netloc
            assert host in ("", urlparse(SITEURL).netloc), f"{path}: {url}"
    css = (site.output / "theme/css/site.css").read_text(encoding="utf-8")
    assert "@import" not in css and "url(" not in css


def test_service_pages_live_under_services(site):
    services = site.html("index.html").select(".site-footer a[href*='/services/']")
    assert len(services) == 4
    for link in services:
        assert re.fullmatch(rf"{SITEURL}/services/[a-z-]+/", link["href"])


def test_404_page_uses_absolute_links_and_helps_the_reader(site):
    page = site.html("404.html")
    assert page.h1.get_text(strip=True) == "Page not found"
    assert page.select_one('link[rel="stylesheet"]')["href"].startswith(SITEURL)
    assert page.select_one(f'main a[href="{SITEURL}/free-consultation/"]')


def test_no_contact_detail_is_invented(site):
    for path in site.pages():
        html = path.read_text(encoding="utf-8")
        assert "mailto:" not in html, path
        assert not re.search(r'href="tel:(?!988"|911")', html), path


def test_production_build_passes_fatal_warnings(site):
    # The fixture built with `pelican --fatal warnings` and publishconf.py.
    assert site.returncode == 0
    assert "WARNING" not in site.log and "ERROR" not in site.log


def test_building_on_every_core_writes_what_one_process_writes(tmp_path):
    """Markdown and pages are rendered in worker processes (pelican_fastbuild's
    reading.py and writing.py); WORKERS = 1 turns them off."""
    one = run_pelican(ROOT / "content", tmp_path / "one" / "output", extra=["-e", "WORKERS=1"])
    many = run_pelican(ROOT / "content", tmp_path / "many" / "output")
    assert one.returncode == 0 and many.returncode == 0, one.log + many.log
    files = sorted(p.relative_to(one.output) for p in one.output.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(many.output) for p in many.output.rglob("*") if p.is_file())
    different = [f for f in files if (one.output / f).read_bytes() != (many.output / f).read_bytes()]
    assert different == []
