"""Which language a document is in, cheaply: the coder reads English only, and says so.

``detect`` looks at the first few thousand characters: the script of the letters (Arabic,
Cyrillic, Chinese, ...) and, for Latin script, the share of each language's commonest function
words. It only claims another language when that language's words clearly outnumber English
ones, so an English report full of foreign names stays English.
"""

from __future__ import annotations

import re
import unicodedata

ENGLISH = "en"
SAMPLE_CHARS = 4000
# Fewer function words than this and the text is too short to tell: it is read as English.
MIN_HITS = 5
# Another language must have this many times English's function words to be named.
MARGIN = 2.0

_FUNCTION_WORDS = {
    "en": "the of and to in a is was were that for on with by at from said have has had it are be this an",
    "fr": "le la les des et du un une est dans que qui pour sur au aux par pas ont été avec il elle ce",
    "es": "el la los las del y en un una es que por con para se al fue han lo como su sus más pero",
    "pt": "o a os as do da dos das e em um uma que para com por não foi são no na pelo pela seu",
    "de": "der die das und ist nicht ein eine zu den dem mit von auf für sich des im wurde sind auch",
    "it": "il lo la gli le di del della che e un una per con non sono è nel alla dei anche",
    "nl": "de het een en van in is dat op te zijn voor met niet aan er door bij werd ook",
    "id": "dan yang di ke dari ini itu dengan untuk pada adalah tidak dalam akan oleh juga",
    "tr": "ve bir bu da de ile için olarak çok daha gibi olan ama ise kadar sonra ancak",
    "sw": "na ya wa kwa la za katika ni kuwa hiyo huo hao pia lakini ambao",
}
_ENGLISH_WORDS = frozenset(_FUNCTION_WORDS[ENGLISH].split())
# Words shared with English ("a", "in", "is") say nothing about which of the two a text is in.
_WORDS = {lang: frozenset(words.split()) - _ENGLISH_WORDS for lang, words in _FUNCTION_WORDS.items()}
_TOKEN = re.compile(r"[^\W\d_]+")
_SCRIPTS = (
    ("ARABIC", "ar"), ("CYRILLIC", "ru"), ("CJK", "zh"), ("HIRAGANA", "ja"), ("KATAKANA", "ja"),
    ("HANGUL", "ko"), ("DEVANAGARI", "hi"), ("HEBREW", "he"), ("GREEK", "el"), ("THAI", "th"),
    ("BENGALI", "bn"), ("ETHIOPIC", "am"), ("ARMENIAN", "hy"), ("GEORGIAN", "ka"), ("TAMIL", "ta"),
)  # fmt: skip


def detect(text: str) -> str:
    """The language code of ``text`` (``en`` unless another language is clear)."""
    sample = text[:SAMPLE_CHARS]
    script = _script(sample)
    if script is not None:
        return script
    words = [w.casefold() for w in _TOKEN.findall(sample)]
    hits = {lang: sum(w in vocab for w in words) for lang, vocab in _WORDS.items() if lang != ENGLISH}
    english = sum(w in _ENGLISH_WORDS for w in words)
    best = max(hits, key=lambda lang: hits[lang])
    if hits[best] >= MIN_HITS and hits[best] >= MARGIN * max(english, 1):
        return best
    return ENGLISH


def is_english(code: str | None) -> bool:
    """Whether a language tag ("en", "en-GB", "eng", "English") names English; None counts as unknown."""
    if not code:
        return True
    tag = code.strip().lower().replace("_", "-")
    return tag.split("-")[0] in ("en", "eng", "english")


def _script(sample: str) -> str | None:
    """The language of a non-Latin script that holds most of the letters, if one does."""
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return None
    counts: dict[str, int] = {}
    for c in letters:
        if c.isascii():
            continue
        name = unicodedata.name(c, "")
        for prefix, lang in _SCRIPTS:
            if name.startswith(prefix):
                counts[lang] = counts.get(lang, 0) + 1
                break
    if not counts:
        return None
    lang = max(counts, key=lambda k: counts[k])
    return lang if counts[lang] * 2 > len(letters) else None
