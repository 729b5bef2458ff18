"""Agency, province and NHSO-region extraction (nlp.agencies, nlp.places, nlp.glossary).

Sentences are written in the style of Thai government health news; offsets are asserted
where the exact span matters.  The corpus tests read the shared seed articles (never
copied into the project) and are skipped when the corpus is not beside the checkout.
"""

from __future__ import annotations

import os
import re
import time
import unicodedata
from pathlib import Path

import pytest

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from nlp import agencies, glossary, places  # noqa: E402
from nlp.agencies import all_agencies, find_agencies, resolve_agency  # noqa: E402
from nlp.places import (  # noqa: E402
    all_provinces,
    find_nhso_regions,
    find_provinces,
    province_region,
    resolve_province,
)


def ids(text: str) -> list[str]:
    return [a["id"] for a in find_agencies(text)]


def provinces(text: str) -> list[str]:
    return [p["name"] for p in find_provinces(text)]


def regions(text: str) -> list[int]:
    return [r["number"] for r in find_nhso_regions(text)]


def mention(text: str, agency_id: str) -> list[tuple[str, int, int]]:
    for a in find_agencies(text):
        if a["id"] == agency_id:
            return [(m["text"], m["start"], m["end"]) for m in a["mentions"]]
    raise AssertionError(f"{agency_id} not found in {ids(text)}")


# ------------------------------------------------------------------------------ gazetteer


def test_design_shape_and_offsets() -> None:
    text = "สปสช. ลงนาม MOU กับ ธ.ก.ส. ที่กรุงเทพฯ"
    found = find_agencies(text)
    assert [a["id"] for a in found] == ["nhso", "baac"]
    nhso = found[0]
    assert set(nhso) == {"id", "name", "name_en", "aliases", "mentions"}
    assert nhso["name"] == "สำนักงานหลักประกันสุขภาพแห่งชาติ"
    assert nhso["name_en"] == "National Health Security Office"
    assert "สปสช." in nhso["aliases"] and "NHSO" in nhso["aliases"]
    assert nhso["mentions"] == [{"text": "สปสช.", "start": 0, "end": 5}]
    for a in found:
        for m in a["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]


def test_aliases_merge_into_one_entity_in_order_of_first_mention() -> None:
    text = ("ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร (ธ.ก.ส.) ร่วมกับสำนักงานหลักประกันสุขภาพแห่งชาติ "
            "(สปสช.) หรือ NHSO และ BAAC")
    found = find_agencies(text)
    assert [a["id"] for a in found] == ["baac", "nhso"]
    assert [m["text"] for m in found[0]["mentions"]] == [
        "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร", "ธ.ก.ส.", "BAAC"]
    assert [m["text"] for m in found[1]["mentions"]] == [
        "สำนักงานหลักประกันสุขภาพแห่งชาติ", "สปสช.", "NHSO"]


@pytest.mark.parametrize("text, expected", [
    ("กระทรวงสาธารณสุข (สธ.) และกระทรวงมหาดไทย (มท.)", ["moph", "moi"]),
    ("สำนักงานปลัดกระทรวงสาธารณสุข (สป.สธ.) แจ้งว่า", ["moph"]),  # internal unit folded
    ("กรมควบคุมโรค กรมการแพทย์ และกรมสนับสนุนบริการสุขภาพ (สบส.)", ["ddc", "dms", "hss"]),
    ("กรมการแพทย์แผนไทยและการแพทย์ทางเลือก ร่วมกับ อย.", ["dtam", "fda"]),
    ("กรมส่งเสริมการปกครองท้องถิ่น (สถ.) มีหนังสือถึง", ["dla"]),
    ("สำนักงานประกันสังคม (สปส.) และกรมบัญชีกลาง", ["sso", "cgd"]),
    ("สสส. สวรส. และ สช. ร่วมจัดเวที", ["thaihealth", "hsri", "nhco"]),
    ("รมว.พม. และ อว. หารือ", ["msdhs", "mhesi"]),
    ("องค์การอนามัยโลก (WHO) ธนาคารโลก และ UNICEF", ["who", "world-bank", "unicef"]),
    ("ได้รับการสนับสนุนจาก JICA และองค์การแรงงานระหว่างประเทศ", ["jica", "ilo"]),
    ("คณะแพทยศาสตร์ มหาวิทยาลัยขอนแก่น และ มช.", ["khon-kaen-university", "chiang-mai-university"]),
    ("ส่งตัวไปโรงพยาบาลศิริราช และ รพ.รามาธิบดี", ["hospital:ศิริราช", "hospital:รามาธิบดี"]),
    ("ศิริราช และ โรงพยาบาลมหาราชโคราช", ["hospital:ศิริราช", "hospital:มหาราชนครราชสีมา"]),
    ("สมาคมองค์การบริหารส่วนตำบลแห่งประเทศไทย", ["sao-assoc"]),
    ("สภากาชาดไทย และ สพฉ.", ["trcs", "niems"]),
    ("มหาวิทยาลัยราชภัฏพระนครศรีอยุธยา และ ม.ราชภัฎเชียงใหม่",
     ["phranakhon-si-ayutthaya-rajabhat-university", "chiang-mai-rajabhat-university"]),
])
def test_gazetteer_entries(text: str, expected: list[str]) -> None:
    assert ids(text) == expected


def test_foreign_bodies_from_seed_style_text() -> None:
    text = ("ผู้บริหารสำนักประกันสุขภาพแห่งชาติ สปป.ลาว แลกเปลี่ยนกับกระทรวงสาธารณสุข "
            "และกระทรวงสาธารณสุขกัมพูชา")
    assert ids(text) == ["lao-nhib", "moph", "cambodia-moh"]
    assert resolve_agency("cambodia-moh")["name"] == "กระทรวงสาธารณสุขกัมพูชา"


@pytest.mark.parametrize("text, expected", [
    # <Thai body><(แห่ง/ของ)(ประเทศ)(state style)><country> is that country's body
    ("ลงนามระหว่างกระทรวงสาธารณสุขแห่งราชอาณาจักรไทยกับกระทรวงสาธารณสุขแห่งราชอาณาจักรภูฏาน",
     ["moph", "bhutan-moh"]),
    ("กระทรวงสาธารณสุขไทย และกระทรวงบริการสังคมภูฏาน (ในขณะนั้น)", ["moph", "bhutan-moss"]),
    ("ศักยภาพของสำนักงานคณะกรรมการอาหารและยาแห่งสาธารณรัฐมัลดีฟส์", ["maldives-fda"]),
    ("กระทรวงแรงงานและสวัสดิการสังคม สปป.ลาว", ["lao-molsw"]),
    ("กระทรวงการต่างประเทศญี่ปุ่น และสถานเอกอัครราชทูตสหรัฐอเมริกา", ["japan-mfa", "us-embassy"]),
    ("รัฐมนตรีว่าการกระทรวงสาธารณสุขไทย-ญี่ปุ่น ลงนาม", ["moph", "japan-mhlw"]),
    # English: Ministry/Minister/Department of ... of <country>, <Country>'s Ministry of ...
    ("A delegation from the Ministry of Health of Ghana visited", ["ghana-moh"]),
    ("Minister of State for Health of the Republic of Maldives", ["maldives-moh"]),
    ("Secretary, Department of Health & Family Welfare สาธารณรัฐอินเดีย", ["india-dohfw"]),
    ("Ghana's National Health Insurance Authority", ["ghana-nhia"]),
    ("แผนกสาธารณสุขนครหลวงเวียงจันทน์ สปป.ลาว และแผนกสาธารณสุขแขวงหลวงพระบาง",
     ["vientiane-health-department", "luang-prabang-health-department"]),
    # an abbreviation takes a country only when written against it ("กก." is also kilograms)
    ("น้ำหนัก 3 กก. อังกฤษ", []),
])
def test_foreign_bodies(text: str, expected: list[str]) -> None:
    assert ids(text) == expected


def test_english_acronyms_are_case_sensitive() -> None:
    assert ids("WHO says") == ["who"]
    assert ids("the doctor who came") == []
    assert ids("the NHSOffice") == []


def test_short_abbreviations_are_guarded() -> None:
    assert ids("น้ำหนัก 5 กก. ต่อคน") == []  # kilogram, not the tourism ministry
    assert ids("ขนาด 20 ตร.ม.") == []  # square metres, not the police
    assert ids("ประเทศพม่า") == []  # Myanmar, not พม.
    assert ids("คกก.การบินพลเรือน") == []
    assert ids("ให้ สธ. และพม. ดำเนินการ") == ["moph", "msdhs"]


def test_bma_is_not_every_mention_of_bangkok() -> None:
    assert ids("ประชาชนในกรุงเทพมหานคร") == []
    assert ids("ผู้ว่าราชการกรุงเทพมหานคร ลงพื้นที่") == ["bma"]
    assert provinces("ผู้ว่าราชการกรุงเทพมหานคร ลงพื้นที่") == ["กรุงเทพมหานคร"]


GOLD_IDS = Path(__file__).resolve().parent / "gold" / "agency_ids.tsv"
# names in agency_ids.tsv that are agencies only in context (กรุงเทพมหานคร as a body, a provincial
# office named with its province, a bare คลัง as a headline's subject: "คลังลงนาม...", not คลังสินค้า)
_CONTEXT_ONLY = {("bma", "กรุงเทพมหานคร"), ("bma", "กทม."), ("dla", "ท้องถิ่นจังหวัด"), ("mof", "คลัง")}


def _gold_id_names() -> list[tuple[str, str]]:
    out = []
    for row in GOLD_IDS.read_text(encoding="utf-8").splitlines()[1:]:
        agency_id, name_th, _name_en, seen = row.split("\t")
        for form in [name_th, *seen.split(",")]:
            form = re.sub(r"\s*\([^)]*\)\s*$", "", form).strip()  # "(venue)", "(title)" notes
            if form and (agency_id, form) not in _CONTEXT_ONLY:
                out.append((agency_id, form))
    return out


@pytest.mark.parametrize("agency_id, form", _gold_id_names())
def test_gold_set_ids_and_names_are_known(agency_id: str, form: str) -> None:
    """Every id the gold set invents (tests/gold/agency_ids.tsv) is the gazetteer's id, and every
    name or alias seen for it is found as that body."""
    assert agency_id in ids(form), (form, ids(form))
    assert resolve_agency(agency_id)["id"] == agency_id


# ------------------------------------------------------------------------------ patterns


def test_pao_patterns_and_anaphora() -> None:
    text = "นายกองค์การบริหารส่วนจังหวัดภูเก็ต พร้อมที่ปรึกษานายก อบจ.ภูเก็ต และปลัด อบจ. ร่วมประชุม"
    found = find_agencies(text)
    assert [a["id"] for a in found] == ["pao:phuket"]
    pao = found[0]
    assert pao["name"] == "องค์การบริหารส่วนจังหวัดภูเก็ต"
    assert pao["name_en"] == "Phuket Provincial Administrative Organization"
    assert [m["text"] for m in pao["mentions"]] == ["องค์การบริหารส่วนจังหวัดภูเก็ต", "อบจ.ภูเก็ต", "อบจ."]
    assert ids("อบจ. นครราชสีมา และ อบจ.โคราช") == ["pao:nakhon-ratchasima"]
    assert ids("ความร่วมมือกับองค์การบริหารส่วนจังหวัด ทั่วประเทศ") == []


def test_local_bodies_with_place_boundaries() -> None:
    text = ("ระหว่าง เทศบาลเมืองมหาสารคาม เทศบาลตำบลบรบือร่วมกับองค์การบริหารส่วนตำบลวังใหม่ "
            "อบต.วังใหม่ อำเภอนาเชือก")
    found = {a["id"]: a for a in find_agencies(text)}
    assert list(found) == ["municipality:มหาสารคาม", "municipality:บรบือ", "sao:วังใหม่"]
    assert found["municipality:บรบือ"]["name"] == "เทศบาลตำบลบรบือ"
    assert found["municipality:มหาสารคาม"]["name"] == "เทศบาลเมืองมหาสารคาม"
    start = text.index("เทศบาลตำบลบรบือ")
    assert mention(text, "municipality:บรบือ") == [("เทศบาลตำบลบรบือ", start, start + len("เทศบาลตำบลบรบือ"))]
    assert [m[0] for m in mention(text, "sao:วังใหม่")] == ["องค์การบริหารส่วนตำบลวังใหม่", "อบต.วังใหม่"]


def test_provincial_offices() -> None:
    text = ("สำนักงานสาธารณสุขจังหวัดมหาสารคาม ท้องถิ่นจังหวัดมหาสารคาม "
            "และนายแพทย์สาธารณสุขจังหวัดภูเก็ต สสจ.ตาก")
    # ท้องถิ่นจังหวัดX is the DLA's provincial office (folded); นายแพทย์สาธารณสุขจังหวัดX is a person
    assert ids(text) == ["ppho:maha-sarakham", "dla", "ppho:tak"]
    assert resolve_agency("ppho:tak")["name"] == "สำนักงานสาธารณสุขจังหวัดตาก"


def test_hospitals_and_health_promoting_hospitals() -> None:
    text = "ที่โรงพยาบาลบ้านหมอ จังหวัดสระบุรี และ รพ.สต.บ้านหนองแวง ส่งต่อไปยังโรงพยาบาลศูนย์ขอนแก่น"
    assert ids(text) == ["hospital:บ้านหมอ", "sho:บ้านหนองแวง", "hospital:ขอนแก่น"]
    # classes of hospitals are not hospitals
    assert ids("ผู้ป่วยไปโรงพยาบาลเอกชน โรงพยาบาลชุมชน และโรงพยาบาลส่งเสริมสุขภาพตำบล ทุกแห่ง") == []
    assert ids("ประสานงานกับโรงพยาบาลและสถานีอนามัย ระบบข้อมูล") == []
    # a listed hospital keeps its canonical name whatever the alias
    assert ids("โรงพยาบาลราชวิถีร่วมกับ สปสช.") == ["hospital:ราชวิถี", "nhso"]
    assert ids("รพ.จุฬาฯ และโรงพยาบาลจุฬาลงกรณ์ สภากาชาดไทย") == ["hospital:จุฬาลงกรณ์", "trcs"]
    # private hospitals are companies: recognised, never reported
    assert ids("ส่งต่อไปโรงพยาบาลกรุงเทพ และ รพ.สมิติเวช") == []


@pytest.mark.parametrize("text, expected", [
    ("ได้แก่ โรงพยาบาลเสาไห้เฉลิมพระเกียรติ 80 พรรษา มีร้านยา", ["hospital:เสาไห้เฉลิมพระเกียรติ 80 พรรษา"]),
    ("ณ ห้องประชุม โรงพยาบาล อบจ.ภูเก็ต", ["hospital:อบจ.ภูเก็ต", "pao:phuket"]),
    ("ผู้อำนวยการโรงพยาบาลเลยกล่าวว่า", ["hospital:เลย"]),
    ("ประสานโรงพยาบาลแม่สอดเตรียมพร้อมรับผู้ป่วย", ["hospital:แม่สอด"]),
    ("โรงพยาบาลมหาวิทยาลัยนเรศวร", ["hospital:มหาวิทยาลัยนเรศวร", "naresuan-university"]),
    ("ผู้อำนวยการโรงพยาบาลกล่าวว่า", []),
    ("ช่วย รพ. พ้นวิกฤตการเงิน", []),
    ("โรงพยาบาลครอบคลุมทุกอำเภอ และโรงพยาบาลในอนาคต", []),
])
def test_hospital_name_boundaries(text: str, expected: list[str]) -> None:
    assert ids(text) == expected


@pytest.mark.parametrize("text, expected", [
    # folding: boards, assemblies, regional offices, provincial branches -> the parent body
    ("บอร์ด สปสช. มีมติ และคณะกรรมการหลักประกันสุขภาพแห่งชาติ", ["nhso"]),
    ("สมัชชาอนามัยโลก และ WHO SEARO", ["who"]),
    ("สำนักอนามัย กทม. ร่วมกับ สคร.ที่ 6 ชลบุรี", ["bma", "ddc"]),
    ("สำนักงานประกันสังคมจังหวัดตาก และสำนักงานจัดหางานจังหวัดตาก", ["sso", "doe"]),
    ("ศาลแรงงานภาค 6 และศาลจังหวัดเชียงใหม่", ["labour-court", "provincial-court"]),
    # scope: private banks, companies and the Cabinet are not agencies; state banks are
    ("ธนาคารกรุงเทพ ธนาคารกสิกรไทย และธนาคารกรุงไทย", ["ktb"]),
    ("ที่ประชุม ครม. เห็นชอบ", []),
])
def test_folding_and_scope(text: str, expected: list[str]) -> None:
    assert ids(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("สำนักงานหลักประกันสุขภาพแห่งชาติ (สปสช.) และกรุงเทพมหานคร เตรียมลงนาม", ["nhso", "bma"]),
    ("กระทรวงยุติธรรม กรุงเทพมหานคร สำนักงานหลักประกันสุขภาพแห่งชาติ", ["moj", "bma", "nhso"]),
    ("สปสช. เตรียมลงนาม MOU กับ กทม. เปิดจุดบริการ", ["nhso", "bma"]),
    ("สปสช.แจง กทม.ยังไม่เริ่ม 30 บาทรักษาทุกที่", ["nhso"]),  # the area
    ("ที่โรงพยาบาลรามาธิบดี กรุงเทพมหานคร นายอนุทิน", ["hospital:รามาธิบดี"]),  # a location
    ("สำนักงานประกันสังคมกรุงเทพมหานครพื้นที่ 3", ["sso"]),  # a branch office's name
])
def test_bangkok_as_a_body(text: str, expected: list[str]) -> None:
    assert ids(text) == expected


def test_numbered_regional_offices_and_universities() -> None:
    text = "สคร.ที่ 6 ชลบุรี ศูนย์อนามัยที่ 7 และมหาวิทยาลัยราชภัฏลำปาง"
    assert ids(text) == ["ddc", "doh", "lampang-rajabhat-university"]
    assert ids("มหาวิทยาลัยออกซ์ฟอร์ด") == ["university:ออกซ์ฟอร์ด"]  # not listed: last resort


def test_regional_office_is_nhso_plus_region_and_seat() -> None:
    text = "นายแพทย์พิเชฏฐ ผู้อำนวยการ สปสช. เขต 7 ขอนแก่น กล่าวว่า"
    assert ids(text) == ["nhso"]
    assert regions(text) == [7]
    assert provinces(text) == ["ขอนแก่น"]
    r = find_nhso_regions(text)[0]
    assert r["seat"] == "ขอนแก่น"
    assert r["mentions"][0]["text"] == "เขต 7 ขอนแก่น"
    full = "สำนักงานหลักประกันสุขภาพแห่งชาติ เขต 9 นครราชสีมา จัดประชุม"
    assert (ids(full), regions(full), provinces(full)) == (["nhso"], [9], ["นครราชสีมา"])
    # a province code in the seat slot is the seat province
    short = "สปสช.เขต 11 สฎ.จัดเวที"
    assert (regions(short), provinces(short)) == ([11], ["สุราษฎร์ธานี"])


# ------------------------------------------------------------------------------ provinces


def test_all_provinces_data() -> None:
    rows = all_provinces()
    assert len(rows) == 77
    assert len({p["name"] for p in rows}) == 77
    assert len({p["name_en"] for p in rows}) == 77
    assert len({p["slug"] for p in rows}) == 77
    assert {p["nhso_region"] for p in rows} == set(range(1, 14))
    seats = {r["number"]: r["seat"] for r in places.all_nhso_regions()}
    assert seats[1] == "เชียงใหม่" and seats[7] == "ขอนแก่น" and seats[13] == "กรุงเทพมหานคร"
    for n, seat in seats.items():
        assert province_region(seat) == n
    assert sum(len(r["provinces"]) for r in places.all_nhso_regions()) == 77


@pytest.mark.parametrize("value, name", [
    ("ภูเก็ต", "ภูเก็ต"), ("Phuket", "ภูเก็ต"), ("จ.ภูเก็ต", "ภูเก็ต"), ("จังหวัดภูเก็ต", "ภูเก็ต"),
    ("กทม.", "กรุงเทพมหานคร"), ("กรุงเทพฯ", "กรุงเทพมหานคร"), ("bangkok", "กรุงเทพมหานคร"),
    ("โคราช", "นครราชสีมา"), ("nakhon-ratchasima", "นครราชสีมา"), ("Korat", "นครราชสีมา"),
    ("สฎ.", "สุราษฎร์ธานี"), ("สารคาม", "มหาสารคาม"), ("อยุธยา", "พระนครศรีอยุธยา"),
    ("Loei Province", "เลย"),
])
def test_resolve_province(value: str, name: str) -> None:
    p = resolve_province(value)
    assert p is not None and p["name"] == name


def test_resolve_province_unknown_and_regions() -> None:
    assert resolve_province("Atlantis") is None
    assert resolve_province("") is None
    assert province_region("Khon Kaen") == 7
    assert province_region("สุราษฎร์ธานี") == 11
    assert province_region("nowhere") is None


def test_province_list_and_offsets() -> None:
    text = "ได้แก่ จังหวัดกระบี่ พังงา ภูเก็ต ระนอง ชุมพร นครศรีธรรมราชและสุราษฎร์ธานี"
    assert provinces(text) == ["กระบี่", "พังงา", "ภูเก็ต", "ระนอง", "ชุมพร", "นครศรีธรรมราช", "สุราษฎร์ธานี"]
    for p in find_provinces(text):
        for m in p["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    found = find_provinces("จังหวัดภูเก็ต")
    assert found == [{"name": "ภูเก็ต", "name_en": "Phuket",
                      "mentions": [{"text": "ภูเก็ต", "start": 7, "end": 13}]}]


@pytest.mark.parametrize("text, expected", [
    ("ไม่ได้ผลเลย", []),
    ("จังหวัดเลย", ["เลย"]),
    ("อ.เมืองเลย จ.เลย", ["เลย"]),
    ("นำผ้าไปตากแดด", []),
    ("ตาก", []),
    ("อำเภอแม่สอด จังหวัดตาก", ["ตาก"]),
    ("การแพร่ระบาดของโรค และการเผยแพร่ข้อมูล", []),
    ("จังหวัดแพร่", ["แพร่"]),
    ("ได้แก่ จังหวัดพิษณุโลก ตาก สุโขทัย", ["พิษณุโลก", "ตาก", "สุโขทัย"]),
    ("อัตราดอกเบี้ย", []),  # ตราด inside a word
    ("นพ.ชลน่าน ศรีแก้ว", []),  # น่าน inside a name
    ("ที่ประชุมพร้อมสนับสนุน", []),  # ชุมพร across words
    ("นายสุรินทร์ พิศสุวรรณ", []),  # a person
    ("นายปีติพงศ์ พึ่งบุญ ณ อยุธยา", []),  # a royal surname
    ("มหาวิทยาลัยสงขลานครินทร์", []),
    ("ธนาคารกรุงเทพ", []),
    ("จัดงาน ณ เชียงใหม่", ["เชียงใหม่"]),
    ("อบจ.เลย", ["เลย"]),
    ("ไปเที่ยวภูเก็ต เลย", ["ภูเก็ต"]),  # a pair without a conjunction is no list
])
def test_ambiguous_provinces(text: str, expected: list[str]) -> None:
    assert provinces(text) == expected


# ------------------------------------------------------------------------------ regions


@pytest.mark.parametrize("text, expected", [
    ("สปสช. เขต 7 ขอนแก่น", [7]),
    ("สปสช.เขต 11 สุราษฎร์ธานี", [11]),
    ("สำนักงานหลักประกันสุขภาพแห่งชาติ (สปสช.) เขต 7 ขอนแก่น", [7]),
    ("NHSO Region 9", [9]),
    ("สปสช. เขต 7 ขอนแก่น และเขต 8 อุดรธานี", [7, 8]),
    ("เขตสุขภาพที่ 1, 4, 9 และ 13", [1, 4, 9, 13]),
    ("พื้นที่เขต 13 กทม.", [13]),
    ("ผู้ตรวจราชการกระทรวงสาธารณสุข เขต 12", []),  # old inspection regions differ
    ("สำนักงานหลักประกันสุขภาพแห่งชาติ เขต 1-13", []),  # a range, not region 1
    ("เขตสุขภาพ 12 เขต", []),
    ("จังหวัดขอนแก่น", []),  # never inferred from a province
    ("เขต 3 เชียงใหม่", []),  # seat does not match the number, no NHSO context
])
def test_regions(text: str, expected: list[int]) -> None:
    assert regions(text) == expected


def test_region_provinces_argument_does_not_infer() -> None:
    text = "จังหวัดขอนแก่น"
    assert find_nhso_regions(text, find_provinces(text)) == []


# ------------------------------------------------------------------------------ resolve


@pytest.mark.parametrize("value, agency_id", [
    ("nhso", "nhso"), ("NHSO", "nhso"), ("สปสช", "nhso"), ("สปสช.", "nhso"),
    ("สำนักงานหลักประกันสุขภาพแห่งชาติ", "nhso"), ("national health security office", "nhso"),
    ("ธกส", "baac"), ("ธ.ก.ส.", "baac"), ("baac", "baac"), ("สปร.", "spr"),
    ("อบจ.ภูเก็ต", "pao:phuket"), ("pao:phuket", "pao:phuket"), ("องค์การบริหารส่วนจังหวัดภูเก็ต", "pao:phuket"),
    ("เทศบาลตำบลบรบือ", "municipality:บรบือ"), ("สสจ.มหาสารคาม", "ppho:maha-sarakham"),
    ("Ministry of Public Health", "moph"), ("สธ", "moph"), ("odpc:6", "ddc"),
    ("kku", "khon-kaen-university"), ("มข.", "khon-kaen-university"), ("สป.สธ.", "moph"), ("moph-ops", "moph"),
    ("siriraj", "hospital:ศิริราช"), ("รพ.ศิริราช", "hospital:ศิริราช"), ("hospital:บ้านหมอ", "hospital:บ้านหมอ"),
    ("cambodia-moh", "cambodia-moh"), ("japan-moh", "japan-mhlw"), ("trc", "trcs"),
])
def test_resolve_agency(value: str, agency_id: str) -> None:
    entry = resolve_agency(value)
    assert entry is not None and entry["id"] == agency_id
    assert {"id", "name", "name_en", "aliases"} <= set(entry)


def test_resolve_agency_unknown() -> None:
    assert resolve_agency("") is None
    assert resolve_agency("ไม่มีหน่วยงานนี้") is None
    assert resolve_agency("pao:atlantis") is None
    assert resolve_agency("ธนาคารกรุงเทพ") is None  # recognised, never reported
    assert resolve_agency("bbl") is None


def test_gazetteer_is_broad_and_consistent() -> None:
    rows = all_agencies()
    assert len(rows) >= 400
    assert len({a["id"] for a in rows}) == len(rows)
    for a in rows:
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*|hospital:\S(.*\S)?", a["id"]), a["id"]
        assert a["name"] and a["name_en"]
    by_id = {a["id"]: a for a in rows}
    for core in ("nhso", "moph", "sso", "cgd", "baac", "thaihealth", "hsri", "nhco", "hitap", "who", "ilo",
                 "world-bank", "unicef", "jica", "moph-ops", "dla", "lao-nhib", "spr"):
        assert core in by_id, core
    ministries = [a for a in rows if a["kind"] == "ministry" and a["id"] != "most"]
    assert len(ministries) == 20
    # universities are named by their English names (gold-set convention)
    for a in rows:
        if a["kind"] == "university" and "part_of" not in a and a["id"] != "cra":
            slug = re.sub(r"[^a-z0-9]+", "-", a["name_en"].lower().replace("'", "")).strip("-")
            assert a["id"] == slug, a["id"]
    # a unit folds into a reported body; nothing is reported under a body that is not
    for a in rows:
        if "part_of" in a:
            assert a["part_of"] in by_id and "not_reported" not in a, a["id"]
    # every alias resolves back to its own entry (or the body it folds into; nothing if never reported)
    for a in rows:
        expected = None if "not_reported" in a else a["id"]
        parent = a
        while expected and "part_of" in parent:
            parent = by_id[parent["part_of"]]
            expected = parent["id"]
        for alias in a["aliases"]:
            found = resolve_agency(alias)
            assert (found["id"] if found else None) == expected or alias in ("กพร.",), (alias, a["id"])


# ------------------------------------------------------------------------------ glossary


@pytest.mark.parametrize("term, thai", [
    ("universal coverage", "หลักประกันสุขภาพถ้วนหน้า"),
    ("Gold Card", "บัตรทอง"),
    ("local health fund", "กองทุนหลักประกันสุขภาพระดับท้องถิ่น"),
    ("local health fund", "กปท."),
    ("study visit", "ศึกษาดูงาน"),
    ("MOU", "บันทึกข้อตกลงความร่วมมือ"),
    ("health insurance", "หลักประกันสุขภาพ"),
    ("social security", "ประกันสังคม"),
    ("hospitals", "โรงพยาบาล"),
    ("NHSO", "สปสช."),
    ("Bank for Agriculture and Agricultural Cooperatives", "ธ.ก.ส."),
    ("Phuket", "ภูเก็ต"),
    ("nakhon ratchasima", "โคราช"),
])
def test_expand_english(term: str, thai: str) -> None:
    assert thai in glossary.expand_english(term)


def test_glossary_size_and_query_expansion() -> None:
    assert len(glossary.glossary_terms()) >= 60
    assert glossary.expand_english("no such thing") == []
    phrases = [p for p, _ in glossary.expand_query("who funds gold card hospitals in Phuket?")]
    assert phrases == ["gold card", "hospitals", "Phuket"]


# ------------------------------------------------------------------------------ robustness


def test_pathological_inputs_finish_fast() -> None:
    samples = [
        "สปสช." * 20_000,
        "ตาก" * 30_000,
        "a" * 100_000,
        "".join(chr(c) for c in range(32)) * 3000,
        "โรงพยาบาล" * 10_000,
        "อบต." * 20_000,
        "เขต 7 " * 15_000,
        "จ.ตาก " + "ตาก " * 25_000,
        "ตาก " * 25_000 + "จ.ตาก",
        "",
    ]
    for text in samples:
        t0 = time.perf_counter()
        find_agencies(text)
        find_provinces(text)
        find_nhso_regions(text)
        assert time.perf_counter() - t0 < 5.0, text[:20]
    assert find_agencies("") == [] and find_provinces("") == [] and find_nhso_regions("") == []


def test_tools_are_reusable_helpers() -> None:
    rx = re.compile(places.trie_regex(["ab", "abc", "x y"]))
    assert rx.match("abcd").group() == "abc"
    assert rx.match("x   y").group() == "x   y"
    assert places.is_word_boundary("จังหวัดเลย", 7)
    assert not places.is_word_boundary("ตากแดด", 3)
    assert agencies.take_name("บรบือร่วมกับ", 0) == len("บรบือ")


# ------------------------------------------------------------------------------ corpus

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def _normalise(text: str) -> str:
    """What the NLP stage does before entities: NFC, ํ+า -> ำ, Thai digits, whitespace."""
    text = unicodedata.normalize("NFC", text).replace("\u0e4d\u0e32", "\u0e33")
    text = text.translate({0x0E50 + i: 0x30 + i for i in range(10)})
    return re.sub(r"\s+", " ", text).strip()


def _seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"shared corpus not found at {SEEDS}")
    files = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not files:
        pytest.skip(f"seed {prefix} missing")
    return _normalise(files[0].read_text(encoding="utf-8"))


def test_seed_000_lao_visit() -> None:
    text = _seed("000")
    found = ids(text)
    assert {"lao-nhib", "moph", "nhso", "ilo", "hospital:บ้านหมอ"} <= set(found)
    assert "สระบุรี" in provinces(text)
    assert regions(text) == [4]


def test_seed_001_phuket() -> None:
    text = _seed("001")
    found = ids(text)
    assert {"nhso", "pao:phuket"} <= set(found)
    assert provinces(text) == ["ภูเก็ต"]
    assert regions(text) == []


def test_seed_002_maha_sarakham_eight_bodies() -> None:
    text = _seed("002")
    found = set(ids(text))
    assert {"municipality:มหาสารคาม", "municipality:บรบือ", "municipality:กุดปลาดุก", "sao:วังใหม่",
            "dla", "ppho:maha-sarakham", "khon-kaen-university", "nhso"} <= found
    assert regions(text) == [7]
    assert set(provinces(text)) == {"มหาสารคาม", "ขอนแก่น", "กาฬสินธุ์", "ร้อยเอ็ด"}


def test_seed_003_mou_parties() -> None:
    text = _seed("003")
    # มูลนิธิพัฒนาประสิทธิภาพในราชการ โดยสถาบันที่ปรึกษาฯ (สปร.): the foundation and its institute
    assert ids(text) == ["nhso", "baac", "spr", "public-sector-efficiency-foundation"]


def test_seed_004_region_11() -> None:
    text = _seed("004")
    assert "nhso" in ids(text)
    assert regions(text) == [11]
    assert set(provinces(text)) == {"สุราษฎร์ธานี", "กระบี่", "พังงา", "ภูเก็ต", "ระนอง", "ชุมพร",
                                    "นครศรีธรรมราช"}
