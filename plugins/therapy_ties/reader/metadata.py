"""Pelican's `Key: value` header of a Markdown file, read as Pelican's
Markdown reader reads it (Python-Markdown's meta extension): `Key: value`
lines from the first line on, a line indented by four spaces or more
continuing the value before it, up to the first blank line or the first line
that is neither. Keys are lower-cased; a key written twice keeps both values.
An optional `---` line before it and `---` or `...` after it are taken off too.
"""

import re

KEY_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
MORE_LINE = re.compile(r"^[ ]{4,}(?P<value>.*)")
BEGIN = re.compile(r"^-{3}(\s.*)?")
END = re.compile(r"^(-{3}|\.{3})(\s.*)?")


def split(text):
    """({key: [values]}, the body)."""
    lines = text.split("\n")
    position = 1 if lines and BEGIN.match(lines[0]) else 0
    metadata, key = {}, None
    while position < len(lines):
        line = lines[position]
        if line.strip() == "" or END.match(line) and metadata:
            position += 1  # the blank line (or the end marker) ends the header, and goes with it
            break
        found = KEY_LINE.match(line)
        if found:
            key = found["key"].lower()
            metadata.setdefault(key, []).append(found["value"].strip())
        elif key and (more := MORE_LINE.match(line)):
            metadata[key].append(more["value"].strip())
        else:
            break  # the text begins here (a first line that is no `Key: value`: no header at all)
        position += 1
    if not metadata:
        position = 0
    return metadata, "\n".join(lines[position:])
