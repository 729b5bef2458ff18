"""Score Khao's extraction against the hand-annotated gold set (tests/gold/entities.jsonl).

Run as a script for the per-document differences:  python tests/gold_eval.py [TYPE]
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

GOLD = Path(__file__).parent / "gold" / "entities.jsonl"
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
TYPES = ("agencies", "provinces", "nhso_regions", "dates", "partnership", "parties")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, doc: str, gold: set[Any], found: set[Any]) -> None:
        self.tp += len(gold & found)
        self.fp += len(found - gold)
        self.fn += len(gold - found)
        if gold != found:
            self.errors.append(f"{doc}: missed {sorted(gold - found, key=str)} extra {sorted(found - gold, key=str)}")


@cache
def _thaigov() -> dict[str, str]:
    with gzip.open(CORPUS / "thaigov-health.jsonl.gz", "rt", encoding="utf-8") as handle:
        return {row["id"]: row["text"] for row in map(json.loads, handle)}


def gold_documents() -> list[tuple[dict[str, Any], str]]:
    """(annotation, raw text) pairs; corpus-backed ones need ../shared/corpus."""
    out = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        source = gold.get("source")
        if source is None:
            text = (gold.get("title", "") + "\n" + gold["text"]).strip()
        elif source["corpus"] == "seeds":
            text = (CORPUS / "seeds" / source["file"]).read_text(encoding="utf-8")
        else:
            text = _thaigov()[source["id"]]
        out.append((gold, text))
    return out


def extracted(text: str) -> dict[str, set[Any]]:
    from nlp.pipeline import document_from_text

    doc = document_from_text(text, "gold:", title="")
    part = doc.partnership
    return {
        "agencies": {a["id"] for a in doc.agencies},
        "provinces": {p["name"] for p in doc.provinces},
        "nhso_regions": {r["number"] for r in doc.nhso_regions},
        "dates": {(d["start"], d["end"]) for d in doc.dates},
        "partnership": {True} if part.get("is_partnership") else set(),
        "parties": set(part.get("parties") or []) if part.get("is_partnership") else set(),
    }


def score_all() -> dict[str, Score]:
    scores = {t: Score() for t in TYPES}
    for gold, text in gold_documents():
        found = extracted(text)
        expected = {
            "agencies": set(gold["agencies"]), "provinces": set(gold["provinces"]),
            "nhso_regions": set(gold["nhso_regions"]), "dates": {tuple(d) for d in gold["dates"]},
            "partnership": {True} if gold["partnership"] else set(), "parties": set(gold["parties"]),
        }
        for kind in TYPES:
            scores[kind].add(gold["doc"], expected[kind], found[kind])
    return scores


if __name__ == "__main__":
    results = score_all()
    chosen = sys.argv[1:] or list(TYPES)
    for kind in chosen:
        s = results[kind]
        print(f"{kind:13s} P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}  (tp {s.tp} fp {s.fp} fn {s.fn})")
    if len(chosen) < len(TYPES):
        for kind in chosen:
            print("\n".join(results[kind].errors))
