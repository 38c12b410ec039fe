"""Per-label F1 tables, shared by the fixture scorer and the accuracy gate in the tests."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any


def f1_table(pairs: Iterable[tuple[str, str]], labels: Sequence[str]) -> dict[str, Any]:
    """Per-label F1 from (gold, predicted) pairs, with macro and support-weighted means."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    support: Counter[str] = Counter()
    for gold, pred in pairs:
        support[gold] += 1
        if gold == pred:
            tp[gold] += 1
        else:
            fn[gold] += 1
            fp[pred] += 1
    per = {}
    for label in labels:
        p = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
        r = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else 0.0
        per[label] = 2 * p * r / (p + r) if p + r else 0.0
    present = [label for label in labels if support[label]]
    total = sum(support[label] for label in present)
    return {
        "macro_f1": round(sum(per[x] for x in present) / len(present), 4) if present else 0.0,
        "weighted_f1": round(sum(per[x] * support[x] for x in present) / total, 4) if total else 0.0,
        "per_type_f1": {x: round(per[x], 3) for x in present},
    }
