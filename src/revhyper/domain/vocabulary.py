"""The ids people type: goals, levels, equipment, injuries and variation ids.

They are the public vocabulary of the CLI, the plan JSON and the API; each is a ``StrEnum``
whose value is the id.
"""

from __future__ import annotations

from enum import StrEnum


class Goal(StrEnum):
    """The seed's four goal protocols."""

    STRENGTH = "strength"
    MOVEMENT_INTEGRITY = "movement-integrity"
    ENDURANCE = "endurance"
    HYPERTROPHY = "hypertrophy"


class Level(StrEnum):
    """Training experience."""

    NEW = "new"
    NOVICE = "novice"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class Equipment(StrEnum):
    """What the athlete can train on."""

    MACHINE = "machine"
    BENCH = "bench"
    FLOOR = "floor"
    STABILITY_BALL = "stability-ball"
    GHD = "ghd"
    BANDS = "bands"


class Injury(StrEnum):
    """Injury history kinds that call for a doctor's clearance."""

    BACK_INJURY = "back-injury"
    HERNIATED_DISC = "herniated-disc"
    BACK_SURGERY = "back-surgery"
    OTHER = "other"


class VariationId(StrEnum):
    """Exercise variations; kebab-case, starting with their setting where there is one."""

    MACHINE_REVERSE_HYPER = "machine-reverse-hyper"
    BENCH_REVERSE_HYPER = "bench-reverse-hyper"
    FLOOR_HYPEREXTENSION = "floor-hyperextension"
    FLOOR_REVERSE_HYPER = "floor-reverse-hyper"
    STABILITY_BALL_REVERSE_HYPER = "stability-ball-reverse-hyper"
    GHD_REVERSE_HYPER_BANDED = "ghd-reverse-hyper-banded"
    BANDED_REVERSE_HYPER = "banded-reverse-hyper"
    ISOMETRIC_HOLD = "isometric-hold"
    TEMPO_REVERSE_HYPER = "tempo-reverse-hyper"
    SINGLE_LEG_REVERSE_HYPER = "single-leg-reverse-hyper"


class Fault(StrEnum):
    """Form fault codes of the keypoint contract's table (``shared/contracts/keypoints.md``).

    The motion analysis detects them; the catalogue, the log and the adaptation rules name them.
    """

    SHORT_ROM = "short_rom"
    OVER_EXTENSION = "over_extension"
    TORSO_LIFT = "torso_lift"
    KNEE_BEND = "knee_bend"
    UNCONTROLLED_DESCENT = "uncontrolled_descent"
    SHORT_HOLD = "short_hold"
    TEMPO_OFF = "tempo_off"
