"""What a setup asks of the hip: the use case behind ``revhyper mechanics`` (and the web layer).

:func:`hip_moments` checks a :class:`MechanicsRequest` (the athlete, the setups, the machine
and band geometry, the rep's range and tempo, or a form analysis to take them from), runs the
domain model (:mod:`revhyper.domain.body.mechanics`) and returns a :class:`MechanicsReport`;
:func:`mechanics_document` turns the report into the ``revhyper-mechanics/1`` JSON document
and :func:`save_mechanics_plot` draws its curves. No database is involved.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from revhyper.domain.body import mechanics as mech
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.motion.form_result import ANALYSIS_FORMAT
from revhyper.domain.tempo import parse_tempo

#: Name and version of the JSON document :func:`mechanics_document` returns.
MECHANICS_FORMAT = "revhyper-mechanics/1"

#: Thigh-angle step of the tables and of the JSON document's moment lists [deg].
TABLE_STEP_DEG = 10

#: Setups the request may name; ``bench`` stands for every legs-alone setup.
SETUPS = ("machine", "bench", "band")

#: Setups shown when the request names none.
DEFAULT_SETUPS = ("bench", "machine")

_DEFAULT_GEOMETRY = mech.MachineGeometry()


@dataclass(frozen=True)
class MechanicsRequest:
    """What to model.

    Attributes:
        body_mass_kg: body mass [kg].  height_m: body height [m].  sex: de Leva column.
        setups: setups to compare (``machine``, ``bench``, ``band``); empty = the default two.
        plate_kg: plates on the machine [kg].
        arm_length_m, arm_mass_kg, pivot_x_m, pivot_y_m, strap_m: the machine [m], [kg].
        band_stiffness_n_per_m, band_anchor_x_m, band_anchor_y_m, band_rest_length_m: the band.
        knee_flexion_deg: fixed knee bend, bench only [deg].
        single_leg: one leg working instead of two.
        bottom_deg, top_deg: the rep's range [deg] (ignored when an analysis gives it).
        tempo: C-H-E-P text for the lifting curve [s], or None.
        analysis: a ``revhyper-analysis/1`` file whose median rep gives tempo and range.
    """

    body_mass_kg: float
    height_m: float
    sex: str = "male"
    setups: tuple[str, ...] = ()
    plate_kg: float = 20.0
    arm_length_m: float = _DEFAULT_GEOMETRY.arm_length_m
    arm_mass_kg: float = _DEFAULT_GEOMETRY.arm_mass_kg
    pivot_x_m: float = _DEFAULT_GEOMETRY.pivot_x_m
    pivot_y_m: float = _DEFAULT_GEOMETRY.pivot_y_m
    strap_m: float | None = None
    band_stiffness_n_per_m: float = 150.0
    band_anchor_x_m: float = 0.0
    band_anchor_y_m: float = -1.0
    band_rest_length_m: float | None = None
    knee_flexion_deg: float = 0.0
    single_leg: bool = False
    bottom_deg: float = -90.0
    top_deg: float = 0.0
    tempo: str | None = None
    analysis: Path | None = None


@dataclass(frozen=True)
class MechanicsReport:
    """The modelled curves and what they were computed for.

    Attributes:
        title: one line naming the athlete and, when used, the tempo and its source.
        body_mass_kg, height_m, sex: the athlete.
        legs: the moving legs.
        strength_n_m: estimated peak hip-extension strength of the working hips [N m].
        rep_range_deg: (bottom, top) of the rep [deg].
        tempo: the tempo of the lifting curves (C-H-E-P [s]), or None.
        curves: one static curve per setup, then one lifting curve per setup with a tempo.
    """

    title: str
    body_mass_kg: float
    height_m: float
    sex: str
    legs: mech.RigidLegs
    strength_n_m: float
    rep_range_deg: tuple[float, float]
    tempo: str | None
    curves: list[mech.SetupCurve]

    def table_rows(self) -> list[tuple[float, list[float]]]:
        """Every :data:`TABLE_STEP_DEG` of thigh angle: the angle [deg] and each curve [N m]."""
        angles = self.curves[0].angles_deg
        return [
            (float(angle), [float(c.moment_n_m[index]) for c in self.curves])
            for index, angle in enumerate(angles)
            if round(angle) % TABLE_STEP_DEG == 0
        ]


def _chosen_setups(request: MechanicsRequest) -> list[str]:
    chosen = list(dict.fromkeys(request.setups or DEFAULT_SETUPS))
    for name in chosen:
        if name not in SETUPS:
            raise InvalidInputError(f"setup {name!r} is not known; use one of {', '.join(SETUPS)}")
    if request.knee_flexion_deg and any(name != "bench" for name in chosen):
        raise InvalidInputError(
            f"knee flexion {request.knee_flexion_deg:g} deg is modelled for the bench only; the "
            "strap and band model needs straight legs"
        )
    return chosen


def _spec(
    name: str, plate_kg: float, geometry: mech.MachineGeometry, band: mech.BandSetup
) -> mech.SetupSpec:
    if name == "machine":
        return mech.SetupSpec("machine", plate_kg=plate_kg, geometry=geometry)
    if name == "band":
        return mech.SetupSpec("band", band=band)
    return mech.SetupSpec("bench")


def motion_from_analysis_document(document: object, source: str) -> mech.RepMotion:
    """The median rep of a ``revhyper-analysis/1`` document (bottom pause not timed: 0 s).

    Reps with missing or unusable numbers are left out.

    Raises:
        InvalidInputError: not such a document, or no rep with usable times and angles.
    """
    if not isinstance(document, dict) or document.get("format") != ANALYSIS_FORMAT:
        raise InvalidInputError(f"{source} is not a {ANALYSIS_FORMAT} analysis result")
    motions = []
    for rep in document.get("reps") or []:
        try:
            motion = mech.RepMotion(
                bottom_angle_deg=float(rep["bottom_angle_deg"]),
                top_angle_deg=float(rep["top_angle_deg"]),
                concentric_s=float(rep["concentric_s"]),
                hold_s=float(rep["hold_s"]),
                eccentric_s=float(rep["eccentric_s"]),
                pause_s=0.0,
            )
            mech.validate_motion(motion)
        except (KeyError, TypeError, ValueError):
            continue  # a rep with missing or unusable numbers (InvalidInputError included)
        motions.append(motion)
    if not motions:
        raise InvalidInputError(f"{source} holds no rep with usable times and angles")
    return mech.typical_motion(motions)


def _read_analysis(path: Path) -> mech.RepMotion:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise InvalidInputError(f"{path} is not a JSON file") from None
    return motion_from_analysis_document(document, str(path))


def tempo_text(motion: mech.RepMotion) -> str:
    """A motion's phases as C-H-E-P text, two significant digits each [s]."""
    parts = (motion.concentric_s, motion.hold_s, motion.eccentric_s, motion.pause_s)
    return "-".join(f"{part:.2g}" for part in parts)


def hip_moments(request: MechanicsRequest) -> MechanicsReport:
    """Hip extension moment over the thigh angle for each requested setup.

    Raises:
        InvalidInputError: any value outside what the model covers, naming it (nothing drawn).
        OSError: the analysis file cannot be read.
    """
    chosen = _chosen_setups(request)
    if request.tempo and request.analysis is not None:
        raise InvalidInputError("use either --tempo or --analysis, not both")
    legs_count = 1 if request.single_leg else 2
    mass, height, sex = request.body_mass_kg, request.height_m, request.sex
    legs = mech.athlete_legs(mass, height, sex, request.knee_flexion_deg, legs_count)
    straight = mech.athlete_legs(mass, height, sex, 0.0, legs_count)
    geometry = mech.MachineGeometry(
        arm_length_m=request.arm_length_m,
        pivot_x_m=request.pivot_x_m,
        pivot_y_m=request.pivot_y_m,
        arm_mass_kg=request.arm_mass_kg,
        strap_distance_m=request.strap_m,
    )
    band = mech.BandSetup(
        request.band_stiffness_n_per_m,
        request.band_anchor_x_m,
        request.band_anchor_y_m,
        request.band_rest_length_m,
    )
    mech.validate_plate_load(request.plate_kg)
    mech.validate_machine(geometry, straight)
    mech.validate_band(band, straight)
    rep_range = (request.bottom_deg, request.top_deg)
    tempo = request.tempo
    motion = mech.motion_from_tempo(parse_tempo(tempo), rep_range) if tempo else None
    if request.analysis is not None:
        motion = _read_analysis(request.analysis)
        rep_range = (motion.bottom_angle_deg, motion.top_angle_deg)
        tempo = tempo_text(motion)
    if motion is None:
        mech.validate_motion(mech.RepMotion(rep_range[0], rep_range[1], 1.0, 0.0, 1.0, 0.0))
    strength = mech.peak_hip_extension_strength_n_m(mass, height, hips=legs_count)
    specs = [_spec(name, request.plate_kg, geometry, band) for name in chosen]
    curves = mech.compare_setups(
        legs, specs, strength, motion=motion, reference_geometry=geometry, rep_range_deg=rep_range
    )
    title = f"{mass:g} kg, {height:g} m, {sex}"
    if tempo:
        source = f"median rep of {request.analysis.name}, " if request.analysis else ""
        title += f" ({source}tempo {tempo})"
    return MechanicsReport(title, mass, height, sex, legs, strength, rep_range, tempo, curves)


def _rounded(value: float) -> float | None:
    return round(value, 2) if math.isfinite(value) else None


def mechanics_document(report: MechanicsReport) -> dict[str, Any]:
    """The report as a ``revhyper-mechanics/1`` JSON document (moments every 10 deg)."""
    rows = report.table_rows()
    return {
        "format": MECHANICS_FORMAT,
        "athlete": {
            "body_mass_kg": report.body_mass_kg,
            "height_m": report.height_m,
            "sex": report.sex,
        },
        "legs": {"count": report.legs.leg_count, "mass_kg": round(report.legs.mass_kg, 3)},
        "strength_n_m": round(report.strength_n_m, 2),
        "rep_range_deg": list(report.rep_range_deg),
        "tempo": report.tempo,
        "angles_deg": [angle for angle, _ in rows],
        "setups": [
            {
                "setup": curve.spec.setup,
                "label": curve.label,
                "phase": curve.phase,
                "plate_kg": curve.spec.plate_kg if curve.spec.setup == "machine" else None,
                "moment_n_m": [_rounded(values[i]) for _, values in rows],
                "peak_n_m": round(curve.summary.peak_n_m, 2),
                "peak_angle_deg": curve.summary.peak_angle_deg,
                "mean_n_m": round(curve.summary.mean_n_m, 2),
                "work_j": round(curve.summary.work_j, 2),
                "strength_fraction": round(curve.strength_fraction, 4),
                "equivalent_plate_kg": None
                if curve.equivalent_plate_kg is None
                else round(curve.equivalent_plate_kg, 2),
            }
            for i, curve in enumerate(report.curves)
        ],
    }


def save_mechanics_plot(report: MechanicsReport, path: Path) -> None:
    """Save the report's moment curves as a figure at ``path``."""
    from revhyper.adapters.mechanics_plot import save_moment_plot

    save_moment_plot(
        report.curves,
        path,
        title=report.title,
        strength_n_m=report.strength_n_m,
        rep_range_deg=report.rep_range_deg,
    )
