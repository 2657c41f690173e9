"""The form check page in Chromium: uploading a clip, following its job, reading the report
(reps, faults with cues, quality notes) and playing the annotated video."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from browser_support import (
    PASSWORD,
    LiveServer,
    live_server,
    require_browser,
    serious_accessibility_violations,
    sign_in,
)

from revhyper.adapters.keypoint_file import write_keypoints
from revhyper.domain.clips.synth import NoiseLevel, Style, random_spec, synthesize
from revhyper.domain.motion.faults import Fault
from revhyper.domain.motion.keypoints import KeypointClip, Skeleton

#: Longest wait for an analysis to end on the page [ms] (a hang guard, not a measure).
ANALYSIS_WAIT_MS = 60_000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app with its in-process job consumer, reading videos with the fake pose backend."""
    require_browser()
    data = tmp_path_factory.mktemp("form")
    with live_server(data, run_jobs_in_server=True, pose_backend="fake") as running:
        yield running


def short_rom_clip(reps: int = 3) -> KeypointClip:
    """A synthetic set in which every rep stops short (the short_rom fault)."""
    rng = np.random.default_rng(3)
    spec = random_spec(
        rng,
        style=Style.CONTROLLED,
        n_reps=reps,
        noise=NoiseLevel.LOW,
        faults=[Fault.SHORT_ROM],
        skeleton=Skeleton.BLAZEPOSE33,
        fps=30.0,
    )
    clip, _ = synthesize(spec, rng)
    return clip


def athlete_for(server: LiveServer, username: str) -> int:
    server.add_user(username)
    return server.add_athlete(username, f"Athlete of {username}")


def log_set(server: LiveServer, username: str, athlete: int) -> dict[str, Any]:
    """A set the user logs for the athlete today, through the API; returns it."""
    import httpx

    with httpx.Client(base_url=server.url) as client:
        form = {"username": username, "password": PASSWORD}
        token = client.post("/api/v1/auth/token", data=form).json()["access_token"]
        body = {"variation": "machine-reverse-hyper", "reps": 12, "load_kg": 20}
        answer = client.post(f"/api/v1/athletes/{athlete}/sets", json=body,
                             headers={"Authorization": f"Bearer {token}"})  # fmt: skip
        assert answer.status_code == 201, answer.text
        logged: dict[str, Any] = answer.json()
        return logged


def upload(page: Any, path: Path) -> None:
    """Choose the file on the form check page and send it."""
    page.get_by_label("Video or keypoint file").set_input_files(str(path))
    page.get_by_role("button", name="Analyse").click()


def wait_for_report(page: Any) -> None:
    page.get_by_role("heading", name="Report", exact=True).wait_for(timeout=ANALYSIS_WAIT_MS)


def test_a_keypoint_upload_shows_reps_and_faults_with_cues_and_says_there_is_no_video(
    server: LiveServer, phone: Any, tmp_path: Path
) -> None:
    athlete = athlete_for(server, "kpuser")
    logged = log_set(server, "kpuser", athlete)
    clip_file = tmp_path / "set.kp.json"
    write_keypoints(short_rom_clip(reps=3), clip_file)
    sign_in(phone, server, "kpuser")
    phone.goto(server.url + "/#/form")
    picker = phone.get_by_label("Set this clip shows (optional)")
    picker.locator("option", has_text="12 reps").wait_for(state="attached")
    assert serious_accessibility_violations(phone) == []
    picker.select_option(str(logged["id"]))
    upload(phone, clip_file)
    wait_for_report(phone)
    assert "#/form/" in phone.url
    table = phone.get_by_role("table")
    assert table.get_by_role("row").count() == 1 + 3  # the header and one row per rep
    assert "short rom" in table.inner_text()
    faults = phone.get_by_role("region", name="Faults and what to do")
    assert "short rom" in faults.inner_text()
    assert "legs are level with the floor" in faults.inner_text()  # the cue, from the API
    assert phone.get_by_text("there is no video to show").is_visible()
    assert phone.locator("video").count() == 0
    checked_set = phone.get_by_role("region", name="The set checked").get_by_role("link")
    checked_set.wait_for()
    assert checked_set.get_attribute("href") == f"#/history/{logged['session_id']}"
    assert server.stored_sets(athlete)[0].analysis_id is not None
    assert serious_accessibility_violations(phone) == []


def test_a_report_links_its_set_when_asked_after_the_analysis(
    server: LiveServer, phone: Any, tmp_path: Path
) -> None:
    athlete = athlete_for(server, "laterlink")
    logged = log_set(server, "laterlink", athlete)
    clip_file = tmp_path / "set.kp.json"
    write_keypoints(short_rom_clip(reps=2), clip_file)
    sign_in(phone, server, "laterlink")
    phone.goto(server.url + "/#/form")
    upload(phone, clip_file)
    wait_for_report(phone)
    picker = phone.get_by_label("Set this clip shows", exact=True)
    picker.locator("option", has_text="12 reps").wait_for(state="attached")
    picker.select_option(str(logged["id"]))
    phone.get_by_role("button", name="Link to this set").click()
    phone.get_by_role("region", name="The set checked").wait_for()
    assert "short rom" in phone.get_by_role("region", name="The set checked").inner_text()


def test_a_video_upload_shows_its_report_and_the_annotated_video_plays(
    server: LiveServer, phone: Any, tmp_path: Path
) -> None:
    from revhyper.adapters.pose.fake import render_clip_video

    athlete_for(server, "videouser")
    video_file = tmp_path / "set.mp4"
    render_clip_video(short_rom_clip(reps=2), video_file, width=256)
    sign_in(phone, server, "videouser")
    phone.goto(server.url + "/#/form")
    upload(phone, video_file)
    wait_for_report(phone)
    assert phone.get_by_role("table").get_by_role("row").count() == 1 + 2
    video = phone.locator("video")
    phone.wait_for_function(
        "() => { const v = document.querySelector('video');"
        " return v && v.readyState >= 2 && v.duration > 0; }"
    )
    assert video.evaluate("v => v.error") is None
    video.evaluate("v => { v.muted = true; return v.play(); }")
    phone.wait_for_function("() => document.querySelector('video').currentTime > 0")
    assert serious_accessibility_violations(phone) == []


def test_a_file_that_is_not_a_clip_is_refused_with_the_servers_message(
    server: LiveServer, phone: Any, tmp_path: Path
) -> None:
    athlete_for(server, "badfile")
    notes = tmp_path / "notes.txt"
    notes.write_text("three sets of twelve, felt fine")
    sign_in(phone, server, "badfile")
    phone.goto(server.url + "/#/form")
    upload(phone, notes)
    alert = phone.get_by_role("alert")
    alert.wait_for()
    assert "is not a clip revhyper can analyse" in alert.inner_text()
    assert "#/form/" not in phone.url


def test_a_failed_analysis_shows_the_stored_reason_and_is_listed(
    server: LiveServer, phone: Any, tmp_path: Path
) -> None:
    import json

    athlete_for(server, "emptyroom")
    empty = tmp_path / "empty-room.json"
    frames = [{"t": k / 30, "points": [None] * 17} for k in range(90)]
    document = {"format": "revhyper-keypoints/1", "skeleton": "coco17", "fps": 30.0,
                "width": 640, "height": 480, "frames": frames}  # fmt: skip
    empty.write_text(json.dumps(document))
    sign_in(phone, server, "emptyroom")
    phone.goto(server.url + "/#/form")
    upload(phone, empty)
    alert = phone.get_by_role("alert")
    alert.wait_for(timeout=ANALYSIS_WAIT_MS)
    assert "empty-room.json cannot be analysed" in alert.inner_text()
    phone.get_by_role("link", name="All form checks").click()
    listed = phone.get_by_role("link", name="empty-room.json")
    listed.wait_for()
    assert "failed" in phone.get_by_role("listitem").filter(has=listed).inner_text()
