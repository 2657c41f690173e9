"""Use case: generate a synthetic keypoint clip (and its truth) and write them to files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from revhyper.adapters.keypoint_file import write_json_atomically, write_keypoints
from revhyper.domain.clips.synth import NoiseLevel, Side, Style, SynthTruth, random_spec, synthesize
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.motion.form_result import Fault
from revhyper.domain.motion.keypoints import KeypointClip, Skeleton

#: Output names accepted for clips (gzip-compressed when ending in .gz).
CLIP_SUFFIXES = (".json", ".json.gz")
#: Faults that only exist against a prescription, and the style that carries one.
FAULT_NEEDS_STYLE = {Fault.SHORT_HOLD: Style.ISOMETRIC, Fault.TEMPO_OFF: Style.TEMPO}
MAX_REPS = 200
FPS_RANGE = (10.0, 240.0)
#: Largest seed (NumPy takes any non-negative integer; 2**63 - 1 keeps seeds to 64-bit ints).
MAX_SEED = 2**63 - 1


def _shown_int(value: int) -> str:
    """An integer for a message: as typed when short, else its first digits and length."""
    text = str(value)
    digits = text.lstrip("-")
    if len(digits) <= 20:
        return text
    return f"{text[:12]}… ({len(digits)} digits)"


@dataclass(frozen=True)
class SynthRequest:
    """What the user asked for; ``None`` means "draw it from the seed"."""

    out: Path
    truth_out: Path | None = None
    style: Style = Style.CONTROLLED
    n_reps: int | None = None
    faults: Sequence[Fault] = ()
    fps: float | None = None
    skeleton: Skeleton | None = None
    facing: Side | None = None
    seed: int = 0
    noise: NoiseLevel = NoiseLevel.MEDIUM


def generate_synthetic_clip(request: SynthRequest) -> tuple[KeypointClip, SynthTruth]:
    """Render the requested clip, write it (and the truth, if asked) and return both."""
    _check(request)
    rng = np.random.default_rng(request.seed)
    spec = random_spec(
        rng,
        style=request.style,
        n_reps=request.n_reps,
        faults=list(request.faults),
        noise=request.noise,
        skeleton=request.skeleton,
        fps=request.fps,
        facing=request.facing,
    )
    clip, truth = synthesize(spec, rng)
    write_keypoints(clip, request.out)
    if request.truth_out is not None:
        write_json_atomically(truth.as_dict(), request.truth_out)
    return clip, truth


def _check(request: SynthRequest) -> None:
    if not request.out.name.lower().endswith(CLIP_SUFFIXES):
        raise InvalidInputError(
            f"output {request.out.name!r} must end in .json or .json.gz (e.g. clip.kp.json)"
        )
    for path in (request.out, request.truth_out):
        if path is not None and not path.parent.is_dir():
            raise InvalidInputError(f"output directory does not exist: {path.parent}")
    if request.truth_out is not None and request.truth_out.resolve() == request.out.resolve():
        raise InvalidInputError("--truth must name a different file than the clip")
    if not 0 <= request.seed <= MAX_SEED:
        raise InvalidInputError(
            f"--seed {_shown_int(request.seed)} is not allowed: use a whole number from 0 to "
            f"{MAX_SEED}"
        )
    if request.n_reps is not None and not 0 <= request.n_reps <= MAX_REPS:
        raise InvalidInputError(f"--reps must be between 0 and {MAX_REPS}, got {request.n_reps}")
    if request.style is Style.NONE and request.n_reps:
        raise InvalidInputError("style 'none' has no reps; drop --reps or choose another style")
    if request.fps is not None and not FPS_RANGE[0] <= request.fps <= FPS_RANGE[1]:
        low, high = FPS_RANGE
        raise InvalidInputError(f"--fps must be between {low:g} and {high:g}, got {request.fps:g}")
    for fault in request.faults:
        needed = FAULT_NEEDS_STYLE.get(fault)
        if needed is not None and request.style is not needed:
            raise InvalidInputError(
                f"fault {fault.value} needs a prescription: use --style {needed.value}"
            )
