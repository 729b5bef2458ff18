"""Partnership events: what counts as a signing, what does not, and who signed when and where.

Texts are written for these tests in the style of Thai government news; agencies and dates
are built by hand (as find_agencies and find_dates would give them), so these tests do not
depend on the gazetteers. A few integration tests at the end use the real modules.
"""

from __future__ import annotations

import datetime
import re
import time
from typing import Any

import pytest

from nlp.partnership import detect_partnership

# id -> surface forms, as an agency gazetteer would know them
NAMES = {
    "nhso": ["สำนักงานหลักประกันสุขภาพแห่งชาติ", "สปสช."],
    "baac": ["ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร", "ธ.ก.ส."],
    "moph": ["กระทรวงสาธารณสุข", "สธ."],
    "mol": ["กระทรวงแรงงาน"],
    "sso": ["สำนักงานประกันสังคม", "สปส."],
    "moj": ["กระทรวงยุติธรรม"],
    "doc": ["กรมราชทัณฑ์"],
    "ddc": ["กรมควบคุมโรค"],
    "bma": ["กรุงเทพมหานคร", "กทม."],
    "dla": ["กรมส่งเสริมการปกครองท้องถิ่น", "สถ."],
    "thaipost": ["บริษัท ไปรษณีย์ไทย จำกัด", "ไปรษณีย์ไทย"],
    "kku": ["มหาวิทยาลัยขอนแก่น"],
    "municipality:บรบือ": ["เทศบาลตำบลบรบือ"],
    "sao:วังใหม่": ["องค์การบริหารส่วนตำบลวังใหม่", "อบต.วังใหม่"],
}


def agencies(text: str, title: str = "") -> list[dict[str, Any]]:
    """find_agencies-shaped output for the known names (longest form first, no overlaps)."""
    found: dict[str, dict[str, Any]] = {}
    for field, source in (("text", text), ("title", title)):
        taken: list[tuple[int, int]] = []
        forms = sorted(((f, i) for i, fs in NAMES.items() for f in fs), key=lambda x: -len(x[0]))
        for form, ident in forms:
            for m in re.finditer(re.escape(form), source):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                entry = found.setdefault(ident, {"id": ident, "name": NAMES[ident][0], "name_en": "",
                                                 "aliases": NAMES[ident][1:], "mentions": []})
                mention = {"text": form, "start": m.start(), "end": m.end()}
                if field == "title":
                    mention["field"] = "title"
                entry["mentions"].append(mention)
    for entry in found.values():
        entry["mentions"].sort(key=lambda m: (m.get("field", ""), m["start"]))
    return list(found.values())


def day(text: str, phrase: str, iso: str, kind: str = "day", end: str | None = None) -> dict[str, Any]:
    """A find_dates-shaped mention (the dict form: offset, start, end, kind)."""
    offset = text.index(phrase)
    return {"text": phrase, "offset": offset, "offset_end": offset + len(phrase),
            "start": datetime.date.fromisoformat(iso), "end": datetime.date.fromisoformat(end or iso),
            "kind": kind}


def detect(text: str, dates: list[dict[str, Any]] | None = None, published: str | None = None,
           title: str = "") -> dict[str, Any]:
    pub = datetime.date.fromisoformat(published) if published else None
    return detect_partnership(text, agencies(text, title), dates or [], pub, title)


MOU_TEXT = (
    "วันที่ 20 พ.ค. 2567 ณ ห้องประชุม 1 อาคารบี สำนักงานหลักประกันสุขภาพแห่งชาติ (สปสช.) "
    "และธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร (ธ.ก.ส.) ร่วมลงนามบันทึกความร่วมมือ (MOU) "
    "โครงการฝึกอบรมผู้นำด้านหลักประกันสุขภาพ รุ่น 2 โดยมี นพ.สมชาย ใจดี เลขาธิการ สปสช. "
    "และนายสมศักดิ์ รักงาน ผู้ช่วยผู้จัดการ ธ.ก.ส. เป็นผู้ร่วมลงนาม\n"
    "นพ.สมชาย กล่าวว่า โครงการนี้จะช่วยพัฒนาบุคลากรในระบบหลักประกันสุขภาพ"
)


# --------------------------------------------------------------------------------------------
# A reported signing: kind, parties, date, place, programme, evidence
# --------------------------------------------------------------------------------------------

def test_mou_signing_gives_kind_parties_date_place_programme() -> None:
    dates = [day(MOU_TEXT, "วันที่ 20 พ.ค. 2567", "2024-05-20")]
    result = detect(MOU_TEXT, dates, published="2024-05-21")
    assert result["is_partnership"] is True
    assert result["kind"] == "MOU"
    assert result["parties"] == ["nhso", "baac"]
    assert result["date"] == "2024-05-20"
    assert result["place"] == "ห้องประชุม 1 อาคารบี"
    assert result["programme"] == "โครงการฝึกอบรมผู้นำด้านหลักประกันสุขภาพ รุ่น 2"
    evidence = result["evidence"]
    assert evidence["field"] == "text"
    assert MOU_TEXT[evidence["start"]:evidence["end"]] == evidence["text"]
    assert evidence["text"] == "ร่วมลงนามบันทึกความร่วมมือ (MOU)"


@pytest.mark.parametrize(("phrase", "kind"), [
    ("ลงนามบันทึกข้อตกลงความร่วมมือ", "memorandum"),
    ("ลงนามบันทึกความร่วมมือ", "memorandum"),
    ("ลงนามบันทึกข้อตกลง (MOU)", "MOU"),
    ("ลงนามบันทึกความเข้าใจ", "MOU"),
    ("ลงนาม MOU", "MOU"),
    ("ลงนามในความตกลงความร่วมมือ", "agreement"),
    ("ลงนามความร่วมมือ", "agreement"),
    ("ลงนามสัญญาความร่วมมือ", "contract"),
    ("พิธีลงนามบันทึกข้อตกลง", "memorandum"),
])
def test_kind_follows_the_document_signed(phrase: str, kind: str) -> None:
    text = f"สำนักงานประกันสังคม {phrase} กับกรมควบคุมโรค เพื่อดูแลผู้ประกันตนที่ป่วยด้วยวัณโรค"
    result = detect(text)
    assert result["is_partnership"] is True
    assert result["kind"] == kind
    assert result["parties"] == ["sso", "ddc"]


def test_a_headline_with_mou_is_the_event_and_names_the_parties() -> None:
    title = "สปสช. - ธ.ก.ส. ร่วม MOU “โครงการฝึกอบรมผู้นำด้านหลักประกันสุขภาพ รุ่น 2”"
    text = "ทั้งสองหน่วยงานจะร่วมกันพัฒนาศักยภาพบุคลากร โดยบันทึกความร่วมมือมีระยะเวลา 3 ปี"
    result = detect(text, title=title, published="2024-05-20")
    assert result["is_partnership"] is True
    assert result["kind"] == "MOU"
    assert result["parties"] == ["nhso", "baac"]
    assert result["evidence"]["field"] == "title"
    assert title[result["evidence"]["start"]:result["evidence"]["end"]] == "MOU"
    assert result["programme"] == "โครงการฝึกอบรมผู้นำด้านหลักประกันสุขภาพ รุ่น 2"
    assert result["date"] == "2024-05-20"  # no date near the signing: the publication date


def test_headline_signing_verb_alone_is_enough() -> None:
    title = "8 หน่วยงาน ร่วมลงนามร่วมพัฒนากองทุนหลักประกันสุขภาพนำร่อง"
    result = detect("ผู้แทนทุกหน่วยงานเห็นพ้องให้ขยายผลในปีหน้า", title=title)
    assert result["is_partnership"] is True
    assert result["kind"] == "agreement"


def test_first_line_is_the_headline_when_no_title_is_given() -> None:
    text = "สปส. ลงนามบันทึกข้อตกลงกับกรมควบคุมโรค\nรายละเอียดจะประกาศภายหลัง"
    result = detect(text)
    assert result["is_partnership"] is True
    assert result["parties"] == ["sso", "ddc"]


def test_result_without_event_is_empty() -> None:
    result = detect("สปสช. ชี้แจงสิทธิบัตรทองสำหรับผู้ป่วยโรคไต")
    assert result == {"is_partnership": False, "kind": None, "parties": [], "date": None,
                      "place": None, "programme": None, "evidence": None}


# --------------------------------------------------------------------------------------------
# Not events
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    # an old agreement mentioned in passing
    "สปสช. ดำเนินโครงการส่งยาทางไปรษณีย์ ตาม MOU ที่ลงนามไว้เมื่อปี 2560 กับไปรษณีย์ไทย",
    "โครงการนี้ดำเนินการภายใต้บันทึกข้อตกลงเดิมระหว่าง สปสช. และ กทม. มาตั้งแต่ปี 2563",
    "ความร่วมมือนี้ต่อยอดจาก MOU ที่ สปสช. และ สถ. ได้ทำไว้เมื่อปีที่ผ่านมา",
    "ทั้งนี้ สปสช. และ ธ.ก.ส. ซึ่งได้ลงนามกันไปเมื่อปี 2565 จะประเมินผลร่วมกันอีกครั้ง",
    "สปสช. เปิดเผยผลการดำเนินงาน ซึ่งเป็นไปตามบันทึกข้อตกลงความร่วมมือกับไปรษณีย์ไทย",
    "หลังจากที่ไทยและลาว ได้มีการลงนามในบันทึกความเข้าใจฯ ระหว่างกัน ทั้งสองฝ่ายได้ประชุมติดตามผล",
    # orders, announcements, forms
    "ปลัด สธ. ลงนามในคำสั่งแต่งตั้งผู้ตรวจราชการกระทรวงสาธารณสุขชุดใหม่",
    "รัฐมนตรีว่าการกระทรวงสาธารณสุขได้ลงนามประกาศกระทรวงสาธารณสุข เรื่อง สิทธิประโยชน์ใหม่",
    "เลขาธิการ สปสช. ลงนามรับรองผลการตรวจสอบหน่วยบริการแล้ว",
    "ประชาชนร่วมลงนามถวายพระพรชัยมงคล ณ ศาลากลางจังหวัด",
    "สปสช. ลงนามยกเลิกประกาศฉบับเดิม และยืนยันว่าไม่มีการตัดงบรักษามะเร็ง",
    "ผู้ป่วยต้องลงนามยินยอมก่อนรับวัคซีน",
    "ให้ผู้มีอำนาจลงนามผูกพันนิติบุคคลแจ้งการเปลี่ยนแปลงภายใน 15 วัน",
    "กรมบัญชีกลางลงนามสัญญาจ้างบริษัทผู้รับเหมาก่อสร้างอาคารผู้ป่วยนอก",
    # talks, plans, drafts, authorisations, negations
    "ผู้บริหารทั้งสองฝ่ายหารือเบื้องต้นในการจัดทำ MOU ความร่วมมือด้านหลักประกันสุขภาพ",
    "ทั้งสองหน่วยงานจะมีการลงนามความร่วมมือกันในอนาคต",
    "คณะรัฐมนตรีเห็นชอบร่างบันทึกความเข้าใจว่าด้วยความร่วมมือด้านสาธารณสุข และอนุมัติให้"
    "รัฐมนตรีว่าการกระทรวงสาธารณสุขเป็นผู้ลงนาม",
    "25. เรื่อง การลงนามบันทึกความเข้าใจว่าด้วยความร่วมมือด้านแรงงานระหว่างไทยกับกัมพูชา",
    "รองปลัดกระทรวงชี้แจงกรณีที่ประธานกรรมการยังไม่ลงนามในหลักเกณฑ์การจ่ายเงิน",
    "ทางการจีนเชิญรัฐมนตรีเยือนประเทศเพื่อร่วมลงนามอย่างเป็นทางการ",
    "คาดว่าจะเปิดซองและลงนามในสัญญาร่วมลงทุนได้ในเดือนกรกฎาคม 2568",
    # the hiring channel for migrant workers, anniversaries, cooperation without signing
    "กระทรวงแรงงานเร่งนำเข้าแรงงานต่างด้าว MoU เพื่อแก้ปัญหาขาดแคลนแรงงาน",
    "กทม. จับมือ สปสช. รณรงค์ป้องกันไข้เลือดออกในชุมชน",
    "สปสช. จัดงานฉลองครบ 1 ปี MOU กับไปรษณีย์ไทย",
])
def test_not_a_partnership_event(text: str) -> None:
    assert detect(text, published="2024-06-01")["is_partnership"] is False


def test_a_signing_dated_long_before_publication_is_background() -> None:
    text = ("กระทรวงการคลังได้ร่วมลงนามความตกลงว่าด้วยการแลกเปลี่ยนข้อมูลภาษีกับกรมสรรพากรสหรัฐฯ"
            " เมื่อวันที่ 4 มีนาคม 2559")
    dates = [day(text, "วันที่ 4 มีนาคม 2559", "2016-03-04")]
    assert detect(text, dates, published="2024-01-10")["is_partnership"] is False
    # the same sentence in a report written the next day is the event
    assert detect(text, dates, published="2016-03-05")["is_partnership"] is True


def test_a_headline_about_an_old_mou_is_not_the_event() -> None:
    title = "ครบ 1 ปี MOU สปสช.–ไปรษณีย์ไทย ส่งยาถึงบ้านแล้ว 2 ล้านครั้ง"
    text = ("สปสช. เปิดเผยผลการดำเนินงานโครงการส่งยาทางไปรษณีย์ ซึ่งดำเนินการภายใต้บันทึกข้อตกลงเดิม"
            "กับไปรษณีย์ไทย ที่ลงนามไว้เมื่อวันที่ 14 มิถุนายน 2565")
    assert detect(text, title=title, published="2023-06-15")["is_partnership"] is False


def test_a_signing_mentioned_deep_in_a_long_text_is_an_aside() -> None:
    filler = "คณะรัฐมนตรีรับทราบรายงานผลการดำเนินงานด้านเศรษฐกิจและสังคม " * 80
    text = filler + "\nนอกจากนี้ สปสช. ลงนามบันทึกข้อตกลงกับ กทม. เมื่อต้นเดือน"
    assert len(text) > 3000
    assert detect(text, title="สรุปข่าวการประชุมคณะรัฐมนตรี")["is_partnership"] is False
    # the same paragraph in a short text is its lead
    assert detect(text[-200:])["is_partnership"] is True


# --------------------------------------------------------------------------------------------
# Scheduled signings (see the module docstring for the choice)
# --------------------------------------------------------------------------------------------

def test_a_scheduled_signing_with_its_day_is_an_event() -> None:
    text = ("สำนักงานหลักประกันสุขภาพแห่งชาติ (สปสช.) และกรุงเทพมหานคร เตรียมลงนามบันทึกข้อตกลงความร่วมมือ"
            "เปิดจุดบริการบัตรทองในสำนักงานเขต ในวันที่ 15 ม.ค. 2567 ณ ศาลาว่าการกรุงเทพมหานคร")
    dates = [day(text, "วันที่ 15 ม.ค. 2567", "2024-01-15")]
    result = detect(text, dates, published="2024-01-10")
    assert result["is_partnership"] is True
    assert result["date"] == "2024-01-15"
    assert result["parties"] == ["nhso", "bma"]
    assert result["place"] == "ศาลาว่าการกรุงเทพมหานคร"


def test_a_scheduled_signing_without_a_day_is_not() -> None:
    text = "สปสช. และ กทม. เตรียมลงนามบันทึกข้อตกลงความร่วมมือเปิดจุดบริการบัตรทอง"
    assert detect(text, published="2024-01-10")["is_partnership"] is False


# --------------------------------------------------------------------------------------------
# Parties
# --------------------------------------------------------------------------------------------

def test_parties_between_a_and_b_exclude_the_chair() -> None:
    text = ("นายแพทย์สมชาย ใจดี ปลัดกระทรวงสาธารณสุข เป็นประธานในพิธีลงนามบันทึกข้อตกลงความร่วมมือ"
            " ระหว่างสำนักงานประกันสังคม กับกรมควบคุมโรค ณ ห้องประชุมชั้น 5 อาคารกระทรวงแรงงาน")
    result = detect(text)
    assert result["parties"] == ["sso", "ddc"]  # not moph (chair), not mol (venue)
    assert result["place"] == "ห้องประชุมชั้น 5 อาคารกระทรวงแรงงาน"


def test_witnesses_named_before_the_signing_verb_are_not_parties() -> None:
    text = ("นายสมศักดิ์ รักดี รัฐมนตรีว่าการกระทรวงแรงงาน และนายสมหมาย ใจงาม ปลัดกระทรวงยุติธรรม"
            " ร่วมเป็นสักขีพยานในพิธีลงนามบันทึกความร่วมมือระหว่าง สปสช. และ กรมราชทัณฑ์")
    assert detect(text)["parties"] == ["nhso", "doc"]


def test_a_ร่วมกับ_b_ลงนาม_and_x_โดย_y_are_all_parties() -> None:
    text = ("กระทรวงยุติธรรม โดยกรมราชทัณฑ์ ร่วมกับ กระทรวงสาธารณสุข โดยกรมควบคุมโรค และ"
            "สำนักงานหลักประกันสุขภาพแห่งชาติ ลงนามบันทึกความร่วมมือเพื่อพัฒนาระบบการป้องกันควบคุมโรค"
            "สำหรับผู้ต้องขังในเรือนจำ")
    assert detect(text)["parties"] == ["moj", "doc", "moph", "ddc", "nhso"]


def test_the_parent_ministry_of_a_signing_office_is_an_affiliation() -> None:
    text = ("สำนักงานประกันสังคม (สปส.) กระทรวงแรงงาน ลงนามบันทึกข้อตกลงกับกรมควบคุมโรค"
            " เพื่อดูแลผู้ประกันตน")
    assert detect(text)["parties"] == ["sso", "ddc"]


def test_a_list_of_signatories_after_ประกอบด้วย() -> None:
    text = ("วันที่ 16 กุมภาพันธ์ 2555 ที่โรงแรมวสุ จังหวัดมหาสารคาม มีพิธีลงนามบันทึกข้อตกลงความร่วมมือ"
            " เพื่อพัฒนาระบบบริหารจัดการกองทุนหลักประกันสุขภาพระดับท้องถิ่น ระหว่าง 4 หน่วยงาน ประกอบด้วย"
            " เทศบาลตำบลบรบือ องค์การบริหารส่วนตำบลวังใหม่ มหาวิทยาลัยขอนแก่น"
            " สำนักงานหลักประกันสุขภาพแห่งชาติ"
            " โดยมี นายแพทย์สมชาย ใจดี ผู้ตรวจราชการกระทรวงสาธารณสุข เป็นพยานในการลงนาม")
    dates = [day(text, "วันที่ 16 กุมภาพันธ์ 2555", "2012-02-16")]
    result = detect(text, dates)
    assert result["parties"] == ["municipality:บรบือ", "sao:วังใหม่", "kku", "nhso"]
    assert result["date"] == "2012-02-16"
    assert result["place"] == "โรงแรมวสุ จังหวัดมหาสารคาม"


def test_signatories_listed_after_this_signing_in_a_later_paragraph() -> None:
    text = ("วันนี้ กระทรวงสาธารณสุข ลงนามความร่วมมือ 4 หน่วยงาน สร้างเครือข่ายพัฒนาบุคลากร\n"
            "ผู้บริหารทุกหน่วยงานร่วมแถลงข่าวที่ทำเนียบรัฐบาล\n"
            "รัฐมนตรีกล่าวว่า ความร่วมมือนี้จะช่วยผลิตบุคลากรตามความต้องการของประเทศ\n"
            "สำหรับหน่วยงานที่ลงนามความร่วมมือในครั้งนี้ ประกอบด้วย กรมควบคุมโรค "
            "สำนักงานหลักประกันสุขภาพแห่งชาติ และกรมส่งเสริมการปกครองท้องถิ่น")
    # no title given: the first line is the headline, so moph comes from there, after the list
    assert detect(text)["parties"] == ["ddc", "nhso", "dla", "moph"]
    assert detect(text, title="ลงนามความร่วมมือ")["parties"] == ["moph", "ddc", "nhso", "dla"]


def test_agencies_only_named_elsewhere_are_not_parties() -> None:
    text = ("สำนักงานประกันสังคม ลงนามบันทึกข้อตกลงกับกรมควบคุมโรค เพื่อคัดกรองวัณโรคในสถานประกอบการ\n"
            "ก่อนหน้านี้ สปสช. และ กทม. ได้รณรงค์ตรวจคัดกรองในชุมชนไปแล้ว")
    assert detect(text)["parties"] == ["sso", "ddc"]


def test_title_parties_come_after_the_signing_passage() -> None:
    title = "สปส. ลงนามบันทึกข้อตกลงกับ มหาวิทยาลัยขอนแก่น ผ่าตัดหัวใจผู้ประกันตน"
    text = "สำนักงานประกันสังคม ลงนามบันทึกข้อตกลงกับคณะแพทยศาสตร์ เพื่อให้ผู้ประกันตนได้รับการผ่าตัด"
    assert detect(text, title=title)["parties"] == ["sso", "kku"]


def test_a_partnership_with_no_known_party() -> None:
    text = "รัฐบาลลงนามบันทึกข้อตกลงความร่วมมือกับบริษัทเอกชน เพิ่มจุดบริการสุขภาพในปั๊มน้ำมัน"
    result = detect(text)
    assert result["is_partnership"] is True
    assert result["parties"] == []


# --------------------------------------------------------------------------------------------
# Date, place, programme
# --------------------------------------------------------------------------------------------

def test_date_is_the_day_nearest_the_signing_not_a_year_in_a_name() -> None:
    text = ("เมื่อวันที่ 3 มีนาคม 2567 สปสช. ลงนามบันทึกข้อตกลงโครงการพัฒนาระบบข้อมูล ปี 2567"
            " กับกรมควบคุมโรค ส่วนการประชุมครั้งต่อไปจะจัดในวันที่ 30 เมษายน 2567")
    dates = [day(text, "วันที่ 3 มีนาคม 2567", "2024-03-03"),
             day(text, "ปี 2567", "2024-01-01", "year", "2024-12-31"),
             day(text, "วันที่ 30 เมษายน 2567", "2024-04-30")]
    assert detect(text, dates, published="2024-03-04")["date"] == "2024-03-03"


def test_date_falls_back_to_publication() -> None:
    text = "สปสช. ลงนามบันทึกข้อตกลงกับกรมควบคุมโรค"
    assert detect(text, published="2024-03-04")["date"] == "2024-03-04"
    assert detect(text)["date"] is None


def test_real_date_mention_objects_are_accepted() -> None:
    thai_dates = pytest.importorskip("nlp.thai_dates")
    text = "วันที่ 20 พ.ค. 2567 สปสช. ร่วมลงนาม MOU กับ ธ.ก.ส."
    mentions = thai_dates.find_dates(text)
    result = detect_partnership(text, agencies(text), mentions, None, "")
    assert result["date"] == "2024-05-20"


@pytest.mark.parametrize(("text", "place"), [
    ("สปสช. ลงนาม MOU กับ ธ.ก.ส. ณ ห้องประชุมชั้น 3 โรงแรมเซ็นทารา เมื่อวันที่ 5 มีนาคม",
     "ห้องประชุมชั้น 3 โรงแรมเซ็นทารา"),
    ("สปสช. ลงนาม MOU กับ ธ.ก.ส. ที่ศาลากลางจังหวัดขอนแก่น โดยมีผู้ว่าราชการจังหวัดเป็นประธาน",
     "ศาลากลางจังหวัดขอนแก่น"),
    ("วันนี้ ณ ทำเนียบรัฐบาล นายสมชาย ใจดี รัฐมนตรี เป็นประธานพิธีลงนาม MOU ระหว่าง สปสช. กับ ธ.ก.ส.",
     "ทำเนียบรัฐบาล"),
    ("ณ วันที่ 1 มกราคม สปสช. ลงนาม MOU กับ ธ.ก.ส.", None),
])
def test_place_is_the_venue_up_to_a_boundary(text: str, place: str | None) -> None:
    assert detect(text)["place"] == place


@pytest.mark.parametrize(("text", "programme"), [
    ("สปสช. ลงนาม MOU “พัฒนาการใช้ประโยชน์ข้อมูลขนาดใหญ่” (Big Data) กับ ธ.ก.ส.",
     "พัฒนาการใช้ประโยชน์ข้อมูลขนาดใหญ่"),
    ("สปสช. ลงนามบันทึกข้อตกลงความร่วมมือในโครงการสินเชื่อที่อยู่อาศัยเพื่อผู้ประกันตน"
     " ระหว่าง สปส. กับ ธ.ก.ส.",
     "โครงการสินเชื่อที่อยู่อาศัยเพื่อผู้ประกันตน"),
    ("สปสช. ลงนาม MOU กับ ธ.ก.ส. เพื่อพัฒนาระบบการเงินของหน่วยบริการ", None),
])
def test_programme_is_the_named_project(text: str, programme: str | None) -> None:
    assert detect(text)["programme"] == programme


def test_a_speaker_in_quotes_is_not_a_programme() -> None:
    title = "“วราวุธ” เผย พม. เป็นเจ้าภาพจัด เซ็น MOU 29 หน่วยงาน ปรับปรุงฐานข้อมูลกลุ่มเปราะบาง"
    assert detect("รายละเอียดการลงนามครั้งนี้จะเผยแพร่ภายหลัง", title=title)["programme"] is None


# --------------------------------------------------------------------------------------------
# Hostile input and speed
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "ลงนาม" * 20_000,
    "บันทึกข้อตกลง " * 8_000,
    "MOU " * 25_000,
    "\x00\x01\x02" * 30_000,
    "the quick brown fox " * 5_000,
    "ณ ห้อง" * 20_000 + " ลงนาม MOU",
    "",
])
def test_hostile_input_finishes_fast(text: str) -> None:
    start = time.perf_counter()
    result = detect_partnership(text, [], [], None, "")
    assert time.perf_counter() - start < 0.5
    assert isinstance(result["is_partnership"], bool)


ARTICLE = (
    "สปสช. - ธ.ก.ส. ร่วม MOU พัฒนาผู้นำด้านหลักประกันสุขภาพ\n"
    "วันจันทร์ที่ 20 พฤษภาคม 2567\n" + MOU_TEXT + "\n"
    + "ด้านนายสมศักดิ์ กล่าวว่า ธ.ก.ส. พร้อมสนับสนุนเกษตรกรให้เข้าถึงสิทธิบัตรทองผ่านแอปพลิเคชัน "
    "และจะขยายผลไปยังสาขาทั่วประเทศภายในปี 2568\n"
    + "นพ.สมชาย กล่าวต่อว่า ที่ผ่านมา สปสช. ได้ร่วมมือกับหน่วยงานต่าง ๆ ในการพัฒนาบุคลากร "
    "ทั้งด้านการบริหารกองทุน การวางแผนเชิงกลยุทธ์ และการสื่อสารกับประชาชน เพื่อให้ระบบหลักประกันสุขภาพ"
    "ถ้วนหน้ามีความเข้มแข็งและยั่งยืน โดยเฉพาะในพื้นที่ห่างไกลที่ยังขาดแคลนบุคลากร\n" * 8
)[:2000]


def test_a_realistic_2000_character_article() -> None:
    text = ARTICLE
    assert len(text) == 2000
    found = agencies(text)
    dates = [day(text, "วันที่ 20 พ.ค. 2567", "2024-05-20")]
    assert detect_partnership(text, found, dates, None, "")["is_partnership"] is True
    # Speed is measured by bench/nlp_throughput.py, not asserted in unit tests.


# --------------------------------------------------------------------------------------------
# With the real agency and date finders (skipped when they are unavailable)
# --------------------------------------------------------------------------------------------

def _real_modules() -> tuple[Any, Any]:
    try:
        from nlp.agencies import find_agencies
        from nlp.thai_dates import find_dates
    except Exception as exc:  # noqa: BLE001 - any import failure means "not ready"
        pytest.skip(f"agency or date finder unavailable: {exc}")
    return find_agencies, find_dates


def _seed(name: str) -> str:
    from conftest import corpus_path

    from nlp.normalize import normalize_text

    return normalize_text(corpus_path(f"seeds/{name}").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("seed", "expected"), [
    ("000_fb933b91a0939c2a.txt", False),  # talks about a future MOU
    ("001_4bf844eca7eb9bff.txt", False),  # a study visit
    ("002_894168bcdf1f1987.txt", True),  # 8 agencies sign
    ("003_faae7860b5c8eddc.txt", True),  # NHSO, BAAC and the institute sign an MOU
    ("004_66bd7779ad6b9426.txt", False),  # a workshop
])
def test_seed_articles_with_real_finders(seed: str, expected: bool) -> None:
    find_agencies, find_dates = _real_modules()
    text = _seed(seed)
    title, _, body = text.partition("\n")
    result = detect_partnership(body, find_agencies(body), find_dates(body), None, title)
    assert result["is_partnership"] is expected


def test_seed_mou_details_with_real_finders() -> None:
    find_agencies, find_dates = _real_modules()
    text = _seed("003_faae7860b5c8eddc.txt")
    title, _, body = text.partition("\n")
    result = detect_partnership(body, find_agencies(body), find_dates(body), None, title)
    assert result["kind"] == "MOU"
    assert result["parties"][:2] == ["nhso", "baac"]
    assert result["date"] == "2024-05-20"
    assert result["programme"].startswith("โครงการฝึกอบรมผู้นำด้านหลักประกันสุขภาพ รุ่น 2")
    assert result["place"] == "สำนักงานหลักประกันสุขภาพแห่งชาติ ศูนย์ราชการเฉลิมพระเกียรติ อาคารบี"
