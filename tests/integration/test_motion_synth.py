"""The analysis against the synthetic generator: each rep style and each fault.

Clips come from :mod:`revhyper.domain.clips.synth` (a separate kinematic model with its own truth),
with fixed seeds so every run sees the same clips.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revhyper.domain.clips.synth import NoiseLevel, Side, Style, random_spec, synthesize
from revhyper.domain.motion import analyze_clip
from revhyper.domain.motion.form_result import Fault
from revhyper.domain.motion.keypoints import Skeleton
from revhyper.domain.motion.reps import DEFAULT_SEGMENTATION


def _band_approach_s(move_s: float, rise_deg: float) -> float:
    """Time [s] a raised-cosine move of ``rise_deg`` spends within the analysis's top band."""
    band = DEFAULT_SEGMENTATION.plateau_band_deg
    return move_s * float(np.arccos(1 - 2 * band / rise_deg)) / np.pi


def _clip(seed: int, **choices):
    rng = np.random.default_rng(seed)
    spec = random_spec(rng, **choices)
    return synthesize(spec, rng)


@pytest.mark.parametrize("style", [Style.CONTROLLED, Style.PENDULUM, Style.ISOMETRIC, Style.TEMPO])
@pytest.mark.parametrize("seed", [1, 2])
def test_each_rep_style_is_counted_and_timed(style, seed):
    clip, truth = _clip(seed, style=style, n_reps=5, faults=[], noise=NoiseLevel.MEDIUM)
    result = analyze_clip(clip, truth.prescription)
    assert result.rep_count == truth.rep_count == 5
    for found, true in zip(result.reps, truth.reps, strict=True):
        # The analysis reads the top from a band of a few degrees (the contract); the synth's
        # truth is the planned move, which spends a little longer approaching its end.
        rise = true.top_angle_deg - true.bottom_angle_deg
        assert found.top_angle_deg == pytest.approx(true.top_angle_deg, abs=6.0)
        expected_concentric = true.concentric_s - _band_approach_s(true.concentric_s, rise)
        expected_eccentric = true.eccentric_s - _band_approach_s(true.eccentric_s, rise)
        assert found.concentric_s == pytest.approx(expected_concentric, abs=0.45)
        assert found.eccentric_s == pytest.approx(expected_eccentric, abs=0.45)
        assert abs(found.top_s - true.top_s) < 0.5


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_a_clip_without_reps_has_none(seed):
    clip, truth = _clip(seed, style=Style.NONE, noise=NoiseLevel.HIGH)
    assert truth.rep_count == 0
    assert analyze_clip(clip).rep_count == 0


@pytest.mark.parametrize(
    ("fault", "style"),
    [
        (Fault.SHORT_ROM, Style.CONTROLLED),
        (Fault.OVER_EXTENSION, Style.CONTROLLED),
        (Fault.TORSO_LIFT, Style.CONTROLLED),
        (Fault.KNEE_BEND, Style.PENDULUM),
        (Fault.UNCONTROLLED_DESCENT, Style.CONTROLLED),
        (Fault.SHORT_HOLD, Style.ISOMETRIC),
        (Fault.TEMPO_OFF, Style.TEMPO),
    ],
)
def test_each_fault_is_found_in_every_rep_that_has_it(fault, style):
    clip, truth = _clip(11, style=style, n_reps=4, faults=[fault], noise=NoiseLevel.LOW)
    assert all(fault in rep.faults for rep in truth.reps)
    result = analyze_clip(clip, truth.prescription)
    assert result.rep_count == 4
    assert all(fault in rep.faults for rep in result.reps)


def test_clean_reps_have_no_faults():
    clip, truth = _clip(12, style=Style.CONTROLLED, n_reps=6, faults=[], noise=NoiseLevel.LOW)
    assert truth.faults == ()
    assert analyze_clip(clip).faults == ()


@pytest.mark.parametrize("skeleton", [Skeleton.BLAZEPOSE33, Skeleton.COCO17])
@pytest.mark.parametrize("facing", [Side.LEFT, Side.RIGHT])
@pytest.mark.parametrize("fps", [24.0, 60.0])
def test_skeletons_facing_and_frame_rates_do_not_change_the_count(skeleton, facing, fps):
    clip, truth = _clip(13, style=Style.CONTROLLED, n_reps=4, skeleton=skeleton, facing=facing,
                        fps=fps, noise=NoiseLevel.MEDIUM)  # fmt: skip
    assert analyze_clip(clip).rep_count == truth.rep_count


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), factor=st.floats(0.25, 4.0))
def test_the_count_of_a_generated_clip_survives_mirroring_and_rescaling(seed, factor):
    clip, truth = _clip(seed, noise=NoiseLevel.MEDIUM)
    count = analyze_clip(clip, truth.prescription).rep_count
    mirrored_xy = clip.xy.copy()
    mirrored_xy[..., 0] = clip.width - mirrored_xy[..., 0]
    mirrored = replace(clip, xy=mirrored_xy)
    rescaled = replace(clip, xy=clip.xy * factor, width=max(1, round(clip.width * factor)),
                       height=max(1, round(clip.height * factor)))  # fmt: skip
    assert analyze_clip(mirrored, truth.prescription).rep_count == count
    assert analyze_clip(rescaled, truth.prescription).rep_count == count
