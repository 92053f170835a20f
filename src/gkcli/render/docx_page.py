"""The page of a Word report as GB/T 9704-2012 lays out an official document.

A4 with a 156 × 225 mm type area (top 37, left 28 mm), 22 lines a page; title 二号
方正小标宋简体, body 三号 仿宋_GB2312, first-level headings 黑体, second-level 楷体_GB2312;
page numbers 四号 宋体 as 「— 1 —」 below the type area, odd pages right and even pages
left, one character in from the edge. Font names are set for East Asian text
(`w:eastAsia`) and declared in the font table with a common alternative name and the
GB2312 character set, so a machine without the official fonts falls back to a similar one.
"""

from __future__ import annotations

PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TYPE_AREA_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]  # 156
LINE_PT = 29  # 225 mm / 22 lines

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
TABLE_FONT = "宋体"
PAGE_NUMBER_FONT = "宋体"
# 号 in points: 二号 22, 三号 16, 四号 14
TITLE_PT, BODY_PT, PAGE_NUMBER_PT = 22, 16, 14

# Declared in the font table: (alternative name, family) for a machine without the font.
FALLBACKS = {
    TITLE_FONT: ("宋体", "roman"),
    BODY_FONT: ("仿宋", "modern"),
    HEADING1_FONT: ("SimHei", "modern"),
    HEADING2_FONT: ("楷体", "modern"),
    TABLE_FONT: ("SimSun", "roman"),
}


def set_font(element, name: str, size: float | None = None, bold: bool | None = None) -> None:
    """Font of a style or run, for Latin and East Asian text alike (theme fonts removed)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    element.font.name = name
    if size is not None:
        element.font.size = Pt(size)
    if bold is not None:
        element.font.bold = bold
    rfonts = element.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        rfonts.set(qn(attr), name)


def setup(doc) -> None:
    """Page size, margins, styles, font table and page numbers of a new document."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Mm, Pt, RGBColor

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    for edge, mm in MARGINS_MM.items():
        setattr(section, f"{edge}_margin", Mm(mm))
    normal = doc.styles["Normal"]
    set_font(normal, BODY_FONT, BODY_PT)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(LINE_PT)
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = 0
    normal.paragraph_format.widow_control = True
    for name, font, size in (("Title", TITLE_FONT, TITLE_PT), ("Heading 1", HEADING1_FONT, BODY_PT), ("Heading 2", HEADING2_FONT, BODY_PT)):
        style = doc.styles[name]
        set_font(style, font, size, bold=False)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.italic = False
        fmt = style.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(LINE_PT if name != "Title" else 36)
        fmt.space_before = fmt.space_after = 0
        fmt.keep_with_next = True
        if name != "Title":
            fmt.first_line_indent = Pt(BODY_PT * 2)
    doc.styles["Title"].paragraph_format.space_after = Pt(LINE_PT)  # one blank line under the title
    for edge in doc.styles["Title"].element.xpath(".//w:pBdr"):  # the default title is underlined
        edge.getparent().remove(edge)
    _chinese(doc)
    _declare_fonts(doc)
    _page_numbers(doc, section)


def _chinese(doc) -> None:
    """Mark East Asian text as Simplified Chinese (the default template says English), so a
    fallback font shows mainland glyphs; and drop the template's theme fonts."""
    from docx.oxml.ns import qn

    rpr = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is None:
        return
    for lang in rpr.findall(qn("w:lang")):
        lang.set(qn("w:eastAsia"), "zh-CN")
    for fonts in rpr.findall(qn("w:rFonts")):
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
            fonts.set(qn(attr), BODY_FONT)


def _declare_fonts(doc) -> None:
    """Add the report's fonts to the font table (a plain part in python-docx: edited as bytes)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.opc.oxml import serialize_part_xml

    part = doc.part.part_related_by(RT.FONT_TABLE)
    table = parse_xml(part.blob)
    for name, (alt, family) in FALLBACKS.items():
        for old in table.findall(qn("w:font")):
            if old.get(qn("w:name")) == name:
                table.remove(old)
        table.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
                f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
            )
        )
    part._blob = serialize_part_xml(table)


def _page_numbers(doc, section) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc.settings.odd_and_even_pages_header_footer = True
    # The number's line sits 7 mm below the type area.
    section.footer_distance = Mm(MARGINS_MM["bottom"] - 7) - Pt(PAGE_NUMBER_PT)
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.alignment = align
        fmt = p.paragraph_format
        fmt.first_line_indent = 0
        fmt.line_spacing = 1.0
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            fmt.right_indent = Pt(PAGE_NUMBER_PT)
        else:
            fmt.left_indent = Pt(PAGE_NUMBER_PT)
        set_font(p.add_run("— "), PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
        _page_field(p)
        set_font(p.add_run(" —"), PAGE_NUMBER_FONT, PAGE_NUMBER_PT)


def _page_field(paragraph) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    run = paragraph.add_run()
    set_font(run, PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
    r = run._r
    r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>'))
    r.append(parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"> PAGE </w:instrText>'))
    r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>'))
    r.append(parse_xml(f'<w:t {nsdecls("w")}>1</w:t>'))
    r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))
