"""The progress figure is a real PNG, saved atomically."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from revhyper.adapters.progress_plot import ProgressData, render_progress, save_progress_plot
from revhyper.domain.analytics import E1rmPoint, PainPoint, WeekAdherence, WeekVolume
from revhyper.domain.errors import InvalidInputError
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


def test_a_pound_athletes_figure_draws_loads_in_pounds() -> None:
    from dataclasses import replace

    from revhyper.domain.units import KG_PER_LB, MassUnit

    figure = render_progress(replace(DATA, unit=MassUnit.LB))
    volume, e1rm = figure.axes[0], figure.axes[1]
    assert volume.get_ylabel() == "reps × load [lb]" and e1rm.get_ylabel() == "e1RM [lb]"
    assert e1rm.lines[0].get_ydata()[0] == pytest.approx(53.3 / KG_PER_LB)
    assert volume.patches[0].get_height() == pytest.approx(1200.0 / KG_PER_LB)
