"""The suite needs nothing beside the repository: a clone with no shared/
folder next to it passes the tests that compare the site with the practice's
source articles (they read tests/sources/, a copy, never ../shared)."""

import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout: nothing to clone")
def test_source_fidelity_tests_pass_in_a_clone_with_nothing_beside_it(tmp_path):
    git = shutil.which("git")
    assert git, "git is needed to clone the repository"
    alone = tmp_path / "alone"
    alone.mkdir()
    subprocess.run([git, "clone", "--quiet", str(ROOT), str(alone / "site")], check=True)
    assert not (alone / "shared").exists()
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_site.py",
         "-k", "seed or source"],
        cwd=alone / "site", env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and " failed" not in result.stdout


def test_the_callers_environment_does_not_reach_the_tests():
    """Someone who exported SITEURL (and staging) to publish runs the tests:
    the checks of the repository as it is still see the repository's settings."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", SITEURL="https://www.example.org",
               THERAPY_TIES_STAGING="1")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_launch.py",
         "-k", "repository_as_it_is"],
        cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and " failed" not in result.stdout
