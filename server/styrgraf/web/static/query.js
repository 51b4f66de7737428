/* The query page: YASGUI (editor, tabs, result views) running queries on /query/run,
   the project's prefixes known to the editor and added as they are used, the saved
   queries beside it with their parameters (sent by name, bound as RDF terms on the
   server), and a permalink that keeps the saved query and its parameters. */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("query-state").textContent);
  const library = JSON.parse(document.getElementById("query-library").textContent);
  const PREFIXES = config.prefixes;
  const words = config.words;
  const picker = document.getElementById("saved");
  const tabSaved = {};  // tab id -> saved query name

  Yasgui.Yasqe.forkAutocompleter("prefixes", {name: "styrgrafPrefixes", persistenceId: null,
    get: () => Promise.resolve(Object.entries(PREFIXES).map(([p, ns]) => p + ": <" + ns + ">").sort())});
  // Only these two: YASQE merges a tab's list into its defaults index by index, which kept
  // the class and property completers (they ask lov.linkeddata.es, which the page's
  // Content-Security-Policy refuses) and this one twice (every prefix added twice).
  Yasgui.Yasqe.defaults.autocompleters = ["styrgrafPrefixes", "variables"];

  const normalised = text => text.replace(/\r\n?/g, "\n").split("\n").map(l => l.replace(/\s+$/, "")).join("\n").trim();

  function currentTab() { return yasgui.getTab(); }
  function activeSaved() { const tab = currentTab(); return tab ? tabSaved[tab.getId()] || "" : ""; }
  function parameterValues(name) {
    const form = document.getElementById("saved-" + name);
    return form ? Array.from(form.querySelectorAll("input[name]")).map(i => [i.name, i.value.trim()]) : [];
  }

  function requestArgs() {
    const name = activeSaved();
    if (!name) return [];
    return [["saved", name]].concat(parameterValues(name).filter(([, v]) => v)).map(([n, v]) => ({name: n, value: v}));
  }

  function link(extra) {
    const params = new URLSearchParams();
    const name = activeSaved();
    const text = currentTab() ? currentTab().getYasqe().getValue() : "";
    if (!name || normalised(text) !== normalised(library[name].text)) params.append("query", text);
    requestArgs().forEach(a => params.append(a.name, a.value));
    Object.entries(extra || {}).forEach(([k, v]) => params.append(k, v));
    return params;
  }

  // The tab's request carries the saved query's name and parameters (YASGUI wants a list).
  function syncArgs() {
    const tab = currentTab();
    if (tab) tab.setRequestConfig({args: requestArgs()});
  }

  function refreshLinks() {
    syncArgs();
    document.getElementById("permalink").href = "/query?" + link().toString();
    document.getElementById("download-csv").href = "/query/run?" + link({format: "csv"}).toString();
    document.getElementById("download-json").href = "/query/run?" + link({format: "json"}).toString();
  }

  // Prefixes used in the text but not declared: add the project's (typed or pasted).
  function addKnownPrefixes(yasqe) {
    const declared = yasqe.getPrefixesFromQuery();
    const body = yasqe.getValue().replace(/<[^<>\s]*>|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|#[^\n]*/g, " ");
    const missing = {};
    for (const match of body.matchAll(/(?:^|[\s(){},;/|^!])([A-Za-z][\w-]*):(?=[A-Za-z_\d])/g)) {
      const prefix = match[1];
      if (!(prefix in declared) && PREFIXES[prefix] && !/^\s*PREFIX\s*$/i.test(body.slice(0, match.index).split("\n").pop()))
        missing[prefix] = PREFIXES[prefix];
    }
    if (Object.keys(missing).length) yasqe.addPrefixes(missing);
  }

  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: {endpoint: location.origin + "/query/run", method: "POST", args: [],
      acceptHeaderSelect: "application/sparql-results+json,application/json;q=0.5",
      acceptHeaderGraph: "text/turtle,application/json;q=0.5"},
    copyEndpointOnNewTab: true, tabName: words.query_tab, populateFromUrl: false, autofocus: false,
    persistenceId: "styrgraf-yasgui",
    endpointCatalogueOptions: {getData: () => []},
    yasqe: {value: config.example, autocompleters: ["styrgrafPrefixes", "variables"],
      createShareableLink: () => location.origin + "/query?" + link().toString(), consumeShareLink: null,
      resizeable: true, editorHeight: "320px"},
    yasr: {prefixes: PREFIXES, defaultPlugin: "table", pluginOrder: ["table", "response"],
      plugins: {table: {dynamicConfig: {tableConfig: {language: tableLanguage()}}}}}
  });
  window.styrgrafYasgui = yasgui;

  // The server's error (JSON) in the page's language, what a user types set as code.
  async function serverError(error) {
    let body;
    try { body = JSON.parse(error.text).error; } catch (e) { return undefined; }
    if (!body || !body.message) return undefined;
    const swedish = config.lang === "sv" && body.message_sv;
    const box = document.createElement("div");
    box.className = "query-server-error";
    const head = document.createElement("strong");
    head.textContent = words.error + " (" + body.status + ")";
    const text = document.createElement("p");
    text.className = "error";
    text.lang = swedish ? "sv" : "en";
    (swedish ? body.message_sv : body.message).split(/`([^`]+)`/).forEach((part, i) => {
      const node = i % 2 ? document.createElement("code") : document.createTextNode(part);
      if (i % 2) node.textContent = part;
      text.appendChild(node);
    });
    box.append(head, text);
    return box;
  }

  function tableLanguage() {
    if (config.lang !== "sv") return {};
    return {info: "Rad _START_–_END_ av _TOTAL_", infoEmpty: "Inga rader", infoFiltered: "(av _MAX_)",
      emptyTable: "Inga rader", zeroRecords: "Inga träffar", lengthMenu: "_MENU_ rader per sida",
      paginate: {first: "Första", last: "Sista", next: "Nästa", previous: "Föregående"}, search: ""};
  }

  function wireTab(tab) {
    const yasqe = tab.getYasqe();
    if (yasqe.__styrgraf) return;
    yasqe.__styrgraf = true;
    let timer = null;
    yasqe.on("change", () => { clearTimeout(timer); timer = setTimeout(() => { addKnownPrefixes(yasqe); refreshLinks(); }, 250); });
    yasqe.on("queryBefore", () => addKnownPrefixes(yasqe));
    tab.getYasr().on("drawn", () => { localLinks(tab); localise(); });
    // each tab's Yasr gets YASGUI's own renderers; the server's message is drawn by ours
    const renderers = tab.getYasr().config.errorRenderers;
    tab.getYasr().config.errorRenderers = (renderers || []).concat([serverError]);
  }

  // Result IRIs of this graph open its explorer pages, not the (unresolvable) w3id.org.
  function localLinks(tab) {
    tab.getYasr().resultsEl.querySelectorAll("a[href^='https://w3id.org/styrgraf/']").forEach(a => {
      const iri = a.getAttribute("href");
      a.href = iri.startsWith("https://w3id.org/styrgraf/id/") ? "/id/" + iri.slice(29)
        : iri.startsWith("https://w3id.org/styrgraf/def#") ? "/def/" + iri.slice(30) : "/resource?iri=" + encodeURIComponent(iri);
      a.removeAttribute("target");
    });
  }

  // YASGUI speaks English: its few visible words in the page's language.
  function localise() {
    const names = Object.assign({Table: words.table, Response: words.response}, config.lang === "sv" ?
      {"Simple view": "Enkel vy", "Ellipse": "Förkorta", "Page size:": "Rader per sida:", "All": "Alla"} : {});
    const walker = document.createTreeWalker(document.getElementById("yasgui"), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.trim();
      const count = /^(\d+) results?(?: in ([\d.]+) seconds?)?$/.exec(text);
      const showing = /^Showing (\d+) to (\d+) of (\d+) entr(?:y|ies)/.exec(text);
      const took = /^Response in ([\d.]+) seconds?$/.exec(text);
      if (names[text]) node.textContent = names[text];
      else if (took && config.lang === "sv") node.textContent = "Svar på " + took[1].replace(".", ",") + " s";
      else if (showing && config.lang === "sv") node.textContent = "Rad " + showing[1] + "–" + showing[2] + " av " + showing[3];
      else if (count) node.textContent = count[1] + " " + (count[1] === "1" ? words.rows_one : words.rows) +
        (count[2] ? " (" + (config.lang === "sv" ? count[2].replace(".", ",") : count[2]) + " s)" : "");
    }
    document.querySelectorAll(".yasr input[placeholder]").forEach(i => { i.placeholder = words.filter; });
  }

  function showSaved(name) {
    document.querySelectorAll("form.saved-query").forEach(f => { f.hidden = f.dataset.name !== name; });
    picker.value = name || "";
  }

  function openSaved(name, text) {
    const title = library[name].title;
    const found = Object.values(yasgui._tabs).find(t => tabSaved[t.getId()] === name);
    const tab = found ? yasgui.selectTabId(found.getId()) : yasgui.addTab(true, {name: title});
    tabSaved[tab.getId()] = name;
    wireTab(tab);
    tab.getYasqe().setValue(text === undefined ? library[name].text : text);
    showSaved(name);
    refreshLinks();
    return tab;
  }

  document.querySelectorAll("form.saved-query input").forEach(input => input.addEventListener("input", refreshLinks));
  picker.addEventListener("change", () => { if (picker.value) openSaved(picker.value); else showSaved(""); });
  document.querySelectorAll("form.saved-query").forEach(form => form.addEventListener("submit", event => {
    event.preventDefault();
    const tab = currentTab();
    if (tabSaved[tab.getId()] !== form.dataset.name) openSaved(form.dataset.name);
    refreshLinks();
    currentTab().getYasqe().query().catch(() => {});
  }));
  yasgui.on("tabSelect", (instance, id) => setTimeout(() => { showSaved(tabSaved[id] || ""); refreshLinks(); }, 0));
  // a new tab is selected without a tabSelect event: its (empty) saved-query panel too
  yasgui.on("tabAdd", () => setTimeout(() => { wireTab(currentTab()); localise(); showSaved(activeSaved()); refreshLinks(); }, 0));
  yasgui.on("queryResponse", (instance, tab) => {
    const error = document.getElementById("query-error");
    if (error) error.remove();
    refreshLinks();
  });

  // A permalink or a link from elsewhere: open it, with the server's answer already in.
  const state = config.state;
  let tab = currentTab();
  if (state.text !== null) {
    tab = state.saved ? openSaved(state.saved, state.text) : yasgui.addTab(true, {name: words.query_tab});
    tabSaved[tab.getId()] = state.saved || undefined;
    tab.getYasqe().setValue(state.text);
    if (state.response) tab.getYasr().setResponse(state.response);
  }
  wireTab(tab);
  localise();
  // The first visit opens on the example, answered.
  if (state.text === null && normalised(tab.getYasqe().getValue()) === normalised(config.example))
    tab.getYasqe().query().catch(() => {});
  showSaved(state.saved || tabSaved[tab.getId()] || "");
  refreshLinks();
  document.getElementById("yasgui").dataset.ready = "true";
})();
