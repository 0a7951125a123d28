"""Whether an article's double quote marks balance (the clean stage warns when not).

The CLI reports an input with unbalanced quote marks as an input problem (exit status 1)
while still writing its record.
"""

from __future__ import annotations

import re

_QUOTE_MARK = re.compile(r'[“”"]')


def unbalanced_quote(paragraphs: list[tuple[int, str]]) -> int | None:
    """Offset of the first double quote mark that is never closed (or closes nothing).

    Lenient where news text is: a quotation running over several paragraphs reopens each
    one and closes once; a quote reopened after a sentence end inside an open quote is the
    same convention run together; curly and straight marks may pair with each other."""
    open_at: int | None = None  # the open quote's offset
    for start, para in paragraphs:
        if open_at is not None and not para.startswith(("“", '"')):
            return open_at
        for m in _QUOTE_MARK.finditer(para):
            i, ch = m.start(), m.group()
            if ch == '"' and i > 0 and para[i - 1].isdigit():
                continue  # inches: 5'10"
            if open_at is None:
                if ch == "”":
                    return start + i
                open_at = start + i
                continue
            if ch == "“" or (ch == '"' and i == 0):
                before = para[:i].rstrip()
                if i == 0 or before.endswith((".", "!", "?", ",", ":", "—")):
                    open_at = start + i  # reopened: a quote running on
                    continue
                return open_at
            open_at = None  # ” or " closes
    return open_at
