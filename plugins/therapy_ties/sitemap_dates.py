"""Steady sitemap dates: the sitemap plugin stamps pages that carry no date of
their own (indexes, and pages without Date/Modified) with the time of the build,
so two builds of the same site differ and a publish would change the target for
nothing. Those stamps become the date of the site's newest content instead:
when the site last changed, which is also what they should mean."""

import os
import re
from datetime import datetime

LASTMOD = re.compile(r"<lastmod>([^<]+)</lastmod>")


def steady_lastmod(output_path, contents):
    sitemap = os.path.join(output_path, "sitemap.xml")
    dated = [getattr(c, "modified", None) or getattr(c, "date", None) for c in contents]
    dated = [d for d in dated if d is not None and d.tzinfo is not None]
    if not os.path.exists(sitemap) or not dated:
        return
    newest = max(dated)

    def steady(match):
        stamp = datetime.fromisoformat(match.group(1))
        if stamp.tzinfo is not None and stamp > newest:
            return f"<lastmod>{newest.isoformat()}</lastmod>"
        return match.group(0)

    with open(sitemap, encoding="utf-8") as handle:
        text = handle.read()
    with open(sitemap, "w", encoding="utf-8") as handle:
        handle.write(LASTMOD.sub(steady, text))
