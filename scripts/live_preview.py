"""Live preview that stays fast at thousands of articles (invoke livereload).

Pelican rewrites every page on every build: 20 s and more at 1,000 articles.
Here the whole site is built once, in this process, and its articles, pages
and templates stay in memory. When the author saves a Markdown file whose
metadata did not change (the usual case: the words), only that file is read
again and only its own page is written, in a fraction of a second; no other
page shows its body. Any other change (title, date, summary, tags, a new or
deleted file, an image, a template, the settings) rebuilds the whole site, into
a fresh folder that replaces the served one only when the build succeeded.
Production builds (invoke check/publish) are always complete.

    python3 -m scripts.live_preview [--content content] [--output output] [--port 8000]
"""

import argparse
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

import watchfiles
from livereload import Server
from livereload.handlers import ForceReloadHandler, LiveReloadHandler, LiveReloadJSHandler
from livereload.server import LiveScriptInjector
from livereload.watcher import Watcher
from pelican import Pelican, signals
from pelican.contents import Article, Page
from pelican.settings import read_settings
from pelican.writers import Writer
from tornado import web
from tornado.ioloop import IOLoop

from scripts.swap import replace_folder
from therapy_ties import preview  # the same package Pelican loads as our plugin

ROOT = Path(__file__).resolve().parent.parent

# What other pages show of an article: when one of these changes, they change.
SHOWN_ELSEWHERE = ("summary", "url", "save_as", "status", "template")


class LivePreview:
    def __init__(self, settings_file, content, output, overrides=None, keep_errors=False):
        """keep_errors: a build whose content has errors is still served (the
        browser editor shows them beside the text); livereload keeps the last
        good build instead."""
        self.settings_file = str(settings_file)
        self.keep_errors = keep_errors
        self.content = os.path.abspath(content)
        self.output = Path(output).resolve()
        self.overrides = dict(overrides or {})
        self.generators = []
        self.by_source = {}  # absolute source path -> (generator, current article or page)
        signals.all_generators_finalized.connect(self._keep_generators)

    def _keep_generators(self, generators):
        self.generators = generators

    # -- the whole site ---------------------------------------------------------
    def build_site(self):
        """Build everything into a fresh folder; swap it in only on success."""
        self.output.parent.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(prefix=f".{self.output.name}-new-", dir=self.output.parent))
        os.chdir(ROOT)  # settings and the plugin's paths are relative to the project
        try:
            settings = read_settings(self.settings_file, override=dict(
                self.overrides, PATH=self.content, OUTPUT_PATH=str(fresh)))
            Pelican(settings).run()
            if preview.error_count() and not self.keep_errors:
                raise RuntimeError(f"{preview.error_count()} error(s) in the content")
        except (Exception, SystemExit) as error:  # noqa: BLE001 (any failure keeps the last good site)
            shutil.rmtree(fresh, ignore_errors=True)
            self.by_source = {}  # what is in memory is not what is served: rebuild on the next save
            print(f"Build failed ({error}): still serving the last good build. Fix the file named above.", flush=True)
            return False
        replace_folder(fresh, self.output)
        preview.output_moved(str(self.output))
        self._index_contents()
        return True

    def _index_contents(self):
        self.by_source = {}
        for generator in self.generators:
            for name in ("articles", "drafts", "hidden_articles", "pages", "hidden_pages", "draft_pages"):
                for content in getattr(generator, name, []):
                    self.by_source[os.path.abspath(content.source_path)] = (generator, content)

    # -- one page ---------------------------------------------------------------
    def refresh_page(self, path):
        """Re-read one saved file and write its page: "written", or "kept" when
        our checks find an error in it; None when the site must be rebuilt."""
        known = self.by_source.get(os.path.abspath(path))
        if known is None:
            return None
        generator, previous = known
        is_article = isinstance(previous, Article)
        try:
            content = self._read(generator, path, type(previous))
        except Exception as error:  # noqa: BLE001 (the full build reports it with file and line)
            print(f"{path}: {error}", flush=True)
            return None
        if not self._only_body_changed(previous, content):
            return None
        preview.refresh(content, previous)
        if preview.error_count():
            print(f"Not updated: fix the error(s) above in {os.path.relpath(path)}.", flush=True)
            return "kept"  # the last good page stays
        self._write(generator, content, is_article, path)
        return "written"

    def render_one(self, path):
        """Read one file and write its page, whatever changed in it, new files
        too: the browser editor's preview of the page being written. Other
        pages (listings, neighbours) are not brought up to date. The content
        read; its findings are the build's (preview.refresh)."""
        path = os.path.abspath(path)
        generator, previous = self.by_source.get(path, (None, None))
        if generator is None:
            generator = self._generator_for(path)
        is_article = type(generator).__name__ == "ArticlesGenerator"
        content = self._read(generator, path, type(previous) if previous else (Article if is_article else Page))
        preview.refresh(content, previous)
        self._write(generator, content, is_article, path)
        return content

    @staticmethod
    def _read(generator, path, content_class):
        """The file read as its generator reads it (Pelican's readers, its context)."""
        return generator.readers.read_file(base_path=generator.path, path=os.path.relpath(path, generator.path),
                                           content_class=content_class, context=generator.context)

    def _generator_for(self, path):
        """The generator whose folders hold a new file (ARTICLE_PATHS, else PAGE_PATHS)."""
        by_kind = {type(g).__name__: g for g in self.generators}
        articles = by_kind["ArticlesGenerator"]
        relative = Path(os.path.relpath(path, articles.path))
        if any(relative.is_relative_to(folder) for folder in articles.settings["ARTICLE_PATHS"]):
            return articles
        return by_kind["PagesGenerator"]

    @staticmethod
    def _only_body_changed(previous, content):
        if content.metadata != previous.metadata:
            return False
        return all(getattr(content, name, None) == getattr(previous, name, None) for name in SHOWN_ELSEWHERE)

    def _write(self, generator, content, is_article, path):
        """Write the page of `content`, read from `path`; then it is that file's."""
        settings = generator.settings
        writer = Writer(str(self.output), settings=settings)
        template = generator.get_template(content.template)
        common = dict(relative_urls=settings["RELATIVE_URLS"], url=content.url,
                      override_output=hasattr(content, "override_save_as"))
        if is_article:
            extra = {"all_articles": generator.articles} if content.status == "draft" else {}
            writer.write_file(content.save_as, template, generator.context, article=content,
                              category=getattr(content, "category", None), blog=True, **common, **extra)
        else:
            writer.write_file(content.save_as, template, generator.context, page=content, **common)
        self.by_source[os.path.abspath(path)] = (generator, content)

    # -- saves ------------------------------------------------------------------
    def changed(self, paths):
        """React to saved files: one page when that is all that changed, else the site."""
        start = time.perf_counter()
        # Editors' scratch files come and go; a deleted source still counts.
        paths = [p for p in paths if os.path.exists(p) or os.path.abspath(p) in self.by_source]
        if not paths:
            return
        markdown = [p for p in paths if p.endswith(".md") and os.path.exists(p)]
        if markdown and len(markdown) == len(paths):
            outcomes = [self.refresh_page(p) for p in markdown]
            if None not in outcomes:
                written = [os.path.relpath(p) for p, done in zip(markdown, outcomes) if done == "written"]
                if written:
                    print(f"Updated {', '.join(written)} in {time.perf_counter() - start:.2f} s", flush=True)
                return
        if any(Path(p).is_relative_to(ROOT / "plugins") for p in paths):
            print("Plugin code changed: restart `invoke livereload` to load it.", flush=True)
        if self.build_site():
            print(f"Rebuilt the site in {time.perf_counter() - start:.1f} s", flush=True)


class SaveWatcher(Watcher):
    """livereload's watcher, told of saves by the operating system (watchfiles)
    instead of polling every 0.8 s; a burst of saves is handled once."""

    def __init__(self, folders, on_change, on_ready):
        super().__init__()
        self.folders, self.on_change, self.on_ready = [str(f) for f in folders], on_change, on_ready
        self.pending, self.lock = set(), threading.Lock()

    def start(self, callback):
        loop = IOLoop.current()

        def watch():
            ready = False
            # yield_on_timeout: an empty first answer says the folders are watched.
            for changes in watchfiles.watch(*self.folders, debounce=20, step=10,
                                            rust_timeout=200, yield_on_timeout=True):
                if not ready:
                    ready = True
                    self.on_ready()
                if changes:
                    with self.lock:
                        self.pending.update(path for _change, path in changes)
                    loop.add_callback(callback)

        threading.Thread(target=watch, daemon=True).start()
        return True

    def examine(self):
        with self.lock:
            changed, self.pending = sorted(self.pending), set()
        if not changed:
            return None, None
        self.on_change(changed)
        self.filepath = changed[0]
        return self.filepath, None


class PreviewServer(Server):
    """livereload's server, with the snippet it adds to every page as a script
    file of the preview's own origin instead of an inline script: the pages'
    Content-Security-Policy (script-src 'self') blocks inline scripts, and the
    browser then never reloaded. Its websocket (connect-src 'self') is allowed
    as it is. Production output is never served this way."""

    def application(self, port, host, liveport=None, debug=None, live_css=True):
        LiveReloadHandler.watcher = self.watcher
        LiveReloadHandler.live_css = live_css

        class SameOriginScript(LiveScriptInjector):
            script = f'<script src="/livereload.js?port={port}"></script>'.encode()

        handlers = [(r"/livereload", LiveReloadHandler), (r"/forcereload", ForceReloadHandler),
                    (r"/livereload.js", LiveReloadJSHandler)]
        app = web.Application(handlers=handlers + self.get_web_handlers(SameOriginScript.script),
                              debug=False, transforms=[SameOriginScript])
        app.listen(port, address=host)


def serve(settings_file, content, output, port, host="127.0.0.1", overrides=None):
    preview = LivePreview(settings_file, content, output, overrides)
    if not preview.build_site() and not preview.output.exists():
        preview.output.mkdir(parents=True)
    watched = [preview.content, ROOT / "theme", ROOT / "plugins", ROOT / "pelicanconf.py", ROOT / "publishconf.py"]

    def ready():
        print(f"Serving {preview.output} at http://{host}:{port}/ (ready)", flush=True)

    watcher = SaveWatcher([w for w in watched if os.path.exists(w)], preview.changed, ready)
    # livereload skips a reload within 3 s of the last one (for tools that write
    # many files); our watcher already gathers a burst into one change.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    PreviewServer(watcher=watcher).serve(host=host, port=port, root=str(preview.output))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default=str(ROOT / "pelicanconf.py"))
    parser.add_argument("--content", default=str(ROOT / "content"))
    parser.add_argument("--output", default=str(ROOT / "output"))
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--cache", help="CACHE_PATH (default: the settings' own)")
    args = parser.parse_args()
    serve(args.settings, args.content, args.output, args.port,
          overrides={"CACHE_PATH": args.cache} if args.cache else None)


if __name__ == "__main__":
    main()
