"""The processes the practice plugin's work may use (therapy_ties/workers.py)."""

import os
import subprocess
import sys

import pytest

from conftest import ROOT
from therapy_ties.workers import Background, map_forked


def square(number):
    return number * number


def test_a_map_over_forked_workers_keeps_the_order_and_one_worker_stays_at_home():
    assert map_forked(square, list(range(50)), 2) == [n * n for n in range(50)]
    assert map_forked(lambda n: os.getpid(), [1], 1) == [os.getpid()]


def test_background_work_runs_in_another_process_and_its_answer_comes_back():
    answer = Background(lambda: (os.getpid(), ["a finding"] * 10_000), 2)
    pid, findings = answer.result()
    assert pid != os.getpid() and len(findings) == 10_000
    assert answer.result()[0] == pid  # asked again: the same answer
    assert Background(os.getpid, 1).result() == os.getpid()  # one worker: this process, at once


def test_what_background_work_raises_is_raised_by_result():
    def broken():
        raise ValueError("a rule met a file it could not read")

    answer = Background(broken, 2)
    with pytest.raises(ValueError, match="could not read"):
        answer.result()


def test_a_build_that_never_asks_for_the_answer_exits_cleanly():
    """Pelican may stop (an error with --fatal) between starting the checks and
    asking for them: nothing may hang or complain at exit."""
    script = ("import sys, time; sys.path.insert(0, 'plugins');"
              "from therapy_ties.workers import Background;"
              "Background(lambda: time.sleep(0.2) or 'late', 2); sys.exit(3)")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert done.returncode == 3
    assert done.stderr == "", done.stderr
