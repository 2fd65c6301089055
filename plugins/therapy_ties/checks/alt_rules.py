"""The alt-text rules: what is wrong with one image's alt, or a page's set.

Pure functions over `ImageUse` records, so each rule can be read (and tested)
on its own. WCAG references: F65 (no alt), F30 and F39 (alt that is a file
name or a placeholder), H30 (a linked image must say where the link goes).
"""

import re
from dataclasses import dataclass

from .findings import ERROR, WARNING


@dataclass
class ImageUse:
    src: str
    alt: str | None  # None: the attribute is missing
    line: int | None
    decorative: bool = False
    linked: bool = False
    exists: bool = True
    caption: str = ""
    nearby_text: str = ""


@dataclass(frozen=True)
class Problem:
    rule: str
    severity: str
    message: str
    hint: str


FILE_NAME = re.compile(
    r"""^(
        (img|dsc[nf]?|pxl|mvimg|gopr|dji|sam|p)[_\-\s]?\d{3,}.*   # camera names
      | .*\.(jpe?g|png|gif|webp|avif|svg|heic|tiff?|bmp)          # a file name
      | (shutterstock|istock(photo)?|gettyimages|adobestock|depositphotos|dreamstime)[_\-\s]?\d+.*
      | [0-9a-f]{8,}(-[0-9a-f]{4,})*                             # a hash or uuid
      | screen\s?shot.*\d.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
PLACEHOLDERS = {
    "image", "img", "photo", "photograph", "picture", "pic", "graphic", "icon",
    "spacer", "untitled", "alt", "alt text", "alttext", "placeholder", "blank",
    "banner", "thumbnail", "image description", "insert alt text", "logo",
}
REDUNDANT_PREFIX = re.compile(
    r"^(an?\s+)?(image|photo|photograph|picture|graphic|pic|illustration|screenshot)\s+(of|showing)\b",
    re.IGNORECASE,
)


def normalized(text):
    """Lower case, letters and digits only, single spaces."""
    return " ".join(re.findall(r"[\w']+", (text or "").casefold().replace("’", "'")))


def _is_placeholder(alt):
    bare = re.sub(r"[\s_\-]*\d+$", "", normalized(alt))  # "picture 1" -> "picture"
    return bare in PLACEHOLDERS


def image_problems(image, page_title, max_length):
    """What is wrong with one image, errors first."""
    alt = image.alt
    if not image.exists:
        yield Problem(
            "image-missing-file", ERROR, "image file not found",
            "put the file under content/images/ and link it as {static}/images/<name>",
        )
    if alt is None:
        yield Problem(
            "alt-missing", ERROR, "image has no alt attribute (WCAG F65)",
            "describe what the image shows: ![A couple talking on a couch](...)",
        )
        return
    if image.linked and not alt.strip():
        yield Problem(
            "linked-image-empty-alt", ERROR,
            "a linked image needs alt text that says where the link goes (WCAG H30)",
            "write the link's destination or purpose as the alt text",
        )
        return
    if image.decorative:
        if alt != "":
            yield Problem(
                "decorative-alt-not-empty", ERROR,
                "an image marked decorative must have an empty alt",
                "write ![](...){.decorative}, or remove {.decorative} if the image informs",
            )
        return
    if not alt.strip():
        yield Problem(
            "alt-empty", ERROR, "image has an empty alt and is not marked decorative (WCAG F65)",
            "describe the image, or mark it decorative: ![](...){.decorative}",
        )
        return
    if FILE_NAME.match(alt.strip()):
        yield Problem(
            "alt-file-name", ERROR, "alt text is a file or camera name (WCAG F30)",
            "replace it with a short description of what the image shows",
        )
    elif _is_placeholder(alt):
        yield Problem(
            "alt-placeholder", ERROR, "alt text is a placeholder, not a description (WCAG F30/F39)",
            "replace it with a short description of what the image shows",
        )
    if REDUNDANT_PREFIX.match(alt.strip()):
        yield Problem(
            "alt-redundant-prefix", WARNING,
            "alt text starts by saying it is an image; screen readers already say so",
            "start with what it shows: 'Couple walking', not 'Photo of couple walking'",
        )
    if len(alt) > max_length:
        yield Problem(
            "alt-too-long", WARNING, f"alt text is {len(alt)} characters (over {max_length})",
            "keep the alt to what the image shows and move the rest into the caption",
        )
    said = normalized(alt)
    for other, name in ((image.caption, "its caption"), (image.nearby_text, "the text beside it"),
                        (page_title, "the page title")):
        if other and said == normalized(other):
            yield Problem(
                "alt-repeats-text", WARNING, f"alt text is the same as {name}",
                "say what the image shows; a screen reader would read the same words twice",
            )
            break


def _phrases(text, min_words):
    """Every run of at least `min_words` words in the text."""
    tokens = normalized(text).split()
    return {
        " ".join(tokens[start:end])
        for start in range(len(tokens))
        for end in range(start + min_words, len(tokens) + 1)
    }


def page_problems(images, phrase_words, phrase_images):
    """Problems across a page's images: (image, Problem) pairs."""
    described = [i for i in images if i.alt and i.alt.strip() and not i.decorative]
    first_src_by_alt = {}
    for image in described:
        key = normalized(image.alt)
        first_src = first_src_by_alt.setdefault(key, image.src)
        if first_src != image.src:
            yield image, Problem(
                "alt-duplicate", WARNING, "the same alt text is used for a different image",
                "describe what makes this image different from the other one",
            )
    counts = {}
    for image in described:
        for phrase in _phrases(image.alt, phrase_words):
            counts.setdefault(phrase, []).append(image)
    stuffed = sorted(p for p, found in counts.items() if len(found) >= phrase_images)
    for phrase in _longest_only(stuffed):
        last = counts[phrase][-1]
        yield last, Problem(
            "alt-repeated-phrase", WARNING,
            f"'{phrase}' is repeated in the alt text of {len(counts[phrase])} images",
            "describe each image; keywords repeated in alt text read as stuffing",
        )


def _longest_only(phrases):
    """Drop phrases contained in a longer repeated phrase (one finding each)."""
    return [p for p in phrases if not any(p != q and p in q for q in phrases)]
