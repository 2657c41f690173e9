"""`revhyper e1rm`, `revhyper plates` and `revhyper rpe` through the real Typer app."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from revhyper.cli.app import app
from revhyper.domain.loads import E1RM_METHODS

runner = CliRunner()
WIDE = {"COLUMNS": "140"}


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env=WIDE)
    assert "Traceback" not in result.output
    return result.exit_code, " ".join(result.output.split())


def test_e1rm_defaults_to_epley() -> None:
    code, out = _run("e1rm", "100", "10")
    assert code == 0
    assert "e1RM (epley): 133.3 kg" in out


def test_e1rm_with_a_named_method() -> None:
    code, out = _run("e1rm", "100", "10", "--method", "brzycki")
    assert code == 0
    assert "133.4 kg" in out


def test_e1rm_all_shows_every_method_with_its_value() -> None:
    code, out = _run("e1rm", "100", "10", "--all")
    assert code == 0
    for method in E1RM_METHODS:
        assert method in out
    assert "oconner 125.0" in out and "lombardi 125.9" in out


def test_e1rm_warns_that_high_rep_estimates_are_rough() -> None:
    code, out = _run("e1rm", "60", "15")
    assert code == 0 and "rough" in out


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("e1rm", "100", "10", "--method", "nsca"), "allowed: epley, brzycki"),
        (("e1rm", "100", "10", "--method", "epley", "--all"), "not both"),
        (("e1rm", "0", "5"), "load 0.0 kg"),
        (("e1rm", "100", "31"), "1–30"),
        (("e1rm", "abc", "5"), "abc"),
        (("plates", "0"), "target"),
        (("plates", "5", "--arm-kg", "10"), "below the empty arm"),
        (("plates", "30", "--limit", "lots"), "KG=COUNT"),
        (("plates", "30", "--limit", "7=1"), "7 kg"),
        (("rpe", "--reps", "13", "--rpe", "8"), "1–12"),
        (("rpe", "--reps", "5", "--rpe", "5"), "6.5–10"),
        (("rpe", "--reps", "5"), "both --reps and --rpe"),
        (
            ("working-load", "100", "8", "8", "--target-reps", "15", "--target-rpe", "8"),
            "1–12",
        ),
        (
            (
                "working-load",
                *("100", "8", "8", "--target-reps", "10", "--target-rpe", "8"),
                *("--increment-kg", "0"),
            ),
            "increment",
        ),
    ],
)
def test_bad_load_input_exits_2_with_a_message_naming_the_problem(
    args: tuple[str, ...], needle: str
) -> None:
    code, out = _run(*args)
    assert code == 2
    assert needle in out


def test_plates_lists_the_plates_for_one_pin() -> None:
    code, out = _run("plates", "77.5")
    assert code == 0
    assert "25 + 25 + 25 + 2.5 kg (4 plates)" in out
    assert "Total: 77.5 kg" in out
    assert "short" not in out


def test_plates_counts_the_arm_and_reports_a_shortfall() -> None:
    code, out = _run("plates", "101.3", "--arm-kg", "10")
    assert code == 0
    assert "Total: 101.25 kg (arm 10 kg + plates)" in out
    assert "0.05 kg short" in out


def test_plates_respects_plate_limits() -> None:
    limits = [f"--limit={plate}=0" for plate in ("20", "10", "5", "2.5", "1.25")]
    code, out = _run("plates", "30", "--limit", "25=1", "--limit", "15=2", *limits)
    assert code == 0
    assert "15 + 15 kg (2 plates)" in out


def test_plates_when_the_arm_alone_is_the_target() -> None:
    code, out = _run("plates", "10", "--arm-kg", "10")
    assert code == 0
    assert "No plates" in out and "Total: 10 kg" in out


def test_rpe_prints_the_chart_and_the_scale() -> None:
    code, out = _run("rpe")
    assert code == 0
    assert "RTS chart" in out and "Zourdos" in out
    assert "5 86.3 85.0 83.7 82.4 81.1" in out
    assert "12 68.0 66.7 65.3 64.0 62.6 61.3 59.9 58.6" in out


def test_rpe_looks_up_one_cell_with_its_reps_in_reserve() -> None:
    code, out = _run("rpe", "--reps", "5", "--rpe", "8")
    assert code == 0
    assert "5 reps @ RPE 8 ≈ 81.1% of 1RM (2 reps in reserve)" in out


def test_working_load_goes_through_the_chart_and_rounds_down() -> None:
    code, out = _run("working-load", "100", "8", "8", "--target-reps", "10", "--target-rpe", "8")
    assert code == 0
    assert "e1RM ≈ 135.3 kg" in out
    assert "For 10 reps @ RPE 8: 91.25 kg" in out


@pytest.mark.parametrize("target", ["1e12", "3e5", "500.05"])
def test_plates_refuses_a_target_above_the_maximum_at_once(target: str) -> None:
    code, out = _run("plates", target)
    assert code == 2
    assert "above the 500 kg" in out


def test_plates_accepts_the_maximum_target() -> None:
    code, out = _run("plates", "500")
    assert code == 0 and "Total: 500 kg" in out


def test_plates_with_a_pound_plate_set() -> None:
    code, out = _run("plates", "225", "--unit", "lb")
    assert code == 0
    assert "45 + 45 + 45 + 45 + 45 lb (5 plates)" in out and "Total: 225 lb" in out


def test_plates_reads_a_target_in_pounds_against_a_kilogram_set() -> None:
    code, out = _run("plates", "100lb")  # 45.359237 kg
    assert code == 0
    assert "Total: 45 kg" in out and "Cannot make 45.3592 kg" in out and "0.3592 kg short" in out


def test_plates_uses_the_inventory_given_on_the_command_line() -> None:
    code, out = _run("plates", "60", "--plates", "20x2,10x2,5x2,2.5x2,1.25x2")
    assert code == 0
    assert "20 + 20 + 10 + 10 kg (4 plates)" in out
    code, out = _run("plates", "100", "--plates", "20x2,10x2,5x2,2.5x2,1.25x2")
    assert "Total: 77.5 kg" in out and "22.5 kg short" in out


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("plates", "60", "--plates", "20x2,20x1"), "twice"),
        (("plates", "60", "--plates", "20xlots"), "SIZExCOPIES"),
        (("plates", "60", "--unit", "stone"), "allowed kg or lb"),
        (("plates", "60kgs x"), "60kgs x"),
        (("plates", "60", "--plates", "20x2", "--limit", "20=1"), "not both"),
    ],
)
def test_bad_plate_inventory_input_exits_2_naming_the_problem(
    args: tuple[str, ...], needle: str
) -> None:
    code, out = _run(*args)
    assert code == 2 and needle in out


def test_e1rm_answers_in_the_unit_of_the_load() -> None:
    code, out = _run("e1rm", "220lb", "10")
    assert code == 0 and "e1RM (epley): 293.3 lb" in out  # 220 × 1.333
    code, out = _run("e1rm", "220lb", "10", "--all")
    assert code == 0 and "e1RM from 220 lb × 10" in out and "e1RM (lb)" in out
    assert "oconner 275.0" in out  # 220 × 1.25
