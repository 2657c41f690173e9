"""The progress figure is a real PNG, saved atomically."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import matplotlib.dates as mdates
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from revhyper.adapters.progress_plot import (
    DATE_PAD_DAYS,
    MIN_DATE_SPAN_DAYS,
    ProgressData,
    adherence_gap_text,
    render_progress,
    save_progress_plot,
)
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.training.analytics import E1rmPoint, PainPoint, WeekAdherence, WeekVolume
from revhyper.domain.vocabulary import VariationId

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

DATA = ProgressData(
    athlete="alex",
    volume=[
        WeekVolume(date(2026, 11, 2), 1200.0, 6, 60, 2),
        WeekVolume(date(2026, 11, 9), 0.0, 0, 0, 0),
    ],
    e1rm=[E1rmPoint(date(2026, 11, 2), VariationId.MACHINE_REVERSE_HYPER, 53.3, 40.0, 10)],
    adherence=[WeekAdherence(1, 3, 2, 9, 6)],
    pain=[PainPoint(date(2026, 11, 2), 1, 3, 4), PainPoint(date(2026, 11, 4), None, 0, None)],
    pain_threshold=4,
)


def test_the_figure_has_four_titled_panels() -> None:
    figure = render_progress(DATA)
    titles = [ax.get_title(loc="left") for ax in figure.axes]
    assert titles == [
        "Volume load per week",
        "Estimated 1RM (best set per session)",
        "Adherence (done / planned)",
        "Back pain (0–10)",
    ]


def test_saving_writes_a_png_and_no_temporary_file(tmp_path: Path) -> None:
    target = save_progress_plot(DATA, tmp_path / "progress.png")
    assert target.read_bytes()[:8] == PNG_MAGIC
    assert [p.name for p in tmp_path.iterdir()] == ["progress.png"]


def test_a_failed_save_leaves_the_old_file_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "progress.png"
    target.write_bytes(b"old figure")

    def broken_savefig(self: Figure, *args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Figure, "savefig", broken_savefig)
    with pytest.raises(OSError, match="No space"):
        save_progress_plot(DATA, target)
    assert target.read_bytes() == b"old figure"
    assert [p.name for p in tmp_path.iterdir()] == ["progress.png"]


def test_only_png_file_names_are_accepted(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match=r"figure\.svg.*\.png"):
        save_progress_plot(DATA, tmp_path / "figure.svg")


def test_empty_data_still_draws_a_figure_that_says_so(tmp_path: Path) -> None:
    empty = ProgressData("sam", [], [], [], [])
    figure = render_progress(empty)
    texts = [t.get_text() for ax in figure.axes for t in ax.texts]
    assert "no sets logged yet" in texts
    assert save_progress_plot(empty, tmp_path / "empty.png").exists()


def test_the_saved_figure_gets_ordinary_file_permissions(tmp_path: Path) -> None:
    target = save_progress_plot(DATA, tmp_path / "progress.png")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _late_november() -> ProgressData:
    """Three weeks from 16 Nov: the padded axes reach into December."""
    machine = VariationId.MACHINE_REVERSE_HYPER
    starts = [date(2026, 11, 16), date(2026, 11, 23), date(2026, 11, 30)]
    return ProgressData(
        athlete="alex",
        volume=[WeekVolume(day, 1000.0, 6, 60, 2) for day in starts],
        e1rm=[E1rmPoint(day + timedelta(days=1), machine, 50.0, 40.0, 10) for day in starts],
        adherence=[],
        pain=[PainPoint(day + timedelta(days=1), 1, 1, 0) for day in starts[:2]],
    )


def _date_axes(figure: Figure) -> list[Axes]:
    return [ax for ax in figure.axes if ax.get_title(loc="left") != "Adherence (done / planned)"]


def test_every_date_tick_names_its_own_day_and_month() -> None:
    figure = render_progress(_late_november())
    figure.draw_without_rendering()
    for ax in _date_axes(figure):
        ticks = ax.get_xticks()
        labels = [label.get_text() for label in ax.get_xticklabels()]
        expected = [mdates.num2date(tick).strftime("%d %b") for tick in ticks]
        assert labels == expected, ax.get_title(loc="left")
        assert any("Nov" in label for label in labels)
        offset = ax.xaxis.get_major_formatter().get_offset()  # type: ignore[attr-defined]
        assert not any(month in offset for month in MONTHS), offset  # was "2026-Dec"


def _span_days(ax: Axes) -> float:
    low, high = ax.get_xlim()
    return high - low


def test_one_pain_rating_gets_a_two_week_axis_around_it() -> None:
    day = date(2026, 11, 4)
    data = ProgressData(
        "alex",
        [],
        [E1rmPoint(day, VariationId.MACHINE_REVERSE_HYPER, 53.3, 40.0, 10)],
        [],
        [PainPoint(day, 1, 2, 0)],
    )
    figure = render_progress(data)
    for ax in (figure.axes[1], figure.axes[3]):
        assert _span_days(ax) == MIN_DATE_SPAN_DAYS == 14
        low, high = ax.get_xlim()
        assert low < mdates.date2num(day) < high  # type: ignore[no-untyped-call]


def test_a_long_log_keeps_its_own_span_plus_two_days_each_side() -> None:
    days = [date(2026, 9, 1), date(2026, 11, 30)]
    data = ProgressData("alex", [], [], [], [PainPoint(day, 1, 1, 0) for day in days])
    pain_axis = render_progress(data).axes[3]
    assert _span_days(pain_axis) == (days[1] - days[0]).days + 2 * DATE_PAD_DAYS


def test_a_body_weight_only_log_draws_its_volume_axis_from_zero() -> None:
    data = ProgressData("sam", [WeekVolume(date(2026, 11, 2), 0.0, 6, 60, 2)], [], [], [])
    volume_axis = render_progress(data).axes[0]
    assert volume_axis.get_ylim() == (0.0, 1.0)  # was ±0.065 around zero
    assert "body weight only: no external load to total" in [
        t.get_text() for t in volume_axis.texts
    ]


def test_a_loaded_volume_axis_starts_at_zero() -> None:
    volume_axis = render_progress(DATA).axes[0]
    low, high = volume_axis.get_ylim()
    assert low == 0.0 and high > 1200.0


@pytest.mark.parametrize(
    ("plan_start", "text"),
    [
        (None, "no plan stored"),
        (date(2026, 11, 2), "plan from 02 Nov 2026: its first week is not over yet"),
        (date(2026, 11, 3), "the plan starts on 03 Nov 2026"),
    ],
)
def test_an_empty_adherence_panel_says_whether_a_plan_is_stored(
    plan_start: date | None, text: str
) -> None:
    assert adherence_gap_text(plan_start, today=date(2026, 11, 2)) == text


def test_the_adherence_panel_of_a_stored_plan_does_not_say_no_plan() -> None:
    today = date.today()
    data = ProgressData("alex", [], [], [], [], plan_start=today)
    adherence_axis = render_progress(data).axes[2]
    texts = [t.get_text() for t in adherence_axis.texts]
    assert texts == [f"plan from {today:%d %b %Y}: its first week is not over yet"]


def test_a_pound_athletes_figure_draws_loads_in_pounds() -> None:
    from dataclasses import replace

    from revhyper.domain.units import KG_PER_LB, MassUnit

    figure = render_progress(replace(DATA, unit=MassUnit.LB))
    volume, e1rm = figure.axes[0], figure.axes[1]
    assert volume.get_ylabel() == "reps × load [lb]" and e1rm.get_ylabel() == "e1RM [lb]"
    assert e1rm.lines[0].get_ydata()[0] == pytest.approx(53.3 / KG_PER_LB)
    assert volume.patches[0].get_height() == pytest.approx(1200.0 / KG_PER_LB)
