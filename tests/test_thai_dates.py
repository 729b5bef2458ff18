"""Thai date finder: every supported form with exact dates and offsets, what must not match,
the search-filter parser, time bounds on hostile input, and the real thaigov corpus."""

from __future__ import annotations

import dataclasses
import datetime
import re
import time

import pytest
from conftest import read_corpus_jsonl

from nlp.thai_dates import DateMention, be_to_ce, find_dates, parse_date, parse_date_bound

REF = datetime.date(2024, 6, 1)

# (input, [(mention text, offset, start, end, kind), ...]) — found with reference=REF
CASES: list[tuple[str, list[tuple[str, int, str, str, str]]]] = [
    # full month names, weekday phrases, "วันที่"; "เมื่อ" is a preposition, not part of the date
    ("วันพุธที่ 11 เมษายน 2561", [("วันพุธที่ 11 เมษายน 2561", 0, "2018-04-11", "2018-04-11", "day")]),
    ("วันที่ 21 กุมภาพันธ์ 2565", [("วันที่ 21 กุมภาพันธ์ 2565", 0, "2022-02-21", "2022-02-21", "day")]),
    ("เมื่อวันที่ 9 มีนาคม 2563 เวลา 13.00 น.",
     [("วันที่ 9 มีนาคม 2563", 5, "2020-03-09", "2020-03-09", "day")]),
    ("ข่าว วันพฤหัสบดีที่ 1 พฤศจิกายน 2561",
     [("วันพฤหัสบดีที่ 1 พฤศจิกายน 2561", 5, "2018-11-01", "2018-11-01", "day")]),
    ("11 เมษายน พ.ศ. 2561", [("11 เมษายน พ.ศ. 2561", 0, "2018-04-11", "2018-04-11", "day")]),
    ("ลงวันที่ 10 กรกฎาคม พุทธศักราช 2557",
     [("วันที่ 10 กรกฎาคม พุทธศักราช 2557", 2, "2014-07-10", "2014-07-10", "day")]),
    ("20 พฤษภาคม 2024", [("20 พฤษภาคม 2024", 0, "2024-05-20", "2024-05-20", "day")]),
    ("20 พฤษภาคม ค.ศ. 2024", [("20 พฤษภาคม ค.ศ. 2024", 0, "2024-05-20", "2024-05-20", "day")]),
    ("1 กรกฏาคม 2567", [("1 กรกฏาคม 2567", 0, "2024-07-01", "2024-07-01", "day")]),  # common misspelling
    # abbreviated months, with or without dots and spaces; two-digit BE years
    ("3 ก.พ. 2565", [("3 ก.พ. 2565", 0, "2022-02-03", "2022-02-03", "day")]),
    ("วันนี้ (21 ก.ค. 63) เวลา 11.00 น.", [("21 ก.ค. 63", 8, "2020-07-21", "2020-07-21", "day")]),
    ("เริ่มใช้ 1 เม.ย.61", [("1 เม.ย.61", 9, "2018-04-01", "2018-04-01", "day")]),
    ("ถึง 30 ก.ย.66 สอบถาม", [("30 ก.ย.66", 4, "2023-09-30", "2023-09-30", "day")]),
    ("วันที่ 8 ม.ค.2567 นี้", [("วันที่ 8 ม.ค.2567", 0, "2024-01-08", "2024-01-08", "day")]),
    ("5 ธ.ค 2566", [("5 ธ.ค 2566", 0, "2023-12-05", "2023-12-05", "day")]),
    ("5 ธค. 66", [("5 ธค. 66", 0, "2023-12-05", "2023-12-05", "day")]),
    ("1 กค 67", [("1 กค 67", 0, "2024-07-01", "2024-07-01", "day")]),
    ("ก.ย.61", [("ก.ย.61", 0, "2018-09-01", "2018-09-30", "month")]),
    ("ก.ย. 61", [("ก.ย. 61", 0, "2018-09-01", "2018-09-30", "month")]),
    # Thai digits: offsets are those of the input, the text keeps its digits
    ("๒๑ ก.พ. ๒๕๖๕", [("๒๑ ก.พ. ๒๕๖๕", 0, "2022-02-21", "2022-02-21", "day")]),
    ("วันที่ ๓/๐๒/๒๕๖๕", [("วันที่ ๓/๐๒/๒๕๖๕", 0, "2022-02-03", "2022-02-03", "day")]),
    # ranges within a month and across months and years
    ("ระหว่างวันที่ 24-26 ตุลาคม 2558 ณ",
     [("วันที่ 24-26 ตุลาคม 2558", 7, "2015-10-24", "2015-10-26", "range")]),
    ("24 – 26 ต.ค. 58", [("24 – 26 ต.ค. 58", 0, "2015-10-24", "2015-10-26", "range")]),
    ("30 กันยายน - 2 ตุลาคม 2567", [("30 กันยายน - 2 ตุลาคม 2567", 0, "2024-09-30", "2024-10-02", "range")]),
    ("28 ธ.ค. 2566 - 3 ม.ค. 2567", [("28 ธ.ค. 2566 - 3 ม.ค. 2567", 0, "2023-12-28", "2024-01-03", "range")]),
    ("28 ธ.ค. - 3 ม.ค. 2567", [("28 ธ.ค. - 3 ม.ค. 2567", 0, "2023-12-28", "2024-01-03", "range")]),
    ("ตั้งแต่วันที่ 1 มกราคม 2564 ถึงวันที่ 31 ธันวาคม 2566 เพื่อ",
     [("วันที่ 1 มกราคม 2564 ถึงวันที่ 31 ธันวาคม 2566", 7, "2021-01-01", "2023-12-31", "range")]),
    ("วันจันทร์ที่ 1 - วันพุธที่ 3 มกราคม 2567",
     [("วันจันทร์ที่ 1 - วันพุธที่ 3 มกราคม 2567", 0, "2024-01-01", "2024-01-03", "range")]),
    # month and year, month ranges
    ("พฤษภาคม 2567", [("พฤษภาคม 2567", 0, "2024-05-01", "2024-05-31", "month")]),
    ("ภายในเดือนกุมภาพันธ์ 2567", [("เดือนกุมภาพันธ์ 2567", 5, "2024-02-01", "2024-02-29", "month")]),
    ("ตั้งแต่เดือนพฤษภาคม-กรกฎาคม 2563",
     [("เดือนพฤษภาคม-กรกฎาคม 2563", 7, "2020-05-01", "2020-07-31", "range")]),
    ("ต.ค. 66 - ก.ย. 67", [("ต.ค. 66 - ก.ย. 67", 0, "2023-10-01", "2024-09-30", "range")]),
    # numeric dates, day first; BE or CE by size
    ("3/02/2565", [("3/02/2565", 0, "2022-02-03", "2022-02-03", "day")]),
    ("03-02-2565", [("03-02-2565", 0, "2022-02-03", "2022-02-03", "day")]),
    ("24.03.2566", [("24.03.2566", 0, "2023-03-24", "2023-03-24", "day")]),
    ("20/05/2024", [("20/05/2024", 0, "2024-05-20", "2024-05-20", "day")]),
    ("ลงวันที่ 3/2/65", [("วันที่ 3/2/65", 2, "2022-02-03", "2022-02-03", "day")]),
    ("2024-05-20 และ 2567-05-20", [("2024-05-20", 0, "2024-05-20", "2024-05-20", "day"),
                                   ("2567-05-20", 15, "2024-05-20", "2024-05-20", "day")]),
    # fiscal years: 1 October of the year before .. 30 September
    ("ปีงบประมาณ 2559", [("ปีงบประมาณ 2559", 0, "2015-10-01", "2016-09-30", "fiscal_year")]),
    ("ประจำปีงบประมาณ พ.ศ. 2559", [("ปีงบประมาณ พ.ศ. 2559", 5, "2015-10-01", "2016-09-30", "fiscal_year")]),
    ("ปีงบ 59", [("ปีงบ 59", 0, "2015-10-01", "2016-09-30", "fiscal_year")]),
    ("ปีงบฯ 2567", [("ปีงบฯ 2567", 0, "2023-10-01", "2024-09-30", "fiscal_year")]),
    ("งบประมาณประจำปี 2567", [("งบประมาณประจำปี 2567", 0, "2023-10-01", "2024-09-30", "fiscal_year")]),
    ("ปีงบประมาณ 2560-2562", [("ปีงบประมาณ 2560-2562", 0, "2016-10-01", "2019-09-30", "fiscal_year")]),
    # years: only with ปี / พ.ศ. / ค.ศ.
    ("ภายในปี 2567", [("ปี 2567", 5, "2024-01-01", "2024-12-31", "year")]),
    ("พ.ร.บ. พ.ศ. 2545", [("พ.ศ. 2545", 7, "2002-01-01", "2002-12-31", "year")]),
    ("ปี ค.ศ. 2030", [("ปี ค.ศ. 2030", 0, "2030-01-01", "2030-12-31", "year")]),
    ("ปี พ.ศ. 2565 – 2569", [("ปี พ.ศ. 2565 – 2569", 0, "2022-01-01", "2026-12-31", "range")]),
    ("ของขวัญปีใหม่ 2568", [("ปีใหม่ 2568", 7, "2025-01-01", "2025-12-31", "year")]),
    ("ปีภาษี 2562", [("ปีภาษี 2562", 0, "2019-01-01", "2019-12-31", "year")]),
    ("รับต้นปี 67 ประเดิม", [("ปี 67", 6, "2024-01-01", "2024-12-31", "year")]),
    # English month names in bilingual texts (capitalised only)
    ("on 5 July 2022 to", [("5 July 2022", 3, "2022-07-05", "2022-07-05", "day")]),
    ("The cabinet met on May 23, 2023.", [("May 23, 2023", 19, "2023-05-23", "2023-05-23", "day")]),
    ("ก่อนเดินทางกลับในวันที่ 8 July.", [("วันที่ 8 July", 17, "2024-07-08", "2024-07-08", "day")]),
    ("15 Mar. 2024", [("15 Mar. 2024", 0, "2024-03-15", "2024-03-15", "day")]),
    ("in January-March 2021", [("January-March 2021", 3, "2021-01-01", "2021-03-31", "range")]),
    # no year: the reference's year
    ("ภายในวันที่ 11 เมษายน นี้", [("วันที่ 11 เมษายน", 5, "2024-04-11", "2024-04-11", "day")]),
    ("ภายใน 31 มีนาคมนี้", [("31 มีนาคม", 6, "2024-03-31", "2024-03-31", "day")]),
    ("วันที่ 1 – 31 สิงหาคม", [("วันที่ 1 – 31 สิงหาคม", 0, "2024-08-01", "2024-08-31", "range")]),
    # a count after a month is not a two-digit year
    ("5 มีนาคม 15 จังหวัด", [("5 มีนาคม", 0, "2024-03-05", "2024-03-05", "day")]),
    ("ฉีด 10 ตุลาคม 30 ราย", [("10 ตุลาคม", 4, "2024-10-10", "2024-10-10", "day")]),
    ("5 มีนาคม 10.00 น.", [("5 มีนาคม", 0, "2024-03-05", "2024-03-05", "day")]),
    ("1 มกราคม 1234 คน", [("1 มกราคม", 0, "2024-01-01", "2024-01-01", "day")]),  # 1234: no year
    ("5 July 67", [("5 July", 0, "2024-07-05", "2024-07-05", "day")]),  # no BE years in English
    # a separator only guards a day when a digit stands before it
    ("////9 พฤศจิกายน 2564", [("9 พฤศจิกายน 2564", 4, "2021-11-09", "2021-11-09", "day")]),
    ("5 มี.ค. 10 น. ตรง", [("5 มี.ค.", 0, "2024-03-05", "2024-03-05", "day")]),
    ("วันที่ 14 มี.ค. 67 น.ส.เกณิกา", [("วันที่ 14 มี.ค. 67", 0, "2024-03-14", "2024-03-14", "day")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_find_dates_forms(text: str, expected: list[tuple[str, int, str, str, str]]) -> None:
    found = find_dates(text, REF)
    got = [(m.text, m.offset, m.start.isoformat(), m.end.isoformat(), m.kind) for m in found]
    assert got == expected
    for m in found:
        assert m.offset_end == m.offset + len(m.text)
        assert text[m.offset:m.offset_end] == m.text


NOT_DATES = [
    "3/5 ของประชากร",
    "ราคา 2,567 บาท",
    "2567",
    "ในปี 2,567 ราย",
    "โทร. 02-141-4000 หรือ 081-234-5678 สายด่วน 1330",
    "หนังสือที่ 1/2565 และข้อ 1.2.1",
    "ครั้งที่ 3/2566",
    "อัตรา 1.5 เท่า 10:30 น.",
    "สำนักงาน ก.พ.ร. 3 ก.พ.ร.",  # OPDC, not February
    "5 ก.ค.ศ. และ ส.ค.ส. 2567",  # teachers' commission, New Year card
    "ตามที่ 2 กค. เสนอ",  # กค. = Ministry of Finance; undotted needs a year
    "คณะ 5 ตุลาการ",  # ตุลาการ = judge, not ตุลา
    "3/2/65",  # d/m/yy without "วันที่" is not clearly a date
    "31 กุมภาพันธ์ 2567",  # impossible: skipped whole, no "กุมภาพันธ์ 2567" left over
    "29 ก.พ. 2566",  # 2023 is not a leap year
    "45/13/2565",
    "2024-02-30",
    "ตุลาคม 66",  # two-digit year after a full month name alone: too ambiguous
    "อายุ 15 ปี 67 ราย",
    "ปี 67",  # a bare ปี with two digits may be an age or a count
    "it may 5 2024",  # lower-case English month words are ordinary words
    "COVID-19 มีนาคม",
]


@pytest.mark.parametrize("text", NOT_DATES)
@pytest.mark.parametrize("reference", [None, REF])
def test_find_dates_ignores_non_dates(text: str, reference: datetime.date | None) -> None:
    assert find_dates(text, reference) == []


def test_leap_day_is_kept() -> None:
    assert [m.start for m in find_dates("29 ก.พ. 2567")] == [datetime.date(2024, 2, 29)]


def test_no_year_without_reference_is_skipped() -> None:
    assert find_dates("วันที่ 11 เมษายน") == []
    assert find_dates("24-26 ตุลาคม") == []
    found = find_dates("วันที่ 11 เมษายน", reference=datetime.date(2018, 1, 5))
    assert [(m.start, m.kind) for m in found] == [(datetime.date(2018, 4, 11), "day")]


def test_reference_year_for_a_range_over_new_year() -> None:
    [m] = find_dates("30 ธ.ค. - 2 ม.ค.", reference=datetime.date(2025, 1, 10))
    assert (m.start, m.end) == (datetime.date(2024, 12, 30), datetime.date(2025, 1, 2))


def test_reading_order_non_overlapping_longest_wins() -> None:
    text = ("วันอังคารที่ 23 มกราคม 2561\nเมื่อวันที่ 22 ม.ค. 61 ระหว่างวันที่ 24-26 ตุลาคม 2558 "
            "งบประมาณปีงบประมาณ 2561 ช่วงเดือนพฤษภาคม - กรกฎาคม 2563 โทร 1330")
    found = find_dates(text)
    assert [(m.text, m.kind) for m in found] == [
        ("วันอังคารที่ 23 มกราคม 2561", "day"),
        ("วันที่ 22 ม.ค. 61", "day"),
        ("วันที่ 24-26 ตุลาคม 2558", "range"),
        ("ปีงบประมาณ 2561", "fiscal_year"),
        ("เดือนพฤษภาคม - กรกฎาคม 2563", "range"),
    ]
    offsets = [(m.offset, m.offset_end) for m in found]
    assert offsets == sorted(offsets)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(offsets, offsets[1:]))
    assert offsets[0] == (0, len("วันอังคารที่ 23 มกราคม 2561"))


def test_mention_json_and_immutability() -> None:
    [m] = find_dates("24-26 ตุลาคม 2558")
    assert m.as_json() == {"text": "24-26 ตุลาคม 2558", "start": "2015-10-24", "end": "2015-10-26"}
    assert isinstance(m, DateMention)
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.text = "x"  # type: ignore[misc]


@pytest.mark.parametrize(("year", "ce"), [(2567, 2024), (2560, 2017), (2024, 2024), (61, 2018),
                                          (67, 2024), (0, 1957), (99, 2056), (1999, 1999)])
def test_be_to_ce(year: int, ce: int) -> None:
    assert be_to_ce(year) == ce


@pytest.mark.parametrize(("value", "expected"), [
    ("2024-05-20", datetime.date(2024, 5, 20)),
    ("2024-05-19T23:00:00+07:00", datetime.date(2024, 5, 19)),
    ("2567-05-20", datetime.date(2024, 5, 20)),
    ("20/05/2567", datetime.date(2024, 5, 20)),
    ("20/05/2024", datetime.date(2024, 5, 20)),
    ("3/2/65", datetime.date(2022, 2, 3)),  # the whole value is the date, so it is clearly one
    ("๒๐ พ.ค. ๒๕๖๗", datetime.date(2024, 5, 20)),
    ("วันจันทร์ที่ 20 พฤษภาคม 2567 เวลา 10:30 น.", datetime.date(2024, 5, 20)),
    ("โพสต์เมื่อ 20 พ.ค. 67", datetime.date(2024, 5, 20)),
    ("Mon, 20 May 2024 10:00:00 +0700", datetime.date(2024, 5, 20)),  # RFC 2822 (feeds)
    ("May 20, 2024", datetime.date(2024, 5, 20)),
    ("31 Feb 2024", None),
    ("2024-02-30", None),
    ("31 กุมภาพันธ์ 2567", None),
    ("พฤษภาคม 2567", None),  # a month is not one date
    ("ไม่มีวันที่", None),
    ("", None),
])
def test_parse_date(value: str, expected: datetime.date | None) -> None:
    assert parse_date(value) == expected


def test_parse_date_uses_reference_for_missing_year() -> None:
    assert parse_date("11 เมษายน") is None
    assert parse_date("11 เมษายน", reference=REF) == datetime.date(2024, 4, 11)


@pytest.mark.parametrize(("value", "start", "end"), [
    ("2024-05-20", "2024-05-20", "2024-05-20"),
    ("2024-05", "2024-05-01", "2024-05-31"),
    ("2024-02", "2024-02-01", "2024-02-29"),
    ("2024", "2024-01-01", "2024-12-31"),
    ("2560", "2017-01-01", "2017-12-31"),
    ("2567-05-20", "2024-05-20", "2024-05-20"),
    ("2567-05", "2024-05-01", "2024-05-31"),
    ("20/05/2567", "2024-05-20", "2024-05-20"),
    (" 2024-05-20 ", "2024-05-20", "2024-05-20"),
    ("๒๕๖๗", "2024-01-01", "2024-12-31"),
    ("20 พฤษภาคม 2567", "2024-05-20", "2024-05-20"),
    ("20 พ.ค. 67", "2024-05-20", "2024-05-20"),
    ("พฤษภาคม 2567", "2024-05-01", "2024-05-31"),
    ("พ.ศ. 2567", "2024-01-01", "2024-12-31"),
    ("ปีงบประมาณ 2567", "2023-10-01", "2024-09-30"),
    ("1-3 มีนาคม 2567", "2024-03-01", "2024-03-03"),
])
def test_parse_date_bound(value: str, start: str, end: str) -> None:
    assert parse_date_bound(value).isoformat() == start
    assert parse_date_bound(value, end=True).isoformat() == end


@pytest.mark.parametrize(("value", "reason"), [
    ("2024-13-40", "month must be 1-12"),
    ("2024-02-30", "February 2024 has 29 days"),
    ("2566-02-29", "February 2023 has 28 days"),
    ("2024-00", "month must be 1-12"),
    ("0000", "year must be 1-9999"),
    ("67", "four digits"),
    ("31 กุมภาพันธ์ 2567", "February 2024 has 29 days"),
    ("11 เมษายน", "no year given"),
    ("yesterday", "expected YYYY, YYYY-MM, YYYY-MM-DD"),
    ("", "expected YYYY"),
    ("2024-05-20 และ 2024-05-21", "expected YYYY"),
])
def test_parse_date_bound_errors(value: str, reason: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_date_bound(value)
    message = str(caught.value)
    assert message.startswith(f"{value!r} is not a date: ")
    assert reason in message
    assert "\n" not in message


def test_example_error_message_exactly() -> None:
    with pytest.raises(ValueError, match=r"^'2024-13-40' is not a date: month must be 1-12$"):
        parse_date_bound("2024-13-40")


ADVERSARIAL = [
    "1234567890" * 20_000,
    "๑" * 200_000,
    "1/2/3-4-5.6.7 " * 15_000,
    "มกราคม " * 30_000,
    "มกราคมมีนาคม" * 17_000,
    "ม.ค.ก.พ.มี.ค." * 15_000,
    "1 มกราคม - " * 18_000,
    "1-2-3-4-5-6-" * 17_000 + " มกราคม",
    "วันพฤหัสบดีที่ " * 15_000,
    "ปีงบประมาณ พ.ศ. " * 12_000,
    "ปี 2567-" * 25_000,
    "1" + " " * 200_000 + "มกราคม 2567",
    "วันพุธที่ 1 - 2 ม.ค. - 3 ก.พ. 2567 ปีงบ 2567 - 2568 " * 4_000,
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=[repr(t[:16]) for t in ADVERSARIAL])
def test_bounded_time_on_hostile_input(text: str) -> None:
    text = text[:200_000]
    began = time.perf_counter()
    find_dates(text, REF)
    assert time.perf_counter() - began < 2.0  # a sanity bound, not a benchmark (~0.05-0.4 s here)


# The thaigov texts carry the posting date as a line "วันอังคารที่ 23 มกราคม 2561" near the top.
_TEST_MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
                "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
_LONG_DATE_LINE = re.compile(
    r"^[ \t]*(วัน(?:จันทร์|อังคาร|พุธ|พฤหัสบดี|ศุกร์|เสาร์|อาทิตย์)ที่ ([0-9]{1,2}) "
    rf"({'|'.join(_TEST_MONTHS)}) ([0-9]{{4}}))[ \t]*$", re.M)
_NUMERIC_LINE = re.compile(r"^[ \t]*([0-9]{2})/([0-9]{2})/([0-9]{4})[ \t]*$", re.M)


def test_thaigov_long_dates_are_found_and_converted() -> None:
    articles = read_corpus_jsonl("thaigov-health.jsonl.gz", limit=300)
    checked = agreeing = with_numeric = 0
    for article in articles:
        text = article["text"]
        line = _LONG_DATE_LINE.search(text, 0, 2000)
        if line is None:  # a few speech transcripts have no header line
            continue
        day, month, be_year = int(line[2]), _TEST_MONTHS.index(line[3]) + 1, int(line[4])
        expected = datetime.date(be_year - 543, month, day)  # the test's own conversion
        mentions = {m.offset: m for m in find_dates(text)}
        mention = mentions.get(line.start(1))
        assert mention is not None, f"{article['id']}: {line[1]!r} not found"
        assert (mention.text, mention.kind) == (line[1], "day"), article["id"]
        assert mention.start == mention.end == expected, article["id"]
        # The corpus README says 2017-2025, but its first 300 articles include posts of late
        # 2016 (BE 2559); a BE/CE slip would land in 2559 or 1473 and fail here.
        assert 2016 <= mention.start.year <= 2025, article["id"]
        checked += 1
        # The numeric header date is the news date, the long one the posting date: they may
        # differ by a day or more, but should mostly agree.
        numeric = _NUMERIC_LINE.search(text, line.end(), line.end() + 40)
        if numeric:
            with_numeric += 1
            news_date = datetime.date(int(numeric[3]) - 543, int(numeric[2]), int(numeric[1]))
            agreeing += abs((mention.start - news_date).days) <= 3
    assert checked >= 0.95 * len(articles)
    assert agreeing >= 0.9 * with_numeric
