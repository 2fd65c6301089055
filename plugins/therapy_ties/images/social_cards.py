"""Sharing cards: a 1200×630 PNG per article (and one for the site), drawn
with Pillow in the theme's colours and the theme's own fonts (theme/fonts/:
Noto Sans with Hebrew, and common emoji in colour), so no system font is
needed. A line in Hebrew is laid out right to left by libraqm (in Pillow's
wheels); a title holding a character neither font draws is shared with the
site's card instead of empty boxes. Each card is cached under CACHE_PATH by
what it shows; an unchanged card is copied, not drawn again. New cards are
drawn on every core (WORKERS) and saved as palette PNGs: a fifth of the time
of an optimised full-colour PNG (9 ms against 45 ms a card), and a third of
its size, with no difference to see. A card of text alone (most) is drawn as
one coverage mask per colour, which makes its palette directly (_Coverage):
less than half the time of drawing in full colour and quantizing (3.0 ms against
7.4 ms before saving), and closer to the full-colour drawing.

Articles that name their own image for sharing (metadata `Image:`) keep it.
"""

import bisect
import hashlib
import json
import os
import textwrap
import unicodedata

from PIL import Image, ImageChops, ImageColor, ImageDraw, ImageFont

from ..output.place import place
from ..settings import group
from ..workers import map_forked, worker_count

SIZE = (1200, 630)
MARGIN = 80
DRAWING_VERSION = "6"  # bump when the drawing below, or how a card is saved, changes
EMOJI_STRIKE = 109  # the only size Noto Color Emoji's bitmaps come in
JOINERS = {"\u200d", "\ufe0f"}  # parts of an emoji sequence
RIGHT_TO_LEFT = {"R", "AL"}
# Blends from the background to each colour on a card of text alone: 32 give
# the file size the quantized full-colour card had, at most 4 levels of 255
# from it (the quantized one was 14 away).
COVERAGE_LEVELS = 32
# zlib level 3: half the time of 6 (1.5 ms against 3.2 a card), files 4 KB
# larger (18.6 KB against 14.3), fetched once by whoever shows the link.
PNG_LEVEL = 3


def card_settings(settings):
    options = group(settings, "SOCIAL_CARDS")  # declared in settings.py
    if not options["fonts"]:
        options["fonts"] = os.path.join(settings.get("THEME", "theme"), "fonts")
    return options


class CardFonts:
    """The card fonts, and which characters they can draw."""

    def __init__(self, folder):
        self.folder = folder
        with open(os.path.join(folder, "coverage.json"), encoding="utf-8") as handle:
            coverage = json.load(handle)
        self.text_ranges = coverage["card-text.ttf"]
        self.emoji_ranges = coverage["card-emoji.ttf"]
        self._sizes = {}
        self._drawn = {}  # character -> whether a font has it

    @staticmethod
    def _within(ranges, character):
        point = ord(character)
        index = bisect.bisect_right(ranges, [point, float("inf")]) - 1
        return index >= 0 and ranges[index][0] <= point <= ranges[index][1]

    def is_emoji(self, character):
        return character in JOINERS or (
            self._within(self.emoji_ranges, character) and not self._within(self.text_ranges, character))

    def can_draw(self, text):
        return all(self._drawable(c) for c in set(text))

    def _drawable(self, character):
        """Whether one character has a glyph (remembered: titles share most of theirs)."""
        if character not in self._drawn:
            self._drawn[character] = (character.isspace() or self._within(self.text_ranges, character)
                                      or self._within(self.emoji_ranges, character))
        return self._drawn[character]

    def text(self, size):
        if size not in self._sizes:
            self._sizes[size] = ImageFont.truetype(os.path.join(self.folder, "card-text.ttf"), size)
        return self._sizes[size]

    def emoji(self):
        if "emoji" not in self._sizes:
            self._sizes["emoji"] = ImageFont.truetype(os.path.join(self.folder, "card-emoji.ttf"), EMOJI_STRIKE)
        return self._sizes["emoji"]


def direction_of(text):
    """rtl when the first letter with a direction is written right to left."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in RIGHT_TO_LEFT:
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def runs(text, fonts):
    """[(is_emoji, text)]: the line cut where the font changes."""
    out = []
    for character in text:
        emoji = fonts.is_emoji(character)
        if out and out[-1][0] == emoji:
            out[-1] = (emoji, out[-1][1] + character)
        else:
            out.append((emoji, character))
    return out


def _emoji_image(text, fonts, size):
    font = fonts.emoji()
    left, top, right, bottom = font.getbbox(text, mode="RGBA")
    strike = Image.new("RGBA", (max(1, right - left), max(1, bottom - top)))
    ImageDraw.Draw(strike).text((-left, -top), text, font=font, embedded_color=True)
    return strike.resize((max(1, round(strike.width * size / EMOJI_STRIKE)), size), Image.LANCZOS)


def _measured(text, fonts, size, direction):
    """[(width, text or emoji picture)] of one line, in logical order."""
    pieces = []
    for emoji, part in runs(text, fonts):
        if emoji:
            picture = _emoji_image(part, fonts, size)
            pieces.append((picture.width, picture))
        else:
            pieces.append((fonts.text(size).getlength(part, direction=direction), part))
    return pieces


class _FullColour:
    """A card drawn in full colour: emoji keep their own colours."""

    def __init__(self, background):
        self.image = Image.new("RGB", SIZE, background)
        self.pen = ImageDraw.Draw(self.image)

    def text(self, xy, text, font, color, direction):
        self.pen.text(xy, text, font=font, fill=color, direction=direction)

    def rectangle(self, box, color):
        self.pen.rectangle(box, fill=color)

    def paste(self, picture, xy):
        self.image.paste(picture, xy, picture)

    def saved_image(self):
        return self.image.quantize(256, method=Image.Quantize.FASTOCTREE)


class _Coverage:
    """A card of text alone, drawn as one coverage mask per colour of text
    (0, the background, to COVERAGE_LEVELS, the colour itself), which are the
    indexes of a palette of blends from the background to each colour: it
    needs no quantizing (the slowest step of a full-colour card) and shows the
    same. Solid boxes are filled in at the end."""

    def __init__(self, background, colors):
        self.background = ImageColor.getrgb(background)
        self.colors = list(dict.fromkeys(colors))
        self.masks, self.boxes = {}, []

    def text(self, xy, text, font, color, direction):
        if color not in self.masks:
            self.masks[color] = Image.new("L", SIZE)
        ImageDraw.Draw(self.masks[color]).text(xy, text, font=font, fill=COVERAGE_LEVELS, direction=direction)

    def rectangle(self, box, color):
        self.boxes.append((box, color))

    def _first_index(self, color):
        return self.colors.index(color) * COVERAGE_LEVELS  # + 1 to COVERAGE_LEVELS: its blends

    def saved_image(self):
        indexed = Image.new("L", SIZE)
        for color, mask in self.masks.items():
            offset = self._first_index(color)
            layer = mask.point([0] + [offset + level for level in range(1, 256)]) if offset else mask
            indexed = ImageChops.lighter(indexed, layer) if len(self.masks) > 1 else layer  # texts never overlap
        for (left, top, right, bottom), color in self.boxes:
            indexed.paste(self._first_index(color) + COVERAGE_LEVELS, (left, top, right + 1, bottom + 1))
        palette = list(self.background)
        for color in self.colors:
            ink = ImageColor.getrgb(color)
            for level in range(1, COVERAGE_LEVELS + 1):
                palette += [round(b + (i - b) * level / COVERAGE_LEVELS) for b, i in zip(self.background, ink)]
        indexed.putpalette(palette)
        return indexed


def draw_line(canvas, text, y, size, fonts, color):
    """One line of mixed text and emoji, from the left margin or, for a line
    in a right-to-left language, from the right one."""
    direction = direction_of(text)
    available = SIZE[0] - 2 * MARGIN
    pieces = _measured(text, fonts, size, direction)
    width = sum(width for width, _ in pieces)
    if width > available:  # wide letters (Hebrew runs wider than Latin): a smaller size
        size = int(size * available / width)
        pieces = _measured(text, fonts, size, direction)
    if direction == "rtl":
        pieces.reverse()
        x = SIZE[0] - MARGIN - sum(width for width, _ in pieces)
    else:
        x = MARGIN
    for width, piece in pieces:
        if isinstance(piece, str):
            canvas.text((x, y), piece, fonts.text(size), color, direction)
        else:
            canvas.paste(piece, (round(x), y + round(size * 0.15)))
        x += width


def _draw(canvas, title, subtitle, site_name, options, fonts):
    canvas.rectangle([0, SIZE[1] - 24, SIZE[0], SIZE[1]], options["accent"])
    lines = textwrap.wrap(title, width=34)[:4]
    size = 64 if len(lines) <= 3 else 54
    y = 90
    for line in lines:
        draw_line(canvas, line, y, size, fonts, options["text"])
        y += int(size * 1.25)
    if subtitle:
        draw_line(canvas, textwrap.shorten(subtitle, 70), y + 20, 34, fonts, options["accent"])
    draw_line(canvas, site_name, SIZE[1] - 110, 40, fonts, options["text"])
    return canvas


def draw_card(title, subtitle, site_name, options, fonts):
    """The card in full colour."""
    return _draw(_FullColour(options["background"]), title, subtitle, site_name, options, fonts).image


def card_to_save(title, subtitle, site_name, options, fonts):
    """The card as saved: 256 colours; drawn as coverage masks unless it shows an emoji."""
    has_emoji = any(fonts.is_emoji(c) for c in title + subtitle + site_name)
    # The text's colour first: its mask is then the image's indexes as drawn (an
    # article's card has no other text; the accent band is a box).
    canvas = (_FullColour(options["background"]) if has_emoji
              else _Coverage(options["background"], (options["text"], options["accent"])))
    return _draw(canvas, title, subtitle, site_name, options, fonts).saved_image()


class SocialCards:
    """Decides each article's card and writes the cards into the output."""

    def __init__(self, settings):
        self.settings = settings
        self.options = card_settings(settings)
        self.fonts = CardFonts(self.options["fonts"])
        self.cache = os.path.join(settings.get("CACHE_PATH", ".cache"), "social-cards")
        self.wanted = {}  # output-relative path -> (title, subtitle)
        self.drawn = 0

    def url_for(self, name, title, subtitle=""):
        relative = f"{self.options['folder']}/{name}.png"
        self.wanted[relative] = (title, subtitle)
        return relative

    def assign(self, articles):
        site = self.settings["SITENAME"]
        self.site_card = self.url_for("site", site, self.settings.get("SITESUBTITLE", ""))
        site_alt = f"{site}: {self.settings.get('SITESUBTITLE', '')}"
        for article in articles:
            if article.metadata.get("image"):
                continue  # the author chose the image to share
            if self.fonts.can_draw(article.title):
                article.social_card = self.url_for(article.slug, article.title)
                article.social_card_alt = f"{article.title}: an article from {site}"
            else:  # better the site's card than boxes where letters should be
                article.social_card, article.social_card_alt = self.site_card, site_alt

    def _key(self, title, subtitle):
        parts = [DRAWING_VERSION, title, subtitle, self.settings["SITENAME"], repr(sorted(self.options.items()))]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:20]

    def _cached(self, title, subtitle):
        return os.path.join(self.cache, self._key(title, subtitle) + ".png")

    def _draw(self, wanted):
        """Draw one card into the cache (in a worker process)."""
        title, subtitle = wanted
        cached = self._cached(title, subtitle)
        card = card_to_save(title, subtitle, self.settings["SITENAME"], self.options, self.fonts)
        card.save(cached + ".tmp", "PNG", compress_level=PNG_LEVEL)
        os.replace(cached + ".tmp", cached)

    def write(self, output_path):
        os.makedirs(self.cache, exist_ok=True)
        missing = sorted({shown for shown in self.wanted.values() if not os.path.exists(self._cached(*shown))})
        map_forked(_draw_card, [(self, shown) for shown in missing], worker_count(self.settings))
        self.drawn = len(missing)
        for relative, (title, subtitle) in self.wanted.items():
            target = os.path.join(output_path, relative)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            place(self._cached(title, subtitle), target)


def _draw_card(job):
    cards, shown = job
    cards._draw(shown)
