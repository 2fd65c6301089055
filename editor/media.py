"""Photographs the author adds, and where each is used.

An added image goes into content/images/ under a name made safe for a web
address (from her file's name), never replacing another file; it is checked
as the build checks it (therapy_ties.images.variants.open_checked), so a HEIC,
a TIFF or an oversized picture gets the build's own message before anything is
written."""

import io
import re
from pathlib import Path, PurePath

from therapy_ties.images.variants import ImageProblem, open_checked

SUFFIXES = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
IMAGE_LINK = re.compile(r"\{static\}/?images/([^)\s\"']+)|\|static\|/?images/([^)\s\"']+)")


class Refused(ValueError):
    """An image that is not added; the message says why and what to do."""


def safe_stem(filename):
    from tasks import slug_of  # the project's own rule for names in addresses

    return slug_of(PurePath(filename).stem)[:60] or "image"


def add(images, filename, data, max_pixels):
    """Write the image under a new name in `images`; its name there."""
    try:
        kind = open_checked(io.BytesIO(data), max_pixels).format
    except ImageProblem as problem:
        raise Refused(f"{filename}: {problem.message}. Fix: {problem.hint}.") from None
    except Exception:  # noqa: BLE001 (anything Pillow cannot open: the build's words)
        raise Refused(f"{filename}: this file is not an image the site can show (a HEIC or TIFF "
                      "photograph, or not a picture). Fix: open it and export it again as JPEG "
                      "(photographs) or PNG (drawings).") from None
    images.mkdir(parents=True, exist_ok=True)
    stem, suffix = safe_stem(filename), SUFFIXES[kind]
    for number in range(1, 10_000):
        name = f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}"
        try:
            with open(images / name, "xb") as handle:  # "x": never replaces a file
                handle.write(data)
            return name
        except FileExistsError:
            continue
    raise Refused(f"{filename}: too many images of that name; rename the file.")


def listing(content):
    """[{name, used_in: [relative Markdown files]}] of content/images/."""
    images = Path(content) / "images"
    used = {}
    for path in sorted(Path(content).rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in IMAGE_LINK.finditer(text):
            used.setdefault(match.group(1) or match.group(2), []).append(path.relative_to(content).as_posix())
    names = sorted(p.name for p in images.iterdir() if p.is_file() and not p.name.startswith(".")) \
        if images.exists() else []
    return [{"name": n, "used_in": sorted(set(used.get(n, [])))} for n in names]

