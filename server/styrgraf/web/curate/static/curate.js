// The curation page: the document with the candidates highlighted, the list of
// candidates with accept / reject / edit, additions from a selection, coverage,
// metadata and SHACL findings. Every action is one POST that the server logs first.
"use strict";
const KEY = document.body.dataset.key, TOKEN = document.body.dataset.token, LANG = document.body.dataset.lang;
let state = null, selected = 0, findings = {};

// Every term by its label in the page's language (the server sends them with the state)
function say_(key, values) {
  return Object.entries(values || {}).reduce((text, [k, v]) => text.replaceAll(`{${k}}`, v), state.words[key]);
}
const labelOf = (list, name) => (state[list].find(t => t.name === name) || {label: name}).label;

// Every change carries the version of the state it was made on; changes from one tab go
// one at a time, each on the state the one before it left. A tab that missed a change in
// another tab gets 409 with the current state: it shows that state and says so.
let queue = Promise.resolve();

class FieldError extends Error {
  constructor(message, field) { super(message); this.field = field; }
}

function api(path, body) {
  if (body === undefined) return request(path);
  const run = () => request(path, {...body, version: state.version});
  const result = queue.then(run, run);
  queue = result.catch(() => {});
  return result;
}

async function request(path, body) {
  const response = await fetch(`/api/${KEY}/${path}?token=${encodeURIComponent(TOKEN)}&lang=${LANG}`,
    body === undefined ? {} : {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
  let data;
  try { data = await response.json(); } catch (e) { data = {error: response.statusText}; }
  if (response.status === 409 && data.state) {
    state = data.state; document.getElementById("meta-form").dataset.ready = "";
    render();
    say(say_("conflict"));
    throw new Error(data.error);
  }
  if (!response.ok) {
    if (data.field !== undefined) throw new FieldError(data.error, data.field);
    say(data.error || response.statusText);
    throw new Error(data.error);
  }
  say("");
  return data;
}

function say(message) {
  const box = document.getElementById("message");
  box.textContent = message; box.hidden = !message;
}

function showFieldError(form, error) {
  const known = form.querySelector(`.field-error[data-for="${error.field}"]`);
  const spot = known || form.querySelector('.field-error[data-for=""]');
  spot.textContent = error.message;
  const input = form.elements[error.field];
  if (input && input.setAttribute) { input.setAttribute("aria-invalid", "true"); input.focus(); }
}

function clearFieldErrors(form) {
  form.querySelectorAll(".field-error").forEach(e => { e.textContent = ""; });
  form.querySelectorAll("[aria-invalid]").forEach(e => e.removeAttribute("aria-invalid"));
}

async function change(path, body) {
  // a change outside a form: a field error is said at the top of the page
  try { state = await api(path, body); render(); }
  catch (error) { if (error instanceof FieldError) say(error.message); }
}

function visible() {
  const f = document.getElementById("filter").value;
  return state.items.filter(i => f === "all" || i.status === f);
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => k.startsWith("on") ? node.addEventListener(k.slice(2), v) : node.setAttribute(k, v));
  children.forEach(c => node.append(c));
  return node;
}

function render() {
  const items = visible();
  selected = Math.min(selected, Math.max(items.length - 1, 0));
  const done = state.items.filter(i => i.status !== "proposed").length;
  document.getElementById("progress").textContent = say_("progress", {done, count: state.items.length, decisions: state.decisions});
  const stale = document.getElementById("stale");
  stale.hidden = !state.staleCount;
  stale.textContent = state.staleCount ? say_("stale", {count: state.staleCount}) : "";
  const list = document.getElementById("items");
  list.replaceChildren(...items.map((item, n) => el("li", {class: `${item.status}${n === selected ? " selected" : ""}`,
      "data-id": item.id, onclick: () => { selected = n; render(); }},
    el("span", {class: "rel"}, `${shownLabel(item.subject)} — ${labelOf("predicates", item.predicate)} → ${shownLabel(item.object)}`), " ",
    el("small", {class: "facts", title: say_("rule", {rule: item.rule})}, facts(item)),
    el("div", {class: "q", lang: "sv"}, `“${item.quote}”`),
    ...(findings[item.id] || []).map(f => el("div", {class: "finding"}, `${say_(f.severity)}: ${f.message}`)),
    el("div", {},
      el("button", {class: "accept", onclick: e => { e.stopPropagation(); decide(item, "accepted"); }}, say_("accept")),
      el("button", {class: "reject", onclick: e => { e.stopPropagation(); decide(item, "rejected"); }}, say_("reject")),
      el("button", {class: "edit", onclick: e => { e.stopPropagation(); edit(item); }}, say_("edit"))))));
  renderText(items[selected]);
  renderMeta();
}

function facts(item) {
  // status, modality, condition, scope, legal basis and the machine's confidence, in words
  const parts = [say_(item.status), labelOf("modalities", item.modality || "obligation")];
  if (item.condition) parts.push(say_("condition_is", {condition: item.condition}));
  if (item.scope) parts.push(say_("scope_is", {scope: item.scope}));
  if (item.legalBasis) parts.push(provisionLabel(item.legalBasis));
  if (item.rule !== "curator") parts.push(say_("confidence", {score: Number(item.score).toFixed(2)}));
  return parts.join(" · ");
}

function renderText(current) {
  const text = state.text, covered = state.items.map(i => [i.start, i.end]);
  const notes = new Set(state.notes.map(n => n.start));
  const box = document.getElementById("text");
  box.replaceChildren(...state.blocks.map(b => {
    const p = el("p", {"data-start": b.start, "data-end": b.end});
    const hit = covered.some(([s, e]) => s < b.end && b.start < e);
    if (!hit) p.classList.add("uncovered");
    if (notes.has(b.start)) p.classList.add("noted");
    fill(p, text.slice(b.start, b.end), b.start, current);
    if (!hit && b.kind !== "heading") {
      p.append(el("button", {class: "note-btn", contenteditable: "false", onclick: () => note(b, notes.has(b.start))},
        say_(notes.has(b.start) ? "no_fact_undo" : "no_fact")));
    }
    return p;
  }));
  const mark = box.querySelector("mark.current");
  if (mark) mark.scrollIntoView({block: "nearest"});
}

function fill(p, body, offset, current) {
  // the block's text, the current candidate's quote marked, its cue and the words of
  // its subject and object coloured; text nodes keep the stored text exactly
  if (!current || current.end <= offset || current.start >= offset + body.length) { p.append(body); return; }
  const a = Math.max(current.start - offset, 0), b = Math.min(current.end - offset, body.length);
  p.append(body.slice(0, a));
  const mark = el("mark", {class: "current"});
  const quote = body.slice(a, b);
  const stems = [current.subject.label, current.object.label].map(l => l.split(/\s+/).pop().slice(0, 6).toLowerCase());
  const cue = current.cue ? [current.cue[0] - offset - a, current.cue[1] - offset - a] : null;
  let i = 0;
  quote.split(/(\s+)/).forEach(word => {
    const lower = word.toLowerCase(), start = i;
    i += word.length;
    let cls = null;
    if (cue && start >= cue[0] && start < cue[1]) cls = "cue";
    else if (stems[0].length > 2 && lower.includes(stems[0])) cls = "subj";
    else if (stems[1].length > 2 && lower.includes(stems[1])) cls = "obj";
    mark.append(cls ? el("span", {class: cls}, word) : word);
  });
  p.append(mark, body.slice(b));
}

const DATES = ["issued", "created", "validFrom", "validUntil", "lastReviewed"];

function metaInput(field) {
  const value = state.metadata[field] || "";
  const select = el("select", {name: field});
  if (field === "documentType") {
    // only the vocabulary's types; a type ingest read that the vocabulary lacks is shown as unknown
    options(select, [{value: "", text: say_("unknown")}, ...state.documentTypes.map(t => ({value: t.name, text: t.label}))], value);
    return select;
  }
  if (field === "status") {
    options(select, [{value: "", text: say_("unknown")}, {value: "decided", text: say_("decided")},
                     {value: "proposal", text: say_("proposal")}], value);
    return select;
  }
  if (field === "decidedBy") {
    const bodies = state.nodes.filter(n => n.class !== "Responsibility")
      .map(n => ({value: n.iri, text: `${nodeLabel(n)} (${labelOf("classes", n.class)})`}));
    options(select, [{value: "", text: say_("not_stated")}, ...bodies], (value && value.iri) || "");
    return select;
  }
  return el("input", {name: field, value, ...(DATES.includes(field) ? {type: "date"} : {})});
}

const nodeLabel = n => (LANG === "en" && n.labelEn) || n.label;
// a candidate's node by its name in the page's language (the draft's nodes carry the English one)
const shownLabel = node => nodeLabel(state.nodes.find(n => n.iri === node.iri) || node);

function renderMeta() {
  const form = document.getElementById("meta-form");
  if (form.dataset.ready) return;
  form.dataset.ready = "1";
  form.replaceChildren(...state.fields.map(([f, label]) => el("label", {}, `${label} `, metaInput(f), " ",
      el("span", {class: "field-error", "data-for": f}))),
    el("p", {class: "field-error", "data-for": ""}),
    el("button", {type: "button", id: "meta-save", onclick: saveMeta}, say_("save_metadata")));
}

async function saveMeta() {
  const form = document.getElementById("meta-form"), fields = {};
  new FormData(form).forEach((v, k) => { fields[k] = v; });
  clearFieldErrors(form);
  try { state = await api("metadata", {fields}); render(); }
  catch (error) { if (error instanceof FieldError) showFieldError(form, error); }
}

function decide(item, status) {
  return change("decide", {id: item.id, status, edit: {}});
}

function note(block, remove) {
  // marking asks for the reason in Swedish and English (prefilled); unmarking asks nothing
  if (remove) return change("note", {start: block.start, end: block.end, remove});
  const dialog = document.getElementById("noter"), form = document.getElementById("note-form");
  form.reason.value = say_("note_default"); form.reasonEn.value = say_("note_default_en");
  clearFieldErrors(form);
  noting = async () => {
    try { state = await api("note", {start: block.start, end: block.end, reason: form.reason.value,
                                     reasonEn: form.reasonEn.value}); }
    catch (error) { if (error instanceof FieldError) { showFieldError(form, error); return; } }
    dialog.close(); render();
  };
  dialog.showModal();
}
let noting = null;
document.getElementById("note-form").addEventListener("submit", e => {
  if (e.submitter && e.submitter.value === "ok") { e.preventDefault(); if (noting) noting(); }
});

function options(select, values, chosen) {
  // values: [{value, text}]
  select.replaceChildren(...values.map(v => { const o = el("option", {value: v.value}, v.text);
    if (v.value === chosen) o.selected = true; return o; }));
}

function provisionLabel(iri) {
  const known = state.provisions.find(p => p.iri === iri);
  if (known) return known.label;
  const place = /#k_(\d+)-p_(\d+)$/.exec(iri);
  return place ? say_("provision_place", {chapter: place[1], section: place[2]}) : iri;
}

function provisionChoices(current) {
  // the Kommunallagen provisions the vocabulary describes, by chapter; the proposed one kept
  const choices = [{value: "", text: say_("none")}, ...state.provisions.map(p => ({value: p.iri, text: p.label}))];
  if (current && !state.provisions.some(p => p.iri === current)) {
    choices.push({value: current, text: say_("proposed_provision", {label: provisionLabel(current)})});
  }
  return choices;
}

function showProvisionText() {
  // the gist of the chosen section, so the curator sees what the law says before choosing it
  const form = document.getElementById("edit-form");
  const known = state.provisions.find(p => p.iri === form.legalBasis.value);
  document.getElementById("provision-text").textContent = known ? known.text : "";
}

function edit(item, onOk) {
  const form = document.getElementById("edit-form"), dialog = document.getElementById("editor");
  const nodes = state.nodes.map(n => ({value: n.iri, text: `${nodeLabel(n)} (${labelOf("classes", n.class)})`}));
  clearFieldErrors(form);
  options(form.subject, nodes, item.subject.iri);
  options(form.object, nodes, item.object.iri);
  options(form.predicate, state.predicates.map(p => ({value: p.name, text: p.label})), item.predicate);
  options(form.newClass, state.classes.map(c => ({value: c.name, text: c.label})), "Responsibility");
  options(form.modality, state.modalities.map(m => ({value: m.name, text: m.label})), item.modality || "obligation");
  options(form.legalBasis, provisionChoices(item.legalBasis), item.legalBasis || "");
  showProvisionText();
  form.newLabel.value = ""; form.newLabelEn.value = "";
  form.quote.value = item.quote;
  form.condition.value = item.condition || ""; form.scope.value = item.scope || "";
  verbatim();
  editing = async () => {
    const node = iri => { const n = state.nodes.find(x => x.iri === iri);
                          return {iri: n.iri, label: n.label, labelEn: n.labelEn || "", class: n.class}; };
    const made = {label: form.newLabel.value.trim(), labelEn: form.newLabelEn.value.trim(), class: form.newClass.value};
    const changes = {subject: node(form.subject.value), predicate: form.predicate.value,
      object: made.label ? made : node(form.object.value),
      quote: form.quote.value, start: item.start, modality: form.modality.value, condition: form.condition.value || null,
      scope: form.scope.value || null, legalBasis: form.legalBasis.value || null};
    clearFieldErrors(form);
    try {
      state = onOk ? await api("add", changes) : await api("decide", {id: item.id, status: "accepted", edit: changes});
    } catch (error) {
      if (error instanceof FieldError) { showFieldError(form, error); return; }
      dialog.close(); return;
    }
    dialog.close();
    render();
  };
  dialog.showModal();
}
let editing = null;
document.getElementById("edit-ok").addEventListener("click", () => editing && editing());

function verbatim() {
  const form = document.getElementById("edit-form"), out = document.getElementById("verbatim");
  const quote = form.quote.value.trim(), ok = quote.length > 0 && state.text.includes(quote);
  out.textContent = say_(ok ? "verbatim_ok" : "verbatim_bad");
  out.className = ok ? "ok" : "bad";
  document.getElementById("edit-ok").disabled = !ok;
}

function selectionSpan() {
  const selection = window.getSelection();
  if (!selection.rangeCount || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0), box = document.getElementById("text");
  const offset = (node, at) => {
    const p = (node.nodeType === 1 ? node : node.parentElement).closest("p[data-start]");
    if (!p || !box.contains(p)) return null;
    const before = document.createRange();
    before.setStart(p, 0); before.setEnd(node, at);
    return Number(p.dataset.start) + before.toString().length;
  };
  const start = offset(range.startContainer, range.startOffset), end = offset(range.endContainer, range.endOffset);
  return start === null || end === null || end <= start ? null : {start, end};
}

function addFromSelection() {
  const span = selectionSpan();
  if (!span) { say(say_("select_first")); return; }
  const passage = state.text.slice(span.start, span.end);
  const first = state.nodes[0];
  const draftItem = {id: "new", subject: first, object: first, predicate: state.predicates[0].name, quote: passage.trim(),
                     start: span.start, end: span.end, modality: "obligation"};
  edit(draftItem, true);
}

document.addEventListener("keydown", e => {
  if (document.getElementById("editor").open || ["INPUT", "TEXTAREA", "SELECT"].includes(e.target.tagName)) return;
  const items = visible(), item = items[selected];
  if (e.key === "j") { selected = Math.min(selected + 1, items.length - 1); render(); }
  else if (e.key === "k") { selected = Math.max(selected - 1, 0); render(); }
  else if (e.key === "a" && item) decide(item, "accepted");
  else if (e.key === "r" && item) decide(item, "rejected");
  else if (e.key === "e" && item) edit(item);
  else if (e.key === "u") change("undo", {});
});

document.getElementById("edit-form").quote.addEventListener("input", verbatim);
document.getElementById("edit-form").legalBasis.addEventListener("change", showProvisionText);
document.getElementById("swap").addEventListener("click", () => {
  const form = document.getElementById("edit-form"), s = form.subject.value;
  form.subject.value = form.object.value; form.object.value = s;
});
document.getElementById("undo").addEventListener("click", () => change("undo", {}));
document.getElementById("filter").addEventListener("change", () => { selected = 0; render(); });
document.getElementById("add-selection").addEventListener("click", addFromSelection);
for (const [id, status] of [["accept-visible", "accepted"], ["reject-visible", "rejected"]]) {
  document.getElementById(id).addEventListener("click", () => change("batch", {ids: visible().map(i => i.id), status}));
}
async function validateAnd(path) {
  let result;
  try { result = await api(path, {}); } catch (error) { if (error instanceof FieldError) say(error.message); return; }
  findings = {};
  const byAssertion = {};
  result.findings.forEach(f => { const id = (f.focus || "").split("-").pop(); (byAssertion[id] = byAssertion[id] || []).push(f); });
  state.items.forEach(i => { if (byAssertion[i.id]) findings[i.id] = byAssertion[i.id]; });
  const box = document.getElementById("findings");
  box.replaceChildren(el("h2", {}, path === "save" ? say_("saved", {path: result.path}) : say_("checked")),
    el("p", {id: "conforms"}, say_(result.conforms ? "conforms" : "violations")),
    ...result.findings.map(f => el("div", {class: f.severity}, `${say_(f.severity)}: ${f.message}` +
                                                                (f.focusLabel ? ` (${f.focusLabel})` : ""))));
  render();
}
document.getElementById("check").addEventListener("click", () => validateAnd("check"));
document.getElementById("save").addEventListener("click", () => validateAnd("save"));

api("state").then(s => { state = s; render(); document.body.dataset.ready = "true"; });
