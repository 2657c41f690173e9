"""A set written as named fields (``reps=10,load=20,rpe=7`` or a CSV row) → a ``SetRecord``.

This is the one parser of named set fields: ``revhyper log session --set`` and the columns of
``log session --file`` both go through ``set_from_fields``. (The guided session's typed line
``REPS LOAD RPE PAIN`` is a different, positional syntax: ``session_flow.parse_set_entry``.)
Every error names where it happened (``--set 2``, ``sets.csv line 4``), the value and what is
allowed.
"""

from __future__ import annotations

from typing import Any

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.training.log import SINGLE_LEG_VARIATIONS, SetRecord
from revhyper.domain.typed_numbers import MAX_TYPED_NUMBER, is_sane_number
from revhyper.domain.units import MassUnit, parse_load

#: Field names (and aliases) → ``SetRecord`` fields.
SET_KEYS: dict[str, str] = {
    "variation": "variation",
    "reps": "reps",
    "load": "load_kg",
    "load_kg": "load_kg",
    "band": "band",
    "rpe": "rpe",
    "rir": "rir",
    "tempo": "tempo",
    "hold": "hold_s",
    "hold_s": "hold_s",
    "pain": "pain",
    "notes": "notes",
    "kind": "kind",
    "side": "side",
}
_TEXT_FIELDS = {"variation", "band", "tempo", "notes", "kind", "side"}
_WHOLE_FIELDS = {"reps", "pain"}


def _at(where: str, message: str) -> str:
    return f"{where}: {message}" if where else message


def parse_field_number(text: str, label: str, where: str) -> float | None:
    """A number from a field or a CSV cell (a decimal comma is accepted); None for an empty one.

    NaN, infinities (``1e400`` overflows to one) and magnitudes above ``MAX_TYPED_NUMBER`` are
    refused, quoting the text as written.
    """
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        number = float(cleaned.replace(",", "."))
    except ValueError:
        raise InvalidInputError(_at(where, f"{label} {text!r} is not a number")) from None
    if not is_sane_number(number):
        raise InvalidInputError(
            _at(
                where,
                f"{label} {text!r} is not allowed: give a finite number between "
                f"{-MAX_TYPED_NUMBER:g} and {MAX_TYPED_NUMBER:g}",
            )
        )
    return number


def _typed(field: str, text: str, where: str, unit: MassUnit) -> Any:
    if field in _TEXT_FIELDS:
        return text or None
    if field == "load_kg" and text:
        try:
            return parse_load(text.replace(",", "."), unit)  # a file cell's decimal comma
        except InvalidInputError as error:
            raise InvalidInputError(_at(where, str(error))) from None
    number = parse_field_number(text, field.removesuffix("_kg").removesuffix("_s"), where)
    if number is None:
        return None
    if field in _WHOLE_FIELDS:
        if not number.is_integer():
            raise InvalidInputError(_at(where, f"{field} {text!r} must be a whole number"))
        return int(number)
    return number


def require_side(record: SetRecord, how: str) -> None:
    """A newly logged single-leg set must say which leg (``InvalidInputError`` otherwise).

    ``how`` is how the user gives the side (``--side`` or ``side=``), for the message.
    """
    if record.variation in SINGLE_LEG_VARIATIONS and record.side is None:
        raise InvalidInputError(
            f"{record.variation.value} is logged per side: give {how} left or {how} right "
            "(log each leg's set separately)"
        )


def set_from_fields(
    fields: dict[str, str],
    default_variation: str | None,
    where: str,
    unit: MassUnit = MassUnit.KG,
) -> SetRecord:
    """A ``SetRecord`` from text fields (keys of ``SET_KEYS``, any case; empty = not given).

    ``variation`` defaults to ``default_variation``; ``reps`` is required; a single-leg set
    needs its ``side``. A load is read in ``unit`` unless it names its own (``90lb``) and is
    stored in kg. Messages start with ``where`` (e.g. "--set 2") unless it is empty.
    """
    values: dict[str, Any] = {}
    for key, text in fields.items():
        field = SET_KEYS.get(key.strip().lower())
        if field is None:
            allowed = ", ".join(sorted(set(SET_KEYS)))
            raise InvalidInputError(_at(where, f"unknown field {key!r}: allowed {allowed}"))
        value = _typed(field, text.strip(), where, unit)
        if value is not None:
            values[field] = value
    values.setdefault("variation", default_variation)
    if not values.get("variation"):
        raise InvalidInputError(_at(where, "no variation: give variation=ID or --variation"))
    if "reps" not in values:
        raise InvalidInputError(_at(where, "reps missing: give reps=N"))
    values.setdefault("notes", "")
    try:
        record = SetRecord(**values)
        require_side(record, "side=")
    except InvalidInputError as error:
        raise InvalidInputError(_at(where, str(error))) from None
    return record


def parse_set_fields(
    text: str, default_variation: str | None, where: str, unit: MassUnit = MassUnit.KG
) -> SetRecord:
    """``"reps=10,load=20,rpe=7"`` → ``SetRecord`` (empty parts are ignored).

    A field given twice (``reps=10,reps=12``, or ``load=20,load_kg=25``) is refused with both
    values named, never resolved silently.
    """
    fields: dict[str, str] = {}
    given: dict[str, tuple[str, str]] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        if not sep:
            raise InvalidInputError(_at(where, f"{part.strip()!r} is not KEY=VALUE (e.g. reps=10)"))
        field = SET_KEYS.get(key.strip().lower(), key.strip())
        if field in given:
            first_key, first_value = given[field]
            raise InvalidInputError(
                _at(
                    where,
                    f"{field} is given twice ({first_key}={first_value.strip()} and "
                    f"{key.strip()}={value.strip()}): give each field once",
                )
            )
        given[field] = (key.strip(), value)
        fields[key.strip()] = value
    return set_from_fields(fields, default_variation, where, unit)
