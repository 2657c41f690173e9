"""GET /profile-choices: the values and bounds the athlete and plan forms offer."""

from __future__ import annotations

from api_support import Api

from revhyper.domain.vocabulary import Equipment, Goal, Injury, Level


def test_profile_choices_need_a_signed_in_user(api: Api) -> None:
    assert api.client.get("/api/v1/profile-choices").status_code == 401


def test_profile_choices_list_the_vocabulary_and_the_bounds(api: Api) -> None:
    headers = api.add_user("chooser")
    answer = api.client.get("/api/v1/profile-choices", headers=headers)
    assert answer.status_code == 200, answer.text
    choices = answer.json()
    assert [g["id"] for g in choices["goals"]] == [g.value for g in Goal]
    assert [lv["id"] for lv in choices["levels"]] == [lv.value for lv in Level]
    assert [e["id"] for e in choices["equipment"]] == [e.value for e in Equipment]
    assert [i["id"] for i in choices["injuries"]] == [i.value for i in Injury]
    assert {"id": "movement-integrity", "name": "Movement integrity"} in choices["goals"]
    assert choices["units"] == ["kg", "lb"]
    assert choices["pain"] == {"low": 0, "high": 10, "unit": ""}
    assert choices["weeks"]["high"] == 52
    assert choices["days_per_week"] == {"low": 1, "high": 6, "unit": "days"}


def test_every_offered_choice_is_accepted_by_the_athlete_route(api: Api) -> None:
    headers = api.add_user("offered")
    choices = api.client.get("/api/v1/profile-choices", headers=headers).json()
    body = {
        "name": "Every choice",
        "goal": choices["goals"][-1]["id"],
        "level": choices["levels"][-1]["id"],
        "equipment": [e["id"] for e in choices["equipment"]],
        "injury": [i["id"] for i in choices["injuries"]],
        "body_mass": choices["body_mass"]["high"],
        "height": choices["height"]["low"],
        "unit": choices["units"][-1],
        "sex": choices["sexes"][-1],
    }
    answer = api.client.post("/api/v1/athletes", json=body, headers=headers)
    assert answer.status_code == 201, answer.text
