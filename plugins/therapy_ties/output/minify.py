"""Smaller pages for readers on slow phones: written HTML and the stylesheet
minified in production (MINIFY = True in publishconf.py), with the
well-kept minify-html and rcssmin. Local builds stay readable."""

import os
import re

import minify_html
import rcssmin


# rcssmin keeps "0.5rem"; ".5rem" is the same length less one byte, many times.
LEADING_ZERO = re.compile(r"([:\s,(-])0\.(?=\d)")


def minify_page(html):
    # Closing tags and <html>/<head> kept: the markup stays plain to every parser.
    return minify_html.minify(html, keep_closing_tags=True, keep_html_and_head_opening_tags=True)


def minify_stylesheets(output_path):
    for folder, _dirs, files in os.walk(output_path):
        for name in files:
            if name.endswith(".css") and "pagefind" not in folder:
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as handle:
                    css = handle.read()
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(LEADING_ZERO.sub(r"\1.", rcssmin.cssmin(css)))
