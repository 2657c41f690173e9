"""The mechanics use case (services/mechanics.py), as the CLI and the web layer call it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from revhyper.domain.errors import InvalidInputError
from revhyper.services.mechanics import (
    MECHANICS_FORMAT,
    MechanicsRequest,
    hip_moments,
    mechanics_document,
    motion_from_analysis_document,
)

#: Standard gravity [m/s²] (CGPM 1901), for the hand check of Anderson et al.'s strength.
G = 9.80665


def _rep(concentric_s: float, hold_s: float, eccentric_s: float, bottom: float) -> dict[str, float]:
    return {
        "bottom_angle_deg": bottom,
        "top_angle_deg": 0.0,
        "concentric_s": concentric_s,
        "hold_s": hold_s,
        "eccentric_s": eccentric_s,
    }


def _analysis(reps: list[object]) -> dict[str, object]:
    return {"format": "revhyper-analysis/1", "reps": reps}


def test_without_setups_the_bench_and_the_machine_are_compared() -> None:
    report = hip_moments(MechanicsRequest(body_mass_kg=80, height_m=1.8))
    assert [c.spec.setup for c in report.curves] == ["bench", "machine"]
    assert report.tempo is None
    assert report.rep_range_deg == (-90.0, 0.0)


def test_strength_is_anderson_0_17_m_h_g_per_working_hip() -> None:
    both = hip_moments(MechanicsRequest(body_mass_kg=80, height_m=1.8))
    one = hip_moments(MechanicsRequest(body_mass_kg=80, height_m=1.8, single_leg=True))
    assert both.strength_n_m == pytest.approx(2 * 0.17 * 80 * 1.8 * G, rel=1e-3)
    assert one.strength_n_m == pytest.approx(0.17 * 80 * 1.8 * G, rel=1e-3)
    assert (both.legs.leg_count, one.legs.leg_count) == (2, 1)


def test_a_repeated_setup_is_drawn_once_in_the_order_given() -> None:
    request = MechanicsRequest(80, 1.8, setups=("band", "machine", "band"))
    assert [c.spec.setup for c in hip_moments(request).curves] == ["band", "machine"]


def test_an_unknown_setup_is_refused_by_name() -> None:
    with pytest.raises(InvalidInputError, match=r"setup 'sled'.*machine, bench, band"):
        hip_moments(MechanicsRequest(80, 1.8, setups=("sled",)))


@pytest.mark.parametrize("setups", [("bench", "machine"), ("band",)])
def test_a_bent_knee_is_refused_beside_a_strap_or_band(setups: tuple[str, ...]) -> None:
    with pytest.raises(InvalidInputError, match="knee flexion 30 deg is modelled for the bench"):
        hip_moments(MechanicsRequest(80, 1.8, setups=setups, knee_flexion_deg=30))


def test_a_bent_knee_on_the_bench_alone_lightens_the_moment_at_horizontal() -> None:
    straight = hip_moments(MechanicsRequest(80, 1.8, setups=("bench",)))
    bent = hip_moments(MechanicsRequest(80, 1.8, setups=("bench",), knee_flexion_deg=90))
    assert bent.curves[0].summary.peak_n_m < straight.curves[0].summary.peak_n_m


def test_tempo_and_analysis_together_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="either --tempo or --analysis"):
        hip_moments(MechanicsRequest(80, 1.8, tempo="2-0-2-0", analysis=tmp_path / "a.json"))


def test_a_tempo_adds_one_lifting_curve_per_setup() -> None:
    report = hip_moments(MechanicsRequest(80, 1.8, tempo="2-1-2-0"))
    assert [c.phase for c in report.curves] == ["static", "static", "concentric", "concentric"]
    assert report.title.endswith("(tempo 2-1-2-0)")


def test_the_analysis_gives_the_median_rep_and_skips_unusable_reps() -> None:
    reps: list[object] = [
        _rep(1.0, 0.0, 2.0, -80.0),
        _rep(2.0, 1.0, 3.0, -90.0),
        _rep(3.0, 2.0, 4.0, -100.0),
        {"bottom_angle_deg": -85.0},  # no times
        "not a rep",
        _rep(1.0, 0.0, -5.0, -90.0),  # a negative time
    ]
    motion = motion_from_analysis_document(_analysis(reps), "clip.json")
    assert (motion.concentric_s, motion.hold_s, motion.eccentric_s, motion.pause_s) == (
        2.0,
        1.0,
        3.0,
        0.0,
    )
    assert (motion.bottom_angle_deg, motion.top_angle_deg) == (-90.0, 0.0)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"format": "revhyper-plan/1", "reps": []}, "clip.json is not a revhyper-analysis/1"),
        (["a list"], "clip.json is not a revhyper-analysis/1"),
        (_analysis([]), "clip.json holds no rep with usable times and angles"),
        (_analysis([{"concentric_s": 1.0}]), "clip.json holds no rep with usable"),
    ],
)
def test_a_document_without_a_usable_rep_is_refused_naming_its_source(
    document: object, message: str
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        motion_from_analysis_document(document, "clip.json")


def test_an_analysis_file_sets_the_range_and_the_tempo(tmp_path: Path) -> None:
    path = tmp_path / "clip.json"
    path.write_text(json.dumps(_analysis([_rep(1.5, 0.5, 2.5, -70.0)])), encoding="utf-8")
    report = hip_moments(MechanicsRequest(80, 1.8, setups=("machine",), analysis=path))
    assert report.rep_range_deg == (-70.0, 0.0)
    assert report.tempo == "1.5-0.5-2.5-0"
    assert "median rep of clip.json" in report.title


def test_a_file_that_is_not_json_is_refused_by_path(tmp_path: Path) -> None:
    path = tmp_path / "clip.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InvalidInputError, match=r"clip\.json is not a JSON file"):
        hip_moments(MechanicsRequest(80, 1.8, analysis=path))


def test_the_document_lists_moments_every_ten_degrees_with_none_where_not_visited() -> None:
    document = mechanics_document(hip_moments(MechanicsRequest(80, 1.8, tempo="2-0-2-0")))
    assert document["format"] == MECHANICS_FORMAT == "revhyper-mechanics/1"
    assert document["angles_deg"] == [float(a) for a in range(-100, 31, 10)]
    lifting = [s for s in document["setups"] if s["phase"] == "concentric"]
    assert lifting and all(None in s["moment_n_m"] for s in lifting)  # outside -90..0
    static = [s for s in document["setups"] if s["phase"] == "static"]
    assert all(None not in s["moment_n_m"] for s in static)
    machine = next(s for s in static if s["setup"] == "machine")
    assert machine["plate_kg"] == 20.0
