"""Copy the web app's front-end packages from node_modules/ into the package's static folder.

`make install` runs `npm ci` (versions fixed by package-lock.json) and then this script, so the
server serves every asset itself: no page loads anything from a CDN. Only the files the pages
use are copied, under stable names; the folder is not committed.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "src" / "revhyper" / "web" / "static" / "vendor"

#: Served name -> file inside node_modules/.
FILES = {
    # Preact with its hooks and htm's tagged templates in one ES module (no build step).
    "preact-htm.js": "htm/preact/standalone.module.js",
    # uPlot: the progress and mechanics charts.
    "uplot.js": "uplot/dist/uPlot.esm.js",
    "uplot.css": "uplot/dist/uPlot.min.css",
}

#: BlazePose for the live page (@mediapipe/pose): its loader script, the WebAssembly builds
#: (with and without SIMD; the package picks one), the packed graph assets, the graph and the
#: lite and full landmark models, served from static/vendor/pose/ and found by the page
#: through the package's locateFile hook. The heavy model (27 MB) is left out: the page only
#: ever chooses lite or full.
POSE_PACKAGE = "@mediapipe/pose"
POSE_DIR = "pose"
POSE_FILES = (
    "pose.js",
    "pose_solution_packed_assets_loader.js",
    "pose_solution_packed_assets.data",
    "pose_solution_simd_wasm_bin.js",
    "pose_solution_simd_wasm_bin.wasm",
    "pose_solution_simd_wasm_bin.data",
    "pose_solution_wasm_bin.js",
    "pose_solution_wasm_bin.wasm",
    "pose_web.binarypb",
    "pose_landmark_lite.tflite",
    "pose_landmark_full.tflite",
)


def sources() -> dict[str, str]:
    """Every copied file: served path under vendor/ -> path inside node_modules/."""
    pose = {f"{POSE_DIR}/{name}": f"{POSE_PACKAGE}/{name}" for name in POSE_FILES}
    return {**FILES, **pose}


def main() -> int:
    files = sources()
    missing = [source for source in files.values() if not (NODE_MODULES / source).is_file()]
    if missing:
        print(f"vendor_assets: missing in node_modules/: {', '.join(missing)}; run npm ci first")
        return 1
    for served, source in files.items():
        (VENDOR / served).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(NODE_MODULES / source, VENDOR / served)
    return 0


if __name__ == "__main__":
    sys.exit(main())
