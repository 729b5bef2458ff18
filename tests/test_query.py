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
    (typed, *_), = parse_query("ผ้าอ้อมผู้ใหญ่").groups
    assert typed.text == "ผ้าอ้อม ผู้ใหญ่" and typed.exact is False
    (quoted,), = parse_query('"ผ้าอ้อมผู้ใหญ่"').groups
    assert quoted.exact is True


def test_or_joins_alternatives_into_one_group() -> None:
    groups = texts("ภูเก็ต OR กระบี่")
    assert len(groups) == 1 and {"ภูเก็ต", "กระบี่"} <= set(groups[0])


def test_exclusion_is_literal_for_glossary_terms() -> None:
    # บัตรทอง's glossary relatives (หลักประกันสุขภาพถ้วนหน้า, 30 บาทรักษาทุกที่) are related terms, not
    # spellings: excluding the word must not drop every text about universal coverage.
    parsed = parse_query("ฟอกไต -บัตรทอง")
    assert [t.text for t in parsed.excluded] == ["บัตรทอง"]
    assert "บัตรทอง" in texts("บัตรทอง")[0] and "หลักประกัน สุขภาพ ถ้วนหน้า" in texts("บัตรทอง")[0]


def test_a_run_typed_without_spaces_is_cut_around_the_names_it_holds() -> None:
    groups = texts("ถ่ายโอนโรงพยาบาลส่งเสริมสุขภาพตำบล")
    assert len(groups) == 2
    assert "ถ่ายโอน" in groups[0]
    assert "ถ่ายโอน โรงพยาบาล ส่งเสริม สุขภาพ ตำบล" in groups[0]  # the run as typed still ranks first
    assert "รพ.สต." in groups[1]  # so texts that only write the abbreviation are found
    # a run that is itself a name, or holds none, stays one group
    assert len(texts("กองทุนหลักประกันสุขภาพท้องถิ่น")) == 1 and len(texts("ผ้าอ้อมผู้ใหญ่")) == 1
    # beside OR the run is left whole, so OR still joins what the reader wrote
    assert len(texts("ภูเก็ต OR ถ่ายโอนโรงพยาบาลส่งเสริมสุขภาพตำบล")) == 1


def test_country_names_in_english_find_their_thai_names() -> None:
    assert texts("Japan universal coverage")[0] == ["japan", "ญี่ปุ่น"]
    assert "กานา" in texts("Ghana")[0]


def test_alternatives_another_one_covers_are_not_needed_to_match() -> None:
    from indexer.query import essential

    (group,) = parse_query("บัตรทอง").groups
    kept = [t.text for t in essential(group)]
    assert "บัตรทอง" in kept and "สิทธิ บัตรทอง" not in kept and "ผู้ ถือ บัตรทอง" not in kept
    # a phrase is not covered by a longer one, nor a loose run by a phrase of its words
    assert "หลักประกัน สุขภาพ ถ้วนหน้า" in kept and "ระบบ หลักประกัน สุขภาพ ถ้วนหน้า" not in kept
    (group,) = parse_query("ฟอกไต").groups
    assert [t.text for t in essential(group) if t.words == ("ฟอก", "ไต")] == ["ฟอก ไต"]  # the loose one


def test_a_filter_given_once_as_text_is_one_value_not_its_letters() -> None:
    from indexer.query import build_request

    once = build_request("คลินิก", province="Bangkok", agency="MOPH", region="13").filters
    assert once == build_request("คลินิก", province=["Bangkok"], agency=["MOPH"], region=["13"]).filters
    assert once.provinces == ("กรุงเทพมหานคร",) and once.agencies == ("moph",) and once.regions == (13,)
