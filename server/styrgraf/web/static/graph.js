/* The organisation graph: Cytoscape.js with a hierarchical (preset), force (cose) and
   layered (dagre) layout, toggles per relation kind, search, details with evidence,
   and the analyses drawn on the picture. Everything is served from this server. */
(function () {
  "use strict";
  const container = document.getElementById("cy");
  const i18n = JSON.parse(document.getElementById("i18n").textContent);
  const COLOURS = {
    reportsTo: "#1f4e9c", managerOf: "#0b7a75", appoints: "#8e44ad", delegatesTo: "#c0392b",
    communicatesWith: "#7f8c8d", supervises: "#d35400", assists: "#27ae60", advises: "#2ecc71",
    preparesMattersFor: "#2980b9", executesDecisionsOf: "#16a085", attends: "#95a5a6",
    hasRightToSpeakIn: "#b3b6b7", presentsMattersAt: "#5d6d7e", consults: "#e67e22", informs: "#f1c40f",
    proposesTo: "#9b59b6", memberOf: "#34495e", hasEmployerResponsibilityFor: "#a04000",
    terminatesEmploymentOf: "#641e16", signsEmploymentContractOf: "#6c3483"
  };
  const SHAPES = {
    Assembly: "round-rectangle", ExecutiveBoard: "round-rectangle", Committee: "round-rectangle",
    CrisisCommittee: "round-rectangle", WorkingCommittee: "round-rectangle", Organ: "round-rectangle",
    AdministrativeUnit: "rectangle", MunicipalCompany: "hexagon", FederationOfMunicipalities: "hexagon",
    ExternalParty: "diamond"
  };
  const FILLS = {
    Assembly: "#1f3a68", ExecutiveBoard: "#2c5aa0", Committee: "#4a7bc8", CrisisCommittee: "#b03a2e",
    WorkingCommittee: "#7da3dc", Organ: "#4a7bc8", Director: "#0b7a75", Chair: "#6c3483",
    HeadOfAdministration: "#148f77", Manager: "#45b39d", Employee: "#a2d9ce", ElectedRepresentative: "#8e44ad",
    OppositionLeader: "#a569bd", CompanyCEO: "#117864", AdministrativeUnit: "#d4ac0d",
    MunicipalCompany: "#ca6f1e", FederationOfMunicipalities: "#ca6f1e", ExternalParty: "#bdc3c7", Post: "#76d7c4"
  };
  let cy = null;
  let data = null;

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function evidenceList(evidence) {
    const list = el("ul", {class: "evidence"});
    evidence.forEach(e => {
      const item = el("li");
      const link = el("a", {href: pageUrl(e.document) + "#" + anchorId(e.assertion), class: "quote"}, "“" + e.quote + "”");
      item.appendChild(link);
      if (e.condition) item.appendChild(el("span", {class: "meta"}, " " + i18n.condition + ": " + e.condition));
      if (e.scope) item.appendChild(el("span", {class: "meta"}, " " + i18n.scope + ": " + e.scope));
      list.appendChild(item);
    });
    return list;
  }

  function pageUrl(iri) {
    const id = "https://w3id.org/styrgraf/id/";
    return iri.startsWith(id) ? "/id/" + iri.slice(id.length) : "/resource?iri=" + encodeURIComponent(iri);
  }
  function anchorId(assertion) {
    return "q-" + assertion.split("/").pop().replace(/[^A-Za-z0-9_-]/g, "-");
  }

  function showNode(node) {
    const panel = document.getElementById("details");
    panel.innerHTML = "";
    panel.appendChild(el("h3", {}, node.data("label")));
    panel.appendChild(el("p", {class: "meta"}, i18n["class"] + ": " + node.data("cls")));
    const open = el("a", {href: pageUrl(node.id()), id: "node-page"}, node.id().split("/").slice(-2).join(":"));
    panel.appendChild(open);
    const actions = el("p", {class: "buttons"});
    const chain = el("button", {type: "button", id: "show-chain"}, i18n.show_chain);
    chain.onclick = () => showChain(node.id());
    const remove = el("button", {type: "button", id: "what-if"}, i18n.remove);
    remove.onclick = () => whatIf(node.id());
    actions.append(chain, remove);
    panel.appendChild(actions);
    node.connectedEdges(":visible").forEach(edge => {
      const other = edge.source().id() === node.id() ? edge.target() : edge.source();
      const arrow = edge.source().id() === node.id() ? "→ " : "← ";
      panel.appendChild(el("h4", {}, edge.data("kind") + " " + arrow + other.data("label")));
      panel.appendChild(evidenceList(edge.data("evidence")));
    });
  }

  function showEdge(edge) {
    const panel = document.getElementById("details");
    panel.innerHTML = "";
    panel.appendChild(el("h3", {}, edge.source().data("label") + " — " + edge.data("kind") + " → " + edge.target().data("label")));
    panel.appendChild(el("h4", {}, i18n.evidence));
    panel.appendChild(evidenceList(edge.data("evidence")));
  }

  function clearMarks() {
    cy.elements().removeClass("chain faded cut removed match");
  }

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

  function countEdges() {
    document.getElementById("edge-count").textContent = cy.edges(":visible").length;
  }

  function legend() {
    const box = document.getElementById("legend");
    data.kinds.forEach(kind => {
      const label = el("label", {class: "kind"});
      const box_ = el("input", {type: "checkbox", checked: "checked", "data-kind": kind});
      box_.addEventListener("change", () => {
        cy.edges().filter(e => e.data("kind") === kind).style("display", box_.checked ? "element" : "none");
        countEdges();
      });
      const swatch = el("span", {class: "swatch", style: "background:" + (COLOURS[kind] || "#555")});
      label.append(box_, swatch, document.createTextNode(" " + kind + " (" +
        data.edges.filter(e => e.data.kind === kind).length + ")"));
      box.appendChild(label);
    });
  }

  function runLayout(name) {
    const options = {
      hierarchy: {name: "preset", fit: true, padding: 30},
      force: {name: "cose", animate: false, nodeRepulsion: 9000, idealEdgeLength: 120, fit: true, padding: 30},
      dagre: {name: "dagre", rankDir: "TB", nodeSep: 40, rankSep: 90, fit: true, padding: 30}
    }[name];
    if (name === "hierarchy") {
      cy.nodes().forEach(n => { if (n.data("px") !== undefined) n.position({x: n.data("px"), y: n.data("py")}); });
      cy.fit(undefined, 30);
      return;
    }
    cy.layout(options).run();
  }

  function download(name, blob) {
    const a = el("a", {href: URL.createObjectURL(blob), download: name});
    document.body.appendChild(a); a.click(); a.remove();
  }

  function start(payload) {
    data = payload;
    const parents = data.organisations.map(key => ({data: {id: "org:" + key, label: key, isOrg: true}}));
    const nodes = data.nodes.map(n => ({data: Object.assign({}, n.data, {parent: data.organisations.length > 1 ? "org:" + n.data.org : undefined,
      px: n.position.x, py: n.position.y}), position: n.position}));
    cy = cytoscape({
      container: container,
      elements: (data.organisations.length > 1 ? parents : []).concat(nodes, data.edges),
      wheelSensitivity: 0.3,
      style: [
        {selector: "node", style: {
          "label": "data(label)", "text-wrap": "wrap", "text-max-width": "130px", "font-size": "11px",
          "text-valign": "bottom", "text-margin-y": 4, "width": 26, "height": 26, "text-background-color": "#ffffff",
          "text-background-opacity": 0.85, "text-background-padding": "2px", "text-background-shape": "roundrectangle",
          "background-color": n => FILLS[n.data("cls")] || "#888", "shape": n => SHAPES[n.data("cls")] || "ellipse",
          "border-width": 1, "border-color": "#fff"}},
        {selector: "node[?isOrg]", style: {"background-opacity": 0.04, "text-valign": "top", "font-size": "16px",
          "font-weight": "bold", "border-color": "#ccd", "border-width": 1, "shape": "round-rectangle"}},
        {selector: "edge", style: {
          "width": 1.6, "curve-style": "bezier", "target-arrow-shape": "triangle", "arrow-scale": 0.8,
          "line-color": e => COLOURS[e.data("kind")] || "#555", "target-arrow-color": e => COLOURS[e.data("kind")] || "#555",
          "opacity": 0.85}},
        {selector: "edge[kind = 'communicatesWith']", style: {"line-style": "dashed"}},
        {selector: ".faded", style: {"opacity": 0.12}},
        {selector: ".chain", style: {"border-width": 4, "border-color": "#f39c12", "width": 4, "line-color": "#f39c12",
          "target-arrow-color": "#f39c12", "opacity": 1}},
        {selector: ".bypass", style: {"line-color": "#e74c3c", "target-arrow-color": "#e74c3c", "width": 4, "line-style": "solid"}},
        {selector: ".removed", style: {"background-color": "#000", "opacity": 0.5}},
        {selector: ".cut", style: {"opacity": 0.25, "background-color": "#ccc", "line-color": "#ccc"}},
        {selector: ".match", style: {"border-width": 4, "border-color": "#e74c3c"}},
        {selector: ":selected", style: {"border-width": 3, "border-color": "#000"}}
      ],
      layout: {name: "preset", fit: true, padding: 30}
    });
    cy.on("tap", "node", evt => { if (!evt.target.data("isOrg")) showNode(evt.target); });
    cy.on("tap", "edge", evt => showEdge(evt.target));
    legend();
    countEdges();
    document.getElementById("layout").addEventListener("change", e => runLayout(e.target.value));
    document.getElementById("search").addEventListener("input", e => {
      const term = e.target.value.trim().toLowerCase();
      cy.nodes().removeClass("match");
      if (!term) return;
      const found = cy.nodes().filter(n => !n.data("isOrg") && (n.data("label") || "").toLowerCase().includes(term));
      found.addClass("match");
      if (found.length) cy.animate({center: {eles: found[0]}, zoom: 1.2}, {duration: 200});
    });
    document.getElementById("save-png").onclick = () => download("styrgraf.png", cy.png({full: true, scale: 2, bg: "#ffffff", output: "blob"}));
    document.getElementById("save-svg").onclick = () => download("styrgraf.svg", new Blob([cy.svg({full: true, bg: "#ffffff"})], {type: "image/svg+xml"}));
    document.getElementById("clear").onclick = clearMarks;
    const orgs = container.dataset.orgs.split(",").map(o => "org=" + encodeURIComponent(o)).join("&");
    fetch("/api/analysis/compliance?" + orgs).then(r => r.json()).then(result => {
      result.bypasses.forEach(b => cy.edges().filter(e => e.source().id() === b.from && e.target().id() === b.to &&
        e.data("kind") === "communicatesWith").addClass("bypass"));
      document.getElementById("bypass-summary").textContent = i18n.bypasses + ": " + result.bypasses.length;
    });
    window.styrgrafGraph = cy;
    container.dataset.ready = "true";
  }

  fetch(container.dataset.url).then(r => r.json()).then(start);
})();
