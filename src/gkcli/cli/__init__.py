"""Command-line interface: parses arguments and calls the pipeline; holds no rules."""
