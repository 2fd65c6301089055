"""A synthetic blog for benchmarks: N articles of 1,200–1,800 words with
headings, lists, links and 2–4 photographs each, in our metadata conventions.

The sentences come from the practice's own seed articles (shuffled), so the
text has the length, punctuation and vocabulary of the real thing.
"""

import random
import re
import shutil
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "sources"  # the seed articles, copied into the repository
PHOTOS = 12
# One alt text per photograph, no three words in common: real articles do not
# repeat a phrase through their alts (our checks would warn about stuffing).
ALTS = ["Two chairs by a sunlit window", "A couple walking a beach path at dusk",
        "Hands holding warm mugs of tea", "An open notebook beside a pen",
        "Autumn leaves on a wooden bench", "A quiet therapy office with plants",
        "Partners laughing in a kitchen", "Rain on a window over city lights",
        "Shoes by the door of a home", "A trail winding through green hills",
        "Morning light across an unmade bed", "A handwritten note on a fridge"]
CATEGORIES = ["Relationship Therapy", "Emotional Connection", "Trust and Repair", "Anger", "Individual Growth"]
TAGS = ["communication", "trust", "repair", "vulnerability", "boundaries", "attachment", "intimacy",
        "emotional safety", "conflict", "rituals of connection", "couples therapy", "anger management"]


def sentences():
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    found = re.findall(r"[A-Z][^.!?\n]{30,220}[.!?]", text)
    return [s.strip() for s in found]


def photograph(path, seed):
    """Noise over a gradient: compresses like a photograph."""
    noise = Image.effect_noise((1600, 1067), 30 + seed * 3).convert("RGB")
    gradient = Image.linear_gradient("L").rotate(seed * 30).resize((1600, 1067)).convert("RGB")
    Image.blend(noise, gradient, 0.55).save(path, "JPEG", quality=88)


def article_text(index, rng, pool, count):
    words_wanted = rng.randint(1200, 1800)
    title = f"Article {index}: " + rng.choice(pool)[:60].rstrip(",;: ")
    lines = [
        f"Title: {title}", "Date: 2020-01-01 09:00", "Author: Liron",
        f"Category: {rng.choice(CATEGORIES)}", f"Tags: {', '.join(rng.sample(TAGS, 3))}",
        f"Slug: article-{index}", f"Summary: {rng.choice(pool)}", "",
    ]
    # Dates spread over the years so that archives and pagination are realistic.
    lines[1] = f"Date: {2015 + index % 11}-{1 + index % 12:02d}-{1 + index % 28:02d} 09:00"
    words, images = 0, rng.randint(2, 4)
    image_at = sorted(rng.sample(range(3, 14), images))
    photos = iter(rng.sample(range(PHOTOS), images))
    for section in range(14):
        if section % 3 == 1:
            lines += [f"## {rng.choice(pool)[:70].rstrip(',;: .')}", ""]
        if section in image_at:
            photo = next(photos)
            lines += [f'![{ALTS[photo]}.]({{static}}/images/photo-{photo}.jpg '
                      f'"{rng.choice(pool)}")', ""]
        if section % 4 == 2:
            lines += [f"- {rng.choice(pool)}" for _ in range(4)] + [""]
        paragraph = " ".join(rng.choice(pool) for _ in range(5))
        if section == 5 and count > 1:
            other = (index + 1) % count
            paragraph += f" Read more in [another article]({{filename}}/blog/article-{other}.md)."
        lines += [paragraph, ""]
        words += len(paragraph.split())
        if words >= words_wanted:
            break
    return "\n".join(lines)


def make_corpus(folder, count, seed=1):
    """Write content/ for `count` articles into folder; returns its path."""
    content = Path(folder) / "content"
    if content.exists():
        shutil.rmtree(content)
    (content / "blog").mkdir(parents=True)
    (content / "pages").mkdir()
    (content / "images").mkdir()
    shutil.copytree(ROOT / "content" / "extra", content / "extra")
    (content / "pages" / "free-consultation.md").write_text(
        "Title: Free consultation\nSlug: free-consultation\n\nA short conversation.\n", encoding="utf-8")
    for photo in range(PHOTOS):
        photograph(content / "images" / f"photo-{photo}.jpg", photo)
    rng = random.Random(seed)
    pool = sentences()
    for index in range(count):
        (content / "blog" / f"article-{index}.md").write_text(article_text(index, rng, pool, count), encoding="utf-8")
    return content
