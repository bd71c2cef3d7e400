"""Hit rate of the town search on queries as people write them (``tests/search/queries.csv``).

Run ``python tests/search/hit_rate.py`` for the rate per category and every miss; ``tests/unit/test_search_hit_rate.py``
checks the rate. Each row says what a hit is:

- ``chome``: the search returns exactly the chome named in ``answer`` (``|``-separated when a place spans several);
- ``district``: every match lies in the district ``answer`` (a slug);
- ``outside``: the search says "outside Minato" and names a place starting with ``answer`` (東京都渋谷区…);
- ``suggest``: a miss whose suggestions include ``answer`` (a typo).
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from atlas.district_names import district_search_names  # noqa: E402
from geo.find import find  # noqa: E402
from geo.towns import TownSearch  # noqa: E402

QUERIES = Path(__file__).with_name("queries.csv")
EXPECTS = ("chome", "district", "outside", "suggest")


@dataclass(frozen=True)
class Case:
    query: str
    category: str
    expect: str
    answer: str


def cases(path: Path = QUERIES) -> list[Case]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [Case(r["query"], r["category"], r["expect"], r["answer"]) for r in csv.DictReader(fh)]


def got(result: TownSearch) -> str:
    """What the search answered, in one line (for the list of misses)."""
    if result.outside is not None or result.reason == "outside_minato":
        return f"outside: {result.place}"
    if result.matches:
        return "|".join(c.name_ja for c in result.matches[:6])
    return "suggest: " + "|".join(s.ja for s in result.suggestions) if result.suggestions else "nothing"


def hit(case: Case, result: TownSearch) -> bool:
    """Whether ``result`` is the answer the case expects."""
    if case.expect == "chome":
        return sorted(c.name_ja for c in result.matches) == sorted(case.answer.split("|"))
    if case.expect == "district":
        return bool(result.matches) and result.district == case.answer
    if case.expect == "outside":
        return result.reason == "outside_minato" and result.place.startswith(case.answer)
    if case.expect == "suggest":
        return case.answer in [s.ja for s in result.suggestions]
    raise ValueError(f"unknown expect '{case.expect}' for {case.query!r}")


def evaluate(items: list[Case]) -> list[tuple[Case, bool, str]]:
    out = []
    for case in items:
        result = find(case.query, district_search_names())
        out.append((case, hit(case, result), got(result)))
    return out


def main() -> None:
    results = evaluate(cases())
    total, hits = Counter(), Counter()
    for case, ok, _ in results:
        total[case.category] += 1
        hits[case.category] += ok
    for category in total:
        print(f"{category:12} {hits[category]:3}/{total[category]:3}")
    n, h = sum(total.values()), sum(hits.values())
    print(f"{'all':12} {h:3}/{n:3}  hit rate {h / n:.1%}")
    for case, ok, answer in results:
        if not ok:
            print(f"miss: {case.query!r} ({case.category}) expected {case.expect} {case.answer}, got {answer}")


if __name__ == "__main__":
    main()
