"""The sitemap, finished after the sitemap plugin wrote it.

Addresses as URIs: a page whose slug the author wrote in Hebrew (say) has
its address written as it is by the plugin, and a sitemap must hold URIs, so
every character outside ASCII is percent-encoded (as browsers do).

Steady dates: the sitemap plugin stamps pages that carry no date of
their own (indexes, and pages without Date/Modified) with the time of the build,
so two builds of the same site differ and a publish would change the target for
nothing. Those stamps become the date of the site's newest content instead:
when the site last changed, which is also what they should mean."""

import os
import re
from datetime import datetime
from urllib.parse import quote

LASTMOD = re.compile(r"<lastmod>([^<]+)</lastmod>")
LOC = re.compile(r"<loc>([^<]+)</loc>")
URI_CHARACTERS = ":/?#[]@!$&'()*+,;=%~"  # kept as they are; the rest is percent-encoded


def as_uri(match):
    return f"<loc>{quote(match.group(1), safe=URI_CHARACTERS)}</loc>"


def finish_sitemap(output_path, contents):
    sitemap = os.path.join(output_path, "sitemap.xml")
    if not os.path.exists(sitemap):
        return
    dated = [getattr(c, "modified", None) or getattr(c, "date", None) for c in contents]
    dated = [d for d in dated if d is not None and d.tzinfo is not None]
    newest = max(dated) if dated else None

    def steady(match):
        stamp = datetime.fromisoformat(match.group(1))
        if newest and stamp.tzinfo is not None and stamp > newest:
            return f"<lastmod>{newest.isoformat()}</lastmod>"
        return match.group(0)

    with open(sitemap, encoding="utf-8") as handle:
        text = handle.read()
    with open(sitemap, "w", encoding="utf-8") as handle:
        handle.write(LOC.sub(as_uri, LASTMOD.sub(steady, text)))
