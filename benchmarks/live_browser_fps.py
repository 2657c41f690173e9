"""BlazePose's frame rate in the live page, in headless Chromium on this machine (no GPU: WebGL
on SwiftShader, inference in the package's WebAssembly), for the full and the lite model.

It serves the app (tests/browser's live server, on a temporary database), signs a new account
in on a phone-sized page whose fake camera films the rendered reverse hyper (converted to Y4M),
opens #/live?model=full and then ?model=lite (the address pins the model, so the page keeps
it whatever its rate), and reads the frame rate the page itself measures (frames processed per
second after the first, over the page's 3 s window, then over the whole run). The page's
landmark stream goes to a fake socket that acknowledges it (the figure is the model's, not
the server's). Prints one line per model. Not a test: the figure depends on the machine's load
(say so when quoting it). Run:

    PYTHONPATH=src .venv/bin/python benchmarks/live_browser_fps.py [--seconds 20]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from browser_support import CHROMIUM, PASSWORD, live_server, sign_in  # noqa: E402
from live_support import REALCLIPS, REVERSE_HYPER_CLIP, browser_args, clip_to_y4m  # noqa: E402


def acknowledge(socket: Any) -> None:
    """A stand-in for /api/v1/live that starts the set and acknowledges every batch."""

    def answer(text: str | bytes) -> None:
        message = json.loads(text)
        if message["type"] == "start":
            socket.send(json.dumps({"type": "started", "live_key": message["live_key"],
                                    "resumed": False, "frames_received": 0}))  # fmt: skip
        elif message["type"] == "frames":
            socket.send(json.dumps({"type": "ack", "seq": message["seq"]}))

    socket.on_message(answer)


def frames_seen(page: Any) -> int:
    """Frames the page has run the model on so far."""
    found = re.search(r"of\s*(\d+) frames", page.get_by_test_id("live-frames").inner_text())
    return int(found[1]) if found else 0


def measure(browser: Any, server: Any, model: str, seconds: float) -> tuple[float | None, float]:
    """With ``model`` pinned: (the rate the page measured over its first 3 s, the steady
    rate over the next ``seconds``) [frames/s]."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    context.set_default_timeout(120_000)
    page = context.new_page()
    page.route_web_socket("**/api/v1/live", acknowledge)
    sign_in(page, server, "fps", PASSWORD)
    page.goto(f"{server.url}/#/live?model={model}")
    page.get_by_label("Variation").select_option("machine-reverse-hyper")
    page.get_by_role("button", name="Start the camera").click()
    page.locator("[data-testid=live-model][data-measured=true]").wait_for()
    first = re.search(r"(\d+\.\d) frames/s", page.get_by_test_id("live-fps").inner_text())
    start_frames, start = frames_seen(page), time.monotonic()
    page.wait_for_timeout(seconds * 1000)
    steady = (frames_seen(page) - start_frames) / (time.monotonic() - start)
    context.close()
    return (float(first[1]) if first else None), steady


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="filming per model [s]")
    args = parser.parse_args()
    clip = REALCLIPS / REVERSE_HYPER_CLIP
    if not clip.is_file() or not CHROMIUM.is_file():
        print(f"needs {clip} and Chromium at {CHROMIUM}")
        return 1
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        y4m = clip_to_y4m(clip, Path(tmp) / "camera.y4m")
        with live_server(Path(tmp)) as server, sync_playwright() as playwright:
            server.add_user("fps")
            server.add_athlete("fps", "Frame rate")
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=browser_args(y4m)
            )
            load = os.getloadavg()[0]
            print(f"headless Chromium, SwiftShader WebGL, {os.cpu_count()} cores, load {load:.1f}")
            for model in ("full", "lite"):
                first, steady = measure(browser, server, model, args.seconds)
                shown = "not measured" if first is None else f"{first:.1f} frames/s"
                print(
                    f"{model:>4} model: {steady:.1f} frames/s over {args.seconds:.0f} s"
                    f" (the page's own 3 s measure: {shown})"
                )
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
