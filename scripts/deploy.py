"""Deploy a built site to a static host. Called by `invoke publish` after the
build and its checks passed; returns a sentence saying what happened.

Targets:
- a local folder: PATH becomes a symbolic link to a complete release folder
  beside it (PATH.releases/…), switched in one atomic rename, so readers see the
  old site or the new one, never a mix; files gone from the site are gone.
- [user@]host:path or ssh://[user@]host[:port]/path: the same scheme on a
  server over SSH (rsync uploads the release, one `mv` switches the link; the
  server needs rsync and GNU coreutils). PUBLISH_SSH is the ssh command.
- gh-pages: the site committed to the gh-pages branch with ghp-import and
  pushed to the `origin` remote (GitHub Pages).
- s3://bucket/prefix: each changed file uploaded as S3 can serve it (deploy_s3.py).
Publishing the same site twice changes nothing on the target. A tool that
fails is reported in one line, with what it said.
"""

import ctypes
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from scripts import deploy_s3

KEEP_RELEASES = 3


def fingerprint(folder):
    """One hash of every file's path and bytes."""
    digest = hashlib.sha256()
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def exchange(first, second):
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False
    where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0


def to_folder(output, target):
    target = Path(target).absolute()
    releases = target.with_name(target.name + ".releases")
    releases.mkdir(parents=True, exist_ok=True)
    release = releases / fingerprint(output)[:16]
    if target.is_symlink() and target.resolve() == release.resolve():
        return f"{target}: already up to date; nothing changed."
    if not release.exists():
        partial = release.with_name(release.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)  # left by a publish that was interrupted
        shutil.copytree(output, partial)
        partial.rename(release)
    link = target.with_name(f".{target.name}.switch")
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(release, target_is_directory=True)
    if target.exists() and not target.is_symlink():
        # The first publish over a folder a web server already serves: the
        # folder and the link change places in one step, and the old site is
        # kept as a release (pruned only once newer ones have been live).
        kept = releases / "before-first-publish"
        if exchange(link, target):
            link.rename(kept)
        else:
            print(f"warning: {target} is switched in two steps on this system; readers may get "
                  "an error for a moment during this first publish only.")
            target.rename(kept)
            os.replace(link, target)
    else:
        os.replace(link, target)  # the atomic switch
    old = sorted((p for p in releases.iterdir() if p != release and p.is_dir()), key=os.path.getmtime)
    for stale in old[:-KEEP_RELEASES] if len(old) > KEEP_RELEASES else []:
        shutil.rmtree(stale)
    return f"{target}: published release {release.name}."


@dataclass(frozen=True)
class Remote:
    """A folder on a server reached over SSH."""

    host: str
    path: str
    user: str = ""
    port: int | None = None

    @property
    def login(self):
        return f"{self.user}@{self.host}" if self.user else self.host


SSH_URL = re.compile(r"^ssh://(?:(?P<user>[^@/]+)@)?(?P<host>\[[^\]]+\]|[^:/]+)(?::(?P<port>\d+))?(?P<path>/.*)$")
# [user@]host:path as rsync and scp read it. A host of one letter is a Windows
# drive (C:\site), a folder here; a local folder with a colon starts with ./ .
SCP_LIKE = re.compile(r"^(?:(?P<user>[^@/\\\s]+)@)?(?P<host>[A-Za-z0-9][\w.-]+|\[[0-9A-Fa-f:]+\]):(?P<path>.*)$")


def remote_of(target):
    """The Remote a target names, or None for a local folder."""
    match = SSH_URL.match(target) or SCP_LIKE.match(target)
    if not match:
        return None
    found = match.groupdict()
    return Remote(found["host"].strip("[]"), found["path"] or ".", found["user"] or "",
                  int(found["port"]) if found.get("port") else None)


def to_rsync(output, remote, ssh="ssh"):
    """The folder scheme, on a server: rsync uploads a complete release beside
    the served path (PATH.releases/<hash>, unchanged files hard-linked from the
    live release, so they keep their dates), then one `mv` switches the link.
    A cut connection leaves only an unfinished release nobody serves."""
    shell = shlex.split(ssh) + (["-p", str(remote.port)] if remote.port else [])

    def run(script):
        return subprocess.run([*shell, remote.login, script], check=True, capture_output=True, text=True).stdout

    path = remote.path.rstrip("/") or "/"
    if not path.startswith("/"):
        path = run("pwd").strip() + "/" + path  # relative to the login's home
    releases, name = path + ".releases", fingerprint(output)[:16]
    release, q = f"{releases}/{name}", shlex.quote
    live = run(f"readlink {q(path)} || true").strip()
    if live == release:
        return f"{remote.login}:{path}: already up to date; nothing changed."
    run(f"mkdir -p {q(releases)}")
    link_dest = ["--link-dest", live] if live.startswith(releases + "/") else []
    subprocess.run(["rsync", "-rlp", "--checksum", "--delete", "-e", shlex.join(shell), *link_dest,
                    f"{output}/", f"{remote.login}:{release}.partial/"], check=True, capture_output=True, text=True)
    said = run(SWITCH_SCRIPT.format(path=q(path), releases=q(releases), name=q(name), keep_after=KEEP_RELEASES + 1,
                                    exchange=EXCHANGE_ON_SERVER))
    if "two-step" in said:
        print(f"warning: {path} was a folder, not a link, and the server has no python3 to swap them in one "
              "step: switched in two steps this once (readers may have met errors for a moment).")
    return f"{remote.login}:{path}: published release {name}."


# Runs on the server (POSIX sh and coreutils): put the uploaded release in
# place, switch the served path's link in one rename, keep the newest releases.
# The first publish over a real folder swaps folder and link in one step with
# Linux's renameat2 through the server's python3 (coreutils has no portable
# way), keeping the folder as the release before-first-publish; without
# python3 it takes two renames, and says so.
SWITCH_SCRIPT = """set -e
cd {releases}
if [ -d {name}.partial ]; then rm -rf {name}; mv -T {name}.partial {name}; fi
ln -sfn "$PWD"/{name} {path}.switch
if [ -d {path} ] && [ ! -L {path} ]; then
  if python3 -c '{exchange}' {path}.switch {path} 2>/dev/null; then mv -T {path}.switch before-first-publish
  else mv -T {path} before-first-publish; echo two-step; fi
fi
if [ -L {path}.switch ]; then mv -T {path}.switch {path}; fi
ls -1t | grep -v -x -e {name} | tail -n +{keep_after} | while read -r old; do rm -rf -- "$old"; done
"""
EXCHANGE_ON_SERVER = ("import ctypes, os, sys; rename = ctypes.CDLL(None).renameat2; "
                      "sys.exit(rename(-100, os.fsencode(sys.argv[1]), -100, os.fsencode(sys.argv[2]), 2) != 0)")


def _git(project_root, *args, check=True):
    result = subprocess.run(["git", *args], cwd=project_root, capture_output=True, text=True)
    if check and result.returncode:
        raise SystemExit(f"git {' '.join(args)} failed: {result.stderr.strip()}")
    return result


def to_github_pages(output, project_root, cname="", remote="origin", branch="gh-pages"):
    """Commit the site to the branch with ghp-import; push only if it changed.
    The CNAME file (GitHub's record of a custom domain) is written from the
    setting, or kept as the branch has it when the setting is empty."""
    if _git(project_root, "rev-parse", "--git-dir", check=False).returncode:
        raise SystemExit(f"{project_root} is not a git repository: publishing to GitHub Pages commits the "
                         "site to its gh-pages branch. Fix: `git init`, then `git remote add origin <your "
                         "GitHub repository>`, and publish again.")
    _git(project_root, "fetch", remote, f"+{branch}:{branch}", check=False)  # start from what is published
    kept = _git(project_root, "show", f"{branch}:CNAME", check=False)
    if cname or not kept.returncode:
        Path(output, "CNAME").write_text((cname or kept.stdout.strip()) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "ghp_import", "--no-jekyll", "--branch", branch,
               "--message", "Publish the site", str(output)]
    subprocess.run(command, check=True, cwd=project_root, capture_output=True, text=True)
    trees = _git(project_root, "rev-parse", f"{branch}^{{tree}}", f"{branch}~1^{{tree}}", check=False).stdout.split()
    if len(trees) == 2 and trees[0] == trees[1]:
        _git(project_root, "update-ref", f"refs/heads/{branch}", f"{branch}~1")
        return f"{remote}/{branch}: already up to date; nothing changed."
    _git(project_root, "push", remote, f"{branch}:{branch}")
    return f"{remote}/{branch}: pushed with ghp-import."


def to_s3(output, target, security_headers, reports):
    """Upload what changed (deploy_s3.py); the CDN's header policy goes in `reports`."""
    try:
        import boto3
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:
        raise SystemExit("Publishing to S3 needs boto3: python3 -m pip install -e '.[s3]', then publish again.") from None
    bucket, _, prefix = target.removeprefix("s3://").partition("/")
    try:
        uploaded, unchanged, deleted = deploy_s3.publish(output, bucket, prefix, boto3.client("s3"))
    except (BotoCoreError, ClientError) as failed:
        raise SystemExit(f"Publishing to {target} failed: {failed}. What readers see was left as it was, "
                         "or partly updated with every link whole: fix the cause (credentials, bucket "
                         "name, AWS_ENDPOINT_URL) and publish again.") from None
    policy = deploy_s3.write_cdn_policy(security_headers, reports)
    if not uploaded and not deleted:
        return f"{target}: already up to date; nothing changed. CDN header policy: {policy}"
    return (f"{target}: {uploaded} object(s) uploaded, {unchanged} unchanged, {deleted} deleted. "
            f"CDN header policy: {policy}")


def deploy(output, target, project_root, settings=None):
    """Publish `output` to `target` with the production settings' publishing
    options; a tool that fails says so in one line, with what it said."""
    settings = settings or {}
    try:
        if target.startswith("s3://"):
            return to_s3(output, target, settings.get("SECURITY_HEADERS", {}), Path(project_root) / ".reports")
        if target == "gh-pages":
            return to_github_pages(output, project_root, settings.get("GITHUB_PAGES_CNAME", ""))
        remote = remote_of(target)
        if remote:
            return to_rsync(output, remote, settings.get("PUBLISH_SSH", "ssh"))
        return to_folder(output, target)
    except subprocess.CalledProcessError as failed:
        said = " ".join(((failed.stderr or "") + (failed.stdout or "")).split())[-400:]
        raise SystemExit(f"Publishing to {target} failed: {Path(failed.cmd[0]).name} exited with "
                         f"{failed.returncode}{': ' + said if said else ''}. What readers see was left as it was: "
                         "fix the cause and publish again.") from None
