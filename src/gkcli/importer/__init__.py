"""`gkcli import`: an office's own register (xlsx or CSV) → bulk case records.

`sheet` reads cells, `mapping` applies a mapping file (column headings → fields, the
office's wording → codes), `suggest` guesses a first mapping. What the mapped fields
mean, and writing them, is the bulk pipeline's job (`gkcli.bulk`), as for `case add -`.
"""
