"""The form report: one self-contained HTML page (inline CSS, images as base64 data URIs,
no external links), so it can be e-mailed or opened offline.

It holds a summary, the per-rep table, the angle plot, each fault found with its advice for
the athlete, and a thumbnail of the top of the best and of the worst rep (frames read back
from the video, with the skeleton drawn). Best/worst: fewest/most faults, ties broken by how
far the top was from parallel.
"""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

from revhyper.adapters.annotate import annotate_frame
from revhyper.adapters.files import atomic_open
from revhyper.adapters.pose.parallel import KeypointTrack
from revhyper.adapters.video import VideoInfo, iter_frames
from revhyper.domain.motion import FAULT_ADVICE
from revhyper.domain.motion.form_result import AnalysisResult, Fault, RepResult

#: Thumbnail width [px].
THUMBNAIL_WIDTH = 360

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em auto;
max-width:60em;padding:0 1em;color:#1d2330;background:#fafbfc}
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ccd}
table{border-collapse:collapse;width:100%;font-size:.92em}
th,td{border:1px solid #ccd;padding:.3em .5em;text-align:right}
th{background:#eef1f6}td.faults{text-align:left;color:#b00020}
.summary span{display:inline-block;margin-right:1.5em}
.thumbs{display:flex;gap:1em;flex-wrap:wrap}.thumbs figure{margin:0}
img{max-width:100%;border:1px solid #ccd}.warn{color:#8a5a00}
dt{font-weight:600;margin-top:.6em}
"""


def rank_reps(reps: tuple[RepResult, ...]) -> tuple[RepResult, RepResult] | None:
    """(best, worst) rep: fewest/most faults, then top angle nearest/farthest from parallel."""
    if not reps:
        return None

    def badness(rep: RepResult) -> tuple[int, float]:
        return len(rep.faults), abs(rep.top_angle_deg)

    return min(reps, key=badness), max(reps, key=badness)


def _png_data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _encode_png(rgb: NDArray[np.uint8]) -> bytes:
    ok, buffer = cv2.imencode(".png", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
    if not ok:
        raise ValueError("PNG encoding failed")
    return bytes(buffer.tobytes())


def rep_top_thumbnail(
    info: VideoInfo, track: KeypointTrack, result: AnalysisResult, rep: RepResult
) -> bytes:
    """PNG of the analysed frame nearest to the rep's top, annotated, ``THUMBNAIL_WIDTH`` wide."""
    row = int(np.argmin(np.abs(track.t - rep.top_s)))
    index = int(track.frame_index[row])
    frame = next(iter_frames(info, start_index=index, stop_index=index + 1,
                             check_truncation=False))  # fmt: skip
    image = np.ascontiguousarray(frame.rgb)
    found = bool(track.person_found[row])
    annotate_frame(image, float(track.t[row]), track.skeleton,
                   track.xy[row] if found else None, track.score[row] if found else None,
                   result)  # fmt: skip
    height = round(image.shape[0] * THUMBNAIL_WIDTH / image.shape[1])
    small = cv2.resize(image, (THUMBNAIL_WIDTH, height), interpolation=cv2.INTER_AREA)
    return _encode_png(np.asarray(small, dtype=np.uint8))


def angle_plot_png(result: AnalysisResult) -> bytes | None:
    """The analysis plot as PNG bytes, or None when there is no angle series."""
    if result.series is None:
        return None
    from revhyper.adapters.analysis_plot import render_analysis

    buffer = io.BytesIO()
    render_analysis(result).savefig(buffer, format="png", dpi=90)
    return buffer.getvalue()


def _fmt(value: float, digits: int = 2) -> str:
    return "–" if not np.isfinite(value) else f"{value:.{digits}f}"


def _rep_rows(reps: tuple[RepResult, ...]) -> str:
    rows = []
    for rep in reps:
        cells = [
            str(rep.index), _fmt(rep.start_s), _fmt(rep.top_s), _fmt(rep.end_s),
            _fmt(rep.concentric_s), _fmt(rep.hold_s), _fmt(rep.eccentric_s),
            _fmt(rep.top_angle_deg, 1), _fmt(rep.bottom_angle_deg, 1),
        ]  # fmt: skip
        faults = ", ".join(fault.value for fault in rep.faults) or "—"
        rows.append(
            "<tr>" + "".join(f"<td>{c}</td>" for c in cells)
            + f'<td class="faults">{html.escape(faults)}</td></tr>'
        )  # fmt: skip
    return "\n".join(rows)


def _fault_list(result: AnalysisResult) -> str:
    if not result.faults:
        return "<p>No faults found.</p>"
    items = []
    for fault in result.faults:
        reps = [str(rep.index) for rep in result.reps if fault in rep.faults]
        where = f" (reps {', '.join(reps)})" if reps else ""
        advice = FAULT_ADVICE.get(Fault(fault), "")
        items.append(f"<dt>{html.escape(fault.value)}{where}</dt><dd>{html.escape(advice)}</dd>")
    return "<dl>" + "".join(items) + "</dl>"


def _thumbnails(info: VideoInfo, track: KeypointTrack, result: AnalysisResult) -> str:
    ranked = rank_reps(result.reps)
    if ranked is None:
        return "<p>No reps, so no thumbnails.</p>"
    best, worst = ranked
    figures = []
    for label, rep in (("Best rep", best), ("Worst rep", worst)):
        uri = _png_data_uri(rep_top_thumbnail(info, track, result, rep))
        caption = (
            f"{label}: rep {rep.index}, top at {rep.top_s:.2f} s, thigh {rep.top_angle_deg:+.0f}°"
        )
        figures.append(
            f'<figure><img alt="{html.escape(caption)}" src="{uri}">'
            f"<figcaption>{html.escape(caption)}</figcaption></figure>"
        )
    return '<div class="thumbs">' + "".join(figures) + "</div>"


def render_report(info: VideoInfo, track: KeypointTrack, result: AnalysisResult) -> str:
    """The report page as a string."""
    quality = result.quality
    warnings = "".join(f'<p class="warn">{html.escape(w)}</p>' for w in quality.warnings)
    plot = angle_plot_png(result)
    plot_html = (f'<img alt="thigh and trunk angle over time" src="{_png_data_uri(plot)}">'
                 if plot else "<p>No angle series.</p>")  # fmt: skip
    title = f"Form report — {info.path.name}"
    headers = ("Rep", "Start [s]", "Top [s]", "End [s]", "Up [s]", "Hold [s]", "Down [s]",
               "Top [°]", "Bottom [°]", "Faults")  # fmt: skip
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>{_CSS}</style></head><body>
<h1>{html.escape(title)}</h1>
<p class="summary"><span><b>{result.rep_count}</b> reps</span>
<span>faults: <b>{html.escape(", ".join(f.value for f in result.faults) or "none")}</b></span>
<span>side analysed: {html.escape(quality.side)}</span>
<span>tracked: {quality.tracked_fraction:.0%} of frames</span>
<span>video: {info.width}x{info.height}, {info.fps:.0f} fps, {info.duration_s:.1f} s</span></p>
{warnings}
<h2>Reps</h2>
<table><thead><tr>{"".join(f"<th>{html.escape(h)}</th>" for h in headers)}</tr></thead>
<tbody>{_rep_rows(result.reps)}</tbody></table>
<h2>Thigh angle over time</h2>
{plot_html}
<h2>Faults and what to do</h2>
{_fault_list(result)}
<h2>Top of the best and the worst rep</h2>
{_thumbnails(info, track, result)}
</body></html>
"""


def write_report(info: VideoInfo, track: KeypointTrack, result: AnalysisResult, path: Path) -> None:
    """Write the report to ``path`` (complete or not at all)."""
    path = Path(path)
    page = render_report(info, track, result).encode("utf-8")
    with atomic_open(path) as out:
        out.write(page)
