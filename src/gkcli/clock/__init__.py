"""The statutory clock (条例第三十条至第三十四条、国办函〔2020〕109号), in one place:

- `workdays`: the working-day calendar (State Council arrangement plus the book's own days);
- `conclusion`: when and how each case was concluded;
- `answer_due`: the answer deadline of a case, with its pauses and extension;
- `limits`: the latest day each clock step may be taken, and the outcomes a case may not end with;
- `checks`: the D findings of `check`;
- `explanation`: the notes of `case show --explain`;
- `due_list`: the `gkcli due` listing;
- `fee_amounts`: the 信息处理费 arithmetic.

Nothing is imported here, so an append that needs one module pays for that one only.
"""
