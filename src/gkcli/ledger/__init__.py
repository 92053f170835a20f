"""Ledger files: the only code that reads or appends to a book's TOML ledgers."""
