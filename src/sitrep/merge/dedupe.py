"""Syndicated copies: near-identical texts of one wire story count as one source.

Each document is reduced to a ``DocInfo`` (id, outlet, publication day and a MinHash signature of
its word shingles), so merging keeps no article text in memory. Documents whose estimated Jaccard
similarity reaches ``THRESHOLD`` are one family; families are connected components, so they do not
depend on the order documents arrive in. The family id is the smallest document id in it.

``datasketch`` (which loads scipy, about half a second) is imported only when a signature is
computed or compared, so a run that never needs one never pays for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sitrep.merge.unionfind import UnionFind
from sitrep.records import Document, content_hash

if TYPE_CHECKING:
    from datasketch import MinHashLSH

NUM_PERM = 64
THRESHOLD = 0.35  # trimmed or re-headlined copies of a wire story still share a third of their shingles
SHINGLE = 3
SCHEME = "affine32"  # named, so stored signatures can be rebuilt into MinHash objects
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class DocInfo:
    """What merging keeps of a document: never its text."""

    id: str
    published: str | None = None
    outlet: str | None = None
    signature: tuple[int, ...] = ()
    digest: str = ""  # a hash of the text: event ids come from content, not from ids or paths


def doc_info(document: Document, *, signed: bool = True) -> DocInfo:
    """What merging keeps of ``document``; without its signature when not ``signed``."""
    text = document.text
    sign = signature(text) if signed else ()
    return DocInfo(document.id, document.published, document.outlet, sign, content_hash(text))


def signature(text: str) -> tuple[int, ...]:
    """MinHash of lower-cased word 3-shingles; () for texts too short to judge."""
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE + 5:
        return ()
    from datasketch import MinHash

    shingles = {" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch(list(shingles))
    return tuple(int(x) for x in minhash.hashvalues)


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    if not a or not b:
        return 0.0
    return float(np.mean(np.asarray(a, dtype=np.uint64) == np.asarray(b, dtype=np.uint64)))


class Syndication:
    """Families of near-duplicate documents, built as documents arrive."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh: MinHashLSH | None = None  # made with the first signature
        self._signatures: dict[str, tuple[int, ...]] = {}
        self._families: UnionFind[str] = UnionFind()

    def add(self, info: DocInfo) -> None:
        if info.id in self._families:
            return
        self._families.add(info.id)
        if not info.signature:
            return
        from datasketch import MinHash, MinHashLSH

        if self._lsh is None:
            self._lsh = MinHashLSH(threshold=self.threshold, num_perm=NUM_PERM)
        minhash = MinHash(
            num_perm=NUM_PERM, hashvalues=np.asarray(info.signature, dtype=np.uint64), scheme=SCHEME
        )
        for other in self._lsh.query(minhash):
            if similarity(info.signature, self._signatures[other]) >= self.threshold:
                self._families.union(info.id, other)
        self._lsh.insert(info.id, minhash)
        self._signatures[info.id] = info.signature

    def add_all(self, infos: Iterable[DocInfo]) -> None:
        for info in infos:
            self.add(info)

    def family(self, document: str) -> str:
        """The family id: the smallest document id among its near-duplicates (itself if none)."""
        return self._families.find(document) if document in self._families else document
