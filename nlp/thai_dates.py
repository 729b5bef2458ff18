"""Thai date mentions: find them in text and turn them into Gregorian dates.

General extractors (dateparser, htmldate, trafilatura) find none of the forms Thai news uses:
Buddhist-era years (2567 = 2024), two-digit BE years (``ก.ย. 61``), abbreviated month names,
weekday phrases (``วันพุธที่ 11 เมษายน 2561``), day ranges (``24-26 ตุลาคม 2558``) and fiscal
years (``ปีงบประมาณ 2559`` = 1 Oct 2015 .. 30 Sep 2016). This module is Khao's own finder. It also
reads the English dates bilingual pages mix in (``5 July 2022``, ``May 23, 2023``).

Only ``re`` and ``datetime`` are used. Every pattern is precompiled and built from bounded pieces
(no nested unbounded repeats), so a scan is linear in the length of the text.

The input is normally already normalised (``nlp.normalize.normalize_text``); Thai digits and odd
spaces are nevertheless mapped one character to one character before matching, so offsets always
point into the caller's text.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

__all__ = ["DateMention", "be_to_ce", "find_dates", "parse_date", "parse_date_bound"]

_BE_OFFSET = 543

# One character in, one character out: the working copy has the input's offsets.
_TRANSLATE = str.maketrans(
    {
        **{chr(0x0E50 + i): str(i) for i in range(10)},  # Thai digits ๐-๙
        **dict.fromkeys("\t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
                        "\u200a\u200b\u200c\u200d\u202f\u205f\u3000\ufeff", " "),
    }
)

_MONTH_EN = ("", "January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
_MONTH_EN_ABBR = tuple(name[:3].lower() for name in _MONTH_EN[1:])


@dataclass(frozen=True)
class DateMention:
    """One date expression found in a text, with the period it denotes (inclusive)."""

    text: str  # the exact matched text, input[offset:offset_end]
    start: datetime.date
    end: datetime.date  # == start for a single day
    offset: int
    offset_end: int
    kind: str  # "day" | "range" | "month" | "year" | "fiscal_year"

    def as_json(self) -> dict[str, str]:
        """The shape used by `khao extract` and stored documents."""
        return {"text": self.text, "start": self.start.isoformat(), "end": self.end.isoformat()}


def be_to_ce(year: int) -> int:
    """Convert a year as Thai texts write it to the Gregorian year.

    A year above 2400 is Buddhist era (2567 -> 2024); 0-99 is a two-digit BE year (61 -> 2561 ->
    2018), which callers only pass where a Thai month or context makes it a date; anything else
    is taken as already Gregorian.
    """
    if year > 2400:
        return year - _BE_OFFSET
    if 0 <= year <= 99:
        return 2500 + year - _BE_OFFSET
    return year


# --------------------------------------------------------------------------------------------
# Building blocks of the patterns
# --------------------------------------------------------------------------------------------

_THAI = "\u0e01-\u0e4f"  # Thai letters, vowels and marks (digits are mapped to ASCII first)
_CONS = "\u0e01-\u0e2e"  # Thai consonants
_SP = " {0,3}"  # tolerant of uncollapsed spaces, but bounded
_SEP = "(?:[-\u2013\u2014~]|(?:จน)?ถึง)"  # range separators: - – — ~ ถึง จนถึง

# (number, full names and common misspellings, short spoken forms, abbreviation)
_MONTHS: tuple[tuple[int, tuple[str, ...], tuple[str, ...], str], ...] = (
    (1, ("มกราคม",), ("มกรา",), "ม.ค."),
    (2, ("กุมภาพันธ์", "กุมภาพันธ"), ("กุมภา",), "ก.พ."),
    (3, ("มีนาคม",), ("มีนา",), "มี.ค."),
    (4, ("เมษายน",), ("เมษา",), "เม.ย."),
    (5, ("พฤษภาคม",), ("พฤษภา",), "พ.ค."),
    (6, ("มิถุนายน",), ("มิถุนา",), "มิ.ย."),
    (7, ("กรกฎาคม", "กรกฏาคม"), ("กรกฎา", "กรกฏา"), "ก.ค."),
    (8, ("สิงหาคม",), ("สิงหา",), "ส.ค."),
    (9, ("กันยายน",), ("กันยา",), "ก.ย."),
    (10, ("ตุลาคม",), ("ตุลา",), "ต.ค."),
    (11, ("พฤศจิกายน",), ("พฤศจิกา",), "พ.ย."),
    (12, ("ธันวาคม",), ("ธันวา",), "ธ.ค."),
)
_MONTH_NUMBER: dict[str, int] = {}
_FULL_MONTH_NAMES: set[str] = set()
for _num, _full, _short, _abbr in _MONTHS:
    for _name in _full + _short:
        _MONTH_NUMBER[_name] = _num
        _FULL_MONTH_NAMES.add(_name)
    _MONTH_NUMBER[_abbr.replace(".", "")] = _num
# English names as bilingual pages write them ("15 March 2024", "5 July 2022"). Capitalised
# only: "may" and "march" are also English words.
_ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
                   "September", "October", "November", "December")
for _num, _name in enumerate(_ENGLISH_MONTHS, 1):
    _MONTH_NUMBER[_name] = _MONTH_NUMBER[_name[:3]] = _num
_MONTH_NUMBER["Sept"] = 9


def _english_month_forms() -> list[tuple[str, str]]:
    """(first letter, rest) for "March", "Mar", "Mar.", "Sept."; not inside a longer word."""
    forms = []
    for name in _ENGLISH_MONTHS:
        c = name[0]
        abbreviations = ("Sept", name[:3]) if name == "September" else (name[:3],)
        rests = [name[1:]] + [a[1:] + r"\.?" for a in abbreviations if a != name]
        forms.extend((c, rf"(?<![A-Za-z]{c}){rest}(?![A-Za-z])") for rest in rests)
    return forms


def _month_alternation() -> str:
    """One alternation for every way a month is written, grouped by first letter.

    Full names come first (so ``มีนาคม`` wins over ``มีนา``). Full names need no guard: Thai
    writes ``มีนาคมนี้`` ("this March") with no space. Short spoken forms and undotted
    abbreviations must not run into further Thai letters (``ตุลาการ`` is a judge, not October).
    A dotted abbreviation must not be part of a longer dotted acronym: ``ก.พ.ร.``, ``ก.ค.ศ.``,
    ``อ.ก.พ.`` and ``ส.ค.ส.`` are agencies and greeting cards, not months.

    Grouping by first letter (``ม(?:กราคม|ีนาคม|...)``), with guards written after that letter,
    lets the regex engine reject most positions on one character.
    """
    forms: list[tuple[str, str]] = []  # (first letter, rest of the pattern), in priority order
    for _, full, _, _ in _MONTHS:
        forms.extend((f[0], f[1:]) for f in full)
    for _, _, short, _ in _MONTHS:
        forms.extend((f[0], f"{f[1:]}(?![{_THAI}])") for f in short)
    for _, _, _, abbr in _MONTHS:
        a, b = abbr.rstrip(".").split(".")
        c, rest = a[0], a[1:]
        tail = rf"(?:\.(?![{_CONS}]\.)|(?![{_THAI}.]))"
        forms.append((c, rf"(?<![{_CONS}]\.{c}){rest}\. ?{b}{tail}"))  # ม.ค.  ม. ค.  ม.ค
        forms.append((c, rf"(?<![{_THAI}.]{c}){rest}{b}{tail}"))  # มค.  มค
    forms.extend(_english_month_forms())
    groups: dict[str, list[str]] = {}
    for first, rest in forms:
        groups.setdefault(first, []).append(rest)
    return "(?:" + "|".join(f"{c}(?:{'|'.join(rests)})" for c, rests in groups.items()) + ")"


_MONTH = _month_alternation()
_WEEKDAY = "(?:จันทร์|อังคาร|พุธ|พฤหัสบดี|พฤหัสฯ|พฤหัส|ศุกร์|เสาร์|อาทิตย์)"
# "วันที่", "วันพุธที่", "วันพุธ" belong to the mention. A bare "วัน" does not: in
# "5 วัน 11 เมษายน" it ends the previous phrase.
_DAY_WORDS = f"วัน(?:{_WEEKDAY}{_SP}(?:ที่)?|ที่){_SP}"
_DAY_PREFIX = f"(?:{_DAY_WORDS})?"
_ERA_ALTERNATIVES = (r"พ\. ?ศ\.?", r"ค\. ?ศ\.?", "พุทธศักราช", "คริสต์ศักราช")
_ERA = "(?:" + "|".join(_ERA_ALTERNATIVES) + ")"
# After a month, a two-digit number followed by one of these is a count, not a year
# ("มีนาคม 25 คน", "10 ตุลาคม 30 ราย").
# "น." is o'clock ("10 น.") but "น.ส." is Miss ("14 มี.ค. 67 น.ส. ...").
_UNITS = (rf"(?:ปี|คน|ราย|ครั้ง|แห่ง|วัน|เดือน|ชั่วโมง|ชม\.|นาที|น\.(?![{_CONS}]\.)|นาฬิกา|"
          r"โมง|บาท|ล้าน|%|เปอร์เซ็นต์|จังหวัด|อำเภอ|ตำบล|หมู่|ข้อ|ชั้น|หน่วย|โรง|ทีม|กลุ่ม)")
_NOT_MORE_DIGITS = r"(?![0-9])(?![.,:][0-9])"  # "2567" but not "2567.5", "10.00", "2,567"


def _day(name: str, guarded: bool = True) -> str:
    """A day number; guarded against being the tail of another number.

    The guard rejects "1.5 มีนาคม", "3/24 มีนาคม" and "โควิด-19 มีนาคม" (but not "////9
    พฤศจิกายน"). It looks back from after the first digit so that the pattern starts with a
    digit class. The second day of a range ("24-26") is matched unguarded, inside the range
    pattern only.
    """
    if not guarded:
        return rf"(?P<{name}>[0-9]{{1,2}})(?![0-9])"
    return (rf"(?P<{name}>[0-9](?<![0-9][0-9])(?<![0-9][.,:/][0-9])"
            rf"(?<![0-9A-Za-z{_THAI}][-\u2013][0-9])[0-9]?)(?![0-9])")


def _year(suffix: str) -> str:
    """An optional era (พ.ศ. / ค.ศ.) and a four- or two-digit year."""
    return (rf"(?:(?P<era{suffix}>{_ERA}){_SP})?"
            rf"(?P<y{suffix}>[0-9]{{4}}|[0-9]{{2}}(?!{_SP}{_UNITS})){_NOT_MORE_DIGITS}")


def _month(name: str) -> str:
    return rf"(?:เดือน{_SP})?(?P<{name}>{_MONTH})"


# Every pattern starts with a digit class or a branch of literals, never with an optional
# group or a lookbehind: only then can the regex engine skip ahead to candidate positions
# instead of trying the whole pattern at every character (a 14x difference on real text).
# The optional words before a match ("วันพุธที่ ", "เดือน") are therefore found afterwards,
# looking back from the match (_DAY_WORDS_BEFORE, _MONTH_WORD_BEFORE).
_RE_DAY = re.compile(rf"{_day('d')}{_SP}{_month('m')}(?:{_SP}{_year('')})?")
_RE_DAY_RANGE = re.compile(
    rf"{_day('d1')}{_SP}{_SEP}{_SP}{_DAY_PREFIX}{_day('d2', guarded=False)}"
    rf"{_SP}{_month('m')}(?:{_SP}{_year('')})?"
)
_RE_CROSS_RANGE = re.compile(
    rf"{_day('d1')}{_SP}{_month('m1')}(?:{_SP}{_year('1')})?"
    rf"{_SP}{_SEP}{_SP}{_DAY_PREFIX}{_day('d2', guarded=False)}{_SP}{_month('m2')}"
    rf"(?:{_SP}{_year('2')})?"
)
_RE_MONTH = re.compile(rf"(?P<m>{_MONTH}){_SP}{_year('')}")
_RE_MONTH_RANGE = re.compile(
    rf"(?P<m1>{_MONTH})(?:{_SP}{_year('1')})?{_SP}{_SEP}{_SP}{_month('m2')}{_SP}{_year('2')}"
)
# "July 5, 2022" (US order, in English passages).
_RE_ENGLISH_MDY = re.compile(
    "(?P<m>" + "|".join(f"{c}{rest}" for c, rest in _english_month_forms()) + ")"
    rf" {{1,3}}(?P<d>[0-9]{{1,2}})(?![0-9]),? {{1,3}}(?P<y>[0-9]{{4}}){_NOT_MORE_DIGITS}"
)
# d/m/yyyy, d-m-yyyy, d.m.yyyy (Thai order: day first). A two-digit year only after "วันที่".
_RE_NUMERIC = re.compile(
    r"(?P<d>[0-9](?<![0-9/.,:][0-9])(?<![0-9]-[0-9])[0-9]?)(?P<sep>[/.\-])(?P<m>[0-9]{1,2})"
    r"(?P=sep)(?P<y>[0-9]{4}|[0-9]{2})(?![0-9])(?![/.\-,:][0-9])"
)
# yyyy-mm-dd (ISO, or BE "2567-05-20"), also with slashes.
_RE_ISO = re.compile(
    r"(?P<y>[0-9](?<![0-9/.\-,][0-9])[0-9]{3})(?P<sep>[-/])(?P<m>[0-9]{1,2})(?P=sep)"
    r"(?P<d>[0-9]{1,2})(?![0-9])(?![/.\-,][0-9])"
)
# "ปี 2567", "ปี พ.ศ. 2567", "พ.ศ. 2567", "ค.ศ. 2024", "ปี 2560-2565", "ปีใหม่ 2568", "ปีภาษี
# 2562", "ต้นปี 67". A bare 2567 is not a date.
_RE_YEAR = re.compile(
    rf"(?P<lead>ปี(?P<qual>ใหม่|ภาษี|ปฏิทิน)?{_SP}(?:{_ERA}{_SP})?|"
    + "|".join(f"{e}{_SP}" for e in _ERA_ALTERNATIVES) + ")"
    rf"(?P<y>[0-9]{{4}}|[0-9]{{2}}(?!{_SP}{_UNITS})){_NOT_MORE_DIGITS}"
    rf"(?:{_SP}{_SEP}{_SP}(?:{_ERA}{_SP})?(?P<y2>[0-9]{{4}}){_NOT_MORE_DIGITS})?"
)
# "ปีงบประมาณ 2559", "ปีงบประมาณ พ.ศ. 2559", "ปีงบฯ 67", "ปีงบ 59", "งบประมาณประจำปี 2567".
_RE_FISCAL = re.compile(
    rf"(?:ปี ?งบ(?:ประมาณ)?ฯ?|งบประมาณ{_SP}(?:ประจ(?:ำ|\u0e4d\u0e32){_SP})?ปี){_SP}"
    rf"(?:(?P<era>{_ERA}){_SP})?(?P<y>[0-9]{{4}}|[0-9]{{2}}(?!{_SP}{_UNITS})){_NOT_MORE_DIGITS}"
    rf"(?:{_SP}{_SEP}{_SP}(?:{_ERA}{_SP})?(?P<y2>[0-9]{{4}}|[0-9]{{2}}){_NOT_MORE_DIGITS})?"
)

# Plausibility: Thai news talks about 1800..2300 (BE 2343..2843); outside that a "year" is
# almost certainly a count. Two-digit BE years 00-29 (1957-1986) are too rare in writing to
# outweigh "1 มกราคม 10 ..." being a list, so they are not taken as years.
_MIN_YEAR, _MAX_YEAR = 1800, 2300
_MIN_SHORT_YEAR = 30
_DAY_WORDS_BEFORE = re.compile(rf"{_DAY_WORDS}\Z")
_MONTH_WORD_BEFORE = re.compile(rf"เดือน{_SP}\Z")
_ERA_IN = re.compile(_ERA)
_ERA_KEY = {"พศ": "พศ", "พุทธศักราช": "พศ", "คศ": "คศ", "คริสต์ศักราช": "คศ"}


class _Reject(ValueError):
    """A candidate that looked like a date but is not one; the message says why."""


class _Impossible(_Reject):
    """Written as a date but no such day exists ("31 กุมภาพันธ์ 2567", "45/13/2565")."""


def _ce_year(digits: str | None, era: str | None, month: str | None = None) -> int | None:
    """The Gregorian year for a matched year (None when absent); _Reject if implausible."""
    if digits is None:
        return None
    value = int(digits)
    era_key = _ERA_KEY.get(era.replace(".", "").replace(" ", ""), "") if era else ""
    if len(digits) == 2:
        if month is not None and _is_english(month):
            raise _Reject(f"two-digit year {digits} after an English month")
        if era_key == "คศ":
            raise _Reject(f"two-digit year {digits} after ค.ศ. is ambiguous")
        if value < _MIN_SHORT_YEAR:
            raise _Reject(f"two-digit year {digits} is not taken as a year")
        return be_to_ce(value)
    if era_key == "พศ":
        year = value - _BE_OFFSET  # explicit BE, even below 2400
    elif era_key == "คศ":
        year = value
    else:
        year = _four_digit_year(value)
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise _Reject(f"year {digits} is out of range")
    return year


def _four_digit_year(value: int) -> int:
    """A year written with four digits: BE above 2400, else Gregorian ("0061" is not 2018)."""
    return value - _BE_OFFSET if value > 2400 else value


def _make_date(year: int, month: int, day: int) -> datetime.date:
    """datetime.date with a one-line human reason when the date is impossible."""
    if not 1 <= month <= 12:
        raise _Impossible("month must be 1-12")
    if not 1 <= year <= 9999:
        raise _Impossible("year must be 1-9999")
    last = _last_day(year, month).day
    if not 1 <= day <= last:
        if not 1 <= day <= 31:
            raise _Impossible("day must be 1-31")
        raise _Impossible(f"{_MONTH_EN[month]} {year} has {last} days")
    return datetime.date(year, month, day)


def _last_day(year: int, month: int) -> datetime.date:
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def _month_number(token: str) -> int:
    return _MONTH_NUMBER[token.replace(".", "").replace(" ", "")]


def _is_full_name(token: str) -> bool:
    return token in _FULL_MONTH_NAMES


def _is_english(token: str) -> bool:
    return token[:1].isascii()


def _is_undotted_abbreviation(token: str) -> bool:
    """"กค", "มค." and the like: also agency acronyms (กค. is the Ministry of Finance)."""
    return not _is_full_name(token) and not _is_english(token) and "." not in token[:-1]


def _fiscal_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    """Thai fiscal year N (named by its BE year) runs 1 October N-1 .. 30 September N."""
    return datetime.date(year - 1, 10, 1), datetime.date(year, 9, 30)


# --------------------------------------------------------------------------------------------
# One handler per pattern: (match, reference, prefixed) -> (first, last, kind, end) or _Reject.
# prefixed says whether "วันที่"-like words stand before the match.
# --------------------------------------------------------------------------------------------

_Result = tuple[datetime.date, datetime.date, str, int]


def _year_or_reference(m: re.Match[str], suffix: str, reference: datetime.date | None,
                       fallback_end: int) -> tuple[int, int]:
    """The mention's year and where it ends.

    A number rejected as a year ("5 มีนาคม 15 จังหวัด", "1 มกราคม 1234 คน") is dropped from the
    match and the year comes from the reference instead; no year and no reference rejects the
    mention.
    An undotted abbreviation is only a month when a year follows ("1 กค 67", not "(กค.)").
    """
    try:
        year = _ce_year(m.group(f"y{suffix}"), m.group(f"era{suffix}"), m.group("m"))
    except _Reject:
        if m.group(f"era{suffix}"):
            raise
        year = None
    if year is not None:
        return year, m.end()
    if reference is None:
        raise _Reject("no year given")
    if _is_undotted_abbreviation(m.group("m")):
        raise _Reject("an undotted month abbreviation needs a year")
    return reference.year, fallback_end


def _on_day(m: re.Match[str], reference: datetime.date | None, prefixed: bool) -> _Result:
    year, end = _year_or_reference(m, "", reference, m.end("m"))
    day = _make_date(year, _month_number(m.group("m")), int(m.group("d")))
    return day, day, "day", end


def _on_day_range(m: re.Match[str], reference: datetime.date | None, prefixed: bool) -> _Result:
    year, end = _year_or_reference(m, "", reference, m.end("m"))
    month = _month_number(m.group("m"))
    first = _make_date(year, month, int(m.group("d1")))
    last = _make_date(year, month, int(m.group("d2")))
    if last < first:
        raise _Reject("range ends before it starts")
    return first, last, "range", end


def _on_cross_range(m: re.Match[str], reference: datetime.date | None, prefixed: bool) -> _Result:
    m1, m2 = _month_number(m.group("m1")), _month_number(m.group("m2"))
    y1 = _ce_year(m.group("y1"), m.group("era1"), m.group("m1"))
    y2 = _ce_year(m.group("y2"), m.group("era2"), m.group("m2"))
    # One year written covers both ends; a range that passes December crosses into a new year.
    if y1 is None and y2 is None:
        if reference is None:
            raise _Reject("no year given")
        if _is_undotted_abbreviation(m.group("m1")) or _is_undotted_abbreviation(m.group("m2")):
            raise _Reject("an undotted month abbreviation needs a year")
        y2 = reference.year
    if y1 is None:
        y1 = y2 if m1 <= m2 else y2 - 1
    if y2 is None:
        y2 = y1 if m2 >= m1 else y1 + 1
    first = _make_date(y1, m1, int(m.group("d1")))
    last = _make_date(y2, m2, int(m.group("d2")))
    if last < first:
        raise _Reject("range ends before it starts")
    return first, last, "range", m.end()


def _month_year(m: re.Match[str], suffix: str, short_after_full: bool = False) -> int:
    """A month's year; a two-digit year only after an abbreviation ("ต.ค. 66", not "ตุลาคม 66")
    unless the shape says date ("พฤษภาคม - กันยายน 62")."""
    digits, era = m.group(f"y{suffix}"), m.group(f"era{suffix}")
    if (digits is not None and len(digits) == 2 and not era and not short_after_full
            and _is_full_name(m.group(f"m{suffix}"))):
        raise _Reject("two-digit year after a full month name")
    year = _ce_year(digits, era, m.group(f"m{suffix}"))
    assert year is not None
    return year


def _on_month(m: re.Match[str], reference: datetime.date | None, prefixed: bool) -> _Result:
    year = _month_year(m, "")
    month = _month_number(m.group("m"))
    return datetime.date(year, month, 1), _last_day(year, month), "month", m.end()


def _on_month_range(m: re.Match[str], reference: datetime.date | None, prefixed: bool) -> _Result:
    m1, m2 = _month_number(m.group("m1")), _month_number(m.group("m2"))
    y2 = _month_year(m, "2", short_after_full=True)
    if m.group("y1"):
        y1 = _month_year(m, "1", short_after_full=True)
    else:
        y1 = y2 if m1 <= m2 else y2 - 1
    first, last = datetime.date(y1, m1, 1), _last_day(y2, m2)
    if last < first:
        raise _Reject("range ends before it starts")
    return first, last, "range", m.end()


def _on_numeric(m: re.Match[str], reference: datetime.date | None, prefixed: bool) -> _Result:
    digits = m.group("y")
    # "3/2/65" alone could be a score or a reference number; after "วันที่" it is a date.
    if len(digits) == 2 and (not prefixed or m.group("sep") == "."):
        raise _Reject("d/m/yy is only a date after วันที่")
    year = _ce_year(digits, None)
    assert year is not None
    day = _make_date(year, int(m.group("m")), int(m.group("d")))
    return day, day, "day", m.end()


def _on_english_mdy(m: re.Match[str], reference: datetime.date | None, prefixed: bool) -> _Result:
    year = _ce_year(m.group("y"), None)
    assert year is not None
    day = _make_date(year, _month_number(m.group("m")), int(m.group("d")))
    return day, day, "day", m.end()


def _on_iso(m: re.Match[str], reference: datetime.date | None, prefixed: bool) -> _Result:
    year = _ce_year(m.group("y"), None)
    assert year is not None
    day = _make_date(year, int(m.group("m")), int(m.group("d")))
    return day, day, "day", m.end()


def _era_of(m: re.Match[str], group: str) -> str | None:
    found = _ERA_IN.search(m.group(group))
    return found.group() if found else None


# Words that make "ปี 67" a year: "ต้นปี 67", "สิ้นปี 67" (early, end of year 67).
_YEAR_PART_BEFORE = ("ต้น", "กลาง", "ปลาย", "สิ้น")


def _on_year(m: re.Match[str], reference: datetime.date | None, prefixed: bool) -> _Result:
    era = _era_of(m, "lead")
    # "ปี 67" alone may be an age or a count ("อายุ 15 ปี 67 คน" is handled by _UNITS, but not
    # every unit is listed); it is a year after พ.ศ., a qualifier or "ต้น/กลาง/ปลาย/สิ้น".
    if (len(m.group("y")) == 2 and not era and not m.group("qual")
            and not m.string[max(0, m.start() - 4):m.start()].endswith(_YEAR_PART_BEFORE)):
        raise _Reject("two-digit year after a bare ปี")
    y1 = _ce_year(m.group("y"), era)
    y2 = _ce_year(m.group("y2"), era) if m.group("y2") else y1
    assert y1 is not None and y2 is not None
    if y2 < y1:
        raise _Reject("range ends before it starts")
    kind = "year" if y1 == y2 else "range"
    return datetime.date(y1, 1, 1), datetime.date(y2, 12, 31), kind, m.end()


def _on_fiscal(m: re.Match[str], reference: datetime.date | None, prefixed: bool) -> _Result:
    y1 = _ce_year(m.group("y"), m.group("era"))
    y2 = _ce_year(m.group("y2"), m.group("era")) if m.group("y2") else y1
    assert y1 is not None and y2 is not None
    if y2 < y1:
        raise _Reject("range ends before it starts")
    # "ปีงบประมาณ 2560-2562" spans three fiscal years; the kind stays fiscal_year.
    return _fiscal_bounds(y1)[0], _fiscal_bounds(y2)[1], "fiscal_year", m.end()


_Handler = Callable[[re.Match[str], datetime.date | None, bool], _Result]
# (pattern, words that may stand before it and belong to the mention, handler)
_PATTERNS: tuple[tuple[re.Pattern[str], re.Pattern[str] | None, _Handler], ...] = (
    (_RE_CROSS_RANGE, _DAY_WORDS_BEFORE, _on_cross_range),
    (_RE_DAY_RANGE, _DAY_WORDS_BEFORE, _on_day_range),
    (_RE_DAY, _DAY_WORDS_BEFORE, _on_day),
    (_RE_MONTH_RANGE, _MONTH_WORD_BEFORE, _on_month_range),
    (_RE_MONTH, _MONTH_WORD_BEFORE, _on_month),
    (_RE_NUMERIC, _DAY_WORDS_BEFORE, _on_numeric),
    (_RE_ENGLISH_MDY, None, _on_english_mdy),
    (_RE_ISO, None, _on_iso),
    (_RE_FISCAL, None, _on_fiscal),
    (_RE_YEAR, None, _on_year),
)
_LOOK_BACK = 40  # longer than any prefix: "วันพฤหัสบดีที่" plus spaces is 20 characters

_Candidate = tuple[int, int, "DateMention | None"]


def _candidates(text: str, work: str, reference: datetime.date | None,
                errors: list[tuple[int, str]] | None) -> Iterator[_Candidate]:
    """Every match of every pattern (overlapping), as (start, end, mention or None).

    An impossible date stays in the contest as None: if it is the longest match it hides the
    shorter ones inside it, so "31 กุมภาพันธ์ 2567" does not come out as "กุมภาพันธ์ 2567".
    Other rejects (no year, implausible year) just drop out. Reasons go to errors, with the
    length of the rejected match so the caller can report the most complete attempt.
    """
    for pattern, before, handler in _PATTERNS:
        for m in pattern.finditer(work):
            start = m.start()
            if before is not None and start and (
                    words := before.search(work, max(0, start - _LOOK_BACK), start)):
                start = words.start()
            try:
                first, last, kind, end = handler(m, reference, start != m.start())
            except _Reject as exc:
                if errors is not None:
                    errors.append((m.end() - start, str(exc)))
                if isinstance(exc, _Impossible):
                    yield start, m.end(), None
                continue
            yield start, end, DateMention(text[start:end], first, last, start, end, kind)


def _scan(text: str, reference: datetime.date | None,
          errors: list[tuple[int, str]] | None = None) -> list[DateMention]:
    work = text.translate(_TRANSLATE)
    found = list(_candidates(text, work, reference, errors))
    # Longest match wins; among equal lengths the earlier one. Chosen spans never overlap.
    found.sort(key=lambda c: (c[0] - c[1], c[0]))
    taken = bytearray(len(work))
    chosen: list[DateMention] = []
    for start, end, mention in found:
        if taken.find(1, start, end) != -1:
            continue
        taken[start:end] = b"\x01" * (end - start)
        if mention is not None:
            chosen.append(mention)
    chosen.sort(key=lambda d: d.offset)
    return chosen


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def find_dates(text: str, reference: datetime.date | None = None) -> list[DateMention]:
    """All date mentions in reading order, non-overlapping (longest match wins).

    A day or range written without a year takes ``reference.year``; without a reference it is
    skipped. Impossible dates are skipped, never raised.
    """
    return _scan(text, reference)


_ISO_PREFIX = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[T ].*)?", re.S)
_NUMERIC_WHOLE = re.compile(r"([0-9]{1,2})([/.\-])([0-9]{1,2})\2([0-9]{4}|[0-9]{2})")


def _english_month(group: str) -> str:
    return rf"(?P<{group}>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"


# English dates as feeds and some meta tags write them: RFC 2822 "Mon, 20 May 2024 10:00:00
# +0700", "20 May 2024", "May 20, 2024". Only in parse_date: Thai body text does not use them.
_ENGLISH_DATE = re.compile(
    r"(?:[a-z]{3,9},? +)?"  # weekday
    rf"(?:(?P<d1>[0-9]{{1,2}}) +{_english_month('mon1')},?"  # 20 May 2024
    rf"|{_english_month('mon2')} +(?P<d2>[0-9]{{1,2}}),?)"  # May 20, 2024
    r" +(?P<y>[0-9]{4})\b", re.I)


def parse_date(value: str, reference: datetime.date | None = None) -> datetime.date | None:
    """One date written in any supported form -> date, else None.

    For publish dates from meta tags, feeds and bylines: ISO (``2024-05-20``, also with a time,
    or a BE year ``2567-05-20``), numeric BE or CE ``d/m/yyyy`` (and ``d/m/yy`` when it is the
    whole value), English ``20 May 2024`` / RFC 2822, Thai long and short forms. Surrounding
    text is allowed after Thai dates; the first single-day mention is returned.
    """
    work = value.strip().translate(_TRANSLATE)
    try:
        if m := _ISO_PREFIX.fullmatch(work):
            return _make_date(_four_digit_year(int(m.group(1))), int(m.group(2)), int(m.group(3)))
        if m := _NUMERIC_WHOLE.fullmatch(work):
            digits = m.group(4)
            year = be_to_ce(int(digits)) if len(digits) == 2 else _four_digit_year(int(digits))
            return _make_date(year, int(m.group(3)), int(m.group(1)))
        if m := _ENGLISH_DATE.match(work):
            month = _MONTH_EN_ABBR.index((m.group("mon1") or m.group("mon2")).lower()) + 1
            return _make_date(int(m.group("y")), month, int(m.group("d1") or m.group("d2")))
    except _Reject:
        return None
    for mention in _scan(work, reference):
        if mention.kind == "day":
            return mention.start
    return None


_BOUND_YEAR = re.compile(r"[0-9]{1,4}")
_BOUND_YEAR_MONTH = re.compile(r"([0-9]{4})[-/]([0-9]{1,2})")
_BOUND_YMD = re.compile(r"([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})")
_BOUND_DMY = re.compile(r"([0-9]{1,2})([/.\-])([0-9]{1,2})\2([0-9]{4})")
_BOUND_HELP = ("expected YYYY, YYYY-MM, YYYY-MM-DD, a Buddhist-era year such as 2567, "
               "or a Thai date such as 20 พฤษภาคม 2567")


def parse_date_bound(value: str, *, end: bool = False) -> datetime.date:
    """A ``--from``/``--to`` filter value -> the first (with end=True: last) day it covers.

    Accepts ``2024-05-20``, ``2024-05``, ``2024``, BE ``2560``, BE ``2567-05-20``, ``20/05/2567``
    and Thai text dates (``20 พ.ค. 2567``, ``พฤษภาคม 2567``, ``ปีงบประมาณ 2567``). A year alone
    is 1 Jan (31 Dec with end=True); a month alone its first (last) day. Raises ValueError with a
    one-line message for anything else.
    """
    work = value.strip().translate(_TRANSLATE)

    def fail(reason: str) -> ValueError:
        return ValueError(f"{value!r} is not a date: {reason}")

    if not work:
        raise fail(_BOUND_HELP)
    try:
        if _BOUND_YEAR.fullmatch(work):
            if len(work) != 4:
                raise fail("write the year with four digits (2567 or 2024)")
            year = _four_digit_year(int(work))
            return _make_date(year, 12, 31) if end else _make_date(year, 1, 1)
        if m := _BOUND_YEAR_MONTH.fullmatch(work):
            year, month = _four_digit_year(int(m.group(1))), int(m.group(2))
            first = _make_date(year, month, 1)
            return _last_day(year, month) if end else first
        if m := _BOUND_YMD.fullmatch(work):
            return _make_date(_four_digit_year(int(m.group(1))), int(m.group(2)), int(m.group(3)))
        if m := _BOUND_DMY.fullmatch(work):
            return _make_date(_four_digit_year(int(m.group(4))), int(m.group(3)), int(m.group(1)))
    except _Reject as exc:
        raise fail(str(exc)) from None
    errors: list[tuple[int, str]] = []
    mentions = _scan(work, None, errors)
    if len(mentions) == 1 and mentions[0].offset == 0 and mentions[0].offset_end == len(work):
        return mentions[0].end if end else mentions[0].start
    if not mentions and errors:
        raise fail(max(errors, key=lambda e: e[0])[1])  # the most complete attempt's reason
    raise fail(_BOUND_HELP)
