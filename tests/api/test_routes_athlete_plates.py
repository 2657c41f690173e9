"""The owner edits an athlete's unit and plate inventory through PATCH /athletes/{id}; the
plates answer then uses them (loads stored in kilograms either way)."""

from __future__ import annotations

from api_support import Api

ATHLETES = "/api/v1/athletes"


def test_the_owner_stores_a_plate_inventory_the_plates_answer_then_uses(api: Api) -> None:
    headers = api.add_user("pat")
    athlete = api.add_athlete(headers, "Pat")
    answer = api.client.patch(f"{ATHLETES}/{athlete}", json={"plates": "10x2,5x2"}, headers=headers)
    assert answer.status_code == 200, answer.text
    assert answer.json()["profile"]["plates"] == {"unit": "kg", "plates": [[10.0, 2], [5.0, 2]]}
    plates = api.client.get(
        f"{ATHLETES}/{athlete}/plates", params={"target": 40}, headers=headers
    ).json()
    assert plates["plates"] == [10.0, 10.0, 5.0, 5.0]
    assert plates["exact"] is False


def test_gym_clears_the_inventory_back_to_a_full_set(api: Api) -> None:
    headers = api.add_user("pat")
    athlete = api.add_athlete(headers, "Pat", plates="10x2")
    answer = api.client.patch(f"{ATHLETES}/{athlete}", json={"plates": "gym"}, headers=headers)
    assert answer.status_code == 200
    assert answer.json()["profile"]["plates"] is None


def test_switching_to_pounds_keeps_a_kilogram_inventory_in_kilograms(api: Api) -> None:
    headers = api.add_user("pat")
    athlete = api.add_athlete(headers, "Pat", plates="20x2")
    answer = api.client.patch(f"{ATHLETES}/{athlete}", json={"unit": "lb"}, headers=headers)
    profile = answer.json()["profile"]
    assert profile["unit"] == "lb"
    assert profile["plates"] == {"unit": "kg", "plates": [[20.0, 2]]}


def test_a_new_inventory_is_read_in_the_athletes_unit(api: Api) -> None:
    headers = api.add_user("pat")
    athlete = api.add_athlete(headers, "Pat", unit="lb")
    answer = api.client.patch(f"{ATHLETES}/{athlete}", json={"plates": "45x2"}, headers=headers)
    assert answer.json()["profile"]["plates"] == {"unit": "lb", "plates": [[45.0, 2]]}


def test_a_bad_plate_list_is_422_and_changes_nothing(api: Api) -> None:
    headers = api.add_user("pat")
    athlete = api.add_athlete(headers, "Pat", plates="10x2")
    answer = api.client.patch(f"{ATHLETES}/{athlete}", json={"plates": "ten"}, headers=headers)
    assert answer.status_code == 422
    assert answer.json()["error"]["message"]
    stored = api.client.get(f"{ATHLETES}/{athlete}", headers=headers).json()
    assert stored["profile"]["plates"] == {"unit": "kg", "plates": [[10.0, 2]]}


def test_a_coach_may_not_change_the_plates(api: Api) -> None:
    owner = api.add_user("pat")
    athlete = api.add_athlete(owner, "Pat")
    coach = api.add_user("cory", "coach")
    granted = api.client.post(
        f"{ATHLETES}/{athlete}/grants", json={"username": "cory", "scope": "coach"}, headers=owner
    )
    assert granted.status_code == 201
    answer = api.client.patch(f"{ATHLETES}/{athlete}", json={"plates": "5x2"}, headers=coach)
    assert answer.status_code in (403, 404)
