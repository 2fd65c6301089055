"""Therapy Ties' Pelican plugin.

One build goes:
  initialized              reset, add the figure Markdown extension, check the
                           content files, start rendering them on every core
  all_generators_finalized reading aids, sharing cards and structured data,
                           the consultation call-to-action, image variants
                           (encoded or from the cache), the alt-text checks and
                           their summary
  content_written          images in each written page become <picture>s;
                           the page is minified in production
  feed_generated           feeds get the call-to-action as a plain paragraph
  finalized                steady sitemap dates; minify the stylesheet; write
                           image variants and sharing cards; index the site
                           for search; precompress text files (cached)
"""

import logging
import os

from pelican import signals
from pelican.log import LimitFilter

from . import content_checks, parallel_reading, reading, source_lines, structured_data
from .alt_check import check_content
from .consultation import CallToAction, tel_href
from .figures import FigureExtension
from .findings import ERROR, Findings, logger
from .images import ImageWork, PictureWriter
from .minify import minify_page, minify_stylesheets
from .precompress import Precompressor
from .search_index import build_index
from .settings import consultation_settings, project_root, report_path
from .sitemap_dates import steady_lastmod
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


def on_initialized(pelican):
    settings = pelican.settings
    _Run.findings = Findings(project_root(settings))
    _Run.call_to_action = _Run.social_cards = _Run.images = _Run.pictures = None
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
    if not content_checks.check_all(settings, _Run.findings):
        stop(settings, "two files would be published at the same address")
    parallel_reading.start(settings)


def stop(settings, reason):
    """End the build now, cleanly, when going on would crash Pelican."""
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
    for article in articles:
        article.share_image, article.share_image_alt = _share_image(settings, article)
        article.json_ld = structured_data.for_article(settings, article, article.share_image)
    for page in pages:
        page.json_ld = structured_data.for_page(settings, page)
    return cards


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


def on_all_generators_finalized(generators):
    articles_generator = next(g for g in generators if hasattr(g, "articles"))
    pages_generator = next(g for g in generators if hasattr(g, "hidden_pages"))
    settings = articles_generator.settings
    articles = articles_generator.articles + articles_generator.drafts
    pages = pages_generator.pages + pages_generator.hidden_pages + pages_generator.draft_pages

    if not check_templates(articles_generator.env, _Run.findings):
        stop(settings, "a theme template does not compile")
    _Run.contents = articles + pages
    reading.apply(articles, settings)  # before the call-to-action joins the words
    _Run.social_cards = describe_for_sharing(settings, articles_generator.context, articles, pages)
    _Run.call_to_action = place_calls_to_action(settings, articles_generator.env, articles, pages)
    _Run.images = ImageWork(settings, _Run.findings)
    _Run.images.prepare()
    _Run.images.report_problems(articles + pages, source_lines.line_of)
    _Run.pictures = PictureWriter(_Run.images, articles_generator.env, settings["OUTPUT_PATH"])
    for content in articles + pages:
        check_content(content, _Run.findings)

    path = report_path(settings)
    _Run.findings.write_report(path)
    _Run.findings.log_summary(path)


def on_generator_init(generator):
    generator.env.filters["ld_json"] = structured_data.as_script_json
    generator.env.filters["tel_href"] = tel_href


def on_feed_generated(context, feed):
    if _Run.call_to_action is not None:
        _Run.call_to_action.use_plain_paragraphs_in_feed(feed)


def on_content_written(path, context):
    """Pictures and minifying in one pass over the page Pelican just wrote."""
    if not path.endswith(".html") or (_Run.pictures is None and not context.get("MINIFY")):
        return
    with open(path, encoding="utf-8") as handle:
        html = handle.read()
    if _Run.pictures is not None:
        html = _Run.pictures.rewrite(path, html)
    if context.get("MINIFY"):
        html = minify_page(html)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(html)


def on_finalized(pelican):
    steady_lastmod(pelican.output_path, _Run.contents)  # runs after the sitemap plugin's
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
    signals.readers_init.connect(parallel_reading.use_parallel_reader)
    signals.generator_init.connect(on_generator_init)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    signals.feed_generated.connect(on_feed_generated)
    signals.content_written.connect(on_content_written)
    signals.finalized.connect(on_finalized)
