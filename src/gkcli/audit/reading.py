"""What reading one published report gives: its token stream, outline and tables."""

from __future__ import annotations

from dataclasses import dataclass

from ..tables import Tables
from .outline import Outline
from .recover import Recovered
from .tokens import Stream


@dataclass(frozen=True, slots=True)
class Reading:
    path: str
    kind: str  # "text", "html", "docx" or "pdf"
    stream: Stream
    outline: Outline
    recovered: Recovered

    @property
    def tables(self) -> Tables:
        return self.recovered.tables
