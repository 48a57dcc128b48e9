"""Benchmark `workshop build` against the plain-reportlab lower bound, in one run.

    python -m bench.run                      # 23 (the flagship deck/), 150 and 1,000 cards
    python -m bench.run --sizes 23,150,1000,10000 --repeat 3     # also 10,000 (takes minutes)

For each size it generates a workshop (bench/generate.py; 23 is a copy of the flagship
`deck/`), then alternates, repetition by
repetition: the lower bound (bench/lower_bound.py: the same cards.pdf pages, drawn plainly),
a cold `workshop build` (no build folder, no cache), a rebuild after editing one card (a
dilemma, a roleplay, a reflection in turn), and `workshop validate`. Every command runs in its own process, as users run it; the table shows
medians, ratios to the lower bound, peak memory (max RSS of each process) and cost per card,
then each target with PASS or FAIL. The code measured is this checkout's `src/`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.generate import edit_one_card, generate_workshop

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

FLAGSHIP = 23
"""The size that stands for the flagship `deck/`, benchmarked as it is (not generated)."""
FLAGSHIP_COLD_BEFORE = 2.28
"""The flagship's cold build × lower bound at main 38e5246, before the caches were simplified
(measured with this script; see the README's "Speed")."""

EXPECTED = ("cards.pdf", "cards-single.pdf", "guide.pdf", "handouts.pdf", "site/index.html")


@dataclass
class Run:
    """One process: wall-clock seconds, peak memory, and whether it succeeded."""

    seconds: float
    megabytes: float
    ok: bool
    error: str = ""
    cpu: float = 0.0
    """CPU seconds of the process and the processes it waited for: on a busy machine a steadier
    measure of work done than wall-clock time."""


@dataclass
class SizeResult:
    cards: int
    runs: dict[str, list[Run]] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)

    def median(self, kind: str) -> float:
        return statistics.median(run.seconds for run in self.runs[kind])

    def cpu(self, kind: str) -> float:
        return statistics.median(run.cpu for run in self.runs[kind])

    def memory(self, kind: str) -> float:
        return max(run.megabytes for run in self.runs[kind])

    def ok(self) -> bool:
        return all(run.ok for runs in self.runs.values() for run in runs)


def measure(command: list[str]) -> Run:
    """Run `command` in a child process; its wall time and its own peak resident memory."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=child_env())
        _, status, usage = os.wait4(process.pid, 0)  # this child's rusage, not all children's
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        error = err.read().decode("utf-8", "replace")
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, usage.ru_maxrss / scale, process.returncode == 0, error, cpu)


def child_env() -> dict[str, str]:
    """This checkout's code, with bytecode caching on as in a normal install.

    PYTHONDONTWRITEBYTECODE would make every process compile workshop's modules afresh,
    a cost users never pay after their first run.
    """
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    paths = [str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH")]  # ROOT: for `-m bench.without`
    env["PYTHONPATH"] = os.pathsep.join(filter(None, paths))
    return env


def bench_size(cards: int, repeat: int, workdir: Path) -> SizeResult:
    """Generate a workshop of `cards` cards and time every command on it, alternating."""
    folder = workdir / f"cards-{cards}"
    if cards == FLAGSHIP:
        shutil.copytree(ROOT / "deck", folder)
    else:
        generate_workshop(folder, cards)
    build = [sys.executable, "-m", "workshop", "build", str(folder)]
    lower_bound = [
        sys.executable,
        str(HERE / "lower_bound.py"),
        str(folder),
        str(workdir / "lower-bound.pdf"),
    ]
    validate = [sys.executable, "-m", "workshop", "validate", str(folder)]
    result = SizeResult(cards, {"lower": [], "cold": [], "rebuild": [], "validate": []})
    warm = measure(build)  # compiles bytecode and shows at once whether the build works at all
    if not warm.ok:
        result.runs["cold"].append(warm)
        return result
    for repetition in range(repeat):
        progress(f"  {cards} cards: repetition {repetition + 1}/{repeat}")
        result.runs["lower"].append(measure(lower_bound))
        shutil.rmtree(folder / "build", ignore_errors=True)
        result.runs["cold"].append(measure(build))
        edit_one_card(folder, repetition + 1)
        result.runs["rebuild"].append(measure(build))
        result.runs["validate"].append(measure(validate))
    result.outputs = [name for name in EXPECTED if (folder / "build" / name).is_file()]
    return result


def progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def print_table(results: list[SizeResult]) -> None:
    print(
        f"{'cards':>6} {'lower bound':>11} {'build':>8} {'×LB':>5} {'rebuild':>8} {'×LB':>5} {'validate':>8}"
        f" {'LB MB':>6} {'build MB':>8} {'×LB':>5} {'LB ms/card':>10} {'build ms/card':>13}"
        f" {'CPU: build ×LB':>14} {'rebuild ×LB':>11}"
    )
    for r in results:
        if not r.ok() or not r.runs["lower"]:
            print(f"{r.cards:>6} build FAILED: {failure(r)}")
            continue
        lower, cold, rebuild = r.median("lower"), r.median("cold"), r.median("rebuild")
        print(
            f"{r.cards:>6} {lower:>9.2f} s {cold:>6.2f} s {cold / lower:>5.2f} {rebuild:>6.2f} s"
            f" {rebuild / lower:>5.2f} {r.median('validate'):>6.2f} s {r.memory('lower'):>6.0f}"
            f" {r.memory('cold'):>8.0f} {r.memory('cold') / r.memory('lower'):>5.2f}"
            f" {1000 * lower / r.cards:>10.2f} {1000 * cold / r.cards:>13.2f}"
            f" {r.cpu('cold') / r.cpu('lower'):>14.2f} {r.cpu('rebuild') / r.cpu('lower'):>11.2f}"
        )


def failure(result: SizeResult) -> str:
    bad = next(run for runs in result.runs.values() for run in runs if not run.ok)
    lines = [line for line in bad.error.strip().splitlines() if line.strip()]
    return " | ".join(lines[-3:]) or "no message"


def verdict(name: str, value: float | None, limit: float, unit: str = "×") -> str:
    if value is None:
        return f"SKIP  {name} (run with the sizes it needs)"
    mark = "PASS" if value <= limit else "FAIL"
    return f"{mark}  {name}: {value:.2f}{unit} (target ≤ {limit:g}{unit})"


def print_targets(results: list[SizeResult]) -> None:
    """Every target, PASS or FAIL: ratios to the lower bound measured in this same run."""
    by_size = {r.cards: r for r in results if r.ok() and r.runs["lower"]}

    def cold(cards: int) -> float | None:
        r = by_size.get(cards)
        return r and r.median("cold") / r.median("lower")

    def rebuild(cards: int) -> float | None:
        r = by_size.get(cards)
        return r and r.median("rebuild") / r.median("lower")

    one, ten = by_size.get(1000), by_size.get(10000)
    print()
    print(
        verdict(
            "cold build, 23 cards (deck/), × lower bound, vs before", cold(FLAGSHIP), FLAGSHIP_COLD_BEFORE
        )
    )
    print(verdict("cold build, 150 cards, × lower bound", cold(150), 1.2))
    print(verdict("rebuild after editing one card, 150 cards, × lower bound", rebuild(150), 0.5))
    print(verdict("cold build, 1,000 cards, × lower bound", cold(1000), 1.0))
    print(verdict("rebuild after editing one card, 1,000 cards, × lower bound", rebuild(1000), 0.5))
    per_card = (ten.median("cold") / ten.cards) / (one.median("cold") / one.cards) if one and ten else None
    print(verdict("cost per card at 10,000 cards, × cost at 1,000", per_card, 1.2))
    memory = one.memory("cold") / one.memory("lower") if one else None
    print(verdict("peak memory at 1,000 cards, × lower bound", memory, 2.0))
    built = {name for r in by_size.values() for name in r.outputs}
    missing = [name for name in EXPECTED if name not in built]
    if missing:
        print(f"\nNOTE: the build did not make {', '.join(missing)}: the targets mean little without them.")


def environment() -> str:
    from importlib.metadata import PackageNotFoundError, version

    def have(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    return (
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, reportlab {have('reportlab')}, "
        f"rl_accel {have('rl_accel')}, qrcode {have('qrcode')}, pydantic {have('pydantic')}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="23,150,1000", help="card counts, comma-separated; 23 is deck/ [23,150,1000]"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="repetitions per size (10,000+ cards: a third) [3]"
    )
    parser.add_argument("--workdir", type=Path, help="where to generate workshops [a temporary folder]")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="workshop-bench-"))
    print(environment())
    results = []
    try:
        for cards in sizes:
            repeat = max(1, args.repeat if cards < 10_000 else args.repeat // 3)
            results.append(bench_size(cards, repeat, workdir))
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    print_table(results)
    print_targets(results)
    return 0 if all(r.ok() for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
