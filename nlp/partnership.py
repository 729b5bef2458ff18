"""Does a Thai news text report a partnership signing (MOU, agreement, contract)?

Partnership staff follow who signs what with whom. A document counts as a partnership event
when it *reports a signing of its own*: ``ร่วมลงนามบันทึกความร่วมมือ (MOU)``, ``พิธีลงนาม
บันทึกข้อตกลง``, ``ลงนามความตกลง``, a headline ``... ร่วม MOU ...``. Government texts mention
agreements in many other ways, and those are not events:

* an old agreement as background: ``ตาม MOU ที่ลงนามไว้เมื่อปี 2560``, ``ภายใต้บันทึกข้อตกลงเดิม``,
  ``ซึ่งได้ลงนามกันไปเมื่อ...``, ``ต่อยอดจาก MOU``, ``ครบ 1 ปี MOU``, or a signing dated in its
  own sentence more than six months before publication;
* drafts and authorisations, the bulk of cabinet-meeting summaries: ``เห็นชอบร่างบันทึกความเข้าใจ
  ... และอนุมัติให้รัฐมนตรีเป็นผู้ลงนาม``, agenda items ``เรื่อง การลงนาม...``;
* talks, plans, conditions and negations: ``หารือเบื้องต้นในการจัดทำ MOU``, ``เพื่อร่วมลงนาม``,
  ``เมื่อมีการลงนาม``, ``ยังไม่ได้ลงนาม``;
* ``ลงนาม`` for orders and forms: ``ลงนามในคำสั่ง``, ``ลงนามประกาศ``, ``ลงนามรับรอง``,
  ``ลงนามถวายพระพร``, ``ลงนามยกเลิก``, ``ลงนามถ่ายโอน``, ``ผู้มีอำนาจลงนาม``, and procurement
  contracts (``ลงนามสัญญาจ้าง``, ``ลงนามในสัญญา`` with a contractor);
* ``แรงงานต่างด้าว MoU``: the MOU channel for hiring migrant workers.

Future signings: a signing *scheduled* (``จะ/เตรียม/มีกำหนด ลงนาม``) counts when a day is given
in the same sentence (``เตรียมลงนาม ... ในวันที่ 15 ม.ค. 2567``): it names the parties and the
date, which is what the timeline needs, as in the gold set's convention. A vague plan does not.

The headline weighs most: a title with ``MOU`` or ``ลงนาม`` is the event unless it says
otherwise. Without one, the signing must be reported in the lead (the first ~2,000 characters
after the headline, the whole of a short text): a signing first named deep in a long text is an
aside (item 25 of a cabinet summary, a minister's list of achievements).

Parties are the agencies named in the signing passage (the trigger's paragraph, bounded) or in
the headline, minus those only present as chair, witness or venue (``โดยมี ... เป็นประธาน``,
``ร่วมเป็นสักขีพยาน``, ``ณ กระทรวง...``) and parent ministries written as an affiliation
(``สปส. กระทรวงแรงงาน`` -> sso only); agencies listed after ``ระหว่าง``/``ประกอบด้วย`` sign.

Everything is precompiled regular expressions over bounded windows around the few trigger
words, found with ``str.find``: ~30 µs per 2,000 characters, linear in the length; at most
``_MAX_TRIGGERS`` triggers are examined, which bounds pathological inputs.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from nlp.persons import trie_pattern

__all__ = ["detect_partnership"]

Span = tuple[int, int]
_INFINITY = float("inf")

_MAX_TRIGGERS = 60  # a real article has a handful; this bounds a pathological one
_LEAD = 2000  # without a headline trigger, the signing must be reported this early...
_SHORT_TEXT = 3000  # ...unless the whole text is short
_HEADLINE_REPEATS = 1000  # where pages repeat their headline above the body
_LEFT = 80  # characters of left context examined for background, plan and draft markers
_RIGHT = 80  # characters of right context examined for the document signed
_NOUN_GAP = 40  # the document signed follows ลงนาม within this many characters
_REGION_BEFORE = 400  # the signing passage: this much before the trigger...
_REGION_AFTER = 600  # ...and this much after, inside its paragraph
_LIST_MORE = 600  # a list of signatories may run on past the passage
_MAX_REGIONS = 8
_PARAGRAPH_GAP = 300  # a date in the previous paragraph this close still dates the signing
_SCHEDULE_WINDOW = 150  # a scheduled signing needs a day this close, in its sentence
_STALE_WINDOW = 60  # a date this close to the signing verb dates the signing...
_STALE_DAYS = 180  # ...and one this much older than the publication makes it background
_MAX_PHRASE = 150  # place and programme names
_MAX_PHRASE_TOKENS = 8

# --------------------------------------------------------------------------------------------
# Vocabulary: what is signed
# --------------------------------------------------------------------------------------------

_SIGN = "ลงนาม"
# The document signed, longest first. ``ความร่วมมือ`` only counts as the object of ลงนาม.
_DOC = (
    "บันทึกข้อตกลงความร่วมมือ|บันทึกข้อตกลง|บันทึกความร่วมมือ|บันทึกความเข้าใจ|ข้อตกลงความร่วมมือ"
    "|ความตกลงความร่วมมือ|ความตกลง|ข้อตกลง|สัญญาความร่วมมือ|M\\.?O\\.?U\\.?|MoU|MOA|MoA"
    "|เอ็มโอยู|ปฏิญญา|แถลงการณ์ร่วม|กรอบความร่วมมือ|(?<!อนุ)สัญญา(?!ณ)"
)
_DOC_RE = re.compile(_DOC + "|ความร่วมมือ")
_TRIGGER_RE = re.compile(f"{_SIGN}|{_DOC}")
# Every trigger contains one of these: ``str.find`` skips text without any at memory speed,
# where the regex alone costs ~60 µs per 2,000 Thai characters.
_TRIGGER_KEYS = ("ลงนาม", "บันทึก", "ข้อตกลง", "ความตกลง", "สัญญา", "MOU", "M.O.U", "MoU", "MOA",
                 "MoA", "เอ็มโอยู", "ปฏิญญา", "แถลงการณ์ร่วม", "กรอบความร่วมมือ")
# Documents that are partnerships by name; the others need a verb next to them.
_CLEAR_DOCUMENT = re.compile("บันทึก|M\\.?O\\.?U|MoU|MOA|MoA|เอ็มโอยู|ข้อตกลงความร่วมมือ"
                             "|ความตกลงความร่วมมือ|สัญญาความร่วมมือ")
_MOU_RE = re.compile("M\\.?O\\.?U|MoU|บันทึกความเข้าใจ|เอ็มโอยู")
# ``บันทึกความร่วมมือ (MOU)``: the English name in brackets belongs to the noun.
_ABBREVIATION_TAIL = re.compile(" ?\\((?:M\\.?O\\.?U\\.?|MoU|MOA|MoA|Memorandum[^)\n]{0,80})\\)")
# A contract is a partnership only as cooperation, not procurement.
_PARTNERSHIP_CONTRACT = re.compile(" ?(?:ร่วม|ความร่วมมือ|ให้ทุน|รับทุน)")

# What ลงนาม signs when it is not a partnership.
_NOT_A_PARTNERSHIP_OBJECT = re.compile(
    " ?(?:ใน|เป็น|เพื่อ)? ?(?:คำสั่ง|ประกาศ|(?:คำ)?รับรอง|ข้อตกลงคุณธรรม|ข้อตกลงการปฏิบัติ"
    "|หนังสือ(?!ยืนยันความร่วมมือ)|แต่งตั้ง|อนุมัติ|ถวาย"
    "|แสดงความ|ให้ความเห็นชอบ|สัตยาบัน|กฎ|ร่างกฎ|พระราช|ระเบียบ|สมุด|เช็ค|รับสนอง|ท้าย|ข้อบังคับ"
    "|คำร้อง|ใบ|กรมธรรม์|มอบอำนาจ|ผูกพันนิติบุคคล|ผูกพันสัญญา|ยินยอม|ยกเลิก|ถ่ายโอน|รับโอน|โอน"
    "|(?:บันทึก)?(?:การ)?ส่งมอบ|จัดสรร|เอกสาร|สัญญา ?(?:จ้าง|เช่า|ซื้อ|ขาย|กู้|ประกัน|โอน|สัมปทาน"
    "|รับ|ค้ำ|จะซื้อ))"
)
_NOT_A_SIGNER = re.compile("(?:ผู้มี|มี)อำนาจ ?$|ลายมือชื่อ ?$")

# --------------------------------------------------------------------------------------------
# Vocabulary: the context of a trigger
# --------------------------------------------------------------------------------------------

# Left context ending at the trigger (``ตามที่ได้ลงนาม``, ``ภายใต้ MOU``).
_BACKGROUND_LEFT = re.compile(
    "(?:ตาม|ภายใต้|ต่อยอด(?:จาก)?|สืบเนื่อง(?:จาก)?|อ้างถึง|ตามที่|เคย|ยึดตาม|อาศัย|เป็นไปตาม"
    "|เมื่อครั้ง|ครั้ง(?:ที่)?|วันที่|นับ(?:แต่|จาก)|ภายหลัง|หลัง(?:จาก)?|ตั้งแต่|ก่อน(?:หน้า)?|จาก"
    "|ครบ(?:รอบ)? ?\\d+ ?ปี(?:ของ|ที่)?|ฉลอง|เดิม)"
    " ?(?:การ|ที่)?(?:ได้)?(?:มีการ)?(?:ร่วม)?(?:กัน)? ?$"
)
# ``หลังจากที่ไทยและลาว ได้มีการลงนาม``: a clause dating something else by an old signing.
_AFTER_CLAUSE_LEFT = re.compile(
    "(?:หลังจาก|ภายหลังจาก|นับตั้งแต่|ตั้งแต่)ที่[^\n]{0,40}?ได้ ?(?:มีการ)?(?:ร่วม)?(?:กัน)? ?$")
_RELATIVE_LEFT = re.compile("(?:ที่|ซึ่ง) ?(?:ได้)?(?:มีการ|ทำการ)?(?:ร่วม)?(?:กัน)? ?$")
_PAST_RIGHT = re.compile(
    "[^\n]{0,40}?(?:ไว้|กันไป|ไปแล้ว|แล้ว ?เมื่อ|เมื่อ ?(?:ปี|พ\\.ศ\\.|ปลายปี|ต้นปี|ช่วง|เดือน)"
    "|ตั้งแต่ ?(?:ปี|พ\\.ศ\\.)|ที่ผ่านมา)"
)
# ``ลงนามในสัญญาได้ภายในเดือนกรกฎาคม``: expected, not done.
_FUTURE_RIGHT = re.compile("[^\n]{0,60}?ได้ ?(?:ภายใน|ใน ?(?:เดือน|ช่วง|ปี))")
_DRAFT_RIGHT = re.compile(" ?(?:ใน)? ?\\(?ร่าง")
_DRAFT_LEFT = re.compile("\\(?ร่าง\\)? ?$")
# A signing to come at a stated time: an event when the day is given (see module docstring).
_SCHEDULED_LEFT = re.compile(
    "(?:จะ|เตรียม(?:การ|ที่จะ|พร้อม)?|มีกำหนด(?:การ)?|กำหนด(?:จัด)?|คาดว่าจะ)"
    " ?(?:ได้)?(?:มี)?(?:การ)?(?:ร่วม)?(?:กัน)?(?:จัด)?(?:พิธี)?(?:การ)? ?$"
)
# Talks, intentions, conditions, negations, agenda items: never an event.
_PLAN_LEFT = re.compile(
    "(?:ผลักดัน(?:ให้)?(?:เกิด)?|หารือ(?:เบื้องต้น)?|ขอความเห็นชอบ|ยังไม่|ไม่|ไม่มี|เร่ง(?:รัด)?"
    "|อยู่ระหว่าง|วางแผน|ต้องการ|ประสงค์|สามารถ|หาก|ถ้า|เมื่อ|พิจารณา|เสนอ(?:ให้)?|ขอ|ยินดีที่จะ"
    "|นำ(?:ไป)?|ศึกษา|มุ่ง|เรื่อง|เพื่อ|แนวทาง|เชิญ|ชวน|สงวนสิทธิ์)"
    " ?(?:ได้)?(?:มี)?(?:ใน)?(?:การ)?(?:ร่วม)?(?:กัน)?(?:จัด)?(?:ทำ)?(?:พิธี)?(?:ให้)?(?:มี)?(?:การ)? ?$"
)
_AUTHORISE_END = re.compile("(?:เป็นผู้|ให้) ?$")
_AUTHORISE = re.compile("อนุมัติ|เห็นชอบ|มอบหมาย|มอบอำนาจ|อนุญาต|ตามที่เสนอ")
_AUTHORISE_WINDOW = 160
# ``แรงงานต่างด้าว MoU``: the hiring channel for migrant workers.
_MIGRANT_MOU_LEFT = re.compile(
    "(?:ต่างด้าว|แรงงาน|ระบบ|กลุ่ม|รูปแบบ|ช่องทาง|วิธี|นำเข้า|ประเภท) ?(?:ตาม|ผ่าน)? ?$")
# A document noun on its own is an event with a verb of doing it (``ร่วม MOU``, ``เซ็น MOU``).
_NOUN_EVENT_LEFT = re.compile(
    "(?:ร่วม|ทำ|จัดทำ|จับมือ(?:ทำ)?|แลกเปลี่ยน|ลงนาม(?:ใน)?|เซ็น|ผนึกกำลัง|ผ่าน|พิธี) ?(?:ใน)?(?:การ)?$"
)
_NOUN_EVENT_VERBS = ("ร่วม", "จับมือ", "ลงนาม", "เซ็น", "แลกเปลี่ยน", "ผนึก")
_STRONG_SIGN_LEFT = re.compile("(?:ร่วม|พิธี|ผู้ร่วม|เป็นผู้) ?$")  # ร่วมลงนาม, พิธีลงนาม
_ANAPHORA_RIGHT = re.compile("[^\n]{0,40}?(?:ในครั้งนี้|ครั้งนี้|ดังกล่าว)")

# --------------------------------------------------------------------------------------------
# Vocabulary: parties, places, programmes
# --------------------------------------------------------------------------------------------

# A person's name starts a new clause (``ณ ทำเนียบรัฐบาล นายสมศักดิ์ ...``).
_HONORIFIC = ("(?:นาย|นาง|น\\.ส\\.|นพ\\.|พญ\\.|ทพ\\.|ภก\\.|ภญ\\.|ดร\\.|ศ\\.|รศ\\.|ผศ\\.|พล\\.|พ\\.ต\\."
              "|พลเอก|พลตำรวจ|ม\\.ร\\.ว\\.|ม\\.ล\\.|ว่าที่|แพทย์หญิง|ศาสตราจารย์|รองศาสตราจารย์)")
# What an agency named in the passage does there: the first role word after its name decides
# (``นาย ก รมว.X และ นาย ข ปลัด Y เป็นประธาน`` -> witnesses; ``X ร่วมกับ Y ลงนาม`` -> parties).
_WITNESS_WORDS = ("เป็นประธาน", "ประธานใน", "ประธานพิธี", "ประธานเปิด", "ประธานและ", "สักขีพยาน",
                  "พยาน", "เป็นเกียรติ", "ให้เกียรติ", "ต้อนรับ", "กล่าวรายงาน", "กล่าวเปิด", "เปิดงาน",
                  "เข้าร่วม", "ร่วมพิธี", "ร่วมเป็น", "มอบนโยบาย")
_SIGN_WORDS = ("ลงนาม", "จับมือ", "ผนึกกำลัง", "เซ็น")
_ROLE_MARK = re.compile(trie_pattern(list(_WITNESS_WORDS + _SIGN_WORDS)))
_NOT_A_WITNESS_AFTER = {"เข้าร่วม": ("ลงนาม", "โครงการ"), "ร่วมเป็น": ("ผู้",)}
_ROLE_WINDOW = 300
# ``... ลงนามบันทึกความร่วมมือกับ ธ.ก.ส.``: named after the verb, as the other side.
_COUNTERPART_GAP = 50  # from กับ to the name
_COUNTERPART_VERB = 100  # from the verb to กับ
_LIST_START = re.compile("ระหว่าง|ประกอบด้วย|ได้แก่")
_LIST_END = re.compile(
    "\n| (?=โดยมี|เพื่อ|ซึ่ง|เมื่อ|ณ |ทั้งนี้|นอกจากนี้|โดยมุ่ง|หวัง|ใน(?:โครงการ|การ))"
    "|(?<=\\S)(?=ซึ่ง|โดยมี|ในโครงการ)"  # not เพื่อ: กองทุนเพื่อความเสมอภาค...
)
# ``สปส. กระทรวงแรงงาน``, ``สปสช.กระทรวงสาธารณสุข``: the ministry is an affiliation.
_MINISTRY = "กระทรวง"
_AFFILIATION_GAP = re.compile("[ )]{0,3}(?:\\([^()\n]{1,40}\\))? ?")

_PLACE_HEAD = ("ห้อง|โรงแรม|ศาลา|อาคาร|ทำเนียบ|หอประชุม|ตึก|สโมสร|ที่ว่าการ|ศูนย์|สำนักงาน|กระทรวง"
               "|โรงพยาบาล|มหาวิทยาลัย|กรม")
_PLACE = re.compile(
    "(?:(?<=[\\s(])|^)(?:ณ(?: (?!วันที่|ปัจจุบัน|ขณะนี้|เวลา|สิ้น|อยุธยา|ที่นี้|บัดนี้|จุด|ตอนนี้|ระนอง"
    f"|นคร |ป้อมเพชร|ถลาง)|(?={_PLACE_HEAD}))|(?:ที่|ที่ทำการ) ?(?={_PLACE_HEAD}))"
)
_PHRASE_HARD_STOP = re.compile("[\n,;|\"“”]")
_PLACE_STOP = re.compile(
    " (?=โดย|เพื่อ|ซึ่ง|ได้|มี|ร่วม|ลงนาม|เมื่อ|วันที่|ระหว่าง|นำ|พร้อม|ทั้งนี้|จำนวน|เป็น|ภายใต้|สำหรับ"
    "|กล่าว|และ|ให้|ว่า|จาก|ตั้งแต่|ทั้ง|เวลา|ครั้ง|จัด|ณ |ที่ |ใน |โครงการ|นอกจากนี้|หวัง|ปี |พ\\.ศ\\.)"
    "|ลงนาม|ร่วมกับ|ร่วมลงนาม|โดยมี|(?<=\\S)(?:เมื่อ|ในวันที่|วันที่|ระหว่างวันที่)"
    f"| (?={_HONORIFIC})"
)
_PHRASE_PAREN = re.compile(" ?\\(")
_PROGRAMME = re.compile(
    "โครงการ(?!ฯ|ดังกล่าว|นี้|นั้|ต่าง|ที่|ใน|ของ|และ|ซึ่ง|ทั้ง|เพื่อ|ได้|จะ|จำนวน|[ ,.)\\n]|$)")
_PROGRAMME_STOP = re.compile(
    " (?=โดย|ระหว่าง|ณ |เมื่อ|วันที่|ซึ่ง|ร่วม|ลงนาม|เพื่อ|และ|ที่|ได้|กับ|นี้|ดังกล่าว|ครั้งนี้|กล่าว"
    "|ว่า|ให้|เป็น|มี|จะ|ทั้งนี้|นอกจากนี้|พร้อม|หวัง|ภายใต้|จาก|ของ|ใน|สู่|มุ่ง)"
    "|(?<=\\S)(?:ระหว่าง|ร่วมกับ|ลงนาม|โดยมี|ซึ่ง|แล้ว)"
)
_QUOTED = re.compile("“([^”\n]{3,120})”|\"([^\"\n]{3,120})\"")
_QUOTE_AFTER = 60  # a quoted programme name follows the document noun this closely


@dataclass(frozen=True)
class _Trigger:
    """A place where a signing may be reported, and what was found about it."""

    start: int
    end: int  # end of the evidence: the verb and the document noun when one follows
    kind: str | None
    strength: int  # 2: reports a signing; 1: refers to one (``การลงนามครั้งนี้``); 0: excluded
    field: str = "text"
    anaphoric: bool = False  # "this signing": what follows lists its parties


_Date = tuple[int, datetime.date, datetime.date, str]  # offset, first day, last day, kind


def _kind_of(noun: str) -> str:
    """The contract's kind of a document noun."""
    if _MOU_RE.match(noun):
        return "MOU"
    if noun.startswith("บันทึก") or noun in ("MOA", "MoA"):
        return "memorandum"
    if noun.startswith("สัญญา"):
        return "contract"
    return "agreement"


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------

def _date_of(mention: Any) -> _Date | None:
    """(offset, start, end, kind) of a ``DateMention`` or of a dict with those keys."""
    if isinstance(mention, dict):
        offset, start, end, kind = (mention.get("offset"), mention.get("start"),
                                    mention.get("end"), mention.get("kind"))
    else:
        offset, start = getattr(mention, "offset", None), getattr(mention, "start", None)
        end, kind = getattr(mention, "end", None), getattr(mention, "kind", None)
    if not isinstance(offset, int) or start is None:
        return None
    if not isinstance(start, datetime.date) or not isinstance(end, datetime.date):
        try:
            start = start if isinstance(start, datetime.date) else datetime.date.fromisoformat(start)
            end = end if isinstance(end, datetime.date) else (
                datetime.date.fromisoformat(end) if end else start)
        except (TypeError, ValueError):
            return None
    return offset, start, end, str(kind or "")


def _parse_dates(dates: Iterable[Any] | None) -> list[_Date]:
    """Date mentions sorted by offset; unusable ones dropped."""
    parsed = [d for d in map(_date_of, dates or ()) if d is not None]
    parsed.sort(key=lambda d: d[0])
    return parsed


def _dates_between(dates: list[_Date], lo: int, hi: int) -> list[_Date]:
    return dates[bisect.bisect_left(dates, lo, key=lambda d: d[0]):
                 bisect.bisect_left(dates, hi, key=lambda d: d[0])]


def _is_day(date: _Date) -> bool:
    """A day or a short range, not a month or a year (``พ.ศ. 2567`` in a programme name)."""
    return date[3] not in ("month", "year", "fiscal_year") and (date[2] - date[1]).days <= 7


# --------------------------------------------------------------------------------------------
# Triggers
# --------------------------------------------------------------------------------------------

def _line_bounds(text: str, pos: int) -> Span:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end == -1 else end


def _context(text: str, start: int, end: int, line: Span) -> str:
    """What surrounds a trigger: "event", "scheduled", or why it is not an event."""
    left = text[max(line[0], start - _LEFT):start]
    right = text[end:min(line[1], end + _RIGHT)]
    if _DRAFT_LEFT.search(left) or _DRAFT_RIGHT.match(right):
        return "draft"
    if _BACKGROUND_LEFT.search(left) or _AFTER_CLAUSE_LEFT.search(left):
        return "background"
    if _AUTHORISE_END.search(left) and _AUTHORISE.search(
            text, max(line[0], start - _AUTHORISE_WINDOW), start):
        return "authorisation"
    if _PLAN_LEFT.search(left) or _FUTURE_RIGHT.match(right):
        return "plan"
    past = _PAST_RIGHT.match(right)
    if past and (_RELATIVE_LEFT.search(left) or "แล้ว" in right[:40] or "ไว้" in right[:12]):
        return "background"
    if _SCHEDULED_LEFT.search(left):
        return "scheduled"
    return "event"


def _scheduled_with_day(start: int, end: int, line: Span, dates: list[_Date]) -> bool:
    lo, hi = max(line[0], start - _SCHEDULE_WINDOW), min(line[1], end + _SCHEDULE_WINDOW)
    return any(_is_day(d) for d in _dates_between(dates, lo, hi))


def _sign_trigger(text: str, start: int, line: Span, dates: list[_Date]) -> _Trigger:
    """Classify one ``ลงนาม``: its document, and whether it reports a signing."""
    end = start + len(_SIGN)
    left = text[max(line[0], start - _LEFT):start]
    noun = _DOC_RE.search(text, end, min(line[1], end + _RIGHT))
    if noun and noun.start() - end > _NOUN_GAP:
        noun = None
    covered = noun.end() if noun else end  # an excluded signing hides its noun too
    if _NOT_A_PARTNERSHIP_OBJECT.match(text, end) or _NOT_A_SIGNER.search(left):
        return _Trigger(start, covered, None, 0)
    verb_start = start - 4 if left.endswith(("ร่วม", "พิธี")) else start
    context = _context(text, verb_start, end, line)
    if context == "scheduled" and _scheduled_with_day(verb_start, covered, line, dates):
        context = "event"
    if context != "event":
        return _Trigger(start, covered, None, 0)
    if noun:
        zone = text[end:noun.start()]
        if "ร่าง" in zone or "ต่อท้าย" in zone or (
                noun.group() == "สัญญา" and not _PARTNERSHIP_CONTRACT.match(text, noun.end())):
            return _Trigger(start, covered, None, 0)  # a draft, an annex, a procurement contract
        tail = _ABBREVIATION_TAIL.match(text, noun.end())
        return _Trigger(verb_start, tail.end() if tail else noun.end(), _kind_of(noun.group()), 2)
    before = _DOC_RE.search(text, max(line[0], start - _LEFT), start)
    kind = _kind_of(before.group()) if before else None
    relative = _RELATIVE_LEFT.search(text, max(line[0], verb_start - 20), verb_start)
    strong = _STRONG_SIGN_LEFT.search(left) and not relative
    anaphoric = bool(_ANAPHORA_RIGHT.match(text, end, line[1]))
    return _Trigger(verb_start, end, kind, 2 if strong else 1, anaphoric=anaphoric)


def _noun_trigger(text: str, m: re.Match[str], line: Span, dates: list[_Date],
                  in_title: bool) -> _Trigger:
    """A document noun without ``ลงนาม`` before it: an event with a verb, or in a headline."""
    start, end, noun = m.start(), m.end(), m.group()
    kind = _kind_of(noun)
    if noun == "สัญญา" and not _PARTNERSHIP_CONTRACT.match(text, end):
        return _Trigger(start, end, kind, 0)  # สัญญาจ้าง, ผิดสัญญา...
    left = text[max(line[0], start - 30):start]
    context = _context(text, start, end, line)
    if context == "scheduled" and _scheduled_with_day(start, end, line, dates):
        context = "event"
    if context != "event" or _MIGRANT_MOU_LEFT.search(left):
        return _Trigger(start, end, kind, 0)
    verb = _NOUN_EVENT_LEFT.search(left)
    clear = bool(_CLEAR_DOCUMENT.match(noun))
    if in_title:
        return _Trigger(start, end, kind, 2 if verb or clear else 1)
    if clear and verb and verb.group().startswith(_NOUN_EVENT_VERBS):
        return _Trigger(start, end, kind, 2)
    return _Trigger(start, end, kind, 1)


def _trigger_matches(text: str) -> Iterator[re.Match[str]]:
    """Trigger words in order, found by ``str.find`` then confirmed by an anchored match."""
    starts: set[int] = set()
    for key in _TRIGGER_KEYS:
        pos = text.find(key)
        while pos != -1 and len(starts) < 4 * _MAX_TRIGGERS:
            starts.add(pos)
            pos = text.find(key, pos + 1)
    covered = -1
    for pos in sorted(starts):
        if pos < covered:
            continue
        m = _TRIGGER_RE.match(text, pos)
        if m:
            covered = m.end()
            yield m


def _triggers(text: str, dates: list[_Date], in_title: bool = False) -> list[_Trigger]:
    """Every signing verb and document noun, classified; at most ``_MAX_TRIGGERS``."""
    found: list[_Trigger] = []
    last_sign_end = -1
    field = "title" if in_title else "text"
    for m in _trigger_matches(text):
        if len(found) >= _MAX_TRIGGERS:
            break
        line = _line_bounds(text, m.start())
        if m.group() == _SIGN:
            trig = _sign_trigger(text, m.start(), line, dates)
            last_sign_end = trig.end
        elif m.start() < last_sign_end:
            continue  # the noun of a ลงนาม already classified
        else:
            trig = _noun_trigger(text, m, line, dates, in_title)
        found.append(_Trigger(trig.start, trig.end, trig.kind, trig.strength, field,
                              trig.anaphoric))
    return found


def _stale(text: str, trig: _Trigger, dates: list[_Date],
           published_at: datetime.date | None) -> bool:
    """A signing dated in its own sentence long before publication is background
    (``ลงนามเมื่อวันที่ 21 เมษายน 2554`` in a 2567 article)."""
    if published_at is None or trig.strength == 0:
        return False
    line = _line_bounds(text, trig.end)
    lo, hi = max(line[0], trig.start - 2 * _STALE_WINDOW), min(line[1], trig.end + _STALE_WINDOW)
    nearest: tuple[int, datetime.date] | None = None
    for offset, _, last, kind in _dates_between(dates, lo, hi):
        if kind in ("day", "range", "month", ""):
            distance = offset - trig.end if offset >= trig.end else trig.start - offset
            if nearest is None or distance < nearest[0]:
                nearest = (distance, last)
    return nearest is not None and (published_at - nearest[1]).days > _STALE_DAYS


def _headline(text: str, title: str) -> tuple[str, int]:
    """The headline and its offset in ``text`` (-1 when it is not the text's first line)."""
    title = (title or "").strip()
    if title:
        return title, (0 if text.startswith(title) else -1)
    first = text.split("\n", 1)[0].strip()
    return (first, 0) if 0 < len(first) <= 250 and "\n" in text else ("", -1)


def _lead_end(text: str, title_in_text: int, headline: str) -> int:
    """Where the lead ends; pages often repeat their headline above the body."""
    if len(text) <= _SHORT_TEXT:
        return len(text)
    start = len(headline) if title_in_text == 0 else 0
    probe = headline[:30]
    if len(probe) >= 10:
        pos = text.find(probe, start, start + _HEADLINE_REPEATS)
        while pos != -1:
            start = pos + len(probe)
            pos = text.find(probe, start, start + _HEADLINE_REPEATS)
    return start + _LEAD


# --------------------------------------------------------------------------------------------
# Parties
# --------------------------------------------------------------------------------------------

def _region(text: str, trig: _Trigger) -> Span:
    """The signing passage: the trigger's paragraph, bounded on both sides."""
    line_start, line_end = _line_bounds(text, trig.start)
    return max(line_start, trig.start - _REGION_BEFORE), min(line_end, trig.end + _REGION_AFTER)


def _merge(spans: Iterable[Span]) -> list[Span]:
    merged: list[Span] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


@dataclass
class _Roles:
    """Where signing sides may be named: the signing passages, and lists of signatories
    (after ระหว่าง / ประกอบด้วย), which count even inside a chair's sentence."""

    passages: list[Span]
    listed: list[Span]


def _list_span(text: str, start: int, hi: int) -> Span:
    stop = _LIST_END.search(text, start, hi)
    return start, stop.start() if stop else hi


def _roles(text: str, regions: list[Span], anaphoric: list[_Trigger]) -> _Roles:
    roles = _Roles(list(regions), [])
    for lo, hi in regions:
        for m in _LIST_START.finditer(text, lo, hi):
            line_end = _line_bounds(text, m.start())[1]
            roles.listed.append(_list_span(text, m.start(), min(line_end, hi + _LIST_MORE)))
    for trig in anaphoric:  # "หน่วยงานที่ลงนามในครั้งนี้ ประกอบด้วย A B C"
        line_end = _line_bounds(text, trig.end)[1]
        listed = _LIST_START.search(text, trig.end, min(line_end, trig.end + 80))
        if listed:
            roles.listed.append(_list_span(text, listed.start(), min(line_end, listed.end() + 800)))
    return roles


def _role_marks(source: str, spans: Iterable[Span]) -> list[tuple[int, bool]]:
    """(position, is a signing word) of every role word in the spans and a little after."""
    marks: dict[int, bool] = {}
    for lo, hi in _merge(spans):
        for m in _ROLE_MARK.finditer(source, lo, min(len(source), hi + _ROLE_WINDOW)):
            word = m.group()
            if source.startswith(_NOT_A_WITNESS_AFTER.get(word, ()), m.end()):
                continue  # เข้าร่วมลงนาม, ร่วมเป็นผู้ลงนาม
            marks[m.start()] = word in _SIGN_WORDS
    return sorted(marks.items())


def _signs(source: str, start: int, end: int, marks: list[tuple[int, bool]],
           unmarked: bool = False) -> bool:
    """Whether the agency named at [start, end) is a signing side rather than a witness.

    The first role word after the name decides (``นาย ก รมว.X และ นาย ข ปลัด Y เป็นประธาน``:
    both witnesses; ``X ร่วมกับ Y ลงนาม``: both sides). A name after the verb is the
    counterpart (``ลงนาม ... กับ X``). In a passage a name followed by no role word in its
    line (``... ณ อาคาร X``) is not a side; a headline is terse (``สปสช. - ธ.ก.ส. ร่วม MOU``),
    so there ``unmarked`` names sign."""
    line_start, line_end = _line_bounds(source, start)
    with_ = source.rfind("กับ", max(line_start, start - _COUNTERPART_GAP), start)
    if with_ != -1:
        verb_lo = max(line_start, with_ - _COUNTERPART_VERB)
        if any(source.rfind(v, verb_lo, with_) != -1 for v in _SIGN_WORDS[:3]):
            return True
    i = bisect.bisect_left(marks, (end, False))
    if i < len(marks) and marks[i][0] < min(line_end, end + _ROLE_WINDOW):
        return marks[i][1]
    return unmarked


def _inside(pos: int, spans: Sequence[Span]) -> bool:
    """Whether ``pos`` falls in one of ``spans`` (sorted, non-overlapping: see ``_merge``)."""
    i = bisect.bisect_right(spans, (pos, _INFINITY)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _mentions(agency: dict[str, Any], field: str) -> list[Span]:
    out = []
    for m in agency.get("mentions", ()):
        start, end = m.get("start"), m.get("end")
        if m.get("field", "text") == field and isinstance(start, int) and isinstance(end, int):
            out.append((start, end))
    return out


def _affiliations(source: str, spans: list[tuple[int, int, str]]) -> set[int]:
    """Starts of ministry mentions written right after another agency, as its affiliation."""
    spans = sorted(spans)
    out: set[int] = set()
    for (prev, end, _), (start, _, _) in zip(spans, spans[1:]):
        if (source.startswith(_MINISTRY, start) and not source.startswith(_MINISTRY, prev)
                and _AFFILIATION_GAP.fullmatch(source, end, start)):
            out.add(start)  # a list of ministries is not a chain of affiliations
    return out


def _title_spans(agency: dict[str, Any], title: str, title_in_text: int) -> list[Span]:
    """Where an agency is named in the headline: its title mentions, or its names found."""
    found = _mentions(agency, "title")
    if title_in_text >= 0:
        end = title_in_text + len(title)
        found += [(s - title_in_text, e - title_in_text) for s, e in _mentions(agency, "text")
                  if title_in_text <= s < end]
    if not found and title:
        for name in [agency.get("name", ""), *agency.get("aliases", ())]:
            pos = title.find(name) if name and len(name) >= 3 else -1
            if pos >= 0:
                found.append((pos, pos + len(name)))
    return sorted(found)


def _parties(text: str, agencies: Sequence[dict[str, Any]], roles: _Roles, venues: list[Span],
             headline: str, title_in_text: int, title_signing: bool) -> list[str]:
    """Agency ids that sign, in order of appearance: signing passage first, then headline."""
    known = [a for a in agencies if a.get("id")]
    body = [(s, e, a["id"]) for a in known for s, e in _mentions(a, "text")]
    heads = [(s, e, a["id"]) for a in known for s, e in _title_spans(a, headline, title_in_text)]
    affiliated = _affiliations(text, body) | _affiliations(headline, heads)
    marks = _role_marks(text, roles.passages)
    venues, listed, passages = _merge(venues), _merge(roles.listed), _merge(roles.passages)
    ranked: list[tuple[int, int, str]] = []
    for start, end, ident in body:
        if start in affiliated or _inside(start, venues):
            continue
        if _inside(start, listed) or (_inside(start, passages) and _signs(text, start, end, marks)):
            ranked.append((0, start, ident))
    if title_signing:
        title_marks = _role_marks(headline, [(0, len(headline))])
        ranked += [(1, s, ident) for s, e, ident in heads
                   if s not in affiliated and _signs(headline, s, e, title_marks, unmarked=True)]
    seen: set[str] = set()
    ordered = []
    for _, _, ident in sorted(ranked):
        if ident not in seen:
            seen.add(ident)
            ordered.append(ident)
    return ordered


# --------------------------------------------------------------------------------------------
# Date, place, programme
# --------------------------------------------------------------------------------------------

def _signing_date(dates: list[_Date], regions: list[Span], anchor: int,
                  published_at: datetime.date | None) -> str | None:
    """The day-precise date nearest the signing (same passage), else the publication date."""
    best: tuple[int, datetime.date] | None = None
    for lo, hi in regions:
        for date in _dates_between(dates, lo - _PARAGRAPH_GAP, hi):
            distance = abs(date[0] - anchor)
            if _is_day(date) and (best is None or distance < best[0]):
                best = (distance, date[1])
    if best:
        return best[1].isoformat()
    return published_at.isoformat() if published_at else None


def _phrase(text: str, start: int, hi: int, stop: re.Pattern[str]) -> tuple[int, bool]:
    """End of a name-like phrase from ``start``: cut at punctuation, a clause word, a bracket
    or a length limit. Also tells whether a bracket or a signing verb cut it: then a trailing
    agency name is the subject of the next clause (``... อาคารบี สปสช. (NHSO) ลงนาม``)."""
    limit = min(hi, start + _MAX_PHRASE)
    hard = _PHRASE_HARD_STOP.search(text, start, limit)
    if hard:
        limit = hard.start()
    end, by_subject = limit, False
    soft = stop.search(text, start + 1, limit)
    if soft:
        end = soft.start()
        by_subject = text.startswith(("ลงนาม", "ร่วม", " ร่วม", " ลงนาม"), soft.start())
    paren = _PHRASE_PAREN.search(text, start + 1, end)
    if paren:
        end, by_subject = paren.start(), True
    spaces = [i for i in range(start, end) if text[i] == " "]
    if len(spaces) >= _MAX_PHRASE_TOKENS:
        end = spaces[_MAX_PHRASE_TOKENS - 1]
    return end, by_subject


def _venues(text: str, regions: list[Span], agency_starts: list[int]) -> list[tuple[int, int, str]]:
    """Venue phrases (``ณ ห้องประชุม...``, ``ที่โรงแรม...``) in the signing passages."""
    found = []
    for lo, hi in regions:
        for m in _PLACE.finditer(text, lo, hi):
            end, by_subject = _phrase(text, m.end(), hi, _PLACE_STOP)
            if by_subject:
                end = _drop_trailing_subject(text, m.end(), end, agency_starts)
            phrase = text[m.end():end].strip()
            if len(phrase) >= 3:
                found.append((m.start(), end, phrase))
    return found


def _drop_trailing_subject(text: str, start: int, end: int, agency_starts: list[int]) -> int:
    """``ณ ... อาคารบี สำนักงานหลักประกันสุขภาพแห่งชาติ (สปสช.) ธนาคาร...``: the last agency
    before the bracket is the subject that signs, not part of the venue."""
    inside = [p for p in agency_starts if start < p < end and text[p - 1] == " "]
    if inside:
        return inside[-1] - 1
    last_space = text.rfind(" ", start, end)
    return last_space if last_space > start and text.startswith(" (", end) else end


def _programme(text: str, regions: list[Span], evidence: _Trigger, headline: str,
               title_triggers: list[_Trigger]) -> str | None:
    """The programme signed for: a quoted name right after the document, or ``โครงการ...``."""
    if evidence.field == "text":
        line_end = _line_bounds(text, evidence.end)[1]
        quoted = _QUOTED.search(text, evidence.end, min(line_end, evidence.end + _QUOTE_AFTER))
        if quoted:
            return (quoted.group(1) or quoted.group(2)).strip()
    anchor = evidence.start if evidence.field == "text" else (regions[0][0] if regions else 0)
    best: tuple[int, str] | None = None
    for lo, hi in regions:
        for m in _PROGRAMME.finditer(text, lo, hi):
            end, _ = _phrase(text, m.start(), hi, _PROGRAMME_STOP)
            name = text[m.start():end].strip()
            distance = abs(m.start() - anchor) + (0 if m.start() >= anchor else 50)
            if len(name) > len("โครงการ") + 3 and (best is None or distance < best[0]):
                best = (distance, name)
    if best:
        return best[1]
    for trig in title_triggers:
        quoted = _QUOTED.search(headline, trig.end, trig.end + _QUOTE_AFTER)
        if quoted:
            return (quoted.group(1) or quoted.group(2)).strip()
        m = _PROGRAMME.search(headline, trig.end)
        if m:
            end, _ = _phrase(headline, m.start(), len(headline), _PROGRAMME_STOP)
            return headline[m.start():end].strip()
    return None


def _event_kind(evidence: _Trigger, strong: list[_Trigger], title_triggers: list[_Trigger],
                text: str, headline: str) -> str:
    """The evidence's document kind; a memorandum the text also calls MOU is an MOU."""
    kind = evidence.kind or next((t.kind for t in strong + title_triggers if t.kind), None)
    if kind in (None, "memorandum", "agreement"):
        source = text if evidence.field == "text" else headline
        if _MOU_RE.search(source, evidence.start, evidence.end + 20) or any(
                t.kind == "MOU" for t in title_triggers):
            return "MOU"
    return kind or "agreement"


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------

def _no_event() -> dict[str, Any]:
    return {"is_partnership": False, "kind": None, "parties": [], "date": None, "place": None,
            "programme": None, "evidence": None}


def detect_partnership(text: str, agencies: list[dict[str, Any]], dates: list[Any],
                       published_at: datetime.date | None = None, title: str = "") -> dict[str, Any]:
    """Whether ``text`` reports a partnership signing, with its parties, date, place, programme.

    ``agencies`` is ``find_agencies`` output (mentions with ``"field": "title"`` are offsets in
    the title); ``dates`` is ``find_dates`` output (``DateMention``: offset, start, end, kind;
    dicts with those keys work too). Returns ``{"is_partnership", "kind", "parties", "date",
    "place", "programme", "evidence": {"text", "start", "end", "field"}}``; ``evidence``
    offsets are in ``text``, or in ``title`` when ``field`` is ``"title"``. Without an event
    the other fields are empty (``None`` or ``[]``). When ``title`` is empty, a short first
    line of ``text`` is taken as the headline. ``place`` is the venue without its ``ณ``/``ที่``.
    """
    text = text or ""
    dates = _parse_dates(dates)
    headline, title_in_text = _headline(text, title)
    body = [t for t in _triggers(text, dates)
            if not (title_in_text == 0 and t.start < len(headline))
            and not _stale(text, t, dates, published_at)]
    in_title = [t for t in _triggers(headline, dates if title_in_text == 0 else [], True)
                if t.strength == 2]
    lead_end = len(text) if in_title else _lead_end(text, title_in_text, headline)
    strong = [t for t in body if t.strength == 2 and t.start < lead_end]
    support = [t for t in body if t.strength == 1 or (t.strength == 2 and t.start >= lead_end)]
    title_signs = [t for t in in_title if _SIGN in headline[t.start:t.end]]
    if not (strong or title_signs or (in_title and support)):
        return _no_event()
    evidence = strong[0] if strong else (title_signs or in_title)[0]
    regions = _merge(_region(text, t) for t in (strong[:_MAX_REGIONS] or support[:2]))
    agency_starts = sorted(s for a in agencies for s, _ in _mentions(a, "text"))
    venues = _venues(text, regions, agency_starts)
    roles = _roles(text, regions, [t for t in support if t.anaphoric][:3])
    anchor = evidence.start if evidence.field == "text" else (regions[0][0] if regions else 0)
    source = text if evidence.field == "text" else headline
    return {
        "is_partnership": True,
        "kind": _event_kind(evidence, strong, in_title, text, headline),
        "parties": _parties(text, agencies, roles, [(s, e) for s, e, _ in venues], headline,
                            title_in_text, bool(in_title)),
        "date": _signing_date(dates, regions, anchor, published_at),
        "place": min(venues, key=lambda v: abs(v[0] - anchor))[2] if venues else None,
        "programme": _programme(text, _merge(regions + [_region(text, t) for t in support[:3]]),
                                evidence, headline, in_title),
        "evidence": {"text": source[evidence.start:evidence.end], "start": evidence.start,
                     "end": evidence.end, "field": evidence.field},
    }
