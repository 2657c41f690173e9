"""What every command prints goes through here, so a person's text is shown as they typed it.

Rich reads ``[...]`` as markup and ``:name:`` as an emoji code, so a name such as ``Ann [/]``
used to crash ``athlete list`` and ``[bold red]x[/]`` showed as ``x``. Anything that came from
a person or a file (names, notes, bands, paths, an error message that quotes input) is passed
through :func:`safe` before it is put in a markup string or a table cell.

Control characters are never written raw (an escape sequence in a name could rewrite the
terminal, a newline could forge a line): they are shown as Python-style escapes (``\\x1b``,
``\\n``, ``\\u2028`` for a line separator, ``\\u202e`` for the bidirectional overrides that
reorder what follows them).
Right-to-left letters themselves are shown unchanged.
"""

from __future__ import annotations

import re
import unicodedata

from rich.console import Console, RenderableType
from rich.markup import escape
from rich.measure import Measurement
from rich.table import Table

#: Invisible characters that reorder the rest of a line (Unicode bidirectional embeddings,
#: overrides and isolates): shown escaped so text cannot make other text read differently.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


#: Unicode categories shown escaped: control characters, line and paragraph separators.
_ESCAPED_CATEGORIES = frozenset({"Cc", "Zl", "Zp"})


def _escaped(char: str) -> str:
    code = ord(char)
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if char in named:
        return named[char]
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: object) -> str:
    """``text`` with control characters and bidirectional overrides written as escapes."""
    value = str(text)
    if value.isprintable() and not BIDI_CONTROLS.intersection(value):
        return value
    return "".join(
        _escaped(char)
        if unicodedata.category(char) in _ESCAPED_CATEGORIES or char in BIDI_CONTROLS
        else char
        for char in value
    )


#: A style span with nothing in it: put after backslashes that end a person's text so that
#: they show as themselves whatever the markup around them (a closing tag or plain text).
_EMPTY_SPAN = "[bold][/bold]"


#: Backslashes right before a "[" that opens no tag (escape() already handles tag-like ones).
_BACKSLASHES_BEFORE_PLAIN_BRACKET = re.compile(r"(\\+)\[(?![a-z#/@][^[]*?\])")


def safe(text: object) -> str:
    """``text`` ready to put in Rich markup (a print or a table cell): shown exactly as given.

    ``rich.markup.escape`` alone doubles one trailing backslash, which is right before a tag
    (``[bold]{name}[/]``) but shows two backslashes before plain text; here trailing
    backslashes are doubled and always followed by an empty span, which is right in both.
    """
    shown = visible(text)
    body = shown.rstrip("\\")
    trailing = len(shown) - len(body)
    # Rich reads "\\[" in plain text (a bracket that opens no tag) as an escaped "[" and drops
    # the backslash: one more backslash keeps every one of them.
    escaped = _BACKSLASHES_BEFORE_PLAIN_BRACKET.sub(r"\1\\[", escape(body))
    if trailing:
        escaped += "\\" * (2 * trailing) + _EMPTY_SPAN
    return escaped


def plural(count: int, word: str) -> str:
    """``1 set``, ``2 sets``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def console(*, stderr: bool = False, highlight: bool = True, soft_wrap: bool = False) -> Console:
    """A console for a command's output: no emoji codes; width read from the terminal.

    The width is looked up when printing (not frozen when the console is made) unless
    ``COLUMNS`` was set when it was made.
    """
    return Console(stderr=stderr, emoji=False, highlight=highlight, soft_wrap=soft_wrap)


def fits(console: Console, renderable: RenderableType) -> bool:
    """Whether ``renderable`` (e.g. a table) fits the console's width without being squeezed.

    Commands print a table when it fits and a stacked layout otherwise, so that at the
    default 80 columns no word is split, no column dropped and nothing cut short.
    """
    unbounded = console.options.update_width(_UNBOUNDED_WIDTH)
    needed = Measurement.get(console, unbounded, renderable).minimum
    return needed <= console.width


#: A width [characters] no terminal has: measured against it, a table's minimum width is its
#: own (measured against the console, Rich caps it at the console's width).
_UNBOUNDED_WIDTH = 100_000


def hanging(prefix: str, markup: str, style: str = "") -> Table:
    """``prefix`` then ``markup`` wrapped at words, its later lines indented under the first."""
    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column(style=style)
    grid.add_row(prefix, markup)
    return grid
