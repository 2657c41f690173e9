"""The live page's pose model is served by the app itself: its files under
/static/vendor/pose/, WebAssembly allowed on the app's page only, and the service worker
caching the model on first use rather than at install."""

from __future__ import annotations

import json
import re
import sys

import pytest
from api_support import Api

from revhyper.web.pages import MISSING_ASSETS_HINT, STATIC, assets_installed

sys.path.insert(0, str(STATIC.parents[3] / "tools"))
import vendor_assets


def script_src(policy: str) -> str:
    """The script-src directive of a Content-Security-Policy."""
    return next(d for d in policy.split("; ") if d.startswith("script-src "))


def test_only_the_apps_page_may_compile_webassembly(api: Api) -> None:
    shell = api.client.get("/")
    if shell.status_code == 503:
        pytest.skip(MISSING_ASSETS_HINT)
    assert script_src(shell.headers["content-security-policy"]) == (
        "script-src 'self' 'wasm-unsafe-eval'"
    )
    for path in ("/sw.js", "/manifest.webmanifest"):
        policy = api.client.get(path).headers["content-security-policy"]
        assert script_src(policy) == "script-src 'self'"
    assert "'unsafe-eval'" not in shell.headers["content-security-policy"]


def test_the_service_worker_caches_the_pose_model_on_first_use_not_at_install(api: Api) -> None:
    source = api.client.get("/sw.js").text
    assets = json.loads(re.search(r"const ASSETS = (\[.*?\]);", source, re.S)[1])  # type: ignore[index]
    assert assets and not [url for url in assets if "/vendor/pose/" in url]
    assert 'const POSE_PREFIX = "/static/vendor/pose/";' in source
    assert re.search(r"const POSE_CACHE = 'revhyper-pose-[0-9a-f]{16}';", source)


def test_the_vendor_script_copies_the_pose_loader_webassembly_and_models() -> None:
    served = vendor_assets.sources()
    names = (
        "pose.js",
        "pose_solution_simd_wasm_bin.wasm",
        "pose_solution_packed_assets.data",
        "pose_web.binarypb",
        "pose_landmark_lite.tflite",
        "pose_landmark_full.tflite",
    )
    for name in names:
        assert served[f"pose/{name}"] == f"@mediapipe/pose/{name}"


def test_the_pose_files_are_served_from_the_app_when_installed(api: Api) -> None:
    if not assets_installed():
        pytest.skip(MISSING_ASSETS_HINT)
    wasm = api.client.get("/static/vendor/pose/pose_solution_simd_wasm_bin.wasm")
    assert wasm.status_code == 200
    assert wasm.headers["content-type"] == "application/wasm"
    model = api.client.get("/static/vendor/pose/pose_landmark_full.tflite")
    assert model.status_code == 200 and len(model.content) > 1_000_000
