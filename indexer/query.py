"""The researcher's query language, parsed once for every backend.

``words`` (all must match), ``"exact phrase"``, ``a OR b``, ``-exclude`` / ``-"phrase"``. Thai
words are normalised and segmented by the same code as documents, so a Thai word typed without
spaces becomes the phrase of its segments (``ระบบหลักประกัน`` = ``ระบบ หลักประกัน``). Nothing the
user types reaches an engine's own syntax: backends receive :class:`Term` lists, never text.
Unbalanced quotes close at the end of the query; operators with nothing to apply to are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache

from config.errors import InputError
from nlp.normalize import normalize_query
from nlp.tokenize import words

MAX_QUERY_CHARS = 1000
MAX_TERMS = 32
_LEXEME = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_LATIN = re.compile(r"^[A-Za-z][A-Za-z0-9 .&'-]*$")


@dataclass(frozen=True)
class Term:
    """One searchable unit: its words must appear in this order (``exact``), or -- for Thai typed
    without spaces, where the reader did not choose the word boundaries -- all of them anywhere,
    with documents that have them in this order ranked higher (``exact=False``)."""

    words: tuple[str, ...]
    exact: bool = True

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class ParsedQuery:
    """An AND of groups; each group is an OR of terms; excluded terms must not appear."""

    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    # Gazetteer ids of the bodies the wanted words name (สปสช., NHSO -> nhso): a backend may rank
    # documents where such a body is a party to a signing higher. They never change what matches.
    agencies: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.groups


@dataclass(frozen=True)
class Filters:
    """Resolved filters: canonical agency ids, canonical province names, ISO dates."""

    agencies: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()
    regions: tuple[int, ...] = ()
    sources: tuple[str, ...] = ()
    partnership: bool | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class SearchRequest:
    text: str
    query: ParsedQuery
    filters: Filters = field(default_factory=Filters)
    sort: str = "relevance"  # or "date"
    page: int = 1
    page_size: int = 10


_THAI_RUN = re.compile("^[\u0e00-\u0e7f]+$")


def _loose(term: Term, raw: str) -> Term:
    """An unquoted Thai run of several words matches them anywhere (recall), phrase ranks first."""
    return Term(term.words, exact=False) if len(term.words) > 1 and _THAI_RUN.match(raw) else term


def _term(text: str, engine: str) -> Term | None:
    tokens = tuple(w.lower() for w in words(text, engine))
    return Term(tokens) if tokens else None


MAX_ALTERNATIVES = 10
_PLACEHOLDER = re.compile(r"^\x00(\d+)\x00$")
_OR_NEXT = re.compile(r"\s+OR(?:\s|$)")


def _other_names(word: str, *, related: bool = True) -> list[str]:
    """Other names of the same thing: an agency's name and aliases, and (``related``) the Thai
    forms of the glossary term the word belongs to.

    ``สปสช.`` also finds texts that only write สำนักงานหลักประกันสุขภาพแห่งชาติ, and ``กปท.`` those
    that write กองทุนหลักประกันสุขภาพระดับท้องถิ่น. An exclusion takes an agency's other names
    (``-สปสช.`` means the body, however written) but not the glossary's: its forms are related
    terms, not spellings, and ``-บัตรทอง`` must not also drop every text on universal coverage.
    """
    from nlp.glossary import thai_siblings

    agency = _gazetteer_body(word)
    forms = [agency["name"], *agency.get("aliases", [])] if agency else []
    return forms + (thai_siblings(word) if related else [])


def _gazetteer_body(text: str) -> dict | None:
    """The gazetteer body ``text`` names, if any. Open-class patterns (``hospital:<name>``) do not
    count: they are not bodies a reader asks for by name, and have no other names to offer."""
    from nlp.agencies import resolve_agency

    agency = resolve_agency(text) if text.strip() else None
    return agency if agency and not agency["id"].partition(":")[2] else None


def _alternatives(raw: str, engine: str, english: list[str] | None = None, *, related: bool = True) -> list[Term]:
    """The term as typed, then its other names (see :func:`_other_names`; English -> Thai forms)."""
    forms = [raw, *(english if english is not None else []), *_other_names(raw, related=related)]
    if english is None and _LATIN.match(raw):
        from nlp.glossary import expand_english

        forms += expand_english(raw)
    terms = [t for t in (_term(form, engine) for form in forms) if t]
    if terms and english is None:
        terms[0] = _loose(terms[0], raw)  # only what the reader typed; other names stay phrases
    return list(dict.fromkeys(terms))[:MAX_ALTERNATIVES]


@cache
def _named_spans(engine: str) -> frozenset[tuple[str, ...]]:
    """Word sequences (as segmented) of every Thai name that has other names: the forms of a
    glossary term with several, and the names of gazetteer bodies that have aliases."""
    from nlp.agencies import all_agencies
    from nlp.glossary import glossary_terms

    names = [form for term in glossary_terms() if len(term.get("th", [])) > 1 for form in term["th"]]
    names += [form for entry in all_agencies() if entry["aliases"] for form in (entry["name"], *entry["aliases"])]
    return frozenset(tokens for name in names if _THAI_NAME.match(name)
                     if (tokens := tuple(w.lower() for w in words(name, engine))))


_THAI_NAME = re.compile("^[\u0e00-\u0e7f .]+$")


def _split_at_names(raw: str, engine: str) -> list[str]:
    """A Thai run typed without spaces, cut around the names inside it that have other names.

    ``ถ่ายโอนโรงพยาบาลส่งเสริมสุขภาพตำบล`` is ถ่ายโอน + โรงพยาบาลส่งเสริมสุขภาพตำบล, so texts that
    write รพ.สต. are found too. Every piece is still required, as the whole run's words were; a
    run that is itself a name, or holds none, stays whole.
    """
    if not _THAI_RUN.match(raw):
        return [raw]
    tokens = [w.lower() for w in words(raw, engine)]
    spans = _named_spans(engine)
    if len(tokens) < 2 or tuple(tokens) in spans:
        return [raw]
    longest = max(map(len, spans), default=0)
    pieces: list[str] = []
    plain: list[str] = []
    i = 0
    while i < len(tokens):
        size = next((n for n in range(min(longest, len(tokens) - i), 0, -1) if tuple(tokens[i:i + n]) in spans), 0)
        if size:
            if plain:
                pieces.append("".join(plain))
                plain = []
            pieces.append("".join(tokens[i:i + size]))
            i += size
        else:
            plain.append(tokens[i])
            i += 1
    if plain:
        pieces.append("".join(plain))
    return pieces


def _mark_english_phrases(text: str) -> tuple[str, list[tuple[str, list[str]]]]:
    """Replace known multi-word English phrases outside quotes by placeholders, so that
    "gold card" is one concept (บัตรทอง) rather than the words "gold" and "card"."""
    from nlp.glossary import expand_query

    phrases: list[tuple[str, list[str]]] = []
    parts = re.split(r'("[^"]*"?)', text)
    for i, part in enumerate(parts):
        if part.startswith('"'):
            continue
        for phrase, thai in expand_query(part):
            if " " not in phrase:
                continue
            pattern = re.compile(r"(?<![\w-])" + re.escape(phrase) + r"(?!\w)", re.I)
            if pattern.search(parts[i]):
                parts[i] = pattern.sub(f" \x00{len(phrases)}\x00 ", parts[i], count=1)
                phrases.append((phrase, thai))
    return "".join(parts), phrases


@lru_cache(maxsize=1024)  # pure, and its result immutable: paging or refining repeats a query
def parse_query(text: str, engine: str = "nlpo3") -> ParsedQuery:
    """Parse a query string. Never raises for odd syntax; too long a query is a clear error."""
    if len(text) > MAX_QUERY_CHARS:
        raise InputError(f"query is too long ({len(text)} characters; at most {MAX_QUERY_CHARS})")
    text, phrases = _mark_english_phrases(normalize_query(text).replace("\x00", " "))
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    agencies: list[str] = []
    pending_or = False
    for match in _LEXEME.finditer(text):
        negated, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare == "OR":
            pending_or = bool(groups)
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negated, bare = "-", bare[1:]
        placeholder = _PLACEHOLDER.match(bare or "")
        if placeholder:
            phrase, thai = phrases[int(placeholder.group(1))]
            alternatives = _alternatives(phrase, engine, english=thai)
        elif quoted is not None:
            alternatives = [t for t in [_term(quoted, engine)] if t]
        else:
            pieces = [] if negated or pending_or or _OR_NEXT.match(text, match.end()) else _split_at_names(bare or "", engine)
            if len(pieces) > 1:
                # Several named things typed as one run: each piece is its own required group. The
                # run as typed joins the first group, so it still ranks first; it contains every
                # piece, so it matches nothing new.
                split = [_alternatives(piece, engine) for piece in pieces]
                whole = _term(bare or "", engine)
                groups += [split[0] + ([whole] if whole else []), *split[1:]]
                continue
            alternatives = _alternatives(bare or "", engine, related=not negated) if _term(bare or "", engine) else []
        if not alternatives:
            continue
        if negated:
            excluded.extend(alternatives)
            continue
        agency = _named_agency(phrases[int(placeholder.group(1))][0] if placeholder else quoted if quoted is not None
                               else bare or "")
        if agency:
            agencies.append(agency)
        if pending_or:
            groups[-1].extend(alternatives)
        else:
            groups.append(alternatives)
        pending_or = False
    if len(groups) + len(excluded) > MAX_TERMS:
        raise InputError(f"query has too many terms (at most {MAX_TERMS})")
    return ParsedQuery(tuple(tuple(dict.fromkeys(g)) for g in groups), tuple(dict.fromkeys(excluded)),
                       tuple(dict.fromkeys(agencies)))


def _named_agency(text: str) -> str | None:
    agency = _gazetteer_body(text)
    return agency["id"] if agency else None


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def _covers(other: Term, term: Term) -> bool:
    """Every document ``term`` matches, ``other`` matches too."""
    if other == term:
        return False
    if other.exact:
        return (len(other.words) == 1 and other.words[0] in term.words) or (term.exact and _contains(term.words, other.words))
    return term.exact and other.words == term.words


def essential(terms: tuple[Term, ...]) -> tuple[Term, ...]:
    """The alternatives no other alternative covers: the same documents match. ``สิทธิบัตรทอง``
    beside ``บัตรทอง`` finds nothing more; it only adds score. An engine that counts matches
    without ranking them (facets) can skip the rest, each phrase costing a pass over its words'
    positions."""
    return tuple(t for t in terms if not any(_covers(other, t) for other in terms))


def _resolve_agency(value: str) -> str:
    from nlp.agencies import resolve_agency

    found = resolve_agency(value)
    if not found:
        raise InputError(f"unknown agency {value!r}: give an id (nhso), an abbreviation (สปสช.) or a full name")
    return found["id"]


def _resolve_province(value: str) -> str:
    from nlp.places import resolve_province

    found = resolve_province(value)
    if not found:
        raise InputError(f"unknown province {value!r}: give its Thai or English name (ภูเก็ต, Phuket)")
    return found["name"]


def _resolve_region(value: str | int) -> int:
    try:
        number = int(str(value).strip().removeprefix("เขต").strip())
    except ValueError:
        raise InputError(f"region must be a number from 1 to 13, got {value!r}") from None
    if not 1 <= number <= 13:
        raise InputError(f"region must be a number from 1 to 13, got {value!r}")
    return number


def _resolve_date(value: str, *, end: bool) -> date:
    from nlp.thai_dates import parse_date_bound

    try:
        return parse_date_bound(value, end=end)
    except ValueError as exc:
        raise InputError(str(exc)) from None


Values = str | list[str] | tuple[str, ...] | None  # a filter given once, or several times


def _each(values: Values) -> list[str]:
    """A filter's values: one typed value (``province="Phuket"``) is a list of one, never its letters."""
    if values is None:
        return []
    return [values] if isinstance(values, str) else list(values)


def resolve_filters(*, agency: Values = None, province: Values = None, region: Values = None, source: Values = None,
                    partnership: bool | None = None, date_from: str | None = None,
                    date_to: str | None = None) -> Filters:
    """Turn what a user typed (aliases, English names, Buddhist-era years) into canonical filters."""
    start = _resolve_date(date_from, end=False) if date_from else None
    stop = _resolve_date(date_to, end=True) if date_to else None
    if start and stop and start > stop:
        raise InputError(f"'from' ({start}) is after 'to' ({stop})")
    return Filters(
        agencies=tuple(dict.fromkeys(_resolve_agency(a) for a in _each(agency) if a)),
        provinces=tuple(dict.fromkeys(_resolve_province(p) for p in _each(province) if p)),
        regions=tuple(dict.fromkeys(_resolve_region(r) for r in _each(region) if str(r).strip())),
        sources=tuple(dict.fromkeys(s for s in _each(source) if s)),
        partnership=partnership,
        date_from=start,
        date_to=stop,
    )


def build_request(text: str, *, sort: str = "relevance", page: int = 1, page_size: int = 10,
                  engine: str = "nlpo3", **filters: object) -> SearchRequest:
    """Validate and parse everything a search needs; every problem is one InputError line."""
    if sort not in ("relevance", "date"):
        raise InputError(f"sort must be 'relevance' or 'date', got {sort!r}")
    if not isinstance(page, int) or page < 1 or page > 1000:
        raise InputError("page must be a whole number from 1 to 1000")
    if not isinstance(page_size, int) or not 1 <= page_size <= 100:
        raise InputError("page_size must be a whole number from 1 to 100")
    return SearchRequest(text=text, query=parse_query(text, engine), filters=resolve_filters(**filters),  # type: ignore[arg-type]
                         sort=sort, page=page, page_size=page_size)
