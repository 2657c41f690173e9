"""`revhyper mechanics` through the real Typer app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from revhyper.cli.app import app

runner = CliRunner()
WIDE = {"COLUMNS": "200"}
BODY = ["--body-mass", "80", "--height", "1.80"]


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["mechanics", *args], env=WIDE)
    assert "Traceback" not in result.output
    return result.exit_code, " ".join(result.output.split())


def _json(*args: str) -> dict[str, object]:
    result = runner.invoke(app, ["mechanics", *BODY, "--json", *args], env=WIDE)
    assert result.exit_code == 0, result.output
    payload: dict[str, object] = json.loads(result.output)
    return payload


def test_default_shows_bench_and_machine_every_ten_degrees_with_a_summary() -> None:
    code, out = _run(*BODY)
    assert code == 0
    assert "bench (legs alone)" in out and "machine 20 kg" in out
    for angle in ("-100", "-90", "+0", "+30"):
        assert angle in out
    assert "peak [N m]" in out and "work/rep [J]" in out and "≈ machine plates [kg]" in out
    assert "480 N m" in out  # 2 × 0.17 × 80 × 1.80 × g
    assert "not a particular manufacturer's" in out


def test_json_gives_the_hand_checkable_legs_moment_at_horizontal() -> None:
    payload = _json("--setup", "bench")
    assert payload["format"] == "revhyper-mechanics/1"
    angles = payload["angles_deg"]
    assert angles == list(range(-100, 31, 10))
    (bench,) = payload["setups"]  # type: ignore[misc]
    level = bench["moment_n_m"][angles.index(0)]  # type: ignore[union-attr]
    assert level == pytest.approx(103.25, abs=0.01)
    assert bench["moment_n_m"][angles.index(-90)] == pytest.approx(0.0, abs=1e-6)
    assert bench["peak_angle_deg"] == 0.0
    assert bench["equivalent_plate_kg"] == 0.0


def test_json_machine_is_worth_its_own_plate_load() -> None:
    payload = _json("--setup", "machine", "--load", "25")
    (machine,) = payload["setups"]  # type: ignore[misc]
    assert machine["plate_kg"] == 25.0
    assert machine["equivalent_plate_kg"] == pytest.approx(25.0, abs=0.01)


def test_several_setups_overlay_with_a_band() -> None:
    payload = _json("--setup", "bench", "--setup", "band", "--band-stiffness", "300")
    labels = [s["label"] for s in payload["setups"]]  # type: ignore[union-attr]
    assert labels == ["bench (legs alone)", "band 300 N/m"]
    bench, band = payload["setups"]  # type: ignore[misc]
    assert band["peak_n_m"] > bench["peak_n_m"]
    assert band["equivalent_plate_kg"] > 0


def test_tempo_adds_a_lifting_curve_heavier_at_the_bottom_lighter_at_the_top() -> None:
    payload = _json("--setup", "machine", "--tempo", "1-0-1-0")
    static, lifting = payload["setups"]  # type: ignore[misc]
    assert lifting["phase"] == "concentric"
    angles = payload["angles_deg"]
    bottom, top = angles.index(-90), angles.index(0)  # type: ignore[union-attr]
    assert lifting["moment_n_m"][bottom] > static["moment_n_m"][bottom]
    assert lifting["moment_n_m"][top] < static["moment_n_m"][top]
    assert lifting["moment_n_m"][angles.index(20)] is None  # type: ignore[union-attr]


def test_single_leg_halves_moment_and_strength() -> None:
    both = _json("--setup", "bench")
    one = _json("--setup", "bench", "--single-leg")
    assert one["strength_n_m"] == pytest.approx(both["strength_n_m"] / 2, abs=0.01)  # type: ignore[operator]
    assert one["setups"][0]["peak_n_m"] == pytest.approx(  # type: ignore[index]
        both["setups"][0]["peak_n_m"] / 2,  # type: ignore[index]
        abs=0.01,
    )


def test_plot_is_written_as_a_png_without_leftovers(tmp_path: Path) -> None:
    target = tmp_path / "curves.png"
    code, out = _run(*BODY, "--setup", "machine", "--setup", "bench", "--plot", str(target))
    assert code == 0
    assert "Plot saved to" in out
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [p.name for p in tmp_path.iterdir()] == ["curves.png"]


def test_plot_into_a_missing_directory_fails_cleanly(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "curves.png"
    code, out = _run(*BODY, "--plot", str(target))
    assert code == 2
    assert "error" in out
    assert not target.parent.exists()


def test_plot_with_an_unknown_file_type_is_refused(tmp_path: Path) -> None:
    code, out = _run(*BODY, "--plot", str(tmp_path / "curves.txt"))
    assert code == 2
    assert ".png" in out
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--body-mass", "500", "--height", "1.80"], "body mass 500 kg"),
        (["--body-mass", "80", "--height", "180"], "height 180 m"),
        ([*BODY, "--load", "-5"], "plate load -5 kg"),
        ([*BODY, "--arm-length", "0.2"], "arm length 0.2 m"),
        ([*BODY, "--arm-length", "0.5", "--strap", "0.85"], "beyond the arm"),
        ([*BODY, "--pivot-y", "-0.7"], "pivot offset"),
        ([*BODY, "--strap", "2.0"], "not on the leg"),
        ([*BODY, "--band-stiffness", "-1", "--setup", "band"], "band stiffness -1 N/m"),
        ([*BODY, "--tempo", "3-1"], "C-H-E-P"),
        ([*BODY, "--tempo", "0-1-2-0"], "concentric time 0 s"),
        ([*BODY, "--bottom", "10", "--top", "0"], "must be above the bottom"),
        ([*BODY, "--knee-flexion", "40"], "bench only"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(args: list[str], message: str) -> None:
    code, out = _run(*args)
    assert code == 2
    assert message in out


def test_unknown_setup_exits_2_listing_the_choices() -> None:
    code, out = _run(*BODY, "--setup", "trampoline")
    assert code == 2
    assert "machine" in out and "bench" in out


def test_unknown_sex_exits_2() -> None:
    code, _ = _run(*BODY, "--sex", "other")
    assert code == 2


def test_bench_with_bent_knees_needs_less() -> None:
    straight = _json("--setup", "bench")
    bent = _json("--setup", "bench", "--knee-flexion", "90")
    assert bent["setups"][0]["peak_n_m"] < straight["setups"][0]["peak_n_m"]  # type: ignore[index]
