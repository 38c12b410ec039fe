"""The event's country: the one decision every other place, actor name and merge depends on.

Clues, each weighed as a coder would:
- the text's place names and demonyms (``Gazetteer.country_evidence``), read with people's and
  actors' names blanked ("Mark Esper" holds no town);
- places named with a division that holds them ("El Callao, Bolivar state": ``hierarchy_votes``);
- bodies that work in one country only ("OSCE SMM", "UNAMA");
- the home countries of the armed groups named;
- the outlet's home country (``outlets.home_votes``), a weak prior.

Then a story told from abroad ("a shootout took place in the city of Al-Qamishli" in a US paper
that names the US more than Syria) moves to the country of the town the event sentence names
(``event_country``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sitrep.places import geocode
from sitrep.places.context import context_score, full_name
from sitrep.places.gazetteer import Gazetteer
from sitrep.places.scan import ADMIN_SUFFIXES, TextNames
from sitrep.records import Actor, Place

if TYPE_CHECKING:
    from sitrep.actors.lexicon import ActorLexicon

Span = tuple[int, int]

# How much one actor mention says about the country, beside the gazetteer's shares (which sum
# to 1): armed groups mostly fight at home; a state's forces often abroad.
ACTOR_COUNTRY_WEIGHT = {2: 0.5, 3: 0.5, 4: 0.5}
# A place named with its division ("Pesqueria, Nuevo Leon") outweighs loose name votes.
HIERARCHY_WEIGHT = 0.6
# A national outlet's home counts as one well-placed town name would beside the text's own
# names (whose shares sum to 1 however many there are): it decides a note that names only an
# unknown village, and is a whisper beside an article that names its places again and again.
OUTLET_VOTE = 1.5
OUTLET_CAP = 0.7
# The raw strength at which the text's names have their full say: one town of 10,000 named
# "in" it early on. A lone hamlet says less.
TEXT_FULL = 1.5
# A body that works in one country only ("OSCE SMM", "UNAMA") says where as much as a division.
THEATRE_WEIGHT = 0.6
# A city this large is more likely meant than a person who shares its name.
NAMED_CITY = 100_000
# A rival reading this large (as a share of the town's people) keeps a story where the votes put it.
RIVAL_SHARE = 5


@dataclass(frozen=True)
class Clues:
    """What the country decision reads of one document, each computed once."""

    names: TextNames  # the text's gazetteer names and demonyms
    masked: TextNames  # the same with people's and actors' names blanked
    blanked: tuple[Span, ...]  # those people's and actors' names
    hierarchy: Mapping[str, float]  # countries where a place and its division fit together
    homes: Mapping[str, float]  # the outlets' home countries
    actor_spans: tuple[Any, ...]  # spaCy spans that may name actors

    @property
    def text(self) -> str:
        return self.names.text


def read_clues(
    text: str, names: TextNames, ents: Sequence[Any], actor_spans: Sequence[Any], homes: Mapping[str, float],
    gazetteer: Gazetteer,
) -> Clues:  # fmt: skip
    """The document's clues: ``names`` its scanned text, ``ents`` its spaCy entities."""
    blanked = tuple(name_spans(ents, gazetteer))
    masked = names if not blanked else gazetteer.read(_blank(text, blanked))
    hierarchy = geocode.hierarchy_votes(text, names.toponyms)
    return Clues(names, masked, blanked, hierarchy, homes, tuple(actor_spans))


def name_spans(ents: Sequence[Any], gazetteer: Gazetteer) -> list[Span]:
    """People's full names and actors' names: the places inside them are not where things happen.

    Single-word PERSON entities are not names here, since the model often tags unknown villages
    as people; nor is a "person" that spells a country, a division or a large city exactly
    ("Nuevo Leon", "La Paz"), which the model often takes for a Spanish name, nor one that holds
    a bracket (a village with its divisions)."""
    return [
        (e.start_char, e.end_char)
        for e in ents
        if (e.label_ in ("PERSON", "WORK_OF_ART") and len(e) > 1 and not _is_place_name(e.text, gazetteer))
        or e.label_ == "ACTOR"
    ]


def _is_place_name(text: str, gazetteer: Gazetteer) -> bool:
    if "(" in text:
        return True  # "Boundore (Boundore, Yagha": a place with its divisions, cut short
    places = gazetteer.lookup(text, fuzzy=False)
    return any(p.feature in ("country", "admin1") or p.population >= NAMED_CITY for p in places)


def _blank(text: str, spans: Sequence[Span]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


# --------------------------------------------------------------------------- the vote


def vote(
    clues: Clues, gazetteer: Gazetteer, actors: ActorLexicon, date: str | None
) -> tuple[Place | None, Span | None]:
    """The country the document's clues favour, and a span of text that names it."""
    votes: dict[str, float] = defaultdict(float)
    text_votes, strength = _text_votes(clues, gazetteer)
    for iso3, share in clues.homes.items():
        votes[iso3] += (min(OUTLET_CAP, OUTLET_VOTE / strength) if strength else OUTLET_CAP) * share
    # Names this weak (one small village) say less than a named armed group or the outlet.
    say = min(1.0, strength / TEXT_FULL) if strength else 1.0
    for voted, share in text_votes:
        if voted.iso3:
            votes[voted.iso3] += say * share
    for iso3, weight in clues.hierarchy.items():
        votes[iso3] += HIERARCHY_WEIGHT * weight
    for iso3, count in gazetteer.theatre_votes(clues.text).items():
        votes[iso3] += THEATRE_WEIGHT * count
    spans = _actor_votes(clues, gazetteer, actors, date, votes)
    if not votes:
        return None, None
    iso3 = max(votes, key=lambda k: votes[k])
    found = gazetteer.country(iso3)
    for toponym in clues.names.toponyms:
        if any(c.iso3 == iso3 for c in toponym.candidates):
            return found, (toponym.start, toponym.end)
    return found, spans.get(iso3)


def _text_votes(clues: Clues, gazetteer: Gazetteer) -> tuple[list[tuple[Place, float]], float]:
    """Votes with people's full names blanked, unless blanking invents a country or loses the
    leading one, and the strength of the names behind them.

    The model sometimes takes "Al Hali, Al Hudaydah" or "Espirito Santo" for people; blanking
    may then leave no place at all, and the gazetteer's fuzzy fallback would guess one.
    """
    raw, raw_strength = gazetteer.country_evidence(clues.names, prior=clues.homes)
    if not clues.blanked:
        return raw, raw_strength
    masked, masked_strength = gazetteer.country_evidence(clues.masked, context=clues.text, prior=clues.homes)
    masked_countries = {p.iso3 for p, _ in masked}
    if masked and masked_countries <= {p.iso3 for p, _ in raw} and raw[0][0].iso3 in masked_countries:
        return masked, masked_strength
    return raw, raw_strength


def _actor_votes(
    clues: Clues, gazetteer: Gazetteer, actors: ActorLexicon, date: str | None, votes: dict[str, float]
) -> dict[str, Span]:
    """Add the home countries of the armed groups named (once per group) to ``votes``; return a
    span naming each such country."""
    spans: dict[str, Span] = {}
    seen: set[str] = set()
    for span in clues.actor_spans:
        actor = actors.resolve(span.text, None, date)
        weight = ACTOR_COUNTRY_WEIGHT.get(actor.inter, 0.0) if actor and actor.name not in seen else 0.0
        home = _group_home(actors, actor, votes) if actor and weight else None
        place = gazetteer.country(home) if home else None
        if actor is not None and place is not None and place.iso3:
            seen.add(actor.name)
            votes[place.iso3] += weight
            spans.setdefault(place.iso3, (span.start_char, span.end_char))
    return spans


def _group_home(actors: ActorLexicon, actor: Actor, support: Mapping[str, float]) -> str | None:
    """Where an armed group's mention says the event is: its main country, unless it is a rebel
    group that fights in several and the other clues (places, the outlet's home) favour another
    of them (the PKK in Dahuk; JNIM in a Burkinabe paper). Militias named after a country
    ("Settlers (Israel)") keep their theatre."""
    group = actors.group_named(actor.name) if actor.inter == 2 else None
    backed = [iso3 for iso3 in group.countries if support.get(iso3, 0.0) > 0] if group else []
    return max(backed, key=lambda iso3: support[iso3]) if backed else actor.country


# --------------------------------------------------------------------------- told from abroad


def event_country(
    clues: Clues,
    voted: str | None,
    trigger: Span,
    sentences: Sequence[Span],
    gazetteer: Gazetteer,
) -> tuple[Place, Span] | None:
    """The country of the town the event sentence puts the event in ("a shootout took place in
    the city of Al-Qamishli"), when it is not the country the document's names voted for: a
    story told from abroad names its actors' countries more often than the place. Only a town
    whose name belongs clearly to one country, and cannot be read in the voted one, moves the
    event; never when the text names a division of the voted country, with its suffix or with a
    place inside it (the countries of "Marin, Nuevo Leon")."""
    if voted in _divisions_named(clues.names) | set(clues.hierarchy):
        return None  # a division of the voted country is named: the story is told from there
    text = clues.text
    places = geocode.find_places(text, gazetteer, None, clues.blanked, clues.names.toponyms)
    loc = geocode.locate(text, places, trigger, sentences, gazetteer, None)
    if loc is None or loc.place.feature != "city" or loc.place.iso3 == voted:
        return None
    if not _in_event_sentence(loc.start, trigger, sentences) or not loc.place.iso3:
        return None
    if context_score(text, loc.start, loc.end) <= 0:
        return None
    if full_name(text, loc.start, loc.end) != (loc.start, loc.end):
        return None  # "Ain" of an unknown "Ain er Roummaneh" is no town abroad
    # A village the gazetteer does not know stands by the town it is coded at.
    readings = gazetteer.lookup(loc.anchor or text[loc.start : loc.end])
    if any(p.iso3 == voted for p in readings):
        return None  # the name can be read in the voted country: the votes stand
    rivals = [p for p in readings if p.iso3 != loc.place.iso3 and p.feature in ("city", "admin1", "country")]
    if any(p.population * RIVAL_SHARE > loc.place.population for p in rivals):
        return None
    found = gazetteer.country(loc.place.iso3)
    return (found, (loc.start, loc.end)) if found else None


def _in_event_sentence(start: int, trigger: Span, sentences: Sequence[Span]) -> bool:
    """In the event sentence, or in the lead when the event word is in the headline."""
    return any(a <= start < b and (k < 3 or a <= trigger[0] < b) for k, (a, b) in enumerate(sentences))


def _divisions_named(names: TextNames) -> set[str | None]:
    """Countries whose divisions the text names with their suffix ("Rakhine State"). A bare
    "Washington" is more often a government than a state."""
    return {
        c.iso3
        for t in names.toponyms
        if t.text.split()[-1].lower() in ADMIN_SUFFIXES
        for c in t.candidates
        if c.feature == "admin1"
    }

