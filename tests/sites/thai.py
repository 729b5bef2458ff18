"""Thai date spellings, as the imitated sites print them.

Kept apart from the sites so that every page derives its date line from the article's one
``datetime.date``: the weekday in "วันพุธที่ 11 เมษายน 2561" is then always the true weekday, and
the expected ``published_at`` can never drift from what the page shows.
"""

from __future__ import annotations

import datetime as dt

MONTHS = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
          "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
MONTHS_SHORT = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
                "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
WEEKDAYS = ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์")  # Monday first, as date.weekday()
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")

BE_OFFSET = 543  # Buddhist era = Gregorian + 543


def be_year(day: dt.date) -> int:
    return day.year + BE_OFFSET


def long_date(day: dt.date) -> str:
    """'20 พฤษภาคม 2567' (nhso.go.th below the headline)."""
    return f"{day.day} {MONTHS[day.month - 1]} {be_year(day)}"


def long_date_thai_digits(day: dt.date) -> str:
    """'๘ พฤษภาคม ๒๕๖๗': the same with Thai digits, as some NHSO pages are typed."""
    return long_date(day).translate(THAI_DIGITS)


def weekday_date(day: dt.date) -> str:
    """'วันพุธที่ 11 เมษายน 2561' (thaigov.go.th article header)."""
    return f"วัน{WEEKDAYS[day.weekday()]}ที่ {long_date(day)}"


def numeric_be(day: dt.date) -> str:
    """'11/04/2561' (thaigov listings and the time stamp beside the view counter)."""
    return f"{day.day:02d}/{day.month:02d}/{be_year(day)}"


def numeric_be_local(day: dt.date) -> str:
    """'วันที่ 3/02/2565': the provincial site's own habit, day unpadded, month padded."""
    return f"วันที่ {day.day}/{day.month:02d}/{be_year(day)}"


def short_date_2digit(day: dt.date) -> str:
    """'3 ก.พ. 65': abbreviated month and two-digit Buddhist-era year (provincial news)."""
    return f"{day.day} {MONTHS_SHORT[day.month - 1]} {be_year(day) % 100:02d}"


def short_date(day: dt.date) -> str:
    """'12 ม.ค. 2567': abbreviated month, full Buddhist-era year (blog posts without <time>)."""
    return f"{day.day} {MONTHS_SHORT[day.month - 1]} {be_year(day)}"
