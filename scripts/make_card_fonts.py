"""Make the fonts the sharing cards are drawn with (theme/fonts/), once.

Pillow's own font has no Hebrew and no emoji: a card for a Hebrew title was
a row of empty boxes. The cards use Noto (SIL Open Font License 1.1, Google),
taken from Debian's packages and committed with their license, so an author's
machine needs no font installed:
- card-text.ttf: Noto Sans with Noto Sans Hebrew merged in, one font for a
  line that mixes Hebrew and Latin (libraqm, in Pillow's wheels, orders and
  shapes it);
- card-emoji.ttf: Noto Color Emoji cut down to the emoji a title is likely
  to hold (faces, hearts, hands, plants), not all 3,000 (10 MB);
- coverage.json: the characters each font draws, so the card code knows,
  without fontTools, when a title holds something neither can draw (then the
  article is shared with the site's card).

Run (needs fontTools, and Debian's fonts-noto-core and fonts-noto-color-emoji
downloaded with `apt-get download`):
    python3 scripts/make_card_fonts.py fonts-noto-core_*.deb fonts-noto-color-emoji_*.deb
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "theme" / "fonts"
NOTO = "usr/share/fonts/truetype/noto"
COMMON_EMOJI = (
    list(range(0x1F600, 0x1F650))  # faces and gestures
    + list(range(0x1F493, 0x1F4A0)) + [0x2764, 0x1F90D, 0x1F90E, 0x1F9E1, 0x1F5A4]  # hearts
    + list(range(0x1F44B, 0x1F451)) + [0x1F91D, 0x1F932, 0x1F64C, 0x270B, 0x270C]  # hands
    + list(range(0x1F331, 0x1F340)) + [0x1F308, 0x2600, 0x2601, 0x2728, 0x2B50, 0x1F31E]  # plants, sky
    + [0x1F3E0, 0x1F46A, 0x1F46B, 0x1F46C, 0x1F46D, 0x1F491, 0x1F48F, 0x1F917, 0x1F914, 0x1F970, 0x1F972]
    + [0xFE0F, 0x200D]  # emoji presentation, joiner
)


def extract(deb, folder):
    subprocess.run(["dpkg-deb", "-x", str(deb), str(folder)], check=True)


def codepoints(path):
    return sorted(TTFont(path).getBestCmap())


def ranges(points):
    """[[first, last], ...]: a short way to write a font's coverage."""
    out = []
    for point in points:
        if out and point == out[-1][1] + 1:
            out[-1][1] = point
        else:
            out.append([point, point])
    return out


def main(core_deb, emoji_deb):
    FONTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        extract(core_deb, scratch)
        extract(emoji_deb, scratch)
        merged = Merger().merge([str(scratch / NOTO / "NotoSans-Regular.ttf"),
                                 str(scratch / NOTO / "NotoSansHebrew-Regular.ttf")])
        merged.save(FONTS / "card-text.ttf")
        options = subset.Options()
        options.drop_tables = []  # keep CBDT/CBLC, the colour bitmaps
        emoji = subset.Subsetter(options)
        emoji.populate(unicodes=COMMON_EMOJI)
        font = TTFont(scratch / NOTO / "NotoColorEmoji.ttf")
        emoji.subset(font)
        font.save(FONTS / "card-emoji.ttf")
    coverage = {name: ranges(codepoints(FONTS / name)) for name in ("card-text.ttf", "card-emoji.ttf")}
    (FONTS / "coverage.json").write_text(json.dumps(coverage) + "\n", encoding="utf-8")
    print({path.name: path.stat().st_size for path in FONTS.glob("*.ttf")})


if __name__ == "__main__":
    main(*sys.argv[1:3])
