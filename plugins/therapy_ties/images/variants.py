"""Photographs that load fast, never shift the page, and leak nothing.

For every JPEG, PNG or WebP in the content folder:
- WebP variants at the widths in IMAGES["widths"] (never wider than the
  source) and one fallback in the source's own format, with EXIF orientation
  applied and every metadata block (EXIF, GPS, camera, XMP) left behind;
- the published original replaced by the largest clean variant, so no image
  the site serves carries where or with what it was taken.
Encoding runs on all cores, with a progress bar when there is real work, and is
cached by the file's bytes and the settings that shape it: a rebuild with
unchanged images encodes nothing.

Pages then show them as <picture>s (pictures.py).
"""

import hashlib
import json
import os
import shutil
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from PIL import Image, ImageOps, UnidentifiedImageError

from ..checks.findings import ERROR
from ..output.place import place
from ..settings import group
from ..workers import worker_count

PROCESSED = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# Formats we publish through Pillow; others (SVG, GIF, AVIF) are served as they are.
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".bmp", ".heic", ".heif"}
ENCODER_VERSION = "2"  # bump when encode() changes what it writes


def image_settings(settings):
    return group(settings, "IMAGES")  # declared in settings.py


class ImageProblem(Exception):
    """A source image that cannot be published; the message says why and what to do."""

    def __init__(self, rule, message, hint):
        super().__init__(message)
        self.rule, self.message, self.hint = rule, message, hint


def open_checked(path, max_pixels):
    """Open an image, refusing what browsers cannot show and decompression bombs."""
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path)
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageProblem(
            "image-too-large", f"image is over the limit of {max_pixels:,} pixels",
            "resize it (2000 pixels wide is plenty) and save it again",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ImageProblem(
            "image-unreadable", f"image cannot be read ({error.__class__.__name__})",
            "open it in an image editor and export it again as JPEG or PNG",
        ) from None
    if image.format not in PROCESSED:
        raise ImageProblem(
            "image-unsupported-format", f"{image.format} images are not shown by every browser",
            "export it as JPEG (photographs) or PNG (drawings)",
        )
    return image


def _clean(image):
    """Upright, and in a mode the target formats can store; no metadata travels."""
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "A" in image.getbands() or image.mode == "P" else "RGB")
    return image


def _save(image, path, fmt, options, icc_profile):
    if fmt == "JPEG":
        if image.mode in ("RGBA", "LA"):
            image = image.convert("RGB")
        params = {"quality": options["jpeg_quality"], "optimize": True, "progressive": True}
    elif fmt == "WEBP":
        params = {"quality": options["webp_quality"], "method": 4}
    else:
        params = {"optimize": True}
    if icc_profile:
        params["icc_profile"] = icc_profile  # colour, not identity: kept
    image.save(path + ".tmp", fmt, **params)
    os.replace(path + ".tmp", path)


def encode(source, folder, options):
    """Write the clean original and every variant of one image into `folder`.

    Runs in a worker process; returns what the pages need to know.
    """
    original = open_checked(source, options["max_pixels"])
    fmt, icc = original.format, original.info.get("icc_profile")
    image = _clean(original)
    width, height = image.size
    os.makedirs(folder, exist_ok=True)
    widths = sorted({w for w in options["widths"] if w < width} | {min(width, max(options["widths"]))})
    fallback = max([w for w in widths if w <= options["fallback_width"]] or widths[:1])
    for target in widths:
        resized = image if target == width else image.resize(
            (target, round(height * target / width)), Image.Resampling.LANCZOS
        )
        _save(resized, os.path.join(folder, f"{target}.webp"), "WEBP", options, icc)
        if target in (fallback, widths[-1]):
            _save(resized, os.path.join(folder, f"{target}.{PROCESSED[fmt]}"), fmt, options, icc)
    # The published original is the largest variant: clean, and no wider than needed.
    shutil.copyfile(os.path.join(folder, f"{widths[-1]}.{PROCESSED[fmt]}"), os.path.join(folder, "original"))
    info = {"width": width, "height": height, "format": fmt, "widths": widths, "fallback": fallback}
    with open(os.path.join(folder, "info.json"), "w", encoding="utf-8") as handle:
        json.dump(info, handle)
    return info


def _encode_or_problem(job):
    source, folder, options = job
    try:
        return source, encode(source, folder, options), None
    except ImageProblem as problem:
        return source, None, (problem.rule, problem.message, problem.hint)


@dataclass
class Published:
    """One source image as the site publishes it."""

    relative: str  # output-relative path of the original, e.g. images/x.jpg
    cache: str
    info: dict
    digest: str

    def variant_name(self, width, extension):
        stem = os.path.splitext(os.path.basename(self.relative))[0]
        return f"{stem}.{self.digest[:8]}-{width}w.{extension}"


@dataclass
class ImageWork:
    """Everything the image work of one build knows and did."""

    settings: dict
    findings: object
    published: dict = field(default_factory=dict)  # relative path -> Published
    problems: dict = field(default_factory=dict)  # relative path -> (rule, message, hint)
    encoded: int = 0
    reused: int = 0

    def __post_init__(self):
        self.options = image_settings(self.settings)
        self.content_path = self.settings["PATH"]
        self.cache_root = os.path.join(self.settings.get("CACHE_PATH", ".cache"), "images")
        shape = {k: self.options[k] for k in ("widths", "fallback_width", "webp_quality", "jpeg_quality", "max_pixels")}
        self.settings_key = ENCODER_VERSION + json.dumps(shape, sort_keys=True)

    def _key(self, path):
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        digest.update(self.settings_key.encode())
        return digest.hexdigest()

    def sources(self):
        """Every image file under the static paths, as output-relative paths."""
        for static in self.settings.get("STATIC_PATHS", []):
            top = os.path.join(self.content_path, static)
            for folder, _dirs, files in os.walk(top):
                for name in sorted(files):
                    if os.path.splitext(name)[1].lower() in IMAGE_SUFFIXES:
                        full = os.path.join(folder, name)
                        yield os.path.relpath(full, self.content_path).replace(os.sep, "/"), full

    def prepare(self):
        """Encode what the cache does not hold yet, on every core."""
        jobs, keys = [], {}
        for relative, full in self.sources():
            key = self._key(full)
            folder = os.path.join(self.cache_root, key)
            keys[full] = (relative, folder, key)
            if os.path.exists(os.path.join(folder, "info.json")):
                with open(os.path.join(folder, "info.json"), encoding="utf-8") as handle:
                    self.published[relative] = Published(relative, folder, json.load(handle), key)
                self.reused += 1
            else:
                jobs.append((full, folder, self.options))
        for source, info, problem in self._run(jobs):
            relative, folder, key = keys[source]
            if problem:
                self.problems[relative] = problem
            else:
                self.published[relative] = Published(relative, folder, info, key)
                self.encoded += 1

    def _run(self, jobs):
        if not jobs:
            return []
        workers = worker_count(self.settings)
        if len(jobs) == 1 or workers == 1:
            return [_encode_or_problem(job) for job in jobs]
        results = []
        with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
            finished = pool.map(_encode_or_problem, jobs)
            if len(jobs) > self.options["progress_after"]:
                from pelican.log import console
                from rich.progress import track

                finished = track(finished, total=len(jobs), description="Encoding images", console=console)
            results.extend(finished)
        return results

    def fingerprint(self):
        """Text that changes when any published image or image problem does."""
        published = sorted((relative, item.digest) for relative, item in self.published.items())
        return json.dumps([published, sorted(self.problems)])

    def report_problems(self, contents, line_of, unused_too=True):
        """An error per content that shows a bad image, naming both; an image
        nothing shows is reported on its own (unless unused_too is False)."""
        for relative, (rule, message, hint) in self.problems.items():
            name = os.path.basename(relative)
            users = [c for c in contents
                     if name in (c._content or "") or name in str(c.metadata.get("image", ""))]
            for content in users:
                self.findings.add(
                    rule, ERROR, content.source_path, line_of(content.source_path, name),
                    f"{message} [{relative}]", hint,
                )
            if not users and unused_too:
                self.findings.add(
                    rule, ERROR, os.path.join(self.content_path, relative), None, message, hint
                )

    # -- after writing ---------------------------------------------------------
    def publish_files(self, output_path):
        """Copy variants beside each original, and replace originals with clean copies."""
        for item in self.published.values():
            target_dir = os.path.join(output_path, os.path.dirname(item.relative))
            os.makedirs(target_dir, exist_ok=True)
            extension = PROCESSED[item.info["format"]]
            files = [(width, "webp") for width in item.info["widths"]] + [(item.info["fallback"], extension)]
            for width, ext in files:
                place(os.path.join(item.cache, f"{width}.{ext}"), os.path.join(target_dir, item.variant_name(width, ext)))
            place(os.path.join(item.cache, "original"), os.path.join(output_path, item.relative))
