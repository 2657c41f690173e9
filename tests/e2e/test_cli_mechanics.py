"""`revhyper mechanics` through the real Typer app."""

from __future__ import annotations

import json
import os
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
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's private 0600


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
        ([*BODY, "--tempo", "0-1-2-0"], "lift and the lowering must last over 0 s"),
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


def _analysis_file(folder: Path, reps: list[dict[str, object]]) -> Path:
    document = {"format": "revhyper-analysis/1", "rep_count": len(reps), "reps": reps}
    path = folder / "analysis.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _rep(concentric: float, eccentric: float, top: float, bottom: float) -> dict[str, object]:
    return {
        "index": 1,
        "concentric_s": concentric,
        "hold_s": 0.5,
        "eccentric_s": eccentric,
        "top_angle_deg": top,
        "bottom_angle_deg": bottom,
        "faults": [],
    }


def test_tempo_and_range_come_from_a_form_analysis_median_rep(tmp_path: Path) -> None:
    reps = [_rep(1.0, 2.0, 4.0, -92.0), _rep(1.2, 2.2, 2.0, -90.0), _rep(3.0, 1.0, -20.0, -80.0)]
    payload = _json("--setup", "machine", "--analysis", str(_analysis_file(tmp_path, reps)))
    assert payload["tempo"] == "1.2-0.5-2-0"
    assert payload["rep_range_deg"] == [-90.0, 2.0]
    assert [s["phase"] for s in payload["setups"]] == ["static", "concentric"]  # type: ignore[union-attr]


def test_analysis_without_usable_reps_is_refused(tmp_path: Path) -> None:
    reps = [{"index": 1, "concentric_s": None, "faults": []}]
    code, out = _run(*BODY, "--analysis", str(_analysis_file(tmp_path, reps)))
    assert code == 2
    assert "no rep with usable times" in out


def test_a_file_that_is_not_an_analysis_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"format": "revhyper-keypoints/1"}', encoding="utf-8")
    code, out = _run(*BODY, "--analysis", str(path))
    assert code == 2
    assert "revhyper-analysis/1" in out


def test_a_missing_analysis_file_exits_4(tmp_path: Path) -> None:
    code, out = _run(*BODY, "--analysis", str(tmp_path / "absent.json"))
    assert code == 4
    assert "absent.json" in out


def test_tempo_and_analysis_together_are_refused(tmp_path: Path) -> None:
    path = _analysis_file(tmp_path, [_rep(1.0, 2.0, 4.0, -92.0)])
    code, out = _run(*BODY, "--tempo", "2-0-2-0", "--analysis", str(path))
    assert code == 2
    assert "either --tempo or --analysis" in out
