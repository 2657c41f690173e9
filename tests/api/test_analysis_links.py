"""Linking a finished form analysis to a logged set: the set then carries the analysis's
faults, and the job names the sets it is linked to."""

from __future__ import annotations

from typing import Any

from api_support import Api

from revhyper.adapters.db.repositories import utc_now

#: A finished analysis that found a short range of motion.
SHORT_ROM_DOCUMENT = {"format": "revhyper-analysis/1", "rep_count": 1, "faults": ["short_rom"]}


def a_job(api: Api, athlete: int, *, done: bool = True) -> int:
    """An analysis job of the athlete, finished with ``SHORT_ROM_DOCUMENT`` when ``done``."""
    with api.uow() as uow:
        job = uow.jobs.add(athlete, None, "keypoints", "set.json", "gone", utc_now())
        if done:
            analysis = uow.analyses.add(SHORT_ROM_DOCUMENT, athlete_id=athlete)
            uow.jobs.update(job.id, status="done", analysis_id=analysis.id, finished_at=utc_now())
        uow.commit()
    return job.id


def a_set(api: Api, headers: dict[str, str], athlete: int) -> dict[str, Any]:
    body = {"variation": "machine-reverse-hyper", "reps": 12, "load_kg": 20}
    answer = api.client.post(f"/api/v1/athletes/{athlete}/sets", json=body, headers=headers)
    assert answer.status_code == 201, answer.text
    logged: dict[str, Any] = answer.json()
    return logged


def test_a_linked_set_carries_the_faults_and_the_job_names_it(api: Api) -> None:
    owner = api.add_user("alex")
    athlete = api.add_athlete(owner)
    job = a_job(api, athlete)
    logged = a_set(api, owner, athlete)
    answer = api.client.put(f"/api/v1/analyses/{job}/sets/{logged['id']}", headers=owner)
    assert answer.status_code == 200, answer.text
    assert answer.json()["faults"] == ["short_rom"]
    shown = api.client.get(f"/api/v1/analyses/{job}", headers=owner).json()
    assert [(s["id"], s["session_id"]) for s in shown["linked_sets"]] == [
        (logged["id"], logged["session_id"])
    ]


def test_a_job_with_no_linked_set_says_so_with_an_empty_list(api: Api) -> None:
    owner = api.add_user("alex")
    job = a_job(api, api.add_athlete(owner))
    assert api.client.get(f"/api/v1/analyses/{job}", headers=owner).json()["linked_sets"] == []


def test_another_athletes_set_is_404_and_stays_unlinked(api: Api) -> None:
    owner = api.add_user("alex")
    other = api.add_user("sam")
    job = a_job(api, api.add_athlete(owner))
    theirs = a_set(api, other, api.add_athlete(other, "Sam"))
    answer = api.client.put(f"/api/v1/analyses/{job}/sets/{theirs['id']}", headers=owner)
    assert answer.status_code == 404, answer.text
    assert api.client.get(f"/api/v1/analyses/{job}", headers=owner).json()["linked_sets"] == []


def test_a_job_not_done_cannot_be_linked(api: Api) -> None:
    owner = api.add_user("alex")
    athlete = api.add_athlete(owner)
    job = a_job(api, athlete, done=False)
    logged = a_set(api, owner, athlete)
    answer = api.client.put(f"/api/v1/analyses/{job}/sets/{logged['id']}", headers=owner)
    assert answer.status_code == 409, answer.text
    assert "only a finished analysis" in answer.json()["error"]["message"]
