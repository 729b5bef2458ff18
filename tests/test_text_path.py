"""One Thai text path: the same normalisation and segmentation at index time and query time."""

from __future__ import annotations

import pytest

from nlp.normalize import normalize_query, normalize_text
from nlp.tokenize import WORD_JOINER, join_words, segment, words


def test_nikhahit_plus_sara_aa_becomes_sara_am() -> None:
    assert normalize_text("ด\u0e4d\u0e32เนินงาน") == "ดำเนินงาน"


def test_thai_digits_invisible_and_control_characters_and_spaces() -> None:
    raw = "ปี ๒๕๖๗\u200b สปสช.\x00\x07  ร่วม\u00a0\u00a0ลงนาม\r\n\r\n\r\n\r\nย่อหน้าใหม่ \ufeff"
    assert normalize_text(raw) == "ปี 2567 สปสช. ร่วม ลงนาม\n\nย่อหน้าใหม่"
    assert normalize_query("  หลัก\nประกัน ") == "หลัก ประกัน"


@pytest.mark.parametrize("engine", ["nlpo3", "newmm"])
def test_domain_dictionary_keeps_acronyms_and_terms_whole(engine: str) -> None:
    tokens = words("กปท. สปร. ธ.ก.ส. รพ.สต. อสม. สิทธิบัตรทอง สปป.ลาว", engine)
    for word in ("กปท.", "สปร.", "ธ.ก.ส.", "รพ.สต.", "อสม.", "บัตรทอง", "สปป.ลาว"):
        assert word in tokens, (word, tokens)


@pytest.mark.parametrize("engine", ["nlpo3", "newmm"])
def test_compounds_split_so_their_parts_are_searchable(engine: str) -> None:
    assert words("ระบบหลักประกันสุขภาพแห่งชาติ", engine) == ["ระบบ", "หลักประกัน", "สุขภาพ", "แห่งชาติ"]


def test_joined_text_reads_as_the_original() -> None:
    text = "สำนักงานหลักประกันสุขภาพแห่งชาติ (สปสช.) ดำเนินงาน\nบรรทัดสอง"
    joined = join_words(text)
    assert WORD_JOINER in joined
    assert joined.replace(WORD_JOINER, "") == text


def test_segment_of_empty_text() -> None:
    assert segment("") == [] and words("   ") == []


@pytest.mark.parametrize("engine", ["nlpo3", "newmm"])
def test_thai_after_a_long_english_passage_keeps_its_dictionary_words(engine: str) -> None:
    # nlpo3 on its own returns บัตร + ทอง here, and ร่า + ง after a long numbered English list.
    english = ("A delegation of 25 officials from the Ministry of Health of Ghana visited the "
               "National Health Security Office (NHSO) in Bangkok on 5 July 2022 to study how "
               "Thailand's gold card scheme ")
    text = english + "(บัตรทอง) purchases services. " + "1. Draft (a) (b) (c) " * 8 + "(ร่าง) บันทึกความเข้าใจ"
    tokens = words(text, engine)
    assert "บัตรทอง" in tokens and "ร่าง" in tokens, tokens
    assert "".join(segment(text, engine)) == text


def test_a_body_named_as_one_dictionary_word_still_shows_its_subject() -> None:
    # PyThaiNLP lists กระทรวงสาธารณสุข and สำนักงานประกันสังคม as single words; searching
    # สาธารณสุข or ประกันสังคม must find texts that name those bodies.
    assert words("กระทรวงสาธารณสุข") == ["กระทรวง", "สาธารณสุข"]
    assert words("สำนักงานประกันสังคม กรมสุขภาพจิต") == ["สำนักงาน", "ประกันสังคม", "กรม", "สุขภาพจิต"]
