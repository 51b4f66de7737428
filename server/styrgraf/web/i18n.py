"""The interface in Swedish (default) and English; labels in the graph follow the choice."""
from __future__ import annotations

from flask import request

TEXTS = {
    "sv": {
        "title": "Styrgraf – hur kommuner och regioner styrs",
        "organisations": "Organisationer", "documents": "Styrdokument", "organs": "Organ", "posts": "Befattningar",
        "assertions": "Belägg", "validation": "Validering", "violations": "överträdelser", "warnings": "varningar",
        "notes": "upplysningar", "graph": "Graf", "query": "Fråga", "compare": "Jämför", "home": "Start",
        "legend": "Teckenförklaring", "layout": "Layout", "hierarchy": "Hierarkisk", "force": "Kraft",
        "layered": "Lager (dagre)", "search": "Sök nod", "save_png": "Spara PNG", "save_svg": "Spara SVG",
        "details": "Detaljer", "click_hint": "Klicka på en nod eller en kant för att se beläggen.",
        "edges_shown": "kanter visas", "evidence": "Belägg", "source": "Källa", "relations_out": "Relationer ut",
        "relations_in": "Relationer in", "class": "Klass", "labels": "Etiketter", "properties": "Egenskaper",
        "text": "Text", "unsupported": "inget belägg i grafen", "supports": "styrker",
        "run": "Kör", "saved_queries": "Sparade frågor", "choose": "Välj en sparad fråga …",
        "parameters": "Parametrar", "results": "Resultat", "rows": "rader", "download": "Ladda ned",
        "permalink": "Permalänk", "shape": "Form", "focus": "Nod", "message": "Meddelande", "file": "Fil",
        "no_findings": "Inga fynd.", "show_chain": "Visa ansvarslinje", "remove": "Tänk bort (vakans)",
        "bypasses": "Kringgående kanaler", "clear": "Rensa", "only_in": "Bara i", "area": "Ansvarsområde",
        "relation": "Relation", "language": "English", "as_of": "per", "open_graph": "Visa graf",
        "condition": "villkor", "scope": "omfattning", "validating": "valideras …",
    },
    "en": {
        "title": "Styrgraf – how municipalities and regions are governed",
        "organisations": "Organisations", "documents": "Governing documents", "organs": "Organs", "posts": "Posts",
        "assertions": "Assertions", "validation": "Validation", "violations": "violations", "warnings": "warnings",
        "notes": "notes", "graph": "Graph", "query": "Query", "compare": "Compare", "home": "Home",
        "legend": "Legend", "layout": "Layout", "hierarchy": "Hierarchical", "force": "Force",
        "layered": "Layered (dagre)", "search": "Find node", "save_png": "Save PNG", "save_svg": "Save SVG",
        "details": "Details", "click_hint": "Click a node or an edge to see its evidence.",
        "edges_shown": "edges shown", "evidence": "Evidence", "source": "Source", "relations_out": "Relations out",
        "relations_in": "Relations in", "class": "Class", "labels": "Labels", "properties": "Properties",
        "text": "Text", "unsupported": "no evidence in the graph", "supports": "supports",
        "run": "Run", "saved_queries": "Saved queries", "choose": "Choose a saved query …",
        "parameters": "Parameters", "results": "Results", "rows": "rows", "download": "Download",
        "permalink": "Permalink", "shape": "Shape", "focus": "Node", "message": "Message", "file": "File",
        "no_findings": "No findings.", "show_chain": "Show chain of command", "remove": "Remove (vacancy)",
        "bypasses": "Bypassing channels", "clear": "Clear", "only_in": "Only in", "area": "Responsibility area",
        "relation": "Relation", "language": "Svenska", "as_of": "as of", "open_graph": "Show graph",
        "condition": "condition", "scope": "scope", "validating": "validating …",
    },
}


def current_language() -> str:
    lang = request.args.get("lang") or request.cookies.get("lang") or "sv"
    return lang if lang in TEXTS else "sv"


def texts() -> dict:
    return TEXTS[current_language()]
