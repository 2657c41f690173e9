"""The annotated video of a video analysis: written beside the job in the data folder and
served to those who may read the job, in parts (Range) so browsers can seek."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from api_support import Api
from jobs_support import running_app, settings_for, upload, wait_for_end, write_clip

from revhyper.adapters.keypoint_file import read_keypoints
from revhyper.adapters.pose.fake import render_clip_video
from revhyper.adapters.video import probe_video
from revhyper.services import jobs


@pytest.fixture
def video_api(tmp_path: Path) -> Iterator[Api]:
    """The app with its consumer, analysing videos with the fake pose backend."""
    with running_app(settings_for(tmp_path / "data", pose_backend="fake")) as api:
        yield api


def a_video(folder: Path) -> Path:
    """A short synthetic video of a set (two reps) the fake pose backend reads."""
    video = folder / "set.mp4"
    render_clip_video(read_keypoints(write_clip(folder / "set.kp.json", reps=2)), video, width=256)
    return video


def test_a_finished_video_job_serves_its_annotated_video_with_range_support(
    video_api: Api, tmp_path: Path
) -> None:
    owner = video_api.add_user("alex")
    athlete = video_api.add_athlete(owner)
    video = a_video(tmp_path)
    job = wait_for_end(video_api, owner, upload(video_api, owner, athlete, video).json()["id"])
    assert job["status"] == "done", job
    assert job["video_url"] == f"/api/v1/analyses/{job['id']}/video"

    whole = video_api.client.get(job["video_url"], headers=owner)
    assert whole.status_code == 200
    assert whole.headers["content-type"] == "video/mp4"
    saved = tmp_path / "annotated.mp4"
    saved.write_bytes(whole.content)
    assert probe_video(saved).frame_count == probe_video(video).frame_count

    part = video_api.client.get(job["video_url"], headers={**owner, "Range": "bytes=0-99"})
    assert part.status_code == 206
    assert part.content == whole.content[:100]


def test_a_keypoint_job_has_no_video_and_its_video_route_says_so(
    video_api: Api, tmp_path: Path
) -> None:
    owner = video_api.add_user("alex")
    athlete = video_api.add_athlete(owner)
    clip = write_clip(tmp_path / "set.kp.json", reps=2)
    job = wait_for_end(video_api, owner, upload(video_api, owner, athlete, clip).json()["id"])
    assert job["status"] == "done", job
    assert "video_url" not in job
    answer = video_api.client.get(f"/api/v1/analyses/{job['id']}/video", headers=owner)
    assert answer.status_code == 404
    assert "no annotated video" in answer.json()["error"]["message"]


def test_a_stranger_gets_404_for_someone_elses_video(video_api: Api, tmp_path: Path) -> None:
    owner = video_api.add_user("alex")
    stranger = video_api.add_user("sam")
    athlete = video_api.add_athlete(owner)
    video = a_video(tmp_path)
    job = wait_for_end(video_api, owner, upload(video_api, owner, athlete, video).json()["id"])
    assert job["status"] == "done", job
    answer = video_api.client.get(job["video_url"], headers=stranger)
    assert answer.status_code == 404
    assert jobs.annotated_video_path(video_api.settings, job["id"]).is_file()
