"""The words of the coverage overview and the registry's pages, in Swedish and English
(merged into ``i18n_texts.TEXTS``; every key in both, as there)."""
from __future__ import annotations

TEXTS = {
    "sv": {
        "coverage": "Täckning per län", "coverage_intro": "Vilka av länets kommuner och region grafen har "
        "styrdokument för, hur många och av vilka slag, och hur många som behöver ses över (per {as_of}).",
        "coverage_chart": "Andel organisationer med styrdokument per län",
        "with_documents": "med dokument", "without_documents": "utan dokument",
        "organisations_in_county": "Organisationer", "municipalities": "kommuner", "municipalities_one": "kommun", "regions": "region",
        "documents_due": "Att se över", "due_hint": "cq12: översynen försenad, giltigheten ute eller gammalt",
        "all_counties": "Hela Sverige", "no_registry_code": "utan kod, anonyma",
        "status_none": "utan dokument", "code": "Kod", "registry": "Registret",
        "registry_title": "Sveriges kommuner och regioner",
        "registry_intro": "{n} kommuner och regioner med SCB:s koder, län och namn enligt indelningen {division}.",
        "official_name": "Officiellt namn", "english_name": "Engelskt namn", "other_names": "Andra namn",
        "wikidata": "Wikidata", "registry_source": "Källa", "no_documents_yet": "Grafen har ännu inga "
        "styrdokument för {name}.", "add_documents": "Så lägger du till ett: läs in dokumentet med",
        "then_curate": "granska utkastet med", "and_validate": "och kontrollera med",
        "see_workflow": "Arbetsgången beskrivs i README:s avsnitt", "anonymous_org": "Källan säger inte vilken "
        "organisation det är, så den står inte i registret och har ingen kod.",
        "synthetic_banner": "Syntetiska data: {n} styrdokument är påhittade (styrgraf synth). Organisationernas "
        "namn och koder är verkliga, texterna och relationerna är det inte.",
        "open_registry_page": "Registersida", "not_in_graph": "finns inte i grafen",
    },
    "en": {
        "coverage": "Coverage by county", "coverage_intro": "Which of each county's municipalities and region "
        "the graph holds governing documents for, how many and of which kinds, and how many are due for "
        "review (as of {as_of}).",
        "coverage_chart": "Share of organisations with governing documents, by county",
        "with_documents": "with documents", "without_documents": "without documents",
        "organisations_in_county": "Organisations", "municipalities": "municipalities", "municipalities_one": "municipality", "regions": "region",
        "documents_due": "Due for review", "due_hint": "cq12: review overdue, validity expired, or old",
        "all_counties": "All of Sweden", "no_registry_code": "without a code, anonymous",
        "status_none": "no documents", "code": "Code", "registry": "Registry",
        "registry_title": "Sweden's municipalities and regions",
        "registry_intro": "{n} municipalities and regions with Statistics Sweden's codes, counties and names, "
        "by the division of {division}.",
        "official_name": "Official name", "english_name": "English name", "other_names": "Other names",
        "wikidata": "Wikidata", "registry_source": "Source", "no_documents_yet": "The graph holds no governing "
        "document for {name} yet.", "add_documents": "To add one: read the document in with",
        "then_curate": "review the draft with", "and_validate": "and check with",
        "see_workflow": "The README's section describes the workflow:", "anonymous_org": "The source does not "
        "say which organisation this is, so it is not in the registry and has no code.",
        "synthetic_banner": "Synthetic data: {n} governing documents are made up (styrgraf synth). The "
        "organisations' names and codes are real; their texts and relations are not.",
        "open_registry_page": "Registry page", "not_in_graph": "is not in the graph",
    },
}
