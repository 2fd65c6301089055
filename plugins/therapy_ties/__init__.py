"""Therapy Ties' Pelican plugin.

One build goes (every handler below names the file it was working on if it
fails, instead of a traceback: crash_report.py):
  initialized              reset, add the figure Markdown extension, start
                           rendering Markdown on every core, check the files
                           (and stop on what Pelican could not build)
  page_generator_finalized leave out notice pages whose setting is off
  all_generators_finalized reading aids, sharing cards and structured data,
                           the consultation call-to-action, image variants
                           (encoded or from the cache), the alt-text checks and
                           their summary
  get_writer               a writer that renders articles' and pages' own files
                           on every core (parallel_writing.py), or copies them
                           from the page cache when their inputs did not
                           change (page_cache.py; local builds)
  content_written          images in each written page become <picture>s;
                           the page is minified in production
  feed_generated           feeds get the call-to-action as a plain paragraph,
                           whole titles, and lang/dir on other languages' entries
  finalized                finish the sitemap (steady dates, addresses as
                           URIs); minify the stylesheet; write
                           image variants and sharing cards; index the site
                           for search; precompress text files (cached)
"""

import logging
import os

from pelican import signals
from pelican.contents import Article
from pelican.log import LimitFilter

from . import (content_checks, feeds, parallel_reading, parallel_writing, reading, source_lines, speed,
               structured_data)
from .alt_check import check_content, check_contents
from .consultation import CallToAction, tel_href
from .crash_report import names_the_file
from .figures import FigureExtension
from .findings import ERROR, WARNING, Findings, logger
from .images import ImageWork, PictureWriter
from .minify import minify_page, minify_stylesheets
from .plain_text import plain_text
from .precompress import Precompressor
from .search_index import build_index
from .settings import check_and_merge, consultation_settings, project_root, report_path
from .sitemap_finish import finish_sitemap
from .social_cards import SocialCards
from .template_check import check_templates

# Pelican's own warnings that our checks replace with file, line and fix:
# every empty alt (alt="" is right on an image marked decorative), and links
# to files that do not exist.
PELICAN_WARNINGS_WE_REPLACE = [
    (logging.WARNING, "Empty alt attribute for image %s in %s"),
    (logging.WARNING, "Unable to find '%s', skipping url replacement."),
]


class _Run:
    """State of the current build (live preview builds many times in-process)."""

    findings = Findings()
    call_to_action = None
    social_cards = None
    images = None
    pictures = None
    contents = []
    env = None  # the theme's templates


@names_the_file
def on_initialized(pelican):
    settings = pelican.settings
    _Run.findings = Findings(project_root(settings))
    if not check_and_merge(settings, _Run.findings, ERROR, WARNING):  # every group complete from here on
        stop(settings, "a setting has the wrong kind of value")
    _Run.call_to_action = _Run.social_cards = _Run.images = _Run.pictures = None
    parallel_writing.forget_waiting_pages()  # of a build that failed (live preview)
    source_lines.forget()
    LimitFilter._ignore.update(PELICAN_WARNINGS_WE_REPLACE)
    placeholder = settings.get("PLACEHOLDER_SITEURL")
    if placeholder and settings.get("SITEURL") == placeholder:
        logger.warning(
            "SITEURL is the placeholder %s: links in feeds, the sitemap and sharing "
            "cards will point there. Fix: build with SITEURL=https://<the practice's "
            "domain> in the environment.",
            placeholder,
        )
    markdown = settings.setdefault("MARKDOWN", {})
    extensions = markdown.setdefault("extensions", [])
    if not any(isinstance(e, FigureExtension) for e in extensions):
        extensions.append(FigureExtension())
    if speed.Speed.on:
        parallel_reading.start(settings)  # the workers render while we check
    blocking = content_checks.check_all(settings, _Run.findings)
    if blocking:
        stop(settings, "content that Pelican cannot build (" + ", ".join(blocking) + ")")


def stop(settings, reason):
    """End the build now, cleanly, when going on would crash Pelican."""
    parallel_reading.stop()
    path = report_path(settings)
    _Run.findings.write_report(path)
    _Run.findings.log_summary(path, fatal=True)
    raise SystemExit(f"Build stopped: {reason}. See the errors above.")


def _find_page(pages, slug):
    return next((page for page in pages if page.slug == slug), None)


def _share_image(settings, article):
    """(absolute URL, alt) of the image an article is shared with."""
    chosen = article.metadata.get("image")
    if chosen:
        path = str(chosen).replace("{static}", "").lstrip("/")
        return f"{settings['SITEURL']}/{path}", article.metadata.get("image_alt", "")
    return f"{settings['SITEURL']}/{article.social_card}", article.social_card_alt


def describe_for_sharing(settings, context, articles, pages):
    cards = SocialCards(settings)
    cards.assign(articles)
    context["SITE_SOCIAL_CARD"] = f"{settings['SITEURL']}/{cards.site_card}"
    context["SITE_JSON_LD"] = structured_data.for_site(settings)
    context["AUTHOR_JSON_LD"] = {
        author.name: structured_data.for_author(settings, author) for author, _ in context.get("authors", [])
    }
    for content in articles + pages:
        describe(settings, content)
    return cards


def describe(settings, content):
    """One article's or page's structured data (and an article's shared image)."""
    if isinstance(content, Article):
        content.share_image, content.share_image_alt = _share_image(settings, content)
        content.json_ld = structured_data.for_article(settings, content, content.share_image)
    else:
        content.json_ld = structured_data.for_page(settings, content)


def place_calls_to_action(settings, env, articles, pages):
    options = consultation_settings(settings)
    cta = CallToAction(settings, env, _Run.findings, _find_page(pages, options["page_slug"]))
    if cta.link_is_missing():
        _Run.findings.add(
            "consultation", ERROR, "settings: CONSULTATION", None,
            f"no booking link: booking_url is empty and no page has the slug '{options['page_slug']}'",
            "set CONSULTATION['booking_url'] in pelicanconf.py, or add "
            f"content/pages/{options['page_slug']}.md",
        )
    for article in articles:
        cta.apply(article, is_article=True)
    for page in pages:
        cta.apply(page, is_article=False)
    return cta


@names_the_file
def on_all_generators_finalized(generators):
    articles_generator = next(g for g in generators if hasattr(g, "articles"))
    pages_generator = next(g for g in generators if hasattr(g, "hidden_pages"))
    settings = articles_generator.settings
    articles = articles_generator.articles + articles_generator.drafts
    pages = pages_generator.pages + pages_generator.hidden_pages + pages_generator.draft_pages

    if not check_templates(articles_generator.env, _Run.findings):
        stop(settings, "a theme template does not compile")
    _Run.contents = articles + pages
    _Run.findings.made_from(_Run.contents)
    _Run.env = articles_generator.env
    reading.apply(articles, settings)  # before the call-to-action joins the words
    _Run.social_cards = describe_for_sharing(settings, articles_generator.context, articles, pages)
    _Run.call_to_action = place_calls_to_action(settings, articles_generator.env, articles, pages)
    _Run.images = ImageWork(settings, _Run.findings)
    _Run.images.prepare()
    _Run.images.report_problems(articles + pages, source_lines.line_of)
    _Run.pictures = PictureWriter(_Run.images, articles_generator.env, settings["OUTPUT_PATH"])
    parallel_writing.pages_also_depend_on(_Run.images.fingerprint())  # pages show their pictures
    check_contents(articles + pages, _Run.findings, speed.workers(settings.get("READING_WORKERS", os.cpu_count())))

    path = report_path(settings)
    _Run.findings.write_report(path)
    _Run.findings.log_summary(path)


# -- live preview (scripts/live_preview.py) -----------------------------------
def refresh(content, previous):
    """`content` is `previous` read again after a save, its metadata unchanged:
    it keeps what the build gave `previous` (neighbours, related articles,
    sharing card) and goes again through our steps that depend on its text.
    Findings are those of this file alone."""
    settings = content.settings
    for name, value in vars(previous).items():
        vars(content).setdefault(name, value)
    _Run.findings.items.clear()
    source_lines.forget()
    kind = "article" if isinstance(content, Article) else "page"
    content_checks.check_file(kind, content.source_path, settings, _Run.findings)
    if kind == "article":
        reading.set_minutes(content, settings)
    describe(settings, content)
    _Run.call_to_action.apply(content, is_article=kind == "article")
    _Run.images.report_problems([content], source_lines.line_of, unused_too=False)
    check_content(content, _Run.findings)
    _Run.findings.write_report(report_path(settings))
    if _Run.findings.items:
        _Run.findings.log_summary(report_path(settings), fatal=True)


def error_count():
    """Errors our checks found in the last build or refresh."""
    return _Run.findings.count(ERROR)


def output_moved(output_path):
    """The finished build was moved to `output_path` (live preview swaps folders)."""
    if _Run.pictures is not None:
        _Run.pictures.output_path = output_path


def leave_out_notices_turned_off(generator):
    """page_generator_finalized: a notice page (metadata `Notice: <name>`) whose
    setting is off is not published (GOOD_FAITH_ESTIMATE = False)."""
    settings = generator.settings
    switches = {"good-faith-estimate": settings.get("GOOD_FAITH_ESTIMATE", True)}
    generator.pages[:] = [page for page in generator.pages
                          if switches.get(page.metadata.get("notice"), True)]


def on_generator_init(generator):
    generator.env.filters["ld_json"] = structured_data.as_script_json
    generator.env.filters["tel_href"] = tel_href
    generator.env.filters["plain"] = plain_text


@names_the_file
def on_feed_generated(context, feed):
    if _Run.call_to_action is not None:
        _Run.call_to_action.use_plain_paragraphs_in_feed(feed)
    feeds.keep_plain_titles(context, feed, _Run.contents)
    feeds.mark_languages(context, feed, _Run.contents, _Run.env)


def finish_page(path, minify):
    """Pictures and minifying in one pass over a page Pelican wrote."""
    with open(path, encoding="utf-8") as handle:
        html = handle.read()
    if _Run.pictures is not None:
        html = _Run.pictures.rewrite(path, html)
    if minify:
        html = minify_page(html)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(html)


@names_the_file
def on_content_written(path, context):
    if parallel_writing.telling_others():
        return  # finished by the worker that wrote it
    if path.endswith(".html") and (_Run.pictures is not None or context.get("MINIFY")):
        finish_page(path, bool(context.get("MINIFY")))


@names_the_file
def on_finalized(pelican):
    parallel_writing.write_waiting_pages()  # before anything reads the written pages
    cached = parallel_writing.finish_page_cache()
    if cached:
        logger.info("pages: %s", cached)
    finish_sitemap(pelican.output_path, _Run.contents)  # runs after the sitemap plugin's
    if pelican.settings.get("MINIFY"):
        minify_stylesheets(pelican.output_path)
    if _Run.images is not None:
        _Run.images.publish_files(pelican.output_path)
        logger.info("images: %d encoded, %d from the cache", _Run.images.encoded, _Run.images.reused)
    if _Run.social_cards is not None:
        _Run.social_cards.write(pelican.output_path)
    cache = pelican.settings["CACHE_PATH"]
    if pelican.settings.get("SEARCH_INDEX"):
        logger.info("search index: %s", build_index(pelican.output_path, os.path.join(cache, "search")))
    if pelican.settings.get("PRECOMPRESS"):  # last: it compresses what the others wrote
        compressor = Precompressor(os.path.join(cache, "compressed"))
        compressor.run(pelican.output_path)
        logger.info("precompressed: %d compressed, %d from the cache", compressor.compressed, compressor.reused)


def register():
    signals.initialized.connect(on_initialized)
    if speed.decide(logger):  # else Pelican's own reader and writer (speed.py)
        signals.readers_init.connect(parallel_reading.use_parallel_reader)
        signals.get_writer.connect(parallel_writing.parallel_writer)
        signals.page_writer_finalized.connect(parallel_writing.write_waiting_pages)
    else:
        for signal, receiver in ((signals.readers_init, parallel_reading.use_parallel_reader),
                                 (signals.get_writer, parallel_writing.parallel_writer),
                                 (signals.page_writer_finalized, parallel_writing.write_waiting_pages)):
            signal.disconnect(receiver)  # connected by an earlier build in this process
    signals.generator_init.connect(on_generator_init)
    signals.page_generator_finalized.connect(leave_out_notices_turned_off)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    signals.feed_generated.connect(on_feed_generated)
    signals.content_written.connect(on_content_written)
    signals.finalized.connect(on_finalized)
