"""The real page of the text being written, by the site's own build.

The site is built once, in this process (scripts/live_preview.LivePreview),
from a mirror of content/ in .editor/preview/: the text being written goes
into the mirror, never into content/ before Save, and only its own page is
written again (0.03 s), with the findings of the content and alt-text checks
for it. A file changed in content/ by other means is copied into the mirror
and the site built again before the next preview."""

import os
import shutil
import threading
from dataclasses import asdict
from pathlib import Path

from scripts.live_preview import LivePreview
from therapy_ties import build as plugin_build


class PreviewSite:
    def __init__(self, root, content):
        self.root, self.content = Path(root), Path(content)
        self.folder = self.root / ".editor" / "preview"
        self.mirror, self.output = self.folder / "content", self.folder / "output"
        self.live = LivePreview(
            self.root / "pelicanconf.py", self.mirror, self.output, keep_errors=True,
            overrides={"CACHE_PATH": str(self.folder / "cache"),
                       "CHECKS_REPORT": str(self.folder / "checks.json"),
                       # Two previews within one tick of the clock: compare the bytes, not the time.
                       "CHECK_MODIFIED_METHOD": "sha256"})
        self.lock = threading.Lock()
        self.ready = threading.Event()
        self.unsaved = set()  # mirror files that hold text not saved yet
        self.findings = {}  # relative Markdown file -> its findings (dicts)
        self.failure = None

    def start(self):
        threading.Thread(target=self._first_build, daemon=True).start()

    def _first_build(self):
        try:
            with self.lock:
                self._sync()
                self._build()
        except OSError as error:  # the content folder could not be copied: said with each preview
            self.failure = f"The preview could not copy the content folder ({error})."
        finally:
            self.ready.set()  # a preview never waits for a build that will not come

    def _build(self):
        if not self.live.build_site():
            self.failure = "The site could not be built: see the editor's window for the message."
            return
        self.failure = None
        self.findings = {}
        for finding in self._current_findings():
            self.findings.setdefault(finding["source"], []).append(finding)

    def _current_findings(self):
        run = plugin_build.current
        if run is None:
            return []
        # Findings name files as the build names them (relative to its project folder).
        mirror = run.findings.relative(str(self.mirror)).replace(os.sep, "/").rstrip("/") + "/"
        found = []
        for f in run.findings.items:
            source = f.source.replace(os.sep, "/")
            if source.startswith(mirror):
                found.append(dict(asdict(f), source=source[len(mirror):]))
        return found

    def _sync(self):
        """Copy into the mirror what changed in content/; True when anything did."""
        changed = False
        seen = set()
        for folder, _dirs, files in os.walk(self.content):
            for name in files:
                source = Path(folder) / name
                relative = source.relative_to(self.content)
                seen.add(relative)
                if relative.as_posix() in self.unsaved:
                    continue
                target = self.mirror / relative
                there, here = source.stat(), target.stat() if target.exists() else None
                if here is None or (here.st_size, here.st_mtime_ns) != (there.st_size, there.st_mtime_ns):
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, target)
                    changed = True
        for folder, _dirs, files in os.walk(self.mirror):
            for name in files:
                path = Path(folder) / name
                relative = path.relative_to(self.mirror)
                if relative not in seen and relative.as_posix() not in self.unsaved:
                    path.unlink()
                    changed = True
        return changed

    def render(self, relative, data):
        """Preview `data` as the file `relative`: (the page's address in the
        preview, its findings). Waits for the first build."""
        self.ready.wait()
        with self.lock:
            if self._sync():
                self._build()
            target = self.mirror / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists() or target.read_bytes() != data:
                target.write_bytes(data)
            self.unsaved.add(relative)
            try:
                content = self.live.render_one(target)
            except Exception as error:  # noqa: BLE001 (a text Pelican cannot read: said beside it)
                return None, [{"source": relative, "line": None, "rule": "unreadable", "severity": "error",
                               "message": f"the page could not be made ({error})",
                               "hint": "undo the last change; if that does not help, ask for help"}]
            findings = [f for f in self._current_findings() if f["source"] == relative]
            self.findings[relative] = findings
            return address_of(content.save_as), findings

    def saved(self, relative):
        """The file was saved (or opened again, what was not saved left behind):
        the mirror holds content/'s copy again, its time too, so the next
        preview does not take it for a change made elsewhere."""
        with self.lock:
            self.unsaved.discard(relative)
            source, target = self.content / relative, self.mirror / relative
            if source.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
            else:
                target.unlink(missing_ok=True)

    def forget(self, relative):
        """A new article's earlier name (its title changed before it was saved):
        its page and findings are not the site's."""
        with self.lock:
            if relative in self.unsaved and not (self.content / relative).exists():
                self.unsaved.discard(relative)
                self.findings.pop(relative, None)
                (self.mirror / relative).unlink(missing_ok=True)

    def errors(self):
        """The errors in the files as saved (what a publish would meet)."""
        return [f for relative, found in self.findings.items() if relative not in self.unsaved
                for f in found if f["severity"] == "error"]


def address_of(save_as):
    """blog/x/index.html -> blog/x/ (as the site links it)."""
    save_as = save_as.replace(os.sep, "/")
    return save_as[: -len("index.html")] if save_as.endswith("index.html") else save_as
