"""What a real launch needs that only the practice can give.

`invoke launch-check` prints the list, `invoke check` ends with it, and
`invoke publish` refuses while a required item is missing (a rehearsal publish
with `--staging` is allowed: its pages say so and ask search engines to stay
away). Each item names the setting to fill and why; nothing is ever filled in
for the practice.
"""

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from therapy_ties.features import dates

ROOT = Path(__file__).resolve().parent.parent
STAND_IN_DIGESTS = ROOT / "scripts" / "stand_in_images.sha256"


@dataclass(frozen=True)
class Item:
    setting: str
    what: str
    why: str
    required: bool = True

    def text(self):
        kind = "MISSING " if self.required else "OPTIONAL"
        return f"{kind} {self.what}\n         set: {self.setting}\n         why: {self.why}"


def stand_in_digests():
    """{sha256: file name} of the stand-in photographs the site ships with."""
    lines = STAND_IN_DIGESTS.read_text(encoding="utf-8").splitlines()
    return {digest: name for digest, name in (line.split(None, 1) for line in lines if line.strip())}


def stand_ins_in(images):
    """The files in `images` that are still a stand-in, known by their bytes."""
    known = stand_in_digests()
    return sorted(path.name for path in Path(images).glob("*")
                  if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() in known)


def missing(settings, content):
    """The items a launch still needs, required ones first."""
    items = []
    siteurl = settings.get("SITEURL", "")
    if not siteurl or siteurl == settings.get("PLACEHOLDER_SITEURL"):
        items.append(Item(
            "SITEURL=https://<the practice's domain> in the environment of `invoke publish` "
            "(or SITEURL in publishconf.py)",
            "the site's address",
            "feeds, the sitemap, sharing cards and canonical links must name the real domain",
        ))
    contact = settings.get("CONSULTATION", {})
    if not (contact.get("booking_url") or contact.get("phone") or contact.get("email")):
        items.append(Item(
            "CONSULTATION['booking_url'], ['phone'] or ['email'] in pelicanconf.py (at least one)",
            "a way to reach the practice",
            "every consultation button leads to the free-consultation page, which has no way to "
            "book or call until one is set",
        ))
    licensee = settings.get("LICENSEE", {})
    for key, what in (("full_name", "the therapist's full name as filed with the Board of Behavioral Sciences"),
                      ("license_number", "the therapist's license number")):
        if not licensee.get(key):
            items.append(Item(
                f"LICENSEE['{key}'] in pelicanconf.py",
                what,
                "California's rules for licensees' advertising (a website included) require the "
                "name as filed, the license number and the title on it: the site shows them in "
                "every page's footer, on the about page, in the author box and in the JSON-LD",
            ))
    photos = stand_ins_in(Path(content) / "images")
    if photos:
        items.append(Item(
            "content/images/: the practice's own photographs under the same names",
            f"real photographs in place of the stand-ins ({', '.join(photos)})",
            "the stand-ins are drawn placeholders that say so on the page",
        ))
    for path, date_line, marker_line, title, written in dates.unconfirmed(dict(settings, PATH=str(content))):
        where = os.path.relpath(path, Path(content).parent)
        items.append(Item(
            f"{where}: line {date_line}, `Date: YYYY-MM-DD` (the stand-in now: {written}); "
            f"then delete line {marker_line}, `Date_confirmed: no`",
            f"the date “{title}” first appeared on the practice's old site",
            "readers, feeds and search engines take an article's date as true: until it is "
            "confirmed the article says “Date to be confirmed”",
        ))
    if not settings.get("HOST_LOGS"):
        items.append(Item(
            "HOST_LOGS in pelicanconf.py (the README's \"Hosting and privacy\" says what each host keeps)",
            "what the site's host keeps of each visit, and for how long",
            "the privacy page says a host may log the address, page and time of each visit; once "
            "set, it says what this host does",
            required=False,
        ))
    if not settings.get("NOTICE_OF_PRIVACY_PRACTICES"):
        items.append(Item(
            "NOTICE_OF_PRIVACY_PRACTICES in pelicanconf.py (a URL, or a file name in content/files/)",
            "the practice's Notice of Privacy Practices",
            "a HIPAA-covered practice gives one to its clients; once set, the footer and the "
            "privacy page link to it",
            required=False,
        ))
    return sorted(items, key=lambda item: not item.required)


def report(items):
    """The printed list, and whether a launch can go ahead."""
    required = [item for item in items if item.required]
    lines = ["Launch check: what only the practice can supply"]
    lines += [item.text() for item in items] or ["nothing is missing"]
    lines.append(f"{len(required)} required item(s) missing" if required
                 else "ready to launch: nothing required is missing")
    return "\n".join(lines), not required
