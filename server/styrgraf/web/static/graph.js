/* The organisation graph: Cytoscape.js with a layered layout (ELK, the assembly on top),
   a force layout (fcose) and rows by level; one box per organisation, captioned with its
   name; legends for node types and relation kinds in the page's language; search,
   details with evidence, and the analyses drawn on the picture. All files are local. */
(function () {
  "use strict";
  const S = window.styrgrafStyle;
  const container = document.getElementById("cy");
  const i18n = JSON.parse(document.getElementById("i18n").textContent);
  const label = name => i18n.labels[name] || name;
  let cy = null;
  let data = null;
  const EDGES_PER_TASK = 500;

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Every page URL comes from the server (links.py): a node's data.url, an assertion's url
  function evidenceList(evidence) {
    const list = el("ul", {class: "evidence"});
    evidence.forEach(e => {
      const item = el("li");
      item.appendChild(el("span", {class: "modal modal-" + e.modality_name, title: i18n.modality + ": " + e.modality_label},
        e.modal));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("a", {href: e.url, class: "quote", lang: "sv"}, "“" + e.quote + "”"));
      // hedges, alternatives, condition and scope are the source's or the curator's words in Swedish, marked as such
      const words = [...e.qualifiers.map(q => ["qualifier", q]), ...e.alternatives.map(a => ["alternative", a]),
                     ["condition", e.condition], ["scope", e.scope]];
      words.forEach(([name, value]) => {
        if (!value) return;
        const meta = el("span", {class: "meta " + name}, " " + i18n[name] + ": ");
        meta.appendChild(el("span", {lang: "sv"}, value));
        item.appendChild(meta);
      });
      e.hearsay.forEach(h => {
        const meta = el("span", {class: "meta hearsay"}, " " + i18n.according_to + " ");
        meta.appendChild(el("a", {href: h.url}, h.label));
        item.appendChild(meta);
      });
      e.legal_basis.forEach(p => {
        const meta = el("span", {class: "meta legal-basis"}, " " + i18n.legal_basis + ": ");
        meta.appendChild(el("a", {href: p.url}, p.label));
        if (p.text) meta.appendChild(el("q", {class: "law"}, p.text));
        item.appendChild(meta);
      });
      list.appendChild(item);
    });
    return list;
  }

  // A county's graph comes without evidence: one organisation's is fetched on a click.
  const fetched = {};
  function withEvidence(edges, show) {
    const missing = [...new Set(edges.filter(e => !e.data("evidence")).map(e => e.source().data("org")))];
    if (!missing.length) return show();
    Promise.all(missing.map(org => fetched[org] || (fetched[org] = fetch("/api/graph?org=" + encodeURIComponent(org) +
      "&lang=" + i18n.lang).then(r => r.json()).then(one => one.edges.forEach(e => {
        const edge = cy.getElementById(e.data.id);
        if (edge.length) edge.data("evidence", e.data.evidence);
      }))))).then(show);
  }

  function showNode(node) {
    withEvidence(node.connectedEdges(":visible"), () => drawNode(node));
  }

  // The details panel opens beside the picture when something is chosen, and closes again
  function openPanel() {
    const panel = document.getElementById("details"), layout = panel.parentElement;
    panel.innerHTML = "";
    const close = el("button", {type: "button", class: "close", "aria-label": i18n.close, title: i18n.close}, "×");
    close.onclick = closePanel;
    panel.appendChild(close);
    if (panel.hidden) {
      panel.hidden = false;
      layout.classList.add("with-details");
      cy.resize();
    }
    return panel;
  }

  function closePanel() {
    const panel = document.getElementById("details");
    panel.hidden = true;
    panel.parentElement.classList.remove("with-details");
    cy.resize();
  }

  function drawNode(node) {
    const panel = openPanel();
    panel.appendChild(el("h3", {}, node.data("label")));
    panel.appendChild(el("p", {class: "meta"}, i18n["class"] + ": " + label(node.data("cls"))));
    panel.appendChild(el("a", {href: node.data("url"), id: "node-page"}, i18n.open_page));
    const actions = el("p", {class: "buttons"});
    const chain = el("button", {type: "button", id: "show-chain"}, i18n.show_chain);
    chain.onclick = () => showChain(node.id());
    const remove = el("button", {type: "button", id: "what-if"}, i18n.remove);
    remove.onclick = () => whatIf(node.id());
    actions.append(chain, remove);
    panel.appendChild(actions);
    node.connectedEdges(":visible").forEach(edge => {
      const out = edge.source().id() === node.id();
      const other = out ? edge.target() : edge.source();
      panel.appendChild(el("h4", {}, label(edge.data("kind")) + (out ? " → " : " ← ") + other.data("label")));
      panel.appendChild(evidenceList(edge.data("evidence")));
    });
  }

  function showEdge(edge) {
    withEvidence(edge, () => drawEdge(edge));
  }

  function drawEdge(edge) {
    const panel = openPanel();
    panel.appendChild(el("h3", {}, edge.source().data("label") + " — " + label(edge.data("kind")) + " → " +
      edge.target().data("label")));
    panel.appendChild(el("h4", {}, i18n.evidence));
    panel.appendChild(evidenceList(edge.data("evidence")));
  }

  const clearMarks = () => cy.elements().removeClass("chain faded cut removed match");

  function showChain(id) {
    fetch("/api/analysis/chain?node=" + encodeURIComponent(id)).then(r => r.json()).then(result => {
      clearMarks();
      cy.elements().addClass("faded");
      result.paths.forEach(path => path.forEach(step => cy.getElementById(step.node).removeClass("faded").addClass("chain")));
      result.steps.forEach(step => {
        cy.edges().filter(e => (e.source().id() === step.from && e.target().id() === step.to && e.data("kind") === "reportsTo") ||
          (e.source().id() === step.to && e.target().id() === step.from && e.data("kind") === "managerOf"))
          .removeClass("faded").addClass("chain");
      });
      cy.getElementById(id).removeClass("faded").addClass("chain");
      cy.nodes("[?isOrg]").removeClass("faded");
    });
  }

  function whatIf(id) {
    fetch("/api/analysis/whatif?node=" + encodeURIComponent(id)).then(r => r.json()).then(result => {
      clearMarks();
      cy.getElementById(id).addClass("removed");
      cy.getElementById(id).connectedEdges().addClass("cut");
      result.loses_principal_or_top.forEach(r => cy.getElementById(r.node).addClass("cut"));
    });
  }

  // Counted from the data and the hidden kinds: the ":visible" selector computes every
  // edge's style (seconds for a county).
  const hidden = new Set();
  const countEdges = () => {
    document.getElementById("edge-count").textContent = data.edges.filter(e => !hidden.has(e.data.kind)).length;
  };

  function showKind(kind, visible) {
    if (visible) hidden.delete(kind); else hidden.add(kind);
    cy.edges().filter(e => e.data("kind") === kind).style("display", visible ? "element" : "none");
    document.querySelectorAll("input[data-kind='" + kind + "']").forEach(box => { box.checked = visible; });
    if (kind === "communicatesWith") document.getElementById("toggle-channels").checked = visible;
    countEdges();
  }

  function legends() {
    const box = document.getElementById("legend");
    data.kinds.forEach(kind => {
      const row = el("label", {class: "kind"});
      const check = el("input", {type: "checkbox", checked: "checked", "data-kind": kind});
      check.addEventListener("change", () => showKind(kind, check.checked));
      const swatch = el("span", {class: "swatch" + (kind === "communicatesWith" ? " dashed" : ""),
        style: "border-color:" + S.colour(kind)});
      const head = el("span", {class: "legend-arrow", style: "color:" + S.colour(kind), "aria-hidden": "true"},
        ARROW_GLYPHS[S.arrow(kind)] || "▶");
      const count = data.edges.filter(e => e.data.kind === kind).length;
      row.append(check, swatch, head, el("span", {}, label(kind) + " (" + count + ")"));
      box.appendChild(row);
    });
    const classes = el("div");
    [...new Set(data.nodes.map(n => n.data.cls))].sort((a, b) => level(a) - level(b)).forEach(cls => {
      const row = el("div", {class: "node-class", "data-cls": cls});
      row.append(el("span", {class: "shape shape-" + S.shape(cls), style: "background:" + S.fill(cls)}),
        el("span", {}, label(cls)));
      classes.appendChild(row);
    });
    document.getElementById("class-legend").appendChild(classes);
    const channels = document.getElementById("toggle-channels");
    channels.addEventListener("change", () => showKind("communicatesWith", channels.checked));
  }
  const ARROW_GLYPHS = {triangle: "▶", vee: "›", tee: "⊣", circle: "●", diamond: "◆", square: "■"};
  const level = cls => (data.nodes.find(n => n.data.cls === cls) || {data: {level: 9}}).data.level;

  function download(name, blob) {
    const a = el("a", {href: URL.createObjectURL(blob), download: name});
    document.body.appendChild(a); a.click(); a.remove();
  }

  // A county (more than a few organisations) is drawn in steps, each its own task: the
  // boxes and nodes at the server's positions (the first picture), then the relations,
  // then one organisation's layout at a time; the page answers between them.
  function start(payload) {
    data = payload;
    const several = data.organisations.length > 1;
    const first = window.styrgrafLayouts.initial(data.organisations.length);
    const stepwise = first === "rows";
    const parents = data.organisations.map(key => ({data: {id: "org:" + key, label: i18n.names[key] || key, isOrg: true}}));
    const nodes = data.nodes.map(n => ({data: Object.assign({}, n.data, {parent: several ? "org:" + n.data.org : undefined,
      px: n.position.x, py: n.position.y}), position: Object.assign({}, n.position)}));
    cy = cytoscape({container: container, elements: (several ? parents : []).concat(nodes, stepwise ? [] : data.edges),
      style: S.stylesheet(stepwise), layout: {name: "preset", fit: false}});
    const drawn = new Promise(resolve => cy.one("render", () => {
      container.dataset.firstDraw = String(Math.round(performance.now()));
      resolve();
    }));
    cy.on("tap", "node", evt => { if (!evt.target.data("isOrg")) showNode(evt.target); });
    cy.on("tap", "edge", evt => showEdge(evt.target));
    legends();
    countEdges();
    wireControls();
    window.styrgrafGraph = cy;
    document.getElementById("layout").value = first;
    let related = Promise.resolve();
    if (stepwise) {  // the relations a few hundred at a time
      related = drawn;
      for (let i = 0; i < data.edges.length; i += EDGES_PER_TASK) {
        const part = data.edges.slice(i, i + EDGES_PER_TASK);
        related = related.then(() => new Promise(resolve => setTimeout(resolve, 0))).then(() => { cy.add(part); });
      }
    }
    related.then(() => window.styrgrafLayouts.run(cy, first)).then(() => { container.dataset.ready = "true"; });
    const orgs = container.dataset.orgs.split(",").map(o => "org=" + encodeURIComponent(o)).join("&");
    Promise.all([related, fetch("/api/analysis/compliance?" + orgs).then(r => r.json())]).then(([, result]) => {
      result.bypasses.forEach(b => cy.getElementById(b.from + "|communicatesWith|" + b.to).addClass("bypass"));
      document.getElementById("bypass-summary").textContent = i18n.bypasses + ": " + result.bypasses.length;
    });
  }

  function wireControls() {
    document.getElementById("layout").addEventListener("change", e => {
      container.dataset.ready = "false";
      window.styrgrafLayouts.run(cy, e.target.value).then(() => { container.dataset.ready = "true"; });
    });
    document.getElementById("search").addEventListener("input", e => {
      const term = e.target.value.trim().toLowerCase();
      cy.nodes().removeClass("match");
      if (!term) return;
      const found = cy.nodes().filter(n => !n.data("isOrg") && (n.data("label") || "").toLowerCase().includes(term));
      found.addClass("match");
      if (found.length) cy.animate({center: {eles: found[0]}, zoom: Math.max(cy.zoom(), 1.2)}, {duration: 200});
    });
    document.getElementById("save-png").onclick = () => download("styrgraf.png", cy.png({full: true, scale: 2, bg: "#ffffff", output: "blob"}));
    document.getElementById("save-svg").onclick = () => download("styrgraf.svg", new Blob([cy.svg({full: true, bg: "#ffffff"})], {type: "image/svg+xml"}));
    document.getElementById("clear").onclick = clearMarks;
    document.getElementById("fit").onclick = () => cy.fit(cy.elements(), 30);
  }

  fetch(container.dataset.url).then(r => r.json()).then(start);
})();
