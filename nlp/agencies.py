"""Agencies (government bodies, local authorities, hospitals, universities, international
organisations) mentioned in Thai news text.

Statistical Thai NER cannot run offline and is weak on organisations, so Khao uses:

1. a gazetteer (``data/agencies.json``): canonical Thai name, English name and aliases
   (สปสช., NHSO, ธ.ก.ส., ...) compiled into one trie regex, longest match first;
2. patterns for the open classes that no list can hold, each with a stable id:
   ``pao:<province-slug>`` (อบจ.X), ``ppho:<slug>`` (สสจ.X), ``plao:<slug>`` (ท้องถิ่นจังหวัดX),
   ``pso:<slug>`` (พมจ.X), ``sao:<place>`` (อบต.X), ``municipality:<place>`` (เทศบาลนคร/เมือง/
   ตำบลX, ทน./ทม./ทต.X), ``dho:<place>`` (สสอ.X), ``hospital:<name>`` (โรงพยาบาลX, รพ.X),
   ``sho:<place>`` (รพ.สต.X), ``university:<name>`` (มหาวิทยาลัยX, มรภ.X),
   ``odpc:<n>`` (สคร.ที่ n), ``hpc:<n>`` (ศูนย์อนามัยที่ n), ``mhc:<n>``, ``hssc:<n>``,
   ``dmsc-center:<n>`` and ``foreign-moh:<country>`` (กระทรวงสาธารณสุขกัมพูชา).

Where the place name after อบต./เทศบาล/รพ. ends is the hard part (no spaces in Thai): the
name runs to the next space or punctuation and is cut at the first function word, verb or
administrative word found by a dictionary segmentation (เทศบาลตำบลบรบือร่วมกับ -> บรบือ).

Short abbreviations are guarded: two-letter ones (สธ., มท.) need a non-letter or a
function word before them, abbreviations after a number are units (5 กก., 10 ตร.ม.), and
English acronyms are case-sensitive (WHO, not "who").  A bare อบจ./สสจ./อบต. refers back to
the single such body already named in the document, if there is exactly one.

Regional offices (สปสช. เขต 7 ขอนแก่น) are the agency ``nhso``; the region itself is reported
by ``nlp.places.find_nhso_regions``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from nlp import places
from nlp.places import ascii_lower, is_thai, is_word_boundary, syllable_edge

# --------------------------------------------------------------------------------------
# Gazetteer
# --------------------------------------------------------------------------------------

_THAI_ACRONYM = re.compile(r"[ก-ฮ][ก-ฮ.]*\.")  # สปสช.  ธ.ก.ส.  สป.สธ.
# Never agencies although an alias is a prefix of them (units, committees, other acronyms).
# "แห่งสหประชาชาติ" ends the name of some UN body not listed: not the UN itself.
_NULL_KEYS = ("ตร.ม.", "ตร.กม.", "ตร.ว.", "ตร.ซม.", "กก.วล.", "คกก.", "กก.ละ", "มก./", "ก.พ.ค.",
              "แห่งสหประชาชาติ")
# Words that may stand right before a short abbreviation with no space ("ให้สธ.", "และพม.").
_LEFT_OK = re.compile(
    r"(?:และ|กับ|ของ|ให้|โดย|จาก|ที่|ว่า|หรือ|แก่|ต่อ|ซึ่ง|คือ|ทั้ง|ทาง|ใน|ยัง|ถึง|ระหว่าง|พร้อม|จึง"
    r"|เป็น|ได้|มี|ทุก|นำ|รมว\.|รมช\.|รมต\.|ปลัด|อธิบดี|เลขาธิการ|ผู้อำนวยการ|ผอ\.|ประธาน|บอร์ด|โฆษก"
    r"|รอง|ผู้ตรวจราชการ|นายก|ข้าราชการ|เจ้าหน้าที่|กระทรวง|สังกัด)$"
)
_UNIT_LEFT = re.compile(r"\d\s?$")


@dataclass(frozen=True)
class _Key:
    """What a gazetteer surface form means and how strictly it must be checked."""

    agency_id: str | None  # None: an exclusion (consumed, never reported)
    forms: frozenset[str]  # surface forms as written in the gazetteer, spaces removed (case checks)
    latin: bool
    case_sensitive: bool
    size: str  # "tiny" (<= 2 Thai letters), "short" (<= 6 chars) or "long"


def _letters(form: str) -> int:
    return sum(1 for ch in form if is_thai(ch))


def _size(form: str) -> str:
    if _letters(form) <= 2 and _THAI_ACRONYM.fullmatch(form):
        return "tiny"
    return "short" if len(form) <= 6 else "long"


def _acronym_variants(form: str) -> list[str]:
    """สปสช. -> สปสช ; ธ.ก.ส. -> ธกส. / ธกส / ธ.ก.ส (only for 3+ letters: สธ alone is too risky)."""
    if not _THAI_ACRONYM.fullmatch(form) or _letters(form) < 3:
        return []
    bare = form.replace(".", "")
    out = [form[:-1], bare + ".", bare]
    return [v for v in out if v != form]


def _is_case_sensitive(form: str) -> bool:
    """Acronyms and short brand names keep their case (WHO, ILO, depa); names do not."""
    return " " not in form and len(form) <= 8


@functools.cache
def _entries() -> tuple[dict[str, Any], ...]:
    return tuple(places.load_data("agencies.json")["agencies"])


@functools.cache
def _by_id() -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in _entries()}


def _surface_forms(e: dict[str, Any]) -> list[str]:
    """Forms matched in text: the name (unless it is also a place, match_name=false),
    the English name and the aliases."""
    return ([e["name"]] if e.get("match_name", True) else []) + [e["name_en"], *e["aliases"]]


def _add_key(keys: dict[str, _Key], form: str, agency_id: str | None) -> None:
    """Register one surface form; the first claimant of a form keeps it."""
    latin = not any(is_thai(ch) for ch in form)
    key = ascii_lower(form) if latin else form
    plain = form.replace(" ", "")
    old = keys.get(key)
    if old is None:
        keys[key] = _Key(agency_id, frozenset({plain}), latin, latin and _is_case_sensitive(form), _size(form))
    elif old.agency_id == agency_id and latin:  # MOPH and MoPH: both spellings accepted
        keys[key] = _Key(agency_id, old.forms | {plain}, latin,
                         old.case_sensitive and _is_case_sensitive(form), old.size)


@functools.cache
def _gazetteer() -> tuple[re.Pattern[str], dict[str, _Key]]:
    """Compiled trie regex over all surface forms, and whitespace-free key -> _Key.

    Exclusions first, then every explicit form, then dot variants of Thai acronyms
    (สปสช -> สปสช.) where no explicit form claims them and they are not Thai words
    (มอบ. -> มอบ is the verb "to give").
    """
    from pythainlp.corpus import thai_words

    keys: dict[str, _Key] = {}
    for ex in _NULL_KEYS:
        _add_key(keys, ex, None)
    for e in _entries():
        for form in _surface_forms(e):
            _add_key(keys, form, e["id"])
    words = thai_words()
    for e in _entries():
        for form in _surface_forms(e):
            for variant in _acronym_variants(form):
                if variant.rstrip(".") not in words:
                    _add_key(keys, variant, e["id"])
    pattern = re.compile(places.trie_regex(keys))
    lookup = {places.squeeze(k): v for k, v in keys.items()}
    return pattern, lookup


def _latin_edges_ok(text: str, start: int, end: int) -> bool:
    if start > 0 and text[start - 1].isascii() and text[start - 1].isalnum():
        return False
    return not (end < len(text) and text[end].isascii() and text[end].isalnum())


def _accept_key(text: str, start: int, end: int, key: _Key) -> bool:
    """Boundary and context checks for one gazetteer candidate."""
    if key.latin:
        if key.case_sensitive and places.squeeze(text[start:end]) not in key.forms:
            return False
        return _latin_edges_ok(text, start, end)
    if not syllable_edge(text, start, end):
        return False
    if key.size == "long":
        return True
    left = text[max(0, start - 16):start]
    acronym = next(iter(key.forms)).endswith(".")
    if acronym and _UNIT_LEFT.search(left):
        return False  # 5 กก. / 500 มก. are units
    if key.size == "tiny":
        left_ok = start == 0 or not is_thai(text[start - 1]) or _LEFT_OK.search(left) is not None
        right_ok = acronym or end >= len(text) or not is_thai(text[end])
        return left_ok and right_ok
    if not (_LEFT_OK.search(left) or is_word_boundary(text, start)):
        return False
    return acronym or is_word_boundary(text, end)


@dataclass(frozen=True)
class _Cand:
    """A candidate agency mention before overlap resolution."""

    start: int
    end: int
    agency_id: str
    # lower wins at the same start: -1 pattern whose prefix is itself a gazetteer name,
    # 0 gazetteer, 1 other patterns, 2 anaphora
    priority: int
    entry: dict[str, Any] | None = None  # built entry for pattern ids


def _gazetteer_candidates(text: str) -> list[_Cand]:
    pattern, lookup = _gazetteer()
    low = ascii_lower(text)
    found: list[_Cand] = []
    pos = 0
    while True:
        m = pattern.search(low, pos)
        if not m:
            break
        start, end = m.span()
        consumed = start + 1
        while end > start:
            key = lookup.get(places.squeeze(low[start:end]))
            if key is not None and key.agency_id is None:
                consumed = end
                break
            if key is not None and _accept_key(text, start, end, key):
                found.append(_Cand(start, end, key.agency_id or "", 0))
                consumed = end
                break
            shorter = pattern.match(low, start, end - 1)
            end = shorter.end() if shorter else start
        pos = max(consumed, start + 1)
    return found


# --------------------------------------------------------------------------------------
# Open classes by pattern
# --------------------------------------------------------------------------------------

# A place or institution name ends before any of these words (with PyThaiNLP's stopwords,
# see _stop_words); names never start with them.
_OWN_STOP_WORDS = frozenset("""
และ หรือ กับ ร่วมกับ ร่วม โดย ของ ที่ ซึ่ง ใน จาก ให้ ได้ ได้รับ มี เป็น คือ จะ ก็ ยัง แต่ เพื่อ ต่อ แก่ ถึง ตาม
ทั้ง ทั้งนี้ ทุก แห่ง แห่งนี้ นี้ นั้น ดังกล่าว ว่า เมื่อ หาก ถ้า จึง ไป มา อยู่ ไว้ แล้ว อีก พร้อม พร้อมด้วย รวมทั้ง
รวมถึง ระหว่าง ภายใต้ ภายใน ได้แก่ เช่น ประกอบด้วย อำเภอ ตำบล จังหวัด หมู่ หมู่ที่ หมู่บ้าน บ้านเลขที่ เขต แขวง
ประจำ สังกัด จัด จัดงาน จัดทำ จัดตั้ง จัดให้ ดำเนิน ดำเนินการ ดำเนินงาน ลงนาม นำ ทำ เปิด มอบ รับ ส่ง เข้า ออก ขอ
เสนอ แถลง กล่าว เผย เปิดเผย ประชุม จับมือ ขับเคลื่อน สนับสนุน ต้อนรับ เยี่ยม เยี่ยมชม ตรวจ ติดตาม ประกาศ อนุมัติ
เห็นชอบ ใช้ ขาด ขาดสภาพคล่อง ติด พบ เกิด ร้อง ร้องเรียน ถ่ายโอน โอน ย้าย สร้าง ผ่าน คว้า รางวัล ผู้ นายก ปลัด
ผู้อำนวยการ ผอ ประธาน เจ้าหน้าที่ บุคลากร ประชาชน ผู้ป่วย ชาว สำนักงาน โรงพยาบาล เทศบาล องค์การ กองทุน
โครงการ กิจกรรม งาน การ ความ ปี วันที่ วัน เดือน เวลา ณ อาคาร ห้อง ห้องประชุม ชั้น เพิ่ม ลด เร่ง พร้อมกับ
กว่า จำนวน รวม ราย คน แห่งละ ละ ทั่วประเทศ ทั่วไป ยกระดับ เตรียม ปรับ เรียก เก็บ แจ้ง ชี้แจง ยืนยัน หลัง ก่อน
ช่วย ดูแล บริการ ให้บริการ รักษา ฉีด ตั้ง จ่าย เบิก เบิกจ่าย ศึกษา ดูงาน ศึกษาดูงาน อบรม เข้าร่วม ลงพื้นที่
ควร ต้อง อาจ สามารถ ไม่ มิ มิได้ ยกเว้น อ้าง บังคับ มีมติ มีการ มีความ เห็นด้วย สมัย ขยายผล กำหนด ผู้แทน
นาย นาง นางสาว นายแพทย์ แพทย์หญิง พลเอก พลตำรวจเอก ดร ศาสตราจารย์ รองศาสตราจารย์ เลขาธิการ รองนายกรัฐมนตรี
รัฐมนตรี อธิบดี ร้อยละ บาท ล้าน ทันที ต่อไป อีกด้วย ด้วย หนึ่ง เฉลี่ย นำร่อง ต้นแบบ รองรับ ผ่าตัด ในเครือ
ใด ในสังกัด มากขึ้น ต่อเนื่อง ลดลง สำรอง ขึ้นไป คัดกรอง เข้าสู่ระบบ คืบหน้า เพิ่มจำนวน ออกกฎหมาย สิ้นสุดลง พิจารณา
ก่อตั้ง ก่อตั้งขึ้น ปัญหา จำเป็น ความร่วมมือ กำหนดการ ตั้งอยู่ บริเวณ
""".split())
# Stopwords that also build place names (วังใหม่, บางใหญ่, หนองบัวน้อย): never stop a name.
_PLACE_WORDS = frozenset("ใหม่ ใหญ่ น้อย บน ใต้ บาง เล็ก ยาว กว้าง สูง นอก กลาง ตรง โต ทอง หลวง ท่า ทาง ช้า นาน".split())
# A token starting like this is a verb/function compound (มีมติ, ใช้ประโยชน์, ไม่เห็นด้วย).
_STOP_PREFIXES = ("ไม่", "ได้", "ให้", "ใช้", "ควร", "ต้อง", "เป็น", "และ", "หรือ", "ซึ่ง", "เพื่อ", "โดย", "จะ",
                  "มีการ", "มีความ", "มีมติ", "ดำเนิน", "จัดทำ", "ในการ", "ในเครือ", "ในสังกัด", "ที่จะ", "ที่มี",
                  "ที่อยู่", "จำเป็น")
# ... and after the first token also these (มีปัญหา, ก่อตั้งขึ้น; but มีนบุรี may start a name).
_LATER_STOP_PREFIXES = _STOP_PREFIXES + ("มี", "ก่อ", "ขึ้น", "ลง", "ได้", "พิจารณา")
# Words that make "โรงพยาบาลX"/"มหาวิทยาลัยX" a class, not one institution.
_GENERIC_HEADS = frozenset("""
เอกชน สนาม ทั่วไป ชุมชน รัฐ ของรัฐ รัฐบาล แม่ข่าย อัจฉริยะ ขนาด ขนาดใหญ่ ขนาดเล็ก ต่าง ต่างๆ ทุก ทุกระดับ
ทุกแห่ง สังกัด ตามสิทธิ ทั่วประเทศ ใหญ่ เล็ก ใกล้บ้าน ใกล้ จำนวน ระดับ เช่น สถานพยาบาล เฉพาะทาง ประกันสังคม
คู่สัญญา เครือข่าย ประจำ ประจำจังหวัด ประจำอำเภอ ประจำตำบล จังหวัด อำเภอ ตำบล อื่น อื่นๆ คลินิก แพทย์ กลาง
ศูนย์ รับส่งต่อ ต้นสังกัด ปลายทาง ต้นทาง ภาครัฐ ภาคเอกชน ราชภัฏ หลัก ส่งเสริมสุขภาพ เฉลิมพระเกียรติ
มหาวิทยาลัย ชั้นนำ ภาค วิชาชีพ การค้า ภูมิภาค ทุติยภูมิ ตติยภูมิ ปฐมภูมิ จิตเวช ทางเลือก เครือ ต่างจังหวัด
นอก ต้นแบบ ระดับโลก แห่งชาติ สมเด็จ ผู้สูงอายุ เดิม ใหม่ ดังกล่าว หลาย บาง อาเซียน ไทย โลก พัฒนา ทางการแพทย์
วิจัย คู่ เด็ก ทุกแห่ง เทคโนโลยี
""".split())
# First words that make a local-place reading (อบต./รพ.สต./สสอ.) a class, not one body.
_GENERIC_PLACES = frozenset("""
ทุกแห่ง ขนาดเล็ก เฉลิมพระเกียรติ พื้นที่ ชุมชน ดีเด่น คลินิก สถานีอนามัย ศูนย์บริการสาธารณสุข คุณธรรม ต่าง ต่างๆ
ทั่วประเทศ ทั่วไป อื่น อื่นๆ ใกล้บ้าน สำนักงานปลัดกระทรวงสาธารณสุข
""".split())
# Whole names that are no name at all (อบต.บ้าน..., สสอ.เมือง is kept: the capital district).
_EMPTY_NAMES = frozenset("บ้าน บาง หนอง ท่า วัง".split())
# Whole names that are classes of hospitals, not one hospital.
_HOSPITAL_CLASSES = frozenset("สมเด็จพระยุพราช มหาราช แม่ข่าย ส่งเสริมสุขภาพ สต ศูนย์ ทั่วไป ชุมชน".split())
# Descriptors dropped in front of a hospital's own name: โรงพยาบาลศูนย์ขอนแก่น -> ขอนแก่น.
_HOSPITAL_DESCRIPTORS = ("ศูนย์", "ทั่วไป", "ชุมชน", "จังหวัด")
_MAX_NAME = 40


@functools.cache
def _stop_words() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords

    return frozenset((set(thai_stopwords()) | _OWN_STOP_WORDS) - _PLACE_WORDS)


def _is_stop(token: str, first: bool = False) -> bool:
    return token in _stop_words() or token.startswith(_STOP_PREFIXES if first else _LATER_STOP_PREFIXES)


def _name_tokens(chunk: str) -> list[str]:
    """Segment a name run; a province name at its start stays whole (เชียง|รายได้ -> เชียงราย|ได้)."""
    head = next((h for h in ("ราชภัฏ", "ราชภัฎ") if chunk.startswith(h) and len(chunk) > len(h)), "")
    found = places.match_province_at(chunk, len(head))
    if found and found[1] < len(chunk) and found[1] not in places.token_offsets(chunk):
        return [chunk[:found[1]], *places.segment(chunk[found[1]:])]
    return places.segment(chunk)


def _thai_run_end(text: str, pos: int, limit: int) -> int:
    end = pos
    while end < len(text) and end - pos < limit and is_thai(text[end]):
        end += 1
    return end


def take_name(text: str, pos: int, *, generic: frozenset[str] = frozenset(),
              limit: int = _MAX_NAME, strict: bool = False) -> int | None:
    """End offset of the Thai name starting at ``pos``, or None if there is none.

    The name is the Thai run up to the next space/punctuation, cut before the first stop
    word after its first token (``strict``: no name at all if a stop word is inside the
    run).  If its first token is a stop word or a generic head (โรงพยาบาลเอกชน,
    มหาวิทยาลัยต่างๆ) there is no name, nor if the run is an abbreviation (โรงพยาบาล อบจ.X).
    """
    run_end = _thai_run_end(text, pos, limit)
    if run_end == pos or (run_end < len(text) and text[run_end] == "."):
        return None
    tokens = _name_tokens(text[pos:run_end])
    if not tokens or _is_stop(tokens[0], first=True):
        return None
    if tokens[0] in generic:
        # a descriptor may precede the proper name (โรงพยาบาลศูนย์ขอนแก่น), nothing else may
        if not (tokens[0] in _HOSPITAL_DESCRIPTORS and len(tokens) > 1
                and not _is_stop(tokens[1]) and tokens[1] not in generic):
            return None
    end = pos + len(tokens[0])
    for tok in tokens[1:]:
        if _is_stop(tok):
            if strict:
                return None
            break
        end += len(tok)
    return end


_Build = Callable[[str, str], dict[str, Any] | None]  # (name read after the prefix, prefix) -> entry


@dataclass(frozen=True)
class _Pattern:
    """Literal prefixes + how to read the name after them + how to build the entry."""

    prefixes: tuple[str, ...]
    place: str  # "province", "name", "number" or "country"
    build: _Build
    generic: frozenset[str] = frozenset()
    strict: bool = False  # the whole Thai run must be the name (no stop word inside it)


def _entry(agency_id: str, name: str, name_en: str, aliases: list[str]) -> dict[str, Any]:
    return {"id": agency_id, "name": name, "name_en": name_en,
            "aliases": [a for a in dict.fromkeys(aliases) if a != name]}


_PROVINCE_OFFICES = {
    "pao": ("องค์การบริหารส่วนจังหวัด", "อบจ.", "Provincial Administrative Organization"),
    "ppho": ("สำนักงานสาธารณสุขจังหวัด", "สสจ.", "Provincial Public Health Office"),
    "plao": ("สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด", "สถจ.", "Provincial Office of Local Administration"),
    "pso": ("สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด", "พมจ.",
            "Provincial Office of Social Development and Human Security"),
}


def _province_entry(kind: str) -> _Build:
    """Builder for province-level offices: pao/ppho/plao/pso."""
    full, short, en = _PROVINCE_OFFICES[kind]

    def build(province: str, _prefix: str) -> dict[str, Any] | None:
        p = places.resolve_province(province)
        if not p:
            return None
        return _entry(f"{kind}:{p['slug']}", full + p["name"], f"{p['name_en']} {en}", [short + p["name"]])
    return build


_PLACE_OFFICES = {
    "sao": ("องค์การบริหารส่วนตำบล", "อบต.", "Subdistrict Administrative Organization"),
    "dho": ("สำนักงานสาธารณสุขอำเภอ", "สสอ.", "District Health Office"),
    "sho": ("โรงพยาบาลส่งเสริมสุขภาพตำบล", "รพ.สต.", "Subdistrict Health Promoting Hospital"),
}


def _place_entry(kind: str) -> _Build:
    """Builder for bodies named after a local place: sao/dho/sho."""
    full, short, en = _PLACE_OFFICES[kind]

    def build(place: str, _prefix: str) -> dict[str, Any] | None:
        return _entry(f"{kind}:{place}", full + place, f"{en} ({place})", [short + place])
    return build


_MUNICIPAL_LEVELS = {"นคร": ("ทน.", "City Municipality"), "เมือง": ("ทม.", "Town Municipality"),
                     "ตำบล": ("ทต.", "Subdistrict Municipality")}


def _municipality(place: str, prefix: str) -> dict[str, Any] | None:
    level = next((lv for lv, (abbr, _en) in _MUNICIPAL_LEVELS.items()
                  if prefix.endswith(lv) or prefix == abbr), "")
    if not level:
        return _entry(f"municipality:{place}", f"เทศบาล{place}", f"Municipality ({place})", [])
    abbr, en = _MUNICIPAL_LEVELS[level]
    return _entry(f"municipality:{place}", f"เทศบาล{level}{place}", f"{en} ({place})", [abbr + place])


def _hospital(name: str, _prefix: str) -> dict[str, Any] | None:
    if name in _HOSPITAL_CLASSES:
        return None
    for desc in _HOSPITAL_DESCRIPTORS:
        if name.startswith(desc) and len(name) > len(desc) + 1:
            name = name[len(desc):]
            break
    return _entry(f"hospital:{name}", "โรงพยาบาล" + name, f"{name} Hospital", ["รพ." + name])


def _university(name: str, _prefix: str) -> dict[str, Any] | None:
    name = name.replace("ราชภัฎ", "ราชภัฏ")
    if name in ("ราชภัฏ", "เทคโนโลยีราชมงคล", "เทคโนโลยี", "ราชมงคล"):
        return None  # the class of universities, not one of them
    aliases = ["ม." + name]
    if name.startswith("ราชภัฏ"):
        aliases.append("มรภ." + name[len("ราชภัฏ"):])
    return _entry(f"university:{name}", "มหาวิทยาลัย" + name, f"{name} University", aliases)


def _rajabhat(name: str, prefix: str) -> dict[str, Any] | None:
    return _university("ราชภัฏ" + name, prefix)


def _civil(name: str, prefix: str) -> dict[str, Any] | None:
    """สมาคมX / มูลนิธิX / ชมรมX not in the gazetteer (conservative: whole run is the name)."""
    kind, en = {"สมาคม": ("association", "Association"), "มูลนิธิ": ("foundation", "Foundation"),
                "ชมรม": ("club", "Club")}[prefix]
    if len(name) < 4:
        return None
    return _entry(f"{kind}:{name}", prefix + name, f"{en} ({name})", [])


_NUMBERED = {
    "odpc": ("สำนักงานป้องกันควบคุมโรค", "Office of Disease Prevention and Control"),
    "hpc": ("ศูนย์อนามัย", "Health Promotion Center"),
    "mhc": ("ศูนย์สุขภาพจิต", "Mental Health Center"),
    "hssc": ("ศูนย์สนับสนุนบริการสุขภาพ", "Health Service Support Center"),
    "dmsc-center": ("ศูนย์วิทยาศาสตร์การแพทย์", "Regional Medical Sciences Center"),
}


def _numbered(kind: str) -> _Build:
    th, en = _NUMBERED[kind]

    def build(number: str, _prefix: str) -> dict[str, Any] | None:
        return _entry(f"{kind}:{int(number)}", f"{th}ที่ {int(number)}", f"{en} {int(number)}", [])
    return build


_COUNTRIES = {
    "กัมพูชา": "cambodia", "ราชอาณาจักรกัมพูชา": "cambodia", "เมียนมา": "myanmar", "เมียนมาร์": "myanmar",
    "พม่า": "myanmar", "เวียดนาม": "vietnam", "มาเลเซีย": "malaysia", "อินโดนีเซีย": "indonesia",
    "ฟิลิปปินส์": "philippines", "สิงคโปร์": "singapore", "บรูไน": "brunei", "ภูฏาน": "bhutan",
    "เนปาล": "nepal", "บังกลาเทศ": "bangladesh", "ศรีลังกา": "sri-lanka", "อินเดีย": "india",
    "จีน": "china", "สาธารณรัฐประชาชนจีน": "china", "ญี่ปุ่น": "japan", "เกาหลีใต้": "south-korea",
    "สาธารณรัฐเกาหลี": "south-korea", "ติมอร์-เลสเต": "timor-leste", "มองโกเลีย": "mongolia",
    "ลาว": "laos", "สปป.ลาว": "laos",
}


def _foreign_moh(country: str, _prefix: str) -> dict[str, Any] | None:
    slug = _COUNTRIES[country]
    if slug == "laos" and "lao-moh" in _by_id():
        return _public(_by_id()["lao-moh"])
    return _entry(f"foreign-moh:{slug}", f"กระทรวงสาธารณสุข{country}", f"Ministry of Health ({slug})", [])


@functools.cache
def _country_regex() -> re.Pattern[str]:
    return re.compile(r"(?:ของ|แห่ง)?\s?(" + places.trie_regex(sorted(_COUNTRIES)) + ")")


@functools.cache
def _patterns() -> tuple[_Pattern, ...]:
    return (
        _Pattern(("องค์การบริหารส่วนจังหวัด", "อบจ."), "province", _province_entry("pao")),
        _Pattern(("สำนักงานสาธารณสุขจังหวัด", "สาธารณสุขจังหวัด", "สสจ."), "province", _province_entry("ppho")),
        _Pattern(("สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด", "ส่งเสริมการปกครองท้องถิ่นจังหวัด",
                  "สำนักงานท้องถิ่นจังหวัด", "ท้องถิ่นจังหวัด", "สถจ."), "province", _province_entry("plao")),
        _Pattern(("สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด", "พัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด",
                  "พมจ."), "province", _province_entry("pso")),
        _Pattern(("องค์การบริหารส่วนตำบล", "อบต."), "name", _place_entry("sao"), generic=_GENERIC_PLACES),
        _Pattern(("เทศบาลนคร", "เทศบาลเมือง", "เทศบาลตำบล", "ทน.", "ทม.", "ทต."), "name", _municipality),
        _Pattern(("สำนักงานสาธารณสุขอำเภอ", "สาธารณสุขอำเภอ", "สสอ."), "name", _place_entry("dho"),
                 generic=_GENERIC_PLACES - {"เมือง"}),
        _Pattern(("โรงพยาบาลส่งเสริมสุขภาพตำบล", "โรงพยาบาลส่งเสริมสุขภาพประจำตำบล", "รพ.สต.", "รพ. สต.",
                  "รพ.สต", "รพสต.", "รพสต", "สถานีอนามัย"), "name", _place_entry("sho"), generic=_GENERIC_PLACES),
        _Pattern(("โรงพยาบาล", "รพ."), "name", _hospital, generic=_GENERIC_HEADS),
        _Pattern(("มหาวิทยาลัย",), "name", _university, generic=_GENERIC_HEADS - {"ราชภัฏ"}),
        _Pattern(("สมาคม", "มูลนิธิ", "ชมรม"), "name", _civil, generic=_GENERIC_HEADS, strict=True),
        _Pattern(("มรภ.", "ม.ราชภัฏ"), "name", _rajabhat),
        _Pattern(("สำนักงานป้องกันควบคุมโรค", "สคร."), "number", _numbered("odpc")),
        _Pattern(("ศูนย์อนามัย",), "number", _numbered("hpc")),
        _Pattern(("ศูนย์สุขภาพจิต",), "number", _numbered("mhc")),
        _Pattern(("ศูนย์สนับสนุนบริการสุขภาพ",), "number", _numbered("hssc")),
        _Pattern(("ศูนย์วิทยาศาสตร์การแพทย์",), "number", _numbered("dmsc-center")),
        _Pattern(("กระทรวงสาธารณสุข",), "country", _foreign_moh),
    )


@functools.cache
def _prefix_index() -> tuple[re.Pattern[str], dict[str, _Pattern]]:
    """One trie regex over every pattern prefix (one scan of the text for all patterns)."""
    index: dict[str, _Pattern] = {}
    raw: list[str] = []
    for pat in _patterns():
        for prefix in pat.prefixes:
            index.setdefault(prefix.replace(" ", ""), pat)
            raw.append(prefix)
    return re.compile(places.trie_regex(raw)), index


_NUMBER = re.compile(r"\s?(?:ที่\s?)?(\d{1,2})(?!\d)")


def _read_place(text: str, pat: _Pattern, prefix: str, pos: int) -> tuple[str, int] | None:
    """Read what follows a pattern prefix ending at ``pos`` -> (value, end offset)."""
    if pat.place == "number":
        n = _NUMBER.match(text, pos)
        top = 15 if "วิทยาศาสตร์" in prefix else 13  # 15 medical-sciences centres, 13 regions
        return (n.group(1), n.end()) if n and 1 <= int(n.group(1)) <= top else None
    if pat.place == "country":
        c = _country_regex().match(text, pos)
        if not c or not places.is_word_boundary(text, c.end()):
            return None
        return c.group(1), c.end()
    # a space may follow an abbreviation (อบต. วังหว้า) or stand before a province name;
    # after a full word (โรงพยาบาล สถานีอนามัย) it usually ends a list item instead
    if pos < len(text) and text[pos] == " " and (prefix.endswith(".") or pat.place == "province"):
        pos += 1
    if pat.place == "province":
        return places.match_province_at(text, pos)
    end = take_name(text, pos, generic=pat.generic, strict=pat.strict)
    if end is None or end - pos < 2 or text[pos:end] in _EMPTY_NAMES:
        return None
    return text[pos:end], end


def _prefix_left_ok(text: str, start: int, prefix: str) -> bool:
    """An abbreviation prefix needs a non-letter or a function word before it; a full word
    needs a word boundary."""
    if start == 0 or not is_thai(text[start - 1]):
        return True
    if _LEFT_OK.search(text[max(0, start - 16):start]):
        return True
    return "." not in prefix and is_word_boundary(text, start)


_BARE = ("อบจ.", "สสจ.", "สถจ.", "พมจ.", "อบต.", "สสอ.")


def _pattern_candidates(text: str) -> tuple[list[_Cand], list[tuple[int, int, str]]]:
    """Candidates from the open-class patterns, plus bare prefixes (อบจ. alone) for anaphora."""
    rx, index = _prefix_index()
    found: list[_Cand] = []
    bare: list[tuple[int, int, str]] = []
    for m in rx.finditer(text):
        prefix = places.squeeze(m.group())
        pat = index.get(prefix)
        if pat is None or not syllable_edge(text, m.start(), m.end()):
            continue
        if not _prefix_left_ok(text, m.start(), prefix):
            continue  # ทม. inside กทม., โรงพยาบาล inside a longer word
        read = _read_place(text, pat, prefix, m.end())
        if read is None:
            if prefix in _BARE:
                bare.append((m.start(), m.end(), prefix))
            continue
        value, end = read
        entry = pat.build(value, prefix)
        if entry:
            # when the prefix is itself a gazetteer name (กระทรวงสาธารณสุข + กัมพูชา) the
            # longer pattern reading is the more specific body
            priority = -1 if prefix in _gazetteer()[1] else 1
            found.append(_Cand(m.start(), end, entry["id"], priority, entry))
    return found, bare


# --------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------


def _public(e: dict[str, Any]) -> dict[str, Any]:
    return {"id": e["id"], "name": e["name"], "name_en": e["name_en"], "aliases": list(e["aliases"]),
            **({"kind": e["kind"]} if "kind" in e else {})}


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping candidates: leftmost first, then gazetteer over pattern, then longest."""
    chosen: list[_Cand] = []
    # a gazetteer name wins over a pattern reading starting at the same place: the pattern's
    # name boundary is a guess (มหาวิทยาลัยมหิดลอย่าง...), the gazetteer's is known
    for c in sorted(cands, key=lambda c: (c.start, c.priority, -(c.end - c.start))):
        if chosen and c.start < chosen[-1].end:
            continue
        chosen.append(c)
    return chosen


def _anaphora(chosen: list[_Cand], bare: list[tuple[int, int, str]]) -> list[_Cand]:
    """A bare อบจ./สสจ./อบต. refers to the only such body already named in the text."""
    prefix_of = {"อบจ.": "pao:", "สสจ.": "ppho:", "สถจ.": "plao:", "พมจ.": "pso:", "อบต.": "sao:", "สสอ.": "dho:"}
    extra: list[_Cand] = []
    for start, end, word in bare:
        prefix = prefix_of.get(word)
        if not prefix or any(c.start <= start < c.end for c in chosen):
            continue
        named = {c.agency_id: c for c in chosen if c.agency_id.startswith(prefix) and c.start < start}
        if len(named) == 1:
            only = next(iter(named.values()))
            extra.append(_Cand(start, end, only.agency_id, 2, only.entry))
    return extra


def find_agencies(text: str) -> list[dict[str, Any]]:
    """Agencies mentioned in ``text``, one entry per agency in order of first mention:
    [{"id", "name", "name_en", "aliases", "mentions": [{"text", "start", "end"}]}]."""
    if not text:
        return []
    pattern_cands, bare = _pattern_candidates(text)
    chosen = _select(_gazetteer_candidates(text) + pattern_cands)
    chosen += _anaphora(chosen, bare)
    out: dict[str, dict[str, Any]] = {}
    for c in sorted(chosen, key=lambda c: c.start):
        entry = out.get(c.agency_id)
        if entry is None:
            base = c.entry if c.entry is not None else _by_id()[c.agency_id]
            entry = out[c.agency_id] = {"id": base["id"], "name": base["name"], "name_en": base["name_en"],
                                        "aliases": list(base["aliases"]), "mentions": []}
        entry["mentions"].append({"text": text[c.start:c.end], "start": c.start, "end": c.end})
    return list(out.values())


def all_agencies() -> list[dict[str, Any]]:
    """Every gazetteer entry (id, name, name_en, aliases, kind); pattern classes excluded."""
    return [_public(e) for e in _entries()]


def _norm(value: str) -> str:
    return re.sub(r"\s+", "", ascii_lower(value.strip())).rstrip(".")


@functools.cache
def _resolve_table() -> tuple[dict[str, str], dict[str, str]]:
    """(exact key -> id, dot-insensitive key -> id) over ids, names and aliases."""
    exact: dict[str, str] = {}
    loose: dict[str, str] = {}
    for e in _entries():
        for form in (e["id"], e["name"], e["name_en"], *e["aliases"]):
            exact.setdefault(_norm(form), e["id"])
            loose.setdefault(_norm(form).replace(".", ""), e["id"])
    return exact, loose


_PATTERN_ID = re.compile(r"(?P<kind>[a-z-]+):(?P<value>.+)")


def _resolve_pattern_id(value: str) -> dict[str, Any] | None:
    """Entry for a pattern id such as pao:phuket, sao:วังใหม่, odpc:6, hospital:บ้านหมอ."""
    m = _PATTERN_ID.fullmatch(value.strip())
    if not m:
        return None
    kind, val = m.group("kind").lower(), m.group("value").strip()
    if kind in _PROVINCE_OFFICES:
        return _province_entry(kind)(val, "")
    if kind in _PLACE_OFFICES:
        return _place_entry(kind)(val, "")
    if kind in _NUMBERED:
        return _numbered(kind)(val, "") if val.isdigit() else None
    builders: dict[str, Callable[[], dict[str, Any] | None]] = {
        "municipality": lambda: _municipality(val, ""),
        "hospital": lambda: _hospital(val, ""),
        "university": lambda: _university(val, ""),
        "association": lambda: _civil(val, "สมาคม"),
        "foundation": lambda: _civil(val, "มูลนิธิ"),
        "club": lambda: _civil(val, "ชมรม"),
    }
    if kind in builders:
        return builders[kind]()
    if kind == "foreign-moh":
        country = next((th for th, slug in _COUNTRIES.items() if slug == val), None)
        return _foreign_moh(country, "") if country else None
    return None


def resolve_agency(value: str | None) -> dict[str, Any] | None:
    """Agency entry (id, name, name_en, aliases[, kind]) for an id, alias, Thai or English
    name or a pattern form ("อบจ.ภูเก็ต", "pao:phuket"); case and trailing dots ignored."""
    if not value or not value.strip():
        return None
    exact, loose = _resolve_table()
    key = _norm(value)
    agency_id = exact.get(key) or loose.get(key.replace(".", ""))
    if agency_id:
        return _public(_by_id()[agency_id])
    by_pattern = _resolve_pattern_id(value)
    if by_pattern:
        return by_pattern
    text = value.strip()
    found = find_agencies(text)
    if len(found) == 1:
        mention = found[0]["mentions"][0]
        if mention["start"] == 0 and mention["end"] >= len(text.rstrip(".")):
            entry = found[0]
            return {k: entry[k] for k in ("id", "name", "name_en", "aliases")}
    return None
