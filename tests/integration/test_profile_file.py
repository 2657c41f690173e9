"""Reading profile files (TOML and JSON) from disk, and refusing malformed ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from revhyper.adapters.profile_file import read_profile_file
from revhyper.domain.errors import InvalidInputError, NotFoundError

TOML_PROFILE = """
name = "Ana"
goal = "strength"
level = "intermediate"
equipment = ["machine", "bench"]
injury = ["back-injury"]
pain = 0
medical-care = false
clearance = true
body-mass = 70.5
height = 1.68
known-set = "50x10@8"
weeks = 6
days-per-week = 2
"""


def test_toml_profile_is_read_with_snake_case_keys(tmp_path: Path) -> None:
    path = tmp_path / "ana.toml"
    path.write_text(TOML_PROFILE, encoding="utf-8")
    fields = read_profile_file(path)
    assert fields["goal"] == "strength"
    assert fields["equipment"] == ["machine", "bench"]
    assert fields["injury"] == ["back-injury"]
    assert fields["body_mass"] == 70.5
    assert fields["days_per_week"] == 2
    assert fields["clearance"] is True


def test_json_profile_accepts_snake_case_and_a_single_equipment_string(tmp_path: Path) -> None:
    path = tmp_path / "bo.json"
    path.write_text(
        '{"goal": "endurance", "level": "new", "equipment": "floor", '
        '"body_mass": 60, "injuries": ["other"]}',
        encoding="utf-8",
    )
    fields = read_profile_file(path)
    assert fields["equipment"] == ["floor"]
    assert fields["injury"] == ["other"]
    assert fields["body_mass"] == 60


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("bad.toml", 'goal = "strength\nlevel = 3', "not valid TOML"),
        ("bad.json", '{"goal": "strength",', "not valid JSON"),
        ("list.json", '["strength"]', "expected a table/object"),
        ("key.toml", 'colour = "red"', "unknown key 'colour': allowed name, goal"),
        ("type.toml", 'pain = "high"', "pain = 'high' should be a whole number"),
        ("float.toml", "pain = 2.5", "pain = 2.5 should be a whole number"),
        ("bool.json", '{"weeks": true}', "weeks = True should be a whole number"),
        ("items.toml", "equipment = [1, 2]", "equipment must be a list of ids"),
        ("profile.yaml", "goal: strength", "unknown format '.yaml': allowed .toml, .json"),
    ],
)
def test_malformed_profile_file_names_the_file_and_the_problem(
    tmp_path: Path, name: str, text: str, problem: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInputError) as error:
        read_profile_file(path)
    message = str(error.value)
    assert str(path) in message
    assert problem in message
    assert "\n" not in message


def test_missing_profile_file_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="does not exist"):
        read_profile_file(tmp_path / "nobody.toml")
