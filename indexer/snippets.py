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
# Stored text read before the rest: decoding a 340 kB cabinet digest took ~0.7 ms, and the
# words of a query nearly always show up in its first 20,000 characters.
SNIPPET_HEAD_BYTES = 60_000
ELLIPSIS = "…"

# What a token is made of: FTS5's unicode61 with categories 'L* N* Co Mn Mc'.
WORD_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "Nl", "No", "Co", "Mn", "Mc"})


def _is_word(char: str) -> bool:
    return unicodedata.category(char) in WORD_CATEGORIES


def _whole_token(text: str, start: int, end: int) -> bool:
    """No word character touches ``text[start:end]``: it is a token, not part of a longer one."""
    return not (start and _is_word(text[start - 1])) and not (end < len(text) and _is_word(text[end]))


Unit = tuple[str, ...]  # tokens marked as one: a word, or an exact phrase
# What a query asks a snippet to show: an AND of groups, each an OR of alternatives, each the
# units that must all be in the window for it to count (one for an exact term, one per word for
# a loose one).
Wanted = tuple[tuple[frozenset[Unit], ...], ...]


# Between the tokens of a phrase in stored text: anything index_text turns into a separator.
_PHRASE_GAP = "(?:[^\\w\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]|_)+"


@lru_cache(maxsize=256)
def _unit_pattern(wanted: frozenset[Unit], case_blind: bool = False) -> tuple[re.Pattern[str], dict[str, Unit]]:
    """One named group per highlight unit (a word, or a phrase's tokens with any separators
    between them), longest first, and which unit each group names. Searching the lowercased
    text with a case-sensitive pattern is ~3x faster than a case-blind pattern, which is kept
    for the rare text whose lowercase form has another length (so positions would not map back)."""
    units = sorted(wanted, key=lambda unit: sum(map(len, unit)), reverse=True)
    unit_of = {f"u{i}": unit for i, unit in enumerate(units)}
    body = "|".join(f"(?P<u{i}>{_PHRASE_GAP.join(map(re.escape, unit))})" for i, unit in enumerate(units))
    if len(units) == 1:  # a literal start: the engine's own fast search for it applies
        return re.compile(body, re.IGNORECASE if case_blind else 0), unit_of
    # Several units: a look-ahead on their first characters lets the engine pass most positions
    # with one set test instead of trying every unit there (~3.5x faster on real articles).
    first = "".join(sorted({re.escape(unit[0][0]) for unit in units}))
    return re.compile(f"(?=[{first}])(?:{body})", re.IGNORECASE if case_blind else 0), unit_of


def _covered(wanted: Wanted, present: dict[Unit, int]) -> int:
    """How many groups have an alternative whose every unit is in the window."""
    return sum(any(all(unit in present for unit in alternative) for alternative in group) for group in wanted)


def stored_snippet(raw: bytes, wanted: Wanted) -> str:
    """The snippet of a stored UTF-8 text (:func:`best_fragment`, or its opening when the query
    has no words or they are in the title only). A long text's head is read first; the rest is
    decoded only when the head lacks some of the query."""
    if len(raw) > SNIPPET_HEAD_BYTES:
        head = raw[:SNIPPET_HEAD_BYTES].decode("utf-8", "ignore")  # drops only a character cut in two
        fragment, complete = _best_fragment(head, wanted)
        if complete or not wanted:
            return fragment or head[:EMPTY_QUERY_SNIPPET_CHARS]
    text = raw.decode("utf-8")
    return _best_fragment(text, wanted)[0] or text[:EMPTY_QUERY_SNIPPET_CHARS]


def best_fragment(text: str, wanted: Wanted) -> str:
    """The window of ``text`` that shows the most of the query, with the snippet markers.

    A unit is a word, or the tokens of a phrase the query asked for (``30 บาทรักษาทุกที่`` is
    marked where the phrase occurs, not at every ``ทุก``); one regular expression finds them
    (see the module doc).

    One pass with a sliding window; a window is better when it covers more of the query's
    groups, then when it holds more distinct units. The pass stops at the first window that
    covers every group: a query that expands to eight ways of writing one name is shown where
    the first of them occurs, instead of reading the whole article for a window holding several
    of them. Returns "" when no unit occurs in ``text`` (the words were in the title only).
    """
    return _best_fragment(text, wanted)[0]


def _best_fragment(text: str, wanted: Wanted) -> tuple[str, bool]:
    """:func:`best_fragment`, and whether its window covers every group of the query."""
    units = frozenset(unit for group in wanted for alternative in group for unit in alternative)
    if not units or not text:
        return "", False
    haystack, case_blind = text, False
    if any(word.upper() != word for unit in units for word in unit):  # Latin words: search the lowercased text
        haystack = text.lower()
        case_blind = len(haystack) != len(text)
        if case_blind:
            haystack = text
    pattern, unit_of = _unit_pattern(units, case_blind)
    reach = SNIPPET_CHARS - SNIPPET_CONTEXT
    spans: list[tuple[int, int, Unit]] = []
    in_window: dict[Unit, int] = {}  # unit -> occurrences in the window spans[left:]
    best, best_score, left, covered = 0, (0, 0), 0, 0
    for match in pattern.finditer(haystack):
        start, end = match.span()
        if not _whole_token(text, start, end):
            continue
        unit = unit_of[match.lastgroup or ""]
        spans.append((start, end, unit))
        changed = unit not in in_window  # coverage is recounted only when the window's units change
        in_window[unit] = in_window.get(unit, 0) + 1
        while end - spans[left][0] > reach:
            gone = spans[left][2]
            in_window[gone] -= 1
            if not in_window[gone]:
                del in_window[gone]
                changed = True
            left += 1
        if changed:
            covered = _covered(wanted, in_window)
        score = (covered, len(in_window))
        if score > best_score:
            best, best_score = left, score
            if score[0] == len(wanted):
                break
        if len(spans) >= SNIPPET_MAX_MATCHES:
            break
    if not spans:
        return "", False
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
    return merge_adjacent_marks("".join(out)), best_score[0] == len(wanted)
