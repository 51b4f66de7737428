"""``/compare?org=…&org=…``: organisations side by side, mapped by class (the director's
areas and the relations). With fewer than two chosen, the page shows the picker."""
from __future__ import annotations

from flask import render_template, request

from styrgraf import analysis
from styrgraf.vocab import AREA
from styrgraf.web import core, params
from styrgraf.web.i18n import current_language, term_label
from styrgraf.web.pages import blueprint

AREA_NS = str(AREA)


@blueprint.get("/compare")
def compare_page():
    served = core()
    keys = params.organisations(served, request.args.getlist("org"))
    lang = current_language()
    names = {o["key"]: (o["label_en"] if lang == "en" and o["label_en"] else o["label"]) for o in served.organisations()}
    choices = sorted(names.items(), key=lambda kv: (kv[1].casefold(), kv[0]))  # once, not a lookup per key
    if len(keys) < 2:
        result = {"director_areas": [], "relations": []}
    else:
        result = analysis.compare(served.network(), keys)
    area_labels = {row["area"]: term_label(AREA_NS + row["area"], lang) for row in result["director_areas"]}
    return render_template("compare.html", result=result, keys=keys, names=names, choices=choices,
                           area_labels=area_labels)
