"""CSV for spreadsheets: every CSV jamkit writes, with no cell a spreadsheet would run as a formula.

Excel, LibreOffice and Google Sheets read a cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return as a formula, so a value someone else
wrote (``=HYPERLINK("http://x", "click")`` as a milestone's organisation) would
run on the computer of whoever opens the export. ``text`` writes every CSV;
it prefixes such a text cell with one single quote, as OWASP advises, and
leaves numbers jamkit writes (typed ``int`` and ``float`` cells) as numbers.
``restored`` takes that one quote off again when a sheet comes back
(``jam review import``), so a sheet jamkit wrote reads back as it was.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet read a cell as a formula
QUOTE = "'"

Cell = str | int | float | None  # None is an empty cell


def neutralised(value: Cell) -> str:
    """The cell as written: a number as it is, text that starts like a formula after a single quote."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    return QUOTE + text if text.startswith(TRIGGERS) else text


def restored(cell: str) -> str:
    """A cell read back: the quote ``neutralised`` put before a formula's first character is taken off."""
    return cell[1:] if cell.startswith(QUOTE) and cell[1:2] in TRIGGERS else cell


def text(rows: Iterable[Sequence[Cell]]) -> str:
    """The CSV text of ``rows`` (the header first), one line each, every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for row in rows:
        cells = [neutralised(cell) for cell in row]
        # csv quotes a cell with a line break only if the break is in ``lineterminator``: a lone \r would end the row
        (quoted if any("\r" in cell for cell in cells) else writer).writerow(cells)
    return out.getvalue()
