"""Docs that run: executes every ```` ```console ```` block of the docs and the README and checks
(or rewrites) the output printed under each command.

The convention (see ``docs/development/docs-examples.md``): in a ``console`` block, a line
starting with ``$ `` is a command; the lines up to the next ``$ `` are its expected output. An
HTML comment ``<!-- docs-setup: COMMAND -->`` before a block runs COMMAND first, unseen by the
reader. Each block runs in order in a fresh temporary data directory (``REVHYPER_DATA_DIR``)
and working directory of its own, so a reader can run any block alone; ``revhyper`` is this
checkout's CLI; a command that names ``http://127.0.0.1:8000`` talks to a server the tool starts
(on a free port, the address rewritten both ways), and then the page's blocks share the
server's data directory. Blocks marked ``sh`` never run.

Outputs are compared after ``NORMALISERS`` replaced what varies from run to run (dates, times,
durations, random secrets); ``--write`` puts the outputs as printed into the pages.

    PYTHONPATH=src python tools/docs_examples.py [--write] [PAGE ...]

Exit status: 0 when every output matches (or was written), 1 with a diff per stale example.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shlex
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The address examples use for the server; rewritten to the port the tool's server listens on.
DOCUMENTED_SERVER = "http://127.0.0.1:8000"
PROMPT = "$ "
#: Longest a command may run [s].
COMMAND_TIMEOUT_S = 120.0
#: Longest the example server may take to answer its health check [s].
SERVER_START_TIMEOUT_S = 60.0
#: Terminal width the commands print for [characters].
COLUMNS = 80

#: What varies between runs, as (what it is, pattern, what it becomes): applied in this order
#: to the expected and the actual output before they are compared (never written to a page).
NORMALISERS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (
        "date and time (ISO 8601)",
        re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"),
        "<datetime>",
    ),
    ("date", re.compile(r"\b\d{4}-\d{2}-\d{2}\b"), "<date>"),
    ("time of day", re.compile(r"\b\d{1,2}:\d{2}:\d{2}\b"), "<time>"),
    ("duration in ms or s", re.compile(r"\b\d+(?:\.\d+)? ?(?:ms|s)\b"), "<duration>"),
    (
        "uuid",
        re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"),
        "<uuid>",
    ),
    (
        "random secret (password, token: 16+ letters and digits mixed)",
        re.compile(r"(?<![\w/.-])(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{16,}(?![\w/.-])"),
        "<secret>",
    ),
    (
        "the block's temporary folder (its random name)",
        re.compile(r"(?:/[\w.-]+)*/revhyper-docs-[\w-]+"),
        "<temporary folder>",
    ),
    ("trailing spaces", re.compile(r"[ \t]+$", re.MULTILINE), ""),
)

_FENCE_OPEN = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})console\s*$")
_SETUP = re.compile(r"^\s*<!--\s*docs-setup:\s*(?P<command>.+?)\s*-->\s*$")


@dataclass
class Example:
    """One command of a console block and the output the page shows under it."""

    command: str
    expected: list[str]
    #: Index of the command's line in the page (its output follows).
    line: int


@dataclass
class Block:
    """A console block: the setup commands before it and its examples."""

    setup: list[str]
    examples: list[Example]
    #: Indexes of the block's first and last content lines in the page.
    start: int
    end: int
    indent: str = ""


@dataclass
class Result:
    example: Example
    actual: list[str]


@dataclass
class PageRun:
    page: Path
    blocks: list[Block]
    results: list[list[Result]] = field(default_factory=list)


def normalise(lines: list[str]) -> list[str]:
    """The output with what varies between runs replaced by a placeholder."""
    text = "\n".join(lines)
    for _name, pattern, placeholder in NORMALISERS:
        text = pattern.sub(placeholder, text)
    return text.rstrip("\n").split("\n") if text.strip() else []


def parse_examples(block_lines: list[str], first: int) -> list[Example]:
    """The commands of a console block and the output under each."""
    examples: list[Example] = []
    for offset, line in enumerate(block_lines):
        if examples and not examples[-1].expected and examples[-1].command.endswith("\\"):
            examples[-1].command += "\n" + line  # the command goes on (a final backslash)
        elif line.startswith(PROMPT):
            examples.append(Example(line[len(PROMPT) :], [], first + offset))
        elif examples:
            examples[-1].expected.append(line)
        elif line.strip():
            raise ValueError(f"line {first + offset + 1}: output before any '$ ' command")
    while examples and examples[-1].expected and not examples[-1].expected[-1].strip():
        examples[-1].expected.pop()
    return examples


def parse_page(lines: list[str]) -> list[Block]:
    """Every console block of a Markdown page, with the setup comments just before it."""
    blocks: list[Block] = []
    setup: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if match := _SETUP.match(line):
            setup.append(match["command"])
        elif opened := _FENCE_OPEN.match(line):
            indent, fence = opened["indent"], opened["fence"]
            close = index + 1
            while close < len(lines) and lines[close].strip() != fence:
                close += 1
            content = [text.removeprefix(indent) for text in lines[index + 1 : close]]
            blocks.append(
                Block(setup, parse_examples(content, index + 1), index + 1, close, indent)
            )
            setup = []
            index = close
        elif line.strip():
            setup = []  # a setup comment belongs to the block right after it
        index += 1
    return blocks


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def command_environment(data_dir: Path, bin_dir: Path) -> dict[str, str]:
    """The commands' environment: this checkout's revhyper on a fresh data directory."""
    keep = {name: value for name, value in os.environ.items() if not name.startswith("REVHYPER_")}
    return {
        **keep,
        "PATH": f"{bin_dir}{os.pathsep}{keep.get('PATH', '')}",
        "PYTHONPATH": str(ROOT / "src"),
        "REVHYPER_DATA_DIR": str(data_dir),
        "COLUMNS": str(COLUMNS),
        "NO_COLOR": "1",
        "TERM": "dumb",
        "TZ": "UTC",
    }


def write_revhyper_command(bin_dir: Path) -> None:
    """A ``revhyper`` executable that runs this checkout's CLI under its own name."""
    script = bin_dir / "revhyper"
    script.write_text(
        f"#!/bin/sh\nexec {shlex.quote(sys.executable)} -c "
        "'import sys; sys.argv[0] = \"revhyper\"; from revhyper.cli.app import main; main()' "
        '"$@"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)


@contextmanager
def example_server(environment: dict[str, str], workdir: Path) -> Iterator[str]:
    """``revhyper serve`` on a free port of this machine until the block ends; its address."""
    port = free_port()
    address = f"http://127.0.0.1:{port}"
    log = (workdir / ".docs-examples-server.log").open("w")
    process = subprocess.Popen(
        ["revhyper", "serve", "--port", str(port)],
        cwd=workdir,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_healthy(address, process)
        yield address
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def wait_until_healthy(address: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the example server stopped at start (status {process.returncode})")
        try:
            with urllib.request.urlopen(address + "/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the example server did not answer at {address} in time")


def run_command(command: str, environment: dict[str, str], workdir: Path, server: str) -> str:
    """The command's output (stdout and stderr, as a terminal shows them)."""
    finished = subprocess.run(
        ["bash", "-c", command.replace(DOCUMENTED_SERVER, server)],
        cwd=workdir,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=COMMAND_TIMEOUT_S,
        check=False,
    )
    return finished.stdout.replace(server, DOCUMENTED_SERVER)


def needs_server(blocks: list[Block]) -> bool:
    commands = [c for block in blocks for c in [*block.setup, *(e.command for e in block.examples)]]
    return any(DOCUMENTED_SERVER in command for command in commands)


def run_page(page: Path) -> PageRun:
    """Every example of the page, in order: each block on its own fresh data directory, or all
    of them on the server's when the page talks to one."""
    run = PageRun(page, parse_page(page.read_text(encoding="utf-8").splitlines()))
    if not any(block.examples or block.setup for block in run.blocks):
        return run
    if needs_server(run.blocks):
        with (
            fresh_folders() as (workdir, environment),
            example_server(environment, workdir) as server,
        ):
            run.results.extend(run_block(b, environment, workdir, server) for b in run.blocks)
        return run
    for block in run.blocks:
        with fresh_folders() as (workdir, environment):
            run.results.append(run_block(block, environment, workdir, DOCUMENTED_SERVER))
    return run


@contextmanager
def fresh_folders() -> Iterator[tuple[Path, dict[str, str]]]:
    """An empty working directory and the environment of commands on an empty data directory."""
    with tempfile.TemporaryDirectory(prefix="revhyper-docs-") as folder:
        workdir, data_dir, bin_dir = (Path(folder) / name for name in ("work", "data", "bin"))
        for made in (workdir, data_dir, bin_dir):
            made.mkdir()
        write_revhyper_command(bin_dir)
        yield workdir, command_environment(data_dir, bin_dir)


def run_block(
    block: Block, environment: dict[str, str], workdir: Path, server: str
) -> list[Result]:
    """The block's hidden setup, then each of its examples with what it printed."""
    for command in block.setup:
        run_command(command, environment, workdir, server)
    return [
        Result(
            example,
            run_command(example.command, environment, workdir, server).rstrip("\n").split("\n"),
        )
        for example in block.examples
    ]


def stale_examples(run: PageRun) -> list[str]:
    """A diff for every example whose output differs from the page's, naming page and command."""
    name = run.page.relative_to(ROOT) if run.page.is_relative_to(ROOT) else run.page
    diffs = []
    for results in run.results:
        for result in results:
            expected, actual = normalise(result.example.expected), normalise(result.actual)
            if expected != actual:
                diff = difflib.unified_diff(
                    expected, actual, "in the page", "printed now", lineterm=""
                )
                diffs.append(
                    f"{name}:{result.example.line + 1}: $ {result.example.command}\n"
                    + "\n".join(diff)
                )
    return diffs


def rewritten(run: PageRun) -> str:
    """The page with each example's output replaced by what the command printed."""
    lines = run.page.read_text(encoding="utf-8").splitlines()
    for block, results in reversed(list(zip(run.blocks, run.results, strict=True))):
        content: list[str] = []
        for number, result in enumerate(results):
            if number:
                content.append("")  # a blank line between examples, for the reader
            content.append(PROMPT + result.example.command)
            printed = [line.rstrip() for line in result.actual]
            while printed and not printed[-1]:
                printed.pop()  # blank lines at the end (an empty output too)
            content.extend(printed)
        lines[block.start : block.end] = [
            (block.indent + line) if line else line for line in content
        ]
    return "\n".join(lines) + "\n"


def default_pages() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def main(arguments: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", type=Path, help="Markdown pages (default: all)")
    parser.add_argument("--write", action="store_true", help="write the outputs into the pages")
    parser.add_argument("--check", action="store_true", help="compare only (the default)")
    options = parser.parse_args(arguments)
    if options.write and options.check:
        parser.error("choose --write or --check, not both")
    pages = [page.resolve() for page in options.pages] or default_pages()
    missing = [str(page) for page in pages if not page.is_file()]
    if missing:
        parser.error(f"no such page: {', '.join(missing)}")
    stale: list[str] = []
    for page in pages:
        run = run_page(page)
        if options.write and run.results:
            page.write_text(rewritten(run), encoding="utf-8")
        elif not options.write:
            stale += stale_examples(run)
    for diff in stale:
        print(diff, end="\n\n")
    if stale:
        print(f"{len(stale)} stale example(s); `make docs-examples` rewrites them.")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
