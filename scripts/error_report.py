"""Development aid: the confusion table and the errors of each kind, on every evaluation set.

    python scripts/error_report.py all [--show 3]                  # every set below, default paths
    python scripts/error_report.py case   CASE.tsv                 # CASE 2021 task 2 snippets
    python scripts/error_report.py acled  ACLED.csv [--field F]    # ACLED rows (notes in, fields out)
    python scripts/error_report.py fixtures                        # the project's own snippets
    python scripts/error_report.py xsource DIR [DIR ...]           # incidents told by many outlets

sitrep runs in-process over all documents of a set at once (as the scorer feeds them). For each
set it prints the sub-event confusion table (gold rows, predicted columns; `-` is no event), then
every confusion pair, most frequent first, with a few examples: the word the type rests on and
the start of the text. `--field` adds the disagreements on one more field (event_date,
fatalities, actor1, country, ...). Evaluation data stays where it is; nothing is written.
"""

from __future__ import annotations

import argparse
import collections
import csv
import datetime as dt
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import sitrep
from sitrep.records import Document, Event
from sitrep.taxonomy import SUB_EVENT_TYPES

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = ROOT / "tests" / "fixtures"
NONE = "-"
# CASE 2021 task 2 codes of the 25 ACLED types; the others (disasters, crime, diplomacy) are
# texts that must yield no event.
CASE_CODES = {
    "ARMED_CLASH": "Armed clash", "GOV_REGAINS_TERIT": "Government regains territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory", "CHEM_WEAP": "Chemical weapon",
    "AIR_STRIKE": "Air/drone strike", "SUIC_BOMB": "Suicide bomb",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack", "REM_EXPLOS": "Remote explosive/landmine/IED",
    "GRENADE": "Grenade", "SEX_VIOL": "Sexual violence", "ATTACK": "Attack",
    "ABDUCT_DISSAP": "Abduction/forced disappearance", "PEACE_PROTEST": "Peaceful protest",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "VIOL_DEMONSTR": "Violent demonstration", "MOB_VIOL": "Mob violence", "AGREEMENT": "Agreement",
    "ARREST": "Arrests", "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "DISR_WEAP": "Disrupted weapons use",
    "HQ_ESTABLISHED": "Headquarters or base established", "PROPERTY_DISTRUCT": "Looting/property destruction",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory", "OTHER": "Other",
}  # fmt: skip


class Case:
    """One gold item: its document, the gold type (NONE for a text that must stay uncoded) and any
    other gold fields, compared with the event sitrep chose for it."""

    def __init__(self, doc: Document, gold: str, fields: dict[str, Any] | None = None) -> None:
        self.doc, self.gold, self.fields = doc, gold, fields or {}
        self.event: Event | None = None

    @property
    def pred(self) -> str:
        return self.event.sub_event_type if self.event else NONE

    def got(self, field: str) -> Any:
        return getattr(self.event, field, None) if self.event else None

    def trigger(self) -> str:
        claims = self.event.claims if self.event else ()
        return next((c.quote for c in claims if c.field == "sub_event_type"), "")


def run(cases: list[Case], res: Any) -> None:
    """Code every document in one call and give each case its most confident event."""
    events = sitrep.extract([c.doc for c in cases], res, strict=False)
    best: dict[str, Event] = {}
    for event in events:
        for doc_id in event.documents:
            if doc_id not in best or event.confidence > best[doc_id].confidence:
                best[doc_id] = event
    for case in cases:
        case.event = best.get(case.doc.id)


# ---------------------------------------------------------------- reading the sets


def case_set(path: Path) -> list[Case]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        Case(Document(id=f"case-{r['id']}", text=r["EventSnippet"]), CASE_CODES.get(r["SubType"], NONE))
        for r in rows
    ]


def _acled_date(text: str) -> str | None:
    for fmt in ("%d-%b-%y", "%d %B %Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date().isoformat()
        except ValueError:
            pass
    return None


def acled_set(path: Path) -> list[Case]:
    """One case per note (a note ACLED split into several events is scored on its first row)."""
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r.get("notes", "").strip() and r.get("sub_event_type")]
    first: dict[str, dict[str, str]] = {}
    for row in rows:
        first.setdefault(row["notes"].strip(), row)
    cases = []
    for n, (text, row) in enumerate(sorted(first.items())):
        published = _acled_date(row["event_date"])
        doc = Document(id=f"acled-{n}", text=text, published=published, outlet=row.get("source") or None)
        fields = {**row, "event_date": published}
        cases.append(Case(doc, row["sub_event_type"], fields))
    return cases


def fixture_set(folder: Path) -> list[Case]:
    cases = []
    for line in (folder / "snippets.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            doc = Document(id=item["id"], text=item["text"], published=item.get("published"))
            cases.append(Case(doc, item["expect"]["sub_event_type"] or NONE, item["expect"]))
    return cases


def xsource_set(folders: Iterable[Path]) -> list[Case]:
    """Every outlet file of each incident; the main incident's reports carry its gold fields."""
    cases = []
    for folder in folders:
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        main = gold["main"]
        for path in sorted(folder.glob("[0-9]*.txt")):
            lines = path.read_text(encoding="utf-8").splitlines()
            meta = dict(p.strip().split(": ", 1) for p in lines[1].split("|") if ": " in p)
            body = "\n".join(x for x in lines[2:] if not x.startswith("NOTE:")).strip()
            published = (meta.get("published") or "")[:10] or None
            doc = Document(id=f"{folder.name}/{path.stem}", text=body, outlet=meta.get("outlet"),
                           published=published if published and len(published) == 10 else None)  # fmt: skip
            if path.stem in main["documents"]:
                fields = {"event_date": main["event_date"], "fatalities": main["fatalities_acled"]}
                cases.append(Case(doc, main["sub_event_type"], fields))
            else:
                cases.append(Case(doc, "(other incident)", {}))
    return cases


# ---------------------------------------------------------------- printing


def confusion(cases: list[Case]) -> None:
    """Gold types down, predicted types across, by the short codes listed under the table."""
    table = collections.Counter((c.gold, c.pred) for c in cases)
    order = [*SUB_EVENT_TYPES, "(other incident)", NONE]
    rows = [x for x in order if any(g == x for g, _ in table)]
    cols = [x for x in order if any(p == x for _, p in table)]
    codes = {x: NONE if x == NONE else "o" if x.startswith("(") else str(n + 1) for n, x in enumerate(order)}
    print("     " + "".join(f"{codes[c]:>4}" for c in cols))
    for gold in rows:
        cells = "".join(f"{(table[(gold, p)] or '.'):>4}" for p in cols)
        print(f"{codes[gold]:>4} {cells}   {gold}")


def errors(cases: list[Case], show: int) -> None:
    groups: dict[tuple[str, str], list[Case]] = collections.defaultdict(list)
    for case in cases:
        if case.gold != case.pred and case.gold != "(other incident)":
            groups[(case.gold, case.pred)].append(case)
    wrong = sum(len(g) for g in groups.values())
    print(f"\n{wrong} of {len(cases)} typed wrong; by kind:")
    for (gold, pred), group in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"\n{len(group):4d}  {gold} -> {pred}")
        for case in group[:show]:
            print(f"      [{case.doc.id}] ({case.trigger()}) {' '.join(case.doc.text.split())[:240]}")


def field_errors(cases: list[Case], field: str, show: int) -> None:
    wrong = [c for c in cases if field in c.fields and str(c.got(field)) != str(c.fields[field])]
    scored = sum(field in c.fields for c in cases)
    print(f"\n{field}: {len(wrong)} of {scored} differ")
    pairs = collections.Counter((str(c.fields[field]), str(c.got(field))) for c in wrong)
    for (want, got), n in pairs.most_common(15):
        print(f"{n:4d}  {want} -> {got}")
    for case in wrong[:show]:
        print(f"      [{case.doc.id}] want={case.fields[field]!r} got={case.got(field)!r}: "
              f"{' '.join(case.doc.text.split())[:240]}")  # fmt: skip


def report(name: str, cases: list[Case], res: Any, show: int, fields: list[str]) -> None:
    print(f"\n==================== {name} ({len(cases)} documents)")
    run(cases, res)
    confusion(cases)
    errors(cases, show)
    for field in fields:
        field_errors(cases, field, show)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("set", choices=["all", "case", "acled", "fixtures", "xsource"])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--field", action="append", default=[], help="another field to compare (repeatable)")
    parser.add_argument("--show", type=int, default=3, help="examples per kind of error")
    args = parser.parse_args()
    sets = {
        "case": lambda p: case_set(p[0] if p else SHARED / "eval/dev/case2021/case2021_dev.tsv"),
        "acled": lambda p: acled_set(p[0] if p else SHARED / "eval/dev/acled/acled_2020_dev.csv"),
        "fixtures": lambda p: fixture_set(p[0] if p else FIXTURES),
        "xsource": lambda p: xsource_set(
            p or [SHARED / "corpus/khirbet-ammo", *sorted((SHARED / "corpus/xsource").glob("*/"))]
        ),
    }
    chosen = list(sets) if args.set == "all" else [args.set]
    res = sitrep.load_resources()
    for name in chosen:
        try:
            cases = sets[name]([] if args.set == "all" else args.paths)
        except OSError as exc:
            print(f"{name}: skipped ({exc})", file=sys.stderr)
            continue
        report(name, cases, res, args.show, args.field)


if __name__ == "__main__":
    main()
