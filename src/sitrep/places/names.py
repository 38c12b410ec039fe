"""Place names as keys: the one copy of case and accent folding, Arabic articles, transliteration
skeletons and the same-name rule, used by the index, the gazetteer, geocoding and merging.

- ``name_key``: case, accents, apostrophes and punctuation folded away ("Al-Qāmishlī" ->
  "al qamishli"); the index's exact tier.
- ``base_key``: without Arabic articles ("qamishli"); the index's second tier.
- ``fold_key``: a transliteration skeleton (Qamishli/Kamishli/Qamishlo agree); the weakest tier.
- ``place_key``: what two reports' place names are compared on ("the Hague" = "Hague").
- ``same_name``: whether two written names are one place's, despite articles, hyphens, division
  words, transliteration and small spelling variants.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from sitrep.fold import strip_accents

ARTICLES = frozenset(
    {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ez", "ed", "es", "et", "ech", "ul"}
)
MIN_FOLD_CHARS = 5

_DROP = "'’‘ʼʻ`´ʿʾ\u0640"
SPECIAL = str.maketrans(
    {"ı": "i", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "ħ": "h", "þ": "th", "ð": "d"}
    | {"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"}
    | {c: None for c in _DROP}
)
_NON_LETTER = re.compile(r"[\W\d_]+")
# Latin (with extensions and modifier letters) and Arabic; other scripts are not indexed.
_FOREIGN = re.compile(r"[^\u0000-\u024F\u02B0-\u02FF\u1E00-\u1EFF\u2018-\u201F\u0600-\u06FF\u0750-\u077F]")
_FOLD_PAIRS = (("kh", "k"), ("gh", "g"), ("dh", "d"), ("ph", "f"), ("dj", "j"), ("ck", "k"), ("q", "k"))
_DOUBLE = re.compile(r"(.)\1+")
_LEAD_VOWELS = re.compile(r"^[aeiou]+")
_VOWELS = re.compile(r"(?<=.)[aeiouyw]+")
_FINAL_H = re.compile(r"(?<=a)h$")
_QUOTES = str.maketrans({c: "'" for c in "‘’ʼʿʾ`´"})

# Words that say what kind of division a name is, not which one ("Idlib province" = "Idlib").
DIVISION_WORDS = frozenset(
    {"province", "governorate", "region", "state", "district", "county", "department", "prefecture",
     "oblast", "raion", "rayon", "municipality", "division", "territory", "wilaya", "muhafazah", "city",
     "sub", "subdistrict", "of", "the"}
)  # fmt: skip
# Two spellings of one name: "Khirbet Amo" / "Khirbet Hamo", "Nasiriyah" / "Nassiriya".
SAME_NAME_RATIO = 85.0
# ... or "Khirbet-Ammu" / "Khirbat Amo", a looser match with one transliteration skeleton.
SKELETON_RATIO = 75.0
LONG_SKELETON_RATIO = 65.0
_SAME_NAME_MIN_CHARS = 4


def name_key(text: str) -> str:
    """Case, accents, apostrophes and punctuation folded away; words joined by one space."""
    folded = strip_accents(text.casefold()).translate(SPECIAL)
    return " ".join(_NON_LETTER.sub(" ", folded).split())


def base_key(key: str) -> str:
    """The key without Arabic articles (al-, el-, ad-, ash-, ...), kept when nothing else is left."""
    words = key.split()
    kept = [_strip_arabic_article(w) for w in words if w not in ARTICLES]
    return " ".join(kept) if kept else key


def _strip_arabic_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def place_key(name: str) -> str:
    """What two reports' place names are compared on: "Khirbet-Ammo" = "khirbet ammo",
    "al-Qamishli" = "El Qamishli" = "qamishli", "the Hague" = "hague"."""
    key = base_key(name_key(name))
    return " ".join(w for w in key.split() if w != "the") or key


def fold_key(key: str) -> str:
    """A transliteration skeleton: Qamishli/Kamishli/Qamishlo, Khirbet/Khirbat/Kherbet agree.

    Only Latin words are folded; vowels collapse to one class, kh/q/gh/dh merge with k/g/d and
    doubled letters merge, so it is used as the weakest tier only.
    """
    return " ".join(_fold_word(w) for w in base_key(key).split())


def _fold_word(word: str) -> str:
    if not word.isascii():
        return word
    for old, new in _FOLD_PAIRS:
        word = word.replace(old, new)
    word = _DOUBLE.sub(r"\1", word)
    word = _LEAD_VOWELS.sub("a", word)
    word = _VOWELS.sub("a", word)
    return _FINAL_H.sub("", word)


def keys_of(name: str) -> dict[str, int]:
    """Every key a name is indexed under, with its tier (lower is a closer match)."""
    full = name_key(name)
    if not full:
        return {}
    out = {full: 0}
    base = base_key(full)
    out.setdefault(base, 1)
    fold = fold_key(full)
    if len(fold.replace(" ", "")) >= MIN_FOLD_CHARS:
        out.setdefault(fold, 2)
    return out


def usable_name(name: str, main: bool = False) -> bool:
    """Latin or Arabic names without digits; short all-caps alternates are codes, not names."""
    if len(name) < 2 or any(c.isdigit() for c in name) or _FOREIGN.search(name):
        return False
    return main or not (name.isupper() and len(name) <= 4)


def ascii_name(name: str) -> str:
    """GeoNames' "Al Qāmishlī" as ACLED writes place names, without diacritics: "Al Qamishli"."""
    return strip_accents(name).translate(_QUOTES)


def same_name(a: str, b: str) -> bool:
    """Two written names are one place's despite articles, hyphens, division words ("Idlib
    province"), transliteration ("Khirbet-Ammu" / "Khirbat Amo") and small spelling variants."""
    return same_bare(bare_key(a), bare_key(b))


def bare_key(name: str) -> str:
    """What ``same_name`` compares: the base key without division words, its words joined."""
    return "".join(w for w in base_key(name_key(name)).split() if w not in DIVISION_WORDS)


def same_bare(x: str, y: str) -> bool:
    """``same_name`` on keys already made by ``bare_key`` (to compare many names cheaply)."""
    if not x or not y:
        return False
    shortest = min(len(x), len(y))
    if x == y or shortest < _SAME_NAME_MIN_CHARS:
        return x == y
    ratio = fuzz.ratio(x, y)
    # One transliteration skeleton vouches for a looser spelling match; alone it is too loose
    # ("Kawadara" and "Kidero" share one, as do "Abra" and "Ibra").
    # Longer names may differ more in their vowels ("Koshobe" / "Kwashebe").
    floor = SKELETON_RATIO if shortest < 7 else LONG_SKELETON_RATIO
    skeleton = shortest >= MIN_FOLD_CHARS and ratio >= floor and fold_key(x) == fold_key(y)
    return ratio >= SAME_NAME_RATIO or skeleton
