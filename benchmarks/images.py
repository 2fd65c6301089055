"""Benchmark: image encoding, first build and cached, on the launch content and
on a synthetic set of photographs.

    python3 benchmarks/images.py [--synthetic N]

Machines here are shared and noisy, so each figure comes with a ratio against a
baseline measured in the same run: plain Pillow, one core, one 1600×1067
photograph saved as WebP and JPEG at three widths (what the issue text calls
"about 0.23 s").
"""

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
from therapy_ties.checks.findings import Findings  # installed with the project
from therapy_ties.images.variants import ImageWork


def synthetic_photo(path, seed):
    """Noise plus a gradient: compresses like a photograph, not like a flat colour."""
    noise = Image.effect_noise((1600, 1067), 40 + seed % 30).convert("RGB")
    gradient = Image.linear_gradient("L").resize((1600, 1067)).convert("RGB")
    Image.blend(noise, gradient, 0.5).save(path, "JPEG", quality=90)


def baseline_seconds(photo):
    """Plain Pillow, one core: three widths of WebP and JPEG."""
    start = time.perf_counter()
    with Image.open(photo) as image:
        image.load()
        for width in (480, 800, 1200):
            resized = image.resize((width, round(image.height * width / image.width)))
            resized.save(os.devnull, "WEBP", quality=78)
            resized.save(os.devnull, "JPEG", quality=80)
    return time.perf_counter() - start


def timed_prepare(content, cache):
    settings = {"PATH": str(content), "STATIC_PATHS": ["images"], "CACHE_PATH": str(cache)}
    work = ImageWork(settings, Findings())
    start = time.perf_counter()
    work.prepare()
    return time.perf_counter() - start, work


def measure(label, content, scratch, baseline):
    cache = scratch / f"cache-{label}"
    first, work = timed_prepare(content, cache)
    again, cached = timed_prepare(content, cache)
    count = work.encoded
    per_image = first / count
    print(f"{label}: {count} images")
    print(f"  first build   {first:7.2f} s  {count / first:6.1f} images/s  "
          f"{per_image:5.3f} s/image = {per_image / baseline:4.2f}x baseline")
    print(f"  cached build  {again:7.3f} s  encoded {cached.encoded}, reused {cached.reused}  "
          f"= {again / first:5.3f}x the first build")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=24, help="synthetic photographs (default 24)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        synthetic = scratch / "synthetic"
        (synthetic / "images").mkdir(parents=True)
        for seed in range(args.synthetic):
            synthetic_photo(synthetic / "images" / f"photo-{seed}.jpg", seed)
        baseline = min(baseline_seconds(synthetic / "images" / "photo-0.jpg") for _ in range(3))
        print(f"cores: {os.cpu_count()}; baseline (Pillow, 1 core, 3 widths WebP+JPEG, 1600x1067): {baseline:.3f} s/image")
        launch = scratch / "launch"
        shutil.copytree(ROOT / "content" / "images", launch / "images")
        measure("launch content", launch, scratch, baseline)
        measure("synthetic photographs", synthetic, scratch, baseline)


if __name__ == "__main__":
    main()
