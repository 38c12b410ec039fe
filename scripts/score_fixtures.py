"""Score any contract-following extractor on the project's own fixtures (tests/fixtures/).

    python scripts/score_fixtures.py --cmd "sitrep extract --format jsonl -" [--only snippets|pages]
        [--details] [--min FIELD=VALUE ...]
    python scripts/score_fixtures.py --check        # validate the fixture files only

The command reads documents as JSON lines ({"id", "text", "published"}) on stdin and writes events as
JSON lines with a "documents" list on stdout (contract.md). Figures are printed as one JSON object:

- snippets: sub-event type of each snippet's most confident event (as the CASE task scores it): accuracy,
  per-type, macro and weighted F1 over the positives; the share of negatives left without an event; and
  field accuracy on that event wherever the fixture gives the field.
- pages: for each expected event, whether a matching event was found, its fields, the contradictions it
  flags, and whether junk lines or background events leaked into the claims.

Standard library only, so it runs outside the project's virtualenv too.
"""

from __future__ import annotations

import argparse
import collections
import difflib
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

from sitrep.scoring import f1_table

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
SUB_EVENTS = {
    "Battles": ["Government regains territory", "Non-state actor overtakes territory", "Armed clash"],
    "Protests": ["Excessive force against protesters", "Protest with intervention", "Peaceful protest"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Explosions/Remote violence": [
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ],
    "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
    "Strategic developments": [
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ],
}
EVENT_TYPE_OF = {sub: et for et, subs in SUB_EVENTS.items() for sub in subs}
LABELS = list(EVENT_TYPE_OF)
NONE = "(none)"
CONTRADICTION_FIELDS = frozenset(
    (
        "event_date",
        "fatalities",
        "location",
        "actor1",
        "actor2",
        "sub_event_type",
        "victim_status",
        "perpetrator",
    )
)
SNIPPET_FIELDS = ("event_type", "event_date", "fatalities", "country", "actor1", "actor2", "inter1", "inter2")
PAGE_FIELDS = ("event_type", "sub_event_type", "event_date", "fatalities", "country", "location")
LEAK_FIELDS = {"event_date", "fatalities", "sub_event_type", "location", "actor1", "actor2"}


# ---------------------------------------------------------------- running the extractor


def run_extractor(cmd: str, docs: list[dict[str, Any]], timeout: float) -> list[dict[str, Any]]:
    """Feed docs to the command as JSON lines and return the events it prints."""
    payload = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
    proc = subprocess.run(cmd, shell=True, input=payload, capture_output=True, text=True, timeout=timeout)
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(f"extractor exited with {proc.returncode}")
    events = []
    for n, line in enumerate(proc.stdout.splitlines(), 1):
        if not line.strip():
            continue
        try:
            event = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SystemExit(f"stdout line {n} is not JSON: {line[:200]!r}") from exc
        if not isinstance(event, dict) or not isinstance(event.get("documents"), list):
            raise SystemExit(f"stdout line {n} is not an event with a 'documents' list")
        events.append(event)
    return events


def by_document(events: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for event in events:
        for doc_id in event["documents"]:
            out[doc_id].append(event)
    return out


def as_doc(item: dict[str, Any]) -> dict[str, Any]:
    doc = {"id": item["id"], "text": item["text"]}
    if item.get("published"):
        doc["published"] = item["published"]
    return doc


# ---------------------------------------------------------------- comparing values


def norm(text: Any) -> str:
    """Case-, accent- and punctuation-insensitive form of a name."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\b(al|el|ad|ar|as|ash|at|az|an)[- ]", "", text)
    return re.sub(r"[^a-z0-9]+", "", text)


def actor_base(name: Any) -> str:
    """An actor name without ACLED's regime years, so '(2015-2023)' and '(2015-)' compare equal."""
    return norm(re.sub(r"\(\d{4}-(\d{4})?\)", " ", str(name or "")))


def as_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def same_country(event: dict[str, Any], gold: str) -> bool:
    """Country names as ACLED spells them (contract.md), compared loosely."""
    return bool(gold) and norm(event.get("country")) == norm(gold)


def same_actor(pred: Any, gold: Any, exact: bool) -> bool:
    if gold is None:
        return not pred
    if exact:
        return norm(pred) == norm(gold)
    return actor_base(pred) == actor_base(gold)


def field_ok(event: dict[str, Any], field: str, gold: Any) -> bool:
    """Whether one coded field agrees with the fixture's value."""
    if field == "country":
        return same_country(event, gold)
    if field in ("actor1", "actor2"):
        return same_actor(event.get(field), gold, exact=True)
    if field in ("inter1", "inter2", "fatalities"):
        pred = as_int(event.get(field))
        return pred == gold or (gold == 0 and pred is None and field == "inter2")
    return event.get(field) == gold


def place_names(near: Any) -> list[str]:
    return [near] if isinstance(near, str) else list(near or [])


def location_ok(event: dict[str, Any], near: Any) -> bool:
    """The event's place (or one of its admin areas) names one of the expected places."""
    coded = [norm(event.get(k)) for k in ("location", "admin1", "admin2", "admin3")]
    coded = [c for c in coded if c]
    wanted = [w for w in map(norm, place_names(near)) if w]
    # Transliterations of one name agree ("Zaporizhzhya", "Zaporizhzhia"), as the scorer's admin test
    return any(
        w in c or c in w or difflib.SequenceMatcher(None, w, c).ratio() >= 0.85 for w in wanted for c in coded
    )


# ---------------------------------------------------------------- F1 tables


def ratio(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


# ---------------------------------------------------------------- snippets


def load_snippets(folder: Path) -> list[dict[str, Any]]:
    lines = (folder / "snippets.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def top_event(events: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The most confident event, first one on ties (as score.py's CASE task picks it)."""
    best = None
    for event in events:
        if best is None or (event.get("confidence") or 0) > (best.get("confidence") or 0):
            best = event
    return best


def snippet_field_counts(items: list[dict[str, Any]], tops: dict[str, dict | None]) -> dict[str, Any]:
    hits: collections.Counter[str] = collections.Counter()
    totals: collections.Counter[str] = collections.Counter()
    for item in items:
        expect, event = item["expect"], tops[item["id"]] or {}
        for field in SNIPPET_FIELDS:
            if field in expect:
                totals[field] += 1
                hits[field] += field_ok(event, field, expect[field])
        for field in ("actor1", "actor2"):
            if field in expect:
                totals[field + "_base"] += 1
                hits[field + "_base"] += same_actor(event.get(field), expect[field], exact=False)
    return {field: ratio(hits[field], totals[field]) for field in sorted(totals)}


def score_snippets(
    items: list[dict[str, Any]], events: list[dict[str, Any]], details: bool
) -> dict[str, Any]:
    found = by_document(events)
    tops = {item["id"]: top_event(found.get(item["id"], [])) for item in items}
    positives = [i for i in items if i["expect"]["sub_event_type"]]
    negatives = [i for i in items if not i["expect"]["sub_event_type"]]
    pairs = [
        (i["expect"]["sub_event_type"], (tops[i["id"]] or {}).get("sub_event_type") or NONE)
        for i in positives
    ]
    table = f1_table(pairs, LABELS)
    result: dict[str, Any] = {
        "snippets": len(items),
        "positives": len(positives),
        "negatives": len(negatives),
        "accuracy": ratio(sum(g == p for g, p in pairs), len(pairs)),
        "weighted_f1": table["weighted_f1"],
        "macro_f1": table["macro_f1"],
        "detected": ratio(sum(tops[i["id"]] is not None for i in positives), len(positives)),
        "negatives_left_uncoded": ratio(sum(tops[i["id"]] is None for i in negatives), len(negatives)),
        "events_per_positive": ratio(sum(len(found.get(i["id"], [])) for i in positives), len(positives)),
        "fields": snippet_field_counts(positives, tops),
        "per_type_f1": table["per_type_f1"],
    }
    if details:
        result["errors"] = snippet_errors(items, tops)
    return result


def snippet_errors(items: list[dict[str, Any]], tops: dict[str, dict | None]) -> list[dict[str, Any]]:
    errors = []
    for item in items:
        want = item["expect"]["sub_event_type"] or NONE
        got = (tops[item["id"]] or {}).get("sub_event_type") or NONE
        if want != got:
            errors.append({"id": item["id"], "want": want, "got": got, "text": item["text"][:160]})
    return errors


# ---------------------------------------------------------------- pages


def load_pages(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((folder / "pages").glob("*.json"))]


def match_score(event: dict[str, Any], gold: dict[str, Any]) -> float:
    score = 2.0 * (event.get("sub_event_type") == gold["sub_event_type"])
    score += event.get("event_type") == gold["event_type"]
    score += event.get("event_date") == gold["event_date"]
    score += 2.0 * location_ok(event, gold.get("location_near"))
    return score


def match_events(golds: list[dict[str, Any]], events: list[dict[str, Any]]) -> list[dict[str, Any] | None]:
    """Greedy one-to-one matching, expected events in order; a match needs type or place to agree."""
    pool = list(events)
    matched: list[dict[str, Any] | None] = []
    for gold in golds:
        best = max(pool, key=lambda e: match_score(e, gold), default=None)
        if best is not None and match_score(best, gold) >= 2:
            pool.remove(best)
            matched.append(best)
        else:
            matched.append(None)
    return matched


def line_spans(text: str, lines: list[str]) -> list[tuple[int, int]]:
    """Character spans of whole lines of text equal to one of lines."""
    spans, offset = [], 0
    wanted = set(lines)
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body in wanted:
            spans.append((offset, offset + len(body)))
        offset += len(line)
    return spans


def phrase_spans(text: str, phrases: list[str]) -> list[tuple[int, int]]:
    spans = []
    for phrase in phrases:
        start = text.find(phrase)
        while start >= 0:
            spans.append((start, start + len(phrase)))
            start = text.find(phrase, start + 1)
    return spans


def leaked_claims(
    events: list[dict[str, Any]], doc_id: str, spans: list[tuple[int, int]], fields: set[str] | None
) -> int:
    """Claims from this document (for the given fields, or any) whose span overlaps one of spans."""
    count = 0
    for event in events:
        for claim in event.get("claims") or []:
            if not isinstance(claim, dict) or claim.get("document") != doc_id:
                continue
            if fields is not None and claim.get("field") not in fields:
                continue
            span = claim.get("span")
            if isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span):
                count += any(span[0] < end and start < span[1] for start, end in spans)
    return count


def page_event_result(gold: dict[str, Any], event: dict[str, Any] | None) -> dict[str, Any]:
    event = event or {}
    fields = {f: field_ok(event, f, gold[f]) for f in PAGE_FIELDS if f in gold and f != "location"}
    fields["location"] = location_ok(event, gold.get("location_near"))
    flagged = {c.get("field") for c in event.get("contradictions") or [] if isinstance(c, dict)}
    expected = set(gold.get("contradictions") or [])
    return {
        "found": bool(event),
        "fields": fields,
        "contradictions_expected": sorted(expected),
        "contradictions_found": sorted(flagged & CONTRADICTION_FIELDS),
        "contradiction_hits": len(expected & flagged),
    }


def score_page(page: dict[str, Any], events: list[dict[str, Any]]) -> dict[str, Any]:
    expect, text = page["expect"], page["text"]
    golds = expect["events"]
    matched = match_events(golds, events)
    junk = line_spans(text, expect.get("junk_lines") or [])
    background = phrase_spans(text, expect.get("background") or [])
    return {
        "id": page["id"],
        "events_out": len(events),
        "extra_events": len(events) - sum(m is not None for m in matched),
        "events": [page_event_result(g, m) for g, m in zip(golds, matched, strict=True)],
        "junk_claims": leaked_claims(events, page["id"], junk, None),
        "background_claims": leaked_claims(events, page["id"], background, LEAK_FIELDS),
    }


def summarise_pages(results: list[dict[str, Any]]) -> dict[str, Any]:
    hits: collections.Counter[str] = collections.Counter()
    totals: collections.Counter[str] = collections.Counter()
    contra_hits = contra_total = 0
    for page in results:
        for n, event in enumerate(page["events"]):
            key = "main_found" if n == 0 else "other_found"
            totals[key] += 1
            hits[key] += event["found"]
            for field, ok in event["fields"].items():
                totals[field] += 1
                hits[field] += ok
            contra_hits += event["contradiction_hits"]
            contra_total += len(event["contradictions_expected"])
    summary: dict[str, Any] = {key: ratio(hits[key], totals[key]) for key in ("main_found", "other_found")}
    summary["fields"] = {f: ratio(hits[f], totals[f]) for f in PAGE_FIELDS if totals[f]}
    summary["contradiction_recall"] = ratio(contra_hits, contra_total)
    summary["junk_clean"] = ratio(sum(p["junk_claims"] == 0 for p in results), len(results))
    summary["background_clean"] = ratio(sum(p["background_claims"] == 0 for p in results), len(results))
    summary["extra_events"] = sum(p["extra_events"] for p in results)
    return summary


def score_pages(pages: list[dict[str, Any]], events: list[dict[str, Any]]) -> dict[str, Any]:
    found = by_document(events)
    results = [score_page(page, found.get(page["id"], [])) for page in pages]
    return {"pages": len(pages), **summarise_pages(results), "per_page": results}


# ---------------------------------------------------------------- checking the fixtures


def check_snippet(item: dict[str, Any]) -> list[str]:
    problems = []
    expect = item.get("expect") or {}
    sub = expect.get("sub_event_type", "missing")
    if sub is not None and sub not in EVENT_TYPE_OF:
        problems.append(f"unknown sub_event_type {sub!r}")
    if sub and expect.get("event_type") not in (None, EVENT_TYPE_OF.get(sub)):
        problems.append(f"event_type {expect.get('event_type')!r} does not fit {sub!r}")
    for key in ("event_date", "published"):
        value = expect.get(key) if key == "event_date" else item.get(key)
        if value is not None and not re.fullmatch(r"\d{4}-\d\d-\d\d", str(value)):
            problems.append(f"{key} {value!r} is not YYYY-MM-DD")
    if not str(item.get("text") or "").strip():
        problems.append("empty text")
    return [f"{item.get('id')}: {p}" for p in problems]


def check_page(page: dict[str, Any]) -> list[str]:
    problems = []
    text, expect = page.get("text") or "", page.get("expect") or {}
    for gold in expect.get("events") or []:
        if EVENT_TYPE_OF.get(gold.get("sub_event_type")) != gold.get("event_type"):
            problems.append(f"bad event/sub-event type {gold.get('sub_event_type')!r}")
        unknown = set(gold.get("contradictions") or []) - CONTRADICTION_FIELDS
        problems += [f"unknown contradiction field {c!r}" for c in sorted(unknown)]
        problems += [
            f"location {n!r} not in text" for n in place_names(gold.get("location_near")) if n not in text
        ]
    lines = set(text.splitlines())
    problems += [f"junk line not in text: {j!r}" for j in expect.get("junk_lines") or [] if j not in lines]
    problems += [f"background not in text: {b!r}" for b in expect.get("background") or [] if b not in text]
    return [f"{page.get('id')}: {p}" for p in problems]


def check_fixtures(folder: Path) -> list[str]:
    items, pages = load_snippets(folder), load_pages(folder)
    problems = [p for item in items for p in check_snippet(item)]
    problems += [p for page in pages for p in check_page(page)]
    ids = [i["id"] for i in items] + [p["id"] for p in pages]
    problems += [f"duplicate id {i}" for i, n in collections.Counter(ids).items() if n > 1]
    return problems


# ---------------------------------------------------------------- command line


def below_floors(result: dict[str, Any], floors: list[str]) -> list[str]:
    """Floors name a figure by its dotted path, e.g. snippets.weighted_f1=0.65 or pages.main_found=0.8."""
    short = []
    for floor in floors:
        path, _, value = floor.partition("=")
        got: Any = result
        for key in path.split("."):
            got = got.get(key) if isinstance(got, dict) else None
        if float(got or 0) < float(value):
            short.append(f"{path}={got} < {value}")
    return short


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cmd", help="extractor command: JSON-lines documents in, events out")
    parser.add_argument(
        "--fixtures", type=Path, default=FIXTURES, help="folder with snippets.jsonl and pages/"
    )
    parser.add_argument("--only", choices=["snippets", "pages"], help="score one set only")
    parser.add_argument("--details", action="store_true", help="list each misclassified snippet")
    parser.add_argument("--check", action="store_true", help="validate the fixture files and exit")
    parser.add_argument("--timeout", type=float, default=3000)
    parser.add_argument("--min", action="append", default=[], metavar="PATH=VALUE", help="floor for a figure")
    args = parser.parse_args(argv)
    if not args.check and not args.cmd:
        parser.error("--cmd is required unless --check is given")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.check:
        problems = check_fixtures(args.fixtures)
        print("\n".join(problems) or "fixtures OK")
        return 1 if problems else 0
    result: dict[str, Any] = {}
    if args.only != "pages":
        items = load_snippets(args.fixtures)
        events = run_extractor(args.cmd, [as_doc(i) for i in items], args.timeout)
        result["snippets"] = score_snippets(items, events, args.details)
    if args.only != "snippets":
        pages = load_pages(args.fixtures)
        events = run_extractor(args.cmd, [as_doc(p) for p in pages], args.timeout)
        result["pages"] = score_pages(pages, events)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    short = below_floors(result, args.min)
    if short:
        print("below floor: " + "; ".join(short), file=sys.stderr)
    return 1 if short else 0


if __name__ == "__main__":
    sys.exit(main())
