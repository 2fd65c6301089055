"""Check results kept between the builds that keep Pelican's content cache
(local builds, the live preview): a rebuild checks again only what changed.
Two checks use it: the content checks of each Markdown file
(check_every_file, what a build runs) and the alt-text checks of each
article and page (alt_check.py).

A result (its findings, and what the check returned) is said again as it was
when all of these are as they were: the digest of what it was made from (a
file's bytes; an article's HTML and source); the code of this plugin, Pelican
and dateutil; the project's folder; the day (a date without a year or day is
read against today); the value of every setting the check read; and, for
every file it looked for, whether that file is there. Anything else checks
afresh. The content checks across files (addresses, duplicate slugs) always
run: they are quick.
"""

import datetime
import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

from .content_checks import check_all, check_file
from .findings import Findings

FORMAT = b"kept-results 1"
PLUGIN_FOLDER = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def enabled(settings):
    """Kept as Pelican's content cache is: when a build both loads and saves it."""
    return bool(settings.get("LOAD_CONTENT_CACHE") and settings.get("CACHE_CONTENT") and settings.get("CACHE_PATH"))


@dataclass(frozen=True)
class Entry:
    digest: bytes
    settings_read: tuple  # ((key, whether set, value), ...) as the check read them
    looked_up: tuple  # ((os.path function, path, its answer), ...)
    findings: tuple
    result: object  # what the check returned

    def still_holds(self, digest, settings):
        if digest != self.digest:
            return False
        try:
            if any((key in settings, settings.get(key)) != (is_set, value)
                   for key, is_set, value in self.settings_read):
                return False
        except Exception:  # a value that cannot be compared: check afresh
            return False
        return all(LOOKUPS[how](path) == answer for how, path, answer in self.looked_up)


LOOKUPS = {"exists": os.path.exists, "isfile": os.path.isfile}


class Recording:
    """What one check reads and finds: give it `settings`, `exists`, `isfile`
    and `findings` in place of the build's; then entry()."""

    def __init__(self, settings, project_root):
        self.settings = _ReadSettings(settings)
        self.findings = Findings(project_root, log=False)
        self._looked_up = []

    def exists(self, path):
        return self._look("exists", path)

    def isfile(self, path):
        return self._look("isfile", path)

    def _look(self, how, path):
        answer = LOOKUPS[how](path)
        self._looked_up.append((how, path, answer))
        return answer

    def entry(self, digest, result=None):
        return Entry(digest, tuple(self.settings.read.values()), tuple(self._looked_up),
                     tuple(self.findings.items), result)


class _ReadSettings:
    """The settings, noting each key the check reads (and its value)."""

    def __init__(self, settings):
        self._settings, self.read = settings, {}

    def __getitem__(self, key):
        self._note(key)
        return self._settings[key]

    def get(self, key, default=None):
        self._note(key)
        return self._settings.get(key, default)

    def _note(self, key):
        self.read[key] = (key, key in self._settings, self._settings.get(key))


class KeptResults:
    """One build's use of one check's kept results: recall() an earlier
    entry, or keep() a new one; then save() them for the next build."""

    def __init__(self, settings, project_root, name):
        self.path = os.path.join(settings["CACHE_PATH"], name + ".pickle")
        self.project_root = project_root
        self.key = _inputs_key(project_root)
        self.earlier = self._load()
        self.now = {}
        self.reused = 0

    def recall(self, name, digest, settings):
        """The earlier entry of `name`, if it still holds (then kept for the next build too)."""
        entry = self.earlier.get(name)
        if entry is None or not entry.still_holds(digest, settings):
            return None
        self.reused += 1
        self.now[name] = entry
        return entry

    def keep(self, name, entry):
        self.now[name] = entry

    def check_file(self, kind, path, settings, findings):
        """content_checks.check_file, from the kept results when the file did not change."""
        with open(path, "rb") as handle:
            raw = handle.read()
        digest = hashlib.blake2b(raw, digest_size=20).digest()
        entry = self.recall((kind, path), digest, settings)
        if entry is None:
            recording = Recording(settings, self.project_root)
            result = check_file(kind, path, recording.settings, recording.findings, raw=raw, exists=recording.exists)
            entry = recording.entry(digest, result)
            self.keep((kind, path), entry)
        for finding in entry.findings:
            findings.keep(finding)
        return entry.result

    def _load(self):
        kept = load_kept(self.path)  # none yet, or from another version: check everything
        key, entries = kept if isinstance(kept, tuple) and len(kept) == 2 else (None, {})
        return entries if key == self.key else {}

    def save(self):
        """Keep this build's entries for the next build."""
        save_kept(self.path, (self.key, self.now))


def load_kept(path):
    """What save_kept wrote there, or None (nothing yet, or damaged)."""
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except Exception:
        return None


def save_kept(path, value):
    """Pickle a value for the next build, whole or not at all; a cache that
    cannot be written only means the next build works it out again."""
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.remove(temporary)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass


def _inputs_key(project_root):
    digest = hashlib.blake2b(FORMAT, digest_size=20)
    for folder, _dirs, names in sorted(os.walk(PLUGIN_FOLDER)):
        for name in sorted(n for n in names if n.endswith(".py")):
            with open(os.path.join(folder, name), "rb") as handle:
                digest.update(os.path.relpath(os.path.join(folder, name), PLUGIN_FOLDER).encode() + b"\0")
                digest.update(handle.read())
    for package in ("pelican", "python-dateutil"):
        try:
            digest.update(f"{package} {version(package)}\0".encode())
        except PackageNotFoundError:
            digest.update(package.encode() + b" none\0")
    digest.update(f"{project_root}\0{datetime.date.today().isoformat()}".encode())
    return digest.digest()


def check_every_file(settings, project_root):
    """content_checks.check_all with the kept results where the build keeps
    them: (findings, the rules that stop the build), said by the caller
    (this may run in another process)."""
    found = Findings(project_root, log=False)
    kept = KeptResults(settings, project_root, "content-checks") if enabled(settings) else None
    blocking = check_all(settings, found, kept)
    if kept:
        kept.save()
    return found.items, blocking
