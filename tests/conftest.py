"""Fixtures that build real sites with Pelican into temporary folders.

`site` is the launch site built once with production settings (publishconf.py)
and `pelican --fatal warnings`; `scratch_site` builds a small site of the test's
own Markdown through our theme and plugin, for the checks and the
call-to-action.
"""

import json
import logging
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scripts import site_checks

ROOT = Path(__file__).resolve().parent.parent
# What the project's settings read from the environment. The caller's values (a
# person who exported SITEURL to publish) must not reach the tests: each test
# that wants one sets it for its own build.
for _name in ("SITEURL", "THERAPY_TIES_STAGING"):
    os.environ.pop(_name, None)
# The practice's source articles, copied from shared/seeds/ so that the suite
# passes from a plain clone (test_site compares the articles with them).
SEEDS = ROOT / "tests" / "sources"
SITEURL = "https://therapyties.test"
CONSULTATION_PAGE = "Title: Free consultation\nSlug: free-consultation\n\nA short conversation.\n"


@dataclass
class Build:
    returncode: int
    log: str
    output: Path
    report_path: Path
    siteurl: str = SITEURL

    @property
    def report(self):
        return json.loads(self.report_path.read_text(encoding="utf-8"))

    def html(self, relative):
        return BeautifulSoup((self.output / relative).read_text(encoding="utf-8"), "html.parser")

    def pages(self):
        return sorted(self.output.rglob("*.html"))


def split_overrides(extra):
    """(SETTING=VALUE items after any -e, the other arguments). Pelican keeps
    only the last -e it is given, so every override must go in one."""
    overrides, others, after_e = [], [], False
    for item in extra:
        if item == "-e":
            after_e = True
        elif after_e and not item.startswith("-"):
            overrides.append(item)
        else:
            after_e = False
            others.append(item)
    return overrides, others


def run_pelican(content, output, settings="publishconf.py", fatal="errors", extra=(), siteurl=SITEURL):
    report = output.parent / f"{output.name}-checks.json"
    overrides, others = split_overrides(extra)
    command = [
        sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / settings),
        "-o", str(output), *others, "-e", f"CHECKS_REPORT={json.dumps(str(report))}",
        "CACHE_PATH=" + json.dumps(str(output.parent / f"{output.name}-cache")),
        *overrides,
    ]
    if fatal:
        command += ["--fatal", fatal]
    env = dict(os.environ, SITEURL=siteurl, COLUMNS="400")
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    return Build(result.returncode, result.stdout + result.stderr, output, report, siteurl)


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The launch site, as production builds it."""
    build = run_pelican(ROOT / "content", tmp_path_factory.mktemp("site") / "output", fatal="warnings")
    assert build.returncode == 0, build.log
    return build


def build_scratch(folder, files, fatal="", settings="publishconf.py", extra=()):
    """Build a small site from {relative path: text or bytes} in `folder`, with
    the real site's images, robots.txt and a consultation page unless `files`
    replaces them. Building again in the same folder reuses its cache."""
    content = folder / "content"
    shutil.copytree(ROOT / "content" / "images", content / "images", dirs_exist_ok=True)
    shutil.copytree(ROOT / "content" / "extra", content / "extra", dirs_exist_ok=True)
    write_files(content, {"pages/free-consultation.md": CONSULTATION_PAGE, **files})
    shutil.rmtree(folder / "output", ignore_errors=True)
    return run_pelican(content, folder / "output", settings=settings, fatal=fatal, extra=extra)


def write_files(content, files):
    for relative, text in files.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(f"{record.levelname} {record.getMessage()}")


def files_of(folder):
    """{relative path: bytes} of every file under a folder, to compare two builds."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


LEFT_OUT = shutil.ignore_patterns("output", ".output-*", ".cache", ".editor", ".reports", "node_modules", ".git",
                                  "__pycache__", ".pytest_cache", "*.egg-info")


@pytest.fixture
def project(tmp_path):
    """A copy of the project, to write in and publish from."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=LEFT_OUT)
    if (ROOT / "node_modules").exists():
        (copy / "node_modules").symlink_to(ROOT / "node_modules")
    return copy


def build_in_process(folder, files, settings="publishconf.py", fatal=logging.ERROR, before=None, **overrides):
    """Build a small site with Pelican's API (Pelican(read_settings(...)).run()),
    stopping on errors as `pelican --fatal errors` does, in a forked copy of
    this process: no interpreter to start, and nothing a build leaves behind
    in Pelican's or a plugin's module state (the sitemap plugin remembers a
    build that stopped half-way) reaches the next one. No search index or
    compressed copies unless asked. The Build's log holds every message;
    returncode 1 when the build stopped; an exception fails the test with
    its traceback. `before`, if given, runs in the build's process first."""
    content, output = folder / "content", folder / "output"
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(ROOT / "content" / "extra", content / "extra")
    write_files(content, {"pages/free-consultation.md": CONSULTATION_PAGE, **files})
    report = folder / "checks.json"
    override = {"PATH": str(content), "OUTPUT_PATH": str(output), "CACHE_PATH": str(folder / "cache"),
                "CHECKS_REPORT": str(report), "SITEURL": SITEURL, "SEARCH_INDEX": False,
                "PRECOMPRESS": False, **overrides}
    result_file = folder / "build-result.json"
    pid = os.fork()
    if pid == 0:  # the child builds, writes what happened, and leaves without cleanup
        code = 3
        try:
            if before:
                before()
            result_file.write_text(json.dumps(_build(settings, override, fatal)), encoding="utf-8")
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0 and result_file.exists(), "the build process died"
    result = json.loads(result_file.read_text(encoding="utf-8"))
    result_file.unlink()
    assert result["traceback"] is None, result["traceback"]
    return Build(result["returncode"], result["log"], output, report)


def _build(settings, override, fatal):
    import traceback

    from pelican import Pelican
    from pelican.log import FatalLogger
    from pelican.settings import read_settings

    collect = _Collect()
    logging.getLogger().addHandler(collect)
    FatalLogger.fatal_lvl = fatal
    returncode, failure = 0, None
    try:
        Pelican(read_settings(str(ROOT / settings), override=override)).run()
    except SystemExit as stopped:
        collect.lines.append(f"STOPPED {stopped}")
        returncode = 1
    except Exception:  # noqa: BLE001 (reported to the test as it is)
        failure = traceback.format_exc()
    return {"returncode": returncode, "log": "\n".join(collect.lines), "traceback": failure}


@pytest.fixture
def scratch_site(tmp_path):
    """build_scratch() into this test's temporary folder."""
    return lambda files, **options: build_scratch(tmp_path, files, **options)


def line_with(text, needle):
    """The 1-based line of `text` holding `needle` (expected line numbers are
    read from the test's own input, never typed in by hand)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} is not in the text")


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The launch site built for, and served at, a local address: a static
    host on 127.0.0.1, so every absolute link can be followed."""
    port = site_checks.free_port()
    siteurl = f"http://127.0.0.1:{port}"
    build = run_pelican(ROOT / "content", tmp_path_factory.mktemp("served") / "output",
                        fatal="errors", siteurl=siteurl)
    assert build.returncode == 0, build.log
    with site_checks.served(build.output, port):
        yield build


def require(tool, how):
    path = shutil.which(tool) or (tool if Path(tool).exists() else None)
    if not path:
        pytest.fail(f"{tool} is missing: run `python3 -m invoke test`, which installs it ({how}).")
    return path


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    executable = require("chromium", "apt-get install chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=site_checks.CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def site_paths(build):
    """Every HTML page of a build as the URL path a reader would visit."""
    return site_checks.url_paths(build.output)


def wait_for_port(port, server, log_path, seconds=30):
    """Until a server started by a test answers on 127.0.0.1:port; its log if it dies."""
    import socket
    import time

    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            assert server.poll() is None and time.monotonic() < deadline, Path(log_path).read_text()
            time.sleep(0.05)


@pytest.fixture
def sshd(tmp_path):
    """A real OpenSSH server on 127.0.0.1 for this test alone, with throwaway
    host and client keys; yields (port, the ssh command that logs in, user)."""
    import getpass
    from types import SimpleNamespace

    binary = require("/usr/sbin/sshd", "apt-get install openssh-server")
    folder = tmp_path / "sshd"
    folder.mkdir()
    for key in ("host_key", "client_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(folder / key)], check=True)
    (folder / "authorized_keys").write_text((folder / "client_key.pub").read_text())
    port = site_checks.free_port()
    (folder / "sshd_config").write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {folder}/host_key\n"
        f"AuthorizedKeysFile {folder}/authorized_keys\nPidFile {folder}/sshd.pid\n"
        "PermitRootLogin prohibit-password\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
        "UsePAM no\nStrictModes no\n")
    Path("/run/sshd").mkdir(exist_ok=True)  # sshd's privilege separation folder
    log = open(folder / "sshd.log", "w")
    server = subprocess.Popen([binary, "-D", "-e", "-f", str(folder / "sshd_config")], stdout=log, stderr=log)
    wait_for_port(port, server, folder / "sshd.log")
    ssh = (f"ssh -i {folder}/client_key -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no "
           "-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o ConnectTimeout=5")
    try:
        yield SimpleNamespace(port=port, ssh=ssh, user=getpass.getuser(), process=server)
    finally:
        server.terminate()
        server.wait()
        log.close()


@pytest.fixture
def s3_server(tmp_path, monkeypatch):
    """An S3-compatible server (moto's) on 127.0.0.1 for this test alone, with
    a bucket `site`; the AWS settings point the AWS CLI and boto3 at it."""
    from types import SimpleNamespace

    port = site_checks.free_port()
    log = open(tmp_path / "s3.log", "w")
    server = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                              stdout=log, stderr=log)
    wait_for_port(port, server, tmp_path / "s3.log")
    for name, value in {"AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}", "AWS_ACCESS_KEY_ID": "test",
                        "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1",
                        "AWS_CONFIG_FILE": str(tmp_path / "none"), "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none")}.items():
        monkeypatch.setenv(name, value)

    def aws(*args):
        """The real AWS CLI, as a reader of what was published."""
        cli = require(str(ROOT / ".tools/aws/bin/aws"), "scripts/install_test_tools.py")
        command = [cli, "--endpoint-url", f"http://127.0.0.1:{port}", *args]
        result = subprocess.run(command, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout) if result.stdout.strip().startswith("{") else result.stdout

    aws("s3api", "create-bucket", "--bucket", "site")
    try:
        yield SimpleNamespace(port=port, aws=aws, process=server)
    finally:
        server.terminate()
        server.wait()
        log.close()


@contextmanager
def nginx_serving(root, folder, short_log=False):
    """nginx on 127.0.0.1 with the README's sample server block (docs/nginx.conf)
    serving `root`; yields its base URL, and stops it. short_log: the sample's
    alternative to no access log, a log of shortened addresses, written in `folder`."""
    import time
    import urllib.request

    nginx = require("nginx", "apt-get install nginx")
    port = site_checks.free_port()
    sample = (ROOT / "docs/nginx.conf").read_text(encoding="utf-8")
    server = sample.replace("listen 80;", f"listen 127.0.0.1:{port};").replace(
        "root /srv/therapy-ties/site;", f"root {root};")
    if short_log:  # as the sample's comment says: delete `access_log off;`, uncomment the #short lines
        server = server.replace("    access_log off;", "    # access_log off;").replace("#short ", "").replace(
            "/var/log/nginx/therapy-ties.access.log", str(folder / "short.access.log"))
    conf = folder / "nginx.conf"
    conf.write_text(
        # user: the workers must read pytest's private temporary folder. access_log:
        # nginx's own default (every request logged), moved into `folder`, which
        # the sample must turn off or replace.
        f"daemon off; {'user root;' if os.geteuid() == 0 else ''} pid {folder}/nginx.pid; "
        f"error_log {folder}/error.log;\n"
        f"events {{}}\nhttp {{\n include /etc/nginx/mime.types; access_log {folder}/default.access.log;\n"
        f" client_body_temp_path {folder}; proxy_temp_path {folder}; fastcgi_temp_path {folder};\n"
        f" uwsgi_temp_path {folder}; scgi_temp_path {folder};\n{server}\n}}\n", encoding="utf-8")
    process = subprocess.Popen([nginx, "-c", str(conf), "-p", str(folder)])
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(base + "/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


# Unit tests (rules, helpers, keys, settings) run first: a broken rule shows in
# seconds, before the builds, servers and browsers of the other modules.
FAST_MODULES = ("test_alt_rules.py", "test_content_rules.py", "test_page_cache_keys.py", "test_place.py",
                "test_settings.py", "test_fastbuild.py", "test_search_index.py")


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: item.path.name not in FAST_MODULES)  # stable: file order kept within each
