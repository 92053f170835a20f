"""The answer deadline of a case (条例第三十条至第三十四条, 国办函〔2020〕109号, spec §6). Pure.

`today` (or any other "as of" day) is always passed in. Reading of the rules (docs/deadlines.md):
- the clock counts working days from the day after the receipt date (第三十一条), or,
  after a 补正, from the day after the corrected application was received (第三十条);
- while a 补正 is awaited there is no due date: the applicant's period is shown instead;
- the due date is the 20th counted working day, plus the days of the first extension
  (第三十三条第二款);
- consultation (第三十二条、第三十四条) and a fee notice (109号) stop the clock (第三十三条第三款):
  the days after the step up to and including its end are not counted. A consultation ends at
  the earlier of the recorded end (consultation_end) and the 15th working day after it was
  sent: the consulted party has 15 working days (after them the office decides alone, 第三十二条;
  another agency is deemed to agree, 第三十四条). A fee notice ends when the fee is paid;
- an extension, a consultation, a fee notice or a 补正 request taken after the period had
  run out (`limits`) changes nothing: the clock cannot be stopped once it has expired.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .. import spec
from ..model import Case, CaseStep
from .conclusion import CONCLUDING, conclusions, outcome_of
from .workdays import Calendar, guessed_years, nth_workday_after, workdays_between

# step that opens a pause -> step that closes it
PAUSES = {"consultation": "consultation_end", "fee_notice": "fee_paid"}


@dataclass(frozen=True, slots=True)
class Pause:
    kind: str  # "consultation" or "fee_notice"
    step: CaseStep
    end: date | None  # last day not counted; None while still open
    until: date | None  # the day the pause should end at the latest, if the rules say
    capped: bool = False  # ended by its statutory limit, not by the recorded end


@dataclass(frozen=True, slots=True)
class Deadline:
    case: Case
    start: date | None  # the clock counts from the day after; None while a 补正 is awaited
    due: date | None
    total: int  # working days allowed: 20 + extension
    used: int  # working days counted up to the conclusion or `as_of`
    concluded: date | None
    outcome: str
    status: str  # open | answered | overdue | answered_late
    waiting: str  # "", "correction", "consultation" or "fee_notice"
    waiting_until: date | None
    pauses: tuple[Pause, ...]
    correction: tuple[CaseStep | None, CaseStep | None]  # (requested, received)
    extension: CaseStep | None
    guessed: tuple[int, ...]  # years the working-day calendar had to guess

    @property
    def left(self) -> int:
        return self.total - self.used

    def to_json(self) -> dict:
        return {
            "due": self.due.isoformat() if self.due else None,
            "status": self.status,
            "working_days_allowed": self.total,
            "working_days_used": self.used,
            "working_days_left": self.left if self.due and not self.concluded else None,
            "waiting": self.waiting or None,
            "waiting_until": self.waiting_until.isoformat() if self.waiting_until else None,
            "calendar_guessed_years": list(self.guessed),
        }


def steps_by_case(steps: Iterable[CaseStep]) -> dict[str, list[CaseStep]]:
    """Each case's steps in date order (ties in ledger order)."""
    out: dict[str, list[CaseStep]] = defaultdict(list)
    for s in steps:
        out[s.case].append(s)
    for v in out.values():
        if len(v) > 1:
            v.sort(key=_date_of)  # stable: ties keep ledger order
    return dict(out)


def _date_of(step: CaseStep) -> date:
    return step.date


def _first(steps: list[CaseStep], kind: str, on_or_after: date | None = None) -> CaseStep | None:
    return next((s for s in steps if s.kind == kind and (on_or_after is None or s.date >= on_or_after)), None)


def _pauses(cal: Calendar, steps: list[CaseStep], end: date, concluded: date | None) -> list[Pause]:
    """Pauses begun by `end`; one still open is closed by the conclusion, if any."""
    out = []
    for kind, closing in PAUSES.items():
        for s in (s for s in steps if s.kind == kind and s.date <= end):
            closed = _first(steps, closing, s.date)
            last = closed.date if closed and closed.date <= end else concluded
            until = _pause_limit(cal, s)
            capped = kind == "consultation" and until is not None and (last or end) > until
            if capped:  # the consulted party's 15 working days are over: the clock runs again
                last = until
            out.append(Pause(kind, s, last, until, capped))
    return out


def _pause_limit(cal: Calendar, step: CaseStep) -> date | None:
    if step.kind == "fee_notice":
        return nth_workday_after(cal, step.date, spec.FEE_PAYMENT_DAYS)
    return nth_workday_after(cal, step.date, spec.CONSULTATION_DAYS)  # 第三十二条、第三十四条 alike


def correction_until(cal: Calendar, requested: CaseStep) -> date:
    return nth_workday_after(cal, requested.date, requested.period or spec.CORRECTION_PERIOD_DAYS)


def deadline(cal: Calendar, case: Case, steps: list[CaseStep], as_of: date, memo: dict | None = None) -> Deadline:
    """The deadline of one case from its own steps (date order), as of a day. `memo` keeps
    what cases received and concluded on the same days share, across calls with one `cal`."""
    if not steps:  # not answered yet, nothing else done
        return _plain_deadline(cal, case, None, "", as_of, memo)
    if len(steps) == 1 and steps[0].kind in CONCLUDING and steps[0].case == case.id:  # answered, nothing else: most cases
        ended: tuple[date, str] | None = (steps[0].date, outcome_of(steps[0]))
    else:
        ended = conclusions(steps).get(case.id)
    concluded, outcome = ended if ended and ended[0] <= as_of else (None, "")
    if all(s.kind in CONCLUDING for s in steps):
        return _plain_deadline(cal, case, concluded, outcome, as_of, memo)
    return _full_deadline(cal, case, steps, as_of, concluded, outcome)


def _full_deadline(cal: Calendar, case: Case, steps: list[CaseStep], as_of: date, concluded: date | None, outcome: str, screened: bool = False) -> Deadline:
    if not screened:
        steps = in_time(cal, case, steps)
    end = concluded or as_of
    requested = _first(steps, "correction_requested")
    requested = requested if requested and requested.date <= end else None
    received = _first(steps, "correction_received", requested.date) if requested else None
    received = received if received and received.date <= end else None
    extension = _first(steps, "extension")
    extension = extension if extension and extension.date <= end else None
    total = spec.ANSWER_DAYS + (extension.days or 0 if extension else 0)
    pauses = _pauses(cal, steps, end, concluded)
    waiting, until = "", None
    if requested and not received:
        start, due, used = None, None, 0
        waiting, until = "correction", correction_until(cal, requested)
    else:
        start = received.date if received else case.receipt
        spans = [(p.step.date, p.end) for p in pauses]
        open_pause = next((p for p in pauses if p.end is None), None)
        due = None if open_pause else nth_workday_after(cal, start, total, spans)
        if open_pause:
            waiting, until = open_pause.kind, open_pause.until
        used = workdays_between(cal, start, end, spans)
    last = max(d for d in (end, due, until, case.receipt) if d)
    return Deadline(
        case, start, due, total, used, concluded, outcome, _status(due, concluded, as_of),
        "" if concluded else waiting, None if concluded else until,
        tuple(pauses), (requested, received), extension, guessed_years(cal, case.receipt, last),
    )


def _plain_deadline(cal: Calendar, case: Case, concluded: date | None, outcome: str, as_of: date, memo: dict | None = None) -> Deadline:
    """`deadline` of a case with no 补正, extension or pause (most cases): 20 working days
    from the receipt date, counted without pauses. Equal to the general path (tested)."""
    start = case.receipt
    key = (start, concluded, as_of)
    known = memo.get(key) if memo is not None else None
    if known is None:
        known = plain_figures(cal, start, concluded, as_of)
        if memo is not None:
            memo[key] = known
    due, used, status, guessed = known
    return Deadline(case, start, due, spec.ANSWER_DAYS, used, concluded, outcome, status, "", None, (), (None, None), None, guessed)


def plain_figures(cal: Calendar, start: date, concluded: date | None, as_of: date) -> tuple[date, int, str, tuple[int, ...]]:
    due, used, status = plain_use(cal, start, concluded, as_of)
    last = max(concluded or as_of, due)  # the due date is after the receipt date
    return due, used, status, guessed_years(cal, start, last)


def plain_use(cal: Calendar, start: date, concluded: date | None, as_of: date) -> tuple[date, int, str]:
    """Due date, working days used and status of a plain case (`plain_figures` without the guessed years)."""
    due = cal.nth_after(start, spec.ANSWER_DAYS)
    return due, cal.count(start, concluded or as_of), _status(due, concluded, as_of)


def _status(due: date | None, concluded: date | None, as_of: date) -> str:
    if concluded:
        return "answered_late" if due and concluded > due else "answered"
    return "overdue" if due and as_of > due else "open"


def book_deadlines(cal: Calendar, cases: Iterable[Case], steps: Iterable[CaseStep], as_of: date) -> list[Deadline]:
    return deadlines_by_case(cal, cases, steps_by_case(steps), as_of)


def deadlines_by_case(cal: Calendar, cases: Iterable[Case], by_case: dict[str, list[CaseStep]], as_of: date) -> list[Deadline]:
    """`book_deadlines` from steps already grouped by `steps_by_case`."""
    none: list[CaseStep] = []
    memo: dict = {}
    return [deadline(cal, c, by_case.get(c.id, none), as_of, memo) for c in cases]


# Steps that stop, restart or lengthen the clock: each must be taken within the period.
CLOCK_STEPS = ("correction_requested", "extension", "consultation", "fee_notice")


def period_end(cal: Calendar, case: Case, earlier: list[CaseStep], kind: str, on: date) -> date | None:
    """The last day a `kind` step may be taken, given the steps kept so far (`earlier`, all on or
    before `on`): the due date as it stood, without the extension for an extension (第三十三条第二款:
    it is decided within the original period). None while the clock is stopped (no due date)."""
    kept = [s for s in earlier if s.kind not in CONCLUDING and not (kind == "extension" and s.kind == "extension")]
    return _full_deadline(cal, case, kept, on, None, "", screened=True).due


def in_time(cal: Calendar, case: Case, steps: list[CaseStep]) -> list[CaseStep]:
    """`steps` without the clock steps taken after the period had run out: such a step was
    taken too late to change the clock (it is a D9 finding), so an overdue case stays overdue."""
    if not any(s.kind in CLOCK_STEPS for s in steps):
        return steps
    kept: list[CaseStep] = []
    for s in steps:
        if s.kind in CLOCK_STEPS:
            last = period_end(cal, case, kept, s.kind, s.date)
            if last is not None and s.date > last:
                continue
        kept.append(s)
    return kept
