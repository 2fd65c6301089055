"""Pages copied from the page cache are the pages a clean build writes.

Local builds (pelicanconf.py: Pelican's content cache on) reuse the pages
whose inputs did not change (plugins/pelican_fastbuild/page_cache.py). After each
kind of change an author makes, the launch site is built twice: with the
caches, as `invoke build` does, and from nothing (--ignore-cache). Every file
must be the same, byte for byte, and the log says how many pages the cache
gave.
"""

import json
import re
import shutil

from PIL import Image

from conftest import ROOT, files_of, run_pelican

ARTICLE = "when-connection-feels-hard"


class Builds:
    """The launch site's content and theme copied into a test folder, built
    with and without the caches after each change."""

    def __init__(self, folder):
        self.folder = folder
        self.content = folder / "content"
        self.theme = folder / "theme"
        shutil.copytree(ROOT / "content", self.content)
        shutil.copytree(ROOT / "theme", self.theme)
        self.extra = ["THEME=" + json.dumps(str(self.theme))]

    def both(self, *extra):
        """(pages from the cache, pages rendered) of the cached build, after
        checking it wrote what a clean build writes."""
        outputs = []
        cache = json.dumps(str(self.folder / "cache"))  # one, as `invoke build` has one
        for name, flags in (("cached", []), ("clean", ["--ignore-cache"])):
            output = self.folder / name / "output"
            shutil.rmtree(output, ignore_errors=True)  # as `invoke build` builds into a fresh folder
            build = run_pelican(self.content, output, settings="pelicanconf.py",
                                extra=["-v", *flags, "-e", *self.extra, *extra, "CACHE_PATH=" + cache])
            assert build.returncode == 0, build.log
            outputs.append(build)
        cached, clean = outputs
        cached_files, clean_files = files_of(cached.output), files_of(clean.output)
        assert sorted(cached_files) == sorted(clean_files)
        assert [f for f in clean_files if cached_files[f] != clean_files[f]] == []
        found = re.search(r"pages: (\d+) from the cache, (\d+) rendered", cached.log)
        assert found, cached.log
        assert "pages:" not in clean.log  # a build that reads afresh renders afresh
        return int(found[1]), int(found[2]), cached

    def edit(self, relative, old, new):
        path = self.content / relative
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_pages_from_the_cache_are_what_a_clean_build_writes(tmp_path):
    builds = Builds(tmp_path)
    reused, rendered, _ = builds.both()
    assert reused == 0 and rendered > 20  # the first build fills the cache
    pages = rendered

    reused, rendered, _ = builds.both()
    assert (reused, rendered) == (pages, 0)  # nothing changed: nothing rendered

    # New words in one article: its page and the listings showing it.
    builds.edit(f"blog/{ARTICLE}.md", "\n\n", "\n\nA sentence added for the page cache test.\n\n")
    reused, rendered, build = builds.both()
    assert 0 < rendered < pages / 2
    assert "A sentence added for the page cache test." in (build.output / "blog" / ARTICLE / "index.html").read_text()

    # A new title shows on the neighbours' pages (previous/next links) too.
    builds.edit(f"blog/{ARTICLE}.md", "Title: ", "Title: Retitled: ")
    reused, rendered, build = builds.both()
    neighbours = [p for p in (build.output / "blog").glob("*/index.html")
                  if p.parent.name != ARTICLE and "Retitled: " in p.read_text()]
    assert neighbours and rendered < pages

    # A template: every page made from it.
    template = builds.theme / "templates" / "article.html"
    template.write_text(template.read_text().replace("</article>", "<p>Template changed.</p></article>", 1))
    reused, rendered, build = builds.both()
    assert "Template changed." in (build.output / "blog" / ARTICLE / "index.html").read_text()

    # An image replaced by one of another shape: pages show its new size.
    image = next((builds.content / "images").glob("*.jpg"))
    with Image.open(image) as picture:
        picture.resize((picture.width // 2, picture.height)).save(image)
    reused, rendered, _ = builds.both()
    assert reused == 0

    # A setting: every page.
    reused, rendered, _ = builds.both("SITESUBTITLE=" + json.dumps("A subtitle for the test"))
    assert reused == 0


def test_feeds_from_the_cache_are_what_a_clean_build_writes(tmp_path):
    """Feeds are kept too (production settings' feeds, on a local build); each
    cached build runs in a process of its own, with its own hash seed: Pelican
    lists files in a set, and a feed's key must not follow that order."""
    builds = Builds(tmp_path)
    feeds = ['FEED_ALL_ATOM="feeds/all.atom.xml"', 'CATEGORY_FEED_ATOM="feeds/category/{slug}.atom.xml"',
             'FEED_ALL_RSS="feeds/all.rss.xml"']

    def feed_tally(build):
        found = re.search(r"feeds: (\d+) from the cache, (\d+) rendered", build.log)
        assert found, build.log
        return int(found[1]), int(found[2])

    *_, build = builds.both(*feeds)
    reused, written = feed_tally(build)
    assert reused == 0 and written >= 3
    for _again in range(2):
        *_, build = builds.both(*feeds)
        assert feed_tally(build) == (written, 0)

    builds.edit(f"blog/{ARTICLE}.md", "\n\n", "\n\nA sentence added for the feed cache test.\n\n")
    *_, build = builds.both(*feeds)
    assert feed_tally(build)[1] >= 2  # the site's feeds and its topic's
    assert "A sentence added for the feed cache test." in (build.output / "feeds" / "all.atom.xml").read_text()
