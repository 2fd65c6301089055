"""Sharing cards draw Hebrew and common emoji with the theme's fonts, lay a
Hebrew line out right to left, and fall back to the site's card for what the
fonts cannot draw."""

from types import SimpleNamespace

from PIL import Image, ImageChops, ImageDraw

from conftest import ROOT
from therapy_ties.images.social_cards import (SIZE, CardFonts, SocialCards, card_settings, card_to_save,
                                              direction_of, draw_card)

OPTIONS = card_settings({"THEME": str(ROOT / "theme")})
FONTS = CardFonts(OPTIONS["fonts"])
NOT_A_CHARACTER = "\U0010fffd"  # private use: every font draws its "missing" box for it


def ink_columns(image, background):
    """The first and last column holding anything but the background."""
    box = ImageChops.difference(image, Image.new("RGB", image.size, background)).getbbox()
    return box[0], box[2]


def test_hebrew_letters_and_emoji_are_real_glyphs_not_the_missing_box():
    font = FONTS.text(64)

    def drawn(text):
        image = Image.new("L", (120, 120))
        ImageDraw.Draw(image).text((10, 10), text, font=font, fill=255)
        return image.tobytes()

    missing = drawn(NOT_A_CHARACTER)
    for letter in "שלוםאבג":
        assert drawn(letter) != missing, letter
    assert FONTS.can_draw("קשר וקרבה 💛 Therapy Ties — “quotes” & <marks>")
    assert FONTS.is_emoji("💛") and not FONTS.is_emoji("ש")


def test_a_hebrew_line_starts_at_the_right_margin_and_an_english_one_at_the_left():
    hebrew = draw_card("קשר", "", "", OPTIONS, FONTS).crop((0, 60, SIZE[0], 200))
    english = draw_card("Closeness", "", "", OPTIONS, FONTS).crop((0, 60, SIZE[0], 200))
    left, right = ink_columns(hebrew, OPTIONS["background"])
    assert right > SIZE[0] - 100 and left > SIZE[0] / 2
    left, right = ink_columns(english, OPTIONS["background"])
    assert left < 100 and right < SIZE[0] / 2
    assert direction_of("ב-Therapy Ties") == "rtl" and direction_of("Therapy Ties ב") == "ltr"


def test_a_long_hebrew_line_stays_inside_the_card():
    card = draw_card("קשר וקרבה: איך בונים מחדש את הקרבה ב-Therapy Ties 🌱", "", "", OPTIONS, FONTS)
    left, right = ink_columns(card.crop((0, 60, SIZE[0], 300)), OPTIONS["background"])
    assert left >= 70 and right <= SIZE[0] - 70


def test_a_title_the_fonts_cannot_draw_is_shared_with_the_site_card(tmp_path):
    settings = {"THEME": str(ROOT / "theme"), "SITENAME": "Therapy Ties", "SITESUBTITLE": "Subtitle",
                "CACHE_PATH": str(tmp_path)}
    articles = [SimpleNamespace(metadata={}, slug=slug, title=title)
                for slug, title in (("he", "קשר וקרבה"), ("zh", "关系"), ("en", "Closeness 💛"))]
    cards = SocialCards(settings)
    cards.assign(articles)
    hebrew, chinese, english = articles
    assert hebrew.social_card == "social/he.png" and english.social_card == "social/en.png"
    assert chinese.social_card == cards.site_card and chinese.social_card_alt == "Therapy Ties: Subtitle"


def test_a_card_of_text_alone_is_saved_as_drawn_in_full_colour_and_one_with_emoji_keeps_its_colours():
    text_only = ("Repair after a hard week: “small” steps", "A subtitle", "Therapy Ties")
    saved = card_to_save(*text_only, OPTIONS, FONTS)
    assert saved.mode == "P" and len(saved.getcolors()) > 40  # antialiased edges, in both colours
    difference = ImageChops.difference(draw_card(*text_only, OPTIONS, FONTS), saved.convert("RGB"))
    assert max(high for _low, high in difference.getextrema()) <= 8  # levels of 255: nothing to see
    saved = card_to_save("Closeness 💛", "", "Therapy Ties", OPTIONS, FONTS).convert("RGB")
    colours = {colour for _count, colour in saved.getcolors(1 << 16)}
    assert any(red > 180 and blue < 100 for red, _green, blue in colours)  # the yellow heart, in none of the theme's
