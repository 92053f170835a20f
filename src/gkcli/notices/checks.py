"""N1: an answer recorded without its letter, when the book asks for letters (`[notices] required = true`)."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import WARNING, Finding
from ..model import Book
from .issuing import letter_steps


def missing_letters(book: Book) -> Iterator[Finding]:
    if not book.config.notices_required:
        return
    issued = {(n.case, n.kind, n.step_date, n.outcome) for n in book.notices}
    for case in book.cases:
        answers = [s for s in letter_steps(book, case.id) if s.kind == "answer"]
        for step in answers:
            if (case.id, "answer", step.date, step.outcome) not in issued:
                yield Finding(
                    "N1", WARNING,
                    f"案件「{case.id}」{step.date} 的答复没有出具答复告知书；运行 gkcli notice {case.id} 出具并编号",
                    str(step.source),
                )
