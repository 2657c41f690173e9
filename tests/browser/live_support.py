"""The live page's browser helpers: a filmed clip turned into the fake camera's Y4M file, and a
Chromium that films it and can run BlazePose without a GPU.

The clips are in ``../shared/realclips`` beside the repository (never copied into it); where the
folder is absent the tests skip with the reason, unless ``REVHYPER_REQUIRE_REALCLIPS=1`` makes
that a failure (as in ``tests/integration/test_realclips.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, ROOT

from revhyper.settings import Settings

REALCLIPS = ROOT.parent / "shared" / "realclips"
#: The rendered reverse hyper: one rep, side view (see the folder's README).
REVERSE_HYPER_CLIP = "r01_reverse_hyper_RENDERED.mp4"
#: The fake camera's frame width [px]: the clip is scaled down to it (BlazePose looks at
#: 256 px anyway) to keep the uncompressed Y4M file small (about 60 MB for the 10 s clip).
CAMERA_WIDTH = 480
#: Chromium without a GPU: WebGL (which MediaPipe's graph uses to hand frames to the model)
#: runs on SwiftShader, ANGLE's CPU renderer. --disable-gpu is left out: it turns WebGL off.
SOFTWARE_GL_ARGS = [
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
    "--ignore-gpu-blocklist",
]


def fake_camera_args(y4m: Path) -> list[str]:
    """Chromium's flags for a camera that films ``y4m`` (looped), allowed without asking."""
    return [
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-video-capture={y4m}",
    ]


def browser_args(y4m: Path | None) -> list[str]:
    """The test browser's flags, with software WebGL and (given a Y4M file) the fake camera."""
    base = [arg for arg in CHROMIUM_ARGS if arg != "--disable-gpu"] + SOFTWARE_GL_ARGS
    return base + (fake_camera_args(y4m) if y4m else [])


def realclip(name: str) -> Path:
    """A clip of ``../shared/realclips``; skips (or fails when required) where it is absent."""
    path = REALCLIPS / name
    if not path.is_file():
        message = f"the filmed clips are not at {REALCLIPS}"
        if Settings().require_realclips:
            pytest.fail(message + " (REVHYPER_REQUIRE_REALCLIPS is set)")
        pytest.skip(message)
    return path


def clip_to_y4m(clip: Path, y4m: Path, width: int = CAMERA_WIDTH) -> Path:
    """Writes ``clip`` as an uncompressed YUV 4:2:0 Y4M file ``width`` pixels wide (the
    height scaled alike, both even), at the clip's frame rate, for Chromium's fake camera."""
    import av

    with av.open(str(clip)) as source:
        video = source.streams.video[0]
        rate = Fraction(video.average_rate or 30).limit_denominator(1001)
        height = round(video.height * width / video.width / 2) * 2
        with av.open(str(y4m), "w", format="yuv4mpegpipe") as target:
            # The Y4M muxer takes raw frames wrapped as they are (FFmpeg's wrapped_avframe).
            stream = target.add_stream("wrapped_avframe", rate=rate)
            stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
            for index, frame in enumerate(source.decode(video)):
                scaled = frame.reformat(width=width, height=height, format="yuv420p")
                scaled.pts, scaled.time_base = index, 1 / rate
                for packet in stream.encode(scaled):
                    target.mux(packet)
            for packet in stream.encode(None):
                target.mux(packet)
    return y4m


def two_people_y4m(y4m: Path, seconds: float = 3.0, rate: int = 30) -> Path:
    """Writes a still Y4M film of two people side by side: scikit-image's astronaut photo
    twice, 640 x 320 (the picture the video analysis's second-person check is tested on;
    the project has no filmed clip of two people)."""
    import av
    import numpy as np
    from skimage import data

    pair = av.VideoFrame.from_ndarray(np.hstack([data.astronaut()] * 2), format="rgb24")
    still = pair.reformat(width=640, height=320, format="yuv420p")
    with av.open(str(y4m), "w", format="yuv4mpegpipe") as target:
        stream = target.add_stream("wrapped_avframe", rate=rate)
        stream.width, stream.height, stream.pix_fmt = 640, 320, "yuv420p"
        for index in range(round(seconds * rate)):
            frame = still.reformat(format="yuv420p")
            frame.pts, frame.time_base = index, Fraction(1, rate)
            for packet in stream.encode(frame):
                target.mux(packet)
        for packet in stream.encode(None):
            target.mux(packet)
    return y4m


@contextmanager
def camera_browser(chromium: Any, args: list[str]) -> Iterator[Any]:
    """Another Chromium with ``args``, launched by the Playwright that runs ``chromium`` (the
    session's browser: a second Playwright cannot run beside it)."""
    browser = chromium.browser_type.launch(executable_path=str(CHROMIUM), args=args)
    try:
        yield browser
    finally:
        browser.close()


def phone_page(browser: Any, **options: Any) -> Any:
    """A new page in a phone-sized context (360x740, touch) of ``browser``."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True, **options
    )
    context.set_default_timeout(30_000)
    return context.new_page()
