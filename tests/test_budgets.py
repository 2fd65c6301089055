"""Reader budgets, in bytes (times are for benchmarks/, not tests)."""

import gzip
from urllib.parse import urlparse

import brotli

from therapy_ties.output import precompress

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


def cache_folder(build, kind):
    return build.output.parent / f"{build.output.name}-cache" / kind


def cached(build, kind):
    """{cache file: mtime} of one of our caches of derived files."""
    return {p: p.stat().st_mtime_ns for p in cache_folder(build, kind).rglob("*") if p.is_file()}


def by_hash(build):
    """{compressed files' cache key: output-relative path} of every file written."""
    return {precompress.cache_key(p.read_bytes()): p.relative_to(build.output).as_posix()
            for p in build.output.rglob("*") if p.is_file()}


def article_text(title, words):
    return f"Title: {title}\nDate: 2026-01-05\nCategory: Trust\nSummary: {title}.\n\n{words}\n"


def test_compressed_files_and_search_index_are_made_again_only_for_changed_pages(scratch_site):
    files = {"blog/a.md": article_text("Alpha", "Words of the first article."),
             "blog/b.md": article_text("Beta", "Words of the second article.")}
    first = scratch_site(files)
    compressed, search = cached(first, "compressed"), cached(first, "search")
    assert compressed and search
    again = scratch_site(files)  # nothing changed: nothing made again
    assert cached(again, "compressed") == compressed and cached(again, "search") == search

    edited = scratch_site({**files, "blog/b.md": article_text("Beta", "Other words, this time.")})
    after, written = cached(edited, "compressed"), by_hash(edited)
    made = {written[p.stem] for p in after if p not in compressed and p.stem in written}
    assert "blog/beta/index.html" in made and "blog/alpha/index.html" not in made
    assert {p.stem for p in after} <= set(written)  # the cache keeps only what this build used
    assert len(list(cache_folder(edited, "search").iterdir())) == 2  # the new bundle and the last one
    for html in edited.output.rglob("*.html"):
        data = html.read_bytes()
        assert brotli.decompress(html.with_name(html.name + ".br").read_bytes()) == data, html
