"""The whole NLP stage on hostile input: it finishes in bounded time with a sensible result.

The bounds are generous sanity limits (seconds), not benchmarks: bench/nlp_throughput.py measures speed.
"""

from __future__ import annotations

import time

import pytest

from nlp.pipeline import document_from_html, document_from_text

CASES = {
    "one Thai word repeated (100 kB)": "สปสช." * 20_000,
    "one long word without spaces": "หลักประกันสุขภาพ" * 6_000,
    "no Thai at all": "The National Health Security Office signed an MOU. " * 2_000,
    "mixed scripts": ("สปสช. NHSO 中文 العربية русский 12/05/2567 ก.ย. 61 " * 2_000),
    "control characters": "ข่าว\x00\x01\x02\x07\x1b สปสช.\x0b\x0c" * 5_000,
    "digits and dates only": "1/1/2567 2/2/2567 31/02/2567 " * 4_000,
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_text_finishes_with_a_sensible_result(name: str) -> None:
    text = CASES[name]
    started = time.perf_counter()
    doc = document_from_text(text, "test:hostile", title="ข่าวทดสอบ")
    assert time.perf_counter() - started < 20, name
    assert "\x00" not in doc.text and "\x07" not in doc.text
    assert isinstance(doc.agencies, list) and isinstance(doc.dates, list)
    if "สปสช." in text:
        assert [a["id"] for a in doc.agencies] == ["nhso"]
    if name == "no Thai at all":
        assert doc.provinces == [] and doc.nhso_regions == []
    if name == "digits and dates only":
        assert {d["start"] for d in doc.dates} == {"2024-01-01", "2024-02-02"}  # 31/02 is impossible


def test_huge_html_page_with_deep_nesting() -> None:
    paragraphs = "".join(f"<p>สปสช. ข่าวกองทุนหลักประกันสุขภาพ ตอนที่ {n} " for n in range(500))
    html = "<html><body>" + "<div>" * 2_000 + paragraphs + "</div>" * 2_000 + "</body></html>"
    started = time.perf_counter()
    doc = document_from_html(html.encode("utf-8"), "http://example.test/deep")
    assert time.perf_counter() - started < 20
    assert "กองทุนหลักประกันสุขภาพ ตอนที่ 499" in doc.text
