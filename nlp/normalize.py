"""Thai text normalisation: the first step of the one text path (index time and query time).

Everything Khao stores, indexes and searches passes through :func:`normalize_text`, so that
``ดําเนินงาน`` (nikhahit + sara aa, as many Thai pages type it) and ``ดำเนินงาน`` (sara am) are
the same word, Thai digits ``๒๕๖๗`` are ``2567``, and invisible characters cannot split a word.
Offsets of extracted entities point into the normalised text.
"""

from __future__ import annotations

import re
import unicodedata

from pythainlp import thai_above_vowels, thai_below_vowels, thai_follow_vowels, thai_tonemarks

# Zero-width and format characters that split words invisibly; soft hyphen too.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# str.translate walks every character in Python for non-ASCII text (~0.3 ms per article);
# regular expressions scan in C and change only what they find.
_HAS_THAI_DIGIT = re.compile("[๐-๙]")
_HAS_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Control characters except tab and newline (seen in PDFs and broken CMS exports).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_LINE_EDGES = re.compile(r" *\n *")
_BLANK_LINES = re.compile(r"\n\s*\n(\s*\n)+")

# The cases PyThaiNLP's normalize() repairs: nikhahit (ํ + า), doubled sara e, tone mark before
# an above/below vowel, follow vowel before a tone mark, lakkhangyao, repeated marks, a space
# before a combining mark. Its ~30 regular expressions cost ~1.5 ms per article, so they run
# only on the lines that contain one of these cases (rare in practice).
_NON_BASE = f"{thai_above_vowels}{thai_below_vowels}{thai_tonemarks}\u0e3a\u0e4c\u0e4d\u0e4e"
_NEEDS_THAI_NORMALIZE = re.compile(
    "\u0e4d|\u0e40\u0e40|\u0e45"
    f"|[{thai_tonemarks}\u0e4c][{thai_above_vowels}{thai_below_vowels}]"
    f"|[{thai_follow_vowels}][{thai_tonemarks}]"
    f"|([{_NON_BASE}])[ ]*\\1"
    f"| [{_NON_BASE}]"
)


def _thai_normalize(line: str) -> str:
    from pythainlp.util import normalize  # imported on first need: it pulls in the tokenizer

    return normalize(line)


def normalize_text(text: str) -> str:
    """Normalise Thai (and any) text for storage, indexing and querying.

    NFC; Thai digits to ASCII; invisible and control characters removed; PyThaiNLP's vowel and
    tone-mark repairs where needed; runs of spaces collapsed; at most one blank line between
    paragraphs; lines stripped.
    """
    text = unicodedata.normalize("NFC", text)
    text = _HAS_THAI_DIGIT.sub(lambda m: chr(ord(m.group()) - 0x0E50 + 0x30), text)
    if _HAS_INVISIBLE.search(text):
        text = text.translate(_INVISIBLE)
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _LINE_EDGES.sub("\n", _SPACES.sub(" ", text)).strip()
    if _NEEDS_THAI_NORMALIZE.search(text):
        text = "\n".join(_thai_normalize(line) if _NEEDS_THAI_NORMALIZE.search(line) else line
                         for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text)


def normalize_query(text: str) -> str:
    """Queries are normalised exactly like documents, and on one line."""
    return normalize_text(text).replace("\n", " ")
