/* The organisation graph's look: a colour and shape per node class, a colour per
   relation kind, and the Cytoscape stylesheet. Labels are 12 px in the model and the
   page never opens below zoom 0.92, so they are at least 11 px on screen. */
(function () {
  "use strict";
  const FONT = 12;
  const MIN_ZOOM = 0.92;  // 12 px x 0.92 = 11 px on screen
  // Relation kinds in families, each a colour of Okabe and Ito's palette (told apart with
  // every common colour-vision deficiency), the kinds of a family by their arrowheads;
  // channels (communicatesWith) keep their dashes.
  const OKABE_ITO = {blue: "#0072B2", vermillion: "#D55E00", purple: "#CC79A7", green: "#009E73", orange: "#E69F00",
                     sky: "#56B4E9", black: "#000000", grey: "#999999"};
  const FAMILIES = {
    blue: ["reportsTo", "managerOf"],
    vermillion: ["appoints", "terminatesEmploymentOf", "signsEmploymentContractOf", "hasEmployerResponsibilityFor",
                 "agreesToAppointmentOf"],
    purple: ["delegatesTo", "directs", "mayNotDirect"],
    green: ["assists", "advises", "preparesMattersFor", "presentsMattersAt", "executesDecisionsOf", "proposesTo"],
    orange: ["informs", "consults"],
    sky: ["attends", "hasRightToSpeakIn", "memberOf"],
    black: ["supervises"],
    grey: ["communicatesWith"]
  };
  const ARROWS = ["triangle", "vee", "tee", "circle", "diamond", "square"];
  const COLOURS = {}, ARROW = {};
  Object.entries(FAMILIES).forEach(([family, kinds]) => kinds.forEach((kind, i) => {
    COLOURS[kind] = OKABE_ITO[family]; ARROW[kind] = ARROWS[i];
  }));
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
  const colour = kind => COLOURS[kind] || "#555";
  const fill = cls => FILLS[cls] || "#888";
  const shape = cls => SHAPES[cls] || "ellipse";

  // A selector per class and per relation kind, not a function per element: Cytoscape
  // caches a selector's style, which makes the first picture of a county twice as fast.
  const byClass = Object.keys(Object.assign({}, FILLS, SHAPES)).map(cls => ({selector: "node[cls = '" + cls + "']",
    style: {"background-color": fill(cls), "shape": shape(cls)}}));
  const byKind = Object.keys(COLOURS).map(kind => ({selector: "edge[kind = '" + kind + "']",
    style: {"line-color": colour(kind), "target-arrow-color": colour(kind), "target-arrow-shape": ARROW[kind]}}));

  // ``county``: straight edges, drawn several times faster than bundled curves (a
  // county's thousands of relations); parallel relations then share one line.
  function stylesheet(county) {
    const sheet = [
      {selector: "node", style: {
        "label": "data(label)", "text-wrap": "wrap", "text-max-width": "120px", "font-size": FONT + "px",
        "text-valign": "bottom", "text-margin-y": 4, "width": 26, "height": 26, "text-background-color": "#ffffff",
        "text-background-opacity": 0.85, "text-background-padding": "2px", "text-background-shape": "roundrectangle",
        "background-color": fill(""), "shape": shape(""), "border-width": 1, "border-color": "#fff"}},
      ...byClass,
      {selector: "node[?isOrg]", style: {"background-opacity": 0.04, "background-color": "#1f3a68",
        "text-valign": "top", "text-halign": "center", "font-size": "16px", "font-weight": "bold",
        "text-margin-y": -6, "border-color": "#aab", "border-width": 1, "shape": "round-rectangle", "padding": "24px"}},
      {selector: "edge", style: {
        "width": 1.6, "curve-style": "bezier", "target-arrow-shape": "triangle", "arrow-scale": 0.8,
        "line-color": colour(""), "target-arrow-color": colour(""), "opacity": 0.85}},
      ...byKind,
      {selector: "edge[kind = 'communicatesWith']", style: {"line-style": "dashed", "width": 1.2}},
      {selector: ".faded", style: {"opacity": 0.12}},
      // The chain: a thick border on nodes, a thick line on edges; never a node's width.
      {selector: "node.chain", style: {"border-width": 4, "border-color": "#f39c12", "opacity": 1}},
      {selector: "edge.chain", style: {"width": 4, "line-color": "#f39c12", "target-arrow-color": "#f39c12", "opacity": 1}},
      {selector: "edge.bypass", style: {"line-color": "#e74c3c", "target-arrow-color": "#e74c3c", "width": 3,
        "line-style": "solid"}},
      {selector: "node.removed", style: {"background-color": "#000", "opacity": 0.5}},
      {selector: "node.cut", style: {"opacity": 0.35, "background-color": "#ccc"}},
      {selector: "edge.cut", style: {"opacity": 0.25, "line-color": "#ccc"}},
      {selector: "node.match", style: {"border-width": 4, "border-color": "#e74c3c"}},
      {selector: "node:selected", style: {"border-width": 3, "border-color": "#000"}}
    ];
    if (county) sheet.splice(byClass.length + 3, 0, {selector: "edge", style: {"curve-style": "straight"}});
    return sheet;
  }

  const arrow = kind => ARROW[kind] || "triangle";
  window.styrgrafStyle = {FONT, MIN_ZOOM, colour, arrow, fill, shape, stylesheet};
})();
