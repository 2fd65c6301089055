"""Draw the site's icon once: theme/static/favicon.svg (by hand, below) and
content/extra/favicon.ico (Pillow, 16, 32 and 48 pixels), two linked rings in
the theme's colours. Browsers ask for /favicon.ico on every site; without one
the console shows a 404 and Lighthouse takes points off.

Run: python3 scripts/make_favicon.py (writes both files).
"""

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
TEAL, CREAM = "#2f5d62", "#f1eee7"
SVG = f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<rect width="64" height="64" rx="14" fill="{TEAL}"/>
<circle cx="25" cy="32" r="13" fill="none" stroke="{CREAM}" stroke-width="5"/>
<circle cx="39" cy="32" r="13" fill="none" stroke="{CREAM}" stroke-width="5"/>
</svg>
"""


def draw(size):
    scale = 8  # draw large, then shrink: smooth edges at 16 pixels
    big = size * scale
    image = Image.new("RGBA", (big, big))
    pen = ImageDraw.Draw(image)
    unit = big / 64
    pen.rounded_rectangle([0, 0, big - 1, big - 1], radius=14 * unit, fill=TEAL)
    for cx in (25, 39):
        pen.ellipse([(cx - 13) * unit, 19 * unit, (cx + 13) * unit, 45 * unit], outline=CREAM, width=round(5 * unit))
    return image.resize((size, size), Image.LANCZOS)


def main():
    (ROOT / "theme/static/favicon.svg").write_text(SVG, encoding="utf-8")
    draw(48).save(ROOT / "content/extra/favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    print("wrote theme/static/favicon.svg and content/extra/favicon.ico")


if __name__ == "__main__":
    main()
