"""The web app's first load on a slow phone connection: ``revhyper serve --demo`` (a
subprocess, on a fresh temporary data directory) opened in Chromium with the network slowed
through the DevTools protocol (``Network.emulateNetworkConditions``), cache cold (a new
browser context each run).

Measured per run, from the moment the page is asked for:
  * sign-in form usable: the "Account name" field visible and enabled;
  * Today shown: from the click on "Sign in" to Today's heading with nothing still loading;
and the bytes transferred in each phase (``encodedDataLength``: compressed bodies plus
headers, as on the wire). Prints the median of the runs and each run.

The network profile (default): 400 ms latency, 400 kbit/s down, 400 kbit/s up. That is the
throughput of Chrome DevTools' "Slow 3G" preset (500 kbit/s x 0.8, as Puppeteer's
``PredefinedNetworkConditions['Slow 3G']``); that preset also multiplies its 400 ms latency by
5 (2 s per request): ``--latency-ms 2000`` runs that harsher profile. The service worker is
blocked: it is a first visit, and the worker's background caching of every asset is not
throttled by the page's emulation (it would otherwise hide its real cost). The server is
warmed up first by one unthrottled visit.

Run:

    PYTHONPATH=src .venv/bin/python benchmarks/first_load.py [--runs 5] [--latency-ms 400]
        [--kbit 400]
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("REVHYPER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"]
PHONE = {"width": 360, "height": 740}
#: The line ``revhyper serve --demo`` prints with the demo account's password.
DEMO_LOGIN = re.compile(r"password (\S+) \(new at every start")
#: How long the server may take to start [s].
START_TIMEOUT_S = 60
#: How long one phase may take on the slow network [ms].
PHASE_TIMEOUT_MS = 120_000
#: No page is loading data any more (the app shows "Loading…" in a status while it does).
NOTHING_LOADING = (
    "() => ![...document.querySelectorAll('[role=status]')]"
    ".some((e) => /^Loading/.test(e.textContent.trim()))"
)


@dataclass
class Run:
    """One cold load: times [s] and bytes transferred [bytes] per phase."""

    form_s: float
    form_bytes: int
    today_s: float
    today_bytes: int


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(data_dir: Path, port: int) -> tuple[subprocess.Popen[str], str]:
    """``revhyper serve --demo`` on the port; answers the process and the demo's password."""
    env = {**os.environ, "REVHYPER_DATA_DIR": str(data_dir), "COLUMNS": "400"}
    command = [sys.executable, "-m", "revhyper", "serve", "--demo", "--port", str(port)]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert process.stdout is not None
    deadline = time.monotonic() + START_TIMEOUT_S
    output = ""
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            break
        output += line
        found = DEMO_LOGIN.search(output.replace("\n", " "))
        if found:
            wait_until_listening(port, deadline)
            return process, found.group(1)
    process.kill()
    raise RuntimeError(f"the server did not start:\n{output}")


def wait_until_listening(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the server did not listen")


def warm_up(url: str) -> None:
    """One unthrottled visit's requests, so that the runs measure the network and the page,
    not the new server's first request (imports done lazily, about a second here)."""
    import httpx

    with httpx.Client(base_url=url) as client:
        for path in ("/", "/static/js/app.js", "/api/v1/auth/session"):
            client.get(path)


def throttle(context: Any, page: Any, latency_ms: float, kbit: float) -> Any:
    """Slow the page's network; answers the DevTools session (its events count bytes)."""
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
    rate = kbit * 1000 / 8  # [bytes/s]
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": latency_ms,
            "downloadThroughput": rate,
            "uploadThroughput": rate,
        },
    )
    return cdp


def one_run(browser: Any, url: str, password: str, latency_ms: float, kbit: float) -> Run:
    context = browser.new_context(viewport=PHONE, has_touch=True, service_workers="block")
    context.set_default_timeout(PHASE_TIMEOUT_MS)
    try:
        page = context.new_page()
        cdp = throttle(context, page, latency_ms, kbit)
        transferred = [0]
        cdp.on(
            "Network.loadingFinished",
            lambda e: transferred.__setitem__(0, transferred[0] + int(e["encodedDataLength"])),
        )
        started = time.perf_counter()
        page.goto(url + "/#/login", wait_until="commit")
        field = page.get_by_label("Account name")
        field.wait_for(state="visible")
        page.wait_for_function("() => !document.getElementById('username')?.disabled")
        form_s = time.perf_counter() - started
        form_bytes = transferred[0]
        field.fill("demo")
        page.get_by_label("Password").fill(password)
        started = time.perf_counter()
        page.get_by_role("button", name="Sign in").click()
        page.get_by_role("navigation", name="Main").wait_for()
        page.wait_for_function("() => document.title.startsWith('Today')")
        page.locator("main h1").first.wait_for()
        page.wait_for_function(NOTHING_LOADING)
        today_s = time.perf_counter() - started
        page.wait_for_timeout(200)  # the last loadingFinished events arrive
        return Run(form_s, form_bytes, today_s, transferred[0] - form_bytes)
    finally:
        context.close()


def table(runs: list[Run], latency_ms: float, kbit: float) -> str:
    def median(values: list[float]) -> float:
        return statistics.median(values)

    rows = [
        f"network: latency {latency_ms:g} ms, {kbit:g} kbit/s down and up; cold cache; "
        f"{len(runs)} runs (median)",
        f"{'phase':<34}{'time [s]':>10}{'bytes':>10}",
        f"{'page asked -> sign-in form usable':<34}"
        f"{median([r.form_s for r in runs]):>10.2f}"
        f"{median([r.form_bytes for r in runs]):>10.0f}",
        f"{'Sign in clicked -> Today shown':<34}"
        f"{median([r.today_s for r in runs]):>10.2f}"
        f"{median([r.today_bytes for r in runs]):>10.0f}",
        "each run: " + "; ".join(f"{r.form_s:.2f} s / {r.today_s:.2f} s" for r in runs),
    ]
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--latency-ms", type=float, default=400.0)
    parser.add_argument("--kbit", type=float, default=400.0, help="throughput [kbit/s]")
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    port = free_port()
    with tempfile.TemporaryDirectory(prefix="revhyper-first-load-") as data:
        process, password = start_server(Path(data), port)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                url = f"http://127.0.0.1:{port}"
                warm_up(url)
                runs = [
                    one_run(browser, url, password, options.latency_ms, options.kbit)
                    for _ in range(options.runs)
                ]
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=30)
    print(table(runs, options.latency_ms, options.kbit))
    print("command: PYTHONPATH=src " + shlex.join([Path(sys.executable).name, *sys.argv]))


if __name__ == "__main__":
    main()
