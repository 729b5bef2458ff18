"""English -> Thai expansion for searching Thai text with English queries.

Researchers abroad type "gold card Phuket" or "NHSO BAAC MOU"; the index holds Thai.  Three
sources answer, in this order:

1. ``data/glossary.json``: domain terms (universal coverage = หลักประกันสุขภาพถ้วนหน้า,
   local health fund = กองทุนหลักประกันสุขภาพระดับท้องถิ่น / กปท., ...);
2. the agency gazetteer: English names, English aliases and ids -> Thai name + Thai aliases;
3. the countries foreign bodies are recognised for: English names -> Thai names;
4. the provinces: English names/variants and slugs -> Thai name + Thai forms.

Matching is case-insensitive, ignores surrounding punctuation and repeated spaces, and
tries a naive singular ("hospitals" -> "hospital").
"""

from __future__ import annotations

import functools
import re
from typing import Any

from nlp import agencies, places


def _key(term: str) -> str:
    term = term.strip().strip(" \t.,;:!?\"'()[]").lower()
    return re.sub(r"\s+", " ", term)


def _has_thai(s: str) -> bool:
    return any(places.is_thai(ch) for ch in s)


@functools.cache
def _table() -> dict[str, tuple[str, ...]]:
    """English key -> Thai forms; glossary first, then agencies, countries, provinces."""
    table: dict[str, list[str]] = {}

    def add(en: str, thai: list[str]) -> None:
        slot = table.setdefault(_key(en), [])
        slot.extend(t for t in thai if t not in slot)

    for term in places.load_data("glossary.json")["terms"]:
        for en in term["en"]:
            add(en, term["th"])
    for e in agencies.all_agencies():
        thai = [e["name"], *(a for a in e["aliases"] if _has_thai(a))]
        for en in (e["name_en"], *(a for a in e["aliases"] if not _has_thai(a))):
            add(en, thai)
    for c in agencies.all_countries():  # "Japan universal coverage" over Thai text that says ญี่ปุ่น
        for en in (c["name_en"], *c["en"]):
            add(en, c["th"])
    for p in places.all_provinces():
        thai = [p["name"], *p["forms"]]
        for en in (p["name_en"], p["slug"], p["slug"].replace("-", " "), *p["forms_en"]):
            add(en, thai)
            add(en + " province", thai)
    return {k: tuple(v) for k, v in table.items() if k}


@functools.cache
def _acronyms() -> frozenset[str]:
    """Keys that only come from upper-case agency acronyms (WHO, UN, SET): in a free-text
    query they count only when written in capitals ("who funds" is not WHO)."""
    glossary = {_key(en) for t in places.load_data("glossary.json")["terms"] for en in t["en"]}
    out = set()
    for e in agencies.all_agencies():
        for a in e["aliases"]:
            if not _has_thai(a) and a.isupper() and len(a) <= 6 and _key(a) not in glossary:
                out.add(_key(a))
    return frozenset(out)


def _singular(key: str) -> list[str]:
    out = []
    if key.endswith("ies"):
        out.append(key[:-3] + "y")
    if key.endswith("es"):
        out.append(key[:-2])
    if key.endswith("s"):
        out.append(key[:-1])
    return out


def expand_english(term: str) -> list[str]:
    """Thai forms for an English term or phrase (case-insensitive); [] when unknown."""
    if not term or not term.strip():
        return []
    table = _table()
    key = _key(term)
    for candidate in (key, *_singular(key)):
        if candidate in table:
            return list(table[candidate])
    return []


def expand_query(query: str, max_words: int = 6) -> list[tuple[str, list[str]]]:
    """Known English phrases in a longer query, longest first, left to right.

    "gold card hospitals in Phuket" -> [("gold card", [...]), ("hospitals", [...]),
    ("Phuket", [...])].  Words that are not part of a known phrase are skipped.
    """
    words = re.findall(r"[A-Za-z0-9][A-Za-z0-9'&/+.-]*", query)
    found: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(words):
        for n in range(min(max_words, len(words) - i), 0, -1):
            phrase = " ".join(words[i:i + n])
            if n == 1 and _key(phrase) in _acronyms() and not phrase.isupper():
                continue
            thai = expand_english(phrase)
            if thai:
                found.append((phrase, thai))
                i += n
                break
        else:
            i += 1
    return found


def glossary_terms() -> list[dict[str, Any]]:
    """The domain glossary as stored: [{"en": [...], "th": [...]}]."""
    return [dict(t) for t in places.load_data("glossary.json")["terms"]]


@functools.cache
def _thai_groups() -> dict[str, tuple[str, ...]]:
    """Thai form (without trailing dots) -> every Thai form of the same glossary term."""
    groups: dict[str, list[str]] = {}
    for term in glossary_terms():
        for form in term.get("th", []):
            slot = groups.setdefault(form.rstrip("."), [])
            slot.extend(f for f in term["th"] if f not in slot)
    return {key: tuple(forms) for key, forms in groups.items()}


def thai_siblings(word: str) -> list[str]:
    """The other Thai forms of a glossary term (กปท. -> กองทุนหลักประกันสุขภาพระดับท้องถิ่น ...)."""
    return list(_thai_groups().get(word.strip().rstrip("."), ()))
