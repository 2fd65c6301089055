"""Article dates the practice has not confirmed yet.

The launch articles came from the practice's old site without their dates: each
carries `Date_confirmed: no` under a stand-in Date until the practice says when
it first appeared. Such an article shows "Date to be confirmed" wherever a date
would be (byline, listings, archives, feeds), states no date to machines
(article:published_time, JSON-LD), is listed by the launch check, and keeps
`invoke publish` from going live. A new article has no such line, so its Date
is the one shown: an author never has to think about the marker.
"""

KEY = "date_confirmed"  # `Date_confirmed:` as Pelican keeps metadata keys
VALUES = {"no": False, "yes": True}


def is_confirmed(value):
    """True unless the metadata says `Date_confirmed: no` (a missing line is yes)."""
    return VALUES.get(str(value).strip().lower(), True) if value is not None else True


def apply(articles):
    """Give every article `date_confirmed` (a bool) for the theme and the JSON-LD."""
    for article in articles:
        article.date_confirmed = is_confirmed(article.metadata.get(KEY))


def unconfirmed(settings):
    """[(path, date line, marker line, title, date as written)] of every article
    to be published whose date the practice has not confirmed, read from the files."""
    from ..checks.content_checks import is_published, markdown_files, read_metadata  # they check this key's value
    from ..checks.findings import Findings
    from ..checks.source_lines import editor_lines

    found = []
    for kind, path in markdown_files(settings):
        if kind != "article":
            continue
        with open(path, encoding="utf-8-sig", errors="replace") as handle:
            metadata = read_metadata(path, editor_lines(handle.read()), Findings())
        if KEY not in metadata or is_confirmed(metadata[KEY][0]) or not is_published(metadata):
            continue
        date, date_line = metadata.get("date", ("", metadata[KEY][1]))
        found.append((path, date_line, metadata[KEY][1], metadata.get("title", ("",))[0], date))
    return found
