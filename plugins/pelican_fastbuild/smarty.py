"""Smart quotes only where there is something to make smart.

Python-Markdown's smarty extension turns ' " -- ... into typographic marks. It
adds a dozen inline patterns that every run of text goes through: with it,
turning Markdown into HTML takes twice as long, even for articles written
with typographic marks already. A file whose text, leaving
out link and image targets (which smarty does not touch), has none of the
characters smarty replaces is therefore rendered without it: the same HTML,
sooner.
"""

import re

SMARTY = "markdown.extensions.smarty"
LINK_TARGET = re.compile(r"\]\([^)]*\)")
SMARTY_WORK = re.compile(r"['\"]|--|\.\.\.|<<|>>")


def needs_smarty(text):
    return bool(SMARTY_WORK.search(LINK_TARGET.sub("]()", text)))


def markdown_config_for(text, config):
    """Pelican's MARKDOWN settings for this file: without smarty if it has nothing to do."""
    if needs_smarty(text) or SMARTY not in config.get("extensions", []):
        return config
    lighter = dict(config)
    lighter["extensions"] = [e for e in config["extensions"] if e != SMARTY]
    lighter["extension_configs"] = {k: v for k, v in config.get("extension_configs", {}).items() if k != SMARTY}
    return lighter
