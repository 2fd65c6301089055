"""The editor's parts without a browser: the file it writes (document.py), the
paths it accepts, versions and recovery, images, the launcher, and the
server's refusals, each sent as an attacker would send it (Flask's test client
with the real app), with nothing written."""

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from conftest import ROOT
from editor import launcher, media
from editor.app import create_app
from editor.document import FIELDS, Document
from editor.guard import COOKIE
from editor.history import Versions
from editor.paths import OutsideContent, confined

ARTICLE = ("Title: Hand written\nDate: 2026-11-01 09:00\nAuthor: Liron\nCustom_key: kept as it is\n"
           "Consultation_steps: one\n    two\nSlug: hand-written\n\nThe body, *as written*.\n")


# -- the file -----------------------------------------------------------------
def test_opened_and_saved_unchanged_is_the_same_bytes():
    for raw in (ARTICLE.encode(), ARTICLE.replace("\n", "\r\n").encode(), b"\xef\xbb\xbf" + ARTICLE.encode(),
                b"No header at all\n", b"", b"Title: x\n"):
        document = Document(raw)
        assert document.compose(document.fields, document.body) == raw


def test_a_changed_field_changes_its_line_only():
    document = Document(ARTICLE.encode())
    changed = document.compose(dict(document.fields, title="A new title", tags="trust, repair"), document.body)
    assert changed.decode() == ARTICLE.replace("Title: Hand written", "Title: A new title").replace(
        "Slug: hand-written\n", "Slug: hand-written\nTags: trust, repair\n")
    emptied = document.compose(dict(document.fields, slug=""), document.body + "More.\n")
    assert emptied.decode() == ARTICLE.replace("Slug: hand-written\n", "") + "More.\n"


def test_windows_line_endings_stay_windows_line_endings():
    raw = ARTICLE.replace("\n", "\r\n").encode()
    document = Document(raw)
    assert document.fields["title"] == "Hand written" and "\r" not in document.body
    assert document.compose(dict(document.fields, title="Other"), document.body).count(b"\r\n") == raw.count(b"\r\n")


def test_a_new_file_has_a_header_a_blank_line_and_the_body():
    assert Document().compose({"title": "New", "status": "draft", "slug": "new"}, "Words.") == \
        b"Title: New\nSlug: new\nStatus: draft\n\nWords.\n"


header_text = st.text(st.characters(codec="utf-8", exclude_characters="\r\n\x00"), max_size=30)


@settings(max_examples=150, deadline=None)
@given(fields=st.fixed_dictionaries({name: header_text for name in FIELDS}),
       body=st.text(st.characters(codec="utf-8", exclude_characters="\r\x00"), max_size=200))
def test_what_is_written_reads_back_as_the_same_fields_and_body(fields, body):
    """Any title, summary, tags ... she types come back as she typed them
    (spaces at the ends aside), and the body whole; saving it again changes nothing."""
    raw = Document(ARTICLE.encode()).compose(fields, body)
    again = Document(raw)
    assert again.fields == {name: value.strip() for name, value in fields.items()}
    assert again.body == body
    assert again.compose(again.fields, again.body) == raw
    assert "kept as it is" in raw.decode()


# -- paths -------------------------------------------------------------------
def test_paths_outside_the_content_folder_are_refused(tmp_path):
    content = tmp_path / "content"
    (content / "blog").mkdir(parents=True)
    (tmp_path / "secret.md").write_text("x", encoding="utf-8")
    (content / "blog" / "escape.md").symlink_to(tmp_path / "secret.md")
    assert confined(content, "blog/a.md") == content.resolve() / "blog" / "a.md"
    for bad in ("../secret.md", "/etc/passwd.md", "blog/../../secret.md", "blog\\a.md", "C:/x.md",
                ".editor/x.md", "blog/escape.md", "blog/a.py", ""):
        with pytest.raises(OutsideContent):
            confined(content, bad)


# -- versions ------------------------------------------------------------------
def test_versions_are_commits_of_that_file_alone_in_a_git_project(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "content" / "blog").mkdir(parents=True)
    article = tmp_path / "content" / "blog" / "a.md"
    (tmp_path / "unrelated.txt").write_text("staged by the author\n", encoding="utf-8")
    subprocess.run(["git", "add", "unrelated.txt"], cwd=tmp_path, check=True)
    versions = Versions(tmp_path, tmp_path / "content")
    assert versions.git
    for words in ("first", "second"):
        article.write_text(f"Title: A\n\n{words}\n", encoding="utf-8")
        versions.keep("blog/a.md", "A")
    listed = versions.list("blog/a.md")
    assert len(listed) == 2
    assert versions.text("blog/a.md", listed[1]["id"]) == b"Title: A\n\nfirst\n"
    committed = subprocess.run(["git", "show", "--stat", "--format=", "HEAD"], cwd=tmp_path,
                               capture_output=True, text=True).stdout
    assert "a.md" in committed and "unrelated" not in committed
    assert versions.text("blog/a.md", "not-a-version") is None


def test_a_version_git_cannot_keep_is_said_and_the_file_stays_saved(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "content" / "blog").mkdir(parents=True)
    (tmp_path / "content" / "blog" / "a.md").write_text("Title: A\n\nwords\n", encoding="utf-8")
    (tmp_path / ".git" / "index.lock").write_text("", encoding="utf-8")  # another git at work
    problem = Versions(tmp_path, tmp_path / "content").keep("blog/a.md", "A")
    assert problem.startswith("the version could not be kept") and "index.lock" in problem
    assert (tmp_path / "content" / "blog" / "a.md").read_text(encoding="utf-8") == "Title: A\n\nwords\n"


def test_versions_outside_git_are_copies_beside_content(tmp_path):
    (tmp_path / "content" / "blog").mkdir(parents=True)
    article = tmp_path / "content" / "blog" / "a.md"
    versions = Versions(tmp_path, tmp_path / "content")
    assert not versions.git
    for words in ("first", "second"):
        article.write_text(f"Title: A\n\n{words}\n", encoding="utf-8")
        versions.keep("blog/a.md", "A")
    listed = versions.list("blog/a.md")
    assert [versions.text("blog/a.md", v["id"]) for v in listed] == [b"Title: A\n\nsecond\n", b"Title: A\n\nfirst\n"]
    assert not any("history" in str(p) for p in (tmp_path / "content").rglob("*"))


# -- images --------------------------------------------------------------------
def image_bytes(kind="PNG", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, kind)
    return buffer.getvalue()


def test_an_added_image_gets_a_safe_name_and_never_replaces_another(tmp_path):
    images = tmp_path / "images"
    first = media.add(images, "Our Office (1).PNG", image_bytes(), 40_000_000)
    second = media.add(images, "Our Office (1).PNG", image_bytes(), 40_000_000)
    assert (first, second) == ("our-office-1.png", "our-office-1-2.png")
    assert media.add(images, "../../etc/evil.jpg", image_bytes("JPEG"), 40_000_000) == "evil.jpg"
    assert sorted(p.name for p in images.iterdir()) == ["evil.jpg", "our-office-1-2.png", "our-office-1.png"]


@pytest.mark.parametrize("name, data, words", [
    ("photo.heic", b"\x00\x00\x00\x18ftypheic" + bytes(64), "cannot be read"),
    ("scan.tif", image_bytes("TIFF"), "not shown by every browser"),
    ("huge.png", image_bytes(size=(3000, 2000)), "over the limit"),
])
def test_images_the_site_cannot_show_are_refused_with_the_builds_words(tmp_path, monkeypatch, name, data, words):
    # The build's check sets Pillow's limit for the process: put it back after.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", Image.MAX_IMAGE_PIXELS)
    with pytest.raises(media.Refused) as refused:
        media.add(tmp_path / "images", name, data, 1_000_000)
    assert words in str(refused.value) and "Fix:" in str(refused.value) and name in str(refused.value)
    assert not (tmp_path / "images").exists() or not any((tmp_path / "images").iterdir())


# -- the launcher ----------------------------------------------------------------
@pytest.mark.parametrize("system, suffix, words", [
    ("Darwin", ".command", "-m invoke write"), ("Windows", ".bat", "-m invoke write"),
    ("Linux", ".desktop", "Exec=\"/opt/my python/bin/python3\" -m invoke write"),
])
def test_a_launcher_for_each_system_runs_invoke_write_in_the_project(tmp_path, system, suffix, words):
    path = launcher.make(tmp_path, system=system, python="/opt/my python/bin/python3")
    assert path.name == f"Therapy Ties editor{suffix}"
    text = path.read_text(encoding="utf-8")
    assert words in text and str(tmp_path.resolve()) in text
    if system != "Windows":
        assert path.stat().st_mode & 0o111


# -- the server's refusals ----------------------------------------------------------
PORT, TOKEN = 8123, "t0k3n"
HOST = f"127.0.0.1:{PORT}"
ORIGIN = f"http://{HOST}"


@pytest.fixture
def editor_project(tmp_path):
    root = tmp_path / "project"
    (root / "content" / "blog").mkdir(parents=True)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, root / name)
    (root / "content" / "blog" / "hand-written.md").write_text(ARTICLE, encoding="utf-8")
    return root


@pytest.fixture
def client(editor_project):
    app = create_app(editor_project, PORT, TOKEN, preview=False)
    client = app.test_client()
    client.set_cookie(COOKIE, TOKEN, domain="127.0.0.1")
    return client


def files_under(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in Path(folder).rglob("*") if p.is_file()}


def save_request(**changes):
    document = Document(ARTICLE.encode())
    import hashlib
    return {"path": "blog/hand-written.md", "fields": dict(document.fields, title="Changed"), "body": document.body,
            "base": hashlib.sha256(ARTICLE.encode()).hexdigest(), **changes}


def test_the_token_in_the_address_becomes_a_strict_cookie(editor_project):
    client = create_app(editor_project, PORT, TOKEN, preview=False).test_client()
    assert client.get("/", headers={"Host": HOST}).status_code == 403
    opened = client.get(f"/?token={TOKEN}", headers={"Host": HOST})
    assert opened.status_code == 302 and opened.headers["Location"] == "/"
    cookie = opened.headers["Set-Cookie"]
    assert f"{COOKIE}={TOKEN}" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    listing = client.get("/", headers={"Host": HOST})
    assert listing.status_code == 200 and b"Hand written" in listing.data
    assert listing.headers["Content-Security-Policy"].startswith("default-src 'self';")


@pytest.mark.parametrize("case", ["cross-origin POST", "no Origin", "forged Host", "missing token",
                                  "wrong token", "non-ASCII token", "path escape", "absolute path",
                                  "oversized upload"])
def test_requests_that_would_change_something_are_refused_with_nothing_written(client, editor_project, case):
    before = files_under(editor_project)
    headers, body, url = {"Host": HOST, "Origin": ORIGIN}, save_request(), "/api/save"
    if case == "cross-origin POST":
        headers["Origin"] = "https://attacker.example"
    elif case == "no Origin":
        del headers["Origin"]
    elif case == "forged Host":  # DNS rebinding: the attacker's name, resolved to 127.0.0.1
        headers.update(Host=f"attacker.example:{PORT}", Origin=f"http://attacker.example:{PORT}")
    elif case == "missing token":
        client.delete_cookie(COOKIE, domain="127.0.0.1")
    elif case == "wrong token":
        client.set_cookie(COOKIE, "guess", domain="127.0.0.1")
    elif case == "non-ASCII token":
        client.set_cookie(COOKIE, "t0k3n\u00e9", domain="127.0.0.1")
    elif case == "path escape":
        body = save_request(path="../pelicanconf.md")
    elif case == "absolute path":
        body = save_request(path=str(editor_project / "content" / "blog" / "hand-written.md"))
    if case == "oversized upload":
        response = client.post("/api/images?name=big.jpg", headers=headers,
                               data=b"\xff\xd8" + bytes(26 * 1024 * 1024), content_type="application/octet-stream")
        assert response.status_code == 413 and "larger than" in response.get_json()["error"]
    else:
        response = client.post(url, headers=headers, json=body)
        assert response.status_code in (400, 403, 421), response.data
        assert response.get_json()["error"]
    assert files_under(editor_project) == before


def test_a_save_from_the_editor_itself_writes_and_keeps_a_version(client, editor_project):
    response = client.post("/api/save", headers={"Host": HOST, "Origin": ORIGIN}, json=save_request())
    assert response.status_code == 200, response.data
    text = (editor_project / "content" / "blog" / "hand-written.md").read_text(encoding="utf-8")
    assert text == ARTICLE.replace("Title: Hand written", "Title: Changed")
    assert len(response.get_json()["versions"]) == 1
    # Saved again from the state opened before: the file changed since, so it is refused.
    stale = client.post("/api/save", headers={"Host": HOST, "Origin": ORIGIN}, json=save_request(body="Mine.\n"))
    assert stale.status_code == 409 and stale.get_json()["disk"]["fields"]["title"] == "Changed"
    assert (editor_project / "content" / "blog" / "hand-written.md").read_text(encoding="utf-8") == text


def test_the_localhost_name_is_accepted_and_preview_files_stay_in_their_folder(client):
    client.set_cookie(COOKIE, TOKEN, domain="localhost")
    assert client.get("/", headers={"Host": f"localhost:{PORT}"}).status_code == 200
    for scheme in ("light", "dark", "auto", "other"):
        assert client.get(f"/preview/{scheme}/../../pelicanconf.py", headers={"Host": HOST}).status_code == 404
    assert client.get("/content-images/..%2F..%2Fpelicanconf.py", headers={"Host": HOST}).status_code == 404


def test_invoke_write_makes_the_launcher_in_the_project_folder(project):
    result = subprocess.run([sys.executable, "-m", "invoke", "write", "--make-launcher"], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    made = [p for p in project.iterdir() if p.name.startswith("Therapy Ties editor")]
    assert len(made) == 1 and f"Wrote {made[0].name}" in result.stdout
    assert "-m invoke write" in made[0].read_text(encoding="utf-8")
