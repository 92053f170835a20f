"""The tally: pure functions from a book's records and a year to the report tables.

No I/O and no printing here; the year-assignment rules are spec §2–§4.
"""

from __future__ import annotations

from ..model import Book
from ..tables import Tables
from .applications import tally_case_keys
from .fees import tally_processing_fees
from .proactive import tally_proactive, tally_publications
from .review import tally_review


def tally(book: Book, year: int) -> Tables:
    from ..derived import answers_and_others, book_case_keys  # here, not above: derived → clock.answer_due

    return Tables(
        year=year,
        agency=book.config.agency,
        proactive=tally_proactive(book.events, year),
        applications=tally_case_keys(book_case_keys(book), year),
        review=tally_review(book.reviews, book.decisions, year),
        publications=tally_publications(book.events, year),
        processing_fees=tally_processing_fees(answers_and_others(book)[1], year),  # fees are never answers
    )
