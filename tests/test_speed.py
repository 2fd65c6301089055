"""The speed machinery steps aside where it was not tested (another Pelican
version) or cannot run (no fork), and the site is then byte for byte the same."""

import logging

import pelican
import pytest

from conftest import ROOT, build_in_process
from therapy_ties import speed

WARNING = "Building without the speed plugin's workers and page cache"


def test_it_runs_only_on_tested_versions_and_where_it_can_fork():
    assert speed.reason_to_step_aside("4.12.0", can_fork=True) is None
    assert "Pelican 4.13.0 is not a version it was tested with (4.12.0)" == \
        speed.reason_to_step_aside("4.13.0", can_fork=True)
    assert "cannot fork" in speed.reason_to_step_aside("4.12.0", can_fork=False)
    assert pelican.__version__ in speed.TESTED_PELICAN_VERSIONS  # the version installed here is tested


def launch_content():
    return {path.relative_to(ROOT / "content").as_posix(): path.read_bytes()
            for path in sorted((ROOT / "content").rglob("*"))
            if path.is_file() and not path.relative_to(ROOT / "content").as_posix().startswith("extra/")}


def as_another_pelican():
    pelican.__version__ = "4.99.0"


def files_of(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("corpus", ["launch", "50 articles"])
def test_on_an_untested_pelican_the_site_is_the_same_only_slower(tmp_path, corpus):
    files = launch_content() if corpus == "launch" else {
        **{path: text for path, text in launch_content().items() if not path.startswith("blog/")},
        **{f"blog/post-{n}.md": (f"Title: Post {n}\nDate: 2026-10-{n % 28 + 1:02d} 09:{n:02d}\nAuthor: Liron\n"
                                 f"Category: Topic {n % 3}\nTags: tag {n % 5}, tag {n % 7}\nSummary: Post {n}.\n\n"
                                 + "Words about connection. " * 40 + "\n") for n in range(50)}}
    fast = build_in_process(tmp_path / "fast", files, fatal=logging.CRITICAL + 1)
    plain = build_in_process(tmp_path / "plain", files, fatal=logging.CRITICAL + 1, before=as_another_pelican)
    assert fast.returncode == plain.returncode == 0, fast.log + plain.log
    assert WARNING not in fast.log
    assert f"{WARNING}: Pelican 4.99.0 is not a version it was tested with" in plain.log
    written = files_of(fast.output)
    assert len(written) > 40
    assert written == files_of(plain.output)
