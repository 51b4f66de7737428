"""Apply the relation rules to a normalised text: raw candidates over lexicon terms.

Subjects come from the clause itself, or from the lead-in above a list
("Kommundirektören ska:" or a block that only names a post), or from the sentence
before; one candidate per listed item. The quote of a candidate is always a span of the
stored text (a sentence or a list item), never rewritten.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from styrgraf.ingest import clauses, duties, frames, segments, subjects, verbs
from styrgraf.ingest.lexicon import Mention, Term, find_mentions
from styrgraf.ingest.rules import RULES, Rule
from styrgraf.ingest.subjects import QUESTION, clause_subject, untitled, verb_first

POLITICAL = {"Assembly", "ExecutiveBoard", "Committee"}
# where a clause ends; "ärenden som ankommer på nämnden" keeps its object, and an
# enumeration after "såsom" or "t.ex." belongs to the noun before it
_BOUNDARY = re.compile(r"[.;:!?](?:\s|$)|,? (?:om|när|då|eftersom|för att|så att|vilket|vilka|men|utan att|samt att|och att|"
                       r"och (?:ska|har|kan|får|är)|i enlighet)\b|,? där\b(?![^.;]*\b(?:såsom|t\.? ?ex\.?|till exempel|exempelvis)\b)|"
                       r",? som\b(?! (?:ankommer på|ska behandlas av|behandlas av|hör till|åligger|beslutas av|bedrivs (?:av|i|inom)|"
                       r"(?:\w+ ){1,2}(?:ska|skall) (?:behandla|avgöra|besluta|handlägga)|(?:ska |skall )?(?:behandlas|avgöras) (?:av|i)))")
_LEAD_IN = re.compile(r"(?:\bska|\bskall|\bär|\batt|\bhar|\bkan|\bfår|:)\s*$", re.I)
# "Kommundirektörens uppdrag", "Nämndens uppgifter är": a heading naming whose duties follow
_ROLE_HEADING = re.compile(r"^\s*(?:\S+\s+){0,2}?(?:uppdrag|ansvar|uppgifter|arbetsuppgifter|roll|befogenheter|"
                           r"ansvarsområde|åligganden)\b", re.I)
_RECIPROCAL = re.compile(r"\s*(?:med |på |för |till )?varandra\b", re.I)
_PASSIVE = re.compile(r"\b[a-zåäö]{2,}[^\Wn](?:as|ades|ats)\b(?!\s+(?:med|av)\b)")


@dataclass
class Raw:
    """A candidate before its terms become nodes: subject and object are mentions or labels."""

    subject: Term
    predicate: str
    object: Term | str  # a str is the label of a new sg:Responsibility
    start: int
    end: int
    rule: Rule
    cue: tuple[int, int]
    score: float


@dataclass
class Context:
    subject: Term | None = None
    lead_rules: list = field(default_factory=list)
    topic: list[Term] = field(default_factory=list)
    main: Term | None = None  # the post the document is mostly about
    organs: list[Term] = field(default_factory=list)  # the political organs the document names
    parties: list[Term] = field(default_factory=list)  # whom lead-ins gave lists of duties, in order
    also: list[Term] = field(default_factory=list)  # the lead-in's further subjects ("Allas ansvar är att")
    superiors: dict = field(default_factory=dict)  # whom each post answers to, as the text has said so far
    helper: tuple | None = None  # (helper, helped) of a lead-in "X biträder Y i att:"


def propose(text: str, terms: list[Term], rules: list[Rule] | None = None) -> list[Raw]:
    """Every raw candidate the rules find in a normalised text."""
    rules = RULES if rules is None else rules
    out: list[Raw] = []
    organs = {m.term.key: m.term for m in find_mentions(text, terms) if m.term.cls in POLITICAL}
    context = Context(main=main_subject(text, terms), organs=list(organs.values()))
    contents = segments.contents_items(text)
    for block in segments.blocks(text):
        if block.kind == "row" or block.start in contents:
            continue
        mentions = find_mentions(block.text, terms)
        mentions = [Mention(m.start + block.start, m.end + block.start, m.text, m.term) for m in mentions]
        if block.kind == "heading" and read_lead_in(block, mentions, context, text, rules):
            continue
        out.extend(read_block(text, block, mentions, context, rules))
        if block.kind == "paragraph" and _LEAD_IN.search(block.text) and \
                (len(block.text) < 120 or block.text.rstrip().endswith(":")):  # a lead-in states its own relations too
            read_lead_in(block, mentions, context, text, rules)
    return out


def main_subject(text: str, terms: list[Term]) -> Term | None:
    """The most frequent sentence subject: whom a passive clause without agent is about."""
    counts: dict[str, int] = {}
    by_key: dict[str, Term] = {}
    for block in segments.blocks(text):
        mentions = [Mention(m.start + block.start, m.end + block.start, m.text, m.term)
                    for m in find_mentions(block.text, terms)]
        for start, end in segments.sentences(block):
            term = clause_subject(text, start, end, [m for m in mentions if start <= m.start < end])
            if term is not None:
                counts[term.key] = counts.get(term.key, 0) + 1
                by_key[term.key] = term
    return by_key[max(counts, key=counts.get)] if counts else None


def read_lead_in(block, mentions, context: Context, text: str, rules) -> bool:
    """A heading or a lead-in: set the subject (or the topic) for the blocks below."""
    subject = clause_subject(text, block.start, block.end, mentions)
    only_mention = len(mentions) == 1 and len(re.sub(r"\W", "", text[block.start:block.end])) - \
        len(re.sub(r"\W", "", mentions[0].text)) <= 4
    genitive = bool(mentions) and mentions[0].genitive and _ROLE_HEADING.match(text[mentions[0].end:block.end])
    if block.kind == "heading" and not only_mention and not _LEAD_IN.search(block.text) and not genitive:
        context.subject, context.lead_rules, context.also = None, [], []
        context.topic = [m.term for m in mentions]
        return True
    if subject is None and mentions:
        subject = mentions[0].term
    everyone = subject is None and subjects.UNIVERSAL.match(block.text) and context.parties
    if everyone:  # "Allas ansvar tillsammans är att": each party the document gave duties to
        subject = context.parties[0]
    if subject is None:
        return False
    context.helper = frames.helper_lead_in(text, block, mentions)
    subject = context.helper[1] if context.helper else subject  # the items are the helped one's duties
    context.subject, context.also = subject, (context.parties[1:] if everyone else [])
    if genitive:  # "Direktörens roll i fullmäktige": where the duties below are done
        context.topic = [m.term for m in mentions[1:]] or context.topic
    context.lead_rules = [r for r in rules if verbs.compiled(r.pattern).search(block.text) and r.how == "responsibility"]
    return True


def read_block(text: str, block, mentions, context: Context, rules) -> list[Raw]:
    """Candidates of a paragraph or an item."""
    found: list[Raw] = []
    previous = context.subject if block.kind == "item" else None
    for start, end in segments.sentences(block):
        inside = [m for m in mentions if start <= m.start and m.end <= end]
        own = clause_subject(text, start, end, inside)
        if block.kind == "item" and own is not None and verb_first(text, start, inside):
            own = None
        if own is None and block.kind == "paragraph" and subjects.own_noun(text, start):
            previous = None  # "Instruktionen ska också fastställa …": about the instruction, not the last subject
        subject = own or previous or (context.subject if block.kind == "item" else None)
        others = clauses.co_subjects(text, start, end, inside, own) or subjects.owners(text, start, inside)[1:]
        if own is None and subjects.UNIVERSAL.match(text, start) and context.parties:  # "Alla har ansvar att …"
            subject, own, others = context.parties[0], context.parties[0], context.parties[1:]
        elif own is None and subject is not None and subject is context.subject and block.kind == "item":
            others = context.also
            if subject not in context.parties:
                context.parties.append(subject)
        if QUESTION.match(text, start):  # "Hur X ska leda … beskrivs i …": an indirect question, no one's duty
            continue
        sentence = read_sentence(text, start, end, inside, subject, context, rules)
        helped = block.kind == "item" and context.helper is not None and subject is context.helper[1]
        sentence += frames.assisted(Raw, start, end, context.helper) if helped else []
        if not sentence and block.kind == "item" and subject is not None and not helped \
                and (start == block.body_start or own is not None or verb_first(text, start, inside)):  # later ones explain it
            sentence = item_duty(text, start, end, subject, context)
        found.extend(sentence + [replace(raw, subject=other) for raw in sentence if raw.subject is (own or subject)
                                 for other in others if isinstance(raw.object, str) or raw.object.key != other.key])
        previous = own or previous
        if block.kind == "paragraph" and own is not None and start == block.start:
            context.subject = own
    return found


def item_duty(text, start, end, subject, context: Context) -> list[Raw]:
    """A listed duty with no cue of its own: the lead-in's cue, or a duty of the subject."""
    body = text[start:end].rstrip(". ")
    rule = context.lead_rules[0] if context.lead_rules else None
    if rule is None:
        from styrgraf.ingest.rules import rule as make
        rule = make("listad-uppgift", "hasResponsibility", "", "responsibility", 0.45, ())
    return [Raw(subject, "hasResponsibility", duties.short_label(body), start, end, rule, (start, start), rule.score * 0.9)]


def read_sentence(text, start, end, mentions, subject, context: Context, rules) -> list[Raw]:
    """Apply every rule to one sentence."""
    sentence = text[start:end]
    found: list[Raw] = []
    last_objects: list[Term] = []
    for rule in sorted(rules, key=lambda r: r.fallback):
        if not rule.pattern:
            continue
        for match in verbs.compiled(rule.pattern).finditer(sentence):
            if rule.fallback and frames.covered(text, start, end, match, found):
                continue  # a duty only where no other cue has read these words
            cue = (start + match.start(), start + match.end())
            pairs = read_cue(text, start, end, match, rule, mentions, subject, context, last_objects)
            pairs = frames.refine(text, start, end, match, rule, mentions, subject, context, pairs)
            for subj, obj in pairs:
                if subj is None or obj is None or (not isinstance(obj, str) and subj.key == obj.key):
                    continue
                score = rule.score * (1.0 if subj is subject and subject is not context.subject else 0.9)
                found.append(Raw(subj, rule.predicate, obj, start, end, rule, cue, score))
                if rule.predicate == "reportsTo":
                    context.superiors.setdefault(subj.key, obj)
            if rule.predicate == "communicatesWith" and clauses.both_ways(sentence):
                found += [Raw(o, rule.predicate, s, start, end, rule, cue, rule.score * 0.9) for s, o in pairs
                          if s is not None and o is not None and s.key != o.key]
            objects = [o for _, o in pairs if o is not None and not isinstance(o, str)]
            if objects and rule.predicate in ("attends", "hasRightToSpeakIn"):
                last_objects = objects
    return dedupe(found)


def read_cue(text, start, end, match, rule: Rule, mentions, subject, context, last_objects):
    """The (subject, object) pairs one cue states."""
    at = start + match.start()
    after = [m for m in mentions if m.start >= start + match.end() and m.start < clause_end(text, start + match.end(), end)]
    s_span, o_span = group_span(match, start, "s"), group_span(match, start, "o")
    if rule.how in ("active", "responsibility", "genitive", "reverse"):
        subject = clauses.antecedent(text, start, at, mentions) or subjects.att_subject(text, start, at, mentions) or subject
    special = frames.read(text, start, end, match, rule, mentions, subject, context)
    if special is not None:
        return special
    if rule.how == "mutual":
        return clauses.mutual(text, start, end, mentions)
    if rule.how == "link":  # "X är länken mellan A och B": X talks with both, both ways
        ends = {o for pair in clauses.mutual(text, start, end, mentions) for o in pair}
        return [pair for other in ends for pair in ((subject, other), (other, subject))]
    if rule.how == "political":
        return [(subject, organ) for organ in context.organs]
    if rule.how == "reverse":  # "Gruppen består av A och B", "I gruppen ingår A": A and B are members
        whole = [m.term for m in mentions if o_span and o_span[0] <= m.start < o_span[1]][:1] or [subject]
        return [(m.term, whole[0]) for m in clauses.coordinated(text, after)]
    if s_span is not None:
        s_mentions = [m for m in mentions if s_span[0] <= m.start < s_span[1]]
        subj = s_mentions[0].term if s_mentions else None
        if o_span is not None:
            objs = [m.term for m in untitled(text, mentions) if o_span[0] <= m.start < o_span[1]]
            if not objs and subject is not None and subject is not subj:
                objs = [subject]
        else:
            objs = [subject or context.subject or context.main]
        return [(subj, o) for o in objs]
    if o_span is not None:
        objs = [m.term for m in untitled(text, mentions) if o_span[0] <= m.start < o_span[1]]
        return [(subject, o) for o in objs]
    if rule.how == "nearest":
        before = [m for m in mentions if m.end <= at]
        subj = before[-1].term if before else subject
        return [(subj, m.term) for m in after]
    if rule.how == "genitive":
        lo = clause_start(text, start, at)
        near = [m for m in mentions if lo <= m.start and m.end <= clause_end(text, start + match.end(), end)
                and m.genitive and m.term is not subject]
        owners = [m.term for m in near or after]
        if not owners and subject is not None and rule.predicate == "executesDecisionsOf":
            owners = [context.superiors[subject.key]] if subject.key in context.superiors else []
        return [(subject, o) for o in owners]  # "ansvarar för att beslut verkställs": those it answers to
    if _PASSIVE.search(text, clause_start(text, start, at), at):
        return []  # "Cheferna rekryteras i samråd med …": the subject is not the one who acts
    pair = list({t.key: t for t in context.topic}.values())
    if _RECIPROCAL.match(text, start + match.end()) and len(pair) == 2 and subject in (None, *pair):
        return [(pair[0], pair[1]), (pair[1], pair[0])]  # "informera varandra" under "A och B": both ways
    objs = [m.term for m in clauses.objects(text, after)] or [t for t in last_objects]
    if not objs and rule.predicate in ("attends", "hasRightToSpeakIn", "presentsMattersAt"):
        objs = list(context.topic)
    if not objs and re.match(r"\s*(?:denna|denne|dessa|honom|henne)\b", text[start + match.end():end], re.I):
        earlier = [m.term for m in mentions if m.end <= at and m.term is not subject]
        objs = earlier[-1:]
    return [(subject, o) for o in objs]


def group_span(match, start: int, name: str) -> tuple[int, int] | None:
    """The span in the text of a rule's named group ``name`` (or its alternative ``name2``)."""
    for group in (name, name + "2"):
        if match.re.groupindex.get(group) and match.group(group) is not None:
            return start + match.start(group), start + match.end(group)
    return None


def clause_end(text: str, at: int, end: int, loose: bool = False) -> int:
    """Where the clause that starts at ``at`` ends (a stop, a semicolon, a subordinate clause)."""
    pattern = r"[.;:!?](?:\s|$)" if loose else _BOUNDARY
    for match in re.compile(pattern).finditer(text, at, end):
        if not (match.group(0).endswith("som") and re.search(r"\bsåväl\b", text[at:match.start()])):
            return match.start()  # "såväl X som Y" is one object, not a relative clause
    return end


def clause_start(text: str, start: int, at: int) -> int:
    """Where the clause holding position ``at`` begins."""
    last = start
    for match in re.finditer(r"[;:]|,", text[start:at]):
        last = start + match.end()
    return last


def dedupe(found: list[Raw]) -> list[Raw]:
    """One candidate per subject, predicate, object and quote: the best-scoring rule."""
    best: dict[tuple, Raw] = {}
    for raw in found:
        obj = "*" if isinstance(raw.object, str) else raw.object.key  # one duty per subject and clause
        key = (raw.subject.key, raw.predicate, obj, raw.start, raw.end)
        if key not in best or raw.score > best[key].score:
            best[key] = raw
    return list(best.values())
