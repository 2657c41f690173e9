"""Edited clips: cuts found from jumps of the whole skeleton and from gaps in the timestamps,
and the analysis split at them so that no rep spans a cut."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from motion_clip_factory import clip_from_angles, rep_trajectory

from revhyper.adapters.analysis_json import analysis_to_dict
from revhyper.domain.clips.synth import NoiseLevel, Style, random_spec, synthesize
from revhyper.domain.motion import analyze_clip
from revhyper.domain.motion.analyze import AnalysisSettings
from revhyper.domain.motion.cuts import DEFAULT_CUTS, find_cuts, skeleton_jumps, time_gaps
from revhyper.domain.motion.keypoints import KeypointClip, Skeleton

TRUNK_PX = 1.3 * 150.0  # the factory's trunk: 1.3 thigh lengths of 150 px
#: Ten BlazePose joints, shoulders and hips first (they give the trunk length).
TEN_JOINTS = [11, 23, 12, 24, 25, 26, 27, 28, 0, 2]


def _only_tracked(clip: KeypointClip, joints: list[int]) -> KeypointClip:
    score = np.zeros_like(clip.score)
    score[:, joints] = clip.score[:, joints]
    return replace(clip, score=score)


def _still_clip(fps: float = 30.0) -> KeypointClip:
    return clip_from_angles(lambda t: np.full_like(t, -90.0), 4.0, fps=fps)


def _shifted_from(clip: KeypointClip, frame: int, by_px: float, joints=None) -> KeypointClip:
    xy = clip.xy.copy()
    chosen = slice(None) if joints is None else joints
    xy[frame:, chosen, 0] += by_px
    return replace(clip, xy=xy)


def _spliced(first: KeypointClip, second: KeypointClip, shift_px: tuple[float, float]):
    """``second`` played right after ``first``, its body moved by ``shift_px``."""
    step = 1.0 / first.fps
    t = np.concatenate([first.t, second.t - second.t[0] + first.t[-1] + step])
    xy = np.concatenate([first.xy, second.xy + np.asarray(shift_px)])
    score = np.concatenate([first.score, second.score])
    return replace(first, t=t, xy=xy, score=score), first.n_frames


def _generated(seed: int, reps: int, **camera):
    rng = np.random.default_rng(seed)
    spec = random_spec(
        rng,
        style=Style.CONTROLLED,
        n_reps=reps,
        faults=[],
        noise=NoiseLevel.MEDIUM,
        skeleton=Skeleton.BLAZEPOSE33,
        fps=30.0,
    )
    spec = replace(spec, camera=replace(spec.camera, width=1280, height=720, fill=0.6, **camera))
    return synthesize(spec, rng)


def test_a_jump_cut_in_a_lowering_phase_splits_the_analysis_so_no_rep_spans_it():
    first, first_truth = _generated(3, reps=4)
    second, second_truth = _generated(4, reps=3)
    lowering = first_truth.reps[2]
    cut_at = lowering.top_s + lowering.hold_s + 0.3 * lowering.eccentric_s
    trimmed = replace(
        first,
        t=first.t[first.t < cut_at],
        xy=first.xy[first.t < cut_at],
        score=first.score[first.t < cut_at],
    )
    clip, cut = _spliced(trimmed, second, (140.0, -50.0))
    assert list(find_cuts(clip)) == [cut]
    cut_s = float(clip.t[cut])

    result = analyze_clip(clip)

    assert result.rep_count == 2 + second_truth.rep_count
    assert all(not (rep.start_s < cut_s < rep.end_s) for rep in result.reps)
    assert [rep.index for rep in result.reps] == list(range(1, result.rep_count + 1))
    assert result.extra["cuts_s"] == [pytest.approx(cut_s)]
    assert analysis_to_dict(result)["quality"]["cuts_s"] == [round(cut_s, 2)]
    assert any("cut" in warning for warning in result.quality.warnings)
    as_one_take = analyze_clip(clip, settings=AnalysisSettings(cuts=None))
    assert any(rep.start_s < cut_s < rep.end_s for rep in as_one_take.reps)


def test_generated_clips_without_edits_have_no_cuts():
    for seed in range(12):
        rng = np.random.default_rng(seed)
        clip, _ = synthesize(random_spec(rng, noise=NoiseLevel.HIGH), rng)
        assert list(find_cuts(clip)) == [], seed
    assert analysis_to_dict(analyze_clip(clip))["quality"]["cuts_s"] == []


def test_a_part_too_short_to_analyse_is_skipped_with_its_reason():
    trajectory, duration = rep_trajectory(reps=3)
    clip = clip_from_angles(trajectory, duration)
    flash = _still_clip()
    flash = replace(flash, t=flash.t[:10], xy=flash.xy[:10], score=flash.score[:10])
    spliced, _ = _spliced(flash, clip, (300.0, 0.0))
    result = analyze_clip(spliced)
    assert result.rep_count == 3
    assert result.quality.analysable
    assert any("not analysed: the clip is too short" in w for w in result.quality.warnings)


def test_a_clip_whose_parts_are_all_unusable_is_refused():
    flash = _still_clip()
    flash = replace(flash, t=flash.t[:10], xy=flash.xy[:10], score=flash.score[:10])
    spliced, _ = _spliced(flash, flash, (300.0, 0.0))
    spliced, _ = _spliced(spliced, flash, (-300.0, 0.0))
    result = analyze_clip(spliced)
    assert not result.quality.analysable
    assert result.rep_count == 0


@pytest.mark.parametrize(("trunks", "cut"), [(0.49, False), (0.5, False), (0.51, True)])
def test_the_whole_skeleton_jumping_half_a_trunk_length_in_a_frame_is_a_cut(trunks, cut):
    assert DEFAULT_CUTS.min_jump_trunks == 0.5
    clip = _shifted_from(_still_clip(), 60, trunks * TRUNK_PX)
    assert list(skeleton_jumps(clip)) == ([60] if cut else [])


@pytest.mark.parametrize(("trunks", "cut"), [(0.99, False), (1.0, False), (1.01, True)])
def test_after_dropped_frames_the_jump_must_beat_the_fastest_body(trunks, cut):
    assert DEFAULT_CUTS.max_body_speed_trunks_s == 5.0
    clip = _still_clip(fps=32.0)
    t = clip.t.copy()
    t[60:] += 0.2 - 1.0 / 32.0  # 0.2 s between frames 59 and 60: 5 trunks/s x 0.2 s = 1 trunk
    clip = _shifted_from(replace(clip, t=t), 60, trunks * TRUNK_PX)
    assert list(skeleton_jumps(clip)) == ([60] if cut else [])


@pytest.mark.parametrize(("moved", "cut"), [(7, False), (8, True), (9, True)])
def test_a_cut_needs_eight_joints_in_ten_to_jump(moved, cut):
    assert DEFAULT_CUTS.moved_fraction == 0.8
    clip = _only_tracked(_still_clip(), TEN_JOINTS)
    clip = _shifted_from(clip, 60, TRUNK_PX, joints=TEN_JOINTS[:moved])
    assert list(skeleton_jumps(clip)) == ([60] if cut else [])


@pytest.mark.parametrize(("joints", "cut"), [(3, False), (4, True), (5, True)])
def test_too_few_tracked_joints_cannot_show_a_cut(joints, cut):
    assert DEFAULT_CUTS.min_joints == 4
    clip = _shifted_from(_only_tracked(_still_clip(), TEN_JOINTS[:joints]), 60, TRUNK_PX)
    assert list(skeleton_jumps(clip, replace(DEFAULT_CUTS, max_body_speed_trunks_s=0.0))) == (
        [60] if cut else []
    )


def test_one_joint_jumping_is_a_glitch_not_a_cut():
    clip = _still_clip()
    xy = clip.xy.copy()
    xy[60, 5] += 2 * TRUNK_PX
    assert list(find_cuts(replace(clip, xy=xy))) == []


@pytest.mark.parametrize(("gap_s", "cut"), [(0.49, False), (0.5, False), (0.51, True)])
def test_a_gap_in_the_timestamps_longer_than_half_a_second_is_a_cut(gap_s, cut):
    assert DEFAULT_CUTS.max_frame_gap_s == 0.5
    t = np.array([0.0, 0.25, 0.5, 0.5 + gap_s, 0.75 + gap_s])
    assert list(time_gaps(t)) == ([3] if cut else [])
