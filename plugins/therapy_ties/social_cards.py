"""Sharing cards: a 1200×630 PNG per article (and one for the site), drawn
with Pillow in the theme's colours and Pillow's bundled font, so no system font
is needed. Each card is cached under CACHE_PATH by what it shows; an unchanged
card is copied, not drawn again.

Articles that name their own image for sharing (metadata `Image:`) keep it.
"""

import hashlib
import os
import shutil
import textwrap

from PIL import Image, ImageDraw, ImageFont

SIZE = (1200, 630)
DEFAULTS = {
    "background": "#2f5d62",
    "text": "#ffffff",
    "accent": "#f1eee7",
    "folder": "social",
}
DRAWING_VERSION = "1"  # bump when the drawing below changes


def card_settings(settings):
    options = dict(DEFAULTS)
    options.update(settings.get("SOCIAL_CARDS") or {})
    return options


def _font(size):
    return ImageFont.load_default(size=size)


def draw_card(title, subtitle, site_name, options):
    image = Image.new("RGB", SIZE, options["background"])
    pen = ImageDraw.Draw(image)
    pen.rectangle([0, SIZE[1] - 24, SIZE[0], SIZE[1]], fill=options["accent"])
    lines = textwrap.wrap(title, width=34)[:4]
    size = 64 if len(lines) <= 3 else 54
    y = 90
    for line in lines:
        pen.text((80, y), line, font=_font(size), fill=options["text"])
        y += int(size * 1.25)
    if subtitle:
        pen.text((80, y + 20), textwrap.shorten(subtitle, 70), font=_font(34), fill=options["accent"])
    pen.text((80, SIZE[1] - 110), site_name, font=_font(40), fill=options["text"])
    return image


class SocialCards:
    """Decides each article's card and writes the cards into the output."""

    def __init__(self, settings):
        self.settings = settings
        self.options = card_settings(settings)
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
        for article in articles:
            if article.metadata.get("image"):
                continue  # the author chose the image to share
            article.social_card = self.url_for(article.slug, article.title)
            article.social_card_alt = f"{article.title}: an article from {site}"

    def _key(self, title, subtitle):
        parts = [DRAWING_VERSION, title, subtitle, self.settings["SITENAME"], repr(sorted(self.options.items()))]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:20]

    def write(self, output_path):
        os.makedirs(self.cache, exist_ok=True)
        for relative, (title, subtitle) in self.wanted.items():
            cached = os.path.join(self.cache, self._key(title, subtitle) + ".png")
            if not os.path.exists(cached):
                draw_card(title, subtitle, self.settings["SITENAME"], self.options).save(
                    cached + ".tmp", "PNG", optimize=True
                )
                os.replace(cached + ".tmp", cached)
                self.drawn += 1
            target = os.path.join(output_path, relative)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(cached, target)
