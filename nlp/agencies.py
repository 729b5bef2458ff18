"""Agencies (government bodies, local authorities, hospitals, universities, international
organisations, foreign government bodies) mentioned in Thai news text.

Statistical Thai NER cannot run offline and is weak on organisations, so Khao uses:

1. a gazetteer (``data/agencies.json``): canonical Thai name, English name and aliases
   (สปสช., NHSO, ธ.ก.ส., ...) compiled into one trie regex, longest match first;
2. patterns for the open classes that no list can hold, each with a stable id:
   ``pao:<province-slug>`` (อบจ.X), ``ppho:<slug>`` (สสจ.X), ``sao:<place>`` (อบต.X),
   ``municipality:<place>`` (เทศบาลนคร/เมือง/ตำบลX, ทน./ทม./ทต.X), ``dho:<place>`` (สสอ.X),
   ``hospital:<name>`` (โรงพยาบาลX, รพ.X: the name as written, outer spaces stripped),
   ``sho:<place>`` (รพ.สต.X, โรงพยาบาลส่งเสริมสุขภาพตำบลX), and as a last resort
   ``university:<name>`` for a university not listed.  Associations and foundations not listed
   are not guessed: their ids are English names that no pattern can produce;
3. foreign bodies: a Thai body's name followed by a country (กระทรวงสาธารณสุขกัมพูชา,
   กระทรวงสาธารณสุขแห่งราชอาณาจักรภูฏาน, "Ministry of Health of Ghana") is that country's body,
   ``<country>-<suffix>`` (cambodia-moh, bhutan-moh, ghana-moh, maldives-fda).

The ids follow the gold-set conventions (tests/gold/README.md).  Sub-units are folded into the
body that is reported (``part_of`` in the gazetteer): internal offices (สป.สธ. -> moph),
faculties (คณะ... มหาวิทยาลัยขอนแก่น -> khon-kaen-university), governing boards (บอร์ด สปสช. ->
nhso), regional and provincial branches (สคร.ที่ 6 -> ddc, ท้องถิ่นจังหวัดX -> dla, สำนักงานจัดหางาน
จังหวัดX -> doe) and assemblies (สมัชชาอนามัยโลก -> who).  Names of bodies that are not
annotated (private banks and hospitals, companies, the Cabinet, schemes) are recognised so
that nothing else is read into them, but never reported (``not_reported``).

Where the place name after อบต./เทศบาล/รพ. ends is the hard part (no spaces in Thai): the
name runs to the next space or punctuation and is cut at the first function word, verb or
administrative word found by a dictionary segmentation (เทศบาลตำบลบรบือร่วมกับ -> บรบือ).

Short abbreviations are guarded: two-letter ones (สธ., มท.) need a non-letter or a
function word before them, abbreviations after a number are units (5 กก., 10 ตร.ม.), and
English acronyms are case-sensitive (WHO, not "who").  A bare อบจ./สสจ./อบต. refers back to
the single such body already named in the document, if there is exactly one.
กรุงเทพมหานคร/กทม. is the province unless it stands as a body: next to other agencies in a
list, or as the partner of ร่วมกับ / a signing (then also ``bma``).

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
# "รามาธิบดี" inside a king's name is not the hospital.
_NULL_KEYS = ("ตร.ม.", "ตร.กม.", "ตร.ว.", "ตร.ซม.", "กก.วล.", "คกก.", "กก.ละ", "มก./", "ก.พ.ค.",
              "แห่งสหประชาชาติ", "ปรเมนทรรามาธิบดี", "พระรามาธิบดี")
# Words that may stand right before a short abbreviation with no space ("ให้สธ.", "และพม.").
_LEFT_OK = re.compile(
    r"(?:และ|กับ|ของ|ให้|โดย|จาก|ที่|ว่า|หรือ|แก่|ต่อ|ซึ่ง|คือ|ทั้ง|ทาง|ใน|ยัง|ถึง|ระหว่าง|พร้อม|จึง"
    r"|เป็น|ได้|มี|ทุก|นำ|รมว\.|รมช\.|รมต\.|ปลัด|อธิบดี|เลขาธิการ|ผู้อำนวยการ|ผอ\.|ประธาน|บอร์ด|โฆษก"
    r"|รอง|ผู้ตรวจราชการ|นายก|ข้าราชการ|เจ้าหน้าที่|กระทรวง|สังกัด)$"
)
_UNIT_LEFT = re.compile(r"\d[ \t]?$")
# Kinds of Thai body whose name followed by a country names that country's body.
_FOREIGN_KINDS = frozenset({"ministry", "department", "office", "public-organization", "committee", "council",
                            "state-enterprise", "fund"})
_BLOCKED = ""  # agency id of a recognised name that is never reported


@dataclass(frozen=True)
class _Key:
    """What a gazetteer surface form means and how strictly it must be checked."""

    agency_id: str | None  # None: an exclusion (consumed, never reported); "": recognised, not reported
    forms: frozenset[str]  # surface forms as written in the gazetteer, spaces removed (case checks)
    latin: bool
    case_sensitive: bool
    size: str  # "tiny" (<= 2 Thai letters), "short" (<= 6 chars) or "long"
    # the same kind of body abroad: (id suffix, Thai body name, English body name, home id or None)
    foreign: tuple[str, str, str, str | None] | None = None
    template: bool = False  # only a foreign body's name (กระทรวงบริการสังคม): nothing without a country
    pair: bool = False  # a ministry: "กระทรวงสาธารณสุขไทย-ญี่ปุ่น" names both countries' ministries


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
def _data() -> dict[str, Any]:
    return places.load_data("agencies.json")


@functools.cache
def _entries() -> tuple[dict[str, Any], ...]:
    return tuple(_data()["agencies"])


@functools.cache
def _by_id() -> dict[str, dict[str, Any]]:
    """Entry by id, also by former id (old_ids)."""
    out = {e["id"]: e for e in _entries()}
    for e in _entries():
        for old in e.get("old_ids", ()):
            out.setdefault(old, e)
    return out


@functools.cache
def _reported_ids() -> dict[str, str | None]:
    """Entry id -> the id its mentions are reported under (its own, or the top of its part_of
    chain), None when the entry or a parent is never reported."""
    by_id = {e["id"]: e for e in _entries()}
    out: dict[str, str | None] = {}
    for e in _entries():
        cur, seen = e, {e["id"]}
        while cur.get("part_of") and not cur.get("not_reported"):
            parent = cur["part_of"]
            if parent in seen or parent not in by_id:
                raise ValueError(f"agencies.json: bad part_of chain at {cur['id']!r} -> {parent!r}")
            seen.add(parent)
            cur = by_id[parent]
        out[e["id"]] = None if cur.get("not_reported") else cur["id"]
    return out


def _reported_entry(agency_id: str) -> dict[str, Any] | None:
    """The entry reported for an id, former id or sub-unit id; None if never reported."""
    e = _by_id().get(agency_id)
    if e is None:
        return None
    rid = _reported_ids()[e["id"]]
    return _by_id()[rid] if rid else None


def _surface_forms(e: dict[str, Any]) -> list[str]:
    """Forms matched in text: the name (unless it is also a place, match_name=false),
    the English name and the aliases."""
    return ([e["name"]] if e.get("match_name", True) else []) + [e["name_en"], *e["aliases"]]


def _foreign_of(e: dict[str, Any]) -> tuple[str, str, str, str | None] | None:
    """(suffix, Thai name, English name, home id) for a Thai national body that exists abroad too."""
    if "foreign" not in e and (e["kind"] not in _FOREIGN_KINDS or e.get("part_of") or e.get("not_reported")):
        return None
    return (e.get("foreign", e["id"]), e["name"], e.get("foreign_en", e["name_en"]), e["id"])


def _add_key(keys: dict[str, _Key], form: str, agency_id: str | None,
             foreign: tuple[str, str, str, str | None] | None = None, template: bool = False,
             pair: bool = False) -> None:
    """Register one surface form; the first claimant of a form keeps it."""
    latin = not any(is_thai(ch) for ch in form)
    key = ascii_lower(form) if latin else form
    plain = form.replace(" ", "")
    old = keys.get(key)
    if old is None:
        keys[key] = _Key(agency_id, frozenset({plain}), latin, latin and _is_case_sensitive(form), _size(form),
                         None if latin else foreign, template, pair)
    elif old.agency_id == agency_id and latin:  # MOPH and MoPH: both spellings accepted
        keys[key] = _Key(agency_id, old.forms | {plain}, latin,
                         old.case_sensitive and _is_case_sensitive(form), old.size)


@functools.cache
def _gazetteer() -> tuple[re.Pattern[str], dict[str, _Key]]:
    """Compiled trie regex over all surface forms, and whitespace-free key -> _Key.

    Exclusions first, then every explicit form, then the names used only for foreign bodies,
    then dot variants of Thai acronyms (สปสช -> สปสช.) where no explicit form claims them and
    they are not Thai words (มอบ. -> มอบ is the verb "to give").
    """
    from pythainlp.corpus import thai_words

    keys: dict[str, _Key] = {}
    for ex in _NULL_KEYS:
        _add_key(keys, ex, None)
    reported = _reported_ids()
    for e in _entries():
        foreign = _foreign_of(e)
        for form in _surface_forms(e):
            _add_key(keys, form, reported[e["id"]] or _BLOCKED, foreign, pair=e["kind"] == "ministry")
    for t in _data().get("foreign_templates", ()):
        _add_key(keys, t["th"], None, (t["suffix"], t["th"], t["name_en"], t.get("home")), template=True)
    words = thai_words()
    for e in _entries():
        foreign = _foreign_of(e)
        for form in _surface_forms(e):
            for variant in _acronym_variants(form):
                if variant.rstrip(".") not in words:
                    _add_key(keys, variant, reported[e["id"]] or _BLOCKED, foreign, pair=e["kind"] == "ministry")
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
    if acronym and _letters(next(iter(key.forms))) <= 2 and _UNIT_LEFT.search(left):
        return False  # 5 กก. / 500 มก. are units (not "2567 สปสช.")
    if acronym and _letters(next(iter(key.forms))) <= 3 and end < len(text) and text[end].isdigit():
        return False  # คร.7, ภ.ง.ด.90: a form's number
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
    agency_id: str  # "" (_BLOCKED): recognised, never reported
    # lower wins at the same start: -1 pattern whose prefix is itself a gazetteer name (and
    # foreign bodies), 0 gazetteer, 1 other patterns, 2 anaphora
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
            if key is not None and key.template:
                found += _foreign_candidates(text, start, end, key)
                consumed = end
                break
            if key is not None and key.agency_id is None:
                consumed = end
                break
            if key is not None and _accept_key(text, start, end, key):
                extra = _foreign_candidates(text, start, end, key) if key.foreign else []
                found += extra or [_Cand(start, end, key.agency_id or _BLOCKED, 0)]
                consumed = max(c.end for c in extra) if extra else end
                break
            shorter = pattern.match(low, start, end - 1)
            end = shorter.end() if shorter else start
        pos = max(consumed, start + 1)
    return found


# --------------------------------------------------------------------------------------
# Foreign bodies: <Thai body><country>, "Ministry of Health of <country>"
# --------------------------------------------------------------------------------------

# between a body and its country: แห่ง/ของ, ประเทศ, a state's style (สาธารณรัฐ, ราชอาณาจักร ...)
_STATE_STYLES = ("ราชอาณาจักร", "สาธารณรัฐ", "สาธารณรัฐประชาชน", "สาธารณรัฐสังคมนิยม",
                 "สาธารณรัฐประชาธิปไตยประชาชน", "สหพันธ์สาธารณรัฐ", "สหพันธรัฐ", "สาธารณรัฐอิสลาม",
                 "สาธารณรัฐแห่งสหภาพ", "รัฐ")
_EN_STATE_STYLES = ("Kingdom", "Republic", "Democratic Republic", "People's Republic", "Socialist Republic",
                    "Federal Republic", "Islamic Republic", "United Republic", "Lao People's Democratic Republic",
                    "Democratic Socialist Republic", "State", "Commonwealth", "Union")
# "กระทรวงสาธารณสุขไทย-ญี่ปุ่น", "สธ.ไทย – ภูฏาน", "กระทรวงสาธารณสุขไทยและภูฏาน": both sides
_PAIR_GAP = re.compile(r"\s?(?:[-–—/]|และ|กับ)\s?")


@functools.cache
def _countries() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """Thai form -> (slug, English name); English form (lower) -> (slug, English name)."""
    th: dict[str, tuple[str, str]] = {}
    en: dict[str, tuple[str, str]] = {}
    for c in _data().get("countries", ()):
        for form in c["th"]:
            th.setdefault(places.squeeze(form), (c["slug"], c["name_en"]))
        for form in [c["name_en"], *c["en"]]:
            en.setdefault(form.lower(), (c["slug"], c["name_en"]))
    return th, en


@functools.cache
def _country_regex() -> re.Pattern[str]:
    th, _en = _countries()
    return re.compile(r"(?:\s?(?:แห่ง|ของ))?\s?(?:ประเทศ)?(?:" + places.trie_regex(_STATE_STYLES) + r")?\s?("
                      + places.trie_regex(sorted(th)) + ")")


def _country_at(text: str, pos: int) -> tuple[str, str, int, int] | None:
    """A country named at ``text[pos:]`` (after a body's name) -> (slug, English, start, end)."""
    m = _country_regex().match(text, pos)
    if not m or not m.group(1):
        return None
    end = m.end()
    if end < len(text) and is_thai(text[end]) and not is_word_boundary(text, end):
        return None
    slug, en = _countries()[0][places.squeeze(m.group(1))]
    return slug, en, m.start(1), end


def _foreign_entry(slug: str, country_en: str, suffix: str, body_th: str, country_th: str,
                   body_en: str) -> tuple[str, dict[str, Any] | None]:
    """(reported id, built entry or None when the gazetteer lists it) for <country>-<suffix>."""
    agency_id = f"{slug}-{suffix}"
    listed = _reported_entry(agency_id)
    if listed is not None:
        return listed["id"], None
    return agency_id, _entry(agency_id, body_th + country_th, f"{body_en} ({country_en})", [])


def _foreign_candidates(text: str, start: int, end: int, key: _Key) -> list[_Cand]:
    """Candidates for a Thai body's name at [start, end) followed by a country; [] if none."""
    if key.foreign is None:
        return []
    suffix, body_th, body_en, home = key.foreign
    if key.size != "long" and end < len(text) and text[end] == " ":
        return []  # "กก. อังกฤษ": an abbreviation takes a country only when written against it
    found = _country_at(text, end)
    home_end = end if text.endswith("ไทย", start, end) else None
    if found is not None and found[0] != "thailand":
        slug, country_en, c_start, c_end = found
        agency_id, entry = _foreign_entry(slug, country_en, suffix, body_th, text[c_start:c_end], body_en)
        return [_Cand(start, c_end, agency_id, -1, entry)]
    if found is not None:
        home_end = found[3]
    if home_end is None:
        return []
    own = _reported_entry(home) if home else None
    out = [_Cand(start, home_end, own["id"], 0)] if own else [_Cand(start, home_end, _BLOCKED, 0)]
    gap = _PAIR_GAP.match(text, home_end) if key.pair else None
    other = _country_at(text, gap.end()) if gap else None
    if other is not None and other[0] != "thailand" and other[2] == gap.end():
        slug, country_en, c_start, c_end = other
        agency_id, entry = _foreign_entry(slug, country_en, suffix, body_th, text[c_start:c_end], body_en)
        out.append(_Cand(c_start, c_end, agency_id, -1, entry))
    return out


_EN_WORDS = r"[A-Z][a-z]+(?:(?:\s*,\s*|\s+and\s+|\s*&\s*|\s+)(?!of\b|for\b|the\b)[A-Z][a-z]+)*"


@functools.cache
def _english_regex() -> re.Pattern[str]:
    names = sorted({f for c in _data().get("countries", ()) for f in [c["name_en"], *c["en"]]},
                   key=len, reverse=True)
    country = "(?:" + "|".join(re.escape(n) for n in names) + r")\b"
    styles = "(?:" + "|".join(re.escape(s) for s in sorted(_EN_STATE_STYLES, key=len, reverse=True)) + ")"
    th_country = r"(?:สาธารณรัฐ|ราชอาณาจักร|ประเทศ)?(?:" + places.trie_regex(sorted(_countries()[0])) + ")"
    body = r"(?P<kind>Ministry|Minister|Department)(?:\s+of\s+State)?\s+(?:of|for)\s+(?P<words>" + _EN_WORDS + ")"
    after = (r"(?:(?:\s*,\s*|\s+of\s+|\s+)(?:the\s+)?(?:" + styles + r"\s+of\s+(?:the\s+)?)?(?P<country>" + country
             + r")|\s*(?P<thc>" + th_country + "))")
    before = r"(?P<pre>" + country + r")(?:'s|’s)?\s+"
    return re.compile(r"(?:[Tt]he\s+)?(?:" + before + body + "|" + body.replace("kind", "kind2").replace(
        "words", "words2") + after + ")")


def _english_suffix(kind: str, words: str) -> str:
    kind = kind[0].lower()
    parts = [w for w in re.split(r"[\s,&]+", words) if w and w.lower() != "and"]
    if kind == "m" and [p.lower() for p in parts] in (["health"], ["public", "health"]):
        return "moh"
    return kind + "o" + "".join(p[0].lower() for p in parts)


def _english_foreign_candidates(text: str) -> list[_Cand]:
    """"Ministry of Health of Ghana", "Department of Health & Family Welfare สาธารณรัฐอินเดีย",
    "Ghana's Ministry of Health" -> <country>-<initials>."""
    if "Minist" not in text and "Department" not in text:
        return []
    th, en = _countries()
    out = []
    for m in _english_regex().finditer(text):
        if m.group("pre"):
            kind, words, country = m.group("kind"), m.group("words"), m.group("pre")
            slug, country_en = en[country.lower()]
        else:
            kind, words = m.group("kind2"), m.group("words2")
            if m.group("country"):
                slug, country_en = en[m.group("country").lower()]
            else:
                thc = places.squeeze(m.group("thc"))
                if thc not in th:
                    thc = re.sub(r"^(?:สาธารณรัฐ|ราชอาณาจักร|ประเทศ)", "", thc)
                if thc not in th:
                    continue
                slug, country_en = th[thc]
        if slug == "thailand":
            continue
        start = m.start("pre") if m.group("pre") else m.start("kind2")
        suffix = _english_suffix(kind, words)
        body_en = ("Ministry" if kind.lower().startswith("minist") else "Department") + " of " + words
        agency_id = f"{slug}-{suffix}"
        listed = _reported_entry(agency_id)
        if listed is not None:
            out.append(_Cand(start, m.end(), listed["id"], -1))
        else:
            out.append(_Cand(start, m.end(), agency_id, -1,
                             _entry(agency_id, f"{body_en} ({country_en})", f"{body_en} ({country_en})", [])))
    return out


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
ก่อตั้ง ก่อตั้งขึ้น ปัญหา จำเป็น ความร่วมมือ กำหนดการ ตั้งอยู่ บริเวณ พ้น วิกฤต ขาดแคลน แออัด ประสบ
ประชาสัมพันธ์ เรียบร้อย ทำการ ปรับปรุง โดดเด่น
""".split())
# Stopwords that also build place names (วังใหม่, บางใหญ่, หนองบัวน้อย): never stop a name.
_PLACE_WORDS = frozenset("ใหม่ ใหญ่ น้อย บน ใต้ บาง เล็ก ยาว กว้าง สูง นอก กลาง ตรง โต ทอง หลวง ท่า ทาง ช้า นาน".split())
# A token starting like this is a verb/function compound (มีมติ, ใช้ประโยชน์, ไม่เห็นด้วย).
_STOP_PREFIXES = ("ไม่", "ได้", "ให้", "ใช้", "ควร", "ต้อง", "เป็น", "และ", "หรือ", "ซึ่ง", "เพื่อ", "โดย", "จะ",
                  "มีการ", "มีความ", "มีมติ", "ดำเนิน", "จัดทำ", "ในการ", "ในเครือ", "ในสังกัด", "ที่จะ", "ที่มี",
                  "ที่อยู่", "จำเป็น", "กล่าว", "เตรียม", "แถลง", "ชี้แจง", "พ้น", "ประสบ", "ช่วย")
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
# A hospital's name may end in a jubilee: โรงพยาบาลเสาไห้เฉลิมพระเกียรติ 80 พรรษา.
_JUBILEE = re.compile(r"\s?\d{1,3}\s?พรรษา")
# A hospital named after a body: โรงพยาบาล อบจ.ภูเก็ต, โรงพยาบาลมหาวิทยาลัยนเรศวร.
_BODY_IN_NAME = re.compile(r"อบจ\.\s?|มหาวิทยาลัย")
# Title words before สาธารณสุขจังหวัด/อำเภอ: a person (นายแพทย์สาธารณสุขจังหวัดภูเก็ต), not the office.
_PERSON_TITLE_LEFT = re.compile(r"(?:นายแพทย์|นพ\.|แพทย์หญิง|พญ\.)\s?$")
_MAX_NAME = 40


# Place-name heads that the part-of-speech lexicons call verbs (บางกรวย, ยางตลาด, วัดเพลง, เจริญราษฎร์...).
_PLACE_HEADS = frozenset("บาง ยาง วัด เจริญ ทับ ล้อม แสน กลาง ลาด ท่า".split())
# Starts of hospital/university "names" that are a description instead (โรงพยาบาลในอนาคต,
# โรงพยาบาลแม่ข่าย, โรงพยาบาลเพิ่มขึ้น, โรงพยาบาลมาตรฐานสากล, โรงพยาบาลสาขา...).
_NOT_NAME_PREFIXES = tuple("""
ใน เพิ่ม ลด น้อยลง เสีย ดีขึ้น เรียก ขอให้ จัด ปฏิบัติ ยังมี มีประสิทธิ มีแผน มีโอกาส ส่งตัว ส่งต่อ กำชับ ดูแล
ระยะ ระดับ ระหว่าง ทั้ง ที่ สำหรับ อีก กรณี ประจำ ภูมิลำเนา เป้าหมาย มาตรฐาน คุณภาพ พื้นที่ สาขา สมทบ ร้านยา
แม่ข่าย ลูกข่าย เครือข่าย งบประมาณ ทรงคุณค่า ทันตกรรม ผู้ป่วย สิทธิ สัตว์ สีเขียว อัจฉริยะ อัจริยะ อาหาร เข้มแข็ง
เงิน เศรษฐกิจ เสมือน เหล่าทัพ โควิด ดิจิทัล ดิจิตอล บูรณาการ พันธมิตร พี่เลี้ยง พี่น้อง ภาคสนาม ส่วนกลาง
ต่างประเทศ ต่างจังหวัด ที่มา ทั้งสอง ปา ป้าย ร่อง รา ผู้ ท้าย แนวหน้า เขต
""".split())
_POS_LEXICONS = ("pos_orchid_unigram.json", "pos_ud_unigram-v0.2.json", "tdtb-unigram_tagger.json")
_NOUN_TAGS = frozenset({"NOUN", "PROPN", "NUM", "PUNCT", "SYM", "X", "PUNC"})


@functools.cache
def _non_name_words() -> frozenset[str]:
    """Words that PyThaiNLP's unigram part-of-speech lexicons (ORCHID, UD, TDTB) tag as a verb,
    adjective, adverb or function word in at least two of them: no hospital or university
    name starts with one (โรงพยาบาลครอบคลุม..., โรงพยาบาลประเมิน..., มหาวิทยาลัยแนวหน้า...)."""
    import json
    import os
    from collections import Counter

    try:
        from pythainlp.corpus import corpus_path
        base = corpus_path()
    except Exception:  # pythainlp without its bundled corpora: no lexical check
        return frozenset()
    votes: Counter[str] = Counter()
    for name in _POS_LEXICONS:
        try:
            with open(os.path.join(base, name), encoding="utf-8-sig") as fh:
                lexicon = json.load(fh)
        except (OSError, ValueError):
            continue
        for word, tag in lexicon.items():
            nounish = tag in _NOUN_TAGS or (len(tag) == 4 and tag.isupper() and tag[0] in "NC")
            if not nounish:
                votes[word] += 1
    return frozenset(w for w, n in votes.items() if n >= 2) - _PLACE_HEADS


@functools.cache
def _stop_words() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords

    return frozenset((set(thai_stopwords()) | _OWN_STOP_WORDS) - _PLACE_WORDS)


def _is_stop(token: str, first: bool = False) -> bool:
    return token in _stop_words() or token.startswith(_STOP_PREFIXES if first else _LATER_STOP_PREFIXES)


def _name_tokens(chunk: str) -> tuple[list[str], bool]:
    """Segment a name run; a province name at its start stays whole (เชียง|รายได้ -> เชียงราย|ได้).
    Also tells whether the first token is a province name (never a stop word then: เลย)."""
    head = next((h for h in ("ราชภัฏ", "ราชภัฎ") if chunk.startswith(h) and len(chunk) > len(h)), "")
    found = places.match_province_at(chunk, len(head))
    if found:
        rest = places.segment(chunk[found[1]:]) if found[1] < len(chunk) else []
        return [chunk[:found[1]], *rest], True
    return places.segment(chunk), False


def _thai_run_end(text: str, pos: int, limit: int) -> int:
    end = pos
    while end < len(text) and end - pos < limit and is_thai(text[end]):
        end += 1
    return end


def take_name(text: str, pos: int, *, generic: frozenset[str] = frozenset(),
              limit: int = _MAX_NAME, strict: bool = False, lexical: bool = False) -> int | None:
    """End offset of the Thai name starting at ``pos``, or None if there is none.

    The name is the Thai run up to the next space/punctuation, cut before the first stop
    word after its first token (``strict``: no name at all if a stop word is inside the
    run).  If its first token is a stop word or a generic head (โรงพยาบาลเอกชน,
    มหาวิทยาลัยต่างๆ) there is no name, nor if the run is an abbreviation (โรงพยาบาล อบจ.X).
    A province name is a name even when it is also a word (โรงพยาบาลเลย).  ``lexical``: nor
    if the first token is a verb, adjective or function word (see _non_name_words).
    """
    run_end = _thai_run_end(text, pos, limit)
    if run_end == pos or (run_end < len(text) and text[run_end] == "."):
        return None
    tokens, province_first = _name_tokens(text[pos:run_end])
    if not tokens or (not province_first and _is_stop(tokens[0], first=True)):
        return None
    if lexical and not province_first and (tokens[0] in _non_name_words()
                                           or text.startswith(_NOT_NAME_PREFIXES, pos)):
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
    place: str  # "province", "name", "number", "hospital" or "lao"
    build: _Build
    generic: frozenset[str] = frozenset()
    strict: bool = False  # the whole Thai run must be the name (no stop word inside it)
    lexical: bool = False  # the name must not start with a verb/adjective (see _non_name_words)


def _entry(agency_id: str, name: str, name_en: str, aliases: list[str]) -> dict[str, Any]:
    return {"id": agency_id, "name": name, "name_en": name_en,
            "aliases": [a for a in dict.fromkeys(aliases) if a != name]}


_PROVINCE_OFFICES = {
    "pao": ("องค์การบริหารส่วนจังหวัด", "อบจ.", "Provincial Administrative Organization"),
    "ppho": ("สำนักงานสาธารณสุขจังหวัด", "สสจ.", "Provincial Public Health Office"),
}


def _province_entry(kind: str) -> _Build:
    """Builder for province-level bodies with their own ids: pao/ppho."""
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
        if name.startswith(desc) and len(name) > len(desc) + 1 and not name.startswith(desc + " "):
            name = name[len(desc):]
            if take_name(name, 0, lexical=True) is None and not _BODY_IN_NAME.match(name):
                return None  # โรงพยาบาลชุมชนแม่ข่าย, โรงพยาบาลชุมชนเพิ่มขึ้น: a description
            break
    listed = _by_id().get("hospital:" + name)
    key = _gazetteer()[1].get("โรงพยาบาล" + name)
    if (listed is not None and _reported_ids()[listed["id"]] is None) or (
            key is not None and key.agency_id == _BLOCKED):
        return {"id": _BLOCKED}  # a private hospital: recognised, never reported
    if listed is not None:
        return _public(_reported_entry(listed["id"]) or listed)
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


def _branch(parent: str) -> _Build:
    """Builder for a branch office (provincial, regional, numbered): reported as its parent."""

    def build(_value: str, _prefix: str) -> dict[str, Any] | None:
        entry = _reported_entry(parent)
        return _public(entry) if entry else None
    return build


@functools.cache
def _lao_provinces() -> dict[str, tuple[str, str]]:
    return {places.squeeze(form): (p["slug"], p["name_en"]) for p in _data().get("lao_provinces", ())
            for form in p["th"]}


@functools.cache
def _lao_regex() -> re.Pattern[str]:
    return re.compile(r"\s?(?:แขวง)?(" + places.trie_regex(sorted(_lao_provinces())) + ")")


def _lao_health_department(place: str, _prefix: str) -> dict[str, Any] | None:
    """แผนกสาธารณสุขแขวง/นครหลวง X (Lao PDR) -> <x>-health-department."""
    slug, en = _lao_provinces()[place]
    agency_id = f"{slug}-health-department"
    listed = _reported_entry(agency_id)
    if listed is not None:
        return _public(listed)
    return _entry(agency_id, "แผนกสาธารณสุข" + place, f"{en} Health Department (Lao PDR)", [])


@functools.cache
def _patterns() -> tuple[_Pattern, ...]:
    branches = tuple(_Pattern(tuple(b["prefixes"]), b["place"], _branch(b["parent"]))
                     for b in _data().get("branches", ()))
    return (
        _Pattern(("องค์การบริหารส่วนจังหวัด", "อบจ."), "province", _province_entry("pao")),
        _Pattern(("สำนักงานสาธารณสุขจังหวัด", "สาธารณสุขจังหวัด", "สสจ."), "province", _province_entry("ppho")),
        _Pattern(("องค์การบริหารส่วนตำบล", "อบต."), "name", _place_entry("sao"), generic=_GENERIC_PLACES),
        _Pattern(("เทศบาลนคร", "เทศบาลเมือง", "เทศบาลตำบล", "ทน.", "ทม.", "ทต."), "name", _municipality),
        _Pattern(("สำนักงานสาธารณสุขอำเภอ", "สาธารณสุขอำเภอ", "สสอ."), "name", _place_entry("dho"),
                 generic=_GENERIC_PLACES - {"เมือง"}),
        _Pattern(("โรงพยาบาลส่งเสริมสุขภาพตำบล", "โรงพยาบาลส่งเสริมสุขภาพประจำตำบล", "รพ.สต.", "รพ. สต.",
                  "รพ.สต", "รพสต.", "รพสต", "สถานีอนามัย"), "name", _place_entry("sho"), generic=_GENERIC_PLACES),
        _Pattern(("โรงพยาบาล", "รพ.", "ร.พ."), "hospital", _hospital, generic=_GENERIC_HEADS),
        _Pattern(("มหาวิทยาลัย",), "name", _university, generic=_GENERIC_HEADS - {"ราชภัฏ"}, lexical=True),
        _Pattern(("มรภ.", "ม.ราชภัฏ"), "name", _rajabhat),
        _Pattern(("แผนกสาธารณสุข",), "lao", _lao_health_department),
        *branches,
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


def _read_hospital(text: str, pat: _Pattern, pos: int) -> tuple[str, int] | None:
    """The name after โรงพยาบาล/รพ.: as written, outer spaces stripped; it may be named after a
    body (โรงพยาบาล อบจ.ภูเก็ต) and end in a jubilee (เฉลิมพระเกียรติ 80 พรรษา)."""
    start = pos + 1 if pos < len(text) and text[pos] == " " else pos
    body = _BODY_IN_NAME.match(text, start)
    if body and body.group().startswith("อบจ"):
        prov = places.match_province_at(text, body.end())
        end = prov[1] if prov else None
    elif body:
        end = take_name(text, body.end(), lexical=True)
    else:
        if start != pos and text[pos - 1] != ".":
            return None  # after the full word a space ends a list item (โรงพยาบาล สถานีอนามัย)
        end = take_name(text, start, generic=pat.generic, lexical=True)
    if end is None or end - start < 2 or text[start:end] in _EMPTY_NAMES:
        return None
    jubilee = _JUBILEE.match(text, end)
    if jubilee and not (jubilee.end() < len(text) and is_thai(text[jubilee.end()])
                        and not is_word_boundary(text, jubilee.end())):
        end = jubilee.end()
    return text[start:end], end


def _read_place(text: str, pat: _Pattern, prefix: str, pos: int) -> tuple[str, int] | None:
    """Read what follows a pattern prefix ending at ``pos`` -> (value, end offset)."""
    if pat.place == "number":
        n = _NUMBER.match(text, pos)
        top = 15 if "วิทยาศาสตร์" in prefix else 13  # 15 medical-sciences centres, 13 regions
        return (n.group(1), n.end()) if n and 1 <= int(n.group(1)) <= top else None
    if pat.place == "hospital":
        return _read_hospital(text, pat, pos)
    if pat.place == "lao":
        m = _lao_regex().match(text, pos)
        if not m or (m.end() < len(text) and is_thai(text[m.end()]) and not is_word_boundary(text, m.end())):
            return None
        return places.squeeze(m.group(1)), m.end()
    # a space may follow an abbreviation (อบต. วังหว้า) or stand before a province name;
    # after a full word (โรงพยาบาล สถานีอนามัย) it usually ends a list item instead
    if pos < len(text) and text[pos] == " " and (prefix.endswith(".") or pat.place == "province"):
        pos += 1
    if pat.place == "province":
        return places.match_province_at(text, pos)
    end = take_name(text, pos, generic=pat.generic, strict=pat.strict, lexical=pat.lexical)
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


_BARE = ("อบจ.", "สสจ.", "อบต.", "สสอ.")


def _pattern_candidates(text: str) -> tuple[list[_Cand], list[tuple[int, int, str]]]:
    """Candidates from the open-class patterns, plus bare prefixes (อบจ. alone) for anaphora."""
    rx, index = _prefix_index()
    lookup = _gazetteer()[1]
    found: list[_Cand] = []
    bare: list[tuple[int, int, str]] = []
    for m in rx.finditer(text):
        prefix = places.squeeze(m.group())
        pat = index.get(prefix)
        if pat is None or not syllable_edge(text, m.start(), m.end()):
            continue
        if not _prefix_left_ok(text, m.start(), prefix):
            continue  # ทม. inside กทม., โรงพยาบาล inside a longer word
        if prefix in ("สาธารณสุขจังหวัด", "สาธารณสุขอำเภอ") and _PERSON_TITLE_LEFT.search(
                text, max(0, m.start() - 12), m.start()):
            continue  # นายแพทย์สาธารณสุขจังหวัดภูเก็ต: a person's title
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
            priority = -1 if prefix in lookup else 1
            found.append(_Cand(m.start(), end, entry["id"], priority, entry))
    return found, bare


# --------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------


def _public(e: dict[str, Any]) -> dict[str, Any]:
    out = {"id": e["id"], "name": e["name"], "name_en": e["name_en"], "aliases": list(e["aliases"])}
    for k in ("kind", "part_of", "not_reported"):
        if k in e:
            out[k] = e[k]
    return out


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
    prefix_of = {"อบจ.": "pao:", "สสจ.": "ppho:", "อบต.": "sao:", "สสอ.": "dho:"}
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


def _nested(text: str, chosen: list[_Cand]) -> list[_Cand]:
    """Bodies named inside a hospital's name: โรงพยาบาล อบจ.ภูเก็ต (pao:phuket),
    โรงพยาบาลมหาวิทยาลัยนเรศวร (naresuan-university)."""
    extra: list[_Cand] = []
    for c in chosen:
        if not c.agency_id.startswith("hospital:"):
            continue
        inner = _BODY_IN_NAME.search(text, c.start + 3, c.end)
        if inner is None:
            continue
        piece = text[inner.start():c.end]
        found, _bare = _pattern_candidates(piece)
        for n in _select(_gazetteer_candidates(piece) + found):
            if n.agency_id and not n.agency_id.startswith("hospital:"):
                extra.append(_Cand(inner.start() + n.start, inner.start() + n.end, n.agency_id, 3, n.entry))
    return extra


# กรุงเทพมหานคร / กทม. is a body (bma) in a list of bodies or as the partner of ร่วมกับ or of a
# signing; otherwise it is the province (the places module tags it anyway).  A list needs a
# conjunction or comma after the body before it (or before the body after it, when no body
# precedes), bodies on both sides with only spaces between, or a run of bodies before it that
# goes on after it: "โรงพยาบาลรามาธิบดี กรุงเทพมหานคร" is a location,
# "สำนักงานประกันสังคมกรุงเทพมหานครพื้นที่ 3" a branch office's name.
_BANGKOK = re.compile(r"กรุงเทพมหานคร|กทม\.")
_LIST_GAP = re.compile(r"[\s,()]*(?:(?:และ|หรือ|กับ|ร่วมกับ|รวมทั้ง|โดย)[\s,()]*)?")
_PARTNER_LEFT = re.compile(r"ร่วมกับ\s?$|(?:MOU|ลงนาม|ข้อตกลง|บันทึก)[^\n]{0,40}?กับ\s?$")
_PLACE_LEFT = re.compile(r"(?:จังหวัด|จ\.|ใน|ที่|ณ|เขต\s?\d{1,2})\s?$")
_PLACE_RIGHT = re.compile(r"\s?(?:พื้นที่|เขตพื้นที่|เขต\s?\d|สาขา)")
_LIST_GOES_ON = re.compile(r"\s?(?:และ|หรือ|,)")
_MAX_GAP = 12


def _gap_kind(text: str, lo: int, hi: int) -> str:
    """'' (no list gap), 'space' (whitespace/brackets only) or 'joined' (comma or conjunction)."""
    if hi - lo > _MAX_GAP or hi <= lo or not _LIST_GAP.fullmatch(text, lo, hi):
        return ""
    return "space" if not text[lo:hi].strip(" ()") else "joined"


def _bangkok_bodies(text: str, chosen: list[_Cand]) -> list[_Cand]:
    if "กรุงเทพมหานคร" not in text and "กทม." not in text:
        return []
    bma = _reported_entry("bma")
    if bma is None:
        return []
    spans = sorted((c.start, c.end) for c in chosen if c.agency_id)
    extra: list[_Cand] = []
    for m in _BANGKOK.finditer(text):
        start, end = m.span()
        if any(s <= start < e for s, e in spans):
            continue
        left = text[max(0, start - 60):start]
        if _PLACE_LEFT.search(left) or _PLACE_RIGHT.match(text, end):
            continue
        before = [sp for sp in spans if sp[1] <= start]
        after = [sp for sp in spans if sp[0] >= end]
        left_gap = _gap_kind(text, before[-1][1], start) if before else ""
        right_gap = _gap_kind(text, end, after[0][0]) if after else ""
        run_before = len(before) >= 2 and _gap_kind(text, before[-2][1], before[-1][0]) != ""
        list_goes_on = bool(right_gap) or _LIST_GOES_ON.match(text, end) is not None
        body = (_PARTNER_LEFT.search(left) is not None or left_gap == "joined"
                or (right_gap == "joined" and not left_gap) or (left_gap == right_gap == "space")
                or bool(left_gap and run_before and list_goes_on))
        if body:
            extra.append(_Cand(start, end, bma["id"], 3))
    return extra


def _candidates(text: str) -> list[_Cand]:
    pattern_cands, bare = _pattern_candidates(text)
    chosen = _select(_gazetteer_candidates(text) + pattern_cands + _english_foreign_candidates(text))
    chosen += _anaphora(chosen, bare)
    chosen += _nested(text, chosen)
    chosen += _bangkok_bodies(text, chosen)
    return [c for c in chosen if c.agency_id]


def find_agencies(text: str) -> list[dict[str, Any]]:
    """Agencies mentioned in ``text``, one entry per agency in order of first mention:
    [{"id", "name", "name_en", "aliases", "mentions": [{"text", "start", "end"}]}]."""
    if not text:
        return []
    out: dict[str, dict[str, Any]] = {}
    by_id = _by_id()
    for c in sorted(_candidates(text), key=lambda c: c.start):
        entry = out.get(c.agency_id)
        if entry is None:
            base = by_id.get(c.agency_id) or c.entry or {"id": c.agency_id, "name": c.agency_id,
                                                         "name_en": c.agency_id, "aliases": []}
            entry = out[c.agency_id] = {"id": c.agency_id, "name": base["name"], "name_en": base["name_en"],
                                        "aliases": list(base["aliases"]), "mentions": []}
        entry["mentions"].append({"text": text[c.start:c.end], "start": c.start, "end": c.end})
    return list(out.values())


def all_agencies() -> list[dict[str, Any]]:
    """Every gazetteer entry (id, name, name_en, aliases, kind; part_of for units reported
    as their parent, not_reported for names recognised but never reported); pattern classes
    excluded."""
    return [_public(e) for e in _entries()]


def all_countries() -> list[dict[str, Any]]:
    """The countries foreign bodies are recognised for: slug, name_en, Thai forms (th), English forms (en)."""
    return list(_data().get("countries", ()))


def _norm(value: str) -> str:
    return re.sub(r"\s+", "", ascii_lower(value.strip())).rstrip(".")


@functools.cache
def _resolve_table() -> tuple[dict[str, str], dict[str, str]]:
    """(exact key -> reported id, dot-insensitive key -> reported id) over ids, former ids,
    names and aliases; names of bodies never reported resolve to nothing."""
    exact: dict[str, str] = {}
    loose: dict[str, str] = {}
    reported = _reported_ids()
    blocked: set[str] = set()
    for e in _entries():
        rid = reported[e["id"]]
        for form in (e["id"], *e.get("old_ids", ()), e["name"], e["name_en"], *e["aliases"]):
            key = _norm(form)
            if rid is None:
                blocked.add(key)
                continue
            if key not in blocked:
                exact.setdefault(key, rid)
                loose.setdefault(key.replace(".", ""), rid)
    return exact, loose


_PATTERN_ID = re.compile(r"(?P<kind>[a-z-]+):(?P<value>.+)")
# former pattern ids of branch offices -> the parent now reported
_OLD_BRANCH_IDS = {"plao": "dla", "pso": "msdhs", "odpc": "ddc", "hpc": "doh", "mhc": "dmh", "hssc": "hss",
                   "dmsc-center": "dmsc"}


def _resolve_pattern_id(value: str) -> dict[str, Any] | None:
    """Entry for a pattern id such as pao:phuket, sao:วังใหม่, hospital:บ้านหมอ, cambodia-moh."""
    m = _PATTERN_ID.fullmatch(value.strip())
    if not m:
        return _resolve_foreign_id(value.strip().lower())
    kind, val = m.group("kind").lower(), m.group("value").strip()
    if kind in _PROVINCE_OFFICES:
        return _province_entry(kind)(val, "")
    if kind in _PLACE_OFFICES:
        return _place_entry(kind)(val, "")
    if kind in _OLD_BRANCH_IDS:
        entry = _reported_entry(_OLD_BRANCH_IDS[kind])
        return _public(entry) if entry else None
    builders: dict[str, Callable[[], dict[str, Any] | None]] = {
        "municipality": lambda: _municipality(val, ""),
        "hospital": lambda: _hospital(val, ""),
        "university": lambda: _university(val, ""),
    }
    if kind in builders:
        return builders[kind]()
    if kind == "foreign-moh":
        return _resolve_foreign_id(f"{val}-moh".replace("laos-", "lao-"))
    return None


@functools.cache
def _foreign_suffixes() -> dict[str, tuple[str, str]]:
    """Foreign id suffix -> (Thai body name, English body name)."""
    out: dict[str, tuple[str, str]] = {}
    for e in _entries():
        f = _foreign_of(e)
        if f:
            out.setdefault(f[0], (f[1], f[2]))
    for t in _data().get("foreign_templates", ()):
        out.setdefault(t["suffix"], (t["th"], t["name_en"]))
    return out


def _resolve_foreign_id(value: str) -> dict[str, Any] | None:
    """cambodia-moh -> the Cambodian ministry of health (built like the extractor does)."""
    for c in _data().get("countries", ()):
        if value.startswith(c["slug"] + "-") and c["slug"] != "thailand":
            suffix = value[len(c["slug"]) + 1:]
            if suffix in _foreign_suffixes():
                th, en = _foreign_suffixes()[suffix]
                agency_id, entry = _foreign_entry(c["slug"], c["name_en"], suffix, th, c["th"][0], en)
                return entry or _public(_by_id()[agency_id])
    return None


def resolve_agency(value: str | None) -> dict[str, Any] | None:
    """Agency entry (id, name, name_en, aliases[, kind]) for an id, former id, alias, Thai or
    English name or a pattern form ("อบจ.ภูเก็ต", "pao:phuket"); case and trailing dots ignored.
    A sub-unit resolves to the body it is reported as (สป.สธ. -> moph); names of bodies that
    are never reported (private banks, the Cabinet) resolve to nothing."""
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
