"""Images: dimensions, responsive WebP variants, loading hints, no EXIF,
a cache keyed by content, and clear errors for bad images."""

import io
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from PIL import ExifTags, Image

from conftest import ROOT, line_with

ARTICLE = "blog/when-connection-feels-hard/index.html"


def photo_bytes(size=(900, 600), fmt="JPEG", orientation=None, gps=False, seed=60):
    """A noisy 'photograph', optionally carrying orientation, camera and GPS EXIF."""
    image = Image.effect_noise(size, seed).convert("RGB")
    exif = Image.Exif()
    exif[ExifTags.Base.Make], exif[ExifTags.Base.Model] = "Canon", "EOS"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    if gps:
        exif[ExifTags.IFD.GPSInfo] = {
            ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (34.0, 10.0, 30.0),
            ExifTags.GPS.GPSLongitudeRef: "W", ExifTags.GPS.GPSLongitude: (118.0, 36.0, 0.0),
        }
    buffer = io.BytesIO()
    image.save(buffer, fmt, quality=95, exif=exif) if fmt == "JPEG" else image.save(buffer, fmt)
    return buffer.getvalue()


def article(name, images):
    body = "\n\n".join(f"![A photograph number {i}.]({{static}}/images/{image})" for i, image in enumerate(images))
    return (f"Title: {name}\nDate: 2026-11-01\nAuthor: Liron\nCategory: Tests\nSummary: A test.\n"
            f"Consultation: off\n\nSome words.\n\n{body}\n")


def output_file(build, page, url):
    """The file a URL on `page` (output-relative, e.g. blog/x/index.html) names."""
    path = urlparse(url).path
    if path.startswith("/"):
        return build.output / path.lstrip("/")
    return (build.output / page).parent.joinpath(path).resolve()


def srcset_files(build, page, srcset):
    for candidate in srcset.split(","):
        url, descriptor = candidate.split()
        yield output_file(build, page, url), int(descriptor.rstrip("w"))


def test_every_image_has_dimensions_and_responsive_variants(site):
    pictures = [(path.relative_to(site.output), picture)
                for path in site.pages() for picture in site.html(path).select("picture")]
    assert len(pictures) == 6
    for page, picture in pictures:
        img, webp = picture.img, picture.source
        assert webp["type"] == "image/webp" and webp["sizes"]
        source_name = re.sub(r"\.[0-9a-f]{8}-\d+w\.\w+$", ".jpg", Path(urlparse(img["src"]).path).name)
        source_file = ROOT / "content/images" / source_name
        with Image.open(source_file) as source:
            assert (int(img["width"]), int(img["height"])) == source.size
            fallback = output_file(site, page, img["src"])
            for file, width in [*srcset_files(site, page, webp["srcset"]), (fallback, None)]:
                assert file.is_file(), file
                assert file.stat().st_size < source_file.stat().st_size, file
                with Image.open(file) as variant:
                    assert variant.width <= source.width
                    assert width is None or variant.width == width
        assert img["alt"]  # the author's words stay


def test_first_image_is_eager_and_the_rest_lazy(site):
    images = site.html(ARTICLE).select(".article-body img")
    assert len(images) == 3
    assert images[0]["fetchpriority"] == "high" and not images[0].get("loading")
    for img in images[1:]:
        assert img["loading"] == "lazy" and img["decoding"] == "async" and not img.get("fetchpriority")


def test_no_published_image_carries_exif(site):
    published = [p for p in site.output.rglob("*") if p.suffix in (".jpg", ".jpeg", ".png", ".webp")]
    assert len(published) > 30
    for path in published:
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert "exif" not in image.info and "xmp" not in image.info, path


def test_gps_exif_is_gone_and_orientation_applied(scratch_site):
    build = scratch_site({
        "images/office.jpg": photo_bytes(size=(900, 600), orientation=6, gps=True),
        "blog/office.md": article("Office", ["office.jpg"]),
    }, fatal="errors")
    assert build.returncode == 0, build.log
    page = "blog/office/index.html"
    picture = build.html(page).select_one("picture")
    img = picture.img
    assert (img["width"], img["height"]) == ("600", "900")  # turned upright
    files = [output_file(build, page, img["src"]), build.output / "images/office.jpg"]
    files += [f for f, _ in srcset_files(build, page, picture.source["srcset"])]
    for file in files:
        with Image.open(file) as image:
            assert not image.getexif(), file
            assert image.width < image.height, file


def cache_files(build):
    cache = build.output.parent / "output-cache" / "images"
    return {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}


def test_cached_builds_encode_nothing_and_a_changed_image_only_itself(scratch_site):
    files = {
        "images/one.jpg": photo_bytes(seed=10), "images/two.jpg": photo_bytes(seed=20),
        "blog/a.md": article("A", ["one.jpg", "two.jpg"]),
    }
    first = scratch_site(files)
    before = cache_files(first)
    assert before
    second = scratch_site(files)
    assert cache_files(second) == before  # nothing written again
    changed = scratch_site({**files, "images/two.jpg": photo_bytes(seed=90)})
    after = cache_files(changed)
    new = set(after) - set(before)
    assert {path.parent for path in new} and len({path.parent for path in new}) == 1
    assert all(after[path] == mtime for path, mtime in before.items())
    img_srcs = [img["src"] for img in changed.html("blog/a/index.html").select("picture img")]
    assert all(output_file(changed, "blog/a/index.html", src).is_file() for src in img_srcs)


BAD_IMAGES = {
    "corrupt": ("broken.jpg", b"\xff\xd8\xff this is not really a JPEG", "image-unreadable"),
    "unsupported format": ("scan.tif", photo_bytes(fmt="TIFF"), "image-unsupported-format"),
    "decompression bomb": ("huge.png", photo_bytes(size=(3000, 3000), fmt="PNG"), "image-too-large"),
}


@pytest.mark.parametrize("case", sorted(BAD_IMAGES))
def test_bad_image_is_an_error_in_production_and_left_alone_locally(scratch_site, case):
    name, data, rule = BAD_IMAGES[case]
    text = article("Bad", [name])
    files = {f"images/{name}": data, "blog/bad.md": text}
    limit = ["-e", 'IMAGES={"max_pixels": 4000000}']
    production = scratch_site(files, fatal="errors", extra=limit)
    assert production.returncode != 0
    where = f"content/blog/bad.md:{line_with(text, name)}: [{rule}]"
    assert where in production.log and f"images/{name}" in production.log
    assert "Traceback" not in production.log
    local = scratch_site(files, settings="pelicanconf.py", extra=limit)
    assert local.returncode == 0, local.log
    img = local.html("blog/bad/index.html").select_one(".article-body img")
    assert img["src"].endswith(f"images/{name}") and img.find_parent("picture") is None


def test_missing_image_is_an_error(scratch_site):
    text = article("Missing", ["nowhere.jpg"])
    build = scratch_site({"blog/missing.md": text}, fatal="errors")
    assert build.returncode != 0
    assert f"content/blog/missing.md:{line_with(text, 'nowhere.jpg')}: [image-missing-file]" in build.log
