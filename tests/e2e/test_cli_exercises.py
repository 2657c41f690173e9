"""`revhyper exercises` and `revhyper explain` through the real Typer app."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from revhyper.cli.app import app
from revhyper.domain.vocabulary import Equipment, VariationId

runner = CliRunner()
WIDE = {"COLUMNS": "140"}


def _one_line(text: str) -> str:
    """Undo the terminal's soft wrapping so a message can be read as one line."""
    return " ".join(text.split())


def test_exercises_lists_every_variation_with_its_columns() -> None:
    result = runner.invoke(app, ["exercises"], env=WIDE)
    assert result.exit_code == 0, result.output
    for header in ("id", "name", "equipment", "difficulty", "loadable"):
        assert header in result.output
    for vid in VariationId:
        assert vid.value in result.output
    assert "Machine reverse hyper" in result.output


def test_exercises_on_a_narrow_terminal_still_shows_whole_ids() -> None:
    result = runner.invoke(app, ["exercises"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    for vid in VariationId:
        assert vid.value in result.output


def test_exercises_filtered_to_the_floor_lists_only_floor_work() -> None:
    result = runner.invoke(app, ["exercises", "--equipment", "floor"], env=WIDE)
    assert result.exit_code == 0, result.output
    shown = {vid for vid in VariationId if vid.value in result.output}
    assert shown == {VariationId.FLOOR_HYPEREXTENSION, VariationId.FLOOR_REVERSE_HYPER}


def test_exercises_with_ghd_and_bands_offers_the_banded_ghd_variation_not_the_machine() -> None:
    result = runner.invoke(app, ["exercises", "-e", "ghd", "-e", "bands"], env=WIDE)
    assert result.exit_code == 0, result.output
    assert VariationId.GHD_REVERSE_HYPER_BANDED.value in result.output
    assert VariationId.MACHINE_REVERSE_HYPER.value not in result.output


def test_exercises_with_bands_alone_explains_that_nothing_fits() -> None:
    result = runner.invoke(app, ["exercises", "-e", "bands"])
    assert result.exit_code == 0
    assert "No variation" in result.output


def test_unknown_equipment_exits_2_naming_it_and_the_allowed_values() -> None:
    result = runner.invoke(app, ["exercises", "--equipment", "kettlebell"], env=WIDE)
    assert result.exit_code == 2
    message = _one_line(result.output)
    assert "kettlebell" in message
    for item in Equipment:
        assert item.value in message
    assert "Traceback" not in result.output


@pytest.mark.parametrize("vid", list(VariationId))
def test_explain_prints_every_section_for_each_variation(vid: VariationId) -> None:
    result = runner.invoke(app, ["explain", vid.value], env=WIDE)
    assert result.exit_code == 0, result.output
    for section in (
        "How to do it",
        "Faults and why they matter",
        "Muscles and their roles",
        "Cautions",
    ):
        assert section in result.output
    assert "prime mover" in result.output and "stabiliser" in result.output
    assert "5. Finish" in result.output


def test_explain_shows_the_fault_codes_the_video_coach_uses() -> None:
    result = runner.invoke(app, ["explain", "machine-reverse-hyper"], env=WIDE)
    assert "[short_rom]" in result.output and "[torso_lift]" in result.output
    assert "[short_hold]" not in result.output


def test_explain_a_beginner_variation_states_the_15_to_20_rep_criterion() -> None:
    result = runner.invoke(app, ["explain", "floor-hyperextension"], env=WIDE)
    assert result.exit_code == 0
    output = _one_line(result.output)
    assert "15–20" in output
    assert "Bend the knees slightly" in output


def test_explain_unknown_variation_exits_2_listing_allowed_ids() -> None:
    result = runner.invoke(app, ["explain", "good-morning"], env=WIDE)
    assert result.exit_code == 2
    message = _one_line(result.output)
    assert "good-morning" in message
    for vid in VariationId:
        assert vid.value in message
    assert "Traceback" not in result.output


def test_both_commands_appear_in_help() -> None:
    result = runner.invoke(app, ["--help"], env=WIDE)
    assert "exercises" in result.output and "explain" in result.output


def test_explain_says_which_equipment_a_load_kind_needs() -> None:
    result = runner.invoke(app, ["explain", "isometric-hold"], env=WIDE)
    output = _one_line(result.output)
    assert "plates (with machine)" in output and "bands (with bands)" in output
    machine = _one_line(runner.invoke(app, ["explain", "machine-reverse-hyper"], env=WIDE).output)
    assert "load: plates ·" in machine


def test_filtered_listing_marks_loadability_for_the_equipment_given() -> None:
    result = runner.invoke(app, ["exercises", "-e", "bench"], env=WIDE)
    row = next(line for line in result.output.splitlines() if "isometric-hold" in line)
    assert row.split()[-1] == "no"
    result = runner.invoke(app, ["exercises", "-e", "machine"], env=WIDE)
    row = next(line for line in result.output.splitlines() if "isometric-hold" in line)
    assert row.split()[-1] == "plates"
