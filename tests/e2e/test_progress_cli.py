"""``revhyper progress``: tables and the four-panel figure from a stored log."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from revhyper.adapters.plan_json import plan_to_dict
from revhyper.cli.app import app
from revhyper.domain.programming.athlete import KnownSet, Profile
from revhyper.domain.programming.planner import generate_plan
from revhyper.domain.training.log import SessionRecord, SessionStatus, SetRecord
from revhyper.domain.vocabulary import Equipment, Goal, Level, VariationId
from revhyper.services.athletes import add_athlete
from revhyper.services.database import dispose_engines, unit_of_work
from revhyper.settings import get_settings

MACHINE = VariationId.MACHINE_REVERSE_HYPER


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'progress.db'}"
    monkeypatch.setenv("REVHYPER_DATABASE_URL", url)
    get_settings.cache_clear()
    yield url
    dispose_engines()
    get_settings.cache_clear()


def store_history(url: str, weeks: int = 3) -> date:
    """An athlete with a plan started ``weeks`` weeks ago and two logged sessions a week."""
    profile = Profile(
        level=Level.INTERMEDIATE,
        equipment=frozenset({Equipment.MACHINE}),
        goal=Goal.HYPERTROPHY,
        known_set=KnownSet(40.0, 10, 8.0),
    )
    athlete = add_athlete(unit_of_work(url), "alex", profile)
    start = date.today() - timedelta(weeks=weeks)
    uow = unit_of_work(url)
    with uow:
        program = uow.programs.add(
            athlete_id=athlete.id,
            start_date=start,
            goal="hypertrophy",
            weeks=4,
            days_per_week=3,
            parameters={},
            plan=plan_to_dict(generate_plan(profile, 4, 3, start=start)),
        )
        for week in range(1, weeks + 1):
            for day in (1, 2):
                load = 30.0 + 2.5 * week
                sets = tuple(
                    SetRecord(MACHINE, reps=12 + day, load_kg=load, rpe=7.0, pain=0)
                    for _ in range(2)
                )
                uow.sessions.add(
                    SessionRecord(
                        athlete_id=athlete.id,
                        day=start + timedelta(weeks=week - 1, days=2 * day),
                        status=SessionStatus.PERFORMED,
                        program_id=program.id,
                        plan_week=week,
                        plan_day=day,
                        pain_before=1,
                        pain_after=1 if week != 2 else 3,
                        sets=sets,
                    )
                )
        uow.commit()
    return start


def test_progress_prints_volume_records_adherence_and_pain(database: str) -> None:
    store_history(database)
    result = CliRunner().invoke(app, ["progress", "--athlete", "alex"], env={"COLUMNS": "150"})
    assert result.exit_code == 0, result.output
    for title in (
        "Volume load per week",
        "e1RM trend",
        "Personal records",
        "Adherence",
        "Back pain",
    ):
        assert title in result.output
    assert "heaviest load" in result.output
    assert "37.5 kg" in result.output  # week 3's load is the heaviest
    assert "2/3" in result.output  # two of three planned sessions a week
    assert "rose by 2" in result.output


def test_progress_saves_a_png_figure(database: str, tmp_path: Path) -> None:
    store_history(database)
    figure = tmp_path / "progress.png"
    result = CliRunner().invoke(app, ["progress", "--plot", str(figure)])
    assert result.exit_code == 0, result.output
    assert figure.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_progress_without_a_log_says_so_and_still_draws(database: str, tmp_path: Path) -> None:
    add_athlete(
        unit_of_work(database),
        "sam",
        Profile(level=Level.NEW, equipment=frozenset({Equipment.FLOOR}), goal=Goal.ENDURANCE),
    )
    figure = tmp_path / "empty.png"
    result = CliRunner().invoke(app, ["progress", "--plot", str(figure)])
    assert result.exit_code == 0, result.output
    assert "Nothing logged yet" in result.output
    assert figure.exists()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--athlete", "nobody"], 4, "nobody"),
        (["--plot", "figure.jpg"], 2, "must end in .png"),
        (["--plot", "/no/such/dir/p.png"], 2, "/no/such/dir"),
        (["--e1rm-method", "guess"], 2, "unknown e1RM method"),
    ],
)
def test_progress_bad_input_exits_with_one_line(
    database: str, args: list[str], code: int, message: str
) -> None:
    store_history(database)
    result = CliRunner().invoke(app, ["progress", *args])
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output


def _dates_in(output: str) -> set[str]:
    return set(re.findall(r"\d{4}-\d{2}-\d{2}", output))


@pytest.mark.parametrize(
    ("rows", "hidden_line"),
    [
        ([], "2 earlier points not shown: --e1rm-rows 0 shows all 12"),
        (["--e1rm-rows", "11"], "1 earlier point not shown: --e1rm-rows 0 shows all 12"),
        (["--e1rm-rows", "12"], None),
        (["--e1rm-rows", "0"], None),
    ],
)
def test_the_e1rm_table_says_how_many_points_it_hides(
    database: str, rows: list[str], hidden_line: str | None
) -> None:
    start = store_history(database, weeks=6)  # twelve sessions, one e1RM point each
    result = CliRunner().invoke(app, ["progress", *rows], env={"COLUMNS": "150"})
    assert result.exit_code == 0, result.output
    e1rm_part = result.output.split("e1RM trend")[1].split("Personal records")[0]
    shown = len(_dates_in(e1rm_part))
    if hidden_line is None:
        assert "not shown" not in result.output
        assert shown == 12
    else:
        assert hidden_line in " ".join(result.output.split())
        assert shown == 12 - int(hidden_line.split()[0])
        assert (start + timedelta(days=2)).isoformat() not in e1rm_part  # the oldest is hidden


def test_a_negative_e1rm_row_count_is_refused(database: str) -> None:
    store_history(database)
    result = CliRunner().invoke(app, ["progress", "--e1rm-rows", "-1"])
    assert result.exit_code == 2
    assert "-1" in result.output


def test_a_plan_stored_this_week_is_not_reported_missing(database: str, tmp_path: Path) -> None:
    store_history(database, weeks=0)  # the plan starts today; nothing logged
    result = CliRunner().invoke(app, ["progress"], env={"COLUMNS": "150"})
    assert result.exit_code == 0, result.output
    today = date.today()
    assert f"Adherence: plan from {today:%d %b %Y}: its first week is not over yet." in (
        result.output
    )
    assert "no plan stored" not in result.output


def test_weeks_without_training_are_counted_not_listed(database: str) -> None:
    add_athlete(
        unit_of_work(database),
        "sam",
        Profile(level=Level.NEW, equipment=frozenset({Equipment.MACHINE}), goal=Goal.STRENGTH),
    )
    first, last = date(2000, 1, 3), date(2026, 11, 2)  # both Mondays, 1,400 weeks apart
    uow = unit_of_work(database)
    with uow:
        athlete_id = uow.athletes.get("sam").id
        for day in (first, last):
            uow.sessions.add(
                SessionRecord(
                    athlete_id=athlete_id,
                    day=day,
                    status=SessionStatus.PERFORMED,
                    sets=(SetRecord(MACHINE, reps=10, load_kg=20.0),),
                )
            )
        uow.commit()
    result = CliRunner().invoke(app, ["progress", "--athlete", "sam"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    weeks = (last - first).days // 7 + 1
    assert f"{weeks - 2} weeks without training not shown" in result.output
    assert "2000-01-03" in result.output and "2026-11-02" in result.output
    assert "2000-01-10" not in result.output  # an empty week gets no row
