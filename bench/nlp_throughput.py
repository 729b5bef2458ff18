"""Throughput of the whole NLP stage on 2,000-character real articles (one core).

Usage: python bench/nlp_throughput.py [N_DOCS]
Cuts thaigov-health articles to 2,000 characters and runs document_from_text (normalisation,
publish date, agencies, provinces, regions, dates, persons, partnership) on each. Prints
documents/s and the time share of each step. Target (issue 4): >= 500 documents/s per core.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "thaigov-health.jsonl.gz"


def load(n: int) -> list[str]:
    texts = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        for line in handle:
            texts.append(json.loads(line)["text"][:2000])
            if len(texts) >= n:
                break
    return texts


def main() -> None:
    from nlp.agencies import find_agencies
    from nlp.normalize import normalize_text
    from nlp.partnership import detect_partnership
    from nlp.persons import find_persons
    from nlp.pipeline import document_from_text
    from nlp.places import find_nhso_regions, find_provinces
    from nlp.thai_dates import find_dates

    texts = load(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
    document_from_text(texts[0], "bench:")  # warm caches (gazetteers, compiled patterns)
    start = time.perf_counter()
    for text in texts:
        document_from_text(text, "bench:")
    elapsed = time.perf_counter() - start
    print(f"{len(texts)} documents of <= 2,000 characters: {len(texts) / elapsed:,.0f} documents/s "
          f"({elapsed / len(texts) * 1000:.2f} ms each), whole NLP stage, one core")
    normalised = [normalize_text(t) for t in texts]
    steps = {
        "normalize": lambda t: normalize_text(t),
        "dates": lambda t: find_dates(t),
        "agencies": lambda t: find_agencies(t),
        "provinces": lambda t: find_provinces(t),
        "regions": lambda t: find_nhso_regions(t),
        "persons": lambda t: find_persons(t),
        "partnership": lambda t: detect_partnership(t, find_agencies(t), find_dates(t), None, ""),
    }
    for name, step in steps.items():
        inputs = texts if name == "normalize" else normalised
        t0 = time.perf_counter()
        for text in inputs:
            step(text)
        print(f"  {name:12s} {(time.perf_counter() - t0) / len(inputs) * 1000:.3f} ms/doc")


if __name__ == "__main__":
    main()
