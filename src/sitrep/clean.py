"""The clean stage: split a document into paragraph segments and set aside what is not the story.

Scraped pages carry more than the story: photo captions, bylines, share buttons, cookie notices
and lists of other stories' headlines, often with nothing in between to tell them from the text.
This stage keeps every segment (with exact offsets into ``Document.text``) and labels it, so the
coder reads only ``headline`` and ``body`` segments while other stages can still see the rest.

It works on plain strings: fixed patterns for captions, bylines and boilerplate, then word
statistics for headlines. A title-shaped line (short, no closing full stop) is the story's
headline when it sits at the top and shares salient words with the story's prose; the same shape
after or between prose paragraphs, sharing no words with the story, is another story's headline.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz

from sitrep.errors import DocumentError
from sitrep.records import JUNK_KINDS, STORY_KINDS, Document, Segment, SegmentKind

log = logging.getLogger(__name__)

BODY: SegmentKind = "body"
HEADLINE: SegmentKind = "headline"
RELATED: SegmentKind = "related"
CAPTION: SegmentKind = "caption"
BYLINE: SegmentKind = "byline"
BOILERPLATE: SegmentKind = "boilerplate"

# Past this many words a paragraph is prose whatever its last character (scrapes lose full stops).
PROSE_MIN_WORDS = 40
# A title is at most this long; longer lines without a full stop are left as body.
TITLE_MAX_WORDS = 30
# Below this many salient story words there is too little text to judge overlap at all.
MIN_VOCAB = 12
# A title sharing fewer than this share of its salient words with the story is about something else.
LOW_OVERLAP = 0.25
# Marker-led lines longer than this are prose that merely starts with a marker word.
MARKER_MAX_WORDS = 60

# The line boundaries of str.splitlines, so "a line" means what Python means by it.
_LINE = re.compile(r"[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")
_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_CLOSERS = "\"'”’»)]*"
_TERMINAL = frozenset(".!?…:;")
# A bracketed note after the last sentence ("[size=dozens]", "[Reuters]") does not end it.
_TRAILING_NOTE = re.compile(r"\s*\[[^\[\]]{0,60}\]\s*$")
_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:['’][^\W\d_]+)?")

_I = re.IGNORECASE
_RELATED_HEADER = re.compile(
    r"^(?:read (?:more|also|next)|also read|see also|related(?: (?:articles?|stories|story|news|content|"
    r"coverage|posts?|reading|links?|topics))?|more (?:stories|news|on this story|from [\w ]{1,30})|"
    r"you (?:may|might) (?:also )?(?:like|be interested in)|recommended(?: for you| stories| reading)?|"
    r"most (?:read|popular|viewed|shared)|trending(?: now| stories| news)?|further reading|don'?t miss|"
    r"top stories|latest (?:news|stories)|editor'?s picks?|what to read next|in other news|"
    r"other stories|more in [\w ]{1,30}|also on [\w ]{1,30}|sponsored (?:content|stories))\s*[:»›>|–—-]?\s*",
    _I,
)
_CAPTION = re.compile(
    r"^(?:\(?(?:photo|photos|photograph|image|images|picture|pictured|illustration|graphic|credit|"
    r"caption|file photo|photo credit|image credit|image source|photo source)\s*[:|/—–-]|"
    r"\(?file photo\b|picture shows\b|pictured\b|handout photo\b|photo by\b|"
    r"in (?:this|these|a) (?:\w+ ){0,3}(?:photo|photos|image|images|picture|video|frame|still|"
    r"handout|screenshot|screengrab|grab)\b|"
    r"(?:this|these|a|an) (?:\w+ ){0,3}(?:photo|photos|image|picture|frame grab|screengrab|"
    r"screenshot|still) (?:\w+ ){0,2}(?:shows?|provided|released|taken|made|obtained|posted|"
    r"distributed|from|of)\b)",
    _I,
)
_CREDIT_END = re.compile(
    r"(?:\((?=[^()]{0,90}\))[^()]*\b(?:photo|via|getty|handout|file|screengrab|screenshot|"
    r"[A-Z]{2,}/)[^()]*\)|(?:photograph|photo|image|picture)\s*:\s*[^.]{1,80}|getty images)\s*\.?$",
    _I,
)
_BYLINE = re.compile(
    r"^\(?\s*(?:(?:additional |contributing )?(?:reporting|writing|editing|edited|compiled|"
    r"produced|translated|written|reported|posted|words|photos|research) by\b|"
    r"(?:[-–—]\s*)?with (?:additional )?(?:reporting|files|input) from\b|"
    r"(?:staff|special|senior|chief|foreign) (?:writer|correspondent|reporter)\b|author\s*:)",
    _I,
)
_BY_NAME = re.compile(
    r"^[Bb][Yy]\s+(?:[A-Z][\w.'’-]*\.?\s*){1,4}(?:(?:,|and|&)\s*(?:[A-Z][\w.'’-]*\.?\s*){1,4}){0,3}"
    r"(?:\s*[,|–—-]\s*[\w .'’-]{0,40})?$"
)
_CONTRIBUTED = re.compile(
    r"\bcontributed (?:reporting |to )?(?:to )?(?:this|the) (?:report|story|article)\b", _I
)
_BIO = re.compile(
    r"^(?:[A-Z][\w.'’-]+\s){1,3}(?:is|was) (?:a|an|the) [^.]{0,100}\b(?:correspondent|reporter|"
    r"journalist|writer|editor|columnist|contributor|analyst|fellow|author|producer)\b[^.]{0,120}"
    r"\b(?:based in|covers|covering|writes|reports on|follow (?:him|her|them)|@\w+)",
)
_AGENCY_ONLY = re.compile(
    r"^[\s(\[—–-]*(?:AFP|AP|Reuters|Agencies|Associated Press|Agence France-Presse|Xinhua|Anadolu|dpa|"
    r"EFE|ANI|PTI|IANS|UPI|Staff|Wires|News Desk|Web Desk)(?:\s*(?:,|/|and|&|with)\s*[\w ]{1,20})?[\s)\].]*$",
    _I,
)
_BOILERPLATE = re.compile(
    r"^(?:advertisement\b|advertising\b|sponsored\b|story continues below|scroll (?:down )?to continue|"
    r"continue reading|subscribe\b|sign up\b|sign in\b|log in\b|click here\b|tap here\b|"
    r"share (?:this|on|via|the|article|story)\b|follow (?:us|@|me|him|her|them|our|the author)\b|"
    r"follow [\w .]{1,40} on (?:twitter|facebook|instagram|telegram|x)\b|join (?:us|our)\b.{0,60}"
    r"(?:telegram|whatsapp|channel|newsletter|community)|download (?:our|the) app|"
    r"get (?:the|our) (?:latest|app|newsletter|daily|free)|we use cookies|this (?:web)?site uses cookies|"
    r"(?:accept|manage|reject) (?:all )?cookies|cookie (?:policy|settings|preferences|notice)|"
    r"privacy (?:policy|notice)|terms (?:of use|and conditions|of service)|©|copyright\b|\(c\)\s*\d{4}|"
    r"tags?\s*:|topics?\s*:|filed under\b|categor(?:y|ies)\s*:|posted in\b|keywords?\s*:|"
    r"support (?:our|independent|quality) journalism|leave a (?:comment|reply)|\d+\s+comments?\b|"
    r"comments?\s*\(\d+\)|you have reached|already a subscriber|skip to (?:main )?content|"
    r"report an? (?:error|correction)|notifications?\b|back to top\b|loading\b)",
    _I,
)
_BOILERPLATE_ANYWHERE = re.compile(
    r"all rights reserved|may not be (?:published|reproduced|redistributed|broadcast)", _I
)
_SOCIAL_WORDS = (
    "facebook twitter x whatsapp email e-mail print linkedin telegram reddit pinterest messenger copy "
    "link share tweet comments comment sms flipboard pocket save url viber vk"
)
_SOCIAL = frozenset(_SOCIAL_WORDS.split())
_EXACT_WORDS = (
    "ad|ads|watch|video|videos|live|listen|menu|search|home|close|next|previous|more|show more|top|"
    "register|login|opinion|world|news"
)
_EXACT_BOILERPLATE = frozenset(_EXACT_WORDS.split("|"))
_DATE_WORDS = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|"
    r"fri(?:day)?|sat(?:urday)?|sun(?:day)?|am|pm|a\.m|p\.m|gmt|utc|est|edt|cet|bst|ist|et|pt|"
    r"(?:last )?updated|published|posted|modified|created|on|at|by|ago|hours?|mins?|minutes?|"
    r"st|nd|rd|th|read|time)\b|\d+",
    _I,
)
_NAV_SEPARATORS = re.compile(r"\s(?:\||»|›|>|•|/)\s")
_DATELINE_ONLY = re.compile(r"^[A-Z][A-Z .'’-]+(?:,\s*[\w .'’-]+)?\s*(?:\([\w .'’-]+\))?\s*[—–:-]*$")

_STOPWORD_TEXT = """
    a about above after again against ago all also amid an and another any are around as at away back be
    because been before being below between both but by can could day days did do does down during
    each early end even ever every few for four from further get got had has have he her here hers
    him his how however i if in into is it its just last late later least less like made make man
    many may me men might more most much must my near new news next no nor not now of off on once
    one only or other our out over own people per said same say says see she should since so some
    still such than that the their them then there these they third this those three through
    thursday to today told tomorrow too tuesday two under until up upon very via was we wednesday
    week weeks were what when where which while who whom whose why will with woman women would year
    years yesterday you your monday friday saturday sunday morning evening night afternoon time
    times first second report reports reported according video watch live latest update updates
    breaking exclusive read world via its it's
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def segment(document: Document) -> list[Segment]:
    """Split ``document.text`` into paragraph segments, each labelled with its ``kind``.

    Segments are in order, never overlap, and ``document.text[s.start:s.end] == s.text``; lines
    without a letter or digit (rules, blank lines) belong to no segment.
    """
    if not isinstance(document.text, str):
        raise DocumentError(document.id, "document text is not a string")
    spans = paragraph_spans(document.text)
    texts = [document.text[start:end] for start, end in spans]
    kinds = classify(texts, title=document.title)
    segments = [
        Segment(document=document.id, start=start, end=end, text=text, kind=kind)
        for (start, end), text, kind in zip(spans, texts, kinds, strict=True)
    ]
    junk = sum(kind in JUNK_KINDS for kind in kinds)
    log.debug("%s: %d segments, %d set aside", document.id, len(segments), junk)
    return segments


def story_segments(segments: Iterable[Segment]) -> list[Segment]:
    """The segments the event coder should read: headlines and body, in order."""
    return [s for s in segments if s.kind in STORY_KINDS]


def story_text_spans(segments: Iterable[Segment], headlines: bool = True) -> list[tuple[int, int]]:
    """Absolute ``(start, end)`` spans of the story's text, optionally leaving headlines out."""
    kinds = STORY_KINDS if headlines else frozenset({BODY})
    return [(s.start, s.end) for s in segments if s.kind in kinds]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Whitespace-trimmed spans of the text's paragraphs.

    Every line is a paragraph, except that a line continuing a hard-wrapped sentence (the line
    before it has no closing punctuation and it starts in lower case, with no blank line between)
    joins the paragraph before it.
    """
    spans: list[tuple[int, int]] = []
    for match in _LINE.finditer(text):
        start, end = _trim(text, match.start(), match.end())
        if not any(ch.isalnum() for ch in text[start:end]):
            continue
        if spans and _continues(text, spans[-1], (start, end)):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def classify(texts: Sequence[str], title: str | None = None) -> list[SegmentKind]:
    """The kind of each paragraph of one document, given in reading order."""
    kinds: list[SegmentKind | None] = [marker_kind(text) for text in texts]
    _mark_related_blocks(texts, kinds)
    prose = [kind is None and is_prose(text) for text, kind in zip(texts, kinds, strict=True)]
    body_vocab = _vocab(t for t, is_p in zip(texts, prose, strict=True) if is_p)
    if sum(kind is None for kind in kinds) <= 1:
        return [kind or BODY for kind in kinds]  # a lone paragraph is the story, whatever its shape
    top = _mark_top(texts, kinds, prose, body_vocab, title)
    head_vocab = _vocab(t for t, k in zip(texts, kinds, strict=True) if k == HEADLINE)
    _mark_runs(texts, kinds, prose, body_vocab | head_vocab, top)
    return [kind or BODY for kind in kinds]


def marker_kind(text: str) -> SegmentKind | None:
    """The junk kind a paragraph announces by its own wording (a caption, a byline, ...), if any."""
    words = _word_count(text)
    if words > MARKER_MAX_WORDS:
        return None
    if _DATELINE_ONLY.match(text) and not _AGENCY_ONLY.match(text):
        return None
    for kind, test in ((RELATED, _is_related_line), (BYLINE, _is_byline), (CAPTION, _is_caption)):
        if test(text):
            return kind
    return BOILERPLATE if _is_boilerplate(text) else None


def is_prose(text: str) -> bool:
    """Whether a paragraph reads as running text: it ends a sentence, or it is long."""
    return _ends_sentence(text) or _word_count(text) >= PROSE_MIN_WORDS


def is_title_shaped(text: str) -> bool:
    """Whether a paragraph has a headline's shape: short and not ending a sentence."""
    return not is_prose(text) and _word_count(text) <= TITLE_MAX_WORDS


def salient_words(text: str) -> set[str]:
    """Crude stems of the content words of a text: what two texts about one story share."""
    upper = _mostly_upper(text)
    out: set[str] = set()
    for raw in _WORD.findall(text):
        word = raw.replace(".", "")
        word = re.sub(r"['’]s$", "", word)
        if not upper and word.isupper() and 2 <= len(word) <= 5:
            out.add(word)  # acronyms (US, UN, SDF) would be lost as stop words once lower-cased
            continue
        stem = _stem(word.lower())
        if len(stem) >= 3 and word.lower() not in _STOPWORDS:
            out.add(stem)
    return out


def overlap(text: str, vocab: set[str]) -> float | None:
    """Share of a text's salient words found in ``vocab``; None when the text has none."""
    words = salient_words(text)
    if not words:
        return None
    return len(words & vocab) / len(words)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _continues(text: str, prev: tuple[int, int], span: tuple[int, int]) -> bool:
    if len(_BREAK.findall(text, prev[1], span[0])) != 1:
        return False
    first = text[span[0]]
    return first.islower() and not _ends_sentence(text[prev[0] : prev[1]])


def _ends_sentence(text: str) -> bool:
    stripped = _TRAILING_NOTE.sub("", text).rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in _TERMINAL


def _word_count(text: str) -> int:
    return len(text.split())


def _mostly_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 8 and sum(ch.isupper() for ch in letters) > 0.7 * len(letters)


def _stem(word: str) -> str:
    for suffix in ("ings", "ing", "edly", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word[:5]


def _vocab(texts: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for text in texts:
        out |= salient_words(text)
    return out


def _is_related_line(text: str) -> bool:
    match = _RELATED_HEADER.match(text)
    if not match:
        return False
    if match.end() == len(text):
        return True
    # "Related talks ..." is prose; only a marker followed by punctuation introduces a link.
    return bool(re.search(r"[:»›>|–—-]\s*$", match.group(0))) and not is_prose(text)


def _is_related_header(text: str) -> bool:
    match = _RELATED_HEADER.match(text)
    return match is not None and match.end() == len(text)


def _is_byline(text: str) -> bool:
    if _BYLINE.match(text) or _is_by_name(text):
        return True
    if _AGENCY_ONLY.match(text):
        return True
    short = _word_count(text) <= 25
    return bool(short and _CONTRIBUTED.search(text) or _BIO.match(text))


def _is_by_name(text: str) -> bool:
    # "By Saturday, the toll had risen" names a day, not an author.
    if _word_count(text) > 10 or not _BY_NAME.match(text):
        return False
    first = text.split()[1].strip(",.")
    return not _DATE_WORDS.fullmatch(first)


def _is_caption(text: str) -> bool:
    return bool(_CAPTION.match(text) or _CREDIT_END.search(text))


def _is_boilerplate(text: str) -> bool:
    if _BOILERPLATE.match(text) or _BOILERPLATE_ANYWHERE.search(text):
        return True
    bare = re.sub(r"[^\w\s-]", " ", text).lower().split()
    if " ".join(bare) in _EXACT_BOILERPLATE or (bare and all(w in _SOCIAL for w in bare)):
        return True
    return _is_timestamp(text) or _is_navigation(text)


def _is_timestamp(text: str) -> bool:
    if not any(ch.isdigit() for ch in text) or _word_count(text) > 12:
        return False
    rest = _DATE_WORDS.sub(" ", text)
    return not any(ch.isalpha() for ch in rest)


def _is_navigation(text: str) -> bool:
    parts = _NAV_SEPARATORS.split(text)
    if len(parts) < 3:
        return False
    return all(_word_count(part) <= 3 for part in parts)


def _mark_related_blocks(texts: Sequence[str], kinds: list[SegmentKind | None]) -> None:
    """After a bare "Related" / "Read more" header, its list of titles is related too."""
    for i, text in enumerate(texts):
        if kinds[i] != RELATED or not _is_related_header(text):
            continue
        for j in range(i + 1, len(texts)):
            if kinds[j] is not None:
                continue
            if not is_title_shaped(texts[j]):
                break
            kinds[j] = RELATED


def _mark_top(
    texts: Sequence[str],
    kinds: list[SegmentKind | None],
    prose: Sequence[bool],
    vocab: set[str],
    title: str | None,
) -> int:
    """Label the lines above the first prose paragraph; returns that paragraph's index."""
    for i, text in enumerate(texts):
        if prose[i]:
            return i
        if kinds[i] is None:
            kinds[i] = _top_kind(text, vocab, title)
    return len(texts)


def _top_kind(text: str, vocab: set[str], title: str | None) -> SegmentKind:
    if title and fuzz.ratio(_norm(text), _norm(title)) >= 90:
        return HEADLINE
    if not is_title_shaped(text):
        return BODY
    share = overlap(text, vocab)
    if len(vocab) < MIN_VOCAB or share is None or share >= LOW_OVERLAP:
        return HEADLINE
    return RELATED if _word_count(text) >= 4 else BOILERPLATE


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", text.lower()).split())


def _mark_runs(
    texts: Sequence[str], kinds: list[SegmentKind | None], prose: Sequence[bool], vocab: set[str], top: int
) -> None:
    """Label runs of title-shaped lines below the top: other stories' headlines when off-topic."""
    if len(vocab) < MIN_VOCAB:
        return
    run: list[int] = []
    for i in range(top, len(texts) + 1):
        if i < len(texts) and not prose[i]:
            if kinds[i] is None and is_title_shaped(texts[i]):
                run.append(i)
            continue
        if run:
            _judge_run(texts, kinds, run, vocab, trailing=i == len(texts))
        run = []


def _judge_run(
    texts: Sequence[str], kinds: list[SegmentKind | None], run: list[int], vocab: set[str], trailing: bool
) -> None:
    shares = [overlap(texts[i], vocab) for i in run]
    low = [share is not None and share < LOW_OVERLAP for share in shares]
    # A trailing list where most titles are off-topic is a list of links: its on-topic titles are
    # related stories too, not the story's last words.
    whole_list = trailing and len(run) >= 2 and sum(low) * 2 >= len(run)
    min_words = 3 if trailing or len(run) >= 2 else 5
    for i, is_low in zip(run, low, strict=True):
        if (is_low or whole_list) and _word_count(texts[i]) >= min_words:
            kinds[i] = RELATED
