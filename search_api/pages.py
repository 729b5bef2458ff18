"""Server-rendered HTML pages: a search page that works without JavaScript, and a document page.

Everything from a document or a query is escaped here; snippets arrive already escaped with
only ``<mark>`` added by the index.
"""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import urlencode

from nlp.document import Document

_STYLE = """
body{font-family:"Noto Sans Thai","Sarabun",system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#0b4f8a;color:#fff;padding:.8rem 1.5rem}header a{color:#fff;text-decoration:none}
header h1{margin:0;font-size:1.4rem}header small{opacity:.8}
main{display:flex;gap:1.5rem;padding:1rem 1.5rem;max-width:1200px;margin:auto}
form.search{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 1.5rem;max-width:1200px}
form.search input[name=q]{flex:1 1 24rem;font-size:1.1rem;padding:.5rem}
form.search input,form.search select,form.search button{padding:.45rem;font-size:1rem}
aside{flex:0 0 16rem}aside h3{font-size:.95rem;margin:1rem 0 .3rem}aside ul{list-style:none;padding:0;margin:0}
aside li{font-size:.9rem;margin:.15rem 0}aside .n{color:#667;float:right}
section.results{flex:1}article.hit{background:#fff;border:1px solid #e1e4ea;border-radius:6px;padding:.8rem 1rem;margin:.6rem 0}
article.hit h2{font-size:1.1rem;margin:0 0 .3rem}.meta{color:#556;font-size:.85rem}
mark{background:#ffe58a;padding:0 .1em}.error{background:#fde2e1;border:1px solid #f5a3a0;padding:.6rem 1rem}
.pager a{margin-right:.8rem}.doc{background:#fff;padding:1rem 1.5rem;max-width:900px;margin:1rem auto;border-radius:6px}
.doc p{line-height:1.7}.chips span{display:inline-block;background:#e8eef6;border-radius:10px;padding:.1rem .6rem;margin:.1rem}
"""


def _layout(title: str, body: str) -> str:
    return (f'<!doctype html><html lang="th"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
            f'<header><h1><a href="/">ข่าว Khao</a></h1><small>Thai health-insurance news search</small></header>'
            f"{body}</body></html>")


def _link(params: dict[str, Any], **changes: Any) -> str:
    merged = {**params, **changes}
    pairs = [(k, v) for k, value in merged.items() if value not in (None, "", [])
             for v in (value if isinstance(value, list) else [value])]
    return "/?" + urlencode(pairs)


def _form(params: dict[str, Any]) -> str:
    def value(name: str) -> str:
        v = params.get(name)
        return escape(v[0] if isinstance(v, list) and v else (v or "") if not isinstance(v, list) else "")

    sort = params.get("sort") or "relevance"
    return (f'<form class="search" method="get" action="/" role="search">'
            f'<input name="q" value="{value("q")}" placeholder="ค้นหา เช่น หลักประกันสุขภาพ, สปสช. ภูเก็ต, gold card" autofocus>'
            f'<input name="agency" value="{value("agency")}" placeholder="หน่วยงาน (สปสช., NHSO)" size="14">'
            f'<input name="province" value="{value("province")}" placeholder="จังหวัด" size="10">'
            f'<input name="from" value="{value("from")}" placeholder="ตั้งแต่ (2560)" size="9">'
            f'<input name="to" value="{value("to")}" placeholder="ถึง" size="9">'
            f'<select name="sort"><option value="relevance"{" selected" if sort == "relevance" else ""}>ตรงที่สุด</option>'
            f'<option value="date"{" selected" if sort == "date" else ""}>ล่าสุด</option></select>'
            f'<button type="submit">ค้นหา</button></form>')


_FACET_TITLES = {"agencies": ("หน่วยงาน", "agency", "id"), "provinces": ("จังหวัด", "province", "name"),
                 "nhso_regions": ("สปสช. เขต", "region", "number"), "sources": ("แหล่งข่าว", "source", "name"),
                 "years": ("ปี", None, "value")}


def _facets(params: dict[str, Any], facets: dict[str, list[dict[str, Any]]]) -> str:
    out = []
    for kind, (heading, param, key) in _FACET_TITLES.items():
        items = facets.get(kind) or []
        if not items:
            continue
        rows = []
        for item in items[:12]:
            label = item.get("name") or str(item.get(key))
            if kind == "nhso_regions":
                label = f"เขต {item['number']} {item.get('seat', '')}"
            if kind == "years":
                link = _link(params, **{"from": item["value"], "to": item["value"], "page": None})
            else:
                link = _link(params, **{param: [str(item[key])], "page": None})  # type: ignore[arg-type]
            rows.append(f'<li><a href="{escape(link)}">{escape(label)}</a> <span class="n">{item["count"]}</span></li>')
        out.append(f"<h3>{heading}</h3><ul>{''.join(rows)}</ul>")
    return f'<aside aria-label="facets">{"".join(out)}</aside>'


def _hit(hit: dict[str, Any]) -> str:
    copies = f" · {hit['copies']} copies" if hit.get("copies", 1) > 1 else ""
    return (f'<article class="hit"><h2><a href="/documents/{escape(hit["id"])}">{escape(hit["title"] or hit["url"])}</a></h2>'
            f'<div class="meta">{escape(hit.get("published_at") or "ไม่ทราบวันที่")} · {escape(hit["source"])}{copies} · '
            f'<a href="{escape(hit["url"])}" rel="noopener">ต้นฉบับ</a></div>'
            f'<p class="snippet">{hit["snippet"]}</p></article>')


def search_page(params: dict[str, Any], result: dict[str, Any] | None, error: str | None = None) -> str:
    body = _form(params)
    if error or result is None:
        return _layout("Khao", body + f'<main><p class="error" role="alert">{escape(error or "")}</p></main>')
    page, size, total = result["page"], result["page_size"], result["total"]
    summary = f'<p class="meta" id="total">{total:,} documents</p>'
    hits = "".join(_hit(h) for h in result["hits"]) or "<p>ไม่พบเอกสาร (no documents match)</p>"
    pager = []
    if page > 1:
        pager.append(f'<a href="{escape(_link(params, page=page - 1))}">« ก่อนหน้า</a>')
    if page * size < total:
        pager.append(f'<a href="{escape(_link(params, page=page + 1))}">ถัดไป »</a>')
    body += (f'<main>{_facets(params, result["facets"])}<section class="results">{summary}{hits}'
             f'<nav class="pager">{"".join(pager)}</nav></section></main>')
    return _layout(f"{params.get('q') or 'Khao'} – Khao", body)


def document_page(doc: Document) -> str:
    chips = "".join(f"<span>{escape(a.get('name', a['id']))}</span>" for a in doc.agencies)
    places = "".join(f"<span>{escape(p['name'])}</span>" for p in doc.provinces)
    partnership = ""
    if doc.partnership.get("is_partnership"):
        parties = ", ".join(doc.partnership.get("parties", []))
        partnership = f"<p><strong>Partnership ({escape(str(doc.partnership.get('kind') or ''))}):</strong> {escape(parties)}</p>"
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in doc.text.split("\n") if line.strip())
    body = (f'<div class="doc"><h1>{escape(doc.title)}</h1>'
            f'<p class="meta">{escape(doc.published_at or "ไม่ทราบวันที่")} · {escape(doc.source)} · '
            f'<a href="{escape(doc.url)}">{escape(doc.url)}</a></p>'
            f'<div class="chips">{chips}{places}</div>{partnership}{paragraphs}</div>')
    return _layout(doc.title or "Khao", body)


def not_found(doc_id: str) -> str:
    return _layout("Not found", f'<div class="doc"><p class="error">No document with id {escape(doc_id)}.</p></div>')
