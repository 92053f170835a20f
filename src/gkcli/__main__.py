"""Entry point. `--version` is answered before anything else is imported."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from . import __version__

        print(f"gkcli {__version__}")
        return
    from .cli.app import run

    run()


if __name__ == "__main__":
    main()
