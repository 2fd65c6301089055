"""A page Pelican wrote, finished: photographs as <picture>s, then minified."""

from .minify import minify_page


def finish_page(path, pictures, minify):
    """Both in one pass over the file; `pictures` None: no photographs to show."""
    with open(path, encoding="utf-8") as handle:
        html = handle.read()
    if pictures is not None:
        html = pictures.rewrite(path, html)
    if minify:
        html = minify_page(html)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(html)
