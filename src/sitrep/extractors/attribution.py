"""Attribution: who makes the claims in each sentence.

Sources are found through reporting verbs ("said", "told", "reported", ...) and their subjects in
the dependency parse, the object of "according to", "citing X", headline tails ("... - state
media") and a dateline agency ("BEIRUT (Reuters) -"). Each mention is normalised against the
source lexicon (``sources``, from ``data/sources.json``); definite descriptions and pronouns ("the
monitor", "it") carry the last named source of a fitting type forward. Sentences with no source
of their own continue a quote of their paragraph or fall back to the dateline agency, else the
outlet.

A sentence can hold several attributions ("Residents said X, Reuters reported"): the relay covers
the sentence, the speaker only its own clause, so ``source_at`` (narrowest scope wins) gives the
originator of a value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from ..records import Attribution
from .source_phrases import CONF_GENERIC, CONF_NAMED, AttributionMemory, Found, found_at, resolve_phrase
from .sources import SourceLexicon, load_source_lexicon, norm, source_scale

__all__ = [
    "AttributionMemory",
    "SourceLexicon",
    "attribute",
    "load_source_lexicon",
    "source_at",
    "source_scale",
]

REPORT_LEMMAS = frozenset(
    {
        *("say", "tell", "report", "state", "claim", "announce", "add", "cite", "quote", "confirm"),
        *("deny", "allege", "accuse", "write", "post", "tweet", "insist", "warn", "estimate", "note"),
        *("describe", "explain", "indicate", "assert", "acknowledge", "admit", "document", "publish"),
        *("broadcast", "blame", "specify", "reiterate", "stress", "reject", "condemn", "denounce"),
    }
)
CITE_LEMMAS = frozenset({"cite", "quote"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
DATELINE_PARAGRAPHS = 3
DATELINE = re.compile(
    r"[ \t]*[A-Z][A-Z'’.\-]+(?:[ /]+[A-Z][A-Za-z'’.\-]+)*(?:,[^()\n]{1,40}?)?[ \t]*"
    r"\((?P<agency>[A-Za-z][^()\n]{1,38})\)[ \t]*[-—–:]"
)
HEADLINE_TAIL = re.compile(r"\s[-–—:|]\s*(?P<src>[^-–—:|\n]{2,60}?)\s*$")
CONF_QUOTE, CONF_DATELINE, CONF_OUTLET = 0.6, 0.7, 0.5


def quote_open(text: str) -> bool:
    """Whether a stretch of text ends inside a quotation."""
    curly = text.count("“") - text.count("”")
    return curly > 0 or text.count('"') % 2 == 1


@dataclass(frozen=True)
class _Mention:
    found: Found
    trigger: Token
    tail: bool
    scope: tuple[int, int]  # relative char offsets of the clause the source covers


# --------------------------------------------------------------------------- the stage


def attribute(
    sentences: Sequence[Span],
    *,
    outlet: str | None,
    lexicon: SourceLexicon,
    base: int = 0,
    memory: AttributionMemory | None = None,
) -> list[Attribution]:
    """Attributions for every sentence, with absolute offsets (``base`` + offsets in the Doc).

    A sentence with no source of its own gets one covering it: its paragraph's last source when
    it continues a quote, else the dateline agency, else ``outlet`` (kind ``outlet``, span -1).
    With no outlet and no dateline such a sentence gets none.
    """
    memory = memory if memory is not None else AttributionMemory()
    fallback = _outlet_found(outlet, lexicon)
    # Doc.text joins every token of the document: read it once, not once per sentence.
    text = sentences[0].doc.text if sentences else ""
    if sentences and memory.default is None:
        memory.default = _dateline(text, sentences, lexicon, memory, base)
    out: list[Attribution] = []
    paragraph: Found | None = None
    para_start, prev_end = 0, None
    for sent in sentences:
        if not sent.text.strip():
            continue
        if prev_end is None or "\n" in text[prev_end : sent.start_char]:
            paragraph = paragraph if _carries_over(text, para_start, sent.start_char) else None
            para_start = _paragraph_start(text, sent.start_char)
        prev_end = sent.start_char + len(sent.text.rstrip())  # a sentence owns its trailing newlines
        mentions = _mentions(sent, lexicon, memory, base)
        if mentions:
            out.extend(_attributions(sent, mentions, base))
            paragraph = mentions[0].found
            continue
        inherited = _inherit(sent, text[para_start : sent.start_char], paragraph, memory, fallback, base)
        if inherited is not None:
            out.append(_to_record(inherited, sent.start_char + base, sent.end_char + base))
    return out


def source_at(attributions: Sequence[Attribution], start: int, end: int | None = None) -> Attribution | None:
    """The attribution for text at ``start``..``end``: narrowest covering scope, later on ties."""
    end = start + 1 if end is None else end
    best: Attribution | None = None
    for a in attributions:
        inside = a.scope_start <= start and end <= a.scope_end
        if inside and (best is None or a.scope_end - a.scope_start <= best.scope_end - best.scope_start):
            best = a
    return best


def _to_record(found: Found, scope_start: int, scope_end: int) -> Attribution:
    f = found
    kind = PARTY_KINDS.get(f.type, f.kind)
    return Attribution(f.name, kind, f.start, f.end, f.text, scope_start, scope_end, f.confidence)


# A party to the fighting speaking, or its own media: their tolls of the enemy are claims, not counts.
PARTY_KINDS = {"armed_group": "party", "party_media": "party_media"}


def _attributions(sent: Span, mentions: list[_Mention], base: int) -> Iterator[Attribution]:
    outer = _outermost(mentions)
    for m in [outer, *(m for m in mentions if m is not outer)]:
        lo, hi = (sent.start_char, sent.end_char) if m is outer else m.scope
        yield _to_record(m.found, lo + base, hi + base)


def _outermost(mentions: list[_Mention]) -> _Mention:
    # "Residents said X, Reuters reported": the trailing clause relays the whole sentence,
    # whatever the parser made of it.
    tails = [m for m in mentions if m.tail]
    if tails:
        return tails[-1]
    return min(mentions, key=lambda m: (len(list(m.trigger.ancestors)), m.trigger.i))


# --------------------------------------------------------------------------- finding mentions


def _mentions(sent: Span, lexicon: SourceLexicon, memory: AttributionMemory, base: int) -> list[_Mention]:
    skip = memory.default.end - base if memory.default else -1
    found: list[_Mention] = []
    for token in sent:
        if token.idx < skip:
            continue
        for head, source_head in _triggers(token):
            resolved = resolve_phrase(source_head, lexicon, memory, base)
            if resolved is None:
                continue
            memory.remember(resolved)
            found.append(_Mention(resolved, head, _is_tail(head, source_head), _scope(head, source_head)))
            found.extend(_told_outlet(head, lexicon, base))
    return found or _headline_tail(sent, lexicon, base)


def _told_outlet(verb: Token, lexicon: SourceLexicon, base: int) -> Iterator[_Mention]:
    """ "A commander told Reuters": the speaker makes the claim, the outlet relays the sentence."""
    if verb.lemma_.lower() != "tell":
        return
    for obj in verb.children:
        entry = lexicon.named(obj.text) if obj.dep_ in ("dobj", "dative") else None
        if entry is not None and entry.kind in ("agency", "media"):
            found = found_at(entry.name, entry.kind, entry.type, [obj], base, CONF_NAMED)
            yield _Mention(found, verb, True, (verb.sent.start_char, verb.sent.end_char))


def _triggers(token: Token) -> Iterator[tuple[Token, Token]]:
    """(trigger, head of the source phrase) pairs a token opens."""
    if token.lower_ == "according":
        for to in token.children:
            yield from ((token, obj) for obj in to.children if to.lower_ == "to" and obj.dep_ == "pobj")
        return
    if token.lemma_.lower() not in REPORT_LEMMAS or token.pos_ not in ("VERB", "AUX"):
        return
    subject = _subject(token)
    if token.lemma_.lower() in CITE_LEMMAS and subject is None:
        yield from ((token, obj) for obj in token.children if obj.dep_ == "dobj")
        return
    passive = any(c.dep_ == "auxpass" for c in token.children)
    if passive and token.lemma_.lower() not in CITE_LEMMAS:
        for agent in (c for c in token.children if c.dep_ == "agent"):
            yield from ((token, obj) for obj in agent.children if obj.dep_ == "pobj")
        return
    if subject is not None and not (passive and subject.lower_ == "it"):
        yield token, subject


def _subject(verb: Token) -> Token | None:
    # "The state news agency SANA said": of two subjects the one next to the verb names the source.
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if subjects:
        return subjects[-1] if subjects[-1].i < verb.i else subjects[0]
    # "SOHR reported the clashes and said ...": a conjoined verb shares its head's subject.
    if verb.dep_ == "conj" and verb.head.lemma_.lower() in REPORT_LEMMAS:
        return next((c for c in verb.head.children if c.dep_ in SUBJECT_DEPS), None)
    # "Airwars documented ...": a name the parser hung on the verb as a modifier.
    left = [c for c in verb.lefts if c.dep_ in ("npadvmod", "dep", "nmod") and c.pos_ == "PROPN"]
    return left[-1] if left else _orphan_subject(verb)


def _orphan_subject(verb: Token) -> Token | None:
    """The phrase before a closing ", X reported." that the parser hung elsewhere."""
    prev = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or prev is None or prev.pos_ not in ("NOUN", "PROPN"):
        return None
    commas = [t.i for t in verb.sent if t.text == "," and t.i < verb.i]
    if not commas:
        return None
    head = prev
    while commas[-1] < head.head.i < verb.i and head.head.i != head.i:
        head = head.head
    return head if head.pos_ in ("NOUN", "PROPN") else None


def _is_tail(trigger: Token, source: Token) -> bool:
    """A clause like ", Reuters reported." that closes a sentence after its content."""
    if trigger.lower_ == "according":
        return trigger.i > source.sent.start + 2 and not any(
            t.pos_ == "VERB" for t in trigger.sent if t.i > source.i
        )
    left = source.left_edge.i
    if left <= source.sent.start or trigger.i < source.i:
        return False
    before = source.doc[left - 1].text
    after = [t for t in trigger.sent if t.i > trigger.i]
    return before in {",", "”", '"'} and not any(t.dep_ == "ccomp" for t in after)


def _scope(trigger: Token, source: Token) -> tuple[int, int]:
    """The clause a non-outermost source covers: its verb's content without the source phrase."""
    if trigger.lemma_.lower() in CITE_LEMMAS and trigger.dep_ in ("advcl", "acl", "xcomp", "conj"):
        trigger = trigger.head
    content = [c for c in trigger.children if c.dep_ == "ccomp"]
    tokens = [t for c in content for t in c.subtree] if content else list(trigger.subtree)
    own = {t.i for t in source.subtree}
    tokens = [t for t in tokens if t.i not in own] or [trigger]
    return min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens)


def _headline_tail(sent: Span, lexicon: SourceLexicon, base: int) -> list[_Mention]:
    # "Civilian killed near Qamishli - state media": a title names its source after a dash.
    match = HEADLINE_TAIL.search(sent.text)
    if not match:
        return []
    phrase = match.group("src").strip()
    entry = lexicon.named(phrase) or lexicon.generic.get(norm(phrase).casefold())
    if entry is None:
        return []
    start = sent.start_char + match.start("src")
    end = start + len(phrase)
    found = Found(entry.name, entry.kind, entry.type, start + base, end + base, phrase, CONF_GENERIC)
    return [_Mention(found, sent.root, True, (sent.start_char, sent.end_char))]


# --------------------------------------------------------------------------- fallbacks


def _outlet_found(outlet: str | None, lexicon: SourceLexicon) -> Found | None:
    if not outlet or not outlet.strip():
        return None
    entry = lexicon.get(outlet) or lexicon.get(re.sub(r"\s*\(.*?\)\s*", " ", outlet).strip())
    name = entry.name if entry else outlet.strip()
    type_ = "party_media" if _party_outlet(outlet, lexicon) else "outlet"
    return Found(name, "outlet", type_, -1, -1, "", CONF_OUTLET)


def _party_outlet(outlet: str, lexicon: SourceLexicon) -> bool:
    """The document comes from a party to the fighting only: its own media or channels, alone or
    relayed by platforms that carry others' words ("Taliban Twitter; Liveuamap; Twitter")."""
    entries = [lexicon.get(part.strip()) for part in outlet.split(";") if part.strip()]
    if not entries or any(e is None for e in entries):
        return False
    party = [e for e in entries if e is not None and e.type in PARTY_KINDS]
    relays = [e for e in entries if e is not None and e.scale == "New media" and e.type not in PARTY_KINDS]
    return bool(party) and len(party) + len(relays) == len(entries)


def _dateline(
    text: str, sentences: Sequence[Span], lexicon: SourceLexicon, memory: AttributionMemory, base: int
) -> Found | None:
    """The agency of a "BEIRUT (Reuters) -" dateline opening one of a document's first paragraphs."""
    at = sentences[0].start_char
    while memory.paragraphs_seen < DATELINE_PARAGRAPHS and at < sentences[-1].end_char:
        line_end = text.find("\n", at)
        line_end = len(text) if line_end < 0 else line_end
        if text[at:line_end].strip():
            memory.paragraphs_seen += 1
            found = _dateline_at(text, at, lexicon, base)
            if found is not None:
                return found
        at = line_end + 1
    return None


def _dateline_at(text: str, at: int, lexicon: SourceLexicon, base: int) -> Found | None:
    match = DATELINE.match(text, at, min(len(text), at + 160))
    if not match:
        return None
    raw = match.group("agency").strip()
    entry = lexicon.get(raw)
    if entry is None and not raw[0].isupper():
        return None
    start = match.start("agency") + base
    name, kind, type_ = (entry.name, entry.kind, entry.type) if entry else (raw, "agency", "agency")
    return Found(name, kind, type_, start, start + len(raw), raw, CONF_DATELINE)


def _inherit(
    sent: Span,
    before_sent: str,
    paragraph: Found | None,
    memory: AttributionMemory,
    fallback: Found | None,
    base: int,
) -> Found | None:
    """The source of a sentence with none of its own; ``before_sent`` is its paragraph so far."""
    # A leading quote mark opens a quote, unless one is already open: then it closes it.
    opens = sent.text.lstrip()[:1] in '"“”'
    continues = quote_open(before_sent) != opens
    if paragraph is not None and continues:
        return replace(paragraph, confidence=CONF_QUOTE)
    dateline = memory.default
    before = dateline is not None and dateline.start >= sent.end_char + base
    return fallback if dateline is None or before else dateline


def _carries_over(text: str, para_start: int, next_start: int) -> bool:
    """A paragraph left inside a quote that the next one reopens continues the same speaker."""
    return quote_open(text[para_start:next_start]) and text[next_start : next_start + 1] in '"“'


def _paragraph_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1
