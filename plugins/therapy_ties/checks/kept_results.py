"""Each Markdown file's content-check results, kept between the builds that
keep Pelican's content cache (local builds, the live preview): a rebuild
checks again only the files that changed.

A file's findings are said again as they were when all of these are as they
were: its bytes; the code of this plugin, Pelican and dateutil; the project's
folder; the day (a date without a year or day is read against today); the
value of every setting its checks read; and, for every file its links point
at, whether that file is there. Anything else checks the file afresh. The
checks across files (addresses, duplicate slugs) always run: they are quick.

check_every_file() is what a build runs (in another process, while Pelican
reads: see the plugin's on_initialized).
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

FORMAT = b"content-checks 1"
PLUGIN_FOLDER = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def enabled(settings):
    """Kept as Pelican's content cache is: when a build both loads and saves it."""
    return bool(settings.get("LOAD_CONTENT_CACHE") and settings.get("CACHE_CONTENT") and settings.get("CACHE_PATH"))


@dataclass(frozen=True)
class Entry:
    digest: bytes
    settings_read: tuple  # ((key, whether set, value), ...) as the checks read them
    looked_up: tuple  # ((path, whether it was there), ...)
    findings: tuple
    result: tuple | None  # what check_file returned

    def still_holds(self, settings):
        try:
            if any((key in settings, settings.get(key)) != (is_set, value)
                   for key, is_set, value in self.settings_read):
                return False
        except Exception:  # a value that cannot be compared: check afresh
            return False
        return all(os.path.exists(path) == there for path, there in self.looked_up)


class _ReadSettings:
    """The settings, noting each key the checks read (and its value)."""

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
    """One build's use of the kept results: check_file() as content_checks
    has it, then save() for the next build."""

    def __init__(self, settings, project_root):
        self.path = os.path.join(settings["CACHE_PATH"], "content-checks.pickle")
        self.project_root = project_root
        self.key = _inputs_key(project_root)
        self.earlier = self._load()
        self.now = {}
        self.reused = 0

    def check_file(self, kind, path, settings, findings):
        with open(path, "rb") as handle:
            raw = handle.read()
        digest = hashlib.blake2b(raw, digest_size=20).digest()
        entry = self.earlier.get((kind, path))
        if entry is not None and entry.digest == digest and entry.still_holds(settings):
            self.reused += 1
        else:
            entry = self._check(kind, path, settings, raw, digest)
        for finding in entry.findings:
            findings.keep(finding)
        self.now[(kind, path)] = entry
        return entry.result

    def _check(self, kind, path, settings, raw, digest):
        found = Findings(self.project_root, log=False)
        read = _ReadSettings(settings)
        looked_up = []

        def exists(target):
            there = os.path.exists(target)
            looked_up.append((target, there))
            return there

        result = check_file(kind, path, settings=read, findings=found, raw=raw, exists=exists)
        return Entry(digest, tuple(read.read.values()), tuple(looked_up), tuple(found.items), result)

    def _load(self):
        try:
            with open(self.path, "rb") as handle:
                key, entries = pickle.load(handle)
        except Exception:  # none yet, or from another version: check every file
            return {}
        return entries if key == self.key else {}

    def save(self):
        """Keep this build's results (whole or not at all; a cache that cannot
        be written only means the next build checks every file)."""
        try:
            data = pickle.dumps((self.key, self.now), protocol=pickle.HIGHEST_PROTOCOL)
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=os.path.dirname(self.path), suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, self.path)
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
    kept = KeptResults(settings, project_root) if enabled(settings) else None
    blocking = check_all(settings, found, kept)
    if kept:
        kept.save()
    return found.items, blocking
