"""The owner edits an athlete's unit and plate inventory through PATCH /athletes/{id}; the
plates answer then uses them (loads stored in kilograms either way)."""

from __future__ import annotations

import json

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


def _machines(athlete: int) -> str:
    return f"{ATHLETES}/{athlete}/machines"


def test_each_machine_keeps_its_own_plates_and_the_plates_answer_uses_the_one_named(
    api: Api,
) -> None:
    headers = api.add_user("pat")
    athlete = api.add_athlete(headers, "Pat")
    front = api.client.post(
        _machines(athlete), json={"name": "Front", "plates": "20x2", "arm_kg": 10}, headers=headers
    )
    back = api.client.post(
        _machines(athlete), json={"name": "Back", "plates": "5x4"}, headers=headers
    )
    assert front.status_code == back.status_code == 201, front.text
    assert front.json()["plates_text"] == "20x2" and front.json()["unit"] == "kg"
    listed = api.client.get(_machines(athlete), headers=headers).json()
    assert [m["name"] for m in listed["items"]] == ["Front", "Back"]
    on_front = api.client.get(
        f"{ATHLETES}/{athlete}/plates",
        params={"target": 50, "machine_id": front.json()["id"]},
        headers=headers,
    ).json()
    assert on_front["plates"] == [20.0, 20.0] and on_front["arm"] == 10
    on_back = api.client.get(
        f"{ATHLETES}/{athlete}/plates",
        params={"target": 50, "machine_id": back.json()["id"]},
        headers=headers,
    ).json()
    assert on_back["plates"] == [5.0, 5.0, 5.0, 5.0] and on_back["shortfall"] == 30


def test_a_pound_athletes_machine_is_kept_in_pounds(api: Api) -> None:
    headers = api.add_user("pat")
    athlete = api.add_athlete(headers, "Pat", unit="lb")
    added = api.client.post(
        _machines(athlete), json={"name": "Home", "plates": "45x2,25x2"}, headers=headers
    ).json()
    assert added["unit"] == "lb"
    assert added["plates"] == [{"size": 45.0, "copies": 2}, {"size": 25.0, "copies": 2}]
    answer = api.client.get(
        f"{ATHLETES}/{athlete}/plates",
        params={"target": 90, "machine_id": added["id"]},
        headers=headers,
    ).json()
    assert answer["unit"] == "lb" and answer["plates"] == [45.0, 45.0]


def test_a_machine_is_changed_and_removed(api: Api) -> None:
    headers = api.add_user("pat")
    athlete = api.add_athlete(headers, "Pat")
    machine = api.client.post(
        _machines(athlete), json={"name": "Old", "plates": "10x2"}, headers=headers
    ).json()
    path = f"{_machines(athlete)}/{machine['id']}"
    changed = api.client.patch(path, json={"name": "New", "plates": "15x2"}, headers=headers)
    assert changed.status_code == 200
    assert changed.json()["name"] == "New" and changed.json()["plates_text"] == "15x2"
    assert api.client.delete(path, headers=headers).status_code == 204
    assert api.client.get(_machines(athlete), headers=headers).json()["total"] == 0
    assert api.client.delete(path, headers=headers).status_code == 404


def test_two_machines_may_not_share_a_name(api: Api) -> None:
    headers = api.add_user("pat")
    athlete = api.add_athlete(headers, "Pat")
    body = {"name": "Rack", "plates": "10x2"}
    assert api.client.post(_machines(athlete), json=body, headers=headers).status_code == 201
    again = api.client.post(_machines(athlete), json=body, headers=headers)
    assert again.status_code == 409
    assert "Rack" in again.json()["error"]["message"]


def test_bad_machine_input_is_422_naming_the_problem(api: Api) -> None:
    headers = api.add_user("pat")
    athlete = api.add_athlete(headers, "Pat")
    bad_plates = api.client.post(
        _machines(athlete), json={"name": "X", "plates": "heavy"}, headers=headers
    )
    assert bad_plates.status_code == 422
    blank_name = api.client.post(
        _machines(athlete), json={"name": "   ", "plates": "10x2"}, headers=headers
    )
    assert blank_name.status_code == 422
    assert "name" in blank_name.json()["error"]["message"]
    machine = api.client.post(
        _machines(athlete), json={"name": "X", "plates": "10x2"}, headers=headers
    ).json()
    mixed = api.client.get(
        f"{ATHLETES}/{athlete}/plates",
        params={"target": 40, "machine_id": machine["id"], "plates": "5x2"},
        headers=headers,
    )
    assert mixed.status_code == 422


def test_another_athletes_machine_is_404(api: Api) -> None:
    pat = api.add_user("pat")
    mine = api.add_athlete(pat, "Pat")
    other = api.add_user("oli")
    theirs = api.add_athlete(other, "Oli")
    machine = api.client.post(
        _machines(theirs), json={"name": "Theirs", "plates": "10x2"}, headers=other
    ).json()
    answer = api.client.get(
        f"{ATHLETES}/{mine}/plates",
        params={"target": 40, "machine_id": machine["id"]},
        headers=pat,
    )
    assert answer.status_code == 404
    renamed = api.client.patch(
        f"{_machines(mine)}/{machine['id']}", json={"name": "Mine"}, headers=pat
    )
    assert renamed.status_code == 404


def test_a_backup_carries_the_machines_and_restoring_it_adds_them_once(api: Api) -> None:
    headers = api.add_user("pat")
    athlete = api.add_athlete(headers, "Pat")
    api.client.post(
        _machines(athlete), json={"name": "Front", "plates": "20x2", "arm_kg": 5}, headers=headers
    )
    backup = api.client.get(f"{ATHLETES}/{athlete}/export", headers=headers).json()
    (exported,) = backup["athletes"][0]["machines"]
    assert exported["name"] == "Front" and exported["arm_kg"] == 5
    other = api.add_user("oli")
    content = json.dumps(backup).encode()
    files = {"file": ("backup.json", content, "application/json")}
    first = api.client.post("/api/v1/imports", files=files, headers=other).json()
    assert first["backup"]["machines"] == 1
    again = api.client.post("/api/v1/imports", files=files, headers=other).json()
    assert again["backup"]["machines"] == 0
    restored = api.client.get(f"{ATHLETES}", headers=other).json()["items"][0]["id"]
    listed = api.client.get(_machines(restored), headers=other).json()["items"]
    assert [(m["name"], m["plates_text"], m["arm_kg"]) for m in listed] == [("Front", "20x2", 5)]
