"""Provinces and NHSO regions mentioned in Thai text.

Also home of the small Thai-text toolkit that ``nlp.agencies`` shares (trie regexes, word
boundaries), because Thai has no spaces between words: a province name such as ตาก is also
the start of ตากแดด, ตราด hides inside อัตราดอกเบี้ย and น่าน inside the minister's name
ชลน่าน.  Every candidate is therefore checked against a dictionary segmentation of a small
window around it, never of the whole document (that would cost more than the whole stage).

Input text is expected to be normalised already (NFC, ํ+า -> ำ, Thai digits -> ASCII,
whitespace collapsed); offsets are character offsets into the text as given.

Decisions worth knowing:

* A province is tagged wherever its name is written as a place, including inside local
  government names (อบจ.ภูเก็ต, เทศบาลเมืองมหาสารคาม, สสจ.ตาก) and regional-office seats
  (สปสช. เขต 7 ขอนแก่น); not where the name is part of another proper name listed in
  ``provinces.json`` ``exclusions`` (ธนาคารกรุงเทพ, สงขลานครินทร์, ...), and not in royal
  surnames (ณ อยุธยา, ... ณ เชียงใหม่ after a personal name) or right after a personal title.
* Provinces whose names are ordinary words (เลย "at all", ตาก "to dry", แพร่ "to spread")
  need a cue: จังหวัด/จ./อำเภอเมือง/อบจ./สสจ./เขต N before them, or a neighbouring province in a
  list ("ได้แก่ จังหวัดพิษณุโลก ตาก สุโขทัย").
* Two-letter official codes (สฎ, ขก, ...) are too ambiguous on their own and are only read in
  a regional-office seat slot whose region matches ("สปสช.เขต 11 สฎ.").
* ``find_nhso_regions`` reports explicit region mentions only: NHSO regional offices
  (สปสช. เขต N, สำนักงานหลักประกันสุขภาพแห่งชาติ เขต N, อปสข. เขต N, NHSO Region N), MOPH health
  regions (เขตสุขภาพที่ N, เขตบริการสุขภาพที่ N; since 2014 they have the same numbers and
  provinces as the NHSO regions, so a researcher filtering on region 7 wants both), area
  health boards (กขป. เขต N) and "เขต N <seat>" where the seat is that region's seat.  A region
  is never inferred from a province, and the old MOPH inspection regions
  (ผู้ตรวจราชการกระทรวงสาธารณสุข เขต 12, numbered differently) are not regions.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"

# --------------------------------------------------------------------------------------
# Thai text toolkit (shared with nlp.agencies)
# --------------------------------------------------------------------------------------

THAI_CHARS = "\u0e01-\u0e3a\u0e40-\u0e4e"  # letters, vowels, tone marks, ฯ, ๆ (no digits)
_LEADING_VOWELS = frozenset("เแโใไ")
# Characters that cannot start a word: they attach to the consonant before them.
_DEPENDENT = frozenset("ะัาำิีึืฺุู็่้๊๋์ํๅ")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_WINDOW = 24  # characters of context segmented on each side of a boundary
_RUN = re.compile(f"[{THAI_CHARS}]+")
_RUN_TO_END = re.compile(f"[{THAI_CHARS}]+$")


def is_thai(ch: str) -> bool:
    """True for Thai letters, vowels and marks (not Thai digits, not punctuation)."""
    return "\u0e01" <= ch <= "\u0e3a" or "\u0e40" <= ch <= "\u0e4e"


def ascii_lower(text: str) -> str:
    """Lower-cased copy of ``text`` with exactly the same length, so offsets carry over.

    ``str.lower`` is fast but may change the length of a few non-ASCII strings (e.g. 'İ');
    then only ASCII letters are lowered (``str.translate`` is ~50x slower on Thai text).
    """
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


def _escape_unit(ch: str) -> str:
    if ch == " ":
        return r"\s*"  # a space in a gazetteer name may be missing or doubled in the text
    return re.escape(ch)


def trie_regex(keys: Iterable[str]) -> str:
    """One regex alternation for many literal keys, shaped as a trie.

    Python's ``re`` tries alternatives one by one; a trie shares prefixes so each text
    position costs a few character comparisons, and the greedy optional tails make the
    longest key win at a given start.  A space in a key matches any run of whitespace.
    """
    root: dict[str, Any] = {}
    for key in keys:
        if not key:
            continue
        node = root
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict[str, Any]) -> str:
        branches = [_escape_unit(ch) + emit(child) for ch, child in sorted(
            ((c, n) for c, n in node.items() if c), key=lambda kv: kv[0])]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return emit(root)


@functools.cache
def _extra_words() -> frozenset[str]:
    """Domain words added to the segmentation dictionary.

    Province names and their colloquial forms, so that the segmenter keeps them whole
    (เลย|มี, not เล|ยมี), plus the exclusion words (ชลน่าน, สงขลานครินทร์) so that they stay
    one token and the province inside them is not at a word boundary.
    """
    data = load_data("provinces.json")
    words: set[str] = set(data.get("exclusions", []))
    for p in data["provinces"]:
        words.add(p["name"])
        words.update(f for f in p["forms"] if "." not in f)
    words.update(data.get("segmentation_words", []))
    return frozenset(words)


@functools.cache
def _segmenter() -> Callable[[str], list[str]]:
    """Dictionary segmenter for boundary checks: PyThaiNLP's words plus :func:`_extra_words`
    (province names and exclusions), built by the project's one segmenter factory."""
    from pythainlp.corpus import thai_words

    from nlp.tokenize import segmenter

    return segmenter(frozenset(thai_words()) | _extra_words())


@functools.lru_cache(maxsize=1 << 16)
def _token_boundaries(chunk: str) -> frozenset[int]:
    offsets = {0}
    pos = 0
    for tok in _segmenter()(chunk):
        pos += len(tok)
        offsets.add(pos)
    return frozenset(offsets)


def token_offsets(chunk: str) -> frozenset[int]:
    """Offsets of token boundaries in a short Thai chunk (cached)."""
    return _token_boundaries(chunk)


def segment(chunk: str) -> list[str]:
    """Segment a short Thai chunk with the domain dictionary (cached)."""
    bounds = sorted(_token_boundaries(chunk))
    return [chunk[a:b] for a, b in zip(bounds, bounds[1:])]


def is_word_boundary(text: str, pos: int) -> bool:
    """Whether a word may start or end at ``pos`` in ``text``.

    Cheap answers first: the edges of Thai runs are boundaries, a position before a
    dependent vowel/tone mark or after a leading vowel is not.  Otherwise segment a small
    window of the surrounding Thai run and ask the dictionary.
    """
    if pos <= 0 or pos >= len(text):
        return True
    before, after = text[pos - 1], text[pos]
    if not (is_thai(before) and is_thai(after)):
        return True
    if after in _DEPENDENT or before in _LEADING_VOWELS:
        return False
    left = _RUN_TO_END.search(text, max(0, pos - _WINDOW), pos)
    right = _RUN.match(text, pos, pos + _WINDOW)
    lo = left.start() if left else pos
    hi = right.end() if right else pos
    return (pos - lo) in _token_boundaries(text[lo:hi])


def syllable_edge(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` does not cut a Thai syllable (cheap, no dictionary)."""
    if start > 0 and text[start - 1] in _LEADING_VOWELS:
        return False
    if end < len(text) and text[end] in _DEPENDENT:
        return False
    return True


@functools.cache
def load_data(name: str) -> Any:
    """A JSON file from nlp/data, parsed once per process."""
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return json.load(fh)


# --------------------------------------------------------------------------------------
# Province data
# --------------------------------------------------------------------------------------

_PUBLIC_FIELDS = ("name", "name_en", "slug", "nhso_region", "abbr", "forms", "forms_en")


@functools.cache
def _provinces() -> tuple[dict[str, Any], ...]:
    return tuple(load_data("provinces.json")["provinces"])


@functools.cache
def _province_by_name() -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in _provinces()}


def squeeze(s: str) -> str:
    """Remove whitespace (matched gazetteer keys may contain it); fast path for none."""
    return s if " " not in s and s.isprintable() else re.sub(r"\s+", "", s)


def _norm_key(value: str) -> str:
    """Lookup key: case-folded, spaces removed, trailing dots and ฯ dropped."""
    key = re.sub(r"\s+", "", ascii_lower(value.strip()))
    return key.rstrip(".ฯ") or key


@functools.cache
def _province_lookup() -> dict[str, str]:
    """Every way of naming a province (for ``resolve_province``) -> canonical Thai name."""
    table: dict[str, str] = {}
    for p in _provinces():
        name = p["name"]
        names = [name, p["name_en"], p["slug"], p["abbr"], *p["forms"], *p["forms_en"]]
        for form in names:
            table.setdefault(_norm_key(form), name)
            table.setdefault(_norm_key(form.replace("-", " ")), name)
        for form in [name, *p["forms"]]:
            for prefix in ("จังหวัด", "จ.", "อบจ.", "สสจ."):
                table.setdefault(_norm_key(prefix + form), name)
        for form in [p["name_en"], *p["forms_en"]]:
            table.setdefault(_norm_key(form + " province"), name)
            table.setdefault(_norm_key(form + " changwat"), name)
    return table


def _public(p: dict[str, Any]) -> dict[str, Any]:
    out = {k: p[k] for k in _PUBLIC_FIELDS}
    out["forms"] = list(out["forms"])
    out["forms_en"] = list(out["forms_en"])
    return out


def all_provinces() -> list[dict[str, Any]]:
    """The 77 provinces: name, name_en, slug, nhso_region, abbr, forms, forms_en."""
    return [_public(p) for p in _provinces()]


def resolve_province(value: str | None) -> dict[str, Any] | None:
    """Province record for a Thai/English name, slug, จ.X/จังหวัดX, code or colloquial form."""
    if not value or not value.strip():
        return None
    name = _province_lookup().get(_norm_key(value))
    return _public(_province_by_name()[name]) if name else None


def province_region(name: str) -> int | None:
    """NHSO region number (1-13) of a province given in any form ``resolve_province`` takes."""
    p = resolve_province(name)
    return p["nhso_region"] if p else None


def province_slug(name: str) -> str | None:
    """Slug used in agency ids (pao:<slug>): English name lower-cased, spaces -> hyphens."""
    p = resolve_province(name)
    return p["slug"] if p else None


# --------------------------------------------------------------------------------------
# Province matcher
# --------------------------------------------------------------------------------------

# (province name or None for an exclusion, kind) where kind is "th", "en" or "null".
_KeyInfo = tuple[str | None, str]


@functools.cache
def _province_matcher() -> tuple[re.Pattern[str], dict[str, _KeyInfo]]:
    """Trie regex over every Thai form, English name and exclusion phrase."""
    data = load_data("provinces.json")
    keys: dict[str, _KeyInfo] = {}
    for ex in data.get("exclusions", []):
        keys[ascii_lower(ex)] = (None, "null")
    for p in data["provinces"]:
        for form in [p["name"], *p["forms"]]:
            keys.setdefault(form, (p["name"], "th"))
        for form in [p["name_en"], *p["forms_en"]]:
            if p["en_needs_context"]:
                form = form + " Province"
            keys.setdefault(ascii_lower(form), (p["name"], "en"))
    pattern = re.compile(trie_regex(keys))
    lookup = {re.sub(r"\s+", "", k): v for k, v in keys.items()}
    return pattern, lookup


def province_form_regex() -> str:
    """Alternation of Thai province names and forms (longest first), for other modules."""
    forms: set[str] = set()
    for p in _provinces():
        forms.add(p["name"])
        forms.update(p["forms"])
    return trie_regex(sorted(forms))


def match_province_at(text: str, pos: int) -> tuple[str, int] | None:
    """Province written exactly at ``text[pos:]`` -> (canonical name, end offset).

    Used by the agency patterns (อบจ.X, สสจ.X); checks that the name is not the start of
    a longer word.
    """
    pattern, lookup = _province_matcher()
    low = ascii_lower(text)
    endpos = len(text)
    while True:
        m = pattern.match(low, pos, endpos)
        if not m or m.end() == pos:
            return None
        info = lookup.get(re.sub(r"\s+", "", m.group()))
        if info and info[1] == "th" and is_word_boundary(text, m.end()):
            return info[0] or "", m.end()
        endpos = m.end() - 1
        if endpos <= pos:
            return None


_CUE_LEFT = re.compile(
    r"(?:จังหวัด|จ\.|อบจ\.|สสจ\.|สถจ\.|ผวจ\.|พมจ\.|อำเภอเมือง|อ\.เมือง|เทศบาลนคร|เทศบาลเมือง"
    r"|ทน\.|ทม\.|เมือง|เขต(?:ที่)?\s*\d{1,2}|ชาว)\s?$"
)
_TITLE_LEFT = re.compile(
    r"(?:นาย|นาง|นางสาว|น\.ส\.|ด\.ช\.|ด\.ญ\.|นพ\.|พญ\.|ทพ\.|ทพญ\.|ภก\.|ภญ\.|ดร\.|คุณ|ศ\.|รศ\.|ผศ\."
    r"|นายแพทย์|แพทย์หญิง|ทันตแพทย์|เภสัชกร|ศาสตราจารย์|พล\.[อตทร]\.|พ\.[อตท]\.|ร\.[อตท]\."
    r"|จ\.ส\.[อตท]\.|ว่าที่\s?ร\.ต\.)\s?$"
)
_SURNAME_LEFT = re.compile(
    r"(?:นาย|นาง|นางสาว|น\.ส\.|ดร\.|นพ\.|พญ\.|คุณ|ศาสตราจารย์|รองศาสตราจารย์|ผศ\.|รศ\.|ศ\.|พล\.[อตทร]\."
    r"|พ\.[อตท]\.|ม\.ร\.ว\.|ม\.ล\.|หม่อม)\S*(?:\s+\S+)?\s+ณ\s?$"
)
_JOINED = re.compile(r"[,/\-–—]|และ|หรือ|กับ|ถึง")
_LIST_GAP = re.compile(r"[\s,/()\-–—]*(?:(?:และ|หรือ|กับ|ถึง)[\s,]*)?(?:จังหวัด|จ\.)?\s*")
_SEAT_CODE = re.compile(r"เขต\s*(?:ที่\s*)?(1[0-3]|[1-9])(?!\d)\s*([ก-ฮ]{2})\.?(?![ก-๙])")


def _classify_province(text: str, start: int, end: int, name: str) -> str:
    """'ok', 'pending' (needs a cue) or 'no' for a Thai-form candidate."""
    left = text[max(0, start - 48):start]
    if _TITLE_LEFT.search(left) or _SURNAME_LEFT.search(left):
        return "no"
    if left.endswith(("ณ ", "ณ")) and text[start:end] == "อยุธยา":
        return "no"  # ณ อยุธยา is a royal surname; the place is written พระนครศรีอยุธยา
    cue = _CUE_LEFT.search(left) is not None
    if not cue and not is_word_boundary(text, start):
        return "no"
    if not is_word_boundary(text, end):
        return "no"
    if cue:
        return "ok"
    return "pending" if _province_by_name()[name]["needs_context"] else "ok"


def _english_ok(text: str, start: int, end: int) -> bool:
    if start > 0 and text[start - 1].isascii() and text[start - 1].isalnum():
        return False
    if end < len(text) and text[end].isascii() and text[end].isalnum():
        return False
    return text[start].isupper()


def _scan_provinces(text: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """Accepted and pending (needs-context) province candidates, left to right."""
    pattern, lookup = _province_matcher()
    low = ascii_lower(text)
    accepted: list[tuple[int, int, str]] = []
    pending: list[tuple[int, int, str]] = []
    pos = 0
    while True:
        m = pattern.search(low, pos)
        if not m:
            break
        start, end = m.span()
        consumed = start + 1
        while end > start:
            name, kind = lookup.get(squeeze(low[start:end]), (None, "none"))
            if kind == "null":
                consumed = end
                break
            verdict = "no"
            if kind == "th" and name:
                verdict = _classify_province(text, start, end, name)
            elif kind == "en" and name:
                verdict = "ok" if _english_ok(text, start, end) else "no"
            if verdict != "no":
                (accepted if verdict == "ok" else pending).append((start, end, name or ""))
                consumed = end
                break
            shorter = pattern.match(low, start, end - 1)
            end = shorter.end() if shorter else start
        pos = max(consumed, start + 1)
    return accepted, pending


def _seat_codes(text: str) -> list[tuple[int, int, str]]:
    """Province codes written as a regional-office seat: "เขต 11 สฎ." -> สุราษฎร์ธานี."""
    by_code = {p["abbr"]: p for p in _provinces()}
    found = []
    for m in _SEAT_CODE.finditer(text):
        p = by_code.get(m.group(2))
        if p and p["nhso_region"] == int(m.group(1)):
            found.append((m.start(2), m.end(2), p["name"]))
    return found


def _adjacent(text: str, a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    """Whether two mentions are neighbours in a list (only separators between them)."""
    first, second = (a, b) if a[0] < b[0] else (b, a)
    gap = text[first[1]:second[0]]
    return len(gap) <= 24 and _LIST_GAP.fullmatch(gap) is not None


def _resolve_pending(text: str, accepted: list[tuple[int, int, str]],
                     pending: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Accept needs-context candidates that stand in a list of provinces.

    Candidates separated only by list punctuation form a chain.  A chain of three or more
    with at least one certain province is a list ("ได้แก่ จังหวัดพิษณุโลก ตาก สุโขทัย"); a pair
    counts only when joined by a comma or conjunction ("เชียงใหม่ และตาก"), because
    "ภูเก็ต เลย" may well be "Phuket, then".  Linear in the number of candidates.
    """
    if not pending:
        return list(accepted)
    items = sorted([(span, True) for span in accepted] + [(span, False) for span in pending])
    result = [span for span, certain in items if certain]
    chain: list[tuple[tuple[int, int, str], bool]] = []
    joined = False  # the last gap of a two-item chain had a comma or conjunction

    def flush() -> None:
        if any(certain for _s, certain in chain) and (len(chain) >= 3 or (len(chain) == 2 and joined)):
            result.extend(span for span, certain in chain if not certain)

    for item in items:
        if chain and _adjacent(text, chain[-1][0], item[0]):
            gap = text[chain[-1][0][1]:item[0][0]]
            joined = _JOINED.search(gap) is not None
            chain.append(item)
            continue
        flush()
        chain, joined = [item], False
    flush()
    return result


def _group(text: str, spans: list[tuple[int, int, str]],
           make: Callable[[str], dict[str, Any]]) -> list[dict[str, Any]]:
    """Merge mentions per entity, entities in order of first mention."""
    out: dict[str, dict[str, Any]] = {}
    for start, end, key in sorted(set(spans)):
        entry = out.get(key)
        if entry is None:
            entry = out[key] = make(key)
        entry["mentions"].append({"text": text[start:end], "start": start, "end": end})
    return list(out.values())


def find_province_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of every province mention, sorted."""
    if not text:
        return []
    accepted, pending = _scan_provinces(text)
    accepted.extend(_seat_codes(text))
    accepted = _resolve_pending(text, accepted, pending)
    # drop candidates overlapping an earlier, longer one (e.g. seat code inside a name)
    result: list[tuple[int, int, str]] = []
    for span in sorted(set(accepted), key=lambda s: (s[0], -(s[1] - s[0]))):
        if result and span[0] < result[-1][1]:
            continue
        result.append(span)
    return result


def find_provinces(text: str) -> list[dict[str, Any]]:
    """Provinces mentioned in ``text``: [{"name", "name_en", "mentions": [...]}]."""
    by_name = _province_by_name()
    return _group(text, find_province_spans(text),
                  lambda n: {"name": n, "name_en": by_name[n]["name_en"], "mentions": []})


# --------------------------------------------------------------------------------------
# NHSO regions
# --------------------------------------------------------------------------------------

# region number 1-13, not part of a longer number, a decimal or a range ("เขต 1-13")
_NUM = r"(?:ที่\s*)?(?P<num>1[0-3]|[1-9])(?!\d)(?![.,]\d)(?!\s*[-–]\s*\d)"


@functools.cache
def _regions() -> dict[int, dict[str, Any]]:
    return {r["number"]: r for r in load_data("nhso_regions.json")["regions"]}


@functools.cache
def _region_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(office-prefixed, health-region, seat-only) patterns.

    Group 'num' is the number, 'seat' an optional seat province, 'more' a list tail
    ("เขต 7 และเขต 8", "เขตสุขภาพที่ 1, 4, 9 และ 13": bare numbers only after a comma).
    """
    forms = province_form_regex()
    codes = "|".join(sorted({p["abbr"] for p in _provinces()}))
    seat = rf"(?:\s*(?P<seat>{forms}|(?:{codes})\.?(?![ก-๙])))?"
    num = r"(?:1[0-3]|[1-9])(?!\d)(?![.,]\d)"
    more = (rf"(?P<more>(?:\s*(?:,|และ|หรือ)\s*เขต(?:สุขภาพ)?(?:ที่)?\s*{num})+"
            rf"|(?:\s*,\s*{num})+(?:\s*(?:,|และ|หรือ)\s*{num})?)?")
    office = (r"(?:สปสช\.?|สำนักงานหลักประกันสุขภาพแห่งชาติ|NHSO|อปสข\.?|กขป\.?)"
              r"\s*(?:\(\s*สปสช\.?\s*\)\s*)?(?:สาขา)?\s*")
    with_office = re.compile(office + rf"(?P<head>(?:เขต(?:พื้นที่)?|[Rr]egion)\s*{_NUM})" + seat + more)
    # "เขตสุขภาพ 12 เขต" counts regions: without ที่ the number needs its seat after it
    health = re.compile(rf"(?P<head>เขต(?:บริการ)?สุขภาพ(?:ที่\s*(?P<num>{num})|\s*(?P<num2>{num})(?=\s*(?:{forms}))))"
                        + seat + more)
    seat_only = re.compile(
        rf"(?P<head>เขต\s*{_NUM})\s*(?P<seat>{forms}|(?:{codes})\.?(?![ก-๙]))")
    return with_office, health, seat_only


def _seat_matches(seat_text: str | None, number: int) -> bool:
    if not seat_text:
        return False
    p = resolve_province(seat_text)
    return bool(p) and p["name"] == _regions()[number]["seat"]


def find_region_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, region number) of explicit region mentions, sorted."""
    spans: dict[tuple[int, int], int] = {}
    with_office, health, seat_only = _region_patterns()
    for rx, needs_seat in ((with_office, False), (health, False), (seat_only, True)):
        for m in rx.finditer(text):
            number = int(m.group("num") or m.groupdict().get("num2") or 0)
            seat = m.groupdict().get("seat")
            seat_ok = _seat_matches(seat, number)
            if needs_seat and not seat_ok:
                continue
            end = m.end("seat") if seat_ok else m.end("head")
            spans[(m.start("head"), end)] = number
            more = m.groupdict().get("more")
            if more:
                for extra in re.finditer(r"(?:เขต(?:สุขภาพ)?(?:ที่)?\s*)?(1[0-3]|[1-9])", more):
                    spans[(m.start("more") + extra.start(), m.start("more") + extra.end())] = int(extra.group(1))
    result: list[tuple[int, int, int]] = []
    for (start, end), number in sorted(spans.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        if result and start < result[-1][1]:
            continue
        result.append((start, end, number))
    return result


def find_nhso_regions(text: str, provinces: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Explicit NHSO/health-region mentions: [{"number", "seat", "mentions": [...]}].

    ``provinces`` (the output of :func:`find_provinces`) is accepted for callers that have
    it but deliberately not used: a region is only reported when the text names it, never
    inferred from a province.
    """
    del provinces  # explicit mentions only, see docstring
    regions = _regions()
    spans = [(s, e, str(n)) for s, e, n in find_region_spans(text)] if text else []
    grouped = _group(text, spans, lambda n: {"number": int(n), "seat": regions[int(n)]["seat"],
                                             "mentions": []})
    return grouped


def all_nhso_regions() -> list[dict[str, Any]]:
    """Regions 1-13: number, seat, seat_en, name, name_en and member provinces."""
    return [dict(r, provinces=list(r["provinces"])) for r in _regions().values()]
