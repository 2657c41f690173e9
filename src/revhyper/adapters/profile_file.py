"""Read an athlete profile from a TOML or JSON file whose keys are the ``plan`` option names.

Keys (kebab-case as on the command line; snake_case is accepted too):
``name``, ``goal``, ``level``, ``equipment`` (list), ``injury`` (list; ``injuries`` accepted),
``pain``, ``medical-care``, ``clearance``, ``body-mass`` [kg], ``height`` [m], ``sex``,
``known-set`` (``"60x10@8"``, in ``unit``), ``floor-criterion-met``, ``unit`` (kg or lb),
``plates`` (``"20x4,10x2,5x2"`` in ``unit``), ``weeks``, ``days-per-week``, ``start`` (ISO date).
Values are checked later by the domain; here only the file's shape is checked.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from revhyper.domain.errors import InvalidInputError, NotFoundError

#: Accepted keys (normalised to snake_case) and the Python types their values may have.
PROFILE_KEYS: dict[str, tuple[type, ...]] = {
    "name": (str,),
    "goal": (str,),
    "level": (str,),
    "equipment": (list, str),
    "injury": (list, str),
    "pain": (int,),
    "medical_care": (bool,),
    "clearance": (bool,),
    "body_mass": (int, float),
    "height": (int, float),
    "sex": (str,),
    "known_set": (str,),
    "floor_criterion_met": (bool,),
    "unit": (str,),
    "plates": (str,),
    "weeks": (int,),
    "days_per_week": (int,),
    "start": (str,),
}
_ALIASES = {"injuries": "injury"}
_LIST_KEYS = ("equipment", "injury")


def read_profile_file(path: Path) -> dict[str, Any]:
    """The profile fields in ``path`` with snake_case keys; lists for equipment and injury.

    Raises:
        NotFoundError: the file does not exist.
        InvalidInputError: the file is not valid TOML/JSON, is not a table/object, has an
            unknown key or a value of the wrong type (the message names the file and the key).
    """
    raw = _parse(path)
    if not isinstance(raw, dict):
        raise InvalidInputError(f"profile file {path}: expected a table/object of fields")
    return {key: value for key, value in (_field(path, k, v) for k, v in raw.items())}


def _parse(path: Path) -> object:
    suffix = path.suffix.lower()
    if suffix not in (".toml", ".json"):
        raise InvalidInputError(
            f"profile file {path}: unknown format {suffix or '(none)'!r}: allowed .toml, .json"
        )
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NotFoundError(f"profile file {path} does not exist") from None
    except UnicodeDecodeError:
        raise InvalidInputError(f"profile file {path}: not UTF-8 text") from None
    try:
        return tomllib.loads(text) if suffix == ".toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as error:
        kind = "TOML" if suffix == ".toml" else "JSON"
        problem = str(error).splitlines()[0] if str(error) else "unreadable"
        raise InvalidInputError(f"profile file {path}: not valid {kind}: {problem}") from None


def _field(path: Path, key: object, value: object) -> tuple[str, Any]:
    name = str(key).strip().lower().replace("-", "_")
    name = _ALIASES.get(name, name)
    if name not in PROFILE_KEYS:
        allowed = ", ".join(k.replace("_", "-") for k in PROFILE_KEYS)
        raise InvalidInputError(f"profile file {path}: unknown key {key!r}: allowed {allowed}")
    types = PROFILE_KEYS[name]
    wrong_bool = isinstance(value, bool) and bool not in types
    if wrong_bool or not isinstance(value, types):
        expected = " or ".join(_type_word(kind) for kind in types)
        raise InvalidInputError(f"profile file {path}: {key} = {value!r} should be {expected}")
    if name in _LIST_KEYS:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise InvalidInputError(f"profile file {path}: {key} must be a list of ids")
        return name, items
    return name, value


def _type_word(kind: type) -> str:
    words = {str: "text", int: "a whole number", float: "a number", bool: "true/false"}
    return words.get(kind, "a list")
