"""Reader budgets, in bytes (times are for benchmarks/, not tests)."""

import gzip
from urllib.parse import urlparse

import brotli

ARTICLE_BUDGET = 30_000  # bytes of HTML plus CSS, photographs not counted


def stylesheets(site, page):
    return [link["href"] for link in page.find_all("link", rel="stylesheet")]


def test_every_article_page_is_under_30_kb_of_html_and_css(site):
    articles = sorted(site.output.glob("blog/*/index.html"))
    articles = [a for a in articles if site.html(a).select_one("article.article")]
    assert len(articles) == 5
    for path in articles:
        css = sum((site.output / urlparse(h).path.lstrip("/")).stat().st_size
                  for h in stylesheets(site, site.html(path)))
        total = path.stat().st_size + css
        print(f"{path.parent.name}: {path.stat().st_size} B HTML + {css} B CSS = {total} B")
        assert total <= ARTICLE_BUDGET, f"{path}: {total} bytes"


def test_one_stylesheet_and_no_javascript_outside_search(site):
    for path in site.pages():
        page = site.html(path)
        if path.parent.name == "search":
            continue
        assert len(stylesheets(site, page)) == 1, path
        assert not page.find_all("script", src=True), path


def test_every_image_is_sized(site):
    for path in site.pages():
        for img in site.html(path).find_all("img"):
            assert img.get("width") and img.get("height"), f"{path}: {img}"


def test_text_assets_are_precompressed(site):
    texts = [p for p in site.output.rglob("*")
             if p.suffix in (".html", ".css", ".js", ".xml") and p.stat().st_size > 1024
             and "pagefind" not in p.parts]
    assert len(texts) > 40
    for path in texts:
        data = path.read_bytes()
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == data, path
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == data, path
