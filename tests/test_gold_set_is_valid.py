"""The hand-annotated gold set (tests/gold/entities.jsonl) is well-formed and its sources resolve.

The annotation guidelines are in tests/gold/README.md. These tests check shape only: the labels
themselves are the annotator's judgement.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "tests" / "gold"
CORPUS = REPO.parent / "shared" / "corpus"

KEYS = {"doc", "published_at", "agencies", "provinces", "nhso_regions", "dates", "partnership", "parties"}
OPTIONAL = {"source", "text", "title", "note"}
CORE_IDS = {"nhso", "moph", "sso", "cgd", "baac", "thaihealth", "hsri", "nhco", "hitap",
            "who", "ilo", "world-bank", "unicef", "jica"}
PATTERN_ID = re.compile(r"^(pao|ppho):[a-z]+(-[a-z]+)*$|^(sao|municipality|dho|hospital|sho):\S(.*\S)?$")
PROVINCES = set("""กรุงเทพมหานคร กระบี่ กาญจนบุรี กาฬสินธุ์ กำแพงเพชร ขอนแก่น จันทบุรี ฉะเชิงเทรา ชลบุรี ชัยนาท
ชัยภูมิ ชุมพร เชียงราย เชียงใหม่ ตรัง ตราด ตาก นครนายก นครปฐม นครพนม นครราชสีมา นครศรีธรรมราช นครสวรรค์
นนทบุรี นราธิวาส น่าน บึงกาฬ บุรีรัมย์ ปทุมธานี ประจวบคีรีขันธ์ ปราจีนบุรี ปัตตานี พระนครศรีอยุธยา พะเยา พังงา
พัทลุง พิจิตร พิษณุโลก เพชรบุรี เพชรบูรณ์ แพร่ ภูเก็ต มหาสารคาม มุกดาหาร แม่ฮ่องสอน ยโสธร ยะลา ร้อยเอ็ด ระนอง
ระยอง ราชบุรี ลพบุรี ลำปาง ลำพูน เลย ศรีสะเกษ สกลนคร สงขลา สตูล สมุทรปราการ สมุทรสงคราม สมุทรสาคร สระแก้ว
สระบุรี สิงห์บุรี สุโขทัย สุพรรณบุรี สุราษฎร์ธานี สุรินทร์ หนองคาย หนองบัวลำภู อ่างทอง อำนาจเจริญ อุดรธานี
อุตรดิตถ์ อุทัยธานี อุบลราชธานี""".split())


def load_gold() -> list[dict]:
    lines = (GOLD / "entities.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines, "entities.jsonl is empty"
    records = []
    for number, line in enumerate(lines, 1):
        assert line.strip(), f"line {number} is blank"
        record = json.loads(line)
        assert isinstance(record, dict), f"line {number} is not an object"
        records.append(record)
    return records


def invented_ids() -> dict[str, list[str]]:
    rows = (GOLD / "agency_ids.tsv").read_text(encoding="utf-8").splitlines()
    assert rows[0].split("\t") == ["id", "name_th", "name_en", "aliases_seen"]
    table = {}
    for row in rows[1:]:
        fields = row.split("\t")
        assert len(fields) == 4 and all(f.strip() for f in fields), f"bad agency_ids.tsv row: {row!r}"
        assert fields[0] not in table, f"duplicate id {fields[0]} in agency_ids.tsv"
        table[fields[0]] = fields
    return table


def iso(value: str) -> dt.date:
    assert isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), f"not an ISO date: {value!r}"
    return dt.date.fromisoformat(value)


def test_every_record_has_the_required_shape() -> None:
    records = load_gold()
    extra = invented_ids()
    docs = [r.get("doc") for r in records]
    assert len(docs) == len(set(docs)), "doc ids must be unique"
    for record in records:
        doc = record.get("doc")
        assert KEYS <= record.keys(), f"{doc}: missing {KEYS - record.keys()}"
        assert record.keys() <= KEYS | OPTIONAL, f"{doc}: unknown keys {record.keys() - KEYS - OPTIONAL}"
        assert isinstance(doc, str) and doc
        assert ("source" in record) != ("text" in record), f"{doc}: exactly one of source / text"
        if record["published_at"] is not None:
            iso(record["published_at"])

        agencies = record["agencies"]
        assert all(isinstance(a, str) for a in agencies)
        assert agencies == sorted(set(agencies)), f"{doc}: agencies not sorted/unique"
        unknown = [a for a in agencies if a not in CORE_IDS and a not in extra and not PATTERN_ID.match(a)]
        assert not unknown, f"{doc}: ids neither core, pattern nor in agency_ids.tsv: {unknown}"

        provinces = record["provinces"]
        assert provinces == sorted(set(provinces)), f"{doc}: provinces not sorted/unique"
        assert set(provinces) <= PROVINCES, f"{doc}: not official province names: {set(provinces) - PROVINCES}"

        regions = record["nhso_regions"]
        assert all(type(n) is int and 1 <= n <= 13 for n in regions), f"{doc}: bad NHSO region {regions}"
        assert regions == sorted(set(regions)), f"{doc}: nhso_regions not sorted/unique"

        dates = record["dates"]
        pairs = [tuple(p) for p in dates]
        assert all(isinstance(p, list) and len(p) == 2 for p in dates), f"{doc}: dates must be [start, end] pairs"
        assert pairs == sorted(set(pairs)), f"{doc}: dates not sorted/unique"
        for start, end in pairs:
            assert dt.date(1900, 1, 1) <= iso(start) <= iso(end) <= dt.date(2100, 12, 31), \
                f"{doc}: bad range {start}..{end}"

        assert type(record["partnership"]) is bool
        parties = record["parties"]
        assert parties == sorted(set(parties)), f"{doc}: parties not sorted/unique"
        assert set(parties) <= set(agencies), f"{doc}: parties not among agencies: {set(parties) - set(agencies)}"
        if not record["partnership"]:
            assert parties == [], f"{doc}: parties given without a partnership"

        if "text" in record:
            assert 300 <= len(record["text"]) <= 1500, f"{doc}: inline text is {len(record['text'])} characters"
            assert isinstance(record.get("title", ""), str)
        else:
            source = record["source"]
            assert source.get("corpus") in {"seeds", "thaigov-health"}, f"{doc}: unknown corpus"
            key = "file" if source["corpus"] == "seeds" else "id"
            assert set(source) == {"corpus", key}, f"{doc}: source needs corpus and {key}"


def test_every_invented_id_is_used() -> None:
    used = {a for record in load_gold() for a in record["agencies"]}
    unused = set(invented_ids()) - used
    assert not unused, f"agency_ids.tsv lists ids no document uses: {sorted(unused)}"


def test_the_set_is_large_and_varied_enough() -> None:
    records = load_gold()
    kinds = {"seeds": 0, "thaigov-health": 0, "inline": 0}
    for record in records:
        kinds[record["source"]["corpus"] if "source" in record else "inline"] += 1
    assert kinds["seeds"] >= 5 and kinds["thaigov-health"] >= 32 and kinds["inline"] >= 27, kinds
    assert len(records) >= 64
    positives = sum(r["partnership"] for r in records)
    assert 15 <= positives <= len(records) - 15, "both partnership classes need real support"


def test_seed_sources_exist() -> None:
    seeds = CORPUS / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"{seeds} is absent (the shared corpus is only on the team's machines and CI)")
    for record in load_gold():
        source = record.get("source") or {}
        if source.get("corpus") == "seeds":
            assert (seeds / source["file"]).is_file(), f"{record['doc']}: seed file {source['file']} is missing"


def test_thaigov_sources_exist() -> None:
    path = CORPUS / "thaigov-health.jsonl.gz"
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared corpus is only on the team's machines and CI)")
    wanted = {r["source"]["id"]: r["doc"] for r in load_gold()
              if r.get("source", {}).get("corpus") == "thaigov-health"}
    found = set()
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            identifier = json.loads(line)["id"]
            if identifier in wanted:
                found.add(identifier)
    assert found == set(wanted), f"thaigov ids not in the corpus: {sorted(set(wanted) - found)}"
    assert all(doc == identifier for identifier, doc in wanted.items()), "thaigov docs are named by their corpus id"
