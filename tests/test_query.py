"""The query language: English phrases and other names of a body expand to their Thai forms."""

from __future__ import annotations

from indexer.query import parse_query


def texts(q: str) -> list[list[str]]:
    return [[term.text for term in group] for group in parse_query(q).groups]


def test_english_phrase_is_one_concept_with_its_thai_forms() -> None:
    groups = texts("gold card Phuket")
    assert len(groups) == 2
    assert "บัตรทอง" in groups[0] and "gold card" in groups[0]
    assert groups[1] == ["phuket", "ภูเก็ต"]


def test_an_abbreviation_also_finds_the_full_name_and_english() -> None:
    (group,) = texts("สปสช.")
    assert group[0] == "สปสช." and "สำนักงาน หลักประกัน สุขภาพ แห่งชาติ" in group and "nhso" in group
    (group,) = texts("กปท.")
    assert "กองทุน หลักประกัน สุขภาพ ระดับ ท้องถิ่น" in group


def test_quoted_text_is_exact_and_not_expanded() -> None:
    assert texts('"gold card"') == [["gold card"]]


def test_exclusion_excludes_every_name_of_the_body() -> None:
    parsed = parse_query("บัตรทอง -NHSO")
    assert "สปสช." in {t.text for t in parsed.excluded}


def test_thai_typed_without_spaces_needs_its_words_but_not_their_order() -> None:
    (typed, *_), = parse_query("ระบบหลักประกันสุขภาพ").groups
    assert typed.text == "ระบบ หลักประกัน สุขภาพ" and typed.exact is False
    (quoted,), = parse_query('"ระบบหลักประกันสุขภาพ"').groups
    assert quoted.exact is True


def test_or_joins_alternatives_into_one_group() -> None:
    groups = texts("ภูเก็ต OR กระบี่")
    assert len(groups) == 1 and {"ภูเก็ต", "กระบี่"} <= set(groups[0])
