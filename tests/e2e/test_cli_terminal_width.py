"""Output designed for 80 columns first: no word split, no column dropped, nothing cut short.

Each check runs at 80 columns (the default terminal) and at 120.
"""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from revhyper.cli.app import app

runner = CliRunner()

WIDTHS = (80, 120)

#: Characters that separate words in a rendered table besides spaces (cell borders).
_BORDERS = re.compile(r"[\s│┃┆|]+")

NOTES = "felt the left hamstring more than the right one today, will check the pad height"


def run(*args: str, stdin: str | None = None) -> str:
    result = runner.invoke(app, list(args), input=stdin)
    assert result.exit_code == 0, result.output
    return result.output


def words(text: str) -> set[str]:
    return {w for w in _BORDERS.split(text) if w}


def assert_fits(output: str, width: int) -> None:
    too_wide = [line for line in output.splitlines() if cell_len(line.rstrip()) > width]
    assert too_wide == [], too_wide


def assert_words_whole(output: str, text: str) -> None:
    """Every word of ``text`` appears whole in ``output`` (a split word shows as two)."""
    missing = sorted(words(text) - words(output))
    assert missing == [], f"split or missing: {missing}"


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}cols")
def width(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("COLUMNS", str(request.param))
    return int(request.param)


PLAN_ARGS = (
    "plan",
    "--goal",
    "hypertrophy",
    "--level",
    "intermediate",
    "--equipment",
    "machine",
    "--equipment",
    "floor",
    "--weeks",
    "1",
    "--known-set",
    "60x10@8",
)


def test_the_plan_shows_every_load_word_whole(width: int) -> None:
    from revhyper.adapters.plan_json import plan_to_dict
    from revhyper.services.planning import PlanRequest, make_plan

    output = run(*PLAN_ARGS)
    assert_fits(output, width)
    plan = plan_to_dict(
        make_plan(
            PlanRequest(
                goal="hypertrophy",
                level="intermediate",
                equipment=("machine", "floor"),
                weeks=1,
                known_set="60x10@8",
            )
        )
    )
    for session in plan["weeks"][0]["sessions"]:
        for block in session["blocks"]:
            assert_words_whole(output, block["load"])
            assert block["variation"] in words(output)
            assert block["tempo"] in words(output)


def test_the_plan_is_a_table_where_it_fits_and_stacked_where_it_does_not(width: int) -> None:
    output = run(*PLAN_ARGS)
    assert ("┃ Load" in output) is (width >= 120)
    assert ("1. warm-up · " in output) is (width < 120)


def test_history_shows_effort_tempo_band_and_notes_whole(width: int) -> None:
    run("athlete", "add", "Alex", "--goal", "strength", "--level", "new", "--equipment", "machine")
    run(
        "log",
        "set",
        "--athlete",
        "Alex",
        "--variation",
        "machine-reverse-hyper",
        "--reps",
        "10",
        "--load",
        "42.5",
        "--rpe",
        "7.5",
        "--tempo",
        "3-1-3-0",
        "--pain",
        "2",
        "--band",
        "red x2",
        "--notes",
        NOTES,
    )
    output = run("history")
    assert_fits(output, width)
    for shown in ("7.5", "3-1-3-0", "42.5", "machine-reverse-hyper", "red", "x2"):
        assert shown in words(output), shown
    assert_words_whole(output, NOTES)


def test_the_guided_session_wraps_at_word_boundaries(width: int) -> None:
    from datetime import date

    from revhyper.adapters.plan_json import plan_to_dict
    from revhyper.domain.programming.athlete import KnownSet, Profile
    from revhyper.domain.programming.planner import BlockRole, generate_plan
    from revhyper.domain.vocabulary import Equipment, Goal, Level
    from revhyper.services.athletes import add_athlete
    from revhyper.services.database import unit_of_work

    profile = Profile(
        level=Level.INTERMEDIATE,
        equipment=frozenset({Equipment.MACHINE, Equipment.BENCH}),
        goal=Goal.HYPERTROPHY,
        known_set=KnownSet(40.0, 10, 8.0),
        name="alex",
    )
    athlete = add_athlete(unit_of_work(), "alex", profile)
    plan = generate_plan(profile, 4, 3, start=date.today())
    uow = unit_of_work()
    with uow:
        uow.programs.add(
            athlete_id=athlete.id,
            start_date=date.today(),
            goal=Goal.HYPERTROPHY.value,
            weeks=4,
            days_per_week=3,
            parameters={},
            plan=plan_to_dict(plan),
        )
        uow.commit()
    output = run("session", "--athlete", "alex", "--no-wait", stdin="\n" * 3 + "done\n\n")
    assert_fits(output, width)
    warmups = [b for b in plan.weeks[0].sessions[0].blocks if b.role is BlockRole.WARMUP]
    for block in warmups:
        assert_words_whole(output, f"{block.load} {block.note or ''}")
    assert_words_whole(
        output, "no logged sets of machine-reverse-hyper yet: the plan's prescription"
    )
