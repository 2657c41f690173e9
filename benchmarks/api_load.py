"""The API under load: ``revhyper serve --workers 2`` driven by loopback clients.

For SQLite (a temporary data directory) and PostgreSQL (a temporary database on the test
server; skipped with the reason when it does not answer), this starts the real server as a
subprocess, makes an account (through the service, as ``revhyper user add`` does), signs it in
and adds an athlete through the API, then runs C concurrent clients (threads, one keep-alive
``httpx.Client`` each) for a fixed time per phase: first log-set POSTs, then history GETs (the
newest page of 50 sets). Each log-set POST carries a new ``Idempotency-Key``, as the web
app's outbox sends it (``--no-idempotency-key`` leaves it out). For each phase it prints
requests/s, p50/p99 latency, errors, the server's CPU time per request (utime + stime of the
server and its workers from ``/proc/<pid>/stat``, psutil not needed), the clients' own CPU time
per request (this process) and the server's resident memory (``VmRSS`` of the same processes).

The clients run on the same two cores as the server, as in the peer measurement quoted below,
so the figures are for this machine as a whole. Run:

    PYTHONPATH=src .venv/bin/python benchmarks/api_load.py [--clients 2,8] [--seconds 10]
        [--workers 2] [--databases sqlite,postgresql] [--no-idempotency-key]

``REVHYPER_SQLITE_SYNCHRONOUS=normal`` in the environment measures SQLite without a disk flush
per commit (see ``Settings.sqlite_synchronous``).
"""

from __future__ import annotations

import argparse
import gc
import os
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import httpx

#: The open-source peer, measured on this machine before (quoted, not re-measured here): wger
#: 2.1 under gunicorn, 2 sync workers, SQLite, 2 loopback clients logging sets.
PEER = "wger 2.1 / gunicorn, 2 sync workers, SQLite, 2 clients"
PEER_SETS_PER_S = (74.0, 88.0)
PEER_P50_MS = (22.0, 25.0)
PEER_P99_MS = (37.0, 58.0)
PEER_CPU_MS_PER_SET = 15.0
PEER_RSS_MB = 164.0
#: The issue's target for log-set POSTs on SQLite.
TARGET_SETS_PER_S = 500.0
TARGET_P99_MS = 50.0

PASSWORD = "benchmark password 1234"
#: Longest wait for the server to answer /healthz [s].
START_WAIT_S = 180.0
#: Sets logged per day before the next request moves to the next day (a long session).
SETS_PER_DAY = 25
CLOCK_TICKS_PER_S = os.sysconf("SC_CLK_TCK")


@dataclass
class PhaseResult:
    """What one phase (an operation with C clients) measured."""

    label: str
    clients: int
    seconds: float
    latencies_s: list[float] = field(default_factory=list)
    errors: int = 0
    first_error: str = ""
    cpu_s: float = 0.0
    client_cpu_s: float = 0.0
    rss_mb: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.latencies_s) + self.errors

    @property
    def per_second(self) -> float:
        return len(self.latencies_s) / self.seconds

    def percentile_ms(self, fraction: float) -> float:
        ordered = sorted(self.latencies_s)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))] * 1e3

    @property
    def cpu_ms_per_request(self) -> float:
        return self.cpu_s / max(1, self.requests) * 1e3

    @property
    def client_cpu_ms_per_request(self) -> float:
        return self.client_cpu_s / max(1, self.requests) * 1e3


def quiet_collector() -> None:
    """Moves every object this client holds out of the garbage collector's reach
    (``gc.freeze``), so a full collection, which then walked them all with the event loop
    stopped (60-100 ms measured), does not add a pause of the client's own to the server's
    latencies (``revhyper serve`` freezes its workers' objects the same way)."""
    gc.collect()
    gc.freeze()


def process_tree(root: int) -> list[int]:
    """``root`` and every process below it (read from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far [s]."""
    total = 0
    for pid in pids:
        with suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / CLOCK_TICKS_PER_S


def resident_mb(pids: list[int]) -> float:
    """Resident memory of these processes together [MB]."""
    total_kb = 0
    for pid in pids:
        with suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
    return total_kb / 1024


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@contextmanager
def running_server(url: str, data_dir: Path, workers: int) -> Iterator[tuple[str, int]]:
    """``revhyper serve`` on ``url`` as a subprocess; yields its base URL and pid."""
    port = free_port()
    env = {**os.environ, "REVHYPER_DATA_DIR": str(data_dir), "REVHYPER_DATABASE_URL": url}
    command = [sys.executable, "-m", "revhyper", "serve", "--port", str(port)]
    command += ["--workers", str(workers)]
    log = (data_dir / "server.log").open("w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_WAIT_S
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"the server stopped: {(data_dir / 'server.log').read_text()}")
            with suppress(httpx.TransportError):
                if httpx.get(f"{base}/healthz", timeout=5).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server did not answer within {START_WAIT_S:g} s")
            time.sleep(0.2)
        time.sleep(1.0)  # the other workers finish starting
        yield base, server.pid
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def sign_in_and_add_athlete(base: str, url: str) -> tuple[dict[str, str], int]:
    """An account (made through the service), its bearer header and a new athlete's id."""
    from revhyper.adapters.db import UnitOfWork
    from revhyper.services import accounts
    from revhyper.services.database import dispose_engines, engine_for

    accounts.add_user(UnitOfWork(engine_for(url)), "bench", "athlete", PASSWORD)
    dispose_engines()
    answer = httpx.post(
        f"{base}/api/v1/auth/token", data={"username": "bench", "password": PASSWORD}, timeout=30
    )
    answer.raise_for_status()
    headers = {"Authorization": f"Bearer {answer.json()['access_token']}"}
    body = {"name": "Bench", "goal": "strength", "level": "intermediate", "equipment": ["machine"]}
    created = httpx.post(f"{base}/api/v1/athletes", json=body, headers=headers, timeout=30)
    created.raise_for_status()
    return headers, int(created.json()["id"])


Request = Callable[[httpx.Client, int], httpx.Response]


def log_set_request(athlete: int, with_key: bool = True) -> Request:
    """A log-set POST; the n-th set goes to day n // SETS_PER_DAY of 2020 onwards. With
    ``with_key`` it carries a new ``Idempotency-Key`` (the server stores its answer)."""

    def send(client: httpx.Client, n: int) -> httpx.Response:
        day = 1577836800 + (n // SETS_PER_DAY) * 86400  # 2020-01-01 + days, as a timestamp
        performed = time.strftime("%Y-%m-%dT10:00:00+00:00", time.gmtime(day))
        body = {
            "variation": "machine-reverse-hyper",
            "reps": 10 + n % 5,
            "load_kg": 40.0,
            "rpe": 7.5,
            "performed_at": performed,
        }
        headers = {"Idempotency-Key": uuid.uuid4().hex} if with_key else None
        return client.post(f"/api/v1/athletes/{athlete}/sets", json=body, headers=headers)

    return send


def history_request(athlete: int) -> Request:
    """A history GET: a page of 50 sets."""

    def send(client: httpx.Client, n: int) -> httpx.Response:
        return client.get(f"/api/v1/athletes/{athlete}/sets", params={"limit": 50})

    return send


def run_phase(
    label: str,
    base: str,
    headers: dict[str, str],
    send: Request,
    clients: int,
    seconds: float,
    server_pid: int,
) -> PhaseResult:
    """``clients`` threads sending requests for ``seconds``; latencies, errors, server CPU."""
    result = PhaseResult(label, clients, seconds)
    lock = threading.Lock()
    counter = iter(range(10**9))
    start = threading.Barrier(clients + 1)

    def client_loop() -> None:
        with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
            client.get("/healthz")  # open the keep-alive connection before the clock starts
            start.wait()
            while time.perf_counter() < stop_at:
                with lock:
                    n = next(counter)
                began = time.perf_counter()
                try:
                    answer = send(client, n)
                    ok = answer.status_code < 400
                    why = "" if ok else f"{answer.status_code} {answer.text[:200]}"
                except httpx.HTTPError as error:
                    ok, why = False, repr(error)
                took = time.perf_counter() - began
                with lock:
                    if ok:
                        result.latencies_s.append(took)
                    else:
                        result.errors += 1
                        result.first_error = result.first_error or why

    threads = [threading.Thread(target=client_loop) for _ in range(clients)]
    for thread in threads:
        thread.start()
    pids = process_tree(server_pid)
    stop_at = time.perf_counter() + 3600.0  # set for real once every client is connected
    start.wait()
    cpu_before = cpu_seconds(pids)
    client_cpu_before = time.process_time()
    began = time.perf_counter()
    stop_at = began + seconds
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - began
    result.cpu_s = cpu_seconds(pids) - cpu_before
    result.client_cpu_s = time.process_time() - client_cpu_before
    result.rss_mb = resident_mb(pids)
    return result


def measure(
    database: str,
    url: str,
    data_dir: Path,
    clients: list[int],
    seconds: float,
    workers: int,
    with_key: bool = True,
) -> list[PhaseResult]:
    """Every phase on one database."""
    results = []
    with running_server(url, data_dir, workers) as (base, pid):
        headers, athlete = sign_in_and_add_athlete(base, url)
        for count in clients:
            for label, send in (
                ("log set POST", log_set_request(athlete, with_key)),
                ("history GET", history_request(athlete)),
            ):
                outcome = run_phase(f"{database} {label}", base, headers, send, count, seconds, pid)
                results.append(outcome)
                print_row(outcome)
    return results


HEADER = (
    f"{'database / operation':<26}{'clients':>8}{'requests':>10}{'req/s':>9}"
    f"{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'CPU ms/req':>12}{'client ms':>11}{'RSS MB':>9}"
)


def print_row(result: PhaseResult) -> None:
    print(
        f"{result.label:<26}{result.clients:>8}{result.requests:>10}{result.per_second:>9.0f}"
        f"{result.percentile_ms(0.5):>9.1f}{result.percentile_ms(0.99):>9.1f}"
        f"{result.errors:>8}{result.cpu_ms_per_request:>12.2f}"
        f"{result.client_cpu_ms_per_request:>11.2f}{result.rss_mb:>9.0f}",
        flush=True,
    )
    if result.first_error:
        print(f"    first error: {result.first_error}", flush=True)


def compare_with_peer(results: list[PhaseResult]) -> None:
    """The SQLite log-set figures against the issue's target and the quoted peer figures."""
    rows = [r for r in results if r.label == "sqlite log set POST"]
    if not rows:
        return
    two = min(rows, key=lambda r: abs(r.clients - 2))
    best = max(rows, key=lambda r: r.per_second)
    low, high = PEER_SETS_PER_S
    print(f"\nAgainst {PEER} (QUOTED figures, not re-measured in this run):")
    print(
        f"  log-set throughput with {two.clients} clients: {two.per_second:.0f}/s = "
        f"{two.per_second / high:.1f}x to {two.per_second / low:.1f}x the quoted {low:g}-{high:g}"
        f"/s (best here: {best.per_second:.0f}/s with {best.clients} clients)"
    )
    print(
        f"  latency with {two.clients} clients: p50 {two.percentile_ms(0.5):.1f} ms (quoted "
        f"{PEER_P50_MS[0]:g}-{PEER_P50_MS[1]:g}), p99 {two.percentile_ms(0.99):.1f} ms (quoted "
        f"{PEER_P99_MS[0]:g}-{PEER_P99_MS[1]:g})"
    )
    print(
        f"  server CPU per log POST: {two.cpu_ms_per_request:.2f} ms (quoted "
        f"{PEER_CPU_MS_PER_SET:g} ms, {PEER_CPU_MS_PER_SET / two.cpu_ms_per_request:.1f}x less "
        f"here); resident memory {two.rss_mb:.0f} MB (quoted {PEER_RSS_MB:g} MB)"
    )
    met = (
        two.per_second >= TARGET_SETS_PER_S
        and two.percentile_ms(0.99) < TARGET_P99_MS
        and two.errors == 0
        and two.per_second >= 5 * high
    )
    print(
        f"  issue target (>= {TARGET_SETS_PER_S:g}/s, p99 < {TARGET_P99_MS:g} ms, no errors, "
        f">= 5x the peer's best quoted {high:g}/s) with {two.clients} clients: "
        f"{'met' if met else 'NOT met'}"
    )


@contextmanager
def postgres_database() -> Iterator[str | None]:
    """A temporary PostgreSQL database's URL (None, with the reason printed, when absent)."""
    from sqlalchemy import create_engine, make_url, text

    from revhyper.settings import Settings

    admin_url = make_url(Settings().postgres_test_url)
    name = f"revhyper_load_{uuid.uuid4().hex[:8]}"
    admin = create_engine(
        admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
    )
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:
        print(f"postgresql skipped: {str(error).strip().splitlines()[0]}")
        admin.dispose()
        yield None
        return
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", default="2,8", help="concurrent clients, comma-separated")
    parser.add_argument("--seconds", type=float, default=10.0, help="duration of each phase [s]")
    parser.add_argument("--workers", type=int, default=2, help="server worker processes")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument(
        "--no-idempotency-key",
        dest="with_key",
        action="store_false",
        help="send log-set POSTs without an Idempotency-Key (as the benchmark did before)",
    )
    options = parser.parse_args()
    clients = [int(c) for c in options.clients.split(",")]
    databases = options.databases.split(",")
    setting = {k: v for k, v in os.environ.items() if k == "REVHYPER_SQLITE_SYNCHRONOUS"}
    prefix = "".join(f"{k}={v} " for k, v in setting.items())
    print(f"Reproduce: {prefix}PYTHONPATH=src " + shlex.join([sys.executable, *sys.argv]))
    synchronous = os.environ.get("REVHYPER_SQLITE_SYNCHRONOUS", "full")
    print(
        f"{os.cpu_count()} cores, shared by clients and server; {options.workers} server "
        f"workers; {options.seconds:g} s per phase; SQLite synchronous={synchronous}; "
        f"Idempotency-Key on log-set POSTs: {'yes' if options.with_key else 'no'}. CPU ms/req "
        "is the server's, client ms the benchmark's own clients' (same cores).\n"
    )
    print(HEADER)
    results: list[PhaseResult] = []
    with tempfile.TemporaryDirectory() as folder:
        if "sqlite" in databases:
            data = Path(folder, "sqlite")
            data.mkdir()
            url = f"sqlite:///{data / 'revhyper.db'}"
            results += measure(
                "sqlite", url, data, clients, options.seconds, options.workers, options.with_key
            )
        if "postgresql" in databases:
            data = Path(folder, "postgresql")
            data.mkdir()
            with postgres_database() as pg_url:
                if pg_url is not None:
                    results += measure(
                        "postgresql",
                        pg_url,
                        data,
                        clients,
                        options.seconds,
                        options.workers,
                        options.with_key,
                    )
    compare_with_peer(results)


if __name__ == "__main__":
    main()
