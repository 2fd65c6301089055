"""The sitemap, finished after the sitemap plugin wrote it.

Addresses as URIs: a page whose slug the author wrote in Hebrew (say) has
its address written as it is by the plugin, and a sitemap must hold URIs, so
every character outside ASCII is percent-encoded (as browsers do).

Steady dates: the sitemap plugin stamps pages that carry no date of
their own (indexes, and pages without Date/Modified) with the time of the build,
so two builds of the same site differ and a publish would change the target for
nothing. Those stamps become the date of the site's newest content instead:
when the site last changed, which is also what they should mean.

No stand-in dates: an article whose date the practice has not confirmed
(features/dates.py) has no <lastmod>, and its date is not the site's newest.
A stamp with no confirmed date to stand for is left out (it is optional)."""

import os
import re
from datetime import datetime
from urllib.parse import quote

LASTMOD = re.compile(r"<lastmod>([^<]+)</lastmod>")
URL_LASTMOD = re.compile(r"(<url>\s*<loc>(?P<loc>[^<]+)</loc>\s*)<lastmod>[^<]+</lastmod>\s*")
LOC = re.compile(r"<loc>([^<]+)</loc>")
URI_CHARACTERS = ":/?#[]@!$&'()*+,;=%~"  # kept as they are; the rest is percent-encoded


def as_uri(match):
    return f"<loc>{quote(match.group(1), safe=URI_CHARACTERS)}</loc>"


def finish_sitemap(output_path, contents):
    sitemap = os.path.join(output_path, "sitemap.xml")
    if not os.path.exists(sitemap):
        return
    unconfirmed = {c.url for c in contents if not getattr(c, "date_confirmed", True)}
    confirmed = [c for c in contents if getattr(c, "date_confirmed", True)]
    dated = [getattr(c, "modified", None) or getattr(c, "date", None) for c in confirmed]
    dated = [d for d in dated if d is not None and d.tzinfo is not None]
    newest = max(dated) if dated else None

    def steady(match):
        stamp = datetime.fromisoformat(match.group(1))
        if stamp.tzinfo is not None and (newest is None or stamp > newest):
            return f"<lastmod>{newest.isoformat()}</lastmod>" if newest else ""
        return match.group(0)

    def undated(match):
        relative = match.group("loc").split("/", 3)[-1] if "://" in match.group("loc") else match.group("loc")
        return match.group(1) if relative.lstrip("/") in unconfirmed else match.group(0)

    with open(sitemap, encoding="utf-8") as handle:
        text = handle.read()
    with open(sitemap, "w", encoding="utf-8") as handle:
        handle.write(LOC.sub(as_uri, LASTMOD.sub(steady, URL_LASTMOD.sub(undated, text))))
