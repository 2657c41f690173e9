"""Mass units: kilograms and pounds, exact conversion, parsing and display of loads.

Every load is stored in kilograms [kg]. An athlete trains in kilograms or pounds; loads they
type are read in their unit unless the text names another (``90lb``, ``40 kg``), and loads are
shown in their unit. This module is the one place where the two units meet.

Source of the conversion: the international avoirdupois pound is defined as exactly
0.45359237 kg (International Yard and Pound Agreement, 1959; NIST Special Publication 811,
2008 edition, appendix B.8).
"""

from __future__ import annotations

import re
from enum import StrEnum

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.typed_numbers import MAX_TYPED_NUMBER, as_typed, is_sane_number

#: Exactly one international pound in kilograms [kg/lb] (NIST SP 811, B.8).
KG_PER_LB = 0.45359237

#: Logged loads are shown to this many decimals of the athlete's unit: enough for a 0.25 kg or
#: 0.25 lb fractional plate, and it hides conversion noise (90 lb stored as 40.82331... kg is
#: shown as "90 lb", not "89.99999 lb"). Prescribed loads are made makeable first
#: (``revhyper.domain.plates``), so they show exactly.
SHOWN_DECIMALS = 2


class MassUnit(StrEnum):
    """The unit an athlete's loads are entered and shown in."""

    KG = "kg"
    LB = "lb"


#: Spellings accepted for each unit (lower case).
_UNIT_WORDS: dict[str, MassUnit] = {
    "kg": MassUnit.KG,
    "kgs": MassUnit.KG,
    "kilo": MassUnit.KG,
    "kilos": MassUnit.KG,
    "kilogram": MassUnit.KG,
    "kilograms": MassUnit.KG,
    "lb": MassUnit.LB,
    "lbs": MassUnit.LB,
    "pound": MassUnit.LB,
    "pounds": MassUnit.LB,
}

_LOAD_PATTERN = re.compile(r"^\s*([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*([a-zA-Z]*)\s*$")


def parse_unit(text: object) -> MassUnit:
    """``kg`` or ``lb`` (also ``kgs``, ``lbs``, ``pounds``, …), else ``InvalidInputError``."""
    if isinstance(text, MassUnit):
        return text
    word = str(text).strip().lower()
    if word in _UNIT_WORDS:
        return _UNIT_WORDS[word]
    raise InvalidInputError(f"unknown unit {text!r}: allowed kg or lb")


def to_kg(value: float, unit: MassUnit) -> float:
    """``value`` in ``unit`` as kilograms [kg] (exact factor, float arithmetic)."""
    return float(value) * KG_PER_LB if unit is MassUnit.LB else float(value)


def from_kg(load_kg: float, unit: MassUnit) -> float:
    """``load_kg`` [kg] expressed in ``unit``."""
    return float(load_kg) / KG_PER_LB if unit is MassUnit.LB else float(load_kg)


def parse_load(text: object, default_unit: MassUnit, *, what: str = "load") -> float:
    """A load typed by a person, in kilograms [kg].

    ``text`` is a number with an optional unit (``90``, ``90lb``, ``40.5 kg``); without a unit
    it is read in ``default_unit``. Infinite or non-numeric values are refused with a message
    naming the text; range checks (e.g. 0–500 kg) are the caller's, on the kilograms.
    """
    return parse_load_and_unit(text, default_unit, what=what)[0]


def parse_load_and_unit(
    text: object, default_unit: MassUnit, *, what: str = "load"
) -> tuple[float, MassUnit]:
    """:func:`parse_load` [kg] and the unit the text was in (to answer in the same unit)."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        number, unit = float(text), default_unit
    else:
        match = _LOAD_PATTERN.match(str(text))
        if match is None:
            raise InvalidInputError(
                f"{what} {text!r} is not a number with an optional unit: "
                "write e.g. 90, 90kg or 200lb"
            )
        number = float(match.group(1))
        unit = parse_unit(match.group(2)) if match.group(2) else default_unit
    if not is_sane_number(number):
        raise InvalidInputError(
            f"{what} {as_typed(text)} is not allowed: write a finite number up to "
            f"{MAX_TYPED_NUMBER:g} with an optional unit, e.g. 90 or 90lb"
        )
    return to_kg(number, unit), unit


def number_text(value: float, decimals: int = SHOWN_DECIMALS) -> str:
    """``value`` rounded to ``decimals`` without trailing zeros (``90``, ``40.82``, ``2.5``)."""
    rounded = round(float(value), decimals)
    if rounded == 0:
        rounded = 0.0  # no "-0"
    text = f"{rounded:.{decimals}f}"
    if "." in text:  # only a fraction's trailing zeros go: 500 stays "500"
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def format_load(load_kg: float, unit: MassUnit, decimals: int = SHOWN_DECIMALS) -> str:
    """``load_kg`` [kg] shown in ``unit``: ``"90 lb"``, ``"40.82 kg"``."""
    return f"{number_text(from_kg(load_kg, unit), decimals)} {unit.value}"
