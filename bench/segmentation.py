"""Segmentation speed: newmm vs nlpo3, both with Khao's dictionary, on real articles.

Usage: python bench/segmentation.py [N_ARTICLES]   (reads ../shared/corpus/thaigov-health.jsonl.gz)
Prints characters/s per engine and the share of tokens on which they agree.
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

from nlp.normalize import normalize_text  # noqa: E402
from nlp.tokenize import segment  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "thaigov-health.jsonl.gz"


def load(n: int) -> list[str]:
    texts = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        for line in handle:
            texts.append(normalize_text(json.loads(line)["text"]))
            if len(texts) >= n:
                break
    return texts


def measure(engine: str, texts: list[str], repeats: int = 3) -> tuple[float, list[list[str]]]:
    segment(texts[0], engine)  # load the dictionary outside the timing
    best, tokens = float("inf"), []
    for _ in range(repeats):
        start = time.perf_counter()
        tokens = [segment(t, engine) for t in texts]
        best = min(best, time.perf_counter() - start)
    return sum(map(len, texts)) / best, tokens


def main() -> None:
    if not CORPUS.exists():
        sys.exit(f"corpus not found: {CORPUS}")
    texts = load(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
    chars = sum(map(len, texts))
    results = {engine: measure(engine, texts) for engine in ("newmm", "nlpo3")}
    print(f"{len(texts)} articles, {chars:,} characters")
    for engine, (rate, _) in results.items():
        print(f"{engine:6s} {rate / 1e6:6.2f} M characters/s  ({chars / rate * 1000 / len(texts):.2f} ms per article)")
    a, b = results["newmm"][1], results["nlpo3"][1]
    same = sum(len(set(x) & set(y)) for x, y in zip(a, b))
    total = sum(len(set(x) | set(y)) for x, y in zip(a, b))
    print(f"speed-up nlpo3/newmm: {results['nlpo3'][0] / results['newmm'][0]:.1f}x; "
          f"distinct tokens shared per article: {same / total:.1%}")


if __name__ == "__main__":
    main()
