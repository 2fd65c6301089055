"""The plugin's settings, each declared once here with its default and what
it is for: single settings (SINGLE) and groups of keys (DECLARED).

pelicanconf.py (or publishconf.py) sets any of them. At `initialized`,
`check_and_merge` checks what the settings file gave (an unknown key of a
group is a warning naming the nearest known one; a value of the wrong kind is
an error naming the setting, the file and the line) and puts the defaults of
what is missing into the settings: the plugin and the theme read the same,
complete values.
"""

import difflib
import os
import re
from typing import NamedTuple

from pelican.settings import DEFAULT_CONFIG


class Setting(NamedTuple):
    default: object
    doc: str
    kind: type = None  # when the default (None) does not show it


SINGLE = {
    "WORKERS": Setting(None, "processes the build may use; None: one per core, 1: one process", int),
    "MINIFY": Setting(False, "pages and the stylesheet minified (production)"),
    "PRECOMPRESS": Setting(False, "gzip and brotli copies of text files beside them (production)"),
    "SEARCH_INDEX": Setting(False, "the search page's index, made with Pagefind (production)"),
    "CHECKS_REPORT": Setting("", "where the checks' findings are written; empty: .reports/checks.json"),
    "PLACEHOLDER_SITEURL": Setting("", "a SITEURL that stands for the real address, warned about"),
    "READING_WORDS_PER_MINUTE": Setting(220, "for an article's reading time"),
    "RELATED_ARTICLES": Setting(3, "related articles shown under an article, by shared tags"),
    "AREAS_SERVED": Setting([], "the places the practice serves, in structured data and the footer"),
    "AUTHOR_BIOS": Setting({}, "each author's bio, photograph and credentials, by author name"),
    "NOTICE_OF_PRIVACY_PRACTICES": Setting("", "a URL or a file in content/files/; empty: not shown"),
    "HOST_LOGS": Setting("", "what the site's host keeps of each request, and for how long; empty: not shown"),
    "GOOD_FAITH_ESTIMATE": Setting(True, "the No Surprises Act notice page and its link"),
    "STAGING": Setting(False, "a rehearsal build: pages ask search engines not to index them"),
}


DECLARED = {
    # Unknown facts stay empty (the theme leaves out what is empty): no default invents one.
    "PRACTICE": {
        "name": Setting("", "the practice's name"),
        "kind": Setting("", "what kind of practice it is, in a few words"),
        "city": Setting("", "where it is"),
        "region": Setting("", "the region and state"),
        "founder": Setting("", "the founder's name as the site shows it"),
        "founder_title": Setting("", "the founder's title"),
        "languages": Setting([], "the languages sessions are held in"),
        "street_address": Setting("", "shown on the contact page when filled in"),
    },
    "LICENSEE": {
        "author": Setting("", "the author (AUTHOR_BIOS) who holds the license"),
        "full_name": Setting("", "the name exactly as filed with the Board of Behavioral Sciences"),
        "title": Setting("", "the license title"),
        "license_type": Setting("", "the license's abbreviation (LMFT)"),
        "license_number": Setting("", "as on the license"),
    },
    "CONSULTATION": {
        "booking_url": Setting("", "a booking portal's address; empty: the free-consultation page of this site"),
        "phone": Setting("", "shown as a tel: link when filled in"),
        "email": Setting("", "shown as a mailto: link when filled in"),
        "page_slug": Setting("free-consultation", "the consultation page, which never carries the call-to-action"),
        "heading": Setting("Your first step", "the call-to-action's heading"),
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
    """How a value (or a type) is described to the author."""
    kind = value if isinstance(value, type) else type(value)
    return {bool: "true or false", int: "a whole number", str: "text", list: "a list", dict: "a dict"}.get(
        kind, kind.__name__)


def _same_kind(value, declared):
    kind = declared.kind or type(declared.default)
    if value is None and declared.default is None:
        return True
    if kind is bool or isinstance(value, bool):  # True is an int to Python, not here
        return kind is bool and isinstance(value, bool)
    return isinstance(value, kind)


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


def misspelled(settings, known):
    """[(name, the known name it is close to)] for settings no one reads whose
    name is one letter or two from one that is read: CONSULTATON for
    CONSULTATION would otherwise be ignored without a word."""
    found = []
    for name in settings:
        if name not in known:
            near = difflib.get_close_matches(name, known, n=1, cutoff=0.85)
            if near:
                found.append((name, near[0]))
    return found


def check_and_merge(settings, findings, error, warning):
    """Check every declared setting and group the settings set, and merge them
    with their defaults in place; returns False when a value is of the wrong kind."""
    fine = True
    pages_of_direct_templates = {f"{t.upper()}_{kind}" for t in settings.get("DIRECT_TEMPLATES", [])
                                 for kind in ("SAVE_AS", "URL")}  # read by Pelican, though not in its defaults
    for name, near in misspelled(settings, set(DEFAULT_CONFIG) | set(SINGLE) | set(DECLARED) | pages_of_direct_templates):
        findings.add("setting-unknown", warning, *_where(settings, name),
                     f"{name} is not a setting the site knows, so it does nothing",
                     f"did you mean {near}?")
    for name, declared in SINGLE.items():
        if name not in settings:
            settings[name] = declared.default
        elif not _same_kind(settings[name], declared):
            findings.add("setting-type", error, *_where(settings, name),
                         f"{name} should be {_kind(declared.kind or declared.default)} ({declared.doc}), "
                         f"not {_kind(settings[name])}: {settings[name]!r}",
                         f"write it like the default: {declared.default!r}")
            fine = False
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
            elif not _same_kind(value, declared[key]):
                findings.add("setting-type", error, *_where(settings, name, key),
                             f"{name}[{key!r}] should be {_kind(declared[key].kind or declared[key].default)} "
                             f"({declared[key].doc}), not {_kind(value)}: {value!r}",
                             f"write it like the default: {declared[key].default!r}")
                fine = False
        settings[name] = group(settings, name)
    return fine


def report_path(settings):
    """CHECKS_REPORT, or else .reports/checks.json beside the output folder."""
    if settings.get("CHECKS_REPORT"):  # read before the settings are merged too (a stopped build)
        return settings["CHECKS_REPORT"]
    output = os.path.abspath(settings["OUTPUT_PATH"])
    return os.path.join(os.path.dirname(output), ".reports", "checks.json")


def project_root(settings):
    """The folder holding content/, for short file names in messages."""
    return os.path.dirname(os.path.abspath(settings["PATH"]))
