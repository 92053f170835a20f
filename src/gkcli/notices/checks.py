"""Findings about the letters: N1 an answer recorded without its letter, when the book asks for letters
(`[notices] required = true`); N2 a number given twice (two clerks' branches merged) or a letter
about a case the book does not have."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import WARNING, Finding
from ..model import Book
from .issuing import letter_steps


def notice_findings(book: Book) -> Iterator[Finding]:
    yield from missing_letters(book)
    yield from numbers_given_twice(book)


def numbers_given_twice(book: Book) -> Iterator[Finding]:
    first: dict[str, object] = {}
    cases = {c.id for c in book.cases}
    for n in book.notices:
        if n.number in first:
            yield Finding(
                "N2", WARNING,
                f"告知书编号「{n.number}」已在 {first[n.number].source} 用过（如两人在不同分支上各自出具后合并）；两份告知书已发出的，请在账本中注明并告知申请人",
                str(n.source),
            )
        else:
            first[n.number] = n
        if n.case not in cases:
            yield Finding("N2", WARNING, f"告知书「{n.number}」所属的申请案件「{n.case}」不在账本中（或已作废）", str(n.source))


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
