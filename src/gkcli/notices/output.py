"""A letter as Markdown, HTML or Word (the page of an official document: render/docx_page.py).

The addressee line (ending in a colon) is not indented; the number stands centred under the
title; the agency and the date that close the letter are set to the right, the date four
characters in from the edge (GB/T 9704-2012 7.3.5).
"""

from __future__ import annotations

import io
from datetime import date, datetime
from html import escape

from .letter import HEADING, Block, Letter

BODY, ADDRESSEE, NUMBER, SIGNATURE = "body", "addressee", "number", "signature"


def roles(letter: Letter) -> list[tuple[str, Block]]:
    """Each block after the title with how it is set."""
    out = []
    seen_body = False
    for block in letter.blocks:
        text = block.text
        if text == letter.number:
            role = NUMBER
        elif text in (letter.agency, letter.day) and seen_body:
            role = SIGNATURE
        elif text.endswith(("：", ":")) and len(text) <= 40 and not seen_body:
            role = ADDRESSEE
        else:
            role = BODY
            seen_body = True
        out.append((role, block))
    return out


def markdown(letter: Letter) -> str:
    parts = [f"# {letter.title}"] if letter.title else []
    for _, block in roles(letter):
        parts.append(f"## {block.text}" if block.kind == HEADING else block.text)
    return "\n\n".join(parts) + "\n"


CSS = """body { font-family: "仿宋_GB2312", "仿宋", FangSong, serif; font-size: 16pt; line-height: 29pt; }
main { max-width: 156mm; margin: 2em auto; }
h1 { font-family: "方正小标宋简体", "宋体", SimSun, serif; font-size: 22pt; font-weight: normal; text-align: center; line-height: 36pt; margin: 0 0 29pt; }
h2 { font-family: "黑体", SimHei, sans-serif; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }
p { margin: 0; text-indent: 2em; }
p.addressee { text-indent: 0; }
p.number { text-indent: 0; text-align: center; }
p.signature { text-indent: 0; text-align: right; padding-right: 4em; }
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }"""


def html(letter: Letter) -> str:
    body = [f"<h1>{escape(letter.title)}</h1>"] if letter.title else []
    for role, block in roles(letter):
        if block.kind == HEADING:
            body.append(f"<h2>{escape(block.text)}</h2>")
        else:
            cls = "" if role == BODY else f' class="{role}"'
            body.append(f"<p{cls}>{escape(block.text)}</p>")
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(letter.title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


def docx(letter: Letter) -> bytes:
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    from ..render import docx_page

    out = Docx()
    docx_page.setup(out)
    out.core_properties.title = letter.title
    out.core_properties.author = letter.agency
    out.core_properties.created = out.core_properties.modified = datetime(*letter.dated.timetuple()[:3])
    if letter.title:
        title = out.add_paragraph(letter.title, style="Title")
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    indent = Pt(docx_page.BODY_PT * 2)
    for role, block in roles(letter):
        if block.kind == HEADING:
            out.add_heading(block.text, level=1)
            continue
        p = out.add_paragraph(block.text)
        fmt = p.paragraph_format
        if role == BODY:
            fmt.first_line_indent = indent
        elif role == NUMBER:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fmt.space_after = Pt(docx_page.LINE_PT)
        elif role == SIGNATURE:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            fmt.right_indent = indent * 2
    buffer = io.BytesIO()
    out.save(buffer)
    return _dated(buffer.getvalue(), letter.dated)


def _dated(data: bytes, day: date) -> bytes:
    """The file's parts stamped with the letter's date, not the time it was made: a letter produced
    again is the same file, byte for byte."""
    import zipfile

    made = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in made.infolist():
            part = zipfile.ZipInfo(info.filename, date_time=(day.year, day.month, day.day, 0, 0, 0))
            part.compress_type = zipfile.ZIP_DEFLATED
            part.external_attr = info.external_attr
            out.writestr(part, made.read(info.filename))
    return buffer.getvalue()


def render(letter: Letter, fmt: str) -> str | bytes:
    return {"md": markdown, "html": html, "docx": docx}[fmt](letter)
