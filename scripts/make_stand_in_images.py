"""Draw the stand-in photographs the site ships until the practice adds its own.

Run once: python scripts/make_stand_in_images.py. Each file is named for what
the real photograph will show; replacing it is dropping a photograph with the
same name into content/images/. Existing files are never overwritten. The
bytes of each stand-in drawn are recorded (SHA-256, scripts/stand_in_images.sha256)
so that `invoke launch-check` knows a stand-in whatever its name.
"""

import hashlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

IMAGES = Path(__file__).resolve().parent.parent / "content" / "images"
DIGESTS = Path(__file__).resolve().parent / "stand_in_images.sha256"
SIZE = (1600, 1067)
STAND_INS = {
    "woman-thoughtful-man-in-kitchen": "Woman looking thoughtful, man in the kitchen behind her",
    "two-men-embracing": "Two men embracing affectionately",
    "couple-on-couch-smiling-at-phone": "Couple close together on a couch, smiling at a phone",
    "couple-holding-hands-with-therapist": "Couple holding hands while speaking with a therapist",
    "couple-foreheads-touching-outdoors": "Couple outdoors, foreheads touching",
    "couple-embracing-at-beach": "Couple embracing at the beach",
}
TOP, BOTTOM = (214, 226, 224), (150, 178, 180)  # the theme's calm teal, softened


def draw(label):
    image = Image.new("RGB", SIZE)
    pixels = ImageDraw.Draw(image)
    for y in range(SIZE[1]):
        mix = y / (SIZE[1] - 1)
        colour = tuple(round(a + (b - a) * mix) for a, b in zip(TOP, BOTTOM))
        pixels.line([(0, y), (SIZE[0], y)], fill=colour)
    font = ImageFont.load_default(size=44)
    small = ImageFont.load_default(size=30)
    pixels.text((80, SIZE[1] - 220), "Stand-in photograph", font=small, fill=(47, 93, 98))
    pixels.text((80, SIZE[1] - 170), label, font=font, fill=(31, 42, 46))
    return image


def main():
    IMAGES.mkdir(parents=True, exist_ok=True)
    for name, label in STAND_INS.items():
        target = IMAGES / f"{name}.jpg"
        if target.exists():
            print(f"kept {target.name} (already there)")
            continue
        draw(label).save(target, "JPEG", quality=82, optimize=True, progressive=True)
        with open(DIGESTS, "a", encoding="utf-8") as digests:
            digests.write(f"{hashlib.sha256(target.read_bytes()).hexdigest()}  {target.name}\n")
        print(f"wrote {target.name} ({target.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
