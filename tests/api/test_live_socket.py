"""The live coaching WebSocket, replayed with keypoint clips: reps, faults and cues as the
offline analysis finds them, a dropped connection resumed without losing or doubling a frame,
one logged set per ``live_key``, and every caller that may not coach the athlete refused."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from account_support import SESSION_URL, browser
from api_support import PASSWORD, Api
from starlette.websockets import WebSocketDisconnect

from revhyper.domain.clips.synth import NoiseLevel, Style, random_spec, synthesize
from revhyper.domain.motion import analyze_clip
from revhyper.domain.motion.form_result import Fault, Prescription
from revhyper.domain.motion.keypoints import KeypointClip
from revhyper.services.live import (
    MAX_FRAMES_PER_BATCH,
    catalogue_cues,
    cue_for,
)
from revhyper.web.routers.live import CLOSE_UNAUTHORIZED

URL = "/api/v1/live"
#: Frames per batch, as a page sends them (0.2 s at 30 frames/s).
BATCH = 6


def clip_with_faults() -> KeypointClip:
    """A controlled set with form faults (the same clip every run)."""
    rng = np.random.default_rng(7)
    spec = random_spec(
        rng,
        style=Style.CONTROLLED,
        n_reps=4,
        faults=[Fault.SHORT_ROM, Fault.UNCONTROLLED_DESCENT],
        noise=NoiseLevel.LOW,
        fps=30.0,
    )
    return synthesize(spec, rng)[0]


def frame_batches(clip: KeypointClip) -> list[dict[str, Any]]:
    batches = []
    for seq, start in enumerate(range(0, clip.n_frames, BATCH)):
        frames = []
        for i in range(start, min(start + BATCH, clip.n_frames)):
            points = [
                [float(x), float(y), float(score)] if score > 0 else None
                for (x, y), score in zip(clip.xy[i], clip.score[i], strict=True)
            ]
            frames.append({"t": float(clip.t[i]), "points": points})
        batches.append({"type": "frames", "seq": seq, "frames": frames})
    return batches


def start_message(athlete: int, key: str, clip: KeypointClip) -> dict[str, Any]:
    return {
        "type": "start",
        "athlete_id": athlete,
        "live_key": key,
        "variation": "machine-reverse-hyper",
        "prescription": None,
        "width": clip.width,
        "height": clip.height,
    }


def exchange(socket: Any, message: dict[str, Any]) -> list[dict[str, Any]]:
    """Send one message and read the answers up to the last one (a batch's events come before
    its ack; an end's late reps before ``logged``)."""
    socket.send_text(json.dumps(message))
    answers = []
    while True:
        answer = socket.receive_json()
        answers.append(answer)
        if answer["type"] in {"ack", "started", "logged", "error"}:
            return answers


@pytest.fixture
def world(api: Api) -> Iterator[dict[str, Any]]:
    owner = api.add_user("alex")
    athlete = api.add_athlete(owner)
    yield {"owner": owner, "athlete": athlete}


def run_set(
    api: Api,
    headers: dict[str, str],
    athlete: int,
    clip: KeypointClip,
    key: str,
    drop_after: int | None = None,
) -> list[dict[str, Any]]:
    """Replay the clip's frames over the socket (dropping the connection after ``drop_after``
    batches, reconnecting and resending the last batch) and end the set; all answers."""
    batches, answers = frame_batches(clip), []
    with api.client.websocket_connect(URL, headers=headers) as socket:
        answers += exchange(socket, start_message(athlete, key, clip))
        for batch in batches[:drop_after]:
            answers += exchange(socket, batch)
        if drop_after is None:
            answers += exchange(socket, {"type": "end", "load_kg": 20, "rpe": 8, "back_pain": 0})
            return answers
    with api.client.websocket_connect(URL, headers=headers) as socket:
        started = exchange(socket, start_message(athlete, key, clip))
        answers += started
        for batch in batches[drop_after - 1 :]:  # the last batch sent before the drop, again
            answers += exchange(socket, batch)
        answers += exchange(socket, {"type": "end", "load_kg": 20, "rpe": 8, "back_pain": 0})
    return answers


def of_type(answers: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [a for a in answers if a["type"] == kind]


def test_a_replayed_set_gets_the_offline_reps_faults_and_one_catalogue_cue_per_rep(
    api: Api, world: dict[str, Any]
) -> None:
    clip = clip_with_faults()
    offline = analyze_clip(clip, None)
    answers = run_set(api, world["owner"], world["athlete"], clip, str(uuid.uuid4()))
    reps = of_type(answers, "rep")
    assert [r["number"] for r in reps] == list(range(1, offline.rep_count + 1))
    assert offline.rep_count >= 3
    assert [r["faults"] for r in reps] == [[f.value for f in rep.faults] for rep in offline.reps]
    assert any(r["faults"] for r in reps)
    for rep, expected in zip(reps, offline.reps, strict=True):
        assert rep["top_angle_deg"] == pytest.approx(expected.top_angle_deg, abs=0.5)
        assert rep["cue"] == cue_for(expected.faults)
        assert rep["cue"] is None or rep["cue"] in catalogue_cues()
    framing = of_type(answers, "framing")
    assert framing and framing[-1]["ok"] is True
    counts = [state["reps"] for state in of_type(answers, "state")]
    assert counts == sorted(counts) and 0 < counts[-1] <= len(reps)
    assert of_type(answers, "ack") and not of_type(answers, "error")


def test_each_rep_is_first_sent_provisionally_and_counted_by_the_state_before_it_settles(
    api: Api, world: dict[str, Any]
) -> None:
    clip = clip_with_faults()
    offline = analyze_clip(clip, None)
    answers = run_set(api, world["owner"], world["athlete"], clip, str(uuid.uuid4()))
    reports = [(a["type"], a["number"]) for a in answers if "number" in a]
    numbers = range(1, offline.rep_count + 1)
    assert [n for kind, n in reports if kind == "provisional_rep"] == list(numbers)
    for number in numbers:
        assert reports.index(("provisional_rep", number)) < reports.index(("rep", number))
    assert not of_type(answers, "rep_withdrawn")
    first_seen = answers.index(of_type(answers, "provisional_rep")[0])
    first_settled = answers.index(of_type(answers, "rep")[0])
    between = of_type(answers[first_seen:first_settled], "state")
    assert between and all(state["reps"] >= 1 for state in between)
    for rep in of_type(answers, "provisional_rep"):
        assert rep["cue"] is None or rep["cue"] in catalogue_cues()


def test_two_replays_of_a_clip_send_the_same_reps_and_cues(api: Api, world: dict[str, Any]) -> None:
    clip = clip_with_faults()
    first = of_type(run_set(api, world["owner"], world["athlete"], clip, str(uuid.uuid4())), "rep")
    again = of_type(run_set(api, world["owner"], world["athlete"], clip, str(uuid.uuid4())), "rep")
    assert first == again


def test_the_set_is_logged_with_its_analysis_and_a_second_end_logs_nothing_more(
    api: Api, world: dict[str, Any]
) -> None:
    clip = clip_with_faults()
    key = str(uuid.uuid4())
    answers = run_set(api, world["owner"], world["athlete"], clip, key)
    logged = of_type(answers, "logged")[0]
    with api.client.websocket_connect(URL, headers=world["owner"]) as socket:
        started = exchange(socket, start_message(world["athlete"], key, clip))[0]
        assert started["resumed"] is True
        again = exchange(socket, {"type": "end", "load_kg": 20, "rpe": 8, "back_pain": 0})
    assert of_type(again, "logged") == [logged]
    sets = api.client.get(f"/api/v1/athletes/{world['athlete']}/sets", headers=world["owner"])
    items = sets.json()["items"]
    assert len(items) == 1
    offline = analyze_clip(clip)
    assert items[0]["reps"] == logged["reps"] == offline.rep_count
    assert items[0]["analysis_id"] == logged["analysis_id"]
    assert items[0]["load_kg"] == 20 and items[0]["rpe"] == 8 and items[0]["pain"] == 0
    assert items[0]["faults"] == [f.value for f in offline.faults]


def test_a_dropped_connection_resumes_the_set_and_a_resent_batch_is_counted_once(
    api: Api, world: dict[str, Any]
) -> None:
    clip = clip_with_faults()
    key = str(uuid.uuid4())
    drop_after = len(frame_batches(clip)) // 2
    answers = run_set(api, world["owner"], world["athlete"], clip, key, drop_after=drop_after)
    resumed = of_type(answers, "started")[1]
    assert resumed["resumed"] is True
    assert resumed["frames_received"] == drop_after * BATCH
    live = api.client.app.state.live_sets.find(key)  # type: ignore[attr-defined]
    assert live.analysis.frames_received == clip.n_frames
    offline = analyze_clip(clip)
    reps = of_type(answers, "rep")
    assert [r["number"] for r in reps] == list(range(1, offline.rep_count + 1))
    assert of_type(answers, "logged")[0]["reps"] == offline.rep_count


# --------------------------------------------------------------------------- who may connect


def refused_with(api: Api, headers: dict[str, str]) -> tuple[dict[str, Any], int]:
    """The error a refused connection gets, and its close code."""
    with api.client.websocket_connect(URL, headers=headers) as socket:
        error = socket.receive_json()
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()
    return error, closed.value.code


def test_an_unauthenticated_connection_is_told_why_and_closed_with_4401(api: Api) -> None:
    error, code = refused_with(api, {})
    assert error["type"] == "error" and error["code"] == "unauthorized"
    assert code == CLOSE_UNAUTHORIZED


def _cookie(api: Api, username: str) -> str:
    client = browser(api)
    answer = client.post(SESSION_URL, data={"username": username, "password": PASSWORD})
    assert answer.status_code == 200
    return f"revhyper_session={client.cookies['revhyper_session']}"


def test_a_session_cookie_counts_only_from_the_servers_own_origin(
    api: Api, world: dict[str, Any]
) -> None:
    cookie = _cookie(api, "alex")
    error, code = refused_with(api, {"cookie": cookie, "origin": "https://evil.example"})
    assert code == CLOSE_UNAUTHORIZED and "evil.example" in error["message"]
    error, code = refused_with(api, {"cookie": cookie})
    assert code == CLOSE_UNAUTHORIZED and "Origin" in error["message"]
    clip = clip_with_faults()
    headers = {"cookie": cookie, "origin": "http://testserver"}
    with api.client.websocket_connect(URL, headers=headers) as socket:
        started = exchange(socket, start_message(world["athlete"], str(uuid.uuid4()), clip))
    assert started[0]["type"] == "started"


@pytest.mark.parametrize(
    ("caller", "allowed"),
    [("owner", True), ("coach", True), ("read", False), ("revoked", False),
     ("stranger", False), ("admin", False)],
)  # fmt: skip
def test_only_the_owner_and_a_granted_coach_may_start_a_live_set(
    api: Api, world: dict[str, Any], caller: str, allowed: bool
) -> None:
    headers = {"owner": world["owner"]}
    if caller != "owner":
        headers[caller] = api.add_user(caller, "admin" if caller == "admin" else "coach")
    if caller in {"coach", "read", "revoked"}:
        api.grant(world["owner"], world["athlete"], caller, "read" if caller == "read" else "coach")
    if caller == "revoked":
        gone = api.client.delete(
            f"/api/v1/athletes/{world['athlete']}/grants/revoked", headers=world["owner"]
        )
        assert gone.status_code == 204
    clip = clip_with_faults()
    with api.client.websocket_connect(URL, headers=headers[caller]) as socket:
        answer = exchange(socket, start_message(world["athlete"], str(uuid.uuid4()), clip))[0]
    if allowed:
        assert answer["type"] == "started"
    else:
        assert answer == {
            "type": "error",
            "code": "not_found",
            "message": f"no athlete with id {world['athlete']}",
        }


def test_a_coachs_live_set_is_in_the_athletes_audit_log(api: Api, world: dict[str, Any]) -> None:
    coach = api.add_user("coach1", "coach")
    api.grant(world["owner"], world["athlete"], "coach1", "coach")
    clip = clip_with_faults()
    run_set(api, coach, world["athlete"], clip, str(uuid.uuid4()))
    audit = api.client.get(f"/api/v1/athletes/{world['athlete']}/audit", headers=world["owner"])
    details = {(e["actor"], e["action"]) for e in audit.json()["items"]}
    assert ("coach1", "write") in details


def test_another_users_live_key_is_not_found(api: Api, world: dict[str, Any]) -> None:
    other = api.add_user("sam")
    theirs = api.add_athlete(other, "Sam")
    clip = clip_with_faults()
    key = str(uuid.uuid4())
    with api.client.websocket_connect(URL, headers=world["owner"]) as socket:
        assert exchange(socket, start_message(world["athlete"], key, clip))[0]["type"] == "started"
    with api.client.websocket_connect(URL, headers=other) as socket:
        answer = exchange(socket, start_message(theirs, key, clip))[0]
    assert answer["type"] == "error" and answer["code"] == "not_found"


# --------------------------------------------------------------------------- bad messages


def _frame(t: float, points: Any = None) -> dict[str, Any]:
    return {"t": t, "points": points if points is not None else [[100.0, 100.0, 0.9]] * 33}


BAD_MESSAGES = [
    ("not json", "invalid_json", "not valid JSON"),
    ('{"type": "frames", "seq": 1, "frames": [{"t": NaN, "points": []}]}', "invalid_json", "NaN"),
    (json.dumps({"type": "dance"}), "invalid_input", "unknown message type 'dance'"),
    (json.dumps({"type": "frames", "seq": 1, "frames": [_frame(1.0, [[1, 2, 0.5]] * 32)]}),
     "invalid_input", "33 points, got 32"),
    (json.dumps({"type": "frames", "seq": 1, "frames": [_frame(1.0, [[1, 2]] * 33)]}),
     "invalid_input", "point 0 must be [x, y, score]"),
    (json.dumps({"type": "frames", "seq": "a", "frames": [_frame(1.0)]}),
     "invalid_input", "seq must be a whole number"),
    (json.dumps({"type": "frames", "seq": 1, "frames": [_frame(2.0), _frame(1.0)]}),
     "invalid_input", "t=1.0 comes after t=2.0"),
    (json.dumps({"type": "frames", "seq": 1,
                 "frames": [_frame(k / 30) for k in range(MAX_FRAMES_PER_BATCH + 1)]}),
     "invalid_input", f"1 to {MAX_FRAMES_PER_BATCH} frames, got {MAX_FRAMES_PER_BATCH + 1}"),
    (json.dumps({"type": "frames", "seq": 1, "frames": [{**_frame(1.0), "second_person": "yes"}]}),
     "invalid_input", "frame 0: second_person must be true, false or absent, got 'yes'"),
    (json.dumps({"type": "end", "load_kg": "heavy"}), "invalid_input", "load_kg must be a number"),
    ("x" * 600_000, "payload_too_large", "at most"),
]  # fmt: skip


def test_bad_messages_get_an_error_naming_the_value_and_the_connection_stays_open(
    api: Api, world: dict[str, Any]
) -> None:
    clip = clip_with_faults()
    with api.client.websocket_connect(URL, headers=world["owner"]) as socket:
        socket.send_text(json.dumps({"type": "frames", "seq": 0, "frames": [_frame(0.0)]}))
        assert socket.receive_json()["code"] == "not_started"
        assert exchange(socket, start_message(world["athlete"], str(uuid.uuid4()), clip))
        for text, code, words in BAD_MESSAGES:
            socket.send_text(text)
            answer = socket.receive_json()
            assert answer["type"] == "error" and answer["code"] == code, (text[:80], answer)
            assert words in answer["message"], answer
        answers = exchange(socket, {"type": "frames", "seq": 5, "frames": [_frame(0.5)]})
        assert answers[-1] == {"type": "ack", "seq": 5}


@pytest.mark.parametrize(
    ("change", "words"),
    [({"live_key": "abc"}, "live_key must be a UUID"),
     ({"variation": "leg-press"}, "unknown variation 'leg-press'"),
     ({"width": 0}, "width must be a whole number from 1"),
     ({"prescription": {"tempo": "fast"}}, "tempo"),
     ({"athlete_id": True}, "athlete_id must be a whole number")],
)  # fmt: skip
def test_a_bad_start_is_refused_naming_the_field(
    api: Api, world: dict[str, Any], change: dict[str, Any], words: str
) -> None:
    clip = clip_with_faults()
    message = {**start_message(world["athlete"], str(uuid.uuid4()), clip), **change}
    with api.client.websocket_connect(URL, headers=world["owner"]) as socket:
        answer = exchange(socket, message)[0]
    assert answer["type"] == "error" and answer["code"] == "invalid_input"
    assert words in answer["message"]


@pytest.mark.parametrize(
    ("style", "fault"), [(Style.TEMPO, Fault.TEMPO_OFF), (Style.ISOMETRIC, Fault.SHORT_HOLD)]
)
def test_a_prescribed_tempo_or_hold_is_judged_live_as_the_offline_analysis_judges_it(
    api: Api, world: dict[str, Any], style: Style, fault: Fault
) -> None:
    rng = np.random.default_rng(11)
    spec = random_spec(rng, style=style, n_reps=3, faults=[fault], noise=NoiseLevel.LOW, fps=30.0)
    clip, truth = synthesize(spec, rng)
    prescribed = truth.prescription
    assert prescribed is not None
    tempo = prescribed.tempo
    given = {
        "reps": 3,
        "tempo": None if tempo is None else "-".join(
            f"{s:g}" for s in (tempo.concentric_s, tempo.hold_s, tempo.eccentric_s, tempo.pause_s)
        ),
        "hold_s": prescribed.hold_s,
    }  # fmt: skip
    offline = analyze_clip(clip, Prescription("machine-reverse-hyper", prescribed.hold_s, tempo))
    assert fault in offline.faults
    key = str(uuid.uuid4())
    with api.client.websocket_connect(URL, headers=world["owner"]) as socket:
        start = {**start_message(world["athlete"], key, clip), "prescription": given}
        assert exchange(socket, start)[0]["type"] == "started"
        answers = [a for batch in frame_batches(clip) for a in exchange(socket, batch)]
        answers += exchange(socket, {"type": "end", "load_kg": 0, "rpe": None, "back_pain": 0})
    reps = of_type(answers, "rep")
    assert [r["faults"] for r in reps] == [[f.value for f in rep.faults] for rep in offline.reps]


def test_frames_for_a_set_busy_elsewhere_wait_for_it_and_are_answered_after(
    api: Api, world: dict[str, Any]
) -> None:
    """Frames are analysed on the event loop only while their set is free; while another
    connection holds it (an end being logged), they wait in a thread, and nothing deadlocks."""
    import threading
    import time

    clip = clip_with_faults()
    key = str(uuid.uuid4())
    batches = frame_batches(clip)
    with api.client.websocket_connect(URL, headers=world["owner"]) as socket:
        exchange(socket, start_message(world["athlete"], key, clip))
        assert exchange(socket, batches[0])[-1] == {"type": "ack", "seq": 0}
        held = api.client.app.state.live_sets.find(key)  # type: ignore[attr-defined]
        holding, released_at = threading.Event(), []

        def hold_a_while() -> None:  # as an end being logged on another connection would
            with held.lock:
                holding.set()
                time.sleep(0.3)
                released_at.append(time.monotonic())

        threading.Thread(target=hold_a_while).start()
        holding.wait()
        answers = exchange(socket, batches[1])
        assert answers[-1] == {"type": "ack", "seq": 1}
        assert released_at and time.monotonic() >= released_at[0]
        assert exchange(socket, batches[2])[-1] == {"type": "ack", "seq": 2}
