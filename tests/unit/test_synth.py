"""The synthetic clip generator: proportions, geometry, truth labels, nuisances, determinism."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revhyper.domain.clips.synth import (
    NOISE_PRESETS,
    UPPER_BODY_FRACTIONS,
    Body,
    Camera,
    NoiseLevel,
    RepPlan,
    RepTruth,
    Side,
    Style,
    SynthSpec,
    label_faults,
    model_angles,
    random_spec,
    synthesize,
)
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.motion.form_result import Fault, Prescription
from revhyper.domain.motion.keypoints import KeypointClip, Skeleton, joint_index

EXACT = NOISE_PRESETS[NoiseLevel.OFF]


def rep(top: float = 5.0, **changes: float) -> RepPlan:
    values = {
        "bottom_deg": -88.0,
        "top_deg": top,
        "concentric_s": 1.0,
        "hold_s": 0.5,
        "eccentric_s": 1.5,
        "pause_s": 1.0,
    }
    values.update(changes)
    return RepPlan(**values)


def exact_spec(**changes: object) -> SynthSpec:
    base = SynthSpec(reps=(rep(), rep(top=-20.0), rep(top=30.0)), nuisance=EXACT)
    return SynthSpec(**{**base.__dict__, **changes})


def angle_from_points(clip: KeypointClip, a: str, b: str, facing: Side) -> np.ndarray:
    """Angle [deg] of the a->b line against the image horizontal, the contract's way round."""
    i, j = joint_index(clip.skeleton, a), joint_index(clip.skeleton, b)
    d = clip.xy[:, j] - clip.xy[:, i]
    away_from_head = -d[:, 0] if facing is Side.RIGHT else d[:, 0]
    return np.degrees(np.arctan2(-d[:, 1], away_from_head))


def test_segment_lengths_follow_drillis_and_contini_via_winter() -> None:
    # Winter (2009) Fig. 4.1: thigh 0.245 H, shank 0.246 H, shoulder 0.818 H, hip 0.530 H.
    body = Body(1.80)
    assert body.thigh_m == pytest.approx(0.245 * 1.80)
    assert body.shank_m == pytest.approx(0.246 * 1.80)
    assert body.trunk_m == pytest.approx((0.818 - 0.530) * 1.80)
    assert body.fraction("foot_length") == pytest.approx(0.152 * 1.80)
    assert body.fraction("ankle_height") == pytest.approx(0.039 * 1.80)
    individual = Body(1.80, thigh_scale=1.05, shank_scale=0.95, trunk_scale=1.1)
    assert individual.thigh_m == pytest.approx(0.245 * 1.80 * 1.05)
    assert individual.shank_m == pytest.approx(0.246 * 1.80 * 0.95)
    assert individual.trunk_m == pytest.approx(0.288 * 1.80 * 1.1)
    assert UPPER_BODY_FRACTIONS == {
        "shoulder_height": 0.818,
        "chin_height": 0.870,
        "eye_height": 0.936,
        "upper_arm": 0.186,
        "forearm": 0.146,
        "hand": 0.108,
        "shoulder_width": 0.259,
        "hip_width": 0.191,
        "foot_width": 0.055,
    }


@pytest.mark.parametrize("facing", list(Side))
@pytest.mark.parametrize("near", list(Side))
@pytest.mark.parametrize("skeleton", list(Skeleton))
def test_rendered_thigh_angle_equals_the_trajectory_without_noise(
    facing: Side, near: Side, skeleton: Skeleton
) -> None:
    camera = Camera(skeleton=skeleton, facing=facing, near_side=near, yaw_deg=9.0, distance_m=3.0)
    spec = exact_spec(camera=camera)
    clip, _ = synthesize(spec, 3)
    expected = model_angles(spec, clip.t).thigh_deg
    for side in ("left", "right"):
        measured = angle_from_points(clip, f"{side}_hip", f"{side}_knee", facing)
        np.testing.assert_allclose(measured, expected, atol=1e-6)


def test_rendered_knee_flexion_and_trunk_angle_equal_the_trajectory() -> None:
    spec = exact_spec(
        reps=(rep(knee_flexion_top_deg=45.0, trunk_lift_deg=15.0),),
        camera=Camera(facing=Side.LEFT, near_side=Side.RIGHT),
    )
    clip, _ = synthesize(spec, 0)
    angles = model_angles(spec, clip.t)
    thigh = angle_from_points(clip, "right_hip", "right_knee", Side.LEFT)
    shank = angle_from_points(clip, "right_knee", "right_ankle", Side.LEFT)
    np.testing.assert_allclose(shank - thigh, angles.knee_flexion_deg, atol=1e-6)
    # The trunk points towards the head: 180 deg from the "away from the head" convention.
    trunk = 180.0 - angle_from_points(clip, "right_hip", "right_shoulder", Side.LEFT)
    trunk = (trunk + 180.0) % 360.0 - 180.0
    np.testing.assert_allclose(trunk, angles.trunk_deg, atol=1e-6)


def test_camera_roll_tilts_every_line_by_the_roll() -> None:
    level, _ = synthesize(exact_spec(), 0)
    rolled, _ = synthesize(exact_spec(camera=Camera(roll_deg=4.0)), 0)
    flat = angle_from_points(level, "left_hip", "left_knee", Side.RIGHT)
    tilted = angle_from_points(rolled, "left_hip", "left_knee", Side.RIGHT)
    np.testing.assert_allclose(tilted - flat, -4.0, atol=1e-6)


def test_truth_lists_each_rep_with_planned_times_and_angles() -> None:
    spec = exact_spec()
    _, truth = synthesize(spec, 0)
    assert truth.rep_count == 3
    first, second, third = truth.reps
    assert (first.start_s, first.top_s, first.end_s) == pytest.approx((2.0, 3.0, 5.0))
    assert second.start_s == pytest.approx(6.0)
    assert (first.concentric_s, first.hold_s, first.eccentric_s) == (1.0, 0.5, 1.5)
    assert first.top_angle_deg == pytest.approx(5.0)
    assert first.bottom_angle_deg == pytest.approx(-88.0)
    assert first.faults == ()
    assert second.faults == (Fault.SHORT_ROM,)
    assert third.faults == (Fault.OVER_EXTENSION,)
    assert truth.faults == (Fault.SHORT_ROM, Fault.OVER_EXTENSION)


@pytest.mark.parametrize(
    ("plan", "fault"),
    [
        (rep(trunk_lift_deg=12.0), Fault.TORSO_LIFT),
        (rep(knee_flexion_top_deg=40.0), Fault.KNEE_BEND),
        (rep(eccentric_s=0.3), Fault.UNCONTROLLED_DESCENT),
    ],
)
def test_truth_labels_follow_the_contract_table(plan: RepPlan, fault: Fault) -> None:
    _, truth = synthesize(exact_spec(reps=(plan,)), 0)
    assert truth.reps[0].faults == (fault,)


def test_prescribed_hold_and_tempo_faults_are_labelled() -> None:
    hold = Prescription(hold_s=3.0)
    _, truth = synthesize(exact_spec(reps=(rep(hold_s=1.0), rep(hold_s=3.2)), prescription=hold))
    assert [r.faults for r in truth.reps] == [(Fault.SHORT_HOLD,), ()]


@pytest.mark.parametrize("fault", list(Fault))
def test_requested_fault_is_rendered_in_every_rep(fault: Fault) -> None:
    rng = np.random.default_rng(7)
    style = {Fault.SHORT_HOLD: Style.ISOMETRIC, Fault.TEMPO_OFF: Style.TEMPO}.get(
        fault, Style.CONTROLLED
    )
    spec = random_spec(rng, style=style, n_reps=4, faults=[fault], noise=NoiseLevel.OFF)
    clip, truth = synthesize(spec, rng)
    assert truth.rep_count == 4
    assert all(fault in r.faults for r in truth.reps)
    assert all(plan.injected == (fault,) for plan in spec.reps)
    rendered = [rendered_rep(clip, spec.camera.facing, r) for r in truth.reps]
    if fault in (Fault.SHORT_ROM, Fault.OVER_EXTENSION):
        tops = [r["top_deg"] for r in rendered]
        np.testing.assert_allclose(tops, [r.top_angle_deg for r in truth.reps], atol=0.5)
        assert all((top < -10) if fault is Fault.SHORT_ROM else (top > 20) for top in tops)
    if fault is Fault.TORSO_LIFT:
        assert all(r["trunk_change_deg"] > 8 for r in rendered)
    if fault is Fault.KNEE_BEND:
        assert all(r["knee_max_deg"] > 25 for r in rendered)
    if fault is Fault.UNCONTROLLED_DESCENT:
        assert all(r["fastest_half_second_drop_deg"] > 60 for r in rendered)


def rendered_rep(clip: KeypointClip, facing: Side, truth: RepTruth) -> dict[str, float]:
    """Angles measured on the rendered points of a noise-free clip during one true rep."""
    inside = (clip.t >= truth.start_s) & (clip.t <= truth.end_s)
    thigh = angle_from_points(clip, "left_hip", "left_knee", facing)[inside]
    shank = angle_from_points(clip, "left_knee", "left_ankle", facing)[inside]
    trunk = angle_from_points(clip, "left_hip", "left_shoulder", facing)[inside]
    t = clip.t[inside]
    later = np.searchsorted(t, t + 0.5, side="right") - 1
    return {
        "top_deg": float(thigh.max()),
        "trunk_change_deg": float(np.ptp(np.unwrap(np.radians(trunk))) * 180 / np.pi),
        "knee_max_deg": float((shank - thigh).max()),
        "fastest_half_second_drop_deg": float((thigh - thigh[later]).max()),
    }


def test_clean_reps_carry_no_faults() -> None:
    rng = np.random.default_rng(11)
    for style in (Style.CONTROLLED, Style.PENDULUM, Style.ISOMETRIC, Style.TEMPO):
        _, truth = synthesize(random_spec(rng, style=style, n_reps=5, faults=[]), rng)
        assert truth.rep_count == 5 and truth.faults == ()


def test_pendulum_swings_under_the_pad_without_pausing() -> None:
    rng = np.random.default_rng(5)
    spec = random_spec(rng, style=Style.PENDULUM, n_reps=6, faults=[])
    _, truth = synthesize(spec, rng)
    assert all(r.bottom_angle_deg < -95 for r in truth.reps)
    gaps = [b.start_s - a.end_s for a, b in zip(truth.reps, truth.reps[1:], strict=False)]
    assert max(gaps) == pytest.approx(0.0)


def test_no_rep_clip_has_only_small_movements() -> None:
    rng = np.random.default_rng(2)
    for _ in range(10):
        spec = random_spec(rng, style=Style.NONE)
        _, truth = synthesize(spec, rng)
        thigh = model_angles(spec, np.linspace(0, spec.duration_s, 2000)).thigh_deg
        assert truth.rep_count == 0
        assert np.ptp(thigh) < 30.0


def test_same_seed_gives_the_same_clip_and_other_seeds_differ() -> None:
    spec = random_spec(np.random.default_rng(4), noise=NoiseLevel.HIGH)
    a, _ = synthesize(spec, 9)
    b, _ = synthesize(spec, 9)
    c, _ = synthesize(spec, 10)
    np.testing.assert_array_equal(a.xy, b.xy)
    np.testing.assert_array_equal(a.t, b.t)
    assert not np.array_equal(np.nan_to_num(a.xy[:10]), np.nan_to_num(c.xy[:10]))


def test_nuisances_drop_frames_and_joints_and_lower_far_side_scores() -> None:
    camera = Camera(fps=50.0, near_side=Side.LEFT)
    spec = exact_spec(camera=camera, nuisance=NOISE_PRESETS[NoiseLevel.HIGH])
    clip, _ = synthesize(spec, 1)
    steps = np.diff(clip.t)
    assert np.all(steps > 0)
    assert steps.max() > 1.5 / 50.0  # dropped frames
    assert np.std(steps[steps < 1.5 / 50]) > 0  # irregular timestamps
    near = joint_index(clip.skeleton, "left_knee")
    far = joint_index(clip.skeleton, "right_knee")
    assert np.isnan(clip.xy[:, far, 0]).mean() > np.isnan(clip.xy[:, near, 0]).mean()
    seen = clip.score > 0
    assert clip.score[seen[:, far], far].mean() < clip.score[seen[:, near], near].mean()


def test_random_specs_vary_and_keep_joints_inside_the_image() -> None:
    rng = np.random.default_rng(0)
    styles, fps, portrait = set(), set(), False
    for _ in range(40):
        spec = random_spec(rng, noise=NoiseLevel.OFF)
        clip, truth = synthesize(spec, rng)
        styles.add(spec.style)
        fps.add(spec.camera.fps)
        portrait |= clip.height > clip.width
        assert np.nanmin(clip.xy) >= -1e-6
        assert (
            np.nanmax(clip.xy[..., 0]) <= clip.width and np.nanmax(clip.xy[..., 1]) <= clip.height
        )
        assert truth.rep_count == len(spec.reps)
    assert styles == set(Style)
    assert min(fps) >= 24 and max(fps) <= 60 and len(fps) > 3
    assert portrait


def test_unrenderable_spec_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="body height"):
        synthesize(exact_spec(body_height_m=3.5))
    with pytest.raises(InvalidInputError, match="rep 1"):
        synthesize(exact_spec(reps=(rep(concentric_s=0.0),)))


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_truth_is_consistent_for_any_random_clip(seed: int) -> None:
    rng = np.random.default_rng(seed)
    spec = random_spec(rng)
    clip, truth = synthesize(spec, rng)
    assert truth.rep_count == len(spec.reps)
    previous_end = -np.inf
    for rep_truth in truth.reps:
        assert previous_end <= rep_truth.start_s < rep_truth.top_s <= rep_truth.end_s
        total = rep_truth.concentric_s + rep_truth.hold_s + rep_truth.eccentric_s
        assert total == pytest.approx(rep_truth.end_s - rep_truth.start_s)
        assert rep_truth.top_angle_deg - rep_truth.bottom_angle_deg >= 30.0
        assert rep_truth.faults == label_faults(rep_truth, truth.prescription)
        previous_end = rep_truth.end_s
    assert clip.t[0] == 0.0 and clip.t[-1] <= spec.duration_s + 1.0 / spec.camera.fps
    assert np.all(np.diff(clip.t) > 0)
