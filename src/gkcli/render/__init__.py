"""Renderers: report tables → text in one output format. No arithmetic here.

`RENDERERS` maps a format name to the module that renders it; modules are imported
only when their format is asked for, so start-up stays cheap.
"""

from __future__ import annotations

from importlib import import_module

RENDERERS = {"terminal": "terminal", "md": "markdown", "html": "html", "docx": "docx_out", "json": "json_out", "csv": "csv_out", "xlsx": "xlsx_out"}
SUFFIXES = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".json": "json",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".txt": "terminal",
}
BINARY = frozenset({"docx", "xlsx"})  # formats that cannot go to a terminal or a pipe as text
TABLES_ONLY = frozenset({"json", "csv", "xlsx"})  # formats that hold the tables, never the narrative


def renderer(fmt: str):
    return import_module(f"{__name__}.{RENDERERS[fmt]}")
