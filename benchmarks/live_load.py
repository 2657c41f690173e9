"""Live coaching under load: how many simultaneous live sessions at 30 frames/s
``revhyper serve --workers 2`` carries with the server's event latency p99 under 100 ms.

Starts the real server (``benchmarks/api_load.py``'s helper, SQLite in a temporary folder) and,
for each session count N, opens N WebSocket connections from one asyncio client process, each
replaying a clip of the generator in a loop at 30 frames/s (a batch of 3 frames every 0.1 s,
as the page sends them). The server's event latency of a batch is the time from sending it to
receiving its ``ack``, which comes after every event the batch caused (framing, rep, state):
the time the server took to analyse the frames and answer. A session falling behind its
schedule counts too: batches are sent when due, not when the previous one is answered. The
latencies count over ``--seconds`` from half a second after the last session joined, and the
CPU shares (each server process, then this client) over the same seconds. The client runs on
the same two cores as the server (and this machine is shared with other work): the figures are
for the machine as a whole. The client freezes its objects before the run (``gc.freeze``), as
the server's workers do, so that its own full collections are not counted as the server's.

Joining: by default all N sessions connect within one 0.1 s period. uvicorn's workers share
one listening socket, and the worker that wakes first accepts every connection waiting, so a
burst of connections is shared unevenly (0.8 against 0.5 of a core was seen at 50). With
``--join-every S`` the sessions join S seconds apart, as people arriving at their machines
do; each new connection then goes to the worker that is free first, and the load evens out.

Phase: by default every session replays the clip from its start: the sessions lift and lower
in lockstep, so the rep analyses of all of them fall due in the same tenth of a second (a worst
case: people at different machines are not in step). With ``--stagger`` each session starts at
its own point of the clip, spread evenly over it. Run:

    PYTHONPATH=src .venv/bin/python benchmarks/live_load.py [--sessions 10,25,50] [--seconds 20]
        [--stagger] [--join-every 0.1]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import websockets

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.api_load import (
    cpu_seconds,
    process_tree,
    quiet_collector,
    running_server,
    sign_in_and_add_athlete,
)
from benchmarks.live_latency import BATCH, batch_texts, start_text

from revhyper.domain.clips.synth import NoiseLevel, Style, random_spec, synthesize
from revhyper.domain.motion.keypoints import KeypointClip, Skeleton

#: The issue's target: event latency p99 under this [ms] ...
TARGET_P99_MS = 100.0
#: ... with at least this many sessions [-].
TARGET_SESSIONS = 50
#: Latencies count from this long after the last session joined [s] (its connection and start).
JOIN_MARGIN_S = 0.5


def looped_texts(clip: KeypointClip, loops: int) -> list[str]:
    """The clip's batches repeated ``loops`` times with times shifted so they keep rising."""
    period = float(clip.t[-1] - clip.t[0]) + 1.0 / clip.fps
    return [text for k in range(loops) for text in batch_texts(clip, BATCH, k * period)]


@dataclass(frozen=True)
class Schedule:
    """When a session joins, and the span its batches count in [perf_counter s]."""

    join_at: float
    measure_from: float
    stop_at: float


async def session(
    ws_url: str, headers: dict[str, str], athlete: int, clip: KeypointClip, texts: list[str],
    schedule: Schedule,
) -> list[float]:  # fmt: skip
    """One live session, sending ``texts`` in order from ``schedule.join_at`` to its
    ``stop_at``; the latency of each batch sent from ``measure_from`` on [ms]."""
    sent: dict[int, float] = {}
    latencies: list[float] = []
    await asyncio.sleep(max(0.0, schedule.join_at - time.perf_counter()))
    async with websockets.connect(ws_url, additional_headers=headers, max_size=2**22) as socket:
        await socket.send(start_text(athlete, clip))
        json.loads(await socket.recv())

        async def receive() -> None:
            async for text in socket:
                message = json.loads(text)
                if message["type"] == "ack":
                    at = sent.pop(message["seq"])
                    if at >= schedule.measure_from:
                        latencies.append((time.perf_counter() - at) * 1000)

        reader = asyncio.create_task(receive())
        started = time.perf_counter()
        period = BATCH / clip.fps
        seq = 0
        while time.perf_counter() < schedule.stop_at and seq < len(texts):
            due = started + seq * period
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            sent[seq] = time.perf_counter()
            await socket.send(texts[seq].replace('"SEQ"', str(seq)))
            seq += 1
        await asyncio.sleep(1.0)  # the last answers
        reader.cancel()
    unanswered = [at for at in sent.values() if at >= schedule.measure_from]
    latencies.extend((time.perf_counter() - at) * 1000 for at in unanswered)
    return latencies


async def cpu_shares(processes: list[int], start: float, stop: float) -> list[float]:
    """The CPU each of ``processes`` and then this client used from ``start`` to ``stop``
    [perf_counter s], as shares of one core [-]."""

    def readings() -> list[float]:
        return [cpu_seconds([one]) for one in processes] + [time.process_time()]

    await asyncio.sleep(max(0.0, start - time.perf_counter()))
    before, started = readings(), time.perf_counter()
    await asyncio.sleep(max(0.0, stop - time.perf_counter()))
    elapsed = time.perf_counter() - started
    return [(after - first) / elapsed for after, first in zip(readings(), before, strict=True)]


async def run(base: str, headers: dict[str, str], athlete: int, count: int, seconds: float,
              clip: KeypointClip, texts: list[str], stagger: bool, join_every: float,
              processes: list[int]) -> tuple[list[float], list[float]]:  # fmt: skip
    """The latencies [ms] of every batch sent once all ``count`` sessions have joined
    (``join_every`` [s] apart), over the ``seconds`` that follow, and the CPU shares of
    ``processes`` and this client over those seconds (``cpu_shares``)."""
    ws_url = base.replace("http://", "ws://") + "/api/v1/live"
    spread = BATCH / clip.fps
    per_loop = int(np.ceil(clip.n_frames / BATCH))
    starts = [per_loop * k // count if stagger else 0 for k in range(count)]
    begin = time.perf_counter()
    measure_from = begin + (count - 1) * join_every + spread + JOIN_MARGIN_S
    stop_at = measure_from + seconds
    schedules = [
        Schedule(begin + k * join_every + spread * k / count, measure_from, stop_at)
        for k in range(count)
    ]
    shares = asyncio.create_task(cpu_shares(processes, measure_from, stop_at))
    results = await asyncio.gather(
        *(session(ws_url, headers, athlete, clip, texts[starts[k]:], schedules[k])
          for k in range(count))
    )  # fmt: skip
    return [value for latencies in results for value in latencies], await shares


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default="10,25,50")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--stagger", action="store_true", help="start each session at its own point of the clip"
    )
    parser.add_argument(
        "--join-every",
        type=float,
        default=0.0,
        help="seconds between one session joining and the next (default: all in one 0.1 s)",
    )
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    spec = random_spec(
        rng,
        style=Style.CONTROLLED,
        noise=NoiseLevel.MEDIUM,
        fps=30.0,
        n_reps=6,
        skeleton=Skeleton.BLAZEPOSE33,
    )
    clip = synthesize(spec, rng)[0]
    longest = max(int(n) for n in args.sessions.split(","))
    joining = longest * args.join_every + JOIN_MARGIN_S + 1.0
    loops = int(np.ceil((args.seconds + joining) / max(clip.duration_s, 1.0))) + 1
    texts = looped_texts(clip, loops)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'live.db'}"
        with running_server(url, Path(folder), args.workers) as (base, pid):
            headers, athlete = sign_in_and_add_athlete(base, url)
            for count in [int(n) for n in args.sessions.split(",")]:
                processes = process_tree(pid)
                try:
                    sessions = run(
                        base, headers, athlete, count, args.seconds, clip, texts,
                        args.stagger, args.join_every, processes,
                    )  # fmt: skip
                    quiet_collector()
                    latencies, shares = asyncio.run(sessions)
                except websockets.ConnectionClosed as error:
                    print(f"{count:4d} sessions: a connection was dropped ({error}); server log:")
                    print((Path(folder) / "server.log").read_text()[-1500:])
                    continue
                each, client_share = shares[:-1], shares[-1]
                server_share = sum(each)
                p50, p99 = np.percentile(latencies, [50, 99])
                verdict = "within" if p99 < TARGET_P99_MS else "over"
                print(f"{count:4d} sessions x 30 frames/s, workers={args.workers}, "
                      f"{'staggered' if args.stagger else 'in lockstep'}: "
                      f"{len(latencies)} batches, event latency p50 {p50:.0f} ms, "
                      f"p99 {p99:.0f} ms ({verdict} {TARGET_P99_MS:.0f} ms); CPU used: server "
                      f"{server_share:.2f} cores (per process "
                      f"{' '.join(f'{share:.2f}' for share in each)}), "
                      f"this client {client_share:.2f}")  # fmt: skip
    print(f"target: >= {TARGET_SESSIONS} sessions with p99 < {TARGET_P99_MS:.0f} ms")


if __name__ == "__main__":
    main()
