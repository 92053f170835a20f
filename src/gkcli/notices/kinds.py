"""The kinds of letter (spec.NOTICE_KINDS) and the case steps each is about."""

from __future__ import annotations

from .. import spec
from ..model import CaseStep

# letter kind -> the case step (ledger table) it is about
STEP_OF_KIND = {
    "answer": "answer",
    "correction": "correction_requested",
    "extension": "extension",
    "consult": "consultation",
    "fee": "fee_notice",
    "withdrawal": "withdrawal",
}
KIND_OF_STEP = {step: kind for kind, step in STEP_OF_KIND.items()}
CODES = tuple(STEP_OF_KIND)


def label(kind: str) -> str:
    return spec.by_code(spec.NOTICE_KINDS)[kind].label


def calls_for_letter(step: CaseStep) -> bool:
    """Whether the step is one the office writes to the applicant about (a consultation: only of a
    third party, whom the letter goes to; asking another agency needs no letter here)."""
    if step.kind not in KIND_OF_STEP:
        return False
    return step.kind != "consultation" or step.party == "third_party"
