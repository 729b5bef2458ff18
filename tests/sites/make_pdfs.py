"""Generate the two PDF attachments of the `nhso` test site into tests/sites/files/.

Run once by hand; the tests only read the generated files, so nothing here is needed at test time.
It needs what the tests do not: `pip install fpdf2` (which brings Pillow) and a Thai TrueType font
(Debian: `apt-get install fonts-thai-tlwg`).

    python -m tests.sites.make_pdfs

Two files, because real attachments come in two kinds that a crawler must tell apart:

- ``mou-nhso-baac-2567.pdf``: a born-digital PDF with a Thai text layer; its phrases in
  ``TEXT_PDF_PHRASES`` are exactly what pypdf extracts from it.
- ``scanned-announcement-rawai.pdf``: a scanned paper notice, one greyscale raster image per page
  and no text layer at all, so text extraction yields nothing (only OCR could read it).
"""

from __future__ import annotations

import io
import random
from pathlib import Path

FILES = Path(__file__).resolve().parent / "files"
FONT = Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf")  # a Sarabun-like face, as in official letters
TEXT_PDF = FILES / "mou-nhso-baac-2567.pdf"
SCANNED_PDF = FILES / "scanned-announcement-rawai.pdf"

# Our own text. Each line is one line of the PDF; the phrases the site data expects are cut from it.
TEXT_PDF_PAGES: list[list[str]] = [
    [
        "สรุปสาระสำคัญบันทึกข้อตกลงความร่วมมือ",
        "ระหว่าง สำนักงานหลักประกันสุขภาพแห่งชาติ กับ ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร",
        "ลงนามเมื่อวันที่ 20 พฤษภาคม 2567 ณ สำนักงานใหญ่ ธ.ก.ส. กรุงเทพมหานคร",
        "",
        "1. วัตถุประสงค์ เพื่อขยายจุดบริการตรวจสอบสิทธิหลักประกันสุขภาพแห่งชาติไปยังสาขาของ ธ.ก.ส.",
        "2. ระยะเวลา ข้อตกลงมีผลใช้บังคับเป็นเวลา 3 ปี นับแต่วันลงนาม",
        "3. พื้นที่นำร่อง 12 จังหวัด ได้แก่ เชียงราย น่าน อุดรธานี ขอนแก่น นครราชสีมา สุรินทร์",
        "   ชัยนาท ราชบุรี จันทบุรี สุราษฎร์ธานี ตรัง และยะลา",
        "4. สปสช. จัดอบรมพนักงานสาขาและเปิดสิทธิการใช้ระบบตรวจสอบสิทธิ",
        "5. ธ.ก.ส. จัดพื้นที่บริการในสาขาและประชาสัมพันธ์แก่ลูกค้าเกษตรกร",
    ],
    [
        "ภาคผนวก ก. ตัวชี้วัดความสำเร็จ",
        "จำนวนประชาชนที่ตรวจสอบสิทธิผ่านสาขาไม่น้อยกว่า 50,000 รายในปีแรก",
        "ความพึงพอใจของผู้รับบริการไม่ต่ำกว่าร้อยละ 85",
    ],
]

SCANNED_LINES = [
    "ประกาศคณะกรรมการกองทุนหลักประกันสุขภาพเทศบาลตำบลราไวย์",
    "เรื่อง หลักเกณฑ์การใช้จ่ายเงินกองทุน ปีงบประมาณ 2567",
    "",
    "ด้วยคณะกรรมการกองทุนได้พิจารณาแผนสุขภาพชุมชนแล้ว",
    "จึงประกาศหลักเกณฑ์การสนับสนุนโครงการตรวจสุขภาพเชิงรุก",
    "สำหรับผู้ประกอบอาชีพรับจ้างริมชายหาด ดังนี้",
    "1. ยื่นโครงการต่อกองทุนภายในวันที่ 31 พฤษภาคม 2567",
    "2. งบประมาณต่อโครงการไม่เกิน 50,000 บาท",
    "",
    "ประกาศ ณ วันที่ 22 เมษายน 2567",
]


def make_text_pdf() -> None:
    """A small born-digital PDF: embedded (subset) Thai font, so the text layer maps back to Unicode."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title("สรุปสาระสำคัญบันทึกข้อตกลงความร่วมมือ สปสช. - ธ.ก.ส.")
    pdf.add_font("Laksaman", fname=str(FONT))
    for lines in TEXT_PDF_PAGES:
        pdf.add_page()
        pdf.set_font("Laksaman", size=15)
        for line in lines:
            pdf.cell(0, 9, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(TEXT_PDF))


def make_scanned_pdf() -> None:
    """An image-only PDF: the notice is drawn into a greyscale bitmap (slightly skewed, speckled,
    like a photocopy fed through a scanner) and the page holds nothing but that image."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    width, height = 827, 1169  # A4 at 100 dpi: readable, yet small
    page = Image.new("L", (width, height), 246)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), 26)
    y = 110
    for line in SCANNED_LINES:
        draw.text((90, y), line, fill=25, font=font)
        y += 44
    rng = random.Random(2567)  # deterministic speckle, so regenerating gives the same file
    for _ in range(1500):
        x, yy = rng.randrange(width), rng.randrange(height)
        draw.point((x, yy), fill=rng.randrange(120, 200))
    page = page.rotate(0.8, fillcolor=246, resample=Image.BICUBIC)
    buffer = io.BytesIO()
    page.save(buffer, format="JPEG", quality=45)

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(io.BytesIO(buffer.getvalue()), x=0, y=0, w=210, h=297)
    pdf.output(str(SCANNED_PDF))


if __name__ == "__main__":
    FILES.mkdir(exist_ok=True)
    make_text_pdf()
    make_scanned_pdf()
    for path in (TEXT_PDF, SCANNED_PDF):
        print(path.name, path.stat().st_size, "bytes")
