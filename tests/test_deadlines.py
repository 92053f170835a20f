"""Due dates against hand counts across 春节 2024/2025, 中秋 and 国庆 2024 with their 调休 days.

Each case lists the counted working days as (n) so a reader can check it with a calendar.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from gkcli.clock.answer_due import deadline
from gkcli.model import CalendarDay, Case, CaseStep
from gkcli.clock.workdays import Calendar

CAL = Calendar()


def case(received: str, confirmed: str | None = None) -> Case:
    return Case("A", date.fromisoformat(received), "natural_person", "letter", "", date.fromisoformat(confirmed) if confirmed else None)


def step(kind: str, day: str, **fields) -> CaseStep:
    return CaseStep(kind, "A", date.fromisoformat(day), **fields)


def due(received: str, *steps: CaseStep, as_of: str = "2026-06-30", confirmed: str | None = None):
    return deadline(CAL, case(received, confirmed), list(steps), date.fromisoformat(as_of))


def test_spring_festival_2024():
    # received Thu 2024-02-01: 2/2(1) 2/4 Sun 调休(2) 2/5–2/9(3–7) [2/10–2/17 春节] 2/18 Sun 调休(8)
    # 2/19–2/23(9–13) 2/26–3/1(14–18) 3/4(19) 3/5(20)
    assert due("2024-02-01").due == date(2024, 3, 5)


def test_spring_festival_2025():
    # received Mon 2025-01-20: 1/21–1/24(1–4) 1/26 Sun 调休(5) 1/27(6) [1/28–2/4 春节]
    # 2/5–2/7(7–9) 2/8 Sat 调休(10) 2/10–2/14(11–15) 2/17–2/21(16–20)
    assert due("2025-01-20").due == date(2025, 2, 21)


def test_national_day_2024_with_saturday_and_sunday_make_up_days():
    # received Fri 2024-09-20: 9/23–9/27(1–5) 9/29 Sun 调休(6) 9/30(7) [10/1–10/7 国庆]
    # 10/8–10/11(8–11) 10/12 Sat 调休(12) 10/14–10/18(13–17) 10/21–10/23(18–20)
    assert due("2024-09-20").due == date(2024, 10, 23)


def test_mid_autumn_and_national_day_2024():
    # received Fri 2024-09-13: 9/14 Sat 调休(1) [9/15–9/17 中秋] 9/18–9/20(2–4) 9/23–9/27(5–9)
    # 9/29 Sun(10) 9/30(11) [国庆] 10/8–10/11(12–15) 10/12 Sat(16) 10/14–10/17(17–20)
    assert due("2024-09-13").due == date(2024, 10, 17)


def test_correction_restarts_the_clock():
    # received Mon 2024-05-06, 补正 notice 5/8, corrected application received Mon 5/20.
    # Counting restarts on 5/21: 5/21–5/24(1–4) 5/27–5/31(5–9) 6/3–6/7(10–14)
    # [6/8–6/10 端午 with the weekend] 6/11–6/14(15–18) 6/17(19) 6/18(20)
    dl = due("2024-05-06", step("correction_requested", "2024-05-08", period=15), step("correction_received", "2024-05-20"))
    assert dl.due == date(2024, 6, 18)
    assert dl.start == date(2024, 5, 20)


def test_awaiting_correction_has_no_due_date_only_the_applicant_period():
    # notice Wed 2024-05-08, 15 working days: 5/9(1) 5/10(2) 5/11 Sat 调休(3) 5/13–5/17(4–8)
    # 5/20–5/24(9–13) 5/27(14) 5/28(15)
    dl = due("2024-05-06", step("correction_requested", "2024-05-08"), as_of="2024-05-20")
    assert (dl.due, dl.waiting, dl.waiting_until, dl.status) == (None, "correction", date(2024, 5, 28), "open")


def test_twenty_day_extension():
    # as test_national_day_2024 (20th working day 10/23), then 20 more:
    # 10/24–10/25(21–22) 10/28–11/1(23–27) 11/4–11/8(28–32) 11/11–11/15(33–37) 11/18–11/20(38–40)
    dl = due("2024-09-20", step("extension", "2024-10-21", days=20, approver="王主任"))
    assert (dl.due, dl.total) == (date(2024, 11, 20), 40)


def test_fifteen_day_third_party_consultation_is_not_counted():
    # received Fri 2024-03-01: 3/4–3/8(1–5) 3/11(6) consult sent 3/11; third party answers on the
    # 15th working day, Mon 4/1; days 3/12–4/1 skipped. 4/2(7) 4/3(8) [4/4–4/6 清明] 4/7 Sun 调休(9)
    # 4/8–4/12(10–14) 4/15–4/19(15–19) 4/22(20)
    dl = due("2024-03-01", step("consultation", "2024-03-11", party="third_party"), step("consultation_end", "2024-04-01"))
    assert dl.due == date(2024, 4, 22)


def test_open_consultation_stops_the_clock():
    dl = due("2024-03-01", step("consultation", "2024-03-11", party="third_party"), as_of="2024-03-20")
    assert (dl.due, dl.waiting, dl.waiting_until, dl.used) == (None, "consultation", date(2024, 4, 1), 6)


def test_confirmed_date_of_a_letter_across_new_year_and_spring_festival_2025():
    # letter arrived 2024-12-30, confirmed with the applicant Thu 2025-01-02 (第三十一条):
    # 1/3(1) 1/6–1/10(2–6) 1/13–1/17(7–11) 1/20–1/24(12–16) 1/26 Sun(17) 1/27(18) [春节] 2/5(19) 2/6(20)
    assert due("2024-12-30", confirmed="2025-01-02").due == date(2025, 2, 6)


def test_fee_notice_until_payment_is_not_counted():
    # received Mon 2024-06-03: 6/4(1) 6/5(2) notice sent 6/5, paid Fri 6/14 (6/6–6/14 skipped)
    # 6/17–6/21(3–7) 6/24–6/28(8–12) 7/1–7/5(13–17) 7/8–7/10(18–20)
    dl = due("2024-06-03", step("fee_notice", "2024-06-05", amount=Decimal(300)), step("fee_paid", "2024-06-14"))
    assert dl.due == date(2024, 7, 10)


@pytest.mark.parametrize(
    ("answered", "status"),
    [("2024-03-05", "answered"), ("2024-03-06", "answered_late")],
)
def test_answered_on_the_last_day_is_on_time(answered, status):
    dl = due("2024-02-01", step("answer", answered, outcome="granted"))
    assert dl.status == status


def test_open_case_becomes_overdue_the_day_after_its_due_date():
    assert due("2024-02-01", as_of="2024-03-05").status == "open"
    dl = due("2024-02-01", as_of="2024-03-06")
    assert (dl.status, dl.used, dl.left) == ("overdue", 21, -1)


def test_withdrawal_concludes_the_case():
    dl = due("2024-02-01", step("withdrawal", "2024-02-05"))
    assert (dl.concluded, dl.outcome, dl.status) == (date(2024, 2, 5), "other_other", "answered")


def test_a_year_the_calendar_does_not_know_is_flagged_not_silently_guessed():
    assert due("2031-03-03", as_of="2031-03-10").guessed == (2031,)
    book_cal = Calendar({date(2031, 3, 4): CalendarDay(date(2031, 3, 4), False, "机关停电")}, frozenset({2031}))
    dl = deadline(book_cal, case("2031-03-03"), [], date(2031, 3, 10))
    # Mon 3/3: 3/4 closed by the book; 3/5–3/7(1–3) 3/10–3/14(4–8) 3/17–3/21(9–13) 3/24–3/28(14–18) 3/31(19) 4/1(20)
    assert (dl.guessed, dl.due) == ((), date(2031, 4, 1))
