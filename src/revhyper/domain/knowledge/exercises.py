"""The reverse hyperextension as data: movement, how-to, faults, muscles, benefits,
cautions, history, equipment, variations and the beginner path.

Source: every fact here comes from the project's seed text
(``shared/seed/000_32136873e1d48bdf.txt``), rewritten in our own words. Where we add
something the seed does not say (difficulty ratings, which goals a variation serves, the
criterion for moving from the bench to the machine) the field or docstring says so.

The catalogue is plain frozen data; the lookup helpers at the bottom validate what a
person typed and raise :class:`InvalidInputError` naming the allowed ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.vocabulary import Equipment, Fault, Goal, VariationId

# --------------------------------------------------------------------------- movement


class PhaseKind(StrEnum):
    """The parts of one repetition."""

    CONCENTRIC = "concentric"
    TOP = "top"
    ECCENTRIC = "eccentric"


@dataclass(frozen=True)
class MovementPhase:
    """One part of a repetition and what happens in it."""

    kind: PhaseKind
    summary: str
    points: tuple[str, ...]


#: The whole movement in one sentence (seed, opening paragraph).
MOVEMENT_SUMMARY = (
    "Lying prone with the legs hanging free, you lift the straight legs until they are "
    "level with the floor, then bring them back down slowly."
)

#: The phases of one rep (seed: opening, benefits and how-to sections).
PHASES: tuple[MovementPhase, ...] = (
    MovementPhase(
        kind=PhaseKind.CONCENTRIC,
        summary="Glutes and hamstrings extend the hips and raise the legs up to parallel.",
        points=(
            "The legs travel from hanging below the pad to level with the floor.",
            "This is where dynamic strength of the glutes and hamstrings is built, "
            "with the two muscle groups isolated from the rest of the body.",
        ),
    ),
    MovementPhase(
        kind=PhaseKind.TOP,
        summary="The legs reach parallel; a short pause here is allowed.",
        points=(
            "Beginners may hold the top for a moment.",
            "Isometric-hold sets stay here on purpose to build muscle activity.",
        ),
    ),
    MovementPhase(
        kind=PhaseKind.ECCENTRIC,
        summary="The legs are lowered under control back to the hanging position.",
        points=(
            "The hamstrings lengthen and the lower back is stretched as the legs come down.",
            "With no vertical load on the spine it is decompressed; the seed describes this "
            "as a pumping effect that brings blood to the low-back muscles and fluid to the "
            "spinal column.",
            "The legs may swing like a pendulum into the next rep, but you stay in charge "
            "of the speed both ways.",
        ),
    ),
)

# --------------------------------------------------------------------------- how-to


@dataclass(frozen=True)
class HowToStep:
    """One numbered step of the technique, with short cues to say during a set."""

    number: int
    title: str
    instruction: str
    cues: tuple[str, ...]


#: The seed's five-step guide, in our words.
HOW_TO_STEPS: tuple[HowToStep, ...] = (
    HowToStep(
        number=1,
        title="Set up",
        instruction=(
            "Lie prone on a floor, bench or machine. On a bench or machine, place "
            "the hips right at the edge of the pad so they can move freely without the lower "
            "back arching too far. On a machine with a strap, put your legs through it."
        ),
        cues=("Hips just past the edge of the pad", "Ankles inside the strap"),
    ),
    HowToStep(
        number=2,
        title="Brace",
        instruction=(
            "Keep the legs straight and tighten the core so the lumbar spine does not "
            "over-extend. The chest stays pressed into the pad; let the hamstrings stretch "
            "as the legs go down."
        ),
        cues=("Legs long", "Brace the belly", "Chest glued to the pad"),
    ),
    HowToStep(
        number=3,
        title="Lift",
        instruction=(
            "Raise the legs with the glutes and hamstrings without yanking the upper body; "
            "arching the torso up loads the lower back instead of training it. Then bring "
            "the legs back down to the start."
        ),
        cues=("Squeeze the glutes to lift", "Stop at parallel", "Torso still"),
    ),
    HowToStep(
        number=4,
        title="Swing with control",
        instruction=(
            "Let the legs move like a pendulum so momentum helps a little, while you keep "
            "control of both the way up and the way down."
        ),
        cues=("Smooth swing, never a throw", "You set the speed"),
    ),
    HowToStep(
        number=5,
        title="Finish",
        instruction=(
            "After the last rep of the last set, bring the weight back to its resting "
            "position slowly so the lower back is never jolted."
        ),
        cues=("Park the weight slowly",),
    ),
)

# --------------------------------------------------------------------------- faults


@dataclass(frozen=True)
class FormFault:
    """A common mistake, why it matters and how to fix it.

    ``detected_as`` links the fault to the form analysis code of
    :class:`revhyper.domain.motion.form_result.Fault` when the video coach can see it.
    """

    id: str
    name: str
    why_it_matters: str
    fix: str
    detected_as: Fault | None = None


FAULTS: tuple[FormFault, ...] = (
    FormFault(
        id="short-rom",
        name="Legs stop short of parallel",
        why_it_matters=(
            "The movement is defined as lifting to level with the floor; stopping early "
            "leaves the top of the hip extension, where the glutes work hardest, untrained."
        ),
        fix="Lighten the load until the legs reach parallel on every rep.",
        detected_as=Fault.SHORT_ROM,
    ),
    FormFault(
        id="over-extension",
        name="Legs driven far above parallel, low back arching",
        why_it_matters=(
            "Too much movement in the lower back means the exercise is done wrong: it takes "
            "work away from the hips and risks straining or injuring the lower back."
        ),
        fix="Brace the core and stop the lift around parallel; check the hips sit at the pad edge.",
        detected_as=Fault.OVER_EXTENSION,
    ),
    FormFault(
        id="torso-lift",
        name="Chest comes off the pad or the upper body jerks",
        why_it_matters=(
            "Lifting or jerking the upper torso shifts the strain onto the low back "
            "rather than building it up."
        ),
        fix="Keep the chest on the pad and hold the handles lightly; lift with the legs only.",
        detected_as=Fault.TORSO_LIFT,
    ),
    FormFault(
        id="knee-bend",
        name="Knees bend during the rep",
        why_it_matters=(
            "The technique asks for straight legs, and the hamstrings are meant to hold the "
            "knees straight under load; bent knees shorten the lever and shift the work. "
            "A slight bend is allowed on purpose for beginners who cannot yet do it straight."
        ),
        fix="Lock the legs long; if that is too hard, bend slightly by choice and reduce the load.",
        detected_as=Fault.KNEE_BEND,
    ),
    FormFault(
        id="uncontrolled-descent",
        name="Legs dropped instead of lowered",
        why_it_matters=(
            "The lowering is meant to be controlled; letting the legs fall throws the load "
            "into the lower back and loses the stretch of the eccentric phase."
        ),
        fix="Count to at least one on the way down and stay in charge of the swing.",
        detected_as=Fault.UNCONTROLLED_DESCENT,
    ),
    FormFault(
        id="explosive-momentum",
        name="Swinging explosively, letting momentum do the work",
        why_it_matters=(
            "Every variation should be done slowly rather than with explosive momentum; a "
            "pendulum rhythm helps only while you stay in control of it."
        ),
        fix="Slow the whole rep down and reduce the load until each lift is deliberate.",
    ),
    FormFault(
        id="jerking",
        name="Yanking the legs up from the bottom",
        why_it_matters=(
            "A jerk at the start pulls through the whole body, usually lifting the torso and "
            "loading the lower back."
        ),
        fix="Start each lift smoothly from the glutes.",
    ),
    FormFault(
        id="dropped-finish",
        name="Letting the weight crash after the last rep",
        why_it_matters=(
            "Releasing the loaded arm at the end jolts the lower back at the moment you are "
            "most tired."
        ),
        fix="After the final rep, lower the weight to rest slowly before getting off.",
    ),
    FormFault(
        id="short-hold",
        name="Hold at the top shorter than prescribed",
        why_it_matters=(
            "Isometric holds build muscle activity by staying at the top; cutting the hold "
            "short removes the point of the variation."
        ),
        fix="Use less load so you can hold parallel for the full time.",
        detected_as=Fault.SHORT_HOLD,
    ),
    FormFault(
        id="tempo-off",
        name="Cadence not followed",
        why_it_matters=(
            "Tempo sets use a set cadence to learn to switch on specific muscles; rushing "
            "through turns them into ordinary reps."
        ),
        fix="Count the cadence out loud and keep the load light.",
        detected_as=Fault.TEMPO_OFF,
    ),
)

# --------------------------------------------------------------------------- muscles


class MuscleRole(StrEnum):
    """What a muscle does in the movement."""

    PRIME_MOVER = "prime mover"
    STABILISER = "stabiliser"
    LENGTHENED = "lengthened"


@dataclass(frozen=True)
class Muscle:
    """A muscle group and its role in the movement (seed: "Muscles Engaged")."""

    name: str
    role: MuscleRole
    what_it_does: str


MUSCLES: tuple[Muscle, ...] = (
    Muscle(
        name="glutes",
        role=MuscleRole.PRIME_MOVER,
        what_it_does=(
            "Extend the hips and raise the legs to, or just past, parallel; trained hard "
            "without straining the lower back."
        ),
    ),
    Muscle(
        name="hamstrings",
        role=MuscleRole.PRIME_MOVER,
        what_it_does=(
            "Help extend the hips while carrying the load, and work to stop the knees "
            "over-straightening under it."
        ),
    ),
    Muscle(
        name="spinal erectors",
        role=MuscleRole.STABILISER,
        what_it_does=(
            "Keep the lumbar spine steady so the body stays in position; if the lower back "
            "moves a lot, the rep is wrong and risks strain."
        ),
    ),
    Muscle(
        name="core",
        role=MuscleRole.STABILISER,
        what_it_does=(
            "Braced to stop the lumbar spine over-extending; works harder on an unstable "
            "stability ball."
        ),
    ),
    Muscle(
        name="hip flexors",
        role=MuscleRole.LENGTHENED,
        what_it_does=(
            "Listed by the seed among the muscles worked: they are stretched as the hips "
            "extend, which is how the exercise improves hip extension and hip-flexor "
            "flexibility."
        ),
    ),
)

# --------------------------------------------------------------------------- benefits


@dataclass(frozen=True)
class Benefit:
    """A claimed benefit of the exercise (as the seed states it)."""

    id: str
    title: str
    explanation: str


BENEFITS: tuple[Benefit, ...] = (
    Benefit(
        id="posterior-chain-without-spinal-load",
        title="Stronger glutes and hamstrings without loading the spine",
        explanation=(
            "Builds the posterior chain dynamically, training glutes and hamstrings together "
            "while sparing the back and the grip, unlike Romanian deadlifts or hip raises; "
            "it also improves hamstring flexibility."
        ),
    ),
    Benefit(
        id="hip-extension",
        title="Better hip extension",
        explanation=(
            "More hip extension and hip-flexor flexibility help squats, cleans, running and "
            "jumping; it may also ease lower-back tightness and pain at the front of the hip."
        ),
    ),
    Benefit(
        id="lower-back-injury-prevention",
        title="Fewer lower-back problems",
        explanation=(
            "Low-back pain often goes with a posterior chain that is weak or hurt; strengthening "
            "it may lower the risk, and athletes may recover faster with less soreness."
        ),
    ),
    Benefit(
        id="spinal-decompression",
        title="Decompression in the lowering phase",
        explanation=(
            "Lowering the legs stretches the lower back with no vertical load on the spine; "
            "the seed describes a pumping effect that restores circulation to the area."
        ),
    ),
    Benefit(
        id="rehabilitation",
        title="Used in rehabilitation",
        explanation=(
            "Used in physical therapy for back pain after injury; the seed reports "
            "improvement for herniated discs, back spasms and after back surgery, and its "
            "use for hip extension during rehab of knee, ankle or foot injuries."
        ),
    ),
)

# --------------------------------------------------------------------------- cautions


@dataclass(frozen=True)
class Caution:
    """Safety advice (seed: "Advice for Beginners", how-to and closing paragraphs)."""

    id: str
    advice: str
    applies_to: str


CAUTIONS: tuple[Caution, ...] = (
    Caution(
        id="see-a-doctor-first",
        advice=(
            "Ask a doctor before adding the exercise, above all with a previous injury, "
            "while under regular medical care or while recovering from an injury: for some "
            "people the exercise is too demanding."
        ),
        applies_to="everyone; required with injury history, current pain or medical care",
    ),
    Caution(
        id="warm-up-and-stretch",
        advice=(
            "Warm up and stretch before the first set; starting cold can shock the body into "
            "a strain or worse."
        ),
        applies_to="every session",
    ),
    Caution(
        id="never-near-maximal-load",
        advice="Never work at, or near, a maximal load, even when training for strength.",
        applies_to="loaded variations",
    ),
    Caution(
        id="slow-and-controlled",
        advice="Move slowly and under control, never with explosive momentum.",
        applies_to="every variation",
    ),
    Caution(
        id="lower-the-weight-under-control",
        advice="After the last rep, return the weight to rest slowly so the back is not jolted.",
        applies_to="machine and loaded variations",
    ),
    Caution(
        id="low-back-pump-is-normal",
        advice="A strong pump in the lower back, for example on the stability ball, is normal.",
        applies_to="stability ball and high-rep sets",
    ),
    Caution(
        id="form-takes-practice",
        advice=(
            "Injury risk is low, but many people cannot do the movement with perfect form at "
            "first; start with the easiest variation."
        ),
        applies_to="beginners",
    ),
    Caution(
        id="ask-a-coach",
        advice="Have a trainer or coach check your sets, reps and load for your goal.",
        applies_to="everyone",
    ),
)

# --------------------------------------------------------------------------- history


@dataclass(frozen=True)
class History:
    """Where the machine comes from (as the seed tells it)."""

    machine_attributed_to: str
    decade: str
    manufacturers: tuple[str, ...]
    availability: str
    other_names: tuple[str, ...]
    controversy: str


HISTORY = History(
    machine_attributed_to="Louie Simmons (powerlifter)",
    decade="1970s",
    manufacturers=("Rogue Fitness", "Titan Fitness"),
    availability=(
        "Rare in commercial gyms; many CrossFit gyms have one, and some lifters keep one at home."
    ),
    other_names=(
        "glute hyperextension",
        "glute ham hyper",
        "reverse back extension",
        "reverse leg extension machine",
    ),
    controversy=(
        "Some people think hyperextension-type exercises cause more damage than benefit; "
        "other trainers and athletes credit them for their lower-body strength."
    ),
)

# --------------------------------------------------------------------------- equipment


class LoadKind(StrEnum):
    """How resistance can be added."""

    PLATES = "plates"
    BANDS = "bands"
    BODYWEIGHT = "bodyweight"


@dataclass(frozen=True)
class EquipmentInfo:
    """A piece of equipment and what it offers."""

    id: Equipment
    name: str
    description: str
    components: tuple[str, ...]
    adds_load: tuple[LoadKind, ...]


EQUIPMENT: dict[Equipment, EquipmentInfo] = {
    Equipment.MACHINE: EquipmentInfo(
        id=Equipment.MACHINE,
        name="Reverse hyper machine",
        description=(
            "A bench with a swing arm below its end; Olympic plates go on the arm for "
            "resistance and a strap holds the legs."
        ),
        components=("bench", "swing arm for Olympic plates", "leg strap"),
        adds_load=(LoadKind.PLATES,),
    ),
    Equipment.BENCH: EquipmentInfo(
        id=Equipment.BENCH,
        name="Flat bench",
        description="A sturdy flat bench, high enough for the legs to hang off its end.",
        components=("flat bench",),
        adds_load=(),
    ),
    Equipment.FLOOR: EquipmentInfo(
        id=Equipment.FLOOR,
        name="Floor",
        description="Open floor space, ideally with a mat: the beginner's starting point.",
        components=("floor or mat",),
        adds_load=(),
    ),
    Equipment.STABILITY_BALL: EquipmentInfo(
        id=Equipment.STABILITY_BALL,
        name="Stability ball",
        description="An exercise ball to lie over when no machine is available.",
        components=("stability ball",),
        adds_load=(),
    ),
    Equipment.GHD: EquipmentInfo(
        id=Equipment.GHD,
        name="Glute-ham developer (GHD)",
        description="Usable in place of a reverse hyper machine, best with bands on the legs.",
        components=("GHD",),
        adds_load=(),
    ),
    Equipment.BANDS: EquipmentInfo(
        id=Equipment.BANDS,
        name="Resistance bands",
        description="Elastic bands that add resistance instead of plates.",
        components=("resistance bands",),
        adds_load=(LoadKind.BANDS,),
    ),
}

# --------------------------------------------------------------------------- variations


@dataclass(frozen=True)
class EquipmentNeed:
    """What a variation needs: every item of ``all_of`` plus one item of ``any_of``
    (``any_of`` empty means nothing more is needed)."""

    all_of: frozenset[Equipment] = frozenset()
    any_of: frozenset[Equipment] = frozenset()

    def is_met_by(self, available: Iterable[Equipment]) -> bool:
        """True when the available equipment makes the variation possible."""
        have = frozenset(available)
        return self.all_of <= have and (not self.any_of or bool(self.any_of & have))

    def describe(self) -> str:
        """Short text such as ``bands + (bench or ghd)``."""
        parts = [str(item) for item in _in_catalogue_order(self.all_of)]
        if self.any_of:
            options = " or ".join(str(item) for item in _in_catalogue_order(self.any_of))
            parts.append(f"({options})" if len(self.any_of) > 1 and parts else options)
        return " + ".join(parts)


def _in_catalogue_order(items: frozenset[Equipment]) -> list[Equipment]:
    return [item for item in Equipment if item in items]


#: Difficulty scale: 1 (floor work, easiest) … 5 (hardest). Ratings are our own ordering,
#: built from the seed's beginner path (floor, then bench, then machine).
DIFFICULTY_MIN = 1
DIFFICULTY_MAX = 5


@dataclass(frozen=True)
class Variation:
    """One way to do the exercise."""

    id: VariationId
    name: str
    equipment: EquipmentNeed
    difficulty: int
    how_it_differs: str
    cues: tuple[str, ...]
    load_kinds: tuple[LoadKind, ...]
    goals: tuple[Goal, ...]
    beginner_friendly: bool = False

    @property
    def loadable(self) -> bool:
        """True when plates or bands can add resistance beyond bodyweight."""
        return any(kind is not LoadKind.BODYWEIGHT for kind in self.load_kinds)

    def load_kinds_with(self, available: Iterable[Equipment]) -> tuple[LoadKind, ...]:
        """The load kinds usable with this equipment (plates need the machine, bands bands)."""
        offered = {kind for item in available for kind in EQUIPMENT[item].adds_load}
        return tuple(
            kind for kind in self.load_kinds if kind is LoadKind.BODYWEIGHT or kind in offered
        )

    def load_text(self, available: Iterable[Equipment] | None = None) -> str:
        """``plates``, ``bands``, ``plates, bands`` or ``bodyweight only``; with
        ``available`` only the load kinds that equipment offers."""
        kinds = self.load_kinds if available is None else self.load_kinds_with(available)
        extra = [str(kind) for kind in kinds if kind is not LoadKind.BODYWEIGHT]
        return ", ".join(extra) if extra else "bodyweight only"


_ALL_GOALS = tuple(Goal)
_BODYWEIGHT = (LoadKind.BODYWEIGHT,)
_REVERSE_HYPER_STATIONS = frozenset({Equipment.MACHINE, Equipment.BENCH, Equipment.GHD})

VARIATIONS: dict[VariationId, Variation] = {
    v.id: v
    for v in (
        Variation(
            id=VariationId.MACHINE_REVERSE_HYPER,
            name="Machine reverse hyper",
            equipment=EquipmentNeed(all_of=frozenset({Equipment.MACHINE})),
            difficulty=3,
            how_it_differs=(
                "The standard form: legs in the strap of the swing arm, loaded with plates, "
                "so the load can be set for every goal."
            ),
            cues=("Hips at the pad edge", "Lift to parallel", "Lower, don't drop"),
            load_kinds=(LoadKind.BODYWEIGHT, LoadKind.PLATES),
            goals=_ALL_GOALS,
        ),
        Variation(
            id=VariationId.BENCH_REVERSE_HYPER,
            name="Bench reverse hyper",
            equipment=EquipmentNeed(all_of=frozenset({Equipment.BENCH})),
            difficulty=2,
            how_it_differs=(
                "Same movement lying on a flat bench with the hips at its end; bodyweight "
                "only, the step between floor work and the machine."
            ),
            cues=("Grip the bench", "Hips off the end", "Straight legs to parallel"),
            load_kinds=_BODYWEIGHT,
            goals=(Goal.MOVEMENT_INTEGRITY, Goal.ENDURANCE, Goal.HYPERTROPHY),
            beginner_friendly=True,
        ),
        Variation(
            id=VariationId.FLOOR_HYPEREXTENSION,
            name="Floor hyperextension",
            equipment=EquipmentNeed(all_of=frozenset({Equipment.FLOOR})),
            difficulty=1,
            how_it_differs=(
                "Lying face down on the floor, raise and lower the upper body with the "
                "posterior chain, without pushing with the arms; the first beginner step."
            ),
            cues=("Arms don't push", "Lift the chest with the back and glutes", "Slow down"),
            load_kinds=_BODYWEIGHT,
            goals=(Goal.MOVEMENT_INTEGRITY, Goal.ENDURANCE),
            beginner_friendly=True,
        ),
        Variation(
            id=VariationId.FLOOR_REVERSE_HYPER,
            name="Floor reverse hyper (leg raise)",
            equipment=EquipmentNeed(all_of=frozenset({Equipment.FLOOR})),
            difficulty=1,
            how_it_differs=(
                "On the floor, raise the legs with the glutes and hamstrings together with "
                "the upper body, using bodyweight only; a short pause at the top is allowed."
            ),
            cues=("Squeeze glutes to lift the legs", "Optional short pause on top", "Controlled"),
            load_kinds=_BODYWEIGHT,
            goals=(Goal.MOVEMENT_INTEGRITY, Goal.ENDURANCE),
            beginner_friendly=True,
        ),
        Variation(
            id=VariationId.STABILITY_BALL_REVERSE_HYPER,
            name="Stability-ball reverse hyper",
            equipment=EquipmentNeed(all_of=frozenset({Equipment.STABILITY_BALL})),
            difficulty=3,
            how_it_differs=(
                "Lying over a stability ball with the hands on the floor or holding something "
                "fixed; the ball moves, so the core works harder. A fair substitute when "
                "nothing else is available; a strong low-back pump is normal."
            ),
            cues=("Hands planted", "Brace against the wobble", "Legs up and down slowly"),
            load_kinds=_BODYWEIGHT,
            goals=(Goal.MOVEMENT_INTEGRITY, Goal.ENDURANCE, Goal.HYPERTROPHY),
        ),
        Variation(
            id=VariationId.GHD_REVERSE_HYPER_BANDED,
            name="GHD reverse hyper with bands",
            equipment=EquipmentNeed(all_of=frozenset({Equipment.GHD, Equipment.BANDS})),
            difficulty=3,
            how_it_differs=(
                "A GHD takes the place of the machine; bands on the legs supply the "
                "resistance that plates would."
            ),
            cues=("Anchor the bands low", "Hips free of the pad", "Control the band's pull back"),
            load_kinds=(LoadKind.BODYWEIGHT, LoadKind.BANDS),
            goals=_ALL_GOALS,
        ),
        Variation(
            id=VariationId.BANDED_REVERSE_HYPER,
            name="Banded reverse hyper",
            equipment=EquipmentNeed(
                all_of=frozenset({Equipment.BANDS}),
                any_of=frozenset({Equipment.BENCH, Equipment.GHD, Equipment.MACHINE}),
            ),
            difficulty=3,
            how_it_differs=(
                "Bands replace (or add to) plates, to improve muscle engagement and mobility; "
                "done on a bench, a GHD or the machine."
            ),
            cues=("Band taut at the bottom", "Resist the band on the way down"),
            load_kinds=(LoadKind.BODYWEIGHT, LoadKind.BANDS),
            goals=_ALL_GOALS,
        ),
        Variation(
            id=VariationId.ISOMETRIC_HOLD,
            name="Reverse hyper isometric hold",
            equipment=EquipmentNeed(any_of=_REVERSE_HYPER_STATIONS),
            difficulty=2,
            how_it_differs=(
                "The legs are held still at the highest point to raise muscle activity "
                "and strengthen the glutes and hamstrings."
            ),
            cues=("Reach parallel and freeze", "Squeeze glutes for the whole hold", "Breathe"),
            load_kinds=(LoadKind.BODYWEIGHT, LoadKind.PLATES, LoadKind.BANDS),
            goals=(Goal.MOVEMENT_INTEGRITY, Goal.STRENGTH, Goal.HYPERTROPHY),
        ),
        Variation(
            id=VariationId.TEMPO_REVERSE_HYPER,
            name="Tempo reverse hyper",
            equipment=EquipmentNeed(any_of=_REVERSE_HYPER_STATIONS),
            difficulty=3,
            how_it_differs=(
                "Controlled reps with a light load, following a set cadence, to learn to "
                "switch on specific muscles."
            ),
            cues=("Count every phase", "Light load", "Same speed every rep"),
            load_kinds=(LoadKind.BODYWEIGHT, LoadKind.PLATES, LoadKind.BANDS),
            goals=(Goal.MOVEMENT_INTEGRITY, Goal.HYPERTROPHY),
        ),
        Variation(
            id=VariationId.SINGLE_LEG_REVERSE_HYPER,
            name="Single-leg reverse hyper",
            equipment=EquipmentNeed(any_of=_REVERSE_HYPER_STATIONS),
            difficulty=4,
            how_it_differs="The usual movement done with one leg at a time.",
            cues=("Hips square to the pad", "Working leg straight", "Match both sides"),
            load_kinds=(LoadKind.BODYWEIGHT, LoadKind.PLATES, LoadKind.BANDS),
            goals=(Goal.MOVEMENT_INTEGRITY, Goal.HYPERTROPHY, Goal.STRENGTH),
        ),
    )
}

# --------------------------------------------------------------------------- beginner path


@dataclass(frozen=True)
class ProgressionCriterion:
    """When to move to the next stage: ``min_reps``–``max_reps`` controlled reps.

    Source: seed, "Advice for Beginners" (15–20 reps on the floor, then the bench).
    """

    min_reps: int
    max_reps: int
    controlled: bool
    text: str


@dataclass(frozen=True)
class PathStage:
    """One stage of the beginner path and what lets you leave it."""

    variation: VariationId
    to_advance: ProgressionCriterion | None
    pause_at_top_allowed: bool
    if_too_hard: str
    source_note: str


#: Seed: 15–20 controlled reps at a stage, then the next stage.
BEGINNER_REPS_TO_ADVANCE = (15, 20)
_CRITERION = ProgressionCriterion(
    min_reps=BEGINNER_REPS_TO_ADVANCE[0],
    max_reps=BEGINNER_REPS_TO_ADVANCE[1],
    controlled=True,
    text=(
        "Move on when you can do 15–20 slow, controlled reps with good form "
        "(no jerking, no explosive swing)."
    ),
)
_IF_TOO_HARD = "Bend the knees slightly until you have more strength and control."

BEGINNER_PATH: tuple[PathStage, ...] = (
    PathStage(
        variation=VariationId.FLOOR_HYPEREXTENSION,
        to_advance=_CRITERION,
        pause_at_top_allowed=True,
        if_too_hard=_IF_TOO_HARD,
        source_note="seed: start on the floor; leave it after 15–20 reps",
    ),
    PathStage(
        variation=VariationId.FLOOR_REVERSE_HYPER,
        to_advance=_CRITERION,
        pause_at_top_allowed=True,
        if_too_hard=_IF_TOO_HARD,
        source_note="seed: raise the legs too, 15–20 controlled reps, brief pause allowed",
    ),
    PathStage(
        variation=VariationId.BENCH_REVERSE_HYPER,
        to_advance=_CRITERION,
        pause_at_top_allowed=True,
        if_too_hard=_IF_TOO_HARD,
        source_note="our rule: the seed's 15–20 criterion reused for bench to machine",
    ),
    PathStage(
        variation=VariationId.MACHINE_REVERSE_HYPER,
        to_advance=None,
        pause_at_top_allowed=True,
        if_too_hard="Go back to the bench, or take plates off the arm.",
        source_note="end of the path: load the machine per the goal protocol",
    ),
)


def next_stage(variation: VariationId | str) -> PathStage | None:
    """The beginner-path stage after ``variation``; None at the end of the path.

    Raises InvalidInputError for a variation that is not on the path.
    """
    current = get_variation(variation).id
    ids = [stage.variation for stage in BEGINNER_PATH]
    if current not in ids:
        allowed = ", ".join(ids)
        raise InvalidInputError(
            f"variation {current!s} is not on the beginner path; path: {allowed}"
        )
    index = ids.index(current)
    return BEGINNER_PATH[index + 1] if index + 1 < len(BEGINNER_PATH) else None


# --------------------------------------------------------------------------- lookups


def get_variation(id_or_str: VariationId | str) -> Variation:
    """The catalogue entry for a variation id (case and surrounding spaces ignored).

    Raises InvalidInputError naming the value and listing the allowed ids.
    """
    key = id_or_str.strip().lower() if isinstance(id_or_str, str) else id_or_str
    try:
        return VARIATIONS[VariationId(key)]
    except ValueError:
        allowed = ", ".join(v.value for v in VariationId)
        raise InvalidInputError(
            f"unknown variation {str(id_or_str)!r}; allowed: {allowed}"
        ) from None


def get_equipment(id_or_str: Equipment | str) -> Equipment:
    """Parse an equipment id; raises InvalidInputError listing the allowed ids."""
    key = id_or_str.strip().lower() if isinstance(id_or_str, str) else id_or_str
    try:
        return Equipment(key)
    except ValueError:
        allowed = ", ".join(e.value for e in Equipment)
        raise InvalidInputError(
            f"unknown equipment {str(id_or_str)!r}; allowed: {allowed}"
        ) from None


def variations_for_equipment(
    equipment: Iterable[Equipment | str],
) -> tuple[Variation, ...]:
    """Variations possible with the given equipment, easiest first (then catalogue order)."""
    have = frozenset(get_equipment(item) for item in equipment)
    possible = [v for v in VARIATIONS.values() if v.equipment.is_met_by(have)]
    return tuple(sorted(possible, key=lambda v: v.difficulty))


def equipment_adding(kind: LoadKind) -> tuple[Equipment, ...]:
    """The equipment that adds this kind of load (plates: the machine; bands: bands)."""
    return tuple(info.id for info in EQUIPMENT.values() if kind in info.adds_load)


def load_options(variation: Variation) -> tuple[tuple[LoadKind, tuple[Equipment, ...]], ...]:
    """Each way to add load to ``variation`` beyond body weight, with the equipment it needs
    on top of the variation's own (empty when its own equipment adds that load)."""
    options = []
    for kind in variation.load_kinds:
        if kind is LoadKind.BODYWEIGHT:
            continue
        sources = equipment_adding(kind)
        needs = () if variation.equipment.all_of & set(sources) else sources
        options.append((kind, needs))
    return tuple(options)


def fault_for_code(code: Fault | str) -> FormFault:
    """The explained fault behind a form-analysis fault code."""
    for fault in FAULTS:
        if fault.detected_as is not None and fault.detected_as == code:
            return fault
    allowed = ", ".join(f.value for f in Fault)
    raise InvalidInputError(f"unknown fault code {str(code)!r}; allowed: {allowed}")


def faults_for_variation(variation: VariationId | str) -> tuple[FormFault, ...]:
    """The faults worth watching for a variation (hold/tempo faults only where they apply)."""
    vid = get_variation(variation).id
    only_for: dict[Fault | None, VariationId] = {
        Fault.SHORT_HOLD: VariationId.ISOMETRIC_HOLD,
        Fault.TEMPO_OFF: VariationId.TEMPO_REVERSE_HYPER,
    }
    return tuple(fault for fault in FAULTS if only_for.get(fault.detected_as, vid) == vid)
