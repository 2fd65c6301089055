"""Publishing to a folder (scripts/deploy.py), with a reader reading all the
while: the switch is one step, also the first time over a folder a web server
already serves, and an interrupted publish leaves nothing in the way."""

import threading
import time

from scripts import deploy


def site(folder, words):
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(f"<p>{words}</p>", encoding="utf-8")
    (folder / "blog").mkdir()
    (folder / "blog" / "index.html").write_text(f"<p>blog {words}</p>", encoding="utf-8")
    return folder


class Reader(threading.Thread):
    """Reads the served index page as fast as it can; counts what it could not read."""

    def __init__(self, target):
        super().__init__(daemon=True)
        self.target, self.failures, self.reads, self.running = target, 0, 0, True

    def run(self):
        while self.running:
            try:
                (self.target / "index.html").read_text(encoding="utf-8")
            except OSError:
                self.failures += 1
            self.reads += 1

    def stop(self):
        self.running = False
        self.join()


def test_the_first_publish_over_a_served_folder_never_leaves_readers_without_a_page(tmp_path):
    target = site(tmp_path / "www" / "site", "the old site")
    build = site(tmp_path / "build", "the new site")
    for n in range(300):  # a site of some size, so that copying it takes a moment
        (build / f"page-{n}.html").write_text("x" * 4000, encoding="utf-8")
    reader = Reader(target)
    reader.start()
    while reader.reads < 20:
        time.sleep(0.001)
    message = deploy.to_folder(build, target)
    reader.stop()
    assert "published release" in message
    assert reader.reads > 100 and reader.failures == 0
    assert target.is_symlink() and "the new site" in (target / "index.html").read_text(encoding="utf-8")
    kept = target.with_name("site.releases") / "before-first-publish"
    assert "the old site" in (kept / "index.html").read_text(encoding="utf-8")


def test_an_interrupted_publish_leaves_nothing_in_the_way_of_the_next(tmp_path):
    build = site(tmp_path / "build", "words")
    target = tmp_path / "www" / "site"
    releases = target.with_name("site.releases")
    partial = releases / (deploy.fingerprint(build)[:16] + ".partial")
    partial.mkdir(parents=True)
    (partial / "index.html").write_text("half", encoding="utf-8")  # as Ctrl-C left it
    deploy.to_folder(build, target)
    assert (target / "index.html").read_text(encoding="utf-8") == "<p>words</p>"
    assert not partial.exists()
    assert "nothing changed" in deploy.to_folder(build, target)


def test_readers_of_a_real_web_server_get_every_page_throughout(tmp_path):
    """nginx (the README's sample) serving the folder while it is published
    over, the first time and again: every request answers 200, old or new."""
    import urllib.request

    from conftest import nginx_serving

    target = site(tmp_path / "www" / "site", "old")
    builds = [site(tmp_path / f"build-{n}", f"new {n}") for n in range(3)]
    for build in builds:
        for n in range(300):
            (build / f"page-{n}.html").write_text("x" * 4000, encoding="utf-8")
    with nginx_serving(target, tmp_path) as base:
        answers, running = [], [True]

        def reader():
            while running[0]:
                for path in ("/", "/blog/"):
                    try:
                        with urllib.request.urlopen(base + path, timeout=5) as response:
                            answers.append((response.status, response.read().decode()))
                    except OSError as error:
                        answers.append((getattr(error, "code", 0), str(error)))

        thread = threading.Thread(target=reader, daemon=True)
        thread.start()
        while len(answers) < 20:
            time.sleep(0.01)
        for build in builds:
            deploy.to_folder(build, target)
        deadline = time.monotonic() + 10
        while (200, "<p>new 2</p>") not in answers and time.monotonic() < deadline:
            time.sleep(0.01)  # until the reader has seen the last publish
        running[0] = False
        thread.join()
    assert len(answers) > 50
    assert {status for status, _ in answers} == {200}, [a for a in answers if a[0] != 200][:3]
    assert {"<p>old</p>", "<p>new 2</p>"} <= {text for _, text in answers}
