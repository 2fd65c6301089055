"""The search index: Pagefind runs in its own process beside the build's last
steps, its bundle lands in the output (or comes from the cache), and when it
fails or the build does, nothing half-made is kept."""

import logging
import os
import subprocess
import sys

import pytest

from conftest import files_of
from therapy_ties.output import search_index


def written_site(folder):
    for name, words in (("a", "Gentle words about trust."), ("b", "Repair after a hard week.")):
        page = folder / name / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<!doctype html><html lang="en"><head><title>{name}</title></head>'
                        f"<body><main data-pagefind-body><h1>{name}</h1><p>{words}</p></main></body></html>",
                        encoding="utf-8")
    return folder


def failing_pagefind(output_path, bundle):
    """A real process that fails as Pagefind would, saying why."""
    return subprocess.Popen([sys.executable, "-c", "import sys; print('no pages found'); sys.exit(3)"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_the_bundle_is_made_beside_other_work_then_reused(tmp_path):
    output, cache = written_site(tmp_path / "output"), tmp_path / "cache"
    with search_index.indexing(output, cache) as search:
        (output / "card.png").write_bytes(b"drawn meanwhile")  # the build goes on while Pagefind runs
    assert search.outcome == "indexed"
    assert (output / "pagefind" / "pagefind.js").is_file()
    again = tmp_path / "again"
    written_site(again)
    with search_index.indexing(again, cache) as search:
        pass
    assert search.outcome == "from the cache" and (again / "pagefind" / "pagefind.js").is_file()


def test_a_failing_pagefind_is_reported_and_leaves_nothing(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(search_index, "_start_pagefind", failing_pagefind)
    output, cache = written_site(tmp_path / "output"), tmp_path / "cache"
    with caplog.at_level(logging.ERROR), search_index.indexing(output, cache) as search:
        pass
    assert search.outcome == "failed"
    assert "Pagefind could not index" in caplog.text and "no pages found" in caplog.text
    assert not (output / "pagefind").exists() and not any(p.is_dir() for p in cache.iterdir())


def test_when_the_build_fails_meanwhile_pagefind_is_stopped(tmp_path, monkeypatch):
    started = []

    def slow_pagefind(output_path, bundle):
        started.append(subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
        return started[-1]

    monkeypatch.setattr(search_index, "_start_pagefind", slow_pagefind)
    output = written_site(tmp_path / "output")
    with pytest.raises(RuntimeError), search_index.indexing(output, tmp_path / "cache"):
        raise RuntimeError("a card could not be drawn")
    assert started[0].returncode is not None  # stopped and waited for, not left running
    assert not (output / "pagefind").exists()


def test_only_the_pages_pagefind_indexes_are_given_to_it_and_the_bundle_is_the_same(tmp_path):
    """Once a page is marked data-pagefind-body, Pagefind leaves out the pages
    that are not (the blog's lists): given only the marked ones, it makes the
    same bundle, reading fewer files."""
    output = written_site(tmp_path / "output")
    listing = output / "blog" / "index.html"
    listing.parent.mkdir()
    listing.write_text('<!doctype html><html lang="en"><body><h1>All articles</h1><p>Trust, repair.</p></body></html>',
                       encoding="utf-8")
    assert set(search_index.pages_to_index(output)) == {os.path.join("a", "index.html"), os.path.join("b", "index.html")}
    with search_index.indexing(output, tmp_path / "cache") as search:
        pass
    whole = tmp_path / "whole"
    subprocess.run([sys.executable, "-m", "pagefind_bin", "--site", str(output), "--output-path", str(whole),
                    "--silent"], check=True)
    assert search.outcome == "indexed"
    assert files_of(output / "pagefind") == files_of(whole)
    assert not any(p.name.endswith(".site") for p in (tmp_path / "cache").iterdir())  # the linked pages are gone


def test_a_site_without_marked_pages_is_indexed_whole(tmp_path):
    page = tmp_path / "output" / "index.html"
    page.parent.mkdir()
    page.write_text("<html><body><p>Words.</p></body></html>", encoding="utf-8")
    assert list(search_index.pages_to_index(tmp_path / "output")) == ["index.html"]
