"""What each speed lever earns: builds with all of them, and with each one turned off.

    python -m bench.levers                       # 23 (deck/), 150 and 1,000 cards
    python -m bench.levers --sizes 150 --repeat 3

For each size and repetition, and each lever in turn (bench/without.py), a cold build (no
build folder) and a rebuild after editing one card, each in its own process. Prints per
lever the median gain: wall-clock and CPU seconds saved by having it on (negative: it costs
time), and peak memory saved, cold. CPU time is the steadier measure on a busy machine; the
second process saves wall-clock time only. The README's "Speed" table comes from this.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from bench.generate import edit_one_card, generate_workshop
from bench.run import FLAGSHIP, ROOT, measure, progress
from bench.without import LEVERS


def bench_levers(cards: int, repeat: int, workdir: Path) -> dict[str, dict[str, list[float]]]:
    folder = workdir / f"cards-{cards}"
    if cards == FLAGSHIP:
        shutil.copytree(ROOT / "deck", folder)
    else:
        generate_workshop(folder, cards)
    found: dict[str, dict[str, list[float]]] = {
        lever: {"cold": [], "rebuild": [], "cold cpu": [], "rebuild cpu": [], "mb": []} for lever in LEVERS
    }
    version = 0
    measure([sys.executable, "-m", "bench.without", "none", "build", str(folder)])  # bytecode, and a check
    for repetition in range(repeat):
        progress(f"  {cards} cards: repetition {repetition + 1}/{repeat}")
        for lever in LEVERS:
            command = [sys.executable, "-m", "bench.without", lever, "build", str(folder)]
            shutil.rmtree(folder / "build", ignore_errors=True)
            cold = measure(command)
            version += 1
            edit_one_card(folder, 1 + repetition % 4 + 4 * version)  # the same kind of edit for every lever
            rebuild = measure(command)
            if not (cold.ok and rebuild.ok):
                raise SystemExit(f"{lever}: build failed: {cold.error or rebuild.error}")
            found[lever]["cold"].append(cold.seconds)
            found[lever]["rebuild"].append(rebuild.seconds)
            found[lever]["mb"].append(cold.megabytes)
            found[lever]["cold cpu"].append(cold.cpu)
            found[lever]["rebuild cpu"].append(rebuild.cpu)
    return found


HEADER = (
    f"{'lever':<24} {'cards':>6} {'cold':>7} {'CPU':>7} {'rebuild':>7} {'CPU':>7} {'MB':>5}"
    "   (all on: seconds; a lever: what turning it off costs)"
)


def print_size(cards: int, found: dict[str, dict[str, list[float]]]) -> None:
    on = {kind: statistics.median(values) for kind, values in found["none"].items()}
    columns = ("cold", "cold cpu", "rebuild", "rebuild cpu")
    print(
        f"{'(all on)':<24} {cards:>6} " + " ".join(f"{on[c]:>6.2f}s" for c in columns) + f" {on['mb']:>5.0f}"
    )
    for lever, values in found.items():
        if lever != "none":
            off = {kind: statistics.median(numbers) for kind, numbers in values.items()}
            gains = " ".join(f"{off[c] - on[c]:>+6.2f}s" for c in columns)
            print(f"{lever:<24} {cards:>6} {gains} {off['mb'] - on['mb']:>+5.0f}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="23,150,1000", help="card counts; 23 is deck/ [23,150,1000]")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions per size [3]")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="workshop-levers-"))
    print(HEADER)
    try:
        for size in args.sizes.split(","):
            print_size(int(size), bench_levers(int(size), args.repeat, workdir))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
