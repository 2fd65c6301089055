"""The speed plugin (plugins/pelican_fastbuild) builds byte for byte the site
Pelican builds without it; it steps aside where it was not tested (another
Pelican version) or cannot run (no fork), and the site is then the same too."""

import json
import logging
import os

import pelican
import pytest
from pelican import signals

import pelicanconf
import publishconf
from conftest import ROOT, build_in_process, files_of
from pelican_fastbuild import guard

WARNING = "Building without pelican_fastbuild's workers and page cache"


def test_it_runs_only_on_tested_versions_and_where_it_can_fork():
    assert guard.reason_to_step_aside("4.12.0", can_fork=True) is None
    assert "Pelican 4.13.0 is not a version it was tested with (4.12.0)" == \
        guard.reason_to_step_aside("4.13.0", can_fork=True)
    assert "cannot fork" in guard.reason_to_step_aside("4.12.0", can_fork=False)
    assert pelican.__version__ in guard.TESTED_PELICAN_VERSIONS  # the version installed here is tested


def test_one_setting_counts_the_workers(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 6)
    assert guard.worker_count({}) == guard.worker_count({"WORKERS": None}) == 6
    assert guard.worker_count({"WORKERS": 1}) == 1
    assert guard.worker_count({"WORKERS": 3}) == 3


def test_it_knows_nothing_of_the_practice():
    """Its code names no practice module, setting or page: it is a plugin any
    Pelican site could use (the practice plugin talks to it by signal)."""
    folder = ROOT / "plugins" / "pelican_fastbuild"
    code = "\n".join(path.read_text(encoding="utf-8") for path in folder.rglob("*.py"))
    for practice_word in ("therapy_ties", "Therapy Ties", "CONSULTATION", "PRACTICE", "social_card", "consultation"):
        assert practice_word not in code


def launch_content():
    return {path.relative_to(ROOT / "content").as_posix(): path.read_bytes()
            for path in sorted((ROOT / "content").rglob("*"))
            if path.is_file() and not path.relative_to(ROOT / "content").as_posix().startswith("extra/")}


def as_another_pelican():
    pelican.__version__ = "4.99.0"


def without_the_plugin():
    return {"PLUGINS": [name for name in publishconf.PLUGINS if name != "pelican_fastbuild"]}


def fifty_articles():
    return {**{path: text for path, text in launch_content().items() if not path.startswith("blog/")},
            **{f"blog/post-{n}.md": (f"Title: Post {n}\nDate: 2026-10-{n % 28 + 1:02d} 09:{n:02d}\nAuthor: Liron\n"
                                     f"Category: Topic {n % 3}\nTags: tag {n % 5}, tag {n % 7}\nSummary: Post {n}.\n\n"
                                     + "Words about connection. " * 40 + "\n") for n in range(50)}}


@pytest.mark.parametrize("corpus", ["launch", "50 articles"])
def test_with_it_without_it_and_on_an_untested_pelican_the_site_is_the_same(tmp_path, corpus):
    files = fifty_articles() if corpus == "50 articles" else launch_content()
    fast = build_in_process(tmp_path / "fast", files, fatal=logging.CRITICAL + 1)
    stepped_aside = build_in_process(tmp_path / "aside", files, fatal=logging.CRITICAL + 1, before=as_another_pelican)
    plain = build_in_process(tmp_path / "plain", files, fatal=logging.CRITICAL + 1, **without_the_plugin())
    assert fast.returncode == stepped_aside.returncode == plain.returncode == 0, fast.log + plain.log
    assert WARNING not in fast.log and WARNING not in plain.log
    assert f"{WARNING}: Pelican 4.99.0 is not a version it was tested with" in stepped_aside.log
    written = files_of(fast.output)
    assert len(written) > 40
    if corpus.startswith("launch"):
        assert b"<figcaption>" in written["blog/when-connection-feels-hard/index.html"]
    assert written == files_of(stepped_aside.output)
    assert written == files_of(plain.output)


def recording_contexts(into):
    """A `before` hook: every content_written heard in the build's own process
    (not in its workers), with what a listener reads of its context, written
    to `into` at the end."""

    def before():
        build_process, heard = os.getpid(), []

        def on_written(path, context):
            if os.getpid() == build_process:
                page = context.get("articles_page")
                heard.append([os.path.relpath(path, context["OUTPUT_PATH"]), context["output_file"],
                              context["SITEURL"], context.get("localsiteurl"),
                              page.number if page else None, bool(context.get("fastbuild_written_in_worker"))])

        signals.content_written.connect(on_written, weak=False)
        signals.finalized.connect(lambda _pelican: into.write_text(json.dumps(sorted(heard))), weak=False)

    return before


def test_other_plugins_hear_of_every_page_once_with_pelicans_own_context(tmp_path):
    """Relative SITEURL (local settings) and pagination, as Pelican gives them;
    pages a worker wrote are marked so that a plugin that changes files skips them."""
    files = fifty_articles()
    local = {"settings": "pelicanconf.py", "fatal": logging.CRITICAL + 1}
    fast = build_in_process(tmp_path / "fast", files, before=recording_contexts(tmp_path / "fast.json"), **local)
    plain = build_in_process(tmp_path / "plain", files, before=recording_contexts(tmp_path / "plain.json"),
                             PLUGINS=[n for n in pelicanconf.PLUGINS if n != "pelican_fastbuild"], **local)
    assert fast.returncode == plain.returncode == 0, fast.log + plain.log
    heard_fast = json.loads((tmp_path / "fast.json").read_text())
    heard_plain = json.loads((tmp_path / "plain.json").read_text())
    assert [h[:-1] for h in heard_fast] == [h[:-1] for h in heard_plain]
    second_page = ["blog/page/2/index.html", "blog/page/2/index.html", "../../..", "../../..", 2, True]
    assert second_page in heard_fast  # a paginated listing, from a worker
    assert sum(1 for h in heard_fast if h[-1]) > 50  # the articles and listings, written by workers
    assert not any(h[-1] for h in heard_plain)
