"""The plugin's settings: each declared once here, with its default.

pelicanconf.py overrides any of them; the plugin reads them only through
`consultation_settings()` and `alt_text_settings()`, never from globals.
"""

import os

CONSULTATION_DEFAULTS = {
    # Where the button leads. Empty: the page whose slug is `page_slug`.
    "booking_url": "",
    # Shown as tel: and mailto: links only when filled in.
    "phone": "",
    "email": "",
    # The consultation page itself: never carries the call-to-action.
    "page_slug": "free-consultation",
    "heading": "Take the first step",
    "intro": "The first step is a free 15-minute consultation.",
    "steps": [],
    "button_label": "Schedule a free 15-minute consultation",
    # Service variants, by name: each may set service, heading, intro, steps.
    "variants": {},
    # Articles carry it unless their metadata says `Consultation: off`; pages
    # only when their metadata names it (`Consultation: on` or a variant).
    "on_articles": True,
    "on_pages": False,
}

ALT_TEXT_DEFAULTS = {
    # Alt longer than this is better told in a caption.
    "max_length": 150,
    # A phrase of at least `repeated_phrase_words` words found in the alts of
    # at least `repeated_phrase_images` images of one page is keyword stuffing.
    "repeated_phrase_words": 3,
    "repeated_phrase_images": 3,
    # Metadata naming an image, and the metadata holding its alt text.
    "metadata_images": {"image": "image_alt", "featured_image": "featured_image_alt"},
    # Class that marks an image decorative (Markdown: ![](x.png){.decorative}).
    "decorative_class": "decorative",
}


def _merged(defaults, overrides):
    merged = dict(defaults)
    merged.update(overrides or {})
    return merged


def consultation_settings(settings):
    return _merged(CONSULTATION_DEFAULTS, settings.get("CONSULTATION"))


def alt_text_settings(settings):
    return _merged(ALT_TEXT_DEFAULTS, settings.get("ALT_TEXT"))


def report_path(settings):
    """CHECKS_REPORT, or else .reports/checks.json beside the output folder."""
    if settings.get("CHECKS_REPORT"):
        return settings["CHECKS_REPORT"]
    output = os.path.abspath(settings["OUTPUT_PATH"])
    return os.path.join(os.path.dirname(output), ".reports", "checks.json")


def project_root(settings):
    """The folder holding content/, for short file names in messages."""
    return os.path.dirname(os.path.abspath(settings["PATH"]))
