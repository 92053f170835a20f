"""`gkcli rollup`: many units' books and published reports summed, checked and compared.

`units` finds the units (arguments or a units file), `read` reads one unit (a book through
`loader.report_analysis`, a report through `audit`) in a worker process, `cells` names and
sums the cells of `Tables`, `core` brings the units together (the sum and the district-level
identities on it), `output` draws the result in each format. Nothing here parses arguments.
"""

from __future__ import annotations

from .core import Rollup, explain_cell, roll_up
from .read import UnitResult
from .units import Unit, from_arguments, from_units_file

__all__ = ["Rollup", "Unit", "UnitResult", "explain_cell", "from_arguments", "from_units_file", "roll_up"]
