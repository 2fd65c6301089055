"""A file the author double-clicks to start the editor (invoke write --make-launcher).

macOS: a .command file (Terminal runs it); Windows: a .bat file; Linux: a
.desktop file. Each runs `python -m invoke write` in the project folder with
the Python that made it."""

import platform
import shlex
import stat
import sys
from pathlib import Path

NAME = "Therapy Ties editor"


def make(root, system=None, python=None):
    """Write the launcher for `system` (this computer's by default) into root; its path."""
    system, python, root = system or platform.system(), python or sys.executable, Path(root).resolve()
    if system == "Windows":
        path = root / f"{NAME}.bat"
        text = f'@echo off\r\ncd /d "{root}"\r\n"{python}" -m invoke write\r\npause\r\n'
    elif system == "Darwin":
        path = root / f"{NAME}.command"
        text = f"#!/bin/sh\ncd {shlex.quote(str(root))} && exec {shlex.quote(python)} -m invoke write\n"
    else:
        path = root / f"{NAME}.desktop"
        # Path= is the folder it runs in; Exec's quoting is the Desktop Entry spec's own.
        text = ("[Desktop Entry]\nType=Application\n"
                f"Name={NAME}\nComment=Write, preview and publish the Therapy Ties site\n"
                f"Exec={desktop_quoted(python)} -m invoke write\nPath={root}\nTerminal=true\n")
    path.write_text(text, encoding="utf-8", newline="")
    if system != "Windows":
        path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def desktop_quoted(argument):
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
    return f'"{escaped}"'
