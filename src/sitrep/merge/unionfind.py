"""Union-find over any ordered keys (mention indexes, document ids): the one copy.

Each set's root is its smallest member, so the sets and their names depend on which pairs were
joined, never on the order they were joined in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Generic, TypeVar

K = TypeVar("K", int, str)


class UnionFind(Generic[K]):
    def __init__(self) -> None:
        self.parent: dict[K, K] = {}

    def __contains__(self, x: object) -> bool:
        return x in self.parent

    def add(self, x: K) -> None:
        self.parent.setdefault(x, x)

    def find(self, x: K) -> K:
        """The root of ``x``'s set (``x`` itself if it was never added)."""
        parent = self.parent
        root = parent.setdefault(x, x)
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: K, b: K) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            low, high = (ra, rb) if ra < rb else (rb, ra)
            self.parent[high] = low

    def groups(self, members: Iterable[K]) -> list[list[K]]:
        out: dict[K, list[K]] = defaultdict(list)
        for m in members:
            out[self.find(m)].append(m)
        return list(out.values())
