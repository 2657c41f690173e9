"""User text put into Rich markup through ``cli.output.safe`` prints exactly as typed."""

from __future__ import annotations

from io import StringIO

import pytest
from rich.console import Console

from revhyper.cli.output import safe


def _printed(markup: str) -> str:
    buffer = StringIO()
    Console(file=buffer, width=200, emoji=False).print(markup, end="")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "typed",
    [
        "\\[",  # Rich reads a backslash before a plain bracket as an escape and drops it
        "a\\[",
        "x \\[ y",
        "\\[0",
        "\\\\[0",
        "\\[\\",
        "[b]\\[c",
        "\\[a]",  # a tag-like bracket: rich.markup.escape's own case
        "\\\\[b]",
        "\\\\\\[x]",
        "[/]",
        "[bold red]x[/]",
        "a\\",
        "\\",
    ],
)
def test_text_with_backslashes_and_brackets_prints_as_typed(typed: str) -> None:
    assert _printed(safe(typed)) == typed


def test_text_inside_a_tag_prints_as_typed() -> None:
    name = "Ann [/] \\["
    assert _printed(f"[bold]{safe(name)}[/]") == name
