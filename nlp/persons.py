"""People named in Thai news: honorific + given name + surname, and the position they hold.

Thai news introduces every person the same way: an honorific (``นพ.``, ``นาย``, ``ผศ.ดร.``,
``พล.อ.``...), the given name and surname, then the position
(``นพ.จเด็จ ธรรมธัชอารี เลขาธิการ สปสช.``); later mentions drop the surname and the position
(``นพ.จเด็จ กล่าวว่า``). PyThaiNLP's statistical NER cannot run offline (its models are
downloads), and a word segmenter splits unknown names anyway, so this module reads the
introduction pattern directly with precompiled regular expressions.

Why the rules look the way they do:

* The honorific is the anchor. ``นาย`` and ``นาง`` also begin ordinary words (``นายก``,
  ``นายจ้าง``, ``นางพยาบาล``, ``มิถุนายน``), and ``ศ.`` ends ``พ.ศ.``: a candidate must start at
  a word boundary and must not be one of those words.
* Thai writes names with a space between given name and surname, and usually a space before
  the position; but text is often glued (``นางสาวตรีชฎากล่าวว่า``), so speech verbs and position
  words found inside a name token cut it.
* A position is a position word (``เลขาธิการ``, ``ผู้อำนวยการ``, ``นายก``...) and what is glued
  to it, plus following tokens only while they look like parts of a position (an agency
  abbreviation ``สปสช.``, ``เขต 11``, ``จังหวัด...``). Listing what may continue a position is
  safer than listing every verb that may end it.
* A position written before the name (``เลขาธิการ สปสช. นพ.จเด็จ ...``, ``รองนายกรัฐมนตรี
  (นายภูมิธรรม เวชยชัย)``) is used when none follows it.
* One entry per person: full-name mentions merge by name, ``นพ.จเด็จ`` (given name only)
  joins the one full name with that given name (none if two people share it), and later bare
  ``จเด็จ ธรรมธัชอารี`` is found by plain search.
* The cost is one trie-regex scan for honorifics plus a few anchored matches per candidate:
  ~85 µs per 2,000 characters on the thaigov corpus, linear in the text (no step rescans it).
"""

from __future__ import annotations

import bisect
import re
from typing import Any

__all__ = ["find_persons", "trie_pattern"]

Person = dict[str, Any]

# Thai letters that may appear in a name: consonants, vowels, tone and other marks; not the
# digits, ฯ (abbreviation) or ๆ (repetition).
_NAME_CHARS = "\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e"
# A Thai word starts with a consonant or a leading vowel (เ แ โ ใ ไ), never with ะ า ิ ...
_NAME_START = "\u0e01-\u0e2e\u0e40-\u0e44"
_THAI_LETTER = re.compile("[\u0e01-\u0e4e]")
_SP = "[ \u00a0]"


def trie_pattern(words: list[str]) -> str:
    """A regex matching any of ``words`` (longest first), factored as a trie.

    A flat alternation of a hundred literals makes ``re`` try every branch at every position
    of the text (~190 µs per 2,000 characters here); factored by common prefixes it tests one
    branch per leading character (~40 µs). Other NLP modules use it for their word lists too.
    """
    trie: dict[str, dict] = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        alts, singles = [], []
        for ch, sub in sorted(node.items()):
            if ch == "":
                continue
            if list(sub) == [""]:
                singles.append(re.escape(ch))
            else:
                alts.append(re.escape(ch) + build(sub))
        if singles:
            alts.append(singles[0] if len(singles) == 1 else "[" + "".join(singles) + "]")
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie) if words else "(?!)"


# --------------------------------------------------------------------------------------------
# Honorifics
# --------------------------------------------------------------------------------------------

_RANK_ABBR = [
    "พล.อ.", "พล.ท.", "พล.ต.", "พล.ร.อ.", "พล.ร.ท.", "พล.ร.ต.", "พล.อ.อ.", "พล.อ.ท.", "พล.อ.ต.",
    "พล.ต.อ.", "พล.ต.ท.", "พล.ต.ต.", "พ.อ.", "พ.ท.", "พ.ต.", "พ.ต.อ.", "พ.ต.ท.", "พ.ต.ต.",
    "ร.อ.", "ร.ท.", "ร.ต.", "ร.ต.อ.", "ร.ต.ท.", "ร.ต.ต.", "น.อ.", "น.ท.", "น.ต.", "จ.ส.อ.",
    "จ.ส.ท.", "จ.ส.ต.", "ส.อ.", "ส.ท.", "ส.ต.", "ส.ต.อ.", "ส.ต.ท.", "ส.ต.ต.", "ด.ต.", "จ.อ.",
    "พ.จ.อ.", "พ.อ.อ.", "ร.ต.อ.หญิง",
]
_RANK_WORDS = [
    "พลเอก", "พลโท", "พลตรี", "พลตำรวจเอก", "พลตำรวจโท", "พลตำรวจตรี", "พันตำรวจเอก", "พันตำรวจโท",
    "พันตำรวจตรี", "พันเอก", "พันโท", "พันตรี", "ร้อยตำรวจเอก", "ร้อยตำรวจโท", "ร้อยตำรวจตรี",
    "ร้อยเอก", "ร้อยโท", "ร้อยตรี", "พลเรือเอก", "พลเรือโท", "พลเรือตรี", "พลอากาศเอก",
    "พลอากาศโท", "พลอากาศตรี", "นาวาเอก", "นาวาโท", "นาวาตรี", "นาวาอากาศเอก", "นาวาอากาศโท",
    "นาวาอากาศตรี", "เรืออากาศเอก", "เรืออากาศโท", "เรืออากาศตรี", "จ่าสิบเอก", "สิบตำรวจเอก",
    "ดาบตำรวจ", "นายกองเอก", "นายกองโท", "นายกองตรี",
]
# Medical and academic titles: these may also follow another title (ผศ.ดร.นพ., ศ.คลินิก นพ.).
_PROFESSIONAL = [
    "นพ.", "น.พ.", "พญ.", "พ.ญ.", "ทพ.", "ท.พ.", "ทพญ.", "ทญ.", "ภก.", "ภ.ก.", "ภญ.", "ภ.ญ.",
    "น.สพ.", "สพ.ญ.", "ดร.", "ศ.", "รศ.", "ผศ.", "นายแพทย์", "แพทย์หญิง", "ทันตแพทย์หญิง",
    "ทันตแพทย์", "เภสัชกรหญิง", "เภสัชกร", "ศาสตราจารย์", "รองศาสตราจารย์",
    "ผู้ช่วยศาสตราจารย์", "ม.ร.ว.", "ม.ล.", "ม.จ.", "หม่อมราชวงศ์", "หม่อมหลวง", "หม่อมเจ้า",
]
_GENERIC = ["นาย", "นาง", "นางสาว", "น.ส.", "คุณหญิง", "ท่านผู้หญิง", "ด.ช.", "ด.ญ.",
            "เด็กชาย", "เด็กหญิง"]

_RANK = f"(?:{trie_pattern(_RANK_ABBR + _RANK_WORDS)})(?:หญิง)?"
_ACTING = f"ว่าที่{_SP}?{_RANK}"  # ว่าที่ร้อยตรี, ว่าที่ ร.ต.
_FIRST_PIECE = f"(?:{_ACTING}|{_RANK}|{trie_pattern(_PROFESSIONAL + _GENERIC)})"
_LATER_PIECE = f"(?:{_RANK}|{trie_pattern(_PROFESSIONAL)}|\\(?พิเศษ\\)?|คลินิก|เกียรติคุณ)"
_HONORIFIC = f"{_FIRST_PIECE}(?:{_SP}?{_LATER_PIECE}){{0,4}}"

# Cheap first pass: where an honorific may start (one trie regex over the text); the full
# candidate pattern below is then only tried, anchored, at those places.
_HONORIFIC_START = re.compile(trie_pattern(_RANK_ABBR + _RANK_WORDS + _PROFESSIONAL + _GENERIC
                                           + ["ว่าที่"]))
_WORD = f"[{_NAME_START}][{_NAME_CHARS}]{{0,39}}"
_CANDIDATE = re.compile(
    f"(?P<hon>{_HONORIFIC}){_SP}{{0,3}}(?P<given>{_WORD})(?:{_SP}{{1,3}}(?P<sur>{_WORD}))?"
)

# An honorific glued to the previous word counts only after a function word (``โดยนาย``,
# ``ที่นพ.ชลน่าน``): abbreviations such as สนพ. and กทพ. end in นพ. and ทพ.
_GLUE_OK_BEFORE = re.compile(
    "(?:โดย|และ|กับ|ให้|ที่|ว่า|จาก|ของ|แก่|แด่|ถึง|คือ|ได้แก่|มี|ต่อ|ซึ่ง|ทั้ง|นำ|ท่าน|แทน)$")
# Nouns, not titles, when used in running text: they need a full name to count.
_COMMON_NOUN_TITLE = re.compile("(?:ทันตแพทย์|เภสัชกร|ศาสตราจารย์|เด็กชาย|เด็กหญิง)(?:หญิง)?$")

# Words that begin like an honorific but are not one (checked at the candidate's start).
_NOT_A_PERSON = re.compile(
    "นายก(?:รัฐมนตรี|ฯ|เทศมนตรี|องค์การ|สมาคม|สภา|แพทยสภา|ทันตแพทยสภา|อบ[จต]|เมือง|สโมสร|ชมรม|[ .])"
    "|นาย(?:อำเภอ|จ้าง|ทะเบียน|หน้า|ช่าง|ตรวจ|ทหาร|ตำรวจ|สิบ|พล(?!ตร)|ร้อย|เรือ|ประกัน|ด่าน|งาน|ทุน"
    "|ห้าง|ท่า|อากร|เวร|ธง|ประตู|ท้าย|ภาษา|แบบ|บ้าน)"
    "|นายแพทย์(?:สาธารณสุข|เชี่ยวชาญ|ชำนาญการ|ปฏิบัติการ|ทรงคุณวุฒิ|ใหญ่|ประจำ|ทั่วไป|ผู้|และ|หรือ"
    "|ที่|[ .,])"
    "|แพทย์หญิง(?:และ|หรือ|[ .,])"
    "|นาง(?:พยาบาล|ฟ้า|งาม|แบบ|เอก|สนม|ใน|รำ|กำนัล|เจ้า|ละคร|พญา|นวล|รอง|แล|เลิ้ง|ลิ้นจี่|เงือก"
    "|สาวไทย|ร้าย|บำเรอ|แม่|กวัก|ไม้|ระเวง|ตาม)"
    "|เภสัชกร(?:ชำนาญ|ปฏิบัติ|เชี่ยวชาญ|ทรงคุณวุฒิ|ประจำ|และ|[ .,])"
    "|ทันตแพทย์(?:ชำนาญ|ปฏิบัติ|เชี่ยวชาญ|ทรงคุณวุฒิ|ประจำ|และ|[ .,])"
)
# ``นายก`` + a nickname, a name or a verb is "the Prime Minister": นายกตู่, นายกเศรษฐา, นายกนำ.
# Real given names in ก follow นาย too (นายกฤษ, นายกนก, นายกอบศักดิ์), hence the short list.
_PRIME_MINISTER_AS = re.compile(
    "[เแโใไ]|ตู่|อิ๊ง|ฯ|ประยุทธ์|อนุทิน|ชวน|ทักษิณ|ยิ่งลักษณ์|อภิสิทธิ์|นำ|ย้ำ|สั่ง|ห่วง|เผย|ชี้|มอบ|ขอ"
    "|ยัน|ลั่น|ปลื้ม|ชื่นชม|กำชับ|เร่ง|เปิด|ลง|ตรวจ|พร้อม|ประชุม|หารือ|รับ|ส่ง|ให้|ไม่|จะ|ได้|ก็")
# A given name never starts with these function words (``ทันตแพทย์อย่างน้อยปีละ``).
_NOT_GIVEN = re.compile(
    "อย่าง|ผู้|ความ|ประจำ|จำนวน|ทุก(?!ข)|หลาย|แต่ละ|เพื่อ|ที่|และ|ซึ่ง|ต้อง|ทั้ง|ใน(?!ทร)|ได้|ให้|จะ"
    "|ของ|กับ|เป็น|หรือ|ก็|ว่า|เช่น|ดังกล่าว|นั้น|นี้|ทำ|มี|ไม่|จาก|ร่วม|โดย|แห่ง|สำหรับ|ตาม")

# The surname ณ อยุธยา and its kin are two words; ``ณ`` alone otherwise means "at".
_NA_PLACES = ("(?:อยุธยา|ระนอง|นคร|เชียงใหม่|ป้อมเพชร|ถลาง|สงขลา|พัทลุง|มโนรม|บางช้าง|ลำปาง|น่าน"
              "|ตะกั่วทุ่ง|ราชสีมา|วังขนาย|พิศณุโลก|หนองคาย|ศรีธรรมราช|ลำพูน)")
_NA_SURNAME = re.compile(f"{_SP}{{1,2}}{_NA_PLACES}")  # after a given name: "นายก ณ ระนอง"
_NA_SUFFIX = re.compile(f"{_SP}{{1,2}}ณ{_SP}{{1,2}}(?P<place>{_NA_PLACES})")  # "เทพหัสดิน ณ อยุธยา"

# --------------------------------------------------------------------------------------------
# Positions
# --------------------------------------------------------------------------------------------

_ROLE_WORDS = [
    "เลขาธิการ", "รองเลขาธิการ", "ผู้ช่วยเลขาธิการ", "เลขานุการ", "ผู้ช่วยเลขานุการ",
    "ผู้อำนวยการ", "รองผู้อำนวยการ", "ผู้ช่วยผู้อำนวยการ", "ผอ.", "รอง ผอ.",
    "นายกรัฐมนตรี", "รองนายกรัฐมนตรี", "นายกฯ", "นายกองค์การ", "นายกเทศมนตรี", "นายกสมาคม",
    "นายกสภา", "นายกแพทยสภา", "นายกทันตแพทยสภา", "นายก อบจ.", "นายก อบต.", "นายกอบจ.",
    "นายกอบต.", "นายกเมืองพัทยา", "รองนายก", "ผู้ว่าราชการ", "รองผู้ว่าราชการ", "ผู้ว่าฯ",
    "ผู้ว่าการ", "รองผู้ว่าการ", "ผู้ช่วยผู้ว่าการ", "ผวจ.", "รัฐมนตรี", "รมว.", "รมช.", "รมต.",
    "ผู้ช่วยรัฐมนตรี", "ปลัด", "รองปลัด", "ผู้ช่วยปลัด", "ประธาน", "รองประธาน", "อธิบดี",
    "รองอธิบดี", "นายแพทย์สาธารณสุขจังหวัด", "รองนายแพทย์สาธารณสุขจังหวัด", "นพ.สสจ.",
    "สาธารณสุขอำเภอ", "สาธารณสุขจังหวัด", "ผู้ตรวจราชการ", "ที่ปรึกษา", "ผู้แทน", "ผู้จัดการ",
    "ผู้ช่วยผู้จัดการ", "รองผู้จัดการ", "กรรมการ", "หัวหน้า", "รองหัวหน้า", "โฆษก", "รองโฆษก",
    "ผู้ช่วยโฆษก", "อธิการบดี", "รองอธิการบดี", "ผู้ช่วยอธิการบดี", "คณบดี", "รองคณบดี",
    "ผู้บัญชาการ", "รองผู้บัญชาการ", "ผู้บังคับการ", "ผู้กำกับการ", "นายอำเภอ", "ปลัดอำเภอ",
    "กำนัน", "ผู้ใหญ่บ้าน", "สมาชิก", "ส.ส.", "ส.ว.", "สส.", "สว.", "เอกอัครราชทูต", "อุปทูต",
    "อัครราชทูต", "กงสุล", "อัยการ", "ผู้พิพากษา", "ผู้ประสานงาน", "อาจารย์", "นักวิชาการ",
    "นักวิจัย", "ผู้เชี่ยวชาญ", "ผู้ทรงคุณวุฒิ", "พยาบาลวิชาชีพ", "นายแพทย์เชี่ยวชาญ",
    "นายแพทย์ชำนาญการ", "นายแพทย์ปฏิบัติการ", "นายแพทย์ทรงคุณวุฒิ", "ผู้บริหาร", "ผู้ก่อตั้ง",
    "ผู้ช่วย", "รักษาราชการแทน", "ผู้รักษาราชการแทน", "รักษาการ", "ท้องถิ่นจังหวัด",
    "แรงงานจังหวัด", "ประกันสังคมจังหวัด", "พัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด", "ศึกษาธิการ",
    "รองศึกษาธิการ", "ผู้ตรวจการแผ่นดิน", "เสนาธิการ", "ประธานาธิบดี", "กรรมาธิการ", "ผู้แทนพิเศษ",
    "ผู้อำนวยการใหญ่", "กรรมการผู้จัดการ", "เจ้าหน้าที่", "อสม.", "ผู้นำ", "ทูต",
    "ประธานเจ้าหน้าที่บริหาร", "ผู้ว่า กทม.", "สาธารณสุขนิเทศก์", "ผู้ตรวจ", "ประธานกรรมการ",
]
_ROLE_START = re.compile(trie_pattern(_ROLE_WORDS))
# Long, unambiguous position words that may be glued to a name or a surname.
_GLUED_ROLE = re.compile(trie_pattern([w for w in _ROLE_WORDS if len(w) >= 5 and "." not in w]))

_TOKEN_END = "(?=[ \u00a0]|$|[,;:|()\\[\\]\"“”\n])"
# A space-separated token that may continue a position phrase.
_ROLE_CONT = re.compile(
    "(?:"
    f"{_ROLE_START.pattern}"
    "|[\u0e01-\u0e2e]{1,6}\\.(?:[\u0e01-\u0e2e]{1,4}\\.)*" f"[{_NAME_CHARS}]*"  # สปสช. ธ.ก.ส. อบจ.ภูเก็ต
    "|[A-Z][A-Za-z&\\-]{1,11}"  # NHSO, WHO
    "|\\d{1,3}|เขต|เขตสุขภาพ|เขตสุขภาพที่|ภาค"
    "|(?:จังหวัด|กระทรวง|สำนักงาน|สำนัก|กรม|กอง|ฝ่าย|ด้าน|สาขา|ประจำ|กลุ่ม|โรงพยาบาล|มหาวิทยาลัย"
    "|คณะ|สถาบัน|ศูนย์|องค์การ|เทศบาล|อำเภอ|ตำบล|ชมรม|สมาคม|มูลนิธิ|ธนาคาร|บริษัท|สภา|กองทุน"
    "|ปฏิบัติงานแทน|ปฏิบัติหน้าที่|ฝ่ายบริหาร|กรุงเทพมหานคร|แพทยสภา|สายงาน|ว่าการ|ช่วยว่าการ)"
    f"[{_NAME_CHARS}ฯ.]*"
    f"){_TOKEN_END}"
)
# Pieces of a position split by a stray space (``รัฐมนตรี ว่าการกระทรวง...``).
_ROLE_TAIL = re.compile("ว่าการ|ช่วยว่าการ")
# A token right after "เขต 11" names the region's seat (``เขต 11 สุราษฎร์ธานี``).
_SEAT = re.compile(f"[{_NAME_START}][{_NAME_CHARS}]{{1,20}}{_TOKEN_END}")

# Verbs and links that, glued to a token, end a name or a position (``สปสช.กล่าวว่า``).
_GLUED_STOP = re.compile(
    "กล่าว|เปิดเผย|ให้สัมภาษณ์|ระบุว่า|เผยว่า|แถลง|ชี้แจง|ได้"
    "|ยัง(?:ได้|กล่าว|คง|มี|ไม่|เป็น|ต้อง|เน้น|ระบุ)|เป็นประธาน|ลงนาม|ร่วมกับ|ร่วมลงนาม|พร้อมด้วย"
    "|พร้อมคณะ|ในฐานะ|ตรวจเยี่ยม|เดินทาง|มอบหมาย|และคณะ|ยืนยัน|ย้ำว่า|ให้การต้อนรับ|นำคณะ"
    "|เข้าร่วม|เข้าเยี่ยม|เสนอ|เป็นผู้|ที่พ้น|ที่ลาออก|ดำรงตำแหน่ง|ซึ่ง|แจ้งว่า|เยี่ยม"
)
# A second token that is not a surname: a verb, a link word, or the start of a clause. Short
# words only as a whole token or with a typical continuation: surnames such as มีสุข,
# พร้อมพัฒน์, จึงรุ่งเรืองกิจ, ยังประภากร, มาลัยทอง begin with the same syllables.
_NOT_SURNAME = re.compile(
    "(?:ได้|เป็น|และ|ที่|ซึ่ง|โดย|ให้|ยัง|จะ|ก็|จึง|ว่า|กับ|ใน|แต่|หรือ|คือ|นั้น|นี้|มี|ไม่|ต้อง|ขอ"
    "|พร้อม|ร่วม|เข้า|มา|ไป|รับ|มอบ|นำ|ทั้ง|ลง|เห็น|ชี้|แจ้ง|พบ|ต่อ|อีก|ด้วย|เอง|แล้ว|ณ|ครั้ง|จาก"
    "|ถึง|ของ|แก่|คณะ|ฝ่าย|ด้าน|ฯลฯ|อายุ|อดีต)" + _TOKEN_END
    + "|กล่าว|เปิดเผย|ระบุ|เน้น|เผย|เดินทาง|แถลง|ยืนยัน|อธิบาย|ตอบ|ถาม|เชื่อ|คาดว่า|หวังว่า|ย้ำ"
    "|ได้"
    "|เป็น(?:ประธาน|ผู้|การ|ต้น|ไป|อย่าง|ที่|พยาน|สักขีพยาน|เกียรติ)|และ(?:คณะ|ได้|มี|เป็น|ยัง|จะ)"
    "|ที่(?:ได้|มี|จะ|เป็น|ปรึกษา)"
    "|ซึ่ง|โดย|ให้(?:สัมภาษณ์|การ|ความ|เกียรติ|ข้อมูล|สัมภาษณ์|ดำรง)|ยัง(?:ได้|กล่าว|คง|มี|ไม่|เป็น|ต้อง)"
    "|จะ(?:ต้อง|มี|เป็น|ได้|ดำเนิน)|จึง(?:ได้|ขอ|มี|เป็น|ให้|ต้อง|สั่ง|กล่าว|ทำ|เห็น|ไม่)|ว่า(?:การ|ที่)"
    "|มี(?:การ|ความ|มติ|คำ|นโยบาย|ผู้)|พร้อม(?:ด้วย|กับ|ทั้ง|คณะ|กัน|เดินทาง|มอบ|ให้|เป็น|นำ|ระบุ)"
    "|ร่วม(?:กับ|กัน|ประชุม|ลงนาม|งาน|เป็น|พิธี|หารือ|แถลง|ด้วย|ต้อนรับ)|เข้า(?:ร่วม|เยี่ยม|พบ|ตรวจ"
    "|หารือ|มอบ|รับ)|มา(?:ยัง|ถึง|เป็น|ร่วม|จาก)|รับ(?:ทราบ|มอบ|ฟัง|ผิดชอบ|การ)|มอบ(?:หมาย|ให้|นโยบาย"
    "|เงิน|ถุง|รางวัล)|นำ(?:คณะ|เสนอ|ทีม|ร่อง)|ทั้ง(?:นี้|สอง|หมด)|ขอ(?:ให้|เชิญ|ความ|บคุณ)"
    "|ลง(?:พื้นที่|นาม|ตรวจ)|ตรวจ(?:เยี่ยม|ราชการ|ติดตาม)|เห็น(?:ว่า|ด้วย|ชอบ|ควร)|ชี้(?:แจง|ว่า|ให้)"
    "|แจ้ง(?:ว่า|ให้)|เปิด(?:เผย|งาน|ตัว|ประชุม)|พบ(?:ว่า|ปะ|กับ)|ต่อ(?:ไป|มา|ว่า)|แต่งตั้ง|ดำรงตำแหน่ง"
    "|ทำ(?:หน้าที่|การ)|สั่ง(?:การ)|กำชับ|แนะนำ|เตือน|ประกาศ|หารือ|ติดตาม|สรุป|ยอมรับ|สำหรับ|เพื่อ"
    "|เมื่อ|เช่น|ฯลฯ|พ้น|ลาออก|ผู้|ชาว|อายุ\\d"
)
_TRAILING_LINK = re.compile("(?:และ|หรือ|กับ|ฯลฯ)$")
_HARD_STOP = re.compile("[\n,;:|()\\[\\]\"“”]")
_MAX_ROLE_TOKENS = 6
_MAX_ROLE_CHARS = 120
_MAX_LOOKBACK = 90
# Longer "names" are running text glued to an honorific (``พล.อ.ประยุทธ์มุ่งแก้ปัญหา...``).
_MAX_GIVEN = 20
_MAX_SURNAME = 25


# --------------------------------------------------------------------------------------------
# Parsing one introduction
# --------------------------------------------------------------------------------------------

def _at_word_boundary(text: str, start: int) -> bool:
    """An honorific must not be the tail of a longer word (``มิถุนายน``, ``พ.ศ.``)."""
    if start == 0:
        return True
    prev = text[start - 1]
    if prev == "." and start >= 2 and _THAI_LETTER.match(text[start - 2]):
        return False  # พ.ศ. / ร.ต.อ. split in the middle
    if not _THAI_LETTER.match(prev):
        return True
    return bool(_GLUE_OK_BEFORE.search(text, max(0, start - 8), start))


def _cut_glued(token: str) -> tuple[str, bool]:
    """Cut a name token where a verb or a position word is glued to it; report whether cut."""
    cut = len(token)
    for pattern in (_GLUED_STOP, _GLUED_ROLE):
        m = pattern.search(token, 2)
        if m and m.start() < cut:
            cut = m.start()
    return token[:cut], cut < len(token)


def _skip_spaces(text: str, pos: int, limit: int) -> int:
    while pos < limit and text[pos] in " \u00a0":
        pos += 1
    return pos


def _role_at(text: str, pos: int, limit: int | None = None) -> tuple[str, int] | None:
    """The position phrase starting at ``pos`` (a position word must be there), and its end."""
    if not _ROLE_START.match(text, pos):
        return None
    end_limit = min(len(text), pos + _MAX_ROLE_CHARS, len(text) if limit is None else limit)
    hard = _HARD_STOP.search(text, pos, end_limit)
    if hard:
        end_limit = hard.start()
    end = _first_token_end(text, pos, end_limit)
    tokens, after_region = 1, False
    while tokens < _MAX_ROLE_TOKENS and end < end_limit:
        nxt = _skip_spaces(text, end, end_limit)
        if nxt >= end_limit or nxt == end or _is_person_start(text, nxt):
            break
        if _NOT_SURNAME.match(text, nxt) and not (
                _ROLE_START.match(text, nxt) or _ROLE_TAIL.match(text, nxt)):
            break
        m = _ROLE_CONT.match(text, nxt, end_limit) or (
            _SEAT.match(text, nxt, end_limit) if after_region and not _NOT_GIVEN.match(text, nxt)
            else None)
        if not m:
            break
        word = m.group()
        after_region = word.startswith("เขต") or (after_region and word.isdigit())
        end, tokens = _first_token_end(text, nxt, m.end()), tokens + 1
        if end < m.end():
            break  # a verb glued to the token ends the phrase
    role = _TRAILING_LINK.sub("", text[pos:end].strip())
    return (role, end) if role else None


def _first_token_end(text: str, pos: int, end_limit: int) -> int:
    """End of a token of a position, cut before a glued verb (``สปสช.กล่าวว่า``)."""
    end = pos
    while end < end_limit and text[end] not in " \u00a0":
        end += 1
    stop = _GLUED_STOP.search(text, pos + 2, end)
    return stop.start() if stop else end


def _is_person_start(text: str, pos: int) -> bool:
    return bool(_HONORIFIC_START.match(text, pos)) and bool(_CANDIDATE.match(text, pos)) \
        and not _NOT_A_PERSON.match(text, pos)


def _role_before(text: str, hon_start: int, floor: int) -> str:
    """A position written before the name (``เลขาธิการ สปสช. นพ.จเด็จ``), or ''.

    Also ``รองนายกรัฐมนตรี (นายภูมิธรรม เวชยชัย)``: a name in brackets right after a position.
    """
    gap_end = hon_start
    while gap_end > floor and text[gap_end - 1] in " \u00a0":
        gap_end -= 1
    if gap_end > floor and text[gap_end - 1] == "(":
        gap_end -= 1
        while gap_end > floor and text[gap_end - 1] in " \u00a0":
            gap_end -= 1
    lo = max(floor, gap_end - _MAX_LOOKBACK)
    hard = None
    for hard in _HARD_STOP.finditer(text, lo, gap_end):
        pass
    if hard:
        lo = hard.end()
    pos = lo
    while True:
        m = _ROLE_START.search(text, pos, gap_end)
        if not m:
            return ""
        start, pos = m.start(), m.start() + 1
        if start > lo and text[start - 1] not in " \u00a0" and not _GLUE_OK_BEFORE.search(
                text, max(lo, start - 8), start):
            continue
        parsed = _role_at(text, start, gap_end)
        if parsed and parsed[1] >= gap_end:
            return parsed[0]


def _surname(text: str, m: re.Match[str], given_cut: bool) -> tuple[str, int]:
    """The surname after the given name, and where the name ends; ('', end of given) if none."""
    given_end = m.start("given") + len(_cut_glued(m.group("given"))[0])
    sur = m.group("sur")
    if given_cut or not sur:
        return "", given_end
    if sur == "ณ":
        na = _NA_SURNAME.match(text, m.end("sur"))
        return ("ณ " + na.group().strip(), na.end()) if na else ("", given_end)
    if (_NOT_SURNAME.match(text, m.start("sur")) or _ROLE_START.match(sur)
            or _is_person_start(text, m.start("sur"))):
        return "", given_end
    surname, _ = _cut_glued(sur)
    if not 2 <= len(surname) <= _MAX_SURNAME:
        return "", given_end
    end = m.start("sur") + len(surname)
    na = _NA_SUFFIX.match(text, end)  # เทพหัสดิน ณ อยุธยา
    if na:
        return f"{surname} ณ {na.group('place')}", na.end()
    return surname, end


def _plausible_single_name(text: str, honorific: str, given: str, end: int) -> bool:
    """A given name without surname (``นพ.จเด็จ กล่าวว่า``), unless it is something else.

    Not an abbreviation (``นพ.สสจ.``), and not after a title that is also a common noun
    (``กับทันตแพทย์อย่างน้อย``).
    """
    if end < len(text) and text[end] == ".":
        return False
    return not _COMMON_NOUN_TITLE.search(honorific)


def _parse(text: str, m: re.Match[str], floor: int) -> tuple[Person, int] | None:
    """One introduction: honorific, given name, surname, position. Returns it and its end."""
    start = m.start()
    honorific = m.group("hon")
    if _NOT_A_PERSON.match(text, start) or not _at_word_boundary(text, start):
        return None
    given, cut = _cut_glued(m.group("given"))
    if honorific == "นาย" and _PRIME_MINISTER_AS.match(given, 1) and given.startswith("ก"):
        return None  # นายกตู่, นายกเศรษฐา, นายกนำ...: "the Prime Minister", not Mr. K...
    if not 2 <= len(given) <= _MAX_GIVEN or _ROLE_START.match(given) or _NOT_GIVEN.match(given):
        return None
    surname, name_end = _surname(text, m, cut)
    if not surname and not _plausible_single_name(text, honorific, given, name_end):
        return None
    name = f"{given} {surname}" if surname else given
    pos = _skip_spaces(text, name_end, min(len(text), name_end + 3))
    if text.startswith("ในฐานะ", pos):
        pos += len("ในฐานะ")
    parsed = None if _is_person_start(text, pos) else _role_at(text, pos)
    role, end = parsed if parsed else (_role_before(text, start, floor), name_end)
    person = {"name": name, "given": given, "surname": surname,
              "title": " ".join(honorific.split()), "role": role,
              "mention": {"text": text[start:name_end], "start": start, "end": name_end}}
    return person, end


# --------------------------------------------------------------------------------------------
# Grouping mentions into people
# --------------------------------------------------------------------------------------------

def _group(found: list[Person]) -> list[Person]:
    """One entry per person: full-name mentions by name, given-name-only mentions by given name."""
    people: dict[str, Person] = {}
    by_given: dict[str, list[str]] = {}
    for f in found:
        if f["surname"]:
            person = people.setdefault(f["name"], {"name": f["name"], "title": f["title"],
                                                   "role": "", "mentions": []})
            person["role"] = person["role"] or f["role"]
            person["mentions"].append(f["mention"])
            if f["name"] not in by_given.setdefault(f["given"], []):
                by_given[f["given"]].append(f["name"])
    glued = {name.replace(" ", ""): name for name in people}
    for f in found:
        if f["surname"]:
            continue
        owners = [glued[f["given"]]] if f["given"] in glued else by_given.get(f["given"], [])
        key = owners[0] if len(owners) == 1 else f["name"]
        if len(owners) > 1:
            continue  # ambiguous: two people share the given name
        person = people.setdefault(key, {"name": key, "title": f["title"], "role": "",
                                         "mentions": []})
        person["role"] = person["role"] or f["role"]
        person["mentions"].append(f["mention"])
    return list(people.values())


def _add_bare_mentions(text: str, people: list[Person]) -> None:
    """Later mentions of a full name without its honorific (``จเด็จ ธรรมธัชอารี กล่าว``)."""
    for person in people:
        if " " not in person["name"]:
            continue
        covered = sorted((mm["start"], mm["end"]) for mm in person["mentions"])
        starts = [start for start, _ in covered]
        name = person["name"]
        pos = text.find(name)
        while pos != -1:
            end = pos + len(name)
            i = bisect.bisect_right(starts, pos) - 1
            inside = i >= 0 and covered[i][1] > pos
            glued = pos > 0 and _THAI_LETTER.match(text[pos - 1])  # part of a longer word
            if not inside and not glued:
                person["mentions"].append({"text": name, "start": pos, "end": end})
            pos = text.find(name, end)
        person["mentions"].sort(key=lambda mm: mm["start"])


def find_persons(text: str) -> list[dict[str, Any]]:
    """People introduced by an honorific, with their position, in order of first mention.

    Returns ``[{"name": "จเด็จ ธรรมธัชอารี", "title": "นพ.", "role": "เลขาธิการ สปสช.",
    "mentions": [{"text", "start", "end"}]}]``. ``name`` is given name and surname (the given
    name alone when the text never gives the surname); ``role`` is ``""`` when none is written
    next to any mention. Offsets are character offsets into ``text``.
    """
    if not text:
        return []
    found: list[Person] = []
    floor = 0
    pos = 0
    while True:
        hit = _HONORIFIC_START.search(text, pos)
        if not hit:
            break
        m = _CANDIDATE.match(text, hit.start())
        parsed = _parse(text, m, floor) if m else None
        if parsed is None:
            pos = hit.start() + 1
            continue
        person, end = parsed
        found.append(person)
        floor = end
        pos = max(end, person["mention"]["end"])
    people = _group(found)
    _add_bare_mentions(text, people)
    people.sort(key=lambda p: p["mentions"][0]["start"])
    return people
