"""The catalogue through the API: the exercise, its variations, the goal protocols."""

from __future__ import annotations

from api_support import Api

from revhyper.domain.knowledge import exercises as ex
from revhyper.domain.knowledge.protocols import PROTOCOLS


def test_the_catalogue_needs_a_signed_in_user(api: Api) -> None:
    for path in ("/api/v1/exercises", "/api/v1/variations", "/api/v1/protocols"):
        answer = api.client.get(path)
        assert answer.status_code == 401, path
        assert answer.json()["error"]["code"] == "unauthorized"


def test_the_exercise_carries_the_seeds_facts(api: Api) -> None:
    headers = api.add_user("alex")
    answer = api.client.get("/api/v1/exercises", headers=headers)
    assert answer.status_code == 200
    exercise = answer.json()["items"][0]
    assert [m["name"] for m in exercise["muscles"]] == [m.name for m in ex.MUSCLES]
    assert [s["title"] for s in exercise["how_to"]] == [s.title for s in ex.HOW_TO_STEPS]
    assert [c["advice"] for c in exercise["cautions"]] == [c.advice for c in ex.CAUTIONS]
    assert [s["variation"] for s in exercise["beginner_path"]] == [
        s.variation.value for s in ex.BEGINNER_PATH
    ]
    assert exercise["history"]["decade"] == ex.HISTORY.decade
    assert sorted(exercise["variations"]) == sorted(v.value for v in ex.VARIATIONS)


def test_variations_list_easiest_first_and_filter_by_equipment(api: Api) -> None:
    headers = api.add_user("alex")
    every = api.client.get("/api/v1/variations", headers=headers).json()
    assert every["total"] == len(ex.VARIATIONS)
    difficulties = [v["difficulty"] for v in every["items"]]
    assert difficulties == sorted(difficulties)
    floor_only = api.client.get(
        "/api/v1/variations", params={"equipment": "floor"}, headers=headers
    ).json()
    expected = {v.id.value for v in ex.variations_for_equipment(["floor"])}
    assert {v["id"] for v in floor_only["items"]} == expected
    assert expected and len(expected) < len(ex.VARIATIONS)


def test_unknown_equipment_is_422_listing_what_is_allowed(api: Api) -> None:
    headers = api.add_user("alex")
    answer = api.client.get("/api/v1/variations", params={"equipment": "rowboat"}, headers=headers)
    assert answer.status_code == 422
    message = answer.json()["error"]["message"]
    assert "rowboat" in message and "stability-ball" in message


def test_a_variation_is_explained_with_its_cues_faults_and_load(api: Api) -> None:
    headers = api.add_user("alex")
    answer = api.client.get("/api/v1/variations/banded-reverse-hyper", headers=headers)
    assert answer.status_code == 200
    variation = answer.json()
    entry = ex.get_variation("banded-reverse-hyper")
    assert variation["cues"] == list(entry.cues)
    assert variation["how_it_differs"] == entry.how_it_differs
    assert [f["id"] for f in variation["faults"]] == [
        f.id for f in ex.faults_for_variation(entry.id)
    ]
    assert variation["load_options"] == [{"kind": "bands", "needs": []}]


def test_a_variation_off_the_beginner_path_has_no_stage(api: Api) -> None:
    headers = api.add_user("alex")
    on_path = api.client.get("/api/v1/variations/floor-hyperextension", headers=headers).json()
    assert on_path["beginner_stage"]["reps_to_advance"] == list(ex.BEGINNER_REPS_TO_ADVANCE)
    off_path = api.client.get("/api/v1/variations/isometric-hold", headers=headers).json()
    assert off_path["beginner_stage"] is None and off_path["beginner_path"] == []


def test_an_unknown_variation_is_404_naming_the_known_ones(api: Api) -> None:
    headers = api.add_user("alex")
    answer = api.client.get("/api/v1/variations/bicep-curl", headers=headers)
    assert answer.status_code == 404
    assert "machine-reverse-hyper" in answer.json()["error"]["message"]


def test_the_protocols_are_the_seeds_four(api: Api) -> None:
    headers = api.add_user("alex")
    protocols = api.client.get("/api/v1/protocols", headers=headers).json()["items"]
    by_goal = {p["goal"]: p for p in protocols}
    assert set(by_goal) == {goal.value for goal in PROTOCOLS}
    endurance = by_goal["endurance"]
    assert (endurance["sets"], endurance["reps"], endurance["rest_s"]) == (
        [2, 4],
        [15, 20],
        [30, 45],
    )
    assert by_goal["strength"]["constraint"]
