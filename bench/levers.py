"""What each speed lever earns: builds with all of them, and with each one turned off.

    python bench/levers.py                       # 23 (deck/), 150 and 1,000 cards
    python bench/levers.py --sizes 150 --repeat 3

For each size and repetition, and each lever in turn (bench/without.py), a cold build (no
build folder) and a rebuild after editing one card, each in its own process. Prints per
lever the median gain: seconds saved by having it on (negative: it costs time), and peak
memory saved, cold. The README's "Speed" table comes from this.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

if not __package__:  # run as `python bench/levers.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
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
        lever: {"cold": [], "rebuild": [], "mb": []} for lever in LEVERS
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
            edit_one_card(folder, version)
            rebuild = measure(command)
            if not (cold.ok and rebuild.ok):
                raise SystemExit(f"{lever}: build failed: {cold.error or rebuild.error}")
            found[lever]["cold"].append(cold.seconds)
            found[lever]["rebuild"].append(rebuild.seconds)
            found[lever]["mb"].append(cold.megabytes)
    return found


def print_size(cards: int, found: dict[str, dict[str, list[float]]]) -> None:
    on = {kind: statistics.median(values) for kind, values in found["none"].items()}
    for lever, values in found.items():
        if lever == "none":
            print(f"{'(all on)':<24} {cards:>6} {on['cold']:>7.2f}s {'':>7} {on['rebuild']:>9.2f}s")
            continue
        off = {kind: statistics.median(numbers) for kind, numbers in values.items()}
        print(
            f"{lever:<24} {cards:>6} {'':>8} {off['cold'] - on['cold']:>+6.2f}s {'':>10}"
            f" {off['rebuild'] - on['rebuild']:>+6.2f}s {off['mb'] - on['mb']:>+7.0f}",
            flush=True,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="23,150,1000", help="card counts; 23 is deck/ [23,150,1000]")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions per size [3]")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="workshop-levers-"))
    print(
        f"{'lever':<24} {'cards':>6} {'cold on':>8} {'gain':>7} {'rebuild on':>10} {'gain':>7} {'MB gain':>8}"
    )
    try:
        for size in args.sizes.split(","):
            print_size(int(size), bench_levers(int(size), args.repeat, workdir))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
