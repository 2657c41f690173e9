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


def main() -> int:
    missing = [source for source in FILES.values() if not (NODE_MODULES / source).is_file()]
    if missing:
        print(f"vendor_assets: missing in node_modules/: {', '.join(missing)}; run npm ci first")
        return 1
    VENDOR.mkdir(parents=True, exist_ok=True)
    for served, source in FILES.items():
        shutil.copyfile(NODE_MODULES / source, VENDOR / served)
    return 0


if __name__ == "__main__":
    sys.exit(main())
