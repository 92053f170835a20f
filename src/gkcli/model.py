"""Immutable records of a book: what the ledgers say happened, with where they say it.

Records hold only codes from `spec`, real `date`s and `Decimal` money in 元. The
`source` of a record is excluded from equality so the same fact read from two
places compares equal (used to detect duplicates after a merge).

Records are named tuples: a large book holds hundreds of thousands of them, and a
tuple is made several times faster than a frozen dataclass instance, its class is
made faster too (appends import this module), and it is just as immutable.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from .errors import Source

if TYPE_CHECKING:  # money fields hold Decimals; `decimal` is imported where they are made (appends seldom need it)
    from decimal import Decimal

NOWHERE = Source("")


class Case(NamedTuple):
    """A disclosure application (政府信息公开申请) as received."""

    id: str
    received: date
    applicant: str  # spec.APPLICANT_TYPES code
    channel: str = ""  # spec.CASE_CHANNELS code
    subject: str = ""
    confirmed: date | None = None  # letter/online/fax: the day receipt was confirmed (第三十一条)
    # personal data (条例第二十九条): kept in the ledger, never shown in a report, masked in listings
    name: str = ""
    id_number: str = ""
    phone: str = ""
    address: str = ""  # where letters to the applicant are sent (notices)
    source: Source = NOWHERE  # last: not part of the fact (see _same_fact)

    @property
    def receipt(self) -> date:
        """The legal receipt date (第三十一条) from which the answer clock runs."""
        return self.confirmed or self.received


class CaseStep(NamedTuple):
    """A dated fact about a case after its receipt; `kind` names it (spec.CASE_STEPS code)."""

    kind: str
    case: str
    date: date
    outcome: str = ""  # answer: spec.OUTCOMES code
    amend: bool = False  # answer: replaces the case's earlier answer (更正)
    period: int | None = None  # correction_requested: working days given to the applicant
    days: int | None = None  # extension: working days added
    approver: str = ""  # extension: who approved it
    party: str = ""  # consultation: spec.CONSULT_PARTIES code
    amount: Decimal | None = None  # fee_notice: 元 billed
    method: str = ""  # fee_notice: spec.FEE_METHODS code
    late: str = ""  # a clock step taken after the period ran out: why (it then changes no deadline)
    source: Source = NOWHERE  # last: not part of the fact (see _same_fact)


class Event(NamedTuple):
    """A proactive-disclosure fact: decisions, documents, stock assertions, fees, publications."""

    kind: str  # spec.EVENT_KINDS code
    date: date
    count: int = 1
    amount: Decimal | None = None  # 元, for kind "fee"
    title: str = ""
    channel: str = ""  # spec.PUBLICATION_CHANNELS code, for kind "publication"
    category: str = ""  # spec.PUBLICATION_CATEGORIES code, for kind "publication"
    id: str = ""  # E<year>-NNNN; "" in books written before events had ids (see event_ids.py)
    source: Source = NOWHERE  # last: not part of the fact (see _same_fact)


class Review(NamedTuple):
    """A 行政复议 or 行政诉讼 in which this agency answers for its disclosure work."""

    id: str
    kind: str  # spec.REVIEW_GROUPS code
    filed: date
    case: str = ""
    source: Source = NOWHERE  # last: not part of the fact (see _same_fact)


class Decision(NamedTuple):
    review: str
    date: date
    result: str  # spec.REVIEW_RESULTS code
    amend: bool = False  # replaces the review's earlier decision (更正)
    source: Source = NOWHERE  # last: not part of the fact (see _same_fact)


class CaseAmend(NamedTuple):
    """A correction of a case as received: each field given replaces the case's (更正)."""

    id: str  # the case corrected
    date: date  # when the correction was entered
    reason: str
    received: date | None = None
    confirmed: date | None = None
    applicant: str = ""
    channel: str = ""
    subject: str = ""
    source: Source = NOWHERE


class EventAmend(NamedTuple):
    """A correction of an event: each field given replaces the event's."""

    id: str  # the event corrected (its id, or the id derived for an old id-less event)
    date: date  # when the correction was entered
    reason: str
    event_date: date | None = None  # the event's own date, corrected
    count: int | None = None
    amount: Decimal | None = None
    title: str = ""
    source: Source = NOWHERE


class ReviewAmend(NamedTuple):
    """A correction of a 行政复议 or 行政诉讼 as filed: each field given replaces the review's."""

    id: str  # the review corrected
    date: date  # when the correction was entered
    reason: str
    kind: str = ""
    filed: date | None = None
    case: str = ""
    source: Source = NOWHERE


class Void(NamedTuple):
    """A record entered by mistake (作废): it leaves every table, and a case's steps go with it."""

    target: str  # what is voided: "case", "event" or "review"
    id: str
    date: date  # when the void was entered
    reason: str
    source: Source = NOWHERE


class Close(NamedTuple):
    """A year's figures as published (定稿): the three tables and their fingerprint."""

    year: int
    date: date
    fingerprint: str  # sha256 of `figures`
    figures: str  # the three tables as canonical JSON (closing.py)
    source: Source = NOWHERE


class Reopen(NamedTuple):
    """A deliberate change to a closed year: the close no longer binds until the year is closed again."""

    year: int
    date: date
    reason: str
    source: Source = NOWHERE


class Notice(NamedTuple):
    """A letter issued to an applicant (告知书): numbered once, so it can be produced again identically."""

    case: str
    kind: str  # spec.NOTICE_KINDS code: which step of the case the letter is about
    number: str  # the letter's number as issued (文号), e.g. 东二营镇依申答复〔2024〕3号
    seq: int  # its place in the sequence of its year (and kind, when the pattern names the kind)
    date: date  # the day the letter is dated
    step_date: date  # the date of the case step the letter is about (with `kind`, names the step)
    outcome: str = ""  # an answer letter: the outcome it told (a corrected answer of the same day is another step)
    source: Source = NOWHERE


class CalendarDay(NamedTuple):
    """A book's own working-day fact (holidays.toml): a closure, or a year the package lacks."""

    date: date
    workday: bool
    name: str = ""
    source: Source = NOWHERE  # last: not part of the fact (see _same_fact)


class BookConfig(NamedTuple):
    agency: str
    kind: str = "government"  # spec.AGENCY_KINDS code
    schema: int = 1
    fee_decimals: int | None = None  # digits of 万元 a rendered report shows; None: exact
    # [notices]: the letters to applicants (notices/)
    notice_short: str = ""  # short name of the agency in a letter's number; "" → the agency
    notice_pattern: str = ""  # how numbers are written; "" → notices.numbering.DEFAULT_PATTERN
    notice_words: tuple[tuple[str, str], ...] = ()  # kind code → word for {kind}, over the defaults
    review_body: str = ""  # 行政复议机关 named in the remedies paragraph
    court: str = ""  # 人民法院 named in the remedies paragraph
    notices_required: bool = False  # `check` warns of an answer recorded without its letter


class Book(NamedTuple):
    """Everything a book's ledgers hold, in file order."""

    config: BookConfig
    root: str
    cases: tuple[Case, ...] = ()
    steps: tuple[CaseStep, ...] = ()
    events: tuple[Event, ...] = ()
    reviews: tuple[Review, ...] = ()
    decisions: tuple[Decision, ...] = ()
    calendar: tuple[CalendarDay, ...] = ()  # holidays.toml: days that override the State Council calendar
    calendar_years: tuple[int, ...] = ()  # years holidays.toml describes completely
    amendments: tuple[CaseAmend | EventAmend | ReviewAmend, ...] = ()  # already applied to the records above
    voids: tuple[Void, ...] = ()  # already applied: the voided records are not above
    closings: tuple[Close | Reopen, ...] = ()  # in the order they were made
    notices: tuple[Notice, ...] = ()  # letters issued, in reading order (part of no table)
    today: date | None = None  # the day the book is looked at; checks against "today" need it


def _same_fact(self, other) -> bool:
    """Equality of two records of one kind, wherever each was read (`source` is the last field)."""
    return type(other) is type(self) and self[:-1] == other[:-1]


def _other_fact(self, other) -> bool:
    return not _same_fact(self, other)


def _fact_hash(self) -> int:
    return hash((type(self).__name__, self[:-1]))


for _record in (Case, CaseStep, Event, Review, Decision, CaseAmend, EventAmend, ReviewAmend, Void, Close, Reopen, Notice, CalendarDay):
    _record.__eq__, _record.__ne__, _record.__hash__ = _same_fact, _other_fact, _fact_hash
