"""Time and memory of the plate search, from an everyday target to the worst one allowed.

Reproduce with:

    .venv/bin/python benchmarks/plates_search.py

Cases, each timed as the best of several runs in this process, with the peak memory traced
(``tracemalloc``) during one run:

- ``77.5 kg, gym set``: an everyday target with the kilogram gym set (the reference);
- ``500 kg, gym set``: the largest target accepted;
- ``1102 lb, 0.05/0.1/99.95 lb x100``: the finest plates and the largest pound target, the
  most totals the search can visit (``plates.MAX_TOTALS``);
- ``20x4,10x2,5x2,2.5x2,1.25x2``: a home inventory.

Ratios are to the reference case, measured in the same run. Before the bound (issue 14),
``plates 3e5`` took 78 s and 11.5 GB, and ``plates 1e12`` raised MemoryError; both are now
refused before any search.
"""

from __future__ import annotations

import time
import tracemalloc

from revhyper.domain import plates
from revhyper.domain.units import KG_PER_LB, MassUnit

CASES = (
    ("77.5 kg, gym set", 77.5, plates.standard_inventory(MassUnit.KG)),
    ("500 kg, gym set", 500.0, plates.standard_inventory(MassUnit.KG)),
    (
        "1102 lb, 0.05/0.1/99.95 lb x100",
        1102 * KG_PER_LB,
        plates.PlateInventory(MassUnit.LB, ((0.05, 100), (0.1, 100), (99.95, 100))),
    ),
    (
        "150 kg, 20x4,10x2,5x2,2.5x2,1.25x2",
        150.0,
        plates.parse_inventory("20x4,10x2,5x2,2.5x2,1.25x2", MassUnit.KG),
    ),
)
RUNS = 20


def _best_seconds(target_kg: float, inventory: plates.PlateInventory) -> float:
    best = float("inf")
    for _ in range(RUNS):
        start = time.perf_counter()
        plates.load_plates(target_kg, inventory)
        best = min(best, time.perf_counter() - start)
    return best


def _peak_bytes(target_kg: float, inventory: plates.PlateInventory) -> int:
    tracemalloc.start()
    try:
        plates.load_plates(target_kg, inventory)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> None:
    plates.load_plates(10.0, plates.standard_inventory(MassUnit.KG))  # imports numpy
    results = [(name, _best_seconds(t, inv), _peak_bytes(t, inv)) for name, t, inv in CASES]
    reference = results[0][1]
    print(f"{'case':<36} {'best of ' + str(RUNS):>12} {'x reference':>12} {'peak memory':>12}")
    for name, seconds, peak in results:
        print(
            f"{name:<36} {seconds * 1e3:>9.2f} ms {seconds / reference:>12.1f} "
            f"{peak / 2**20:>9.2f} MiB"
        )
    print(f"most totals any search visits: {plates.MAX_TOTALS}")


if __name__ == "__main__":
    main()
