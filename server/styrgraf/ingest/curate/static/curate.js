// The curation page: the document with the candidates highlighted, the list of
// candidates with accept / reject / edit, additions from a selection, coverage,
// metadata and SHACL findings. Every action is one POST that the server logs first.
"use strict";
const KEY = document.body.dataset.key, TOKEN = document.body.dataset.token;
let state = null, selected = 0, findings = {};

async function api(path, body) {
  const response = await fetch(`/api/${KEY}/${path}?token=${encodeURIComponent(TOKEN)}`,
    body === undefined ? {} : {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
  const data = await response.json();
  if (!response.ok) { alert(data.error || response.statusText); throw new Error(data.error); }
  return data;
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
  document.getElementById("progress").textContent = `${done}/${state.items.length} beslutade · ${state.decisions} beslut i loggen`;
  const list = document.getElementById("items");
  list.replaceChildren(...items.map((item, n) => el("li", {class: `${item.status}${n === selected ? " selected" : ""}`,
      "data-id": item.id, onclick: () => { selected = n; render(); }},
    el("span", {class: "rel"}, `${item.subject.label} — ${item.predicate} → ${item.object.label}`), " ",
    el("small", {}, `${item.status} · ${item.rule} · ${Number(item.score).toFixed(2)}${item.modality ? " · " + item.modality : ""}${item.condition ? " · villkor: " + item.condition : ""}`),
    el("div", {class: "q"}, `“${item.quote}”`),
    ...(findings[item.id] || []).map(f => el("div", {class: "finding"}, `${f.severity}: ${f.message}`)),
    el("div", {},
      el("button", {class: "accept", onclick: e => { e.stopPropagation(); decide(item, "accepted"); }}, "Godta"),
      el("button", {class: "reject", onclick: e => { e.stopPropagation(); decide(item, "rejected"); }}, "Avvisa"),
      el("button", {class: "edit", onclick: e => { e.stopPropagation(); edit(item); }}, "Redigera")))));
  renderText(items[selected]);
  renderMeta();
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
        notes.has(b.start) ? "ångra: inget styrfaktum" : "inget styrfaktum"));
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

function renderMeta() {
  const form = document.getElementById("meta-form");
  if (form.dataset.ready) return;
  form.dataset.ready = "1";
  const fields = ["title", "documentType", "issued", "created", "decisionReference", "identifier", "validFrom",
                  "validUntil", "lastReviewed", "reviewInterval", "status"];
  form.replaceChildren(...fields.map(f => el("label", {}, `${f} `, el("input", {name: f, value: state.metadata[f] || ""}))),
    el("p", {}, `Beslutad av: ${(state.metadata.decidedBy || {}).label || "(står inte)"}`),
    el("button", {type: "button", id: "meta-save", onclick: saveMeta}, "Spara metadata"));
}

async function saveMeta() {
  const fields = {};
  new FormData(document.getElementById("meta-form")).forEach((v, k) => { fields[k] = v; });
  state = await api("metadata", {fields});
  render();
}

async function decide(item, status, editChanges) {
  state = await api("decide", {id: item.id, status, edit: editChanges || {}});
  render();
}

async function note(block, remove) {
  state = await api("note", {start: block.start, end: block.end, reason: "inget styrfaktum", remove});
  render();
}

function options(select, values, chosen, label) {
  select.replaceChildren(...values.map(v => { const o = el("option", {value: v.iri || v}, label ? label(v) : v);
    if ((v.iri || v) === chosen) o.selected = true; return o; }));
}

function edit(item, onOk) {
  const form = document.getElementById("edit-form"), dialog = document.getElementById("editor");
  const nodeLabel = n => `${n.label} (${n.class})`;
  options(form.subject, state.nodes, item.subject.iri, nodeLabel);
  options(form.object, state.nodes, item.object.iri, nodeLabel);
  options(form.predicate, state.predicates, item.predicate);
  options(form.newClass, state.classes, "Responsibility");
  form.newLabel.value = "";
  form.quote.value = item.quote;
  form.modality.value = item.modality || "obligation";
  form.condition.value = item.condition || ""; form.scope.value = item.scope || ""; form.legalBasis.value = item.legalBasis || "";
  verbatim();
  dialog.returnValue = "";
  dialog.onclose = async () => {
    if (dialog.returnValue !== "ok") return;
    const node = iri => { const n = state.nodes.find(x => x.iri === iri); return {iri: n.iri, label: n.label, class: n.class}; };
    const changes = {subject: node(form.subject.value), predicate: form.predicate.value,
      object: form.newLabel.value.trim() ? {label: form.newLabel.value.trim(), class: form.newClass.value} : node(form.object.value),
      quote: form.quote.value, start: item.start, modality: form.modality.value, condition: form.condition.value || null,
      scope: form.scope.value || null, legalBasis: form.legalBasis.value || null};
    if (onOk) return onOk(changes);
    await decide(item, "accepted", changes);
  };
  dialog.showModal();
}

function verbatim() {
  const form = document.getElementById("edit-form"), out = document.getElementById("verbatim");
  const quote = form.quote.value.trim(), ok = quote.length > 0 && state.text.includes(quote);
  out.textContent = ok ? "✓ ordagrant i texten" : "✗ finns inte ordagrant i texten";
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
  if (!span) { alert("Markera först ett stycke i dokumentet."); return; }
  const passage = state.text.slice(span.start, span.end);
  const first = state.nodes[0];
  const draftItem = {id: "new", subject: first, object: first, predicate: state.predicates[0], quote: passage.trim(),
                     start: span.start, end: span.end, modality: "obligation"};
  edit(draftItem, async changes => { state = await api("add", changes); render(); });
}

document.addEventListener("keydown", e => {
  if (document.getElementById("editor").open || ["INPUT", "TEXTAREA", "SELECT"].includes(e.target.tagName)) return;
  const items = visible(), item = items[selected];
  if (e.key === "j") { selected = Math.min(selected + 1, items.length - 1); render(); }
  else if (e.key === "k") { selected = Math.max(selected - 1, 0); render(); }
  else if (e.key === "a" && item) decide(item, "accepted");
  else if (e.key === "r" && item) decide(item, "rejected");
  else if (e.key === "e" && item) edit(item);
  else if (e.key === "u") api("undo", {}).then(s => { state = s; render(); });
});

document.getElementById("edit-form").quote.addEventListener("input", verbatim);
document.getElementById("swap").addEventListener("click", () => {
  const form = document.getElementById("edit-form"), s = form.subject.value;
  form.subject.value = form.object.value; form.object.value = s;
});
document.getElementById("undo").addEventListener("click", async () => { state = await api("undo", {}); render(); });
document.getElementById("filter").addEventListener("change", () => { selected = 0; render(); });
document.getElementById("add-selection").addEventListener("click", addFromSelection);
for (const [id, status] of [["accept-visible", "accepted"], ["reject-visible", "rejected"]]) {
  document.getElementById(id).addEventListener("click", async () => {
    state = await api("batch", {ids: visible().map(i => i.id), status}); render();
  });
}
async function validateAnd(path) {
  const result = await api(path, {});
  findings = {};
  const byAssertion = {};
  result.findings.forEach(f => { const id = (f.focus || "").split("-").pop(); (byAssertion[id] = byAssertion[id] || []).push(f); });
  state.items.forEach(i => { if (byAssertion[i.id]) findings[i.id] = byAssertion[i.id]; });
  const box = document.getElementById("findings");
  box.replaceChildren(el("h2", {}, path === "save" ? `Sparat: ${result.path}` : "Kontroll före sparande"),
    el("p", {id: "conforms"}, result.conforms ? "Inga överträdelser." : "Överträdelser finns."),
    ...result.findings.map(f => el("div", {class: f.severity}, `${f.severity}: ${f.message} (${f.focus})`)));
  render();
}
document.getElementById("check").addEventListener("click", () => validateAnd("check"));
document.getElementById("save").addEventListener("click", () => validateAnd("save"));

api("state").then(s => { state = s; render(); document.body.dataset.ready = "true"; });
