"""Counts of mutmut's results per domain module, with survivors checked against the list of
explained ones (tools/mutation_explained.txt).

    .venv/bin/python tools/mutation_summary.py [module ...]   # e.g. motion.faults adaptation

Prints killed / survived / explained (and any other state) per module, then every survivor that
is not explained; a mutant no selected test reaches ("no tests") counts as a survivor. Exits 1
when there is one, so a run can be checked by its exit code.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXPLAINED_FILE = ROOT / "tools" / "mutation_explained.txt"
PREFIX = "revhyper.domain."
#: mutmut's states of a mutant no test caught: it ran and every test passed ("survived"), or no
#: test in the selection reaches its function at all ("no tests"), which is no better.
ESCAPED = frozenset({"survived", "no tests"})

#: A mutant's name is its module, then ".x_function" or ".xǁClassǁmethod", then "__mutmut_N".
NAME = re.compile(r"^\s*(?P<name>(?P<module>[\w.]+?)\.x[_ǁ]\S+__mutmut_\d+): (?P<state>.+)$")


def explained_mutants() -> dict[str, str]:
    """Mutant name -> the one-line reason it may survive."""
    reasons: dict[str, str] = {}
    for line in EXPLAINED_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, reason = line.partition(" ")
        reasons[name] = reason.strip()
    return reasons


def results() -> list[tuple[str, str, str]]:
    """(mutant, module under revhyper.domain, state) of every mutant mutmut knows."""
    output = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "mutmut"), "results", "--all", "true"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = []
    for line in output.splitlines():
        match = NAME.match(line)
        if match and match["module"].startswith(PREFIX):
            found.append((match["name"], match["module"][len(PREFIX) :], match["state"].strip()))
    return found


def main(modules: list[str]) -> int:
    explained = explained_mutants()
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    unexplained: list[str] = []
    for name, module, state in results():
        if modules and module not in modules:
            continue
        if state in ESCAPED and name in explained:
            state = "explained"
        elif state in ESCAPED:
            unexplained.append(name)
        counts[module][state] += 1
    states = ["killed", "survived", "explained"]
    others = sorted({s for c in counts.values() for s in c} - set(states))
    header = ["module", *states, *others]
    print(" | ".join(header))
    for module in modules or sorted(counts):
        row = counts.get(module, Counter())
        print(" | ".join([module, *(str(row[s]) for s in states + others)]))
    if unexplained:
        print("\nSurvivors not explained in tools/mutation_explained.txt:")
        for name in unexplained:
            print(f"  {name}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
