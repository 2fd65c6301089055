"""The plugin's settings: every key of each group declared once here, with its
default and what it is for.

pelicanconf.py (or publishconf.py) sets any of them. At `initialized`,
`check_and_merge` checks what the settings file gave (an unknown key is a
warning naming the nearest known one; a value of the wrong kind is an error
naming the setting, the file and the line) and puts each group back into the
settings merged with its defaults: the plugin and the theme read the same,
complete values.
"""

import difflib
import os
import re
from typing import NamedTuple


class Setting(NamedTuple):
    default: object
    doc: str


DECLARED = {
    "CONSULTATION": {
        "booking_url": Setting("", "a booking portal's address; empty: the free-consultation page of this site"),
        "phone": Setting("", "shown as a tel: link when filled in"),
        "email": Setting("", "shown as a mailto: link when filled in"),
        "page_slug": Setting("free-consultation", "the consultation page, which never carries the call-to-action"),
        "heading": Setting("Take the first step", "the call-to-action's heading"),
        "intro": Setting("The first step is a free 15-minute consultation.", "the sentence under it"),
        "steps": Setting([], "the numbered steps, one line each"),
        "button_label": Setting("Schedule a free 15-minute consultation", "the button's words"),
        "variants": Setting({}, "service variants by name, each with service, heading, intro, steps"),
        "on_articles": Setting(True, "articles carry it unless their metadata says `Consultation: off`"),
        "on_pages": Setting(False, "pages carry it only when their metadata names it"),
    },
    "ALT_TEXT": {
        "max_length": Setting(150, "alt text longer than this is better told in a caption"),
        "repeated_phrase_words": Setting(3, "a phrase this long in the alts of ..."),
        "repeated_phrase_images": Setting(3, "... this many images of one page is keyword stuffing"),
        "metadata_images": Setting({"image": "image_alt", "featured_image": "featured_image_alt"},
                                   "metadata naming an image, and the metadata holding its alt text"),
        "decorative_class": Setting("decorative", "the class that marks an image decorative: ![](x.png){.decorative}"),
    },
    "IMAGES": {
        # The reading column is 38rem (608 CSS px): 1200 covers it on 2x screens and a 390 px phone at 3x.
        "widths": Setting([480, 800, 1200], "the WebP variants' widths (never wider than the photograph)"),
        "fallback_width": Setting(800, "the one JPEG or PNG for browsers without WebP"),
        "sizes": Setting("(min-width: 42.5rem) 38rem, 100vw", "the <picture>'s sizes attribute"),
        "webp_quality": Setting(78, "WebP quality"),
        "jpeg_quality": Setting(80, "JPEG quality"),
        "max_pixels": Setting(40_000_000, "larger is refused as a decompression bomb"),
        "workers": Setting(0, "processes that encode; 0: one per core"),
        "progress_after": Setting(4, "a progress bar above this many images to encode"),
    },
    "SOCIAL_CARDS": {
        "background": Setting("#2f5d62", "the cards' background colour"),
        "text": Setting("#ffffff", "the title's colour"),
        "accent": Setting("#f1eee7", "the band's and subtitle's colour"),
        "folder": Setting("social", "where the cards are published"),
        "fonts": Setting("", "the cards' fonts folder; empty: the theme's fonts/"),
    },
}
SETTINGS_FILES = ("pelicanconf.py", "publishconf.py")


def group(settings, name):
    """The group's values: the defaults with what the settings file gave over them."""
    values = {key: declared.default for key, declared in DECLARED[name].items()}
    values.update(settings.get(name) or {})
    return values


def consultation_settings(settings):
    return group(settings, "CONSULTATION")


def alt_text_settings(settings):
    return group(settings, "ALT_TEXT")


def _kind(value):
    return {bool: "true or false", int: "a whole number", str: "text", list: "a list", dict: "a dict"}.get(
        type(value), type(value).__name__)


def _same_kind(value, default):
    if isinstance(default, bool) or isinstance(value, bool):  # True is an int to Python, not here
        return isinstance(value, bool) and isinstance(default, bool)
    return isinstance(value, type(default))


def _where(settings, name, key=None):
    """(settings file, line) where NAME (and, if found, its key) is set."""
    folder = os.path.dirname(os.path.abspath(settings.get("PATH", "content")))
    for file in SETTINGS_FILES:
        path = os.path.join(folder, file)
        try:
            with open(path, encoding="utf-8") as handle:
                lines = handle.read().split("\n")
        except OSError:
            continue
        start = next((n for n, line in enumerate(lines) if re.match(rf"^{name}\s*=", line)), None)
        if start is None:
            continue
        if key:
            for n in range(start, len(lines)):
                if re.search(rf"""["']{re.escape(key)}["']\s*:""", lines[n]):
                    return path, n + 1
        return path, start + 1
    return "pelicanconf.py", None


def check_and_merge(settings, findings, error, warning):
    """Check every declared group the settings set, and merge it with its
    defaults in place; returns False when a value is of the wrong kind."""
    fine = True
    for name, declared in DECLARED.items():
        given = settings.get(name)
        if given is None:
            settings[name] = group(settings, name)
            continue
        if not isinstance(given, dict):
            findings.add("setting-type", error, *_where(settings, name),
                         f"{name} should be a dict of settings, not {_kind(given)}",
                         f"write {name} = {{...}} with keys among: {', '.join(declared)}")
            fine = False
            continue
        for key, value in given.items():
            if key not in declared:
                near = difflib.get_close_matches(key, declared, n=1)
                findings.add("setting-unknown", warning, *_where(settings, name, key),
                             f"{name}[{key!r}] is not a setting the site knows, so it does nothing",
                             f"did you mean {near[0]!r}?" if near else f"known keys: {', '.join(declared)}")
            elif not _same_kind(value, declared[key].default):
                findings.add("setting-type", error, *_where(settings, name, key),
                             f"{name}[{key!r}] should be {_kind(declared[key].default)} "
                             f"({declared[key].doc}), not {_kind(value)}: {value!r}",
                             f"write it like the default: {declared[key].default!r}")
                fine = False
        settings[name] = group(settings, name)
    return fine


def report_path(settings):
    """CHECKS_REPORT, or else .reports/checks.json beside the output folder."""
    if settings.get("CHECKS_REPORT"):
        return settings["CHECKS_REPORT"]
    output = os.path.abspath(settings["OUTPUT_PATH"])
    return os.path.join(os.path.dirname(output), ".reports", "checks.json")


def project_root(settings):
    """The folder holding content/, for short file names in messages."""
    return os.path.dirname(os.path.abspath(settings["PATH"]))
