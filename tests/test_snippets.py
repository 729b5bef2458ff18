"""Which window of a long article a hit's snippet shows (indexer/snippets.py).

Texts are written with spaces between words, as the stored text separates tokens; the markers are
rendered to <mark> as the API shows them.
"""

from __future__ import annotations

from indexer.base import render_snippet
from indexer.snippets import SNIPPET_CHARS, SNIPPET_HEAD_BYTES, Wanted, best_fragment, stored_snippet

FILLER = " ".join(["ข้อความ"] * 60)  # ~480 characters: farther apart than one snippet reaches


def snippet(text: str, wanted: Wanted) -> str:
    return render_snippet(best_fragment(text, wanted))


def test_a_window_with_every_query_word_beats_an_earlier_one_with_only_some() -> None:
    text = f"วัคซีน ฉีดวัคซีน วัคซีน {FILLER} ประชาชน รับ วัคซีน ครบ {FILLER}"
    wanted: Wanted = ((frozenset({("วัคซีน",)}), frozenset({("ฉีดวัคซีน",)})), (frozenset({("ประชาชน",)}),))
    shown = snippet(text, wanted)
    assert "<mark>ประชาชน</mark>" in shown and "<mark>วัคซีน</mark>" in shown
    assert "ฉีดวัคซีน" not in shown  # the first window held two of the name's forms, but no ประชาชน


def test_a_name_with_several_forms_is_shown_where_one_of_them_first_occurs() -> None:
    text = f"บทนำ {FILLER} สปสช แถลง {FILLER} สำนักงาน หลักประกัน สุขภาพ แห่งชาติ และ สปสช ร่วม แถลง"
    wanted: Wanted = ((frozenset({("สปสช",)}), frozenset({("สำนักงาน", "หลักประกัน", "สุขภาพ", "แห่งชาติ")})),)
    shown = snippet(text, wanted)
    assert "<mark>สปสช</mark> แถลง" in shown and "สำนักงาน" not in shown
    assert len(shown) <= SNIPPET_CHARS + len("<mark></mark>") + 2


def test_a_loose_term_wants_all_its_words_in_one_window() -> None:
    # ประเทศไทย typed as one word: its segments may be apart, but the window should hold both
    text = f"ประเทศ ญี่ปุ่น {FILLER} ประเทศ และ ไทย ลงนาม {FILLER}"
    wanted: Wanted = ((frozenset({("ประเทศ",), ("ไทย",)}),),)
    shown = snippet(text, wanted)
    assert "<mark>ประเทศ</mark> และ <mark>ไทย</mark>" in shown and "ญี่ปุ่น" not in shown


def test_a_phrase_is_marked_as_one_unit_and_its_words_alone_are_not() -> None:
    text = "รักษา ทุก โรค และ 30 บาท รักษา ทุกที่ สำหรับ ทุก คน"
    wanted: Wanted = ((frozenset({("30", "บาท", "รักษา", "ทุกที่")}),),)
    shown = snippet(text, wanted)
    assert shown.count("<mark>") == 1 and "<mark>30 บาท รักษา ทุกที่</mark>" in shown


def test_words_found_only_in_the_title_give_no_snippet_window() -> None:
    assert best_fragment(f"เนื้อหา {FILLER}", ((frozenset({("บัตรทอง",)}),),)) == ""


def _long(head_words: str, tail_words: str) -> bytes:
    """UTF-8 text longer than the head read first, with words in the head and past it."""
    filler = " ".join(["เนื้อหา"] * (SNIPPET_HEAD_BYTES // 20))  # 21 bytes a word: past the head
    return f"{head_words} {filler} {tail_words} จบ".encode("utf-8")


def test_a_long_text_is_searched_past_its_head_when_the_head_lacks_the_words() -> None:
    raw = _long("บทนำ", "บัตรทอง ครอบคลุม")
    assert len(raw) > SNIPPET_HEAD_BYTES
    assert "<mark>บัตรทอง</mark> ครอบคลุม" in render_snippet(stored_snippet(raw, ((frozenset({("บัตรทอง",)}),),)))


def test_a_long_text_shows_the_later_window_that_has_every_query_word() -> None:
    raw = _long("วัคซีน ก่อน", "ประชาชน รับ วัคซีน")
    wanted: Wanted = ((frozenset({("วัคซีน",)}),), (frozenset({("ประชาชน",)}),))
    assert "<mark>ประชาชน</mark> รับ <mark>วัคซีน</mark>" in render_snippet(stored_snippet(raw, wanted))


def test_a_long_text_without_query_words_opens_with_its_first_lines() -> None:
    raw = _long("รายงาน การประชุม", "ท้าย")
    assert render_snippet(stored_snippet(raw, ())).startswith("รายงาน การประชุม เนื้อหา")
    assert stored_snippet("สั้น ๆ".encode("utf-8"), ()) == "สั้น ๆ"
