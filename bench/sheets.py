"""Benchmark: the same 1,000 cards validated from YAML and from an XLSX card file.

    python -m bench.sheets                  # 1,000 cards, 3 repetitions
    python -m bench.sheets --cards 150 --repeat 5

It generates a workshop (bench/generate.py), exports its cards with `workshop export --to
xlsx` into a twin folder whose workshop.yaml reads only cards.xlsx, then alternates
`workshop validate` on the two, each in its own process as users run it (no build folder,
so every card is fitted). The target: the XLSX validates in at most 1.5× the time of the
YAML. Reading alone (`load_workshop`, in this process) is shown too, since that is the part
that differs. Medians of wall-clock and CPU seconds; the code measured is this checkout's.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.generate import generate_workshop

TARGET = 1.5
ROOT = Path(__file__).resolve().parent.parent


def twin(yaml_root: Path, target: Path) -> Path:
    """A copy of the workshop whose cards come from cards.xlsx alone."""
    from workshop.content.loader import load_workshop
    from workshop.content.problems import Problems

    shutil.copytree(yaml_root, target)
    workshop = load_workshop(yaml_root, Problems())
    assert workshop is not None
    _workshop(target, "export", str(target), "--to", "xlsx")
    for file in workshop.card_files:
        (target / file.relative_to(yaml_root)).unlink()
    config = target / "workshop.yaml"
    text = re.sub(r"(?m)^decks:.*(\n[ -].*)*$", "decks: [cards.xlsx]", config.read_text(encoding="utf-8"))
    config.write_text(text, encoding="utf-8")
    return target


def _workshop(_root: Path, *args: str) -> tuple[float, float]:
    """Run `workshop ARGS` in its own process → (wall-clock seconds, CPU seconds)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(
        [sys.executable, "-m", "workshop", *args], capture_output=True, text=True, env=env
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"workshop {' '.join(args)} failed:\n{result.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _load_seconds(root: Path) -> float:
    from workshop.content.loader import load_workshop
    from workshop.content.problems import Problems

    start = time.perf_counter()
    problems = Problems()
    load_workshop(root, problems)
    seconds = time.perf_counter() - start
    assert not problems.errors, problems.errors[:3]
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-sheets-") as folder:
        yaml_root = generate_workshop(Path(folder) / "yaml", options.cards)
        xlsx_root = twin(yaml_root, Path(folder) / "xlsx")
        size = (xlsx_root / "cards.xlsx").stat().st_size
        print(f"{options.cards} cards; cards.xlsx is {size / 1024:.0f} KiB")
        runs: dict[str, list[tuple[float, float]]] = {"yaml": [], "xlsx": []}
        loads: dict[str, list[float]] = {"yaml": [], "xlsx": []}
        for _ in range(options.repeat):
            for name, root in (("yaml", yaml_root), ("xlsx", xlsx_root)):
                runs[name].append(_workshop(root, "validate", str(root)))
                loads[name].append(_load_seconds(root))
    wall = {name: statistics.median(r[0] for r in runs[name]) for name in runs}
    cpu = {name: statistics.median(r[1] for r in runs[name]) for name in runs}
    load = {name: statistics.median(loads[name]) for name in loads}
    print(f"{'':8}{'validate (s)':>14}{'CPU (s)':>10}{'reading (s)':>13}")
    for name in runs:
        print(f"{name:8}{wall[name]:14.2f}{cpu[name]:10.2f}{load[name]:13.3f}")
    ratio = wall["xlsx"] / wall["yaml"]
    print(
        f"xlsx / yaml: validate {ratio:.2f}× (CPU {cpu['xlsx'] / cpu['yaml']:.2f}×), "
        f"reading alone {load['xlsx'] / load['yaml']:.2f}×"
    )
    verdict = "PASS" if ratio <= TARGET else "FAIL"
    print(f"{verdict}: validating the XLSX takes at most {TARGET}× the YAML's time")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
