"""Finding the line of the author's Markdown that a finding is about."""

import re
from functools import lru_cache


def editor_lines(text):
    """The lines as an editor numbers them: str.splitlines() also breaks at
    characters such as U+000B and U+2028, which would shift every line number."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


@lru_cache(maxsize=None)
def _lines(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return tuple(editor_lines(handle.read()))
    except (OSError, UnicodeDecodeError):
        return ()


def forget():
    """Drop cached files between builds (live preview rebuilds in-process)."""
    _lines.cache_clear()


def line_of(path, needle, occurrence=1):
    """The 1-based line holding the `occurrence`-th appearance of `needle`."""
    if not needle:
        return None
    seen = 0
    for number, line in enumerate(_lines(path), start=1):
        seen += line.count(needle)
        if seen >= occurrence:
            return number
    return None


def metadata_line(path, key):
    """The line of a `Key: value` metadata line, whatever the key's case."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*:", re.IGNORECASE)
    for number, line in enumerate(_lines(path), start=1):
        if pattern.match(line):
            return number
        if not line.strip():  # metadata ends at the first blank line
            return None
    return None
