"""The exercise catalogue: complete, consistent, and faithful to the seed."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.knowledge import exercises as ex
from revhyper.domain.motion.form_result import Fault
from revhyper.domain.vocabulary import Equipment, Goal, VariationId

KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def test_every_variation_id_has_a_catalogue_entry_keyed_by_its_own_id() -> None:
    assert set(ex.VARIATIONS) == set(VariationId)
    for vid, variation in ex.VARIATIONS.items():
        assert variation.id is vid


def test_all_catalogue_ids_are_kebab_case() -> None:
    ids = [v.value for v in VariationId]
    ids += [f.id for f in ex.FAULTS] + [c.id for c in ex.CAUTIONS] + [b.id for b in ex.BENEFITS]
    for identifier in ids:
        assert KEBAB.match(identifier), identifier


def test_catalogue_ids_are_unique_within_each_table() -> None:
    for table in (ex.FAULTS, ex.CAUTIONS, ex.BENEFITS):
        ids = [item.id for item in table]
        assert len(ids) == len(set(ids))


def test_variation_ids_start_with_their_setting_where_they_have_one() -> None:
    settings = {
        VariationId.MACHINE_REVERSE_HYPER: Equipment.MACHINE,
        VariationId.BENCH_REVERSE_HYPER: Equipment.BENCH,
        VariationId.FLOOR_HYPEREXTENSION: Equipment.FLOOR,
        VariationId.FLOOR_REVERSE_HYPER: Equipment.FLOOR,
        VariationId.STABILITY_BALL_REVERSE_HYPER: Equipment.STABILITY_BALL,
        VariationId.GHD_REVERSE_HYPER_BANDED: Equipment.GHD,
    }
    for vid, setting in settings.items():
        assert vid.value.startswith(setting.value)
        assert setting in ex.VARIATIONS[vid].equipment.all_of


def test_the_movement_has_a_concentric_and_an_eccentric_phase_with_the_seed_points() -> None:
    kinds = [phase.kind for phase in ex.PHASES]
    assert kinds.index(ex.PhaseKind.CONCENTRIC) < kinds.index(ex.PhaseKind.ECCENTRIC)
    eccentric = next(p for p in ex.PHASES if p.kind is ex.PhaseKind.ECCENTRIC)
    text = " ".join(eccentric.points).lower()
    assert "decompress" in text
    assert "pendulum" in text
    assert "parallel" in ex.MOVEMENT_SUMMARY.lower() or "level with the floor" in (
        ex.MOVEMENT_SUMMARY.lower()
    )


def test_the_how_to_has_the_seeds_five_numbered_steps_each_with_cues() -> None:
    assert [step.number for step in ex.HOW_TO_STEPS] == [1, 2, 3, 4, 5]
    for step in ex.HOW_TO_STEPS:
        assert step.instruction and step.cues
    assert "strap" in ex.HOW_TO_STEPS[0].instruction
    assert "pendulum" in ex.HOW_TO_STEPS[3].instruction
    assert "last rep" in ex.HOW_TO_STEPS[4].instruction


def test_muscles_have_the_seeds_roles() -> None:
    roles = {m.name: m.role for m in ex.MUSCLES}
    assert roles["glutes"] is ex.MuscleRole.PRIME_MOVER
    assert roles["hamstrings"] is ex.MuscleRole.PRIME_MOVER
    assert roles["spinal erectors"] is ex.MuscleRole.STABILISER
    assert "hip flexors" in roles


def test_benefits_cover_the_seeds_four_headings_and_rehab() -> None:
    ids = {b.id for b in ex.BENEFITS}
    assert {
        "posterior-chain-without-spinal-load",
        "hip-extension",
        "lower-back-injury-prevention",
        "rehabilitation",
    } <= ids


def test_cautions_include_the_seeds_safety_rules() -> None:
    ids = {c.id for c in ex.CAUTIONS}
    assert {
        "see-a-doctor-first",
        "warm-up-and-stretch",
        "never-near-maximal-load",
        "slow-and-controlled",
        "lower-the-weight-under-control",
        "low-back-pump-is-normal",
    } <= ids
    doctor = next(c for c in ex.CAUTIONS if c.id == "see-a-doctor-first")
    assert "injur" in doctor.advice and "medical care" in doctor.advice


def test_history_credits_louie_simmons_in_the_1970s() -> None:
    assert "Louie Simmons" in ex.HISTORY.machine_attributed_to
    assert ex.HISTORY.decade == "1970s"


def test_every_form_analysis_fault_code_is_explained_exactly_once() -> None:
    linked = [f.detected_as for f in ex.FAULTS if f.detected_as is not None]
    assert sorted(linked) == sorted(Fault)
    for code in Fault:
        assert ex.fault_for_code(code).detected_as is code


def test_faults_without_a_video_code_include_explosive_momentum_and_jerking() -> None:
    unlinked = {f.id for f in ex.FAULTS if f.detected_as is None}
    assert {"explosive-momentum", "jerking"} <= unlinked


def test_unknown_fault_code_lists_the_allowed_codes() -> None:
    with pytest.raises(InvalidInputError, match="short_rom"):
        ex.fault_for_code("wobble")


def test_hold_and_tempo_faults_are_only_watched_in_their_own_variation() -> None:
    machine = {f.detected_as for f in ex.faults_for_variation("machine-reverse-hyper")}
    assert Fault.SHORT_HOLD not in machine and Fault.TEMPO_OFF not in machine
    hold = {f.detected_as for f in ex.faults_for_variation(VariationId.ISOMETRIC_HOLD)}
    assert Fault.SHORT_HOLD in hold and Fault.TEMPO_OFF not in hold
    tempo = {f.detected_as for f in ex.faults_for_variation(VariationId.TEMPO_REVERSE_HYPER)}
    assert Fault.TEMPO_OFF in tempo


def test_equipment_table_describes_every_equipment_id_and_the_machine_parts() -> None:
    assert set(ex.EQUIPMENT) == set(Equipment)
    machine = ex.EQUIPMENT[Equipment.MACHINE]
    parts = " ".join(machine.components)
    assert "bench" in parts and "swing arm" in parts and "Olympic" in parts and "strap" in parts
    assert ex.LoadKind.PLATES in machine.adds_load
    assert ex.EQUIPMENT[Equipment.BANDS].adds_load == (ex.LoadKind.BANDS,)


def test_every_variation_is_consistent_in_equipment_difficulty_load_and_goals() -> None:
    for variation in ex.VARIATIONS.values():
        need = variation.equipment
        assert need.all_of or need.any_of, variation.id
        assert ex.DIFFICULTY_MIN <= variation.difficulty <= ex.DIFFICULTY_MAX
        assert ex.LoadKind.BODYWEIGHT in variation.load_kinds
        assert variation.goals and set(variation.goals) <= set(Goal)
        assert variation.cues and variation.how_it_differs and variation.name
        if ex.LoadKind.PLATES in variation.load_kinds:
            assert Equipment.MACHINE in need.all_of | need.any_of
        if ex.LoadKind.BANDS in variation.load_kinds and Equipment.BANDS not in need.all_of:
            assert variation.load_kinds_with([Equipment.BENCH]) == (ex.LoadKind.BODYWEIGHT,)


def test_floor_work_is_the_easiest_and_no_variation_is_easier() -> None:
    floor = [ex.VARIATIONS[v].difficulty for v in ex.VARIATIONS if "floor" in v.value]
    assert max(floor) == min(v.difficulty for v in ex.VARIATIONS.values())


def test_strength_can_be_served_without_a_machine_by_a_loadable_variation() -> None:
    options = ex.variations_for_equipment([Equipment.GHD, Equipment.BANDS])
    assert any(v.loadable and Goal.STRENGTH in v.goals for v in options)


def test_bodyweight_only_variations_report_not_loadable() -> None:
    bench = ex.get_variation("bench-reverse-hyper")
    assert not bench.loadable and bench.load_text() == "bodyweight only"
    machine = ex.get_variation("machine-reverse-hyper")
    assert machine.loadable and machine.load_text() == "plates"


def test_banded_reverse_hyper_needs_bands_and_one_of_bench_ghd_or_machine() -> None:
    need = ex.get_variation("banded-reverse-hyper").equipment
    assert need.is_met_by({Equipment.BANDS, Equipment.BENCH})
    assert need.is_met_by({Equipment.BANDS, Equipment.GHD})
    assert not need.is_met_by({Equipment.BANDS})
    assert not need.is_met_by({Equipment.BENCH, Equipment.GHD})
    assert need.describe() == "bands + (machine or bench or ghd)"


def test_variations_for_floor_only_are_the_two_floor_beginner_moves() -> None:
    ids = [v.id for v in ex.variations_for_equipment(["floor"])]
    assert ids == [VariationId.FLOOR_HYPEREXTENSION, VariationId.FLOOR_REVERSE_HYPER]


def test_variations_for_equipment_are_sorted_easiest_first() -> None:
    found = ex.variations_for_equipment(list(Equipment))
    assert len(found) == len(VariationId)
    difficulties = [v.difficulty for v in found]
    assert difficulties == sorted(difficulties)


def test_no_equipment_means_no_variation() -> None:
    assert ex.variations_for_equipment([]) == ()


def test_get_variation_accepts_enum_and_loose_text() -> None:
    assert ex.get_variation(VariationId.TEMPO_REVERSE_HYPER).id is VariationId.TEMPO_REVERSE_HYPER
    assert ex.get_variation("  Isometric-Hold ").id is VariationId.ISOMETRIC_HOLD


def test_unknown_variation_error_names_the_value_and_lists_every_allowed_id() -> None:
    with pytest.raises(InvalidInputError) as info:
        ex.get_variation("good-morning")
    message = str(info.value)
    assert "good-morning" in message
    for vid in VariationId:
        assert vid.value in message


def test_unknown_equipment_error_lists_allowed_equipment() -> None:
    with pytest.raises(InvalidInputError, match="stability-ball") as info:
        ex.variations_for_equipment(["kettlebell"])
    assert "kettlebell" in str(info.value)


def test_beginner_path_runs_floor_to_bench_to_machine_on_the_seeds_rep_criterion() -> None:
    assert [stage.variation for stage in ex.BEGINNER_PATH] == [
        VariationId.FLOOR_HYPEREXTENSION,
        VariationId.FLOOR_REVERSE_HYPER,
        VariationId.BENCH_REVERSE_HYPER,
        VariationId.MACHINE_REVERSE_HYPER,
    ]
    assert ex.BEGINNER_REPS_TO_ADVANCE == (15, 20)
    for stage in ex.BEGINNER_PATH[:-1]:
        assert stage.to_advance is not None
        assert (stage.to_advance.min_reps, stage.to_advance.max_reps) == (15, 20)
        assert stage.to_advance.controlled
        assert "bend the knees slightly" in stage.if_too_hard.lower()
    assert ex.BEGINNER_PATH[-1].to_advance is None
    assert ex.BEGINNER_PATH[1].pause_at_top_allowed


def test_next_stage_walks_the_path_and_ends_at_the_machine() -> None:
    stage = ex.next_stage("floor-hyperextension")
    assert stage is not None and stage.variation is VariationId.FLOOR_REVERSE_HYPER
    assert ex.next_stage("machine-reverse-hyper") is None


def test_next_stage_refuses_a_variation_off_the_path() -> None:
    with pytest.raises(InvalidInputError, match="beginner path"):
        ex.next_stage("single-leg-reverse-hyper")


def test_load_text_with_equipment_lists_only_what_that_equipment_offers() -> None:
    hold = ex.get_variation("isometric-hold")
    assert hold.load_text() == "plates, bands"
    assert hold.load_text([Equipment.BENCH]) == "bodyweight only"
    assert hold.load_text([Equipment.BENCH, Equipment.BANDS]) == "bands"
    assert hold.load_text([Equipment.MACHINE]) == "plates"


def test_benefits_and_history_carry_the_seeds_specific_facts() -> None:
    benefits = " ".join(b.explanation for b in ex.BENEFITS)
    for fact in ("Romanian deadlifts", "hip raises", "herniated discs", "back spasms", "surgery"):
        assert fact in benefits
    assert {"squats", "cleans", "running", "jumping"} <= set(re.findall(r"[a-z]+", benefits))
    assert ex.HISTORY.manufacturers == ("Rogue Fitness", "Titan Fitness")
    assert "CrossFit" in ex.HISTORY.availability
    assert "glute ham hyper" in ex.HISTORY.other_names


def test_stability_ball_variation_keeps_the_seeds_setup_and_pump_note() -> None:
    ball = ex.get_variation("stability-ball-reverse-hyper").how_it_differs
    assert "hands on the floor" in ball and "core" in ball and "pump" in ball


@settings(max_examples=40, deadline=None)
@given(st.sets(st.sampled_from(list(Equipment))))
def test_variations_for_equipment_returns_exactly_the_variations_the_equipment_allows(
    have: set[Equipment],
) -> None:
    found = {v.id for v in ex.variations_for_equipment(have)}
    for variation in ex.VARIATIONS.values():
        allowed = variation.equipment.all_of <= have and (
            not variation.equipment.any_of or bool(variation.equipment.any_of & have)
        )
        assert (variation.id in found) == allowed
