"""Rules of the exercise catalogue and of the body-size model that a user relies on.

Catalogue answers are written out by hand from the catalogue data (which restates the seed,
``shared/seed/000_32136873e1d48bdf.txt``): which variations a set of equipment allows, what a
variation's equipment reads as, how load can be added to it, which faults to watch and which
beginner stage comes next. Refusal messages are checked word for word: they are what the
person reads, and they must name the value and what is allowed.

Anthropometric figures are hand-computed from the tables the module cites: de Leva (1996)
J Biomech 29(9):1223-1230, Table 4 (mass %, CoM %, transverse radius of gyration %), and
Drillis & Contini (1966) via Winter (2009) Fig. 4.1 (segment lengths as fractions of height).
"""

from __future__ import annotations

import pytest

from revhyper.domain.body.anthropometry import (
    LegSegment,
    Sex,
    leg_parameters,
    segment_parameters,
    validate_body,
)
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.knowledge import exercises as ex
from revhyper.domain.vocabulary import Equipment, Fault, VariationId

PLATES = ex.LoadKind.PLATES
BANDS = ex.LoadKind.BANDS

ALL_VARIATION_IDS = (
    "machine-reverse-hyper, bench-reverse-hyper, floor-hyperextension, floor-reverse-hyper, "
    "stability-ball-reverse-hyper, ghd-reverse-hyper-banded, banded-reverse-hyper, "
    "isometric-hold, tempo-reverse-hyper, single-leg-reverse-hyper"
)
ALL_EQUIPMENT_IDS = "machine, bench, floor, stability-ball, ghd, bands"
ALL_FAULT_CODES = (
    "short_rom, over_extension, torso_lift, knee_bend, uncontrolled_descent, short_hold, tempo_off"
)

# Faults every variation is watched for, in catalogue order (no video code for the last three).
GENERAL_FAULTS = (
    "short-rom",
    "over-extension",
    "torso-lift",
    "knee-bend",
    "uncontrolled-descent",
    "explosive-momentum",
    "jerking",
    "dropped-finish",
)


def _ids(variations: tuple[ex.Variation, ...]) -> list[str]:
    return [v.id.value for v in variations]


# --------------------------------------------------------------------------- equipment queries


@pytest.mark.parametrize(
    ("equipment", "expected"),
    [
        # Bench: bench reverse hyper (2) before the isometric hold (2) by catalogue order,
        # then tempo (3) and single-leg (4).
        (
            ["bench"],
            [
                "bench-reverse-hyper",
                "isometric-hold",
                "tempo-reverse-hyper",
                "single-leg-reverse-hyper",
            ],
        ),
        # Machine: the hold (2) is easier than the machine reverse hyper (3).
        (
            ["machine"],
            [
                "isometric-hold",
                "machine-reverse-hyper",
                "tempo-reverse-hyper",
                "single-leg-reverse-hyper",
            ],
        ),
        # The seed's substitute for the machine: a GHD with bands on the legs.
        (
            [" GHD ", "Bands"],
            [
                "isometric-hold",
                "ghd-reverse-hyper-banded",
                "banded-reverse-hyper",
                "tempo-reverse-hyper",
                "single-leg-reverse-hyper",
            ],
        ),
        (["  Stability-Ball "], ["stability-ball-reverse-hyper"]),
        (["bands"], []),
    ],
)
def test_variations_for_equipment_lists_by_hand_what_that_equipment_allows(
    equipment: list[str], expected: list[str]
) -> None:
    assert _ids(ex.variations_for_equipment(equipment)) == expected


def test_equipment_typed_loosely_is_understood() -> None:
    assert ex.get_equipment("  Stability-Ball ") is Equipment.STABILITY_BALL
    assert ex.get_equipment("GHD") is Equipment.GHD
    assert ex.get_equipment(Equipment.BANDS) is Equipment.BANDS


def test_unknown_equipment_is_refused_naming_it_and_every_allowed_id() -> None:
    with pytest.raises(InvalidInputError) as info:
        ex.get_equipment("kettlebell")
    assert str(info.value) == f"unknown equipment 'kettlebell'; allowed: {ALL_EQUIPMENT_IDS}"


def test_equipment_that_is_not_text_is_refused_not_crashed_on() -> None:
    # A number from hand-edited JSON reaches the lookup: it is a bad input, not a crash.
    not_text: object = 7
    with pytest.raises(InvalidInputError) as info:
        ex.get_equipment(not_text)  # type: ignore[arg-type]
    assert str(info.value) == f"unknown equipment '7'; allowed: {ALL_EQUIPMENT_IDS}"


# --------------------------------------------------------------------------- equipment text


@pytest.mark.parametrize(
    ("variation", "text"),
    [
        ("machine-reverse-hyper", "machine"),
        ("ghd-reverse-hyper-banded", "ghd + bands"),
        # Only a choice: no brackets needed when nothing else is required.
        ("isometric-hold", "machine or bench or ghd"),
        ("single-leg-reverse-hyper", "machine or bench or ghd"),
    ],
)
def test_a_variations_equipment_reads_as_the_catalogue_lists_it(variation: str, text: str) -> None:
    assert ex.get_variation(variation).equipment.describe() == text


def test_a_choice_of_two_after_a_required_item_is_bracketed() -> None:
    need = ex.EquipmentNeed(
        all_of=frozenset({Equipment.BANDS}), any_of=frozenset({Equipment.GHD, Equipment.BENCH})
    )
    assert need.describe() == "bands + (bench or ghd)"


def test_a_single_option_after_a_required_item_is_not_bracketed() -> None:
    need = ex.EquipmentNeed(
        all_of=frozenset({Equipment.BANDS}), any_of=frozenset({Equipment.BENCH})
    )
    assert need.describe() == "bands + bench"


# --------------------------------------------------------------------------- load


def test_plates_come_from_the_machine_and_bands_from_bands() -> None:
    assert ex.equipment_adding(PLATES) == (Equipment.MACHINE,)
    assert ex.equipment_adding(BANDS) == (Equipment.BANDS,)
    assert ex.equipment_adding(ex.LoadKind.BODYWEIGHT) == ()


@pytest.mark.parametrize(
    ("variation", "options"),
    [
        # The machine's own swing arm takes the plates: nothing more is needed.
        ("machine-reverse-hyper", ((PLATES, ()),)),
        # The GHD and banded variations already include the bands.
        ("ghd-reverse-hyper-banded", ((BANDS, ()),)),
        ("banded-reverse-hyper", ((BANDS, ()),)),
        # Done on any station: plates need the machine, bands need bands.
        ("isometric-hold", ((PLATES, (Equipment.MACHINE,)), (BANDS, (Equipment.BANDS,)))),
        ("tempo-reverse-hyper", ((PLATES, (Equipment.MACHINE,)), (BANDS, (Equipment.BANDS,)))),
        # Bodyweight only: no way to add load.
        ("bench-reverse-hyper", ()),
        ("floor-hyperextension", ()),
        ("stability-ball-reverse-hyper", ()),
    ],
)
def test_load_options_name_the_extra_equipment_each_load_needs(
    variation: str, options: tuple[tuple[ex.LoadKind, tuple[Equipment, ...]], ...]
) -> None:
    assert ex.load_options(ex.get_variation(variation)) == options


# --------------------------------------------------------------------------- variation lookups


def test_unknown_variation_is_refused_word_for_word() -> None:
    with pytest.raises(InvalidInputError) as info:
        ex.get_variation("good-morning")
    assert str(info.value) == f"unknown variation 'good-morning'; allowed: {ALL_VARIATION_IDS}"


def test_a_variation_that_is_not_text_is_refused_not_crashed_on() -> None:
    # A number from hand-edited JSON reaches the lookup: it is a bad input, not a crash.
    not_text: object = 7
    with pytest.raises(InvalidInputError) as info:
        ex.get_variation(not_text)  # type: ignore[arg-type]
    assert str(info.value) == f"unknown variation '7'; allowed: {ALL_VARIATION_IDS}"


# --------------------------------------------------------------------------- beginner path


@pytest.mark.parametrize(
    ("variation", "after"),
    [
        ("floor-hyperextension", VariationId.FLOOR_REVERSE_HYPER),
        ("floor-reverse-hyper", VariationId.BENCH_REVERSE_HYPER),
        # Seed: from the bench on to the machine, the last stage.
        ("bench-reverse-hyper", VariationId.MACHINE_REVERSE_HYPER),
    ],
)
def test_each_beginner_stage_leads_to_the_next(variation: str, after: VariationId) -> None:
    stage = ex.next_stage(variation)
    assert stage is not None
    assert stage.variation is after


def test_a_variation_off_the_beginner_path_is_refused_naming_the_path() -> None:
    with pytest.raises(InvalidInputError) as info:
        ex.next_stage("single-leg-reverse-hyper")
    assert str(info.value) == (
        "variation single-leg-reverse-hyper is not on the beginner path; path: "
        "floor-hyperextension, floor-reverse-hyper, bench-reverse-hyper, machine-reverse-hyper"
    )


# --------------------------------------------------------------------------- faults


def test_unknown_fault_code_is_refused_word_for_word() -> None:
    with pytest.raises(InvalidInputError) as info:
        ex.fault_for_code("wobble")
    assert str(info.value) == f"unknown fault code 'wobble'; allowed: {ALL_FAULT_CODES}"


@pytest.mark.parametrize(
    ("variation", "watched"),
    [
        ("machine-reverse-hyper", GENERAL_FAULTS),
        ("floor-hyperextension", GENERAL_FAULTS),
        ("isometric-hold", (*GENERAL_FAULTS, "short-hold")),
        ("tempo-reverse-hyper", (*GENERAL_FAULTS, "tempo-off")),
    ],
)
def test_every_variation_is_watched_for_the_general_faults_plus_its_own(
    variation: str, watched: tuple[str, ...]
) -> None:
    assert tuple(f.id for f in ex.faults_for_variation(variation)) == watched


def test_fault_code_lookup_returns_the_explained_fault() -> None:
    assert ex.fault_for_code(Fault.SHORT_HOLD).id == "short-hold"
    assert ex.fault_for_code("knee_bend").id == "knee-bend"


# --------------------------------------------------------------------------- body size


@pytest.mark.parametrize(
    ("mass", "height"),
    [(30.0, 1.75), (250.0, 1.75), (75.0, 1.20), (75.0, 2.30), (30.0, 1.20), (250.0, 2.30)],
)
def test_body_size_at_the_edges_of_the_human_range_is_accepted(mass: float, height: float) -> None:
    validate_body(mass, height)
    assert leg_parameters(mass, height).thigh.segment is LegSegment.THIGH


@pytest.mark.parametrize(
    ("mass", "message"),
    [
        (29.9, "body mass 29.9 kg is outside the human range 30–250 kg"),
        (250.1, "body mass 250.1 kg is outside the human range 30–250 kg"),
    ],
)
def test_body_mass_outside_the_range_is_refused_word_for_word(mass: float, message: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        validate_body(mass, 1.75)
    assert str(info.value) == message


@pytest.mark.parametrize(("height", "shown"), [(1.19, "1.19"), (2.31, "2.31"), (180.0, "180")])
def test_height_outside_the_range_is_refused_word_for_word(height: float, shown: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        validate_body(75.0, height)
    assert str(info.value) == (
        f"height {shown} m is outside the human range 1.2–2.3 m (give it in metres, e.g. 1.80)"
    )


# --------------------------------------------------------------------------- segment figures


def test_female_shank_of_a_60_kg_160_cm_athlete_by_hand() -> None:
    # de Leva Table 4, shank, female: mass 4.81 %, CoM 44.16 % from KJC, r_transverse 26.7 %.
    # Drillis-Contini: shank = (0.285 - 0.039) H = 0.246 x 1.60 = 0.3936 m.
    shank = segment_parameters(LegSegment.SHANK, 60.0, 1.60, Sex.FEMALE)
    assert shank.segment is LegSegment.SHANK
    assert shank.mass_kg == pytest.approx(2.886)  # 0.0481 x 60
    assert shank.length_m == pytest.approx(0.3936)
    assert shank.com_from_origin_m == pytest.approx(0.17381376)  # 0.4416 x 0.3936
    assert shank.radius_of_gyration_m == pytest.approx(0.1050912)  # 0.267 x 0.3936


def test_each_segment_of_a_leg_is_labelled_with_its_own_name() -> None:
    leg = leg_parameters(80.0, 1.80, Sex.FEMALE)
    assert (leg.thigh.segment, leg.shank.segment, leg.foot.segment) == (
        LegSegment.THIGH,
        LegSegment.SHANK,
        LegSegment.FOOT,
    )


def test_lightest_shortest_male_leg_by_hand() -> None:
    # de Leva Table 4, male thigh 14.16 %, foot 1.37 %; thigh = (0.530 - 0.285) H = 0.245 H.
    leg = leg_parameters(30.0, 1.20, Sex.MALE)
    assert leg.thigh.mass_kg == pytest.approx(4.248)  # 0.1416 x 30
    assert leg.thigh.length_m == pytest.approx(0.294)  # 0.245 x 1.20
    assert leg.foot.mass_kg == pytest.approx(0.411)  # 0.0137 x 30
    assert leg.ankle_height_m == pytest.approx(0.0468)  # 0.039 x 1.20
