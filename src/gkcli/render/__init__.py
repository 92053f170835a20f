"""Renderers: report tables → text in one output format. No arithmetic here.

`RENDERERS` maps a format name to the module that renders it; modules are imported
only when their format is asked for, so start-up stays cheap.
"""

from __future__ import annotations

from importlib import import_module

RENDERERS = {"terminal": "terminal", "md": "markdown", "json": "json_out"}
SUFFIXES = {".md": "md", ".markdown": "md", ".json": "json", ".txt": "terminal"}


def renderer(fmt: str):
    return import_module(f"{__name__}.{RENDERERS[fmt]}")
