"""Every saved version of a file, and the work in progress between saves.

Versions are git commits of that one file when the project is a git
repository (the author's other changes are left out of them), otherwise
copies in .editor/history/ beside content/, never inside it. Work in progress
goes to .editor/recovery/ a few seconds after a pause, never over the file
itself; it is offered back when the file is opened again, and dropped on Save.
"""

import datetime
import json
import os
import subprocess
from pathlib import Path
from urllib.parse import quote

# Who a commit is by when git has no name set on this computer.
FALLBACK_IDENTITY = ["-c", "user.name=Therapy Ties editor", "-c", "user.email=editor@localhost"]


def _git(root, *args, check=True):
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=check,
                          env=dict(os.environ, GIT_TERMINAL_PROMPT="0"))


def _flat(relative):
    return quote(relative, safe="")


class Versions:
    def __init__(self, root, content):
        self.root, self.content = Path(root), Path(content)
        self.folder = self.root / ".editor" / "history"
        try:
            inside = _git(self.root, "rev-parse", "--show-toplevel", check=False)
            self.git = inside.returncode == 0 and Path(inside.stdout.strip()).resolve() == self.root.resolve()
        except FileNotFoundError:  # no git on this computer
            self.git = False

    def keep(self, relative, title):
        """Record the file as just saved; None, or what went wrong (the file
        itself is saved either way)."""
        try:
            self._keep(relative, title)
        except (OSError, subprocess.CalledProcessError) as error:
            said = getattr(error, "stderr", "") or str(error)
            return f"the version could not be kept ({said.strip()[:200]})"
        return None

    def _keep(self, relative, title):
        path = self.content / relative
        if self.git:
            name = os.path.relpath(path, self.root)
            _git(self.root, "add", "--", name)
            identity = [] if _git(self.root, "config", "user.email", check=False).stdout.strip() else FALLBACK_IDENTITY
            # --only: this file alone, whatever else is staged; --no-verify: run none of the project's hooks.
            _git(self.root, *identity, "commit", "--quiet", "--no-verify", "--only",
                 "-m", f"Saved {relative}: {title}"[:200], "--", name, check=False)
            return
        stamp = datetime.datetime.now().strftime("%Y-%m-%dT%H-%M-%S-%f")
        target = self.folder / _flat(relative) / f"{stamp}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())

    def list(self, relative):
        """[{id, when}] newest first."""
        if self.git:
            name = os.path.relpath(self.content / relative, self.root)
            log = _git(self.root, "log", "--format=%H %cI", "--", name, check=False).stdout
            return [{"id": line.split()[0], "when": line.split()[1][:16].replace("T", " ")}
                    for line in log.splitlines() if line.strip()]
        folder = self.folder / _flat(relative)
        stamps = sorted((p.stem for p in folder.glob("*.md")), reverse=True) if folder.exists() else []
        return [{"id": s, "when": f"{s[:10]} {s[11:16].replace('-', ':')}"} for s in stamps]

    def text(self, relative, version):
        """The file as it was in that version (bytes), or None."""
        if version not in {v["id"] for v in self.list(relative)}:
            return None
        if self.git:
            name = Path(os.path.relpath(self.content / relative, self.root)).as_posix()
            shown = subprocess.run(["git", "show", f"{version}:{name}"], cwd=self.root, capture_output=True)
            return shown.stdout if shown.returncode == 0 else None
        return (self.folder / _flat(relative) / f"{version}.md").read_bytes()


class Recovery:
    def __init__(self, root):
        self.folder = Path(root) / ".editor" / "recovery"

    def _path(self, relative):
        return self.folder / f"{_flat(relative)}.json"

    def keep(self, relative, work):
        self.folder.mkdir(parents=True, exist_ok=True)
        work = dict(work, saved_at=datetime.datetime.now().strftime("%Y-%m-%d %H:%M"))
        temporary = self._path(relative).with_suffix(".tmp")
        temporary.write_text(json.dumps(work, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, self._path(relative))

    def get(self, relative):
        path = self._path(relative)
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None

    def drop(self, relative):
        self._path(relative).unlink(missing_ok=True)
