/* The query page: CodeMirror with SPARQL highlighting, saved-query picker, sortable table. */
(function () {
  "use strict";
  const textarea = document.getElementById("query-text");
  // A very long text (a refused, enormous query) stays in the plain textarea: the editor
  // would spend seconds laying it out.
  const editor = textarea.value.length > 20000 ? {
    getValue: () => textarea.value, setValue: v => { textarea.value = v; }, save: () => {}
  } : CodeMirror.fromTextArea(textarea, {mode: "application/sparql-query", lineNumbers: true, lineWrapping: true});
  window.styrgrafEditor = editor;
  const saved = document.getElementById("saved");
  saved.addEventListener("change", () => {
    if (saved.value) window.location = "/query?saved=" + encodeURIComponent(saved.value);
  });
  document.getElementById("query-form").addEventListener("submit", () => {
    editor.save();
    // A hand-edited query is no longer the saved one: send it alone.
    const form = document.getElementById("query-form");
    const original = form.dataset.original;
    if (saved.value && original !== undefined && original !== editor.getValue()) saved.value = "";
  });
  document.getElementById("query-form").dataset.original = editor.getValue();
  const table = document.getElementById("results");
  if (table) {
    table.querySelectorAll("th").forEach(th => th.addEventListener("click", () => {
      const column = Number(th.dataset.column);
      const ascending = th.dataset.sort !== "asc";
      table.querySelectorAll("th").forEach(h => delete h.dataset.sort);
      th.dataset.sort = ascending ? "asc" : "desc";
      const rows = Array.from(table.tBodies[0].rows);
      rows.sort((a, b) => {
        const x = a.cells[column].textContent, y = b.cells[column].textContent;
        const nx = Number(x), ny = Number(y);
        const cmp = (!isNaN(nx) && !isNaN(ny) && x !== "" && y !== "") ? nx - ny : x.localeCompare(y, "sv");
        return ascending ? cmp : -cmp;
      });
      rows.forEach(r => table.tBodies[0].appendChild(r));
    }));
  }
})();
