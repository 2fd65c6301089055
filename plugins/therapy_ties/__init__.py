"""Therapy Ties' Pelican plugin: register() and one thin handler per signal.

The package's parts:
  settings.py  every setting it reads, declared once, checked and merged
  build.py     what one build holds (made at initialized)
  checks/      the author's files and the theme checked: file, line and fix
  features/    what the practice's pages show: call-to-action, figures,
               reading aids, sharing and structured data, feeds, notices
  images/      photographs' variants and <picture>s, sharing cards
  output/      written files finished: pages, sitemap, search index,
               minified and precompressed files
  preview.py   what the live preview asks between builds
  workers.py   the processes a build may use (WORKERS)

One build goes (a handler that fails names the file it was working on
instead of showing a traceback: checks/crash_report.py):
  initialized              settings checked; the files checked, in another
                           process while Pelican reads them
  readers_init             CommonMark reads Markdown (reader/: figures,
                           site links, footnotes, private notes left out)
  page_generator_finalized notice pages whose setting is off left out
  all_generators_finalized the files' findings said (stop on what Pelican
                           could not build); dates confirmed or not, reading
                           aids, sharing cards and structured data, the
                           call-to-action, image variants, alt-text checks
  content_written          a page's photographs become <picture>s; minified
                           in production
  feed_generated           feeds get the call-to-action as a paragraph, whole
                           titles, lang/dir on other languages' entries, a
                           date to be confirmed said so
  finalized                sitemap finished, stylesheet minified, images and
                           cards written (the search index made meanwhile),
                           precompressed files
"""

import os
import time
from contextlib import ExitStack, contextmanager
from functools import partial

from blinker import signal
from jinja2 import FileSystemBytecodeCache
from pelican import signals

from . import build
from .checks import kept_results, pelican_messages, source_lines
from .checks.alt_check import check_contents
from .checks.crash_report import names_the_file
from .checks.findings import ERROR, WARNING, logger
from .checks.kept_results import check_every_file
from .checks.template_check import check_templates
from .features import dates, feeds, figures, private_notes, reading, structured_data
from .features.consultation import place_calls_to_action, tel_href
from .features.notices import leave_out_notices_turned_off
from .features.plain_text import plain_text
from .features.sharing import describe_for_sharing
from .reader import keep_content_cache_current, use_commonmark
from .images.pictures import PictureWriter
from .images.variants import ImageWork
from .output.minify import minify_stylesheets
from .output.pages import finish_page
from .output.precompress import Precompressor
from .output.search_index import indexing
from .output.sitemap_finish import finish_sitemap
from .settings import check_and_merge, report_path
from .workers import Background, worker_count

# Sent by the optional speed plugin (pelican_fastbuild) for its page cache,
# and a key its second content_written for a page carries (see its writing.py).
PAGE_INPUTS = signal("fastbuild_page_inputs")
WRITTEN_IN_WORKER = "fastbuild_written_in_worker"


@names_the_file
def on_initialized(pelican):
    settings = pelican.settings
    run = build.begin(settings)
    if not check_and_merge(settings, run.findings, ERROR, WARNING):  # every setting complete from here on
        stop(settings, "a setting has the wrong kind of value")
    source_lines.forget()
    if settings.get("LOAD_CONTENT_CACHE"):
        keep_content_cache_current(settings)  # no HTML of another reader from Pelican's cache
    placeholder = settings["PLACEHOLDER_SITEURL"]
    if placeholder and settings.get("SITEURL") == placeholder:
        logger.warning(
            "SITEURL is the placeholder %s: links in feeds, the sitemap and sharing "
            "cards will point there. Fix: build with SITEURL=https://<the practice's "
            "domain> in the environment.",
            placeholder,
        )
    # The files are checked in another process while Pelican reads them;
    # what the checks find is said, and may stop the build, before anything is written.
    run.content_checks = Background(partial(check_every_file, settings, run.findings.project_root),
                                    worker_count(settings))
    pelican_messages.hold(run)


def say_content_checks(run, settings):
    """The content checks' findings, then Pelican's messages about files while
    it read them; stop on what Pelican could not build."""
    found, blocking = run.content_checks.result()
    for finding in found:
        run.findings.keep(finding)
    pelican_messages.release(run, say=not blocking)
    if blocking:
        stop(settings, "content that Pelican cannot build (" + ", ".join(blocking) + ")")


# Our Python-Markdown extensions, by the name MARKDOWN in pelicanconf.py lists
# them under: how the site read Markdown before CommonMark (reader/), kept for
# `invoke markdown-diff`, which compares the two.
MARKDOWN_EXTENSIONS = {figures.NAME: figures.FigureExtension, private_notes.NAME: private_notes.PrivateNotesExtension}


def add_markdown_extensions(markdown):
    """pelicanconf.py lists ours; a settings file that does not gets them here."""
    listed = list(markdown.get("extensions", [])) + list(markdown.get("extension_configs", {}))
    for name, extension in MARKDOWN_EXTENSIONS.items():
        if not any(item == name or isinstance(item, extension) for item in listed):
            markdown.setdefault("extensions", []).append(extension())


def stop(settings, reason):
    """End the build now, cleanly, when going on would crash Pelican."""
    path = report_path(settings)
    build.current.findings.write_report(path)
    build.current.findings.log_summary(path, fatal=True)
    raise SystemExit(f"Build stopped: {reason}. See the errors above.")


@names_the_file
def on_all_generators_finalized(generators):
    articles_generator = next(g for g in generators if hasattr(g, "articles"))
    pages_generator = next(g for g in generators if hasattr(g, "hidden_pages"))
    run, settings = build.current, articles_generator.settings
    say_content_checks(run, settings)
    articles = articles_generator.articles + articles_generator.drafts
    pages = pages_generator.pages + pages_generator.hidden_pages + pages_generator.draft_pages

    run.env = articles_generator.env
    if not check_templates(run.env, run.findings):
        stop(settings, "a theme template does not compile")
    run.contents = articles + pages
    run.feed_entries = feeds.Entries(run.contents)
    run.findings.made_from(run.contents)
    dates.apply(articles)  # before the JSON-LD states them
    kept = os.path.join(settings["CACHE_PATH"], "related-articles.pickle") if kept_results.enabled(settings) else None
    reading.apply(articles, settings, kept)  # before the call-to-action joins the words
    run.social_cards = describe_for_sharing(settings, articles_generator.context, articles, pages)
    run.call_to_action = place_calls_to_action(settings, run.env, run.findings, articles, pages)
    run.images = ImageWork(settings, run.findings)
    with timed("images: %d encoded, %d from the cache", lambda: (run.images.encoded, run.images.reused)):
        run.images.prepare()
    run.images.report_problems(run.contents, source_lines.line_of)
    run.pictures = PictureWriter(run.images, run.env, settings["OUTPUT_PATH"])
    check_contents(run.contents, run.findings, worker_count(settings), settings)

    path = report_path(settings)
    run.findings.write_report(path)
    run.findings.log_summary(path)


def pages_show_images(settings):
    """Page-cache input: a finished page's <picture>s come from the published images."""
    run = build.current
    return run.images.fingerprint() if run is not None and run.images is not None else ""


def on_generator_init(generator):
    cache = generator.settings.get("CACHE_PATH")
    if cache and generator.env.bytecode_cache is None:  # compiled templates kept: Jinja checks their source
        os.makedirs(os.path.join(cache, "templates"), exist_ok=True)
        generator.env.bytecode_cache = FileSystemBytecodeCache(os.path.join(cache, "templates"))
    generator.env.filters["ld_json"] = structured_data.as_script_json
    generator.env.filters["tel_href"] = tel_href
    generator.env.filters["plain"] = plain_text


@names_the_file
def on_feed_generated(context, feed):
    run = build.current
    run.call_to_action.use_plain_paragraphs_in_feed(context, feed, run.feed_entries)
    feeds.keep_plain_titles(context, feed, run.feed_entries)
    feeds.mark_languages(context, feed, run.feed_entries, run.env)
    feeds.mark_unconfirmed_dates(context, feed, run.feed_entries, run.env)


@names_the_file
def on_content_written(path, context):
    if context.get(WRITTEN_IN_WORKER):
        return  # finished already, by the worker that wrote it
    if path.endswith(".html"):
        finish_page(path, build.current.pictures, context.get("MINIFY"))


@names_the_file
def on_finalized(pelican):
    run, settings, output = build.current, pelican.settings, pelican.output_path
    cache = settings["CACHE_PATH"]
    with ExitStack() as steps:
        if settings["SEARCH_INDEX"]:  # Pagefind, a process of its own, indexes the pages meanwhile
            steps.enter_context(timed("search index: %s, beside the images and cards", lambda: (search.outcome,)))
            search = steps.enter_context(indexing(output, os.path.join(cache, "search")))
        finish_sitemap(output, run.contents)  # runs after the sitemap plugin's
        if settings["MINIFY"]:
            minify_stylesheets(output)
        run.images.publish_files(output)
        with timed("sharing cards: %d drawn, %d from the cache",
                   lambda: (run.social_cards.drawn, len(run.social_cards.wanted) - run.social_cards.drawn)):
            run.social_cards.write(output)
    if settings["PRECOMPRESS"]:  # last: it compresses what the others wrote
        compressor = Precompressor(os.path.join(cache, "compressed"), worker_count(settings))
        with timed("precompressed: %d compressed, %d from the cache", lambda: (compressor.compressed, compressor.reused)):
            compressor.run(output)
    if run.findings.unsummarised():  # Pelican said something about a file while writing the pages
        run.findings.write_report(report_path(settings))
        run.findings.log_summary(report_path(settings))


@contextmanager
def timed(message, values):
    """Log what a finishing step did, and how long it took (for the benchmarks' -v logs)."""
    start = time.perf_counter()
    yield
    logger.info(message + " (%.1f s)", *values(), time.perf_counter() - start)


def register():
    pelican_messages.install()  # Pelican's messages about content files become findings
    signals.initialized.connect(on_initialized)
    signals.readers_init.connect(use_commonmark)  # CommonMark for Markdown (reader/)
    signals.generator_init.connect(on_generator_init)
    signals.page_generator_finalized.connect(leave_out_notices_turned_off)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    signals.feed_generated.connect(on_feed_generated)
    signals.content_written.connect(on_content_written)
    signals.finalized.connect(on_finalized)
    PAGE_INPUTS.connect(pages_show_images)
