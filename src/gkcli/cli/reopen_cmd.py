"""`gkcli reopen YEAR`: defined with `close` in close_cmd.py (one command per module in the command table)."""

from .close_cmd import reopen_app as app

__all__ = ["app"]
