"""The snippet a hit shows: the window of its text holding the most of what the query asked for.

tantivy's SnippetGenerator re-tokenises the whole stored document for every hit (1-8 ms for a long
article here). Finding the query's few units with one regular expression, and keeping the
occurrences that are whole tokens (no word character on either side), takes microseconds and
marks the same words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from indexer.base import SNIPPET_CLOSE, SNIPPET_OPEN, merge_adjacent_marks

SNIPPET_CHARS = 200  # of joined text: ~160 visible characters, about the 28 words of FTS5's snippets
SNIPPET_CONTEXT = 40  # characters shown before the first highlighted word
SNIPPET_MAX_MATCHES = 100  # enough to find a good window; bounds the work on long documents
EMPTY_QUERY_SNIPPET_CHARS = 220
ELLIPSIS = "…"

# What a token is made of: FTS5's unicode61 with categories 'L* N* Co Mn Mc'.
WORD_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "Nl", "No", "Co", "Mn", "Mc"})


def _is_word(char: str) -> bool:
    return unicodedata.category(char) in WORD_CATEGORIES


def _whole_token(text: str, start: int, end: int) -> bool:
    """No word character touches ``text[start:end]``: it is a token, not part of a longer one."""
    return not (start and _is_word(text[start - 1])) and not (end < len(text) and _is_word(text[end]))


# Between the tokens of a phrase in stored text: anything index_text turns into a separator.
_PHRASE_GAP = "(?:[^\\w\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]|_)+"


@lru_cache(maxsize=256)
def _unit_pattern(wanted: frozenset[tuple[str, ...]], case_blind: bool = False) -> re.Pattern[str]:
    """One named group per highlight unit (a word, or a phrase's tokens with any separators
    between them), longest first. Searching the lowercased text with a case-sensitive pattern is
    ~3x faster than a case-blind pattern, which is kept for the rare text whose lowercase form
    has another length (so positions would not map back)."""
    units = sorted(wanted, key=lambda unit: sum(map(len, unit)), reverse=True)
    body = "|".join(f"(?P<u{i}>{_PHRASE_GAP.join(map(re.escape, unit))})" for i, unit in enumerate(units))
    if len(units) == 1:  # a literal start: the engine's own fast search for it applies
        return re.compile(body, re.IGNORECASE if case_blind else 0)
    # Several units: a look-ahead on their first characters lets the engine pass most positions
    # with one set test instead of trying every unit there (~3.5x faster on real articles).
    first = "".join(sorted({re.escape(unit[0][0]) for unit in units}))
    return re.compile(f"(?=[{first}])(?:{body})", re.IGNORECASE if case_blind else 0)


def best_fragment(text: str, wanted: frozenset[tuple[str, ...]]) -> str:
    """The window of ``text`` holding the most distinct wanted units, with the snippet markers.

    A unit is a word, or the tokens of a phrase the query asked for (``30 บาทรักษาทุกที่`` is
    marked where the phrase occurs, not at every ``ทุก``). tantivy's SnippetGenerator
    re-tokenises the whole stored document for every hit (1-8 ms for a long article here).
    Finding the units with one regular expression, and keeping the occurrences that are whole
    tokens (no word character on either side), takes microseconds and marks the same words.
    One pass with a sliding window, stopping as soon as a window holds every wanted unit (at
    the first occurrence, for a one-word query). Returns "" when no unit occurs in ``text``
    (the words were in the title only).
    """
    if not wanted or not text:
        return ""
    haystack, case_blind = text, False
    if any(word.upper() != word for unit in wanted for word in unit):  # Latin words: search the lowercased text
        haystack = text.lower()
        case_blind = len(haystack) != len(text)
        if case_blind:
            haystack = text
    pattern = _unit_pattern(wanted, case_blind)
    reach = SNIPPET_CHARS - SNIPPET_CONTEXT
    spans: list[tuple[int, int, str]] = []
    in_window: dict[str, int] = {}  # unit -> occurrences in the window spans[left:]
    best, best_distinct, left = 0, 0, 0
    for match in pattern.finditer(haystack):
        start, end = match.span()
        if not _whole_token(text, start, end):
            continue
        unit = match.lastgroup or ""
        spans.append((start, end, unit))
        in_window[unit] = in_window.get(unit, 0) + 1
        while end - spans[left][0] > reach:
            gone = spans[left][2]
            in_window[gone] -= 1
            if not in_window[gone]:
                del in_window[gone]
            left += 1
        if len(in_window) > best_distinct:
            best, best_distinct = left, len(in_window)
            if best_distinct == len(wanted):
                break
        if len(spans) >= SNIPPET_MAX_MATCHES:
            break
    if not spans:
        return ""
    start = max(0, spans[best][0] - SNIPPET_CONTEXT)
    while 0 < start < spans[best][0] and _is_word(text[start - 1]):  # do not cut a word in two
        start += 1
    end = min(len(text), start + SNIPPET_CHARS)
    while start < end < len(text) and end > spans[best][1] and _is_word(text[end]):
        end -= 1
    out = [ELLIPSIS] if start > 0 else []
    at = start
    for match in pattern.finditer(haystack, spans[best][0], end):  # every whole token in the window
        span_start, span_end = match.span()
        if not _whole_token(text, span_start, span_end):
            continue
        out += [text[at:span_start], SNIPPET_OPEN, text[span_start:span_end], SNIPPET_CLOSE]
        at = span_end
    out.append(text[at:end])
    if end < len(text):
        out.append(ELLIPSIS)
    return merge_adjacent_marks("".join(out))
