"""Therapy Ties' Pelican plugin: the consultation call-to-action, figures and
captions from Markdown images, and the alt-text checks.

One run of Pelican goes: initialized (reset, add the Markdown extension) ->
all contexts generated -> all_generators_finalized (place the call-to-action,
check every image, log the summary) -> feeds generated (plain call-to-action).
"""

import logging

from pelican import signals
from pelican.log import LimitFilter

from . import source_lines
from .alt_check import check_content
from .consultation import CallToAction
from .figures import FigureExtension
from .findings import ERROR, Findings, logger
from .settings import consultation_settings, project_root, report_path

# Pelican warns about every empty alt; our checks decide instead (alt="" is
# right on an image marked decorative), so its warning would only duplicate.
PELICAN_EMPTY_ALT_WARNING = (logging.WARNING, "Empty alt attribute for image %s in %s")


class _Run:
    """State of the current build (live preview builds many times in-process)."""

    findings = Findings()
    call_to_action = None


def on_initialized(pelican):
    settings = pelican.settings
    _Run.findings = Findings(project_root(settings))
    _Run.call_to_action = None
    source_lines.forget()
    LimitFilter._ignore.add(PELICAN_EMPTY_ALT_WARNING)
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


def _find_page(pages, slug):
    return next((page for page in pages if page.slug == slug), None)


def on_all_generators_finalized(generators):
    articles_generator = next(g for g in generators if hasattr(g, "articles"))
    pages_generator = next(g for g in generators if hasattr(g, "hidden_pages"))
    settings = articles_generator.settings
    articles = articles_generator.articles + articles_generator.drafts
    pages = pages_generator.pages + pages_generator.hidden_pages + pages_generator.draft_pages

    options = consultation_settings(settings)
    cta = CallToAction(
        settings,
        articles_generator.env,
        _Run.findings,
        _find_page(pages, options["page_slug"]),
    )
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
    _Run.call_to_action = cta

    for content in articles + pages:
        check_content(content, _Run.findings)

    path = report_path(settings)
    _Run.findings.write_report(path)
    _Run.findings.log_summary(path)


def on_feed_generated(context, feed):
    if _Run.call_to_action is not None:
        _Run.call_to_action.use_plain_paragraphs_in_feed(feed)


def register():
    signals.initialized.connect(on_initialized)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    signals.feed_generated.connect(on_feed_generated)
