"""Docs that run: every ``console`` example of the README and ``docs/`` prints what its page
shows (``tools/docs_examples.py --check``, one test per page), and the tool itself reads,
runs, compares and rewrites examples as ``docs/development/docs-examples.md`` says."""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import docs_examples  # noqa: E402

sys.path.remove(str(ROOT / "tools"))


def pages_with_examples() -> Iterator[Path]:
    for page in docs_examples.default_pages():
        if "```console" in page.read_text(encoding="utf-8"):
            yield page


#: Programs some pages' examples call besides revhyper and the shell's own (curl's answers are
#: shown through jq, as a reader would); where one is missing its pages skip, saying which,
#: and ``REVHYPER_REQUIRE_DOCS_TOOLS=1`` (set by ``.ci/run``, which installs them) fails instead.
EXTRA_TOOLS = ("jq", "curl")


def require_tools_of(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    missing = [t for t in EXTRA_TOOLS if re.search(rf"\b{t}\b", text) and not shutil.which(t)]
    if not missing:
        return
    reason = f"{page.name}'s examples need {', '.join(missing)}, not installed here"
    if os.environ.get("REVHYPER_REQUIRE_DOCS_TOOLS") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.mark.parametrize(
    "page", list(pages_with_examples()), ids=lambda page: str(page.relative_to(ROOT))
)
def test_page_examples_print_what_the_page_shows(page: Path) -> None:
    require_tools_of(page)
    stale = docs_examples.stale_examples(docs_examples.run_page(page))
    assert not stale, "stale examples (`make docs-examples` rewrites them):\n\n" + "\n\n".join(
        stale
    )


STALE_PAGE = """# A page

<!-- docs-setup: echo made > setup.txt -->
```console
$ cat setup.txt
made

$ revhyper e1rm 60 8
e1RM (epley): 99.0 kg
```

Text between blocks.

```sh
$ revhyper serve
```
"""


def test_check_fails_naming_page_line_and_command_when_an_output_is_stale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.md"
    page.write_text(STALE_PAGE, encoding="utf-8")
    assert docs_examples.main(["--check", str(page)]) == 1
    printed = capsys.readouterr().out
    assert f"{page}:8: $ revhyper e1rm 60 8" in printed
    assert "-e1RM (epley): 99.0 kg" in printed and "+e1RM (epley): 76.0 kg" in printed
    assert "cat setup.txt" not in printed  # the setup ran first: its file was there


def test_write_puts_the_printed_output_in_the_page_and_check_then_passes(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(STALE_PAGE, encoding="utf-8")
    assert docs_examples.main(["--write", str(page)]) == 0
    assert page.read_text(encoding="utf-8") == STALE_PAGE.replace("99.0 kg", "76.0 kg")
    assert docs_examples.main(["--check", str(page)]) == 0


def test_curl_example_reaches_the_server_the_tool_starts_on_the_pages_data(
    tmp_path: Path,
) -> None:
    page = tmp_path / "api.md"
    page.write_text(
        "<!-- docs-setup: echo 'a long enough password' | revhyper user add ana "
        "--password-stdin -->\n```console\n"
        "$ curl -s http://127.0.0.1:8000/healthz\n"
        '{"status":"ok"}\n'
        "$ curl -s -o /dev/null -w '%{http_code} %{url_effective}\\n' "
        "-d username=ana -d 'password=a long enough password' "
        "http://127.0.0.1:8000/api/v1/auth/token\n"
        "200 http://127.0.0.1:8000/api/v1/auth/token\n```\n",
        encoding="utf-8",
    )
    assert docs_examples.stale_examples(docs_examples.run_page(page)) == []


def test_each_block_starts_on_an_empty_data_directory_and_runs_in_order_within(
    tmp_path: Path,
) -> None:
    page = tmp_path / "page.md"
    adding = "$ echo 'a long enough password' | revhyper user add sam --password-stdin\n"
    page.write_text(f"```console\n{adding}{adding}```\n\n```console\n{adding}```\n")
    first_block, second_block = docs_examples.run_page(page).results
    assert "taken" not in " ".join(first_block[0].actual)
    assert "taken" in " ".join(first_block[1].actual)  # same block: same database
    assert first_block[0].actual == second_block[0].actual  # next block: an empty one again


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("logged at 2026-12-02T17:21:54.123+00:00", "logged at <datetime>"),
        ("from 2026-11-23 to 2026-12-20", "from <date> to <date>"),
        ("ETA 0:00:00", "ETA <time>"),
        ("done in 12 ms, then 0.8 s", "done in <duration>, then <duration>"),
        ("password: q3Zx_8kLmNoP-2rStUv", "password: <secret>"),
        ("job 1b4e28ba-2fa1-11d2-883f-0016d3cca427", "job <uuid>"),
        ("machine-reverse-hyper 40 kg × 12", "machine-reverse-hyper 40 kg × 12"),
        ("revision 0006 (newest)   ", "revision 0006 (newest)"),
        (
            "sqlite:////tmp/revhyper-docs-cd_vxntl/data/revhyper.db: revision 0006",
            "sqlite:///<temporary folder>/data/revhyper.db: revision 0006",
        ),
        ("sqlite:////srv/revhyper/revhyper.db", "sqlite:////srv/revhyper/revhyper.db"),
    ],
)
def test_normalising_replaces_what_varies_and_keeps_the_rest(printed: str, expected: str) -> None:
    assert docs_examples.normalise([printed]) == [expected]


def test_command_with_a_final_backslash_goes_on_on_the_next_line() -> None:
    blocks = docs_examples.parse_page(
        ["```console", "$ revhyper e1rm \\", "    60 8", "e1RM (epley): 76.0 kg", "```"]
    )
    [example] = blocks[0].examples
    assert example.command == "revhyper e1rm \\\n    60 8"
    assert example.expected == ["e1RM (epley): 76.0 kg"]
