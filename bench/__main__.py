"""`make bench`: measure the quality bars, print a table, write var/bench.json.

Each section is a module with `run() -> dict[str, float]`; names carry their unit
(`score_ms_p50`, `startup_s`). `python -m bench --only scoring,startup` runs a subset.
"""

import argparse
import importlib
import importlib.util
import json
import multiprocessing
import os
import sys
import time
from pathlib import Path

from bench import run_section

BASE_DIR = Path(__file__).resolve().parent.parent
SECTIONS = ["scoring", "questionnaire", "api", "reports", "dashboard", "whatif", "startup"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated sections: " + ", ".join(SECTIONS))
    args = parser.parse_args()
    wanted = args.only.split(",") if args.only else SECTIONS

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advisor.settings")
    figures: dict[str, float] = {}
    for name in wanted:
        if importlib.util.find_spec(f"bench.{name}") is None:
            print(f"(section {name} not built yet)", file=sys.stderr)
            continue
        print(f"… {name}", file=sys.stderr, flush=True)
        started = time.perf_counter()
        figures.update(run_section_in_own_process(name))
        print(f"  {name} took {time.perf_counter() - started:.1f} s", file=sys.stderr)

    print_table(figures)
    out = BASE_DIR / "var" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n")
    print(f"\nwritten to {out.relative_to(BASE_DIR)}")
    return 0


def run_section_in_own_process(name: str) -> dict[str, float]:
    """Each section sets up Django for its own database and VAR_DIR; a fresh interpreter per
    section keeps one's settings and connections from leaking into the next."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(run_section, (name,))


def print_table(figures: dict[str, float]) -> None:
    width = max((len(name) for name in figures), default=10)
    print(f"\n{'figure':<{width}}  {'value':>12}")
    print(f"{'-' * width}  {'-' * 12}")
    for name, value in figures.items():
        print(f"{name:<{width}}  {value:>12.3f}")


if __name__ == "__main__":
    sys.exit(main())
