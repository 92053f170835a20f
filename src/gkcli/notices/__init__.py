"""Letters to applicants (告知书): which step a letter is about, its number, its wording, its output.

`kinds` the kinds of letter and the case steps they answer, `settings` the book's `[notices]`
configuration, `numbering` numbers allocated under the book lock, `letter` a template filled
from the case record, `output` Markdown / HTML / Word, `issuing` the command's work, `listing`
`notice list`, `checks` the N1 warning of `check`. The letter's legal wording is `wording`.

A letter holds the applicant's name: it is produced on demand and never cached, never part of
a report or an export. The ledger keeps only its number, date and kind (`model.Notice`).
"""
