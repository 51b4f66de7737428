"""Swedish clause frames that decide who does what to whom, beyond a cue's own words:

- a passive's agent: "Cheferna anställs av direktören efter samråd med nämnden" makes the
  direktör the one who consults ("av" after an s-passive names the doer);
- a relative clause ending in its verb: "den tjänsteperson som direktören utser" names
  whom the direktör appoints (the antecedent), not the words after it;
- a relative pronoun after a preposition ("X, av vilk… Y får sitt uppdrag samt svarar
  inför"): X is whom Y answers to, the object of the stranded preposition;
- parties who act together ("A och B ska samråda"), matters prepared for the assembly
  ("Motionerna bereds av styrelsen"), a passive's agent as the bearer of a duty
  ("Protokollet justeras av ordföranden"), and an indicative statement of a task
  ("Nämnden fastställer …").

Each is a construction of the language, tested on made-up sentences in
tests/test_ingest_frames.py.
"""
from __future__ import annotations

import re

import simplemma

from styrgraf.ingest import clauses, duties, rules, subjects, verbs
from styrgraf.ingest.lexicon import Mention, Term

POLITICAL = {"Assembly", "ExecutiveBoard", "Committee", "WorkingCommittee", "CrisisCommittee"}
_AGENT = re.compile(r"\b[a-zåäö]{3,}s\s+(?:(?:dock|också|även|därefter|sedan|i stället)\s+)?av\s+"
                    r"(?:(?:den|det|de|en|ett|respektive)\s+)?$", re.I)
_VILKEN = re.compile(r",\s*(?:av|inför|till|åt|under|från|hos)\s+vilk(?:en|et|a)\s+$", re.I)
_RELATIVE_END = re.compile(r"\s*(?:[,.;:)]|$|(?:ska|skall|får|kan|har|är|och|enligt|att|i sitt ställe)\b)", re.I)
_SOM = re.compile(r"\bsom\s+$", re.I)
# the words a relative clause may hold between "som", its subject and its verb
_BEFORE_VERB = re.compile(r"\s+(?:(?:har|ska|skall|får|kan|också|även)\s+)*$", re.I)
# a mention after a preposition is not whom a verb appoints ("i nämnden", "efter samråd med X"),
# except "till" ("utser en ledamot till ordförande")
_GOVERNED = re.compile(r"\b(?:i|bland|av|för|med|hos|över|om|inför|under|vid|på|enligt|från|mellan|åt)\s+(?:\w+\s+)?$", re.I)
_COUNT = re.compile(r"\b(?:\d+|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|femton|ytterligare)\s+"
                    r"(?:\w+\s+)?$", re.I)
_APPOINTING = re.compile(r"\b(?:väljer|utser|utse|tillsätter|väljs|utses)\b", re.I)
# verbs of an indicative sentence that state what something is, not a task
_NOT_TASKS = {"vara", "ha", "få", "kunna", "bestå", "ingå", "utgöra", "finnas", "gälla", "heta", "kalla", "benämna",
              "sammanträda", "omfatta", "innehålla", "tillhöra", "lyda", "bli", "ske", "råda", "behöva", "vilja",
              "böra", "komma", "gå", "stå", "se", "ge", "ta", "ligga", "hänvisa", "framgå", "beskriva",
              # verbs another rule reads as a relation, or a decision power rather than a duty
              "tillsätta", "utse", "väljer", "väljs", "anställa", "entlediga", "redovisa", "lämna", "överlåter", "besluta", "fatta",
              "anta"}
_LEADING = re.compile(r"\s+(?:(?:också|även|själv|dessutom|därför|då|i sin tur|löpande|regelbundet|årligen)\s+)*$", re.I)


def agent(text: str, lo: int, at: int, mentions: list[Mention]) -> Term | None:
    """The doer of a passive before position ``at`` in the clause from ``lo``: the mention
    right after "<verb>s av"."""
    for mention in mentions:
        if lo <= mention.start < at and _AGENT.search(text[lo:mention.start]):
            return mention.term
    return None


def relative_pronoun(text: str, start: int, at: int, mentions: list[Mention]) -> tuple[Term, Term] | None:
    """(antecedent, subject) of a relative clause opened by a preposition and a relative
    pronoun before ``at``: "X, av vilk… Y får …" gives (X, Y)."""
    inside = [m for m in mentions if start <= m.start < at]
    for i in range(1, len(inside)):
        if _VILKEN.search(text[start:inside[i].start]) and \
                not any(m.start < inside[i].start for m in inside[i + 1:]):
            between = text[inside[i - 1].end:inside[i].start]
            if _VILKEN.search(between):
                return inside[i - 1].term, inside[i].term
    return None


def relative_object(text: str, start: int, at: int, cue_end: int, mentions: list[Mention]):
    """Who appoints whom when the verb ends a relative clause: "den tjänsteperson som
    direktören utser, ska …" gives (direktören, [tjänsteperson]); an antecedent that is no
    actor gives (direktören, []). None when the cue is not so placed."""
    if not _RELATIVE_END.match(text, cue_end) and not finite_verb(text, cue_end):
        return None
    doer = next((m for m in reversed(mentions) if start <= m.start and m.end <= at), None)
    if doer is None or not _BEFORE_VERB.fullmatch(text[doer.end:at]) or not _SOM.search(text[start:doer.start]):
        return None
    som = start + _SOM.search(text[start:doer.start]).start()
    before = [m for m in mentions if start <= m.start and m.end <= som and not text[m.end:som].strip(" ,")]
    return doer.term, [before[-1].term] if before else []


def helper_lead_in(text: str, block, mentions: list[Mention]) -> tuple[Term, Term] | None:
    """(helper, helped) of a lead-in "Direktören biträder styrelsen i att:": the items below
    are the styrelse's duties, and in each the direktör assists it."""
    tail = re.search(r"\s+i\s+(?:att|följande)?\s*:\s*$", text[block.start:block.end])
    if tail is None:
        return None
    end = block.start + tail.start()
    inside = [m for m in mentions if block.start <= m.start and m.end <= end]
    if len(inside) < 2 or text[inside[-1].end:end].strip():
        return None
    verb = verbs.compiled(r"\b(?:⟨biträda⟩|⟨stödja⟩|bistå\w*)(?:\s+(?:även|också))?\s+$")
    return (inside[0].term, inside[-1].term) if verb.search(text[inside[-2].end:inside[-1].start]) else None


def assisted(make, start: int, end: int, helper) -> list:
    """The assists relation an item under a helper's lead-in states (its quote is the item)."""
    cue = rules.rule("bitrader-i-att", "assists", "", score=0.7)
    return [make(helper[0], "assists", helper[1], start, end, cue, (start, start), cue.score)]


def finite_verb(text: str, at: int) -> bool:
    """Whether the word after ``at`` is a verb in the present ("föredrar", "ska")."""
    word = re.match(r"\s*([a-zåäö]+r)\b", text[at:at + 40])
    if not word:
        return False
    lemma = simplemma.lemmatize(word.group(1), lang="sv")
    return lemma != word.group(1) and lemma.endswith("a")


def read(text, start, end, match, rule, mentions, subject, context):
    """The pairs of the frame-specific readings (``rule.how``), or None for the others."""
    at, cue_end = start + match.start(), start + match.end()
    if rule.how == "responsibility":  # the duty's words from its verb ("ska leda …": "leda …")
        verb = start + match.start("v") if match.re.groupindex.get("v") and match.group("v") else cue_end
        label = duties.duty_label(text[verb:duties.clause_end_loose(text, verb, end)])
        return [(subject, label)] if label else []
    if rule.how == "together":  # "A och B ska samråda": each with the other
        group = [subject, *clauses.co_subjects(text, start, end, mentions, subject)] if subject else []
        return [(a, b) for a in group for b in group if a is not b]
    if rule.how == "relative":
        found = relative_pronoun(text, start, at, mentions)
        return [found] if found else []
    if rule.how == "prepared":  # "Motionerna bereds av styrelsen": for the organ named, or the assembly
        doers = [m.term for m in mentions if start + match.start("s") <= m.start < start + match.end("s")
                 and not re.search(r"\bi\s+(?:\w+\s+)?$", text[max(start, m.start - 12):m.start])]
        named = [m.term for m in mentions if start + match.start("o") <= m.start < start + match.end("o")
                 and m.term.cls in POLITICAL]
        return [(d, o) for d in doers for o in (named or assemblies(context))]
    if rule.how == "agent":
        return agent_duty(text, start, end, match, mentions)
    if rule.how == "indicative":
        return indicative_duty(text, start, end, match, mentions, subject)
    return None


def assemblies(context) -> list[Term]:
    """The document's assembly, when it names exactly one."""
    found = [t for t in context.organs if t.cls == "Assembly"]
    return found if len(found) == 1 else []


def agent_duty(text, start, end, match, mentions):
    """ "Protokollet justeras av ordföranden": the ordförande's duty to "justera protokollet"."""
    verb = match.group("v")
    lemma = simplemma.lemmatize(verb.lower(), lang="sv")
    if lemma == verb.lower() or not lemma.endswith("a") or {lemma, verb.lower()} & _NOT_TASKS:
        return []
    doers = [m for m in mentions if start + match.start("s") <= m.start < start + match.end("s")][:1]
    lo = start + match.start()
    patient = text[clauses_start(text, start, lo):lo].strip()
    if not patient or len(patient.split()) > 4 or re.search(r"\b(?:som|att|när|om|där)\b", patient, re.I):
        return []  # a main clause's subject only: "Protokollet justeras av …", not "… som bedrivs av …"
    patient = duties.short_label(patient)
    label = " ".join(w for w in (lemma, patient.lower()) if w)
    return [(doers[0].term, label)] if doers and not owner(text, doers[0]) else []


def indicative_duty(text, start, end, match, mentions, subject):
    """ "Nämnden fastställer budgeten": a task stated in the present tense right after the
    sentence's subject (never a verb of being or having)."""
    at = start + match.start("v")
    first = next((m for m in mentions if start <= m.start < at), None)
    if first is None or subject is None or first.term.key != subject.key or not _LEADING.fullmatch(text[first.end:at]) \
            and text[first.end:at].strip():
        return []
    verb = match.group("v").lower()
    lemma = simplemma.lemmatize(verb, lang="sv")
    if lemma == verb or not lemma.endswith("a") and lemma not in ("utse",) or {lemma, verb} & _NOT_TASKS:
        return []
    label = duties.duty_label(text[at:duties.clause_end_loose(text, at, end)])
    return [(subject, " ".join([lemma, *label.split()[1:]]))] if label else []


def refine(text, start, end, match, rule, mentions, subject, context, pairs):
    """The pairs a cue gave, corrected by the frames around it (see the module docstring)."""
    at, cue_end = start + match.start(), start + match.end()
    first = next((m for m in mentions if start <= m.start < at), None)
    if rule.predicate == "reportsTo" and first is not None and owner(text, first) and not text[start:first.start].strip():
        pairs = [(first.term, o) for _, o in pairs]  # "Utskottets beslut anmäls till styrelsen": the utskott reports
    pairs = [(s, o) for s, o in pairs if s is not None and o is not None]
    if rule.how == "passive" and not match.re.groupindex.get("o") and subjects.own_noun(text, start) \
            and (first is None or first.start > start):
        return []  # "Driftnämnderna får sina uppdrag av X": a subject the lexicon does not know is no one else
    if rule.how == "active" and rule.predicate != "hasResponsibility":
        lo = clauses_start(text, start, at)
        doer = agent(text, lo, at, mentions)
        if doer is not None:  # "X anställs av D efter samråd med Y": D consults Y
            pairs = [(doer, o) for _, o in pairs if o is not doer]
        related = relative_pronoun(text, start, at, mentions)
        if related and not pairs and not text[cue_end:clause_stop(text, cue_end, end)].strip():
            pairs = [(related[1], related[0])]  # "X, av vilk… Y får sitt uppdrag samt svarar inför."
    if rule.how == "passive" and rule.predicate == "proposesTo":  # "utses av styrelsen på förslag av X": X proposes to styrelsen
        doer = agent(text, clauses_start(text, start, at), at, mentions)
        proposers = [m.term for m in mentions if start + match.start("s") <= m.start < start + match.end("s")][:1]
        if doer is not None:
            pairs = [(p, doer) for p in proposers if p is not doer]
        elif re.search(r"\b[a-zåäö]{3,}s\s+(?:\w+\s+)?av\b", text[start:at]):
            pairs = []  # a passive whose doer is not an actor: no one to propose to
    if rule.predicate == "appoints" and rule.how == "active":
        pairs = appointed(text, start, at, cue_end, mentions, pairs)
    if rule.how == "passive" and pairs:  # "… som utses av X", "… som leds av X": the antecedent
        pairs = relative_patient(text, start, match, mentions, pairs)
    if rule.predicate in ("appoints", "terminatesEmploymentOf", "managerOf", "signsEmploymentContractOf", "memberOf"):
        owners = {m.term.key for m in mentions if start <= m.start < end and owner(text, m)}
        pairs = [(s, o) for s, o in pairs if isinstance(o, str) or o.key not in owners]  # "utser fullmäktiges sekreterare"
    if rule.predicate == "managerOf":  # a chef is a post, not an organ: "nämnden leder förvaltningen" is not managerOf
        pairs = [(s, o) for s, o in pairs if s is not None and s.cls not in POLITICAL
                 and (o is None or o.cls not in POLITICAL)]
    if rule.predicate == "memberOf" and _APPOINTING.search(text, clauses_start(text, start, at), at):
        pairs = []  # "Fullmäktige väljer ledamöter i nämnden": whom it elects, not its membership
    if rule.how == "reverse":  # "består av arbetsutskottets ledamöter": the utskott is not a member
        owners = {m.term.key for m in mentions if m.start >= cue_end and owner(text, m)}
        counted = {m.term.key for m in mentions if m.start >= cue_end and _COUNT.search(text[max(0, m.start - 24):m.start])}
        pairs = [(s, o) for s, o in pairs if s.key not in owners | counted]  # "består av elva ledamöter": a size
    if not pairs and subject is not None and rule.predicate in ("hasRightToSpeakIn", "attends") \
            and re.search(r"sammanträd|överlägg|yttra|upplysning", text[start:end], re.I):
        pairs = [(subject, a) for a in assemblies(context)]  # "får delta i överläggningen": the assembly's
    return pairs


def relative_patient(text, start, match, mentions, pairs):
    """A passive in a relative clause is about the antecedent alone: in "A har N ledamöter
    som utses av B" the ledamöter, not A."""
    for name in ("o", "o2"):
        if match.re.groupindex.get(name) and match.group(name) is not None:
            lo, hi = start + match.start(name), start + match.end(name)
            som = re.search(r",?\s*\bsom\s*$", text[lo:hi])
            if som is None and not re.match(r",?\s+som\b", text[hi:hi + 6]):
                return pairs
            cut = lo + som.start() if som else hi
            # the antecedent stands right before "som"; a noun that names no party ("9 ledamöter",
            # an organ's size) leaves the relative clause without one
            before = [m.term for m in mentions if lo <= m.start and m.end <= cut and not text[m.end:cut].strip(" ,")]
            return [(s, o) for s, o in pairs if before and o is before[-1]]
    return pairs


def owner(text: str, mention: Mention) -> bool:
    """Whether a mention is a genitive that owns the noun after it ("fullmäktiges sekreterare"),
    not an abbreviation ("KD:s")."""
    return mention.genitive and not re.fullmatch(r"[A-ZÅÄÖ]+(?::s)?", mention.text) \
        and bool(re.match(r"\s+(?!anställning|tjänst|uppdrag|förordnande)[a-zåäö]", text[mention.end:mention.end + 16]))


def appointed(text, start, at, cue_end, mentions, pairs):
    """Whom an active appointing verb names: the antecedent of "den X som Y utser", never
    an organ after "i", "bland" or "till" ("väljer ledamöter i nämnden")."""
    relative = relative_object(text, start, at, cue_end, mentions)
    if relative is not None:
        return [(relative[0], o) for o in relative[1]]
    stop = re.compile(r"[.;:](?:\s|$)|(?<=\w),? (?:och|samt) (?=[a-zåäö]+(?:r|s)\b)").search(text, cue_end + 1)
    if stop and not text[cue_end:stop.start()].strip():  # "anställer och entledigar X": one object for both
        stop = re.compile(r"[.;:](?:\s|$)").search(text, cue_end)
    after = [m for m in mentions if cue_end <= m.start < (stop.start() if stop else len(text))
             and not _GOVERNED.search(text[max(cue_end, m.start - 20):m.start])]
    objects = [m.term for m in clauses.objects(text, after)]
    doers = {s.key: s for s, _ in pairs if s is not None}.values()
    return [(s, o) for s in doers for o in objects]


def covered(text, start, end, match, found) -> bool:
    """Whether a fallback duty's words (from its cue to the end of its first duty) hold a
    cue another rule has read: "ska planera arbetet och ha uppsikt över nämnderna" is a
    duty and a supervises, "ska ha uppsikt över nämnderna" only the latter."""
    lo = start + match.start()
    verb = start + match.start("v") if match.re.groupindex.get("v") and match.group("v") else start + match.end()
    label = duties.duty_label(text[verb:duties.clause_end_loose(text, verb, end)])
    hi = max(start + match.end(), verb + len(label))
    return any(raw.cue[0] < hi and lo < raw.cue[1] for raw in found)


def clauses_start(text: str, start: int, at: int) -> int:
    """Where the clause holding ``at`` begins (after the last comma, semicolon or colon)."""
    last = start
    for found in re.finditer(r"[;:,]", text[start:at]):
        last = start + found.end()
    return last


def clause_stop(text: str, at: int, end: int) -> int:
    """Where the clause from ``at`` ends: a stop, a semicolon, a comma or a conjunction."""
    found = re.compile(r"[.;:,!?]|\b(?:och|samt)\b").search(text, at, end)
    return found.start() if found else end
