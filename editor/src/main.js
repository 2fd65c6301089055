// The editor's page: CodeMirror 6 for the body, the form's fields, the real
// page previewed beside it, the checks' findings on their lines, saving with
// versions and a recovery copy, images with their alt text, and publishing.
// Bundled by scripts/build_editor_bundle.py into editor/static/editor.js.

import { EditorView, basicSetup } from "codemirror";
import { keymap } from "@codemirror/view";
import { indentWithTab } from "@codemirror/commands";
import { EditorSelection } from "@codemirror/state";
import { markdown } from "@codemirror/lang-markdown";
import { setDiagnostics } from "@codemirror/lint";

const PREVIEW_PAUSE = 400; // ms after the last keystroke
const RECOVERY_PAUSE = 3000;
const $ = (selector) => document.querySelector(selector);

async function call(method, url, body, headers = {}) {
  const response = await fetch(url, {
    method,
    headers: body instanceof Blob || body instanceof File ? headers : { "Content-Type": "application/json", ...headers },
    body: body === undefined ? undefined : body instanceof Blob ? body : JSON.stringify(body),
    credentials: "same-origin",
  });
  const text = await response.text();
  let data;
  try { data = JSON.parse(text); } catch { data = { error: text.replace(/<[^>]+>/g, " ").trim() }; }
  return { ok: response.ok, status: response.status, data };
}

// -- the form's fields: what the file says, what the form shows ----------------
const shown = {
  date: (value) => { const day = value.trim().replace(" ", "T"); return /^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00` : day.slice(0, 16); },
  status: (value) => value.toLowerCase() || "published",
};
const written = { date: (value) => value.replace("T", " ") };
const same = (value) => value;

// A field the author did not touch sends back the file's own text, whatever
// the form made of it (a date's format, a status's case): saving changes
// only what she changed.
class Fields {
  constructor(form) {
    this.inputs = [...form.querySelectorAll(".fields [name]")];
    this.original = {};
    this.baseline = {};
  }
  load(fields) {
    this.original = { ...fields };
    for (const input of this.inputs) {
      const value = (shown[input.name] || same)(fields[input.name] ?? "");
      if (input.tagName === "SELECT" && ![...input.options].some((option) => option.value === value)) {
        input.add(new Option(value, value)); // a value the file has and the list did not offer
      }
      input.value = value;
      this.baseline[input.name] = input.value; // as the browser shows it
    }
  }
  values() {
    const values = {};
    for (const input of this.inputs) {
      const untouched = input.value === this.baseline[input.name];
      values[input.name] = untouched ? this.original[input.name] ?? "" : (written[input.name] || same)(input.value);
    }
    return values;
  }
}

// -- Markdown commands for the toolbar and the shortcuts ------------------------
function wrap(view, mark) {
  view.dispatch(view.state.changeByRange((range) => {
    const text = view.state.sliceDoc(range.from, range.to) || "text";
    const insert = mark + text + mark;
    return { changes: { from: range.from, to: range.to, insert },
             range: EditorSelection.range(range.from + mark.length, range.from + mark.length + text.length) };
  }));
  view.focus();
  return true;
}

function prefixLines(view, prefix) {
  const changes = [];
  const seen = new Set();
  let number = 1;
  for (const range of view.state.selection.ranges) {
    for (let pos = range.from; pos <= range.to;) {
      const line = view.state.doc.lineAt(pos);
      if (!seen.has(line.number)) {
        seen.add(line.number);
        changes.push({ from: line.from, insert: typeof prefix === "function" ? prefix(number++) : prefix });
      }
      pos = line.to + 1;
    }
  }
  view.dispatch({ changes });
  view.focus();
  return true;
}

function insertBlock(view, text) {
  const { from } = view.state.selection.main;
  const line = view.state.doc.lineAt(from);
  const before = line.text.trim() ? "\n\n" : "";
  const at = line.text.trim() ? line.to : line.from;
  const insert = `${before}${text}\n\n`;
  view.dispatch({ changes: { from: at, insert }, selection: { anchor: at + insert.length } });
  view.focus();
}

// -- the editing screen ------------------------------------------------------
function startEditing(form) {
  const choices = JSON.parse($("#choices").textContent);
  const fields = new Fields(form);
  let path = form.dataset.path;
  const kind = form.dataset.kind;
  let base = null;
  let savedState = null;
  let previewTimer = null;
  let recoveryTimer = null;
  let previewNumber = 0;
  let previewed = null; // where a new article was last previewed (its title changes it)
  let pageAddress = null; // the page's address in the preview site

  let view = null; // made once the document is loaded: nothing typed before is lost

  // A new article's Slug, until the author writes one, is the server's: the project's own rule (tasks.slug_of).
  const slugIsOurs = () => !path && !$("#slug").dataset.edited;
  const state = () => {
    const values = fields.values();
    if (slugIsOurs()) values.slug = "";
    return { path, kind, fields: values, body: view.state.doc.toString() };
  };
  const snapshot = () => JSON.stringify({ fields: fields.values(), body: view.state.doc.toString() });
  const status = (text) => { $("#save-status").textContent = text; };
  const message = (text) => { const box = $("#message"); box.textContent = text || ""; box.hidden = !text; };

  function load(document, keepBase = false) {
    fields.load(document.fields);
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: document.body } });
    if (!keepBase) savedState = snapshot();
    $("#slug").readOnly = Boolean(document.published);
    status(snapshot() === savedState ? "" : "Not saved yet");
  }

  function changed() {
    status(snapshot() === savedState ? "" : "Not saved yet");
    clearTimeout(previewTimer);
    previewTimer = setTimeout(preview, PREVIEW_PAUSE);
    clearTimeout(recoveryTimer);
    recoveryTimer = setTimeout(keepRecovery, RECOVERY_PAUSE);
  }

  form.addEventListener("input", (event) => {
    if (event.target.id === "slug") $("#slug").dataset.edited = "yes";
    changed();
  });

  async function keepRecovery() {
    if (snapshot() !== savedState) await call("POST", "/api/recover", state());
  }

  async function preview() {
    const number = ++previewNumber;
    const { ok, data } = await call("POST", "/api/preview", { ...state(), previewed });
    if (number !== previewNumber) return; // a newer one is on its way
    if (!ok) { $("#preview-status").textContent = data.error || "The preview could not be made."; return; }
    bodyStart = data.body_starts;
    if (!path) previewed = data.previewed;
    if (slugIsOurs()) $("#slug").value = data.slug;
    showFindings(data.findings);
    $("#preview-status").textContent = data.failure || "The page as readers will see it.";
    if (data.url !== null) { pageAddress = data.url; showPage(number); }
  }

  function showFindings(findings) {
    const list = $("#findings");
    list.replaceChildren();
    const diagnostics = [];
    for (const f of findings) {
      const item = document.createElement("li");
      item.className = f.severity;
      // Lines as the text's own numbers show them; a line above the text is one of the fields.
      const line = bodyLine(f.line);
      const where = line ? `Line ${line.number}: ` : f.line ? "In the fields: " : "";
      const words = document.createElement("span");
      words.textContent = `${f.severity === "error" ? "Error" : f.severity === "warning" ? "Warning" : "Note"}. ${where}${f.message}${f.alt != null ? ` (alt “${f.alt}”)` : ""}. Fix: ${f.hint}.`;
      item.append(words);
      if (line) {
        const go = document.createElement("button");
        go.type = "button";
        go.textContent = `Go to line ${line.number}`;
        go.addEventListener("click", () => { view.dispatch({ selection: { anchor: line.from }, scrollIntoView: true }); view.focus(); });
        item.append(" ", go);
        diagnostics.push({ from: line.from, to: line.to, severity: f.severity === "note" ? "info" : f.severity, message: `${f.message}. Fix: ${f.hint}` });
      }
      list.append(item);
    }
    if (!findings.length) list.innerHTML = "<li>None.</li>";
    view.dispatch(setDiagnostics(view.state, diagnostics));
  }

  // A finding's line counts the file's lines; the body starts after the header.
  let bodyStart = 1;
  function bodyLine(fileLine) {
    const number = fileLine ? fileLine - bodyStart + 1 : 0;
    return number >= 1 && number <= view.state.doc.lines ? view.state.doc.line(number) : null;
  }

  async function save(overwrite = false) {
    message("");
    const { ok, status: code, data } = await call("POST", "/api/save", { ...state(), base, overwrite });
    if (code === 409 && data.conflict) return conflict(data.disk);
    if (!ok) { message(data.error || "Not saved."); return; }
    base = data.base;
    if (!path) {
      path = data.path;
      form.dataset.path = path;
      history.replaceState(null, "", `/edit?path=${encodeURIComponent(path)}`);
      $("#document-heading").textContent = "Edit";
    }
    savedState = snapshot();
    $("#slug").readOnly = Boolean(data.published);
    status(data.problem ? `Saved, but ${data.problem}` : "Saved");
    showVersions(data.versions);
  }
  form.addEventListener("submit", (event) => { event.preventDefault(); save(); });
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === "s") { event.preventDefault(); save(); }
  });

  function conflict(disk) {
    const dialog = $("#conflict-dialog");
    $("#conflict-disk").value = disk ? disk.body : "(the file was deleted)";
    $("#conflict-mine").value = view.state.doc.toString();
    dialog.returnValue = "";
    dialog.showModal();
    dialog.addEventListener("close", () => {
      if (dialog.returnValue === "mine") save(true);
      if (dialog.returnValue === "disk" && disk) { base = disk.base; load(disk); preview(); }
    }, { once: true });
  }

  function showVersions(versions) {
    const list = $("#versions");
    list.replaceChildren();
    for (const v of versions) {
      const item = document.createElement("li");
      const restore = document.createElement("button");
      restore.type = "button";
      restore.textContent = "Restore this version";
      restore.setAttribute("aria-label", `Restore this version, saved ${v.when}`);
      restore.addEventListener("click", async () => {
        const { ok, data } = await call("GET", `/api/version?path=${encodeURIComponent(path)}&id=${encodeURIComponent(v.id)}`);
        if (!ok) { message(data.error); return; }
        load(data, true);
        status(`The version of ${v.when} is back in the editor: Save keeps it as the newest version.`);
        preview();
      });
      item.append(`Saved ${v.when} `, restore);
      list.append(item);
    }
    if (!versions.length) list.innerHTML = "<li>None saved yet.</li>";
  }

  // -- toolbar -------------------------------------------------------------
  const commands = {
    heading: () => prefixLines(view, "## "),
    bold: () => wrap(view, "**"),
    italic: () => wrap(view, "*"),
    link: () => openLink(),
    bullets: () => prefixLines(view, "- "),
    numbers: () => prefixLines(view, (n) => `${n}. `),
    quote: () => prefixLines(view, "> "),
    image: () => $("#image-file").click(),
    consultation: () => insertBlock(view, "[consultation]"),
  };
  for (const button of form.querySelectorAll("[data-command]")) {
    button.addEventListener("click", () => commands[button.dataset.command]());
  }

  function openLink() {
    const dialog = $("#link-dialog");
    dialog.returnValue = "";
    dialog.showModal();
    dialog.addEventListener("close", () => {
      if (dialog.returnValue !== "insert") return view.focus();
      const article = $("#link-article").value;
      const address = article ? `{filename}/${article}` : $("#link-url").value.trim();
      if (!address) return view.focus();
      view.dispatch(view.state.changeByRange((range) => {
        const text = view.state.sliceDoc(range.from, range.to) || "link text";
        const insert = `[${text}](${address})`;
        return { changes: { from: range.from, to: range.to, insert },
                 range: EditorSelection.range(range.from + 1, range.from + 1 + text.length) };
      }));
      view.focus();
    }, { once: true });
  }

  // -- images ----------------------------------------------------------------
  let chosen = null;
  $("#image-file").addEventListener("change", (event) => { if (event.target.files[0]) chooseImage(event.target.files[0]); event.target.value = ""; });
  function chooseImage(file) {
    chosen = file;
    $("#image-name").textContent = `The picture: ${file.name}`;
    $("#alt").value = ""; $("#caption").value = ""; $("#decorative").checked = false; $("#image-problem").textContent = "";
    $("#image-dialog").showModal();
  }
  $("#image-form").addEventListener("submit", async (event) => {
    if (event.submitter?.value !== "insert") { chosen = null; return; }
    event.preventDefault();
    const alt = $("#alt").value.trim().replace(/\s+/g, " ");
    const decorative = $("#decorative").checked;
    if (!alt && !decorative) { $("#image-problem").textContent = "Describe the picture in the Alt text, or mark it decorative."; $("#alt").focus(); return; }
    $("#image-problem").textContent = "Adding …";
    const { ok, data } = await call("POST", `/api/images?name=${encodeURIComponent(chosen.name)}`, chosen, { "Content-Type": "application/octet-stream" });
    if (!ok) { $("#image-problem").textContent = data.error; return; }
    const caption = $("#caption").value.trim().replace(/"/g, "”");
    const text = decorative ? `![](${data.src})${caption ? ` "${caption}"` : ""}{.decorative}`
      : `![${alt.replace(/[[\]]/g, "")}](${data.src}${caption ? ` "${caption}"` : ""})`;
    $("#image-dialog").close("inserted");
    insertBlock(view, text);
  });

  // -- preview width and colours ------------------------------------------------
  // The scheme is in the address: the server serves the site's style sheets in it.
  function showPage(number = previewNumber) {
    if (pageAddress === null) return;
    const scheme = form.querySelector("input[name=scheme]:checked").value;
    const frame = $("#preview");
    const shown = frame.contentWindow?.location.pathname.replace(/^\/preview\/\w+\//, "");
    const scroll = shown === pageAddress ? frame.contentWindow.scrollY : 0;
    // The same page again: where the author was reading, not its top.
    frame.addEventListener("load", () => frame.contentWindow.scrollTo(0, scroll), { once: true });
    frame.src = `/preview/${scheme}/${pageAddress}?v=${number}`;
  }
  for (const radio of form.querySelectorAll("input[name=width]")) {
    radio.addEventListener("change", () => {
      $("#preview").classList.toggle("phone", form.querySelector("input[name=width]:checked").value === "phone");
    });
  }
  for (const radio of form.querySelectorAll("input[name=scheme]")) radio.addEventListener("change", () => showPage());
  if (matchMedia("(prefers-color-scheme: dark)").matches) form.querySelector("input[name=scheme][value=dark]").checked = true;

  // -- open ------------------------------------------------------------------
  const textarea = $("#body");
  function makeView(doc) {
    view = new EditorView({
    doc,
    extensions: [
      basicSetup,
      // CodeMirror writes its style sheets at run time: the page's policy allows them by this nonce.
      EditorView.cspNonce.of(document.querySelector("meta[name=csp-nonce]").content),
      markdown(),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ "aria-label": "Body", "aria-describedby": "editor-hint", "aria-multiline": "true" }),
      keymap.of([
        { key: "Mod-b", run: (v) => wrap(v, "**") },
        { key: "Mod-i", run: (v) => wrap(v, "*") },
        { key: "Mod-k", run: () => { openLink(); return true; } },
        // Tab indents (nested lists); Escape first, then Tab, moves on (CodeMirror's own escape).
        indentWithTab,
      ]),
      EditorView.updateListener.of((update) => { if (update.docChanged) changed(); }),
      EditorView.domEventHandlers({
        drop(event) {
          const file = event.dataTransfer?.files?.[0];
          if (file && file.type.startsWith("image/")) { event.preventDefault(); chooseImage(file); return true; }
          return false;
        },
      }),
    ],
  });
    textarea.parentElement.replaceChild(view.dom, textarea);
    document.querySelector("label[for=body]").remove();
  }


  (async () => {
    const { ok, data } = await call("GET", `/api/document?path=${encodeURIComponent(path)}`);
    if (!ok) { message(data.error); return; }
    makeView(data.body);
    $("#fields").disabled = false;
    base = data.base;
    load(data);
    showVersions(data.versions);
    const imported = sessionStorage.getItem("imported");
    if (imported) {
      sessionStorage.removeItem("imported");
      const todo = JSON.parse(imported);
      status(todo.length ? `Imported from Word. Still to do: ${todo.join("; ")}` : "Imported from Word.");
    }
    const author = $("#author");
    if (!path && author && !author.value && choices.default_author) author.value = choices.default_author;
    if (data.recovery) {
      $("#recovery-text").textContent = `Work not saved, kept ${data.recovery.saved_at}.`;
      $("#recovery").hidden = false;
      $("#recover").addEventListener("click", () => { load({ ...data.recovery, published: data.published }, true); $("#recovery").hidden = true; preview(); });
      $("#discard-recovery").addEventListener("click", () => { $("#recovery").hidden = true; });
    }
    preview();
  })();
}

// -- the publishing screen -----------------------------------------------------
function startPublishing(section) {
  const poll = async () => {
    const { data } = await call("GET", "/api/publish");
    $("#publish-status").textContent = data.outcome || "";
    $("#publish-log").textContent = data.log || "";
    for (const button of section.querySelectorAll("button.publish")) button.toggleAttribute("aria-disabled", data.running);
    if (data.running) setTimeout(poll, 1000);
  };
  for (const button of section.querySelectorAll("button.publish")) {
    button.addEventListener("click", async () => {
      if (button.getAttribute("aria-disabled")) return;
      const { ok, data } = await call("POST", "/api/publish", { kind: button.dataset.kind });
      if (!ok) { $("#publish-status").textContent = data.error; return; }
      poll();
    });
  }
  if (section.dataset.running === "yes") poll();
}

// -- the list: Import from Word ------------------------------------------------
function startImporting(button) {
  const chooser = $("#import-file");
  button.addEventListener("click", () => chooser.click());
  chooser.addEventListener("change", async () => {
    const file = chooser.files[0];
    chooser.value = "";
    if (!file) return;
    $("#import-problem").textContent = "Importing …";
    const { ok, data } = await call("POST", `/api/import?name=${encodeURIComponent(file.name)}`, file, { "Content-Type": "application/octet-stream" });
    if (!ok) { $("#import-problem").textContent = data.error; return; }
    sessionStorage.setItem("imported", JSON.stringify(data.todo));
    location.href = `/edit?path=${encodeURIComponent(data.path)}`;
  });
}

const importing = $("#import-word");
if (importing) startImporting(importing);
const form = $("#document");
if (form) startEditing(form);
const publishing = $("#publishing");
if (publishing) startPublishing(publishing);
