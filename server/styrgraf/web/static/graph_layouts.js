/* The graph's layouts, each run per organisation (one per task, so a county of dozens
   never freezes the page) and the organisations then set side by side or in a grid: "elk" (ELK layered, layers taken from the rows by level so the assembly is on
   top, the default), "fcose" (force-directed, the assembly kept above every post) and
   "rows" (the server's rows by level). After any layout, overlapping labels are pushed
   apart, and the view opens with the whole graph fitted to the window. */
(function () {
  "use strict";
  const GAP = 140;
  const MANY = 4;  // more organisations than this open with the rows (instant), not ELK
  const yieldToBrowser = () => new Promise(resolve => setTimeout(resolve, 0));

  function run(eles, options) {
    const layout = eles.layout(options);
    const done = layout.promiseOn("layoutstop");
    layout.run();
    return done;
  }

  function rows(nodes) {
    nodes.forEach(n => n.position({x: n.data("px"), y: n.data("py")}));
    return Promise.resolve();
  }

  function elk(nodes, eles) {
    rows(nodes);  // ELK's interactive layering reads the rows: level 0 (the assembly) on top
    return run(eles, {name: "elk", fit: false, animate: false, nodeDimensionsIncludeLabels: true, elk: {
      "algorithm": "layered", "elk.direction": "DOWN",
      "elk.layered.layering.strategy": "INTERACTIVE",
      "elk.layered.cycleBreaking.strategy": "INTERACTIVE",
      "elk.layered.nodePlacement.strategy": "NETWORK_SIMPLEX",
      "elk.spacing.nodeNode": 26, "elk.layered.spacing.nodeNodeBetweenLayers": 34,
      "elk.layered.spacing.edgeNodeBetweenLayers": 14}});
  }

  function fcose(nodes, eles) {
    const top = nodes.filter(n => n.data("level") === 0);
    const constraints = [];
    top.forEach(a => nodes.forEach(n => {
      if (n.data("level") >= 3) constraints.push({top: a.id(), bottom: n.id(), gap: 120});
    }));
    return run(eles, {name: "fcose", quality: "proof", randomize: true, animate: false, fit: false,
      nodeDimensionsIncludeLabels: true, nodeRepulsion: 16000, idealEdgeLength: 150, edgeElasticity: 0.2,
      nodeSeparation: 140, gravity: 0.15, numIter: 4000, packComponents: false,
      relativePlacementConstraint: constraints.length ? constraints : undefined});
  }

  const LAYOUTS = {rows, elk, fcose};

  // Push apart any two nodes whose boxes (labels included) overlap, along the shorter way.
  function separate(nodes) {
    const list = nodes.toArray();
    for (let round = 0; round < 60; round++) {
      let moved = false;
      for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) {
        const a = list[i].boundingBox({includeLabels: true}), b = list[j].boundingBox({includeLabels: true});
        const dx = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1), dy = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
        if (dx <= -4 || dy <= -4) continue;
        moved = true;
        const [p, q] = [list[i].position(), list[j].position()];
        if (dx + 4 < dy + 4) {
          const s = (dx + 6) / 2 * (p.x <= q.x ? 1 : -1);
          list[i].position({x: p.x - s, y: p.y}); list[j].position({x: q.x + s, y: q.y});
        } else {
          const s = (dy + 6) / 2 * (p.y <= q.y ? 1 : -1);
          list[i].position({x: p.x, y: p.y - s}); list[j].position({x: q.x, y: q.y + s});
        }
      }
      if (!moved) return;
    }
  }

  // Organisations side by side, tops aligned, in the order asked for; more than three
  // (a county: dozens) in a grid of rows, about as wide as it is tall.
  function sideBySide(cy, groups) {
    const columns = groups.length > 3 ? Math.ceil(Math.sqrt(groups.length)) : groups.length;
    let x = 0, y = 0, rowHeight = 0;
    groups.forEach((nodes, index) => {
      if (index > 0 && index % columns === 0) { x = 0; y += rowHeight + GAP; rowHeight = 0; }
      const box = nodes.boundingBox({includeLabels: true});
      nodes.shift({x: x - box.x1, y: y - box.y1});
      x += box.w + GAP;
      rowHeight = Math.max(rowHeight, box.h);
    });
  }

  // The whole graph in the window, however many organisations (a small one not blown up).
  const MAX_OPENING_ZOOM = 1.6;
  function openingView(cy, all) {
    cy.fit(all, 30);
    if (cy.zoom() > MAX_OPENING_ZOOM) {
      cy.zoom(MAX_OPENING_ZOOM);
      cy.center(all);
    }
  }

  // Layouts run on one organisation at a time, ELK and fcose outside its box (they place
  // children of compound nodes poorly; the boxes come back, captioned, at the end); the
  // rows stay in their boxes (moving a county's nodes out and back takes seconds).
  function layoutAll(cy, name) {
    const actors = () => cy.nodes().filter(n => !n.data("isOrg"));
    const keys = [...new Set(actors().map(n => n.data("org")))];
    const order = (cy.container().dataset.orgs || "").split(",").filter(k => keys.includes(k));
    const boxed = name === "rows" ? cy.collection() : actors().filter(n => n.data("parent"));
    if (boxed.length) boxed.move({parent: null});
    const groups = order.map(key => actors().filter(n => n.data("org") === key));
    let chain = Promise.resolve();
    groups.forEach(nodes => {
      const eles = nodes.union(nodes.edgesWith(nodes));
      // One organisation per task: the browser draws and answers between them.
      chain = chain.then(yieldToBrowser).then(() => LAYOUTS[name](nodes, eles)).then(() => separate(nodes));
    });
    return chain.then(() => {
      sideBySide(cy, groups);
      order.forEach(key => {
        const box = cy.getElementById("org:" + key);
        const loose = actors().filter(n => n.data("org") === key && !n.data("parent"));
        if (box.length && loose.length) loose.move({parent: box.id()});
      });
      openingView(cy, cy.elements());
    });
  }

  const initial = count => (count > MANY ? "rows" : "elk");

  window.styrgrafLayouts = {run: layoutAll, names: Object.keys(LAYOUTS), initial};
})();
