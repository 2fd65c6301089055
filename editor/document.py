"""A Pelican Markdown file as the editor's form sees it, and back.

The form shows some of the `Key: value` header's fields and the body. Saving
changes only what the author changed: a field she changed is rewritten on its
own line(s), a field she emptied is taken out, a new one goes at the end of the
header, and every other line (fields the form does not show, their spelling,
the file's line endings, a byte-order mark) stays as it was. A file opened and
saved unchanged is the same bytes.
"""

from therapy_ties.reader.metadata import KEY_LINE, MORE_LINE, split

# The fields of the form, in the order a new file writes them.
FIELDS = ("title", "date", "author", "category", "tags", "slug", "status", "summary", "consultation")
# How a new file spells them (Pelican reads keys in any case).
SPELLING = {name: name.capitalize() for name in FIELDS}


class Document:
    def __init__(self, raw=None):
        self.raw = raw
        text = "" if raw is None else raw.decode("utf-8")
        self.bom = text.startswith("\ufeff")
        text = text.removeprefix("\ufeff")
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.text = text.replace("\r\n", "\n").replace("\r", "\n")
        header, self.body = split(self.text)
        self.fields = {name: "\n".join(header[name]) if name in header else "" for name in FIELDS}
        # The header's lines up to the body (the last "\n" of the header ends a line).
        self.header_lines = self.text[: len(self.text) - len(self.body)].split("\n")[:-1] if header else []

    def compose(self, fields, body):
        """The file's bytes with `fields` ({name: value}) and `body`; the very
        same bytes when nothing differs."""
        fields = {name: clean(fields.get(name, self.fields[name])) for name in FIELDS}
        body = body.replace("\r\n", "\n").replace("\r", "\n")
        if self.raw is not None and fields == self.fields and body == self.body:
            return self.raw
        header = self._header_with(fields)
        text = "\n".join(header) + ("\n" if header else "") + body
        if self.raw is None and not text.endswith("\n"):
            text += "\n"
        text = ("\ufeff" if self.bom else "") + text.replace("\n", self.newline)
        return text.encode("utf-8")

    def _header_with(self, fields):
        # The header's own lines, without the blank line (or end marker) that closes it.
        lines = list(self.header_lines)
        closing = []
        while lines and (lines[-1].strip() == "" or lines[-1].strip() in ("---", "...")):
            closing.insert(0, lines.pop())
        for name in FIELDS:
            value = fields[name]
            if value == self.fields[name]:
                continue
            span = field_span(lines, name)
            written = field_lines(span_key(lines, span) or SPELLING[name], value) if value else []
            if span:
                lines[span[0]:span[1]] = written
            else:
                lines += written
        if not lines:
            return []
        return lines + (closing or [""])


def clean(value):
    """A field's value as one header entry: no blank lines (they would end the header)."""
    return "\n".join(line.strip() for line in str(value).replace("\r\n", "\n").split("\n") if line.strip())


def field_span(lines, name):
    """(first line, line after its last continuation) of the field's first entry, or None."""
    for start, line in enumerate(lines):
        found = KEY_LINE.match(line)
        if found and found["key"].lower() == name:
            end = start + 1
            while end < len(lines) and not KEY_LINE.match(lines[end]) and MORE_LINE.match(lines[end]):
                end += 1
            return start, end
    return None


def span_key(lines, span):
    return KEY_LINE.match(lines[span[0]])["key"] if span else None


def field_lines(key, value):
    first, *more = value.split("\n")
    return [f"{key}: {first}"] + [f"    {line}" for line in more]
