"""The back-pain rules in one place (PainRules) and the pain answer of the guided session."""

from __future__ import annotations

import pytest

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.programming.adaptation import PAIN_RULES, PainRules
from revhyper.domain.training.session_flow import parse_pain_answer


@pytest.mark.parametrize(("pain", "stops"), [(None, False), (0, False), (3, False), (4, True)])
def test_pain_during_a_set_stops_the_exercise_at_four_and_above(
    pain: int | None, stops: bool
) -> None:
    assert PAIN_RULES.stops_exercise(pain) is stops


@pytest.mark.parametrize(
    ("before", "after", "too_much"),
    [(1, 2, False), (1, 3, True), (1, 4, True), (None, 9, False), (2, None, False), (5, 0, False)],
)
def test_pain_after_a_session_is_too_much_from_a_rise_of_two(
    before: int | None, after: int | None, too_much: bool
) -> None:
    assert PAIN_RULES.rose_too_much(before, after) is too_much


def test_other_thresholds_move_both_rules() -> None:
    strict = PainRules(during_threshold=2, after_rise=1)
    assert strict.stops_exercise(2) and not strict.stops_exercise(1)
    assert strict.rose_too_much(0, 1) and not strict.rose_too_much(1, 1)


@pytest.mark.parametrize(("text", "pain"), [("", None), ("  ", None), ("0", 0), (" 10 ", 10)])
def test_a_pain_answer_is_a_whole_number_zero_to_ten_or_nothing(
    text: str, pain: int | None
) -> None:
    assert parse_pain_answer(text) == pain


@pytest.mark.parametrize("text", ["11", "-1", "2.5", "x", "nan"])
def test_a_pain_answer_outside_zero_to_ten_is_refused_naming_it(text: str) -> None:
    with pytest.raises(InvalidInputError, match=f"pain '{text}' is not"):
        parse_pain_answer(text)
