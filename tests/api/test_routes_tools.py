"""Load maths and mechanics through the API answer as the domain computes them."""

from __future__ import annotations

import pytest
from api_support import Api

from revhyper.domain import loads
from revhyper.services import mechanics as mechanics_service


def test_the_tools_need_a_signed_in_user(api: Api) -> None:
    answer = api.client.get("/api/v1/tools/e1rm", params={"load_kg": 100, "reps": 5})
    assert answer.status_code == 401


def test_e1rm_answers_the_chosen_formula_and_every_other(api: Api) -> None:
    headers = api.add_user("alex")
    answer = api.client.get(
        "/api/v1/tools/e1rm",
        params={"load_kg": 100, "reps": 12, "method": "brzycki"},
        headers=headers,
    )
    assert answer.status_code == 200
    result = answer.json()
    assert result["method"] == "brzycki"
    assert result["e1rm_kg"] == pytest.approx(loads.estimate_1rm(100, 12, "brzycki"))
    assert result["estimates_kg"] == pytest.approx(loads.estimate_1rm_all(100, 12))
    assert result["rough"] is True


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"load_kg": 0, "reps": 5}, "load_kg"),
        ({"load_kg": "nan", "reps": 5}, "load_kg"),
        ({"load_kg": "inf", "reps": 5}, "load_kg"),
        ({"load_kg": 1e9, "reps": 5}, "load_kg"),
        ({"load_kg": 100, "reps": 31}, "reps"),
        ({"load_kg": 100, "reps": 5, "method": "guess"}, "method"),
    ],
)
def test_absurd_e1rm_input_is_422_naming_it(
    api: Api, params: dict[str, object], field: str
) -> None:
    headers = api.add_user("alex")
    answer = api.client.get("/api/v1/tools/e1rm", params=params, headers=headers)
    assert answer.status_code == 422
    assert field in answer.json()["error"]["message"]


def test_the_rpe_chart_comes_whole_or_with_one_cell(api: Api) -> None:
    headers = api.add_user("alex")
    chart = api.client.get("/api/v1/tools/rpe", headers=headers).json()
    assert chart["rpe_columns"] == list(loads.RPE_CHART_RPES)
    assert [row["percent_1rm"] for row in chart["rows"]] == [
        list(r) for r in loads.RPE_CHART_PERCENT
    ]
    assert chart["cell"] is None
    cell = api.client.get("/api/v1/tools/rpe", params={"reps": 4, "rpe": 8}, headers=headers)
    assert cell.json()["cell"] == {"reps": 4, "rpe": 8.0, "percent_1rm": 83.7, "rir": 2.0}
    half = api.client.get("/api/v1/tools/rpe", params={"reps": 4}, headers=headers)
    assert half.status_code == 422
    off_chart = api.client.get("/api/v1/tools/rpe", params={"reps": 4, "rpe": 5}, headers=headers)
    assert off_chart.status_code == 422


def test_the_formulas_offered_are_the_domains(api: Api) -> None:
    headers = api.add_user("alex")
    document = api.client.get("/openapi.json", headers=headers).json()
    parameters = document["paths"]["/api/v1/tools/e1rm"]["get"]["parameters"]
    method = next(p for p in parameters if p["name"] == "method")
    assert method["schema"]["enum"] == list(loads.E1RM_METHODS)


def test_a_working_load_is_rounded_down_to_the_increment(api: Api) -> None:
    headers = api.add_user("alex")
    params = {"load_kg": 100, "reps": 5, "rpe": 8, "target_reps": 8, "target_rpe": 8}
    answer = api.client.get(
        "/api/v1/tools/working-load", params={**params, "increment_kg": 2.5}, headers=headers
    ).json()
    expected = loads.suggest_working_load(100, 5, 8, 8, 8, increment_kg=2.5)
    assert answer["load_kg"] == expected.load_kg
    assert answer["load_kg"] % 2.5 == 0
    zero_step = api.client.get(
        "/api/v1/tools/working-load", params={**params, "increment_kg": 0}, headers=headers
    )
    assert zero_step.status_code == 422


def test_plates_are_chosen_from_the_plates_given(api: Api) -> None:
    headers = api.add_user("alex")
    answer = api.client.get(
        "/api/v1/tools/plates",
        params={"target": 47.5, "arm_kg": 5, "plates": "20x2,2.5x1"},
        headers=headers,
    )
    assert answer.status_code == 200, answer.text
    loading = answer.json()
    assert loading["plates"] == [20.0, 20.0, 2.5]
    assert loading["exact"] is True and loading["achieved"] == 47.5
    short = api.client.get(
        "/api/v1/tools/plates", params={"target": 50, "plates": "20x1"}, headers=headers
    ).json()
    assert short["exact"] is False and short["shortfall"] == 30.0


def test_plates_refuse_a_bad_list_and_an_absurd_target(api: Api) -> None:
    headers = api.add_user("alex")
    bad_list = api.client.get(
        "/api/v1/tools/plates", params={"target": 40, "plates": "heavy"}, headers=headers
    )
    assert bad_list.status_code == 422
    assert "heavy" in bad_list.json()["error"]["message"]
    absurd = api.client.get("/api/v1/tools/plates", params={"target": 1e6}, headers=headers)
    assert absurd.status_code == 422


def test_an_athletes_own_plates_and_unit_are_used_for_them_only(api: Api) -> None:
    owner = api.add_user("alex")
    stranger = api.add_user("sam")
    athlete = api.add_athlete(owner, unit="lb", plates="45x2,25x2")
    url = f"/api/v1/athletes/{athlete}/plates"
    loading = api.client.get(url, params={"target": 140}, headers=owner).json()
    assert loading["unit"] == "lb"
    assert loading["plates"] == [45.0, 45.0, 25.0, 25.0]
    assert api.client.get(url, params={"target": 140}, headers=stranger).status_code == 404


def test_mechanics_answers_the_cli_json_document(api: Api) -> None:
    headers = api.add_user("alex")
    params = {"body_mass_kg": 80, "height_m": 1.8, "setup": ["machine", "band"], "tempo": "2-1-2-0"}
    answer = api.client.get("/api/v1/tools/mechanics", params=params, headers=headers)
    assert answer.status_code == 200, answer.text
    request = mechanics_service.MechanicsRequest(
        body_mass_kg=80, height_m=1.8, setups=("machine", "band"), tempo="2-1-2-0"
    )
    expected = mechanics_service.mechanics_document(mechanics_service.hip_moments(request))
    assert answer.json() == expected


@pytest.mark.parametrize(
    "params",
    [
        {"body_mass_kg": 80, "height_m": 9},
        {"body_mass_kg": "nan", "height_m": 1.8},
        {"body_mass_kg": 80, "height_m": 1.8, "setup": "trampoline"},
        {"body_mass_kg": 80, "height_m": 1.8, "knee_flexion_deg": 30, "setup": "machine"},
        {"body_mass_kg": 80, "height_m": 1.8, "tempo": "fast"},
    ],
)
def test_mechanics_refuses_what_the_model_does_not_cover(
    api: Api, params: dict[str, object]
) -> None:
    headers = api.add_user("alex")
    answer = api.client.get("/api/v1/tools/mechanics", params=params, headers=headers)
    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == "invalid_input"
