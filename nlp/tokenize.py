"""Thai word segmentation with Khao's domain dictionary, identical at index and query time.

``engine="nlpo3"`` (default) is PyThaiNLP's dictionary segmenter in Rust, ~5x faster than
``newmm`` here (bench/segmentation.py) with the same dictionary approach. Both engines get the
same dictionary: PyThaiNLP's word list plus ``data/domain_words.txt``. Note that
``word_tokenize(engine="nlpo3", custom_dict=...)`` silently ignores a custom dictionary, so
nlpo3 is called directly with a dictionary file loaded once.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from config.errors import ConfigError

ENGINES = ("nlpo3", "newmm")
# Bumped whenever the words this module produces change (dictionary, segmentation rules): an
# index built with other words no longer agrees with the queries, and must be rebuilt.
# 2: body-name compounds split, long non-Thai stretches segmented apart.
TEXT_PATH_VERSION = 2
DOMAIN_WORDS = Path(__file__).with_name("data") / "domain_words.txt"
# U+200B joins segmented words in stored index text: invisible to readers, a separator to
# FTS5's unicode61 tokenizer and to Elasticsearch's char_group tokenizer.
WORD_JOINER = "\u200b"
_SPACE = re.compile(r"\s+")
# A token that is only spaces or punctuation carries no search meaning.
_WORDLIKE = re.compile(r"[^\W_]", re.UNICODE)


@cache
def domain_words() -> frozenset[str]:
    lines = DOMAIN_WORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


# Heads of a body's name. PyThaiNLP's word list holds some bodies as one word (กระทรวงสาธารณสุข,
# สำนักงานประกันสังคม, กรมสุขภาพจิต): a whole-word token hides สาธารณสุข, ประกันสังคม, สุขภาพจิต from
# anyone searching for them, so such entries are left out and the name is segmented as head + word.
BODY_HEADS = ("สำนักงาน", "กระทรวง", "กรม", "กองทุน", "องค์การ", "สถาบัน", "คณะกรรมการ")


def _is_body_compound(word: str, vocabulary: frozenset[str]) -> bool:
    return any(word.startswith(head) and word[len(head):] in vocabulary for head in BODY_HEADS)


@cache
def dictionary_words() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    vocabulary = frozenset(thai_words()) | domain_words()
    return frozenset(w for w in vocabulary if not _is_body_compound(w, vocabulary))


@cache
def segmenter(vocabulary: frozenset[str], engine: str = "nlpo3") -> Callable[[str], list[str]]:
    """A segmenter over a given dictionary, built once per (dictionary, engine).

    nlpo3 reads its dictionary from a file: written once, content-addressed, to the temp directory.
    """
    if engine == "nlpo3":
        import nlpo3

        blob = "\n".join(sorted(vocabulary))
        digest = hashlib.sha1(blob.encode("utf-8")).hexdigest()[:12]
        path = Path(tempfile.gettempdir()) / f"khao-words-{digest}.txt"
        if not path.exists():
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(blob, encoding="utf-8")
            tmp.replace(path)
        name = f"khao-{digest}"
        nlpo3.load_dict(str(path), name)
        return lambda text: nlpo3.segment(text, name)
    if engine == "newmm":
        from pythainlp.tokenize import word_tokenize
        from pythainlp.util import dict_trie

        trie = dict_trie(vocabulary)
        return lambda text: word_tokenize(text, engine="newmm", custom_dict=trie, keep_whitespace=True)
    raise ConfigError(f"unknown tokenizer engine {engine!r}; choose one of {', '.join(ENGINES)}")


# nlpo3 loses its dictionary after about 50 non-Thai tokens in a row (spaces count): in
# "... Thailand's gold card scheme (บัตรทอง)" it returns บัตร + ทอง, and cabinet digests full of
# English and numbered lists came out as ร่า + ง, กา + ร + ประชุม (14 of 1,000 thaigov-health
# articles). Long non-Thai stretches -- here 6 or more space-separated pieces without a Thai
# letter -- are therefore segmented apart from the Thai around them. Elsewhere nothing changes,
# so words the dictionary writes with a space (จริง ๆ) still match, and the cost is a regex scan.
_NON_THAI_STRETCH = re.compile(r"(?<!\S)(?:[^\s\u0e00-\u0e7f]+\s+){6,}")


def segment(text: str, engine: str = "nlpo3") -> list[str]:
    """Split text into words (spaces kept as tokens, as PyThaiNLP does)."""
    if not text:
        return []
    split = segmenter(dictionary_words(), engine)
    out: list[str] = []
    at = 0
    for match in _NON_THAI_STRETCH.finditer(text):
        start, end = match.span()
        if start > at:
            out += split(text[at:start])
        out += split(text[start:end])
        at = end
    if at < len(text):
        out += split(text[at:])
    return out


def words(text: str, engine: str = "nlpo3") -> list[str]:
    """The meaningful words of a text (no spaces, no punctuation-only tokens)."""
    return [t for t in segment(text, engine) if _WORDLIKE.search(t)]


def join_words(text: str, engine: str = "nlpo3") -> str:
    """The text with U+200B between adjacent words, so any word-splitting index sees Khao's words.

    Spaces and newlines stay as they are; removing U+200B gives back the original text.
    """
    out: list[str] = []
    previous_is_space = True
    for token in segment(text, engine):
        is_space = token.isspace()
        if out and not is_space and not previous_is_space:
            out.append(WORD_JOINER)
        out.append(token)
        previous_is_space = is_space
    return "".join(out)
