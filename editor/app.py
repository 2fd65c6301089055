"""The editor's web app (Flask): its screens and what their buttons ask.

Screens: the articles and pages, one document being written, the images, and
launch and publish. Everything that reads or writes a file goes through
paths.confined; everything that changes something passes guard.Guard.
"""

import datetime
import hashlib
import os
import re
import tempfile
from pathlib import Path

from flask import Flask, abort, jsonify, render_template, request, send_from_directory
from therapy_ties.checks.content_checks import NOT_PUBLISHED
from werkzeug.exceptions import HTTPException

from . import media
from .document import FIELDS, Document
from .guard import Guard
from .history import Recovery, Versions
from .paths import OutsideContent, confined
from .publishing import Publisher
from .site import PreviewSite

HERE = Path(__file__).resolve().parent
MAX_UPLOAD = 25 * 1024 * 1024  # a phone's photograph is 2-12 MB
NEW = "new"  # the recovery copy's name for an article not saved yet
DARK_QUERY = re.compile(r"\(\s*prefers-color-scheme\s*:\s*dark\s*\)")
SCHEMES = {"auto": None, "dark": lambda css: DARK_QUERY.sub("all", css),
           "light": lambda css: DARK_QUERY.sub("not all", css)}


def digest(data):
    return hashlib.sha256(data).hexdigest() if data is not None else None


def write_atomically(path, data):
    """Write a file whole or not at all: a new file beside it, then renamed over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".saving", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class Project:
    """The project folder the editor writes in, and its settings."""

    def __init__(self, root):
        import tasks  # the project's own commands and settings loading

        self.root = Path(root).resolve()
        self.content = self.root / "content"
        self.tasks = tasks
        self.settings = tasks.load_settings(self.root / "pelicanconf.py")

    def article_folders(self):
        return self.settings.get("ARTICLE_PATHS", ["blog"])

    def kind_of(self, relative):
        top = relative.split("/", 1)[0]
        return "article" if top in self.article_folders() else "page"

    def documents(self):
        found = []
        for path in sorted(self.content.rglob("*.md")):
            relative = path.relative_to(self.content).as_posix()
            if any(part.startswith(".") for part in relative.split("/")):
                continue
            fields = Document(path.read_bytes()).fields
            found.append({"path": relative, "kind": self.kind_of(relative), "status": self.status_of(fields),
                          **{name: fields[name] for name in ("title", "date", "tags", "category")}})
        return found

    def status_of(self, fields):
        """draft, hidden, skip (as the build reads Status:), scheduled or published."""
        status = fields["status"].strip().lower()
        if status in NOT_PUBLISHED:
            return status
        try:
            date = datetime.datetime.fromisoformat(fields["date"].strip())
        except ValueError:
            return "published"
        now = self.tasks.site_now(self.settings.get("TIMEZONE")).replace(tzinfo=None)
        return "scheduled" if date.replace(tzinfo=None) > now else "published"

    def choices(self):
        documents = self.documents()
        tags = sorted({t.strip() for d in documents for t in d["tags"].split(",") if t.strip()}, key=str.lower)
        categories = sorted({d["category"] for d in documents if d["category"]}, key=str.lower)
        articles = [{"title": d["title"], "path": d["path"]} for d in documents if d["kind"] == "article"]
        variants = sorted(self.settings.get("CONSULTATION", {}).get("variants", {}))
        return {"tags": tags, "categories": categories, "authors": sorted(self.settings.get("AUTHOR_BIOS", {})),
                "variants": variants, "articles": articles, "default_author": self.settings.get("AUTHOR", "")}


def create_app(root, port, token, preview=True):
    project = Project(root)
    app = Flask(__name__, template_folder=str(HERE / "templates"), static_folder=str(HERE / "static"))
    app.config["MAX_CONTENT_LENGTH"] = MAX_UPLOAD
    Guard(app, token, port)
    site = PreviewSite(project.root, project.content)
    versions, recovery = Versions(project.root, project.content), Recovery(project.root)
    publisher = Publisher(project.root)
    if preview:
        site.start()

    def document_path(relative):
        try:
            return confined(project.content, relative)
        except OutsideContent as problem:
            abort(400, str(problem))

    def payload():
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            abort(400, "expected a JSON object")
        return data

    def posted_document():
        """(the request, its fields, its body, the file's relative path or "" for a new one)."""
        data = payload()
        fields, body = fields_of(data)
        return data, fields, body, data.get("path") or ""

    def fields_of(data):
        fields = data.get("fields") or {}
        if not isinstance(fields, dict) or not isinstance(data.get("body", ""), str):
            abort(400, "fields and body expected")
        # A field the form does not show (tags on a page) is not sent, and stays as it is.
        return {name: str(fields[name]) for name in FIELDS if name in fields}, data.get("body", "")

    # -- screens ----------------------------------------------------------------
    @app.get("/")
    def documents():
        query = request.args.get("q", "").strip()
        listed = project.documents()
        if query:
            listed = [d for d in listed if query.lower() in d["title"].lower()]
        for d in listed:
            d["findings"] = len(site.findings.get(d["path"], []))
        return render_template("documents.html", documents=listed, query=query, ready=site.ready.is_set())

    @app.get("/edit")
    def edit():
        relative = request.args.get("path", "")
        kind = "page" if request.args.get("kind") == "page" else "article"
        if relative:
            path = document_path(relative)
            if not path.exists():
                abort(404, f"{relative} does not exist")
            kind = project.kind_of(relative)
        return render_template("edit.html", path=relative, kind=kind, choices=project.choices())

    @app.get("/images")
    def images():
        return render_template("images.html", images=media.listing(project.content))

    @app.get("/publish")
    def publish_screen():
        from scripts import launch_check

        settings = project.tasks.load_settings(project.root / "publishconf.py")
        items = launch_check.missing(settings, project.content)
        target = settings.get("PUBLISH_TARGET", "")
        return render_template("publish.html", items=items, target=target, errors=site.errors(),
                               status=publisher.status(), ready=not any(i.required for i in items))

    @app.get("/preview/<scheme>/<path:name>")
    @app.get("/preview/<scheme>/", defaults={"name": "index.html"})
    def preview_page(scheme, name):
        """The preview's files; under /preview/light/ and /preview/dark/ the
        site's style sheets take that scheme whatever the computer's (a frame
        follows the computer's own), under /preview/auto/ as they are."""
        if scheme not in SCHEMES:
            abort(404)
        if name.endswith("/"):
            name += "index.html"
        response = send_from_directory(site.output, name)
        if scheme != "auto" and name.endswith(".css"):
            response.direct_passthrough = False
            response.set_data(SCHEMES[scheme](response.get_data(as_text=True)))
        return response

    @app.get("/content-images/<name>")
    def content_image(name):
        return send_from_directory(project.content / "images", name)

    # -- a document -------------------------------------------------------------
    @app.get("/api/document")
    def open_document():
        relative = request.args.get("path", "")
        if not relative:  # a new article
            fields = {name: "" for name in FIELDS}
            fields.update(author=project.settings.get("AUTHOR", ""), status="draft",
                          date=project.tasks.date_now(project.settings))
            return jsonify(path="", fields=fields, body="", base=None, versions=[], published=False,
                           recovery=recovery.get(NEW))
        path = document_path(relative)
        raw = path.read_bytes()
        document = Document(raw)
        site.saved(relative)
        kept = recovery.get(relative)
        if kept and kept.get("fields") == document.fields and kept.get("body") == document.body:
            kept = None
        return jsonify(path=relative, fields=document.fields, body=document.body, base=digest(raw),
                       versions=versions.list(relative), recovery=kept,
                       published=project.status_of(document.fields) == "published")

    @app.get("/api/version")
    def version():
        relative = request.args.get("path", "")
        document_path(relative)
        raw = versions.text(relative, request.args.get("id", ""))
        if raw is None:
            abort(404, "no such version")
        document = Document(raw)
        return jsonify(fields=document.fields, body=document.body)

    def moves_a_published_page(before, fields):
        """The Slug changed on a file published with one: its address would move."""
        return (project.status_of(before) == "published" and before["slug"]
                and fields.get("slug", before["slug"]) != before["slug"])

    def no_address(fields):
        """What a new article lacks for an address (the end of a sentence)."""
        if not fields.get("title", "").strip():
            return "it has a title."
        return ("its title has a Latin letter or a digit for its address, or it has a Slug "
                "(the address: Latin letters, digits and hyphens, such as first-steps).")

    def new_place(data, fields):
        """Where a new article or page goes: the relative path its Slug (given,
        or the title's) names, the Slug set in `fields`; None without one."""
        fields["slug"] = fields.get("slug") or project.tasks.slug_of(fields.get("title", ""))
        if not fields["slug"]:
            return None
        folder = project.article_folders()[0] if data.get("kind") != "page" else project.settings["PAGE_PATHS"][0]
        relative = f"{folder}/{fields['slug']}.md"
        document_path(relative)
        return relative

    def as_saved(relative, fields, body):
        """The bytes Save would write to the file `relative` for the form's state."""
        path = document_path(relative)
        return Document(path.read_bytes() if path.exists() else None).compose(fields, body)

    @app.post("/api/preview")
    def preview_document():
        data, fields, body, relative = posted_document()
        if relative:
            data_bytes = as_saved(relative, fields, body)
        else:  # not saved yet: previewed where it will be saved
            relative = new_place(data, fields)
            if relative is None:
                return jsonify(url=None, findings=[], failure=f"The preview appears once {no_address(fields)}",
                               body_starts=1, slug="")
            data_bytes = Document().compose(fields, body)
            if data.get("previewed") and data["previewed"] != relative:
                site.forget(data["previewed"])  # its title changed since
        address, findings = site.render(relative, data_bytes)
        return jsonify(url=address, findings=findings, previewed=relative, failure=site.failure,
                       body_starts=len(Document(data_bytes).header_lines) + 1, slug=fields.get("slug", ""))

    @app.post("/api/recover")
    def keep_recovery():
        data, fields, body, relative = posted_document()
        if relative:
            document_path(relative)
        recovery.keep(relative or NEW, {"fields": fields, "body": body})
        return jsonify(kept=True)

    @app.post("/api/save")
    def save():
        data, fields, body, relative = posted_document()
        if not fields.get("title", "").strip():
            return jsonify(error="Give it a title before saving it."), 400
        if relative:
            path = document_path(relative)
            raw = path.read_bytes() if path.exists() else None
            before = Document(raw)
            if digest(raw) != data.get("base") and not data.get("overwrite"):
                return jsonify(conflict=True, disk=None if raw is None else
                               {"fields": before.fields, "body": before.body, "base": digest(raw)}), 409
            if raw is not None and moves_a_published_page(before.fields, fields):
                return jsonify(error="The address (Slug) of a published article stays as it is: "
                                     "links to it would break."), 400
            new = before.compose(fields, body)
        else:
            relative = new_place(data, fields)
            if relative is None:
                return jsonify(error=f"Not saved: it can be saved once {no_address(fields)}"), 400
            path = document_path(relative)
            if path.exists():
                return jsonify(error=f"{relative} exists already: choose another title or Slug."), 409
            raw, new = None, Document().compose(fields, body)
        problem = None
        if new != raw:
            write_atomically(path, new)
            problem = versions.keep(relative, fields["title"])
        recovery.drop(relative)
        if not data.get("path"):
            recovery.drop(NEW)
        site.saved(relative)
        return jsonify(path=relative, base=digest(new), versions=versions.list(relative), problem=problem,
                       published=project.status_of(Document(new).fields) == "published")

    # -- images -------------------------------------------------------------------
    @app.post("/api/images")
    def add_image():
        name = request.args.get("name", "")
        try:
            stored = media.add(project.content / "images", name, request.get_data(cache=False),
                               project.settings.get("IMAGES", {}).get("max_pixels", 40_000_000))
        except media.Refused as refused:
            return jsonify(error=str(refused)), 400
        return jsonify(name=stored, src=f"{{static}}/images/{stored}")

    @app.get("/favicon.ico")
    def favicon():
        return "", 204

    @app.errorhandler(HTTPException)
    def refused(error):
        """Every refusal in words (JSON for the page's script), never a traceback."""
        return jsonify(error=error.description), error.code

    @app.errorhandler(Exception)
    def failed(error):
        """Anything unforeseen: words for the author (her text stays in the
        editor and its recovery copy), the traceback for whoever helps her."""
        app.logger.exception("the editor failed on %s %s", request.method, request.path)
        return jsonify(error=f"Something went wrong ({error.__class__.__name__}: {error}). Your text is still "
                             "here and in its recovery copy; the editor's window shows the details."), 500

    @app.errorhandler(413)
    def too_large(_error):
        return jsonify(error=f"This file is larger than {MAX_UPLOAD // (1024 * 1024)} MB. Fix: save the "
                             "photograph again at a smaller size (2000 pixels wide is plenty)."), 413

    @app.post("/api/import")
    def import_word():
        """A Word or Google Docs document (.docx) made a draft, as `invoke import` makes it."""
        from scripts import word_import

        name = Path(request.args.get("name", "")).name
        if not name.lower().endswith(".docx"):  # said with the name she chose, not a scratch folder's
            return jsonify(error=word_import.not_a_docx(name or "This file")), 400
        with tempfile.TemporaryDirectory(prefix="therapy-ties-import-") as scratch:
            docx = Path(scratch) / name
            docx.write_bytes(request.get_data(cache=False))
            try:
                imported = project.tasks.draft_from_word(docx, project.content, project.settings)
            except word_import.ImportRefused as reason:
                return jsonify(error=str(reason)), 400
        relative = imported.draft.relative_to(project.content).as_posix()
        versions.keep(relative, Document(imported.draft.read_bytes()).fields["title"])
        todo = [f"Line {line}: {what}" if line else what for line, what in imported.todo]
        return jsonify(path=relative, todo=todo, pictures=[p.name for p in imported.pictures])

    # -- publishing -------------------------------------------------------------
    @app.get("/api/publish")
    def publish_status():
        return jsonify(publisher.status())

    @app.post("/api/publish")
    def publish():
        kind = payload().get("kind")
        if kind not in ("preview", "publish"):
            abort(400, "kind: preview or publish")
        if site.errors():
            return jsonify(error="Fix the errors the checks list first."), 409
        if not publisher.start(kind):
            return jsonify(error="A publish is running already."), 409
        return jsonify(publisher.status())

    return app
