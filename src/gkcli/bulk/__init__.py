"""Many records at once: from stdin (`case add -`) or from an office's own register (`import`).

`parse` turns text into numbered field mappings, `convert` turns one mapping into
records, `plan` weighs them against the book (ids, idempotence) and writes them in
one locked append per ledger file. Nothing is written unless every record is good.
"""
