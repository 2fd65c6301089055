"""`invoke publish` and `invoke publish --staging`, run for the editor.

The editor runs the very commands (so it refuses exactly as they do), one at a
time, in the background; the page asks how it is going and shows the outcome
in words, with the whole log one click away."""

import re
import subprocess
import sys
import threading
import time
from pathlib import Path

COMMANDS = {"preview": ["publish", "--staging"], "publish": ["publish"]}
DEPLOYED = re.compile(r": (published|already up to date|pushed)")  # what scripts/deploy.py says
WORDS = {"preview": "Publishing a preview", "publish": "Publishing"}


class Publisher:
    def __init__(self, root):
        self.root = Path(root)
        self.log_path = self.root / ".editor" / "publish.log"
        self.state = {"running": False, "kind": None, "outcome": None, "ok": None}
        self.lock = threading.Lock()

    def start(self, kind):
        with self.lock:
            if self.state["running"]:
                return False
            self.state = {"running": True, "kind": kind, "outcome": f"{WORDS[kind]} …", "ok": None,
                          "started": time.time()}
        threading.Thread(target=self._run, args=(kind,), daemon=True).start()
        return True

    def _run(self, kind):
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "w", encoding="utf-8") as log:
            result = subprocess.run([sys.executable, "-m", "invoke", *COMMANDS[kind]], cwd=self.root,
                                    stdout=log, stderr=subprocess.STDOUT, text=True)
        text = self.log()
        with self.lock:
            self.state.update(running=False, ok=result.returncode == 0, outcome=summary(kind, result.returncode, text))

    def log(self):
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def status(self):
        with self.lock:
            return dict(self.state, log=self.log())


def summary(kind, returncode, log):
    """The outcome in words: what the command itself said last."""
    said = [line.strip() for line in log.splitlines() if line.strip()]
    if returncode == 0:
        done = "A preview of the site was published" if kind == "preview" else "The site was published"
        where = next((line for line in reversed(said) if DEPLOYED.search(line)), "")
        return f"{done}. {where}".strip()
    refusal = next((line for line in reversed(said) if line.startswith("Nothing was published")
                    or line.startswith("Nowhere to publish")), said[-1] if said else "")
    return f"Nothing was published. {refusal.removeprefix('Nothing was published: ')}".strip()
