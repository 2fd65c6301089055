"""Publishing over SSH with rsync, to a real OpenSSH server on 127.0.0.1
(scripts/deploy.py): a release uploaded beside the served folder and switched
in one step, nothing changed by an unchanged republish, a cut connection that
readers never notice, and one clear line when the server is down."""

import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest

from conftest import ROOT
from scripts import deploy


def site(folder, words, pages=("blog/a", "blog/b")):
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(f"<p>{words}</p>", encoding="utf-8")
    for page in pages:
        (folder / page).mkdir(parents=True)
        (folder / page / "index.html").write_text(f"<p>{page} {words}</p>", encoding="utf-8")
    return folder


def stamps(folder):
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("form", ["ssh-url", "scp-like"])
def test_publish_then_nothing_changes_then_an_edit_and_a_removal(sshd, tmp_path, form):
    served = tmp_path / "srv" / "site"
    served.parent.mkdir()
    target = (f"ssh://{sshd.user}@127.0.0.1:{sshd.port}{served}" if form == "ssh-url"
              else f"127.0.0.1:{served}")
    remote = deploy.remote_of(target)
    ssh = sshd.ssh if form == "ssh-url" else f"{sshd.ssh} -p {sshd.port}"
    first = deploy.to_rsync(site(tmp_path / "one", "first"), remote, ssh)
    assert "published release" in first and served.is_symlink()
    assert (served / "blog/a/index.html").read_text() == "<p>blog/a first</p>"
    before = stamps(served)
    again = deploy.to_rsync(site(tmp_path / "two", "first"), remote, ssh)
    assert "nothing changed" in again and stamps(served) == before

    edited = site(tmp_path / "three", "first", pages=("blog/a",))  # blog/b removed
    (edited / "index.html").write_text("<p>edited</p>", encoding="utf-8")
    deploy.to_rsync(edited, remote, ssh)
    after = stamps(served)
    assert (served / "index.html").read_text() == "<p>edited</p>"
    assert not (served / "blog/b").exists()
    assert after["blog/a/index.html"] == before["blog/a/index.html"]  # unchanged: same file, same date
    assert not list(served.rglob(".~tmp~")) and not list(served.parent.glob("site.releases/*.partial"))


def test_the_first_publish_over_a_real_folder_swaps_it_for_the_link_in_one_step(sshd, tmp_path, capsys):
    served = tmp_path / "srv" / "site"
    shutil.copytree(site(tmp_path / "old", "hand-made"), served)
    said = deploy.to_rsync(site(tmp_path / "new", "new"), deploy.remote_of(f"127.0.0.1:{served}"),
                           f"{sshd.ssh} -p {sshd.port}")
    assert "published release" in said and "two steps" not in capsys.readouterr().out
    assert served.is_symlink() and (served / "index.html").read_text() == "<p>new</p>"
    kept = served.parent / "site.releases" / "before-first-publish"
    assert (kept / "index.html").read_text() == "<p>hand-made</p>"  # the old site, kept whole
    assert not list(served.parent.glob("*.switch")) and not list(served.parent.glob("site.releases/*.switch"))


def test_a_cut_connection_leaves_readers_the_old_site_whole(sshd, tmp_path):
    served = tmp_path / "srv" / "site"
    served.parent.mkdir()
    target = f"ssh://{sshd.user}@127.0.0.1:{sshd.port}{served}"
    remote = deploy.remote_of(target)
    deploy.to_rsync(site(tmp_path / "old", "old"), remote, sshd.ssh)
    big = site(tmp_path / "new", "new")
    for n in range(400):  # incompressible, so that the upload takes a while
        (big / f"photo-{n}.bin").write_bytes(os.urandom(200_000))
    script = ("from scripts import deploy; "
              f"deploy.to_rsync({str(big)!r}, deploy.remote_of({target!r}), {sshd.ssh!r})")
    publisher = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, start_new_session=True)
    partial = served.parent / "site.releases" / (deploy.fingerprint(big)[:16] + ".partial")
    deadline = time.monotonic() + 30
    while not (partial.exists() and len(list(partial.glob("photo-*"))) > 5):
        assert publisher.poll() is None and time.monotonic() < deadline, "the upload did not start"
        time.sleep(0.01)
    os.killpg(publisher.pid, signal.SIGKILL)  # the connection is cut mid-upload
    publisher.wait()
    assert (served / "index.html").read_text() == "<p>old</p>"
    assert (served / "blog/b/index.html").read_text() == "<p>blog/b old</p>"
    assert not list(served.rglob("photo-*")) and not list(served.rglob(".~tmp~"))
    reads, failures, running = [0], [0], [True]

    def reader():
        while running[0]:
            try:
                text = (served / "index.html").read_text()
                assert text in ("<p>old</p>", "<p>new</p>")
            except (OSError, AssertionError):
                failures[0] += 1
            reads[0] += 1

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    assert "published release" in deploy.to_rsync(big, remote, sshd.ssh)  # the next publish completes it
    running[0] = False
    thread.join()
    assert reads[0] > 10 and failures[0] == 0
    assert (served / "index.html").read_text() == "<p>new</p>" and not partial.exists()


def test_a_server_that_is_down_gets_one_clear_line_and_nothing_changes(sshd, tmp_path):
    served = tmp_path / "srv" / "site"
    served.parent.mkdir()
    target = f"ssh://{sshd.user}@127.0.0.1:{sshd.port}{served}"
    deploy.deploy(site(tmp_path / "old", "old"), target, ROOT, {"PUBLISH_SSH": sshd.ssh})
    sshd.process.terminate()
    sshd.process.wait()
    with pytest.raises(SystemExit) as stopped:
        deploy.deploy(site(tmp_path / "new", "new"), target, ROOT, {"PUBLISH_SSH": sshd.ssh})
    message = str(stopped.value)
    assert message.startswith(f"Publishing to {target} failed: ssh exited with 255")
    assert "Connection refused" in message and "\n" not in message
    assert (served / "index.html").read_text() == "<p>old</p>"


def test_targets_are_read_as_rsync_and_ssh_read_them():
    assert deploy.remote_of("deploytest:/srv/site") == deploy.Remote("deploytest", "/srv/site")
    assert deploy.remote_of("ssh://web@example.org:2222/srv/site") == deploy.Remote("example.org", "/srv/site", "web", 2222)
    assert deploy.remote_of("me@example.org:site") == deploy.Remote("example.org", "site", "me")
    for folder in ("/srv/site", "site", "./with:colon", "C:\\site", "C:/site"):
        assert deploy.remote_of(folder) is None, folder
