"""Text from a config (an athlete's name, a file name, an error quoting either) made safe for
the place it is shown in. Names are data, never markup:

- `one_line`: control characters and line breaks become a space (a name is one line; a bare CR
  or a vertical tab would split a calendar line or a CSV row, an escape sequence would drive
  the terminal).
- `terminal`: for rich's console: control characters gone, `[...]` escaped, so `[link=...]`
  is not a hyperlink and `[/foo]` does not crash the print.
- `csv_cell`: one line, and a cell a spreadsheet would run as a formula (= + - @, tab, CR
  first) gets a leading quote, as OWASP recommends against formula injection.
- `plotly_text`: HTML escaped (plotly renders <a href> in legends and titles) and `%` made an
  entity (plotly fills `%{...}` in hover templates).
"""

from __future__ import annotations

import html
import re

_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_CONTROLS_BUT_NEWLINE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]+")
FORMULA_STARTS = ("=", "+", "-", "@")


def one_line(text: str) -> str:
    """`text` with every run of control characters and line breaks replaced by one space."""
    return _CONTROLS.sub(" ", text)


def terminal(text: object) -> str:
    """`text` for rich's console: control characters (but newlines) become spaces, markup is escaped."""
    from rich.markup import escape

    return escape(_CONTROLS_BUT_NEWLINE.sub(" ", str(text)))


def csv_cell(value: object) -> object:
    """A summary cell: numbers as they are; text on one line, a formula-like start neutralised."""
    if not isinstance(value, str):
        return value
    formula = value.startswith(("\t", "\r")) or value.lstrip().startswith(FORMULA_STARTS)
    text = one_line(value)
    return "'" + text if formula else text


def plotly_text(text: str) -> str:
    """`text` as plotly shows it literally in a legend, title or hover label."""
    return html.escape(one_line(text)).replace("%", "&#37;")
