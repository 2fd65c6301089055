"""The consultation call-to-action: one source of settings, rendered by the theme.

Per article or page, metadata decides:
    Consultation: off | on | <variant>      (e.g. relationship-therapy)
    Consultation_heading / Consultation_intro / Consultation_label: overrides
    Consultation_steps: one step per line (indent the following lines)
A line `[consultation]` or `[consultation: Button words]` on its own places it
there instead of at the end. It appears at most once a page, never on the
consultation page itself.

The call-to-action is put into the content (so every template and the search
index see one copy in one place); feeds get a plain paragraph with an absolute
link instead (see `use_plain_paragraphs_in_feed`).
"""

import html as html_text
import re

from ..checks import source_lines
from ..checks.findings import ERROR
from ..settings import consultation_settings
from .structured_data import absolute

MARKER = re.compile(r"<p>\[consultation(?::\s*(?P<label>[^\]]*?))?\s*\]</p>", re.IGNORECASE)
RENDERED = re.compile(r'<aside class="consultation".*?</aside>', re.DOTALL)
OFF = {"off", "no", "false", "none"}
ON = {"on", "yes", "true", "default"}
PARTIAL = "partials/consultation.html"
FEED_PARTIAL = "partials/consultation_feed.html"


def _as_list(value):
    if isinstance(value, str):
        return [line.strip() for line in value.splitlines() if line.strip()]
    return [str(item).strip() for item in value or []]


def tel_href(phone):
    return "tel:" + re.sub(r"[^\d+]", "", phone)


class CallToAction:
    """Decides and renders the call-to-action of each article and page."""

    def __init__(self, settings, env, findings, consultation_page):
        self.options = consultation_settings(settings)
        self.settings = settings
        self.site_lang = settings.get("DEFAULT_LANG", "en")
        self.env = env
        self.findings = findings
        self.consultation_page = consultation_page
        self.feed_paragraphs = {}  # source path -> the plain paragraph feeds get

    # -- the link every call-to-action leads to ------------------------------
    def link_is_missing(self):
        return not self.options["booking_url"] and self.consultation_page is None

    def _href(self):
        """The link as it goes into content: Pelican resolves {filename}."""
        if self.options["booking_url"]:
            return self.options["booking_url"]
        return "{filename}/" + self.consultation_page.relative_source_path

    def _absolute_href(self):
        if self.options["booking_url"]:
            return self.options["booking_url"]
        return absolute(self.settings, self.consultation_page.url)

    # -- what one piece of content asks for -----------------------------------
    def _error(self, content, key_or_needle, message, hint, metadata=True):
        path = content.source_path
        if metadata:
            line = source_lines.metadata_line(path, key_or_needle)
        else:
            line = source_lines.line_of(path, key_or_needle)
        self.findings.add("consultation", ERROR, path, line, message, hint)

    def _wanted(self, content, is_article):
        """None when off, "" for the default, or a variant's name."""
        raw = str(content.metadata.get("consultation", "")).strip()
        if not raw:
            return "" if self.options["on_articles" if is_article else "on_pages"] else None
        if raw.lower() in OFF:
            return None
        if raw.lower() in ON:
            return ""
        if raw in self.options["variants"]:
            return raw
        known = ", ".join(sorted(self.options["variants"])) or "(none configured)"
        self._error(
            content,
            "consultation",
            f"unknown consultation variant '{raw}'",
            f"write one of: {known}; or 'on' for the general one, 'off' for none",
        )
        return ""

    def _data(self, content, variant, marker_label):
        options = self.options
        chosen = options["variants"].get(variant, {}) if variant else {}
        meta = content.metadata
        steps = meta.get("consultation_steps") or chosen.get("steps") or options["steps"]
        return {
            "service": chosen.get("service", ""),
            "heading": meta.get("consultation_heading") or chosen.get("heading") or options["heading"],
            "intro": meta.get("consultation_intro") or chosen.get("intro") or options["intro"],
            "steps": _as_list(steps),
            "label": marker_label or meta.get("consultation_label") or options["button_label"],
            "phone": options["phone"],
            "phone_href": tel_href(options["phone"]) if options["phone"] else "",
            "email": options["email"],
            # In an article in another language, the call-to-action says it is in the site's.
            "lang": self.site_lang if getattr(content, "lang", self.site_lang) != self.site_lang else "",
        }

    # -- putting it in place ---------------------------------------------------
    def apply(self, content, is_article):
        markers = list(MARKER.finditer(content._content))
        wanted = self._wanted(content, is_article)
        if content is self.consultation_page:
            if markers or content.metadata.get("consultation"):
                self._error(
                    content,
                    "[consultation" if markers else "consultation",
                    "the consultation page cannot carry the consultation call-to-action",
                    "remove the [consultation] line and the Consultation: metadata from this page",
                    metadata=not markers,
                )
            return
        if len(markers) > 1:
            self._error(
                content,
                "[consultation",
                f"{len(markers)} [consultation] markers; it appears at most once a page",
                "keep one [consultation] line and delete the others",
                metadata=False,
            )
        if markers and wanted is None:
            if str(content.metadata.get("consultation", "")).strip():
                self._error(
                    content,
                    "consultation",
                    "a [consultation] marker on a page whose metadata turns it off",
                    "delete the `Consultation: off` line, or the [consultation] line",
                )
            wanted = ""  # a marker is an explicit request
        if wanted is None or self.link_is_missing():
            return
        # The marker's words come from the rendered HTML: plain text for the template.
        label = html_text.unescape(markers[0].group("label")) if markers and markers[0].group("label") else None
        data = self._data(content, wanted, label)
        html = self.env.get_template(PARTIAL).render(cta=dict(data, href=self._href()))
        if markers:
            first = markers[0]
            text = content._content
            content._content = text[: first.start()] + html + MARKER.sub("", text[first.end() :])
        else:
            content._content = content._content + "\n" + html
        feed_html = self.env.get_template(FEED_PARTIAL).render(
            cta=dict(data, href=self._absolute_href())
        )
        self.feed_paragraphs[content.source_path] = feed_html
        content.consultation = data

    # -- feeds ------------------------------------------------------------------
    def use_plain_paragraphs_in_feed(self, context, feed, entries):
        """Feed readers get a plain paragraph with an absolute link (entries:
        feeds.Entries, which article or page each item links to)."""
        for item in feed.items:
            content = entries.at(context, item)
            plain = self.feed_paragraphs.get(content.source_path) if content is not None else None
            if plain is None:
                continue
            for field in ("content", "description"):
                if item.get(field):
                    item[field] = RENDERED.sub(lambda _m, p=plain: p, item[field])


def place_calls_to_action(settings, env, findings, articles, pages):
    """Every article and page gets its call-to-action (or none); the booking
    link missing altogether is one error."""
    options = settings["CONSULTATION"]
    page = next((p for p in pages if p.slug == options["page_slug"]), None)
    cta = CallToAction(settings, env, findings, page)
    if cta.link_is_missing():
        findings.add(
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
