"""Metadata from a document's own words: Swedish dates in every common form, case
numbers, "Antagen/Fastställd av … § N", the title from the first heading. Made-up
headers, in the forms issue #19 lists."""
from __future__ import annotations

import pytest

from styrgraf.ingest.dates import find_dates, first_date
from styrgraf.ingest.lexicon import TERMS
from styrgraf.ingest.metadata import read_metadata
from styrgraf.ingest.normalise import normalise


@pytest.mark.parametrize("text,iso", [
    ("2023-05-17", "2023-05-17"), ("17 maj 2023", "2023-05-17"), ("den 3 februari 2022", "2022-02-03"),
    ("1 december, 2020", "2020-12-01"), ("2019.06.17", "2019-06-17"), ("17.6.2019", "2019-06-17"),
    ("12 okt. 2021", "2021-10-12"), ("Beslutad 2 Mars 2024 § 5", "2024-03-02"),
])
def test_swedish_dates_in_every_common_form(text, iso):
    assert first_date(text) == iso


def test_an_impossible_date_or_a_case_number_is_no_date():
    assert first_date("2023-02-30") is None
    assert find_dates("Dnr KS 2023/394, § 45") == []


def meta(text: str) -> dict:
    return read_metadata(normalise(text), TERMS)


def label(term) -> str | None:
    return term.label if term else None


def test_a_joined_header_line_keeps_title_body_date_and_section():
    found = meta("REGLEMENTE FÖR KOMMUNSTYRELSEN Antaget av kommunfullmäktige 2019-06-17, § 88\n\n"
                 "§ 1 Uppgifter\n\nStyrelsen leder och samordnar förvaltningen.")
    assert found["title"] == "Reglemente för kommunstyrelsen"
    assert found["document_type"] == "Charter"
    assert label(found["decided_by"]) == "fullmäktige"
    assert found["issued"] == "2019-06-17" and found["decision_reference"] == "§ 88"
    assert found["status"] == "decided"


def test_fastställd_av_with_a_date_in_words_and_a_case_number():
    found = meta("Delegeringsordning för socialnämnden\n\nFastställd av kommunstyrelsen den 12 oktober 2021 § 201\n"
                 "Dnr KS 2021/1187\n\nInledning\n\nNämnden får uppdra åt ett utskott att besluta.")
    assert found["title"] == "Delegeringsordning för socialnämnden"
    assert found["document_type"] == "DelegationOrder"
    assert label(found["decided_by"]) == "styrelsen"
    assert found["issued"] == "2021-10-12" and found["decision_reference"] == "§ 201"
    assert found["identifier"] == "KS 2021/1187"


def test_labelled_header_fields():
    found = meta("Arbetsordning för fullmäktige\n\nBeslutad av: Regionfullmäktige\nBeslutsdatum: 17 maj 2023, § 45\n"
                 "Diarienummer: RS 2023/394\nGäller från: 1 juli 2023\n\nText.")
    assert label(found["decided_by"]) == "fullmäktige"
    assert found["issued"] == "2023-05-17" and found["decision_reference"] == "§ 45"
    assert found["identifier"] == "RS 2023/394"
    assert found["valid_from"] == "2023-07-01"
    assert found["document_type"] == "Charter"


def test_the_first_line_is_the_title_when_no_heading_names_a_type():
    found = meta("Kommunens politiska organisation\n\nKommunfullmäktige är kommunens högsta beslutande organ.")
    assert found["title"] == "Kommunens politiska organisation"


def test_a_header_joined_into_one_line_is_cut_at_its_labels():
    found = meta("Riktlinje om något\n\nTyp av dokument: Riktlinje Beslutsinstans: Kommunstyrelsen, sammanträdesdatum "
                 "2020-04-01, KS § 12 Diarienummer: KS 2020/77 Giltig från: 2020-05-01\n\nText.")
    assert label(found["decided_by"]) == "styrelsen"
    assert found["issued"] == "2020-04-01" and found["decision_reference"] == "KS § 12"
    assert found["identifier"] == "KS 2020/77" and found["valid_from"] == "2020-05-01"


def test_a_header_table_with_label_columns_and_a_value_row():
    found = meta("Styrdokument\n\nBESLUTAD AV\n\nDOKUMENT-ID VERSION\n\nKommunfullmäktige ABC-1 3.0\n\n"
                 "BESLUT DATUM UPPRÄTTAD AV\n\n2020-04-01 Kansliet\n\nReglemente för nämnden\n\nText.")
    assert label(found["decided_by"]) == "fullmäktige"
    assert found["issued"] == "2020-04-01"
    assert found["title"] == "Reglemente för nämnden"


def test_a_decision_line_at_the_end_in_the_perfect_tense():
    found = meta("Reglemente för nämnden\n\n1 § Nämnden ansvarar för sin verksamhet.\n\n"
                 "Detta reglemente har fastställts av kommunfullmäktige den 2 april 2020, § 9.")
    assert label(found["decided_by"]) == "fullmäktige" and found["issued"] == "2020-04-02"


def test_the_type_is_what_the_document_calls_itself_not_what_it_cites():
    found = meta("Så styrs kommunen\n\nI reglementet för nämnden står mer. Denna riktlinje gäller rollerna.")
    assert found["document_type"] == "Guideline"
