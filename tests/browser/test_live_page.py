"""The live page in Chromium with a fake camera filming the rendered reverse hyper: BlazePose
loads from the app (no request leaves it), finds the person, draws the skeleton, says which
model runs at what frame rate, and streams numbered landmark batches; a dropped connection
loses no frame; where the model or the camera cannot run, the page offers filming instead.

The server's side of /api/v1/live is played here by a fake socket (Playwright's
route_web_socket) that records what the page sends and answers as the protocol says; the
real server's counting is tested end to end in test_live_page_counts.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from browser_support import (
    LiveServer,
    require_browser,
    serious_accessibility_violations,
    sign_in,
    wait_until,
)
from live_support import (
    REVERSE_HYPER_CLIP,
    browser_args,
    camera_browser,
    clip_to_y4m,
    phone_page,
    realclip,
)

from revhyper.services.jobs import UPLOADS_DIR

#: BlazePose's landmark count.
POINTS = 33
#: Longest wait for the model's first frames on this shared, loaded machine [ms].
MODEL_WAIT_MS = 90_000


@pytest.fixture(scope="module")
def camera_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The rendered reverse hyper as the fake camera's Y4M file."""
    require_browser()
    clip = realclip(REVERSE_HYPER_CLIP)
    return clip_to_y4m(clip, tmp_path_factory.mktemp("camera") / "reverse_hyper.y4m")


@pytest.fixture(scope="module")
def browser(chromium: Any, camera_clip: Path) -> Iterator[Any]:
    """Chromium filming the clip, with software WebGL."""
    with camera_browser(chromium, browser_args(camera_clip)) as running:
        yield running


@dataclass
class FakeLiveServer:
    """Plays /api/v1/live's server side: acknowledges every batch (but those listed in
    ``drop_at``, after which it closes the connection instead), logs on ``end``."""

    drop_at: set[int] = field(default_factory=set)
    received: list[dict[str, Any]] = field(default_factory=list)
    connections: int = 0

    def handle(self, socket: Any) -> None:
        self.connections += 1
        socket.on_message(lambda text: self.answer(socket, json.loads(text)))

    def answer(self, socket: Any, message: dict[str, Any]) -> None:
        self.received.append(message)
        kind = message["type"]
        if kind == "start":
            started = {"type": "started", "live_key": message["live_key"]}
            socket.send(
                json.dumps({**started, "resumed": self.connections > 1, "frames_received": 0})
            )
        elif kind == "frames" and message["seq"] in self.drop_at:
            self.drop_at.discard(message["seq"])
            socket.close()
        elif kind == "frames":
            socket.send(json.dumps({"type": "ack", "seq": message["seq"]}))
        elif kind == "end":
            socket.send(json.dumps({"type": "logged", "set_id": 7, "analysis_id": 11, "reps": 0}))

    def of_type(self, kind: str) -> list[dict[str, Any]]:
        return [m for m in self.received if m["type"] == kind]


def athlete_for(server: LiveServer, username: str) -> int:
    server.add_user(username)
    return server.add_athlete(username, f"Athlete of {username}")


def open_live_page(page: Any, server: LiveServer, username: str, query: str = "") -> None:
    """Sign in, open #/live, choose a free set and start the camera."""
    sign_in(page, server, username)
    page.goto(f"{server.url}/#/live{query}")
    page.get_by_label("Variation").select_option("machine-reverse-hyper")
    page.get_by_role("button", name="Start the camera").click()


def frames_text(page: Any) -> tuple[int, int]:
    """(frames with a person, frames seen) as the page shows them."""
    text = page.get_by_test_id("live-frames").inner_text()
    found = re.search(r"Person found in (\d+) of\s*(\d+) frames", text)
    assert found, text
    return int(found[1]), int(found[2])


def wait_for_frames(page: Any, count: int) -> None:
    page.wait_for_function(
        "(n) => { const e = document.querySelector('[data-testid=live-frames]');"
        " const m = e && e.textContent.match(/Person found in (\\d+)/); return m && +m[1] >= n; }",
        arg=count,
        timeout=MODEL_WAIT_MS,
    )


def drawn_pixels(page: Any) -> int:
    """Pixels painted on the skeleton's canvas."""
    return int(
        page.evaluate(
            """() => { const c = document.querySelector('[data-testid=live-skeleton]');
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }"""
        )
    )


def sent_frames(fake: FakeLiveServer) -> list[dict[str, Any]]:
    """Every frame the fake server received, each batch once (by seq), in seq order."""
    batches = {m["seq"]: m for m in fake.of_type("frames")}
    return [frame for seq in sorted(batches) for frame in batches[seq]["frames"]]


def finish_and_confirm(page: Any) -> None:
    page.get_by_role("button", name="Finish the set").click()
    page.get_by_role("group", name="Effort (RPE)").get_by_role("button", name="8").click()
    page.get_by_role("group", name="Back pain during the set (0 = none)").get_by_role(
        "button", name="0", exact=True
    ).click()


def assert_frames_follow_the_protocol(frames: list[dict[str, Any]], width: int) -> None:
    times = [frame["t"] for frame in frames]
    assert times == sorted(set(times)), "t must increase strictly"
    for frame in frames:
        assert len(frame["points"]) == POINTS
        for point in frame["points"]:
            assert point is None or (len(point) == 3 and 0 <= point[2] <= 1)


def test_the_page_loads_the_model_from_the_app_and_streams_the_person_when_the_camera_films_a_set(
    server: LiveServer, browser: Any
) -> None:
    athlete_for(server, "livefilm")
    page = phone_page(browser)
    fake = FakeLiveServer()
    page.route_web_socket("**/api/v1/live", fake.handle)
    requested: list[str] = []
    # The context's requests: the page's and its service worker's.
    page.context.on("request", lambda request: requested.append(request.url))
    page.on("websocket", lambda socket: requested.append(socket.url))
    open_live_page(page, server, "livefilm")
    wait_for_frames(page, 3)

    # Polled: the canvas is cleared and redrawn per frame, so one read could land between the two.
    wait_until(page, lambda: drawn_pixels(page) > 100, "the skeleton drawn over the camera")
    origin = server.url.split("//", 1)[1]
    outside = [url for url in requested if url.split("//", 1)[1].split("/", 1)[0] != origin]
    assert outside == []
    assert any(url.endswith("/static/vendor/pose/pose_landmark_full.tflite") for url in requested)
    assert any(url.endswith(".wasm") and "/static/vendor/pose/" in url for url in requested)
    start = fake.of_type("start")[0]
    assert start["variation"] == "machine-reverse-hyper"
    assert start["width"] == 480 and start["height"] == 264  # the fake camera's frame
    frames = sent_frames(fake)
    assert sum(1 for f in frames if f["points"][0] is not None) >= 1
    assert_frames_follow_the_protocol(frames, start["width"])
    assert [m["seq"] for m in fake.of_type("frames")] == list(
        range(1, len(fake.of_type("frames")) + 1)
    )


def test_the_page_reports_the_model_and_its_measured_frame_rate_when_it_has_measured_it(
    server: LiveServer, browser: Any
) -> None:
    athlete_for(server, "liverate")
    page = phone_page(browser)
    page.route_web_socket("**/api/v1/live", FakeLiveServer().handle)
    open_live_page(page, server, "liverate")
    # Either a model with its measured rate (full, or lite with full's rate under 20), or the
    # recording fallback naming the rate that was too slow: a figure is shown either way.
    page.locator(
        "[data-testid=live-model][data-measured=true], [data-testid=live-fallback]"
    ).first.wait_for(timeout=MODEL_WAIT_MS)
    if page.get_by_test_id("live-fallback").count():
        assert "too slowly" in page.get_by_test_id("live-fallback").inner_text()
        return
    shown = page.get_by_test_id("live-model").inner_text()
    assert re.search(r"Pose model: (full|lite), \d+\.\d frames/s", shown), shown


def test_a_dropped_connection_resends_the_unacknowledged_frames_and_logs_every_frame_once(
    server: LiveServer, browser: Any
) -> None:
    athlete_for(server, "livedrop")
    page = phone_page(browser)
    fake = FakeLiveServer(drop_at={2})
    page.route_web_socket("**/api/v1/live", fake.handle)
    open_live_page(page, server, "livedrop", "?model=lite")
    wait_for_frames(page, 6)
    finish_and_confirm(page)
    filmed = int(page.get_by_test_id("live-filmed").get_attribute("data-frames") or -1)
    page.get_by_role("button", name="Log the set").click()
    page.get_by_role("heading", name=re.compile("Set logged")).wait_for()

    starts = fake.of_type("start")
    assert fake.connections >= 2
    assert len({s["live_key"] for s in starts}) == 1
    seqs = sorted({m["seq"] for m in fake.of_type("frames")})
    assert seqs == list(range(1, seqs[-1] + 1))
    assert len([m for m in fake.of_type("frames") if m["seq"] == 2]) == 2  # sent, then resent
    frames = sent_frames(fake)
    assert_frames_follow_the_protocol(frames, starts[0]["width"])
    assert len(frames) == filmed
    end = fake.of_type("end")[0]
    assert end["rpe"] == 8 and end["back_pain"] == 0
    assert fake.received.index(end) > max(
        i for i, m in enumerate(fake.received) if m["type"] == "frames"
    )
    assert (
        page.get_by_role("link", name="The set in your history").get_attribute("href")
        == "#/history"
    )


def test_the_page_offers_filming_the_set_when_the_browser_has_no_webassembly(
    server: LiveServer, browser: Any
) -> None:
    athlete_for(server, "livenowasm")
    page = phone_page(browser)
    page.add_init_script("delete window.WebAssembly;")
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_live_page(page, server, "livenowasm")
    fallback = page.get_by_test_id("live-fallback")
    fallback.wait_for()
    assert "no WebAssembly" in fallback.inner_text()
    assert fallback.get_by_role("button", name="Record the set").is_visible()
    assert not [url for url in requested if "/static/vendor/pose/" in url]


def test_the_page_offers_a_video_upload_when_the_camera_is_refused(
    server: LiveServer, chromium: Any, camera_clip: Path
) -> None:
    athlete_for(server, "livenocam")
    # The fake camera, but no automatic yes: headless Chromium answers the prompt "no".
    args = [a for a in browser_args(camera_clip) if a != "--use-fake-ui-for-media-stream"]
    with camera_browser(chromium, args) as refusing:
        page = phone_page(refusing)
        open_live_page(page, server, "livenocam")
        fallback = page.get_by_test_id("live-fallback")
        fallback.wait_for()
        assert "the camera was not allowed" in fallback.inner_text()
        assert page.get_by_label("Film the set or choose a video").count() == 1


def test_the_live_page_has_no_serious_accessibility_violations_while_filming(
    server: LiveServer, browser: Any
) -> None:
    athlete_for(server, "livea11y")
    page = phone_page(browser)
    page.route_web_socket("**/api/v1/live", FakeLiveServer().handle)
    sign_in(page, server, "livea11y")
    page.goto(f"{server.url}/#/live")
    page.get_by_role("button", name="Start the camera").wait_for()
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Start the camera").click()
    page.get_by_role("button", name="Finish the set").wait_for(timeout=MODEL_WAIT_MS)
    assert serious_accessibility_violations(page) == []


@dataclass
class ScriptedLiveServer(FakeLiveServer):
    """A fake server that also answers frames with scripted events, one step at a time: each
    step's events go with the first batch after the test released it (``advance``; the first
    step is released at once), so the test sees every step however the page's frames flow."""

    steps: list[list[dict[str, Any]]] = field(default_factory=list)
    released: int = 1
    sent: int = 0

    def advance(self) -> None:
        """Let the next step's events go."""
        self.released += 1

    def answer(self, socket: Any, message: dict[str, Any]) -> None:
        super().answer(socket, message)
        if message["type"] == "frames" and self.sent < min(self.released, len(self.steps)):
            for event in self.steps[self.sent]:
                socket.send(json.dumps(event))
            self.sent += 1


#: Records what the page gives speechSynthesis (headless Chromium has no voice to hear).
RECORD_SPEECH = """
window.__spoken = [];
window.speechSynthesis.speak = (utterance) => window.__spoken.push(utterance.text);
"""


def test_the_page_shows_the_servers_framing_count_pause_and_speaks_one_cue_per_rep(
    server: LiveServer, browser: Any
) -> None:
    athlete_for(server, "liveevents")
    page = phone_page(browser)
    page.add_init_script(RECORD_SPEECH)
    problem = "Turn the phone side-on: the hips and knees overlap."
    phases = {"concentric_s": 1.1, "hold_s": 0.4, "eccentric_s": 1.6}
    cue = "Lift until the legs are level with the torso."
    rep = {"type": "rep", "number": 1, "top_angle_deg": 9.5, "faults": ["short_rom"]}
    rep = {**rep, "phases": phases, "cue": cue, "t_end": 4.2}
    counting = {"type": "state", "reps": 0, "phase": "concentric", "thigh_deg": -12.4}
    counted = {"type": "state", "reps": 1, "phase": "eccentric", "thigh_deg": 3.0}
    walked_out = {"type": "state", "reps": 1, "phase": "out_of_view", "thigh_deg": None}
    fake = ScriptedLiveServer(
        steps=[
            [{"type": "framing", "ok": False, "problems": [problem]}],
            [{"type": "framing", "ok": True, "problems": []}, {**counting, "paused": None}],
            [rep, rep, {**counted, "paused": None}],
            [{**walked_out, "paused": "the athlete walked out of view"}],
        ]
    )
    page.route_web_socket("**/api/v1/live", fake.handle)
    open_live_page(page, server, "liveevents", "?model=lite")

    framing = page.get_by_test_id("live-framing")
    page.get_by_text(problem).wait_for(timeout=MODEL_WAIT_MS)
    assert "Not counting yet" in framing.inner_text()
    fake.advance()
    page.get_by_text("Framing is good: counting.").wait_for(timeout=MODEL_WAIT_MS)
    fake.advance()
    page.get_by_test_id("live-cue").wait_for(timeout=MODEL_WAIT_MS)
    assert page.get_by_test_id("live-reps").inner_text() == "1"
    assert page.get_by_test_id("live-cue").get_attribute("data-how") == "spoken"
    fake.advance()
    page.get_by_test_id("live-paused").wait_for(timeout=MODEL_WAIT_MS)
    assert "walked out of view" in page.get_by_test_id("live-paused").inner_text()
    assert page.evaluate("() => window.__spoken") == [rep["cue"]]  # the repeated rep: once


def test_a_provisional_rep_counts_and_speaks_at_once_and_its_settled_report_speaks_no_more(
    server: LiveServer, browser: Any
) -> None:
    athlete_for(server, "liveprovisional")
    page = phone_page(browser)
    page.add_init_script(RECORD_SPEECH)
    phases = {"concentric_s": 1.1, "hold_s": 0.4, "eccentric_s": 1.6}
    seen = {"number": 1, "top_angle_deg": 8.0, "phases": phases, "t_end": 4.2}
    first = {**seen, "type": "provisional_rep", "faults": ["short_rom"], "cue": "Lift higher."}
    settled = {**seen, "type": "rep", "top_angle_deg": 8.4, "faults": [], "cue": None}
    second = {**first, "number": 2, "cue": "Lift higher, again.", "t_end": 7.9}
    state = {"type": "state", "reps": 0, "phase": "lifting", "thigh_deg": -10.0, "paused": None}
    fake = ScriptedLiveServer(
        steps=[
            [{"type": "framing", "ok": True, "problems": []}, state],
            [first],
            [settled, {**state, "reps": 1}],
            [second],
            [{"type": "rep_withdrawn", "number": 2}, {**state, "reps": 1}],
        ]
    )
    page.route_web_socket("**/api/v1/live", fake.handle)
    open_live_page(page, server, "liveprovisional", "?model=lite")
    counter = page.get_by_test_id("live-reps")
    page.get_by_text("Framing is good: counting.").wait_for(timeout=MODEL_WAIT_MS)
    assert counter.inner_text() == "0"
    fake.advance()  # the provisional rep: counted before any state says so, and its cue given
    spoken = lambda: page.evaluate("() => window.__spoken.length")  # noqa: E731
    wait_until(page, lambda: spoken() == 1, "the provisional rep's cue", MODEL_WAIT_MS / 1000)
    assert counter.inner_text() == "1"
    fake.advance()  # its settled report: no second cue for the same rep
    fake.advance()  # a second provisional rep ...
    wait_until(page, lambda: spoken() == 2, "the second rep's cue", MODEL_WAIT_MS / 1000)
    assert counter.inner_text() == "2"
    fake.advance()  # ... that the settled analysis withdraws: the count goes back
    wait_until(page, lambda: counter.inner_text() == "1", "the withdrawn rep to be uncounted")
    assert page.evaluate("() => window.__spoken") == ["Lift higher.", "Lift higher, again."]


def test_the_page_offers_filming_the_set_when_the_model_cannot_be_loaded(
    server: LiveServer, browser: Any
) -> None:
    athlete_for(server, "livenomodel")
    # (the service worker, which would fetch it past the page's routes, is kept out)
    page = phone_page(browser, service_workers="block")
    page.route("**/static/vendor/pose/pose.js", lambda route: route.fulfill(status=404))
    open_live_page(page, server, "livenomodel")
    fallback = page.get_by_test_id("live-fallback")
    fallback.wait_for()
    assert "The pose model could not be loaded" in fallback.inner_text()
    assert fallback.get_by_role("button", name="Record the set").is_visible()


@dataclass
class RefusingLiveServer(FakeLiveServer):
    """Refuses the start (the athlete is not the signed-in account's), the connection open."""

    def answer(self, socket: Any, message: dict[str, Any]) -> None:
        self.received.append(message)
        if message["type"] == "start":
            error = {"type": "error", "code": "not_found", "message": "No athlete 99 here."}
            socket.send(json.dumps(error))


def test_a_refused_start_says_so_and_is_not_sent_again(server: LiveServer, browser: Any) -> None:
    athlete_for(server, "liverefused")
    page = phone_page(browser)
    fake = RefusingLiveServer()
    page.route_web_socket("**/api/v1/live", fake.handle)
    open_live_page(page, server, "liverefused", "?model=lite")
    connection = page.get_by_test_id("live-connection")
    page.get_by_text("No athlete 99 here.").wait_for(timeout=MODEL_WAIT_MS)
    page.wait_for_timeout(2_500)  # longer than the first reconnect waits
    assert "refused the live set" in connection.inner_text()
    assert fake.connections == 1
    assert len(fake.of_type("start")) == 1


@dataclass
class NoRepsLiveServer(FakeLiveServer):
    """Refuses the first end (no rep counted), logs the second."""

    ends: int = 0

    def answer(self, socket: Any, message: dict[str, Any]) -> None:
        if message["type"] == "end" and self.ends == 0:
            self.ends += 1
            self.received.append(message)
            error = {"type": "error", "code": "no_reps", "message": "No rep was counted."}
            socket.send(json.dumps(error))
            return
        super().answer(socket, message)


def test_a_refused_end_gives_the_confirmation_back_to_send_again(
    server: LiveServer, browser: Any
) -> None:
    athlete_for(server, "livenoreps")
    page = phone_page(browser)
    fake = NoRepsLiveServer()
    page.route_web_socket("**/api/v1/live", fake.handle)
    open_live_page(page, server, "livenoreps", "?model=lite")
    wait_for_frames(page, 2)
    finish_and_confirm(page)
    log = page.get_by_role("button", name="Log the set")
    log.click()
    page.get_by_text("No rep was counted.").wait_for()
    assert log.is_enabled()
    log.click()
    page.get_by_role("heading", name=re.compile("Set logged")).wait_for()
    assert len(fake.of_type("end")) == 2


@dataclass
class ForgetfulLiveServer(FakeLiveServer):
    """Drops the connection after the batches in ``drop_at`` and then, like another server
    process, no longer knows the set: the reconnect's start answers ``resumed`` false."""

    def answer(self, socket: Any, message: dict[str, Any]) -> None:
        if message["type"] == "start":
            self.received.append(message)
            started = {"type": "started", "live_key": message["live_key"], "resumed": False}
            socket.send(json.dumps({**started, "frames_received": 0}))
            return
        super().answer(socket, message)


def test_a_reconnect_to_a_server_that_forgot_the_set_says_frames_were_lost(
    server: LiveServer, browser: Any
) -> None:
    athlete_for(server, "liveforgot")
    page = phone_page(browser)
    fake = ForgetfulLiveServer(drop_at={3})
    page.route_web_socket("**/api/v1/live", fake.handle)
    open_live_page(page, server, "liveforgot", "?model=lite")
    lost = page.get_by_test_id("live-lost")
    lost.wait_for(timeout=MODEL_WAIT_MS)
    acked = sum(len(m["frames"]) for m in fake.of_type("frames") if m["seq"] in (1, 2))
    assert f"lost the first {acked} frames" in " ".join(lost.inner_text().split())
    assert fake.connections == 2


def test_an_isometric_hold_counts_down_from_the_moment_the_legs_reach_the_top(
    server: LiveServer, browser: Any
) -> None:
    from session_support import HOLD_S, planned_athlete

    planned_athlete(server, "liveholder")
    page = phone_page(browser)
    at_top = {"type": "state", "reps": 0, "phase": "top", "thigh_deg": 1.0, "paused": None}
    counting = [{"type": "framing", "ok": True, "problems": []}, {**at_top, "phase": "lifting"}]
    fake = ScriptedLiveServer(steps=[counting, [at_top]])
    page.route_web_socket("**/api/v1/live", fake.handle)
    sign_in(page, server, "liveholder")
    page.goto(f"{server.url}/#/live?model=lite")
    page.get_by_label(re.compile(f"hold {HOLD_S} s")).check()
    page.get_by_role("button", name="Start the camera").click()
    hold = page.get_by_test_id("live-hold")
    hold.wait_for(timeout=MODEL_WAIT_MS)
    assert f"Hold {HOLD_S} s at the top" in hold.inner_text()
    fake.advance()
    page.get_by_role("timer").filter(has_text="Hold:").wait_for(timeout=MODEL_WAIT_MS)
    first = int(re.search(r"Hold: (\d+) s", hold.inner_text())[1])  # type: ignore[index]
    assert 1 <= first <= HOLD_S
    page.wait_for_timeout(2_100)
    assert int(re.search(r"Hold: (\d+) s", hold.inner_text())[1]) <= first - 2  # type: ignore[index]
    assert fake.of_type("start")[-1]["prescription"]["hold_s"] == HOLD_S


def test_where_the_model_cannot_run_the_set_is_recorded_and_uploaded_for_the_form_check(
    server: LiveServer, browser: Any
) -> None:
    athlete_for(server, "liverecorder")
    page = phone_page(browser)
    page.add_init_script("delete window.WebAssembly;")
    open_live_page(page, server, "liverecorder")
    page.get_by_role("button", name="Record the set").click()
    page.wait_for_timeout(2_500)
    page.get_by_role("button", name="Stop and analyse").click()
    page.wait_for_url(re.compile(r"#/form/\d+$"))
    job_id = page.url.rsplit("/", 1)[1]
    job = page.request.get(f"{server.url}/api/v1/analyses/{job_id}").json()
    assert (job["kind"], job["filename"]) == ("video", "live-set.webm")
    uploads = [p.read_bytes() for p in (server.settings.data_dir / UPLOADS_DIR).iterdir()]
    films = [data for data in uploads if data[:4] == b"\x1a\x45\xdf\xa3"]  # WebM's magic
    assert len(films) == 1 and len(films[0]) > 10_000  # seconds of film, not an empty file
