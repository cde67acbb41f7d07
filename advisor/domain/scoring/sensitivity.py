"""What each assumption moves: a tornado table generated from the engine, not written by hand.

Each assumption is set to a lower and a higher value in turn (the rest as assumptions.py says),
a fixed sample of synthetic profiles is scored again with the same model, and the change of
the mean exposure, the mean exit cost (person-months) and the mean probability is recorded, for
the ecosystems in use. The rows are sorted by the width of the exposure swing, widest first.

The engine reads these constants from module attributes, so each one is swapped for the time of
one scoring run and always restored (`_swapped`). Training runs this once, in its own process.
"""

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from advisor.domain.profile import Profile
from advisor.domain.scoring import assumptions as A
from advisor.domain.scoring import exit_cost as X
from advisor.domain.scoring import features as F
from advisor.domain.scoring.catalog import Catalog
from advisor.domain.scoring.model import Model
from advisor.domain.scoring.scores import assess

SAMPLE_SEED = 31_337
LOW, HIGH = 0.75, 1.25  # every factor of a number-valued assumption is moved by ±25%
FLOOR_STEP = 0.1  # a floor α is moved by ±0.1 (and kept within 0–1)


@dataclass(frozen=True)
class SensitivityRow:
    assumption: str
    low: str  # the values tried, in words
    high: str
    exposure: tuple[float, float]  # change of the mean exposure at the low and the high value
    exit_person_months: tuple[float, float]
    probability: tuple[float, float]


def _scaled(values: Any, factor: float) -> Any:
    if isinstance(values, dict):
        return {key: value * factor for key, value in values.items()}
    return values * factor


# (assumption, module, attribute, how the low and the high value are made)
Change = tuple[str, Any, str, Callable[[Any, float], Any]]
CHANGES: tuple[Change, ...] = (
    (
        "VENDOR_NEUTRAL_FLOOR (α, every channel but contract)",
        F,
        "NEUTRAL_FLOOR",
        lambda value, sign: np.where(value < 1.0, np.clip(value + sign * FLOOR_STEP, 0.0, 1.0), value),
    ),
    ("MASS_RATE", A, "MASS_RATE", lambda value, factor: value * factor),
    ("WORKLOAD_BASE_WEIGHT", A, "WORKLOAD_BASE_WEIGHT", lambda value, factor: value * factor),
    ("SPEND_WEIGHT", A, "SPEND_WEIGHT", lambda value, factor: value * factor),
    ("CONTRACT_MASS", A, "CONTRACT_MASS", lambda value, factor: value * factor),
    ("SUITE_MASS_AT_FULL_SEATS", A, "SUITE_MASS_AT_FULL_SEATS", _scaled),
    ("CRITICALITY_WEIGHT", F, "CRITICALITY_WEIGHT", _scaled),
    ("DEFAULT_SEAT_PRICE_USD_MONTH", A, "DEFAULT_SEAT_PRICE_USD_MONTH", _scaled),
    ("LOADED_COST_USD_PER_PERSON_MONTH", A, "LOADED_COST_USD_PER_PERSON_MONTH", lambda v, f: v * f),
    (
        "REINTEGRATION_NEUTRAL_FLOOR",
        A,
        "REINTEGRATION_NEUTRAL_FLOOR",
        lambda value, sign: min(max(value + sign * FLOOR_STEP, 0.0), 1.0),
    ),
    ("REINTEGRATION_PM_BY_DEPLOYMENT", X, "DEPLOYMENT_PM", lambda value, factor: value * factor),
    ("REINTEGRATION_PM_BY_FEATURE", X, "FEATURE_PM", lambda value, factor: value * factor),
    ("REEVALUATION_PM, PARALLEL_RUN_*, REGULATED_REVALIDATION_PM", X, "_by_criticality", _scaled),
    ("COSTLY_EXIT_PERSON_MONTHS", A, "COSTLY_EXIT_PERSON_MONTHS", lambda value, factor: value * factor),
)
FLOORS = {"VENDOR_NEUTRAL_FLOOR (α, every channel but contract)", "REINTEGRATION_NEUTRAL_FLOOR"}


@contextmanager
def _swapped(module: Any, attribute: str, value: Any) -> Iterator[None]:
    original = getattr(module, attribute)
    setattr(module, attribute, value)
    try:
        yield
    finally:
        setattr(module, attribute, original)


def _means(profiles: Sequence[Profile], catalog: Catalog, model: Model) -> tuple[float, float, float]:
    scored = assess(profiles, catalog, model)
    used = scored.features.in_use
    return (
        float(scored.exposure[used].mean()),
        float(scored.exit_cost.total_pm[used].mean()),
        float(scored.probability[used].mean()),
    )


def sensitivity(catalog: Catalog, model: Model, profiles: Sequence[Profile]) -> tuple[SensitivityRow, ...]:
    base = np.array(_means(profiles, catalog, model))
    rows = []
    for name, module, attribute, make in CHANGES:
        original = getattr(module, attribute)
        moves = (-1.0, 1.0) if name in FLOORS else (LOW, HIGH)
        deltas = []
        for move in moves:
            with _swapped(module, attribute, make(original, move)):
                deltas.append(np.array(_means(profiles, catalog, model)) - base)
        low, high = ("−0.1", "+0.1") if name in FLOORS else ("×0.75", "×1.25")
        rows.append(
            SensitivityRow(
                assumption=name,
                low=low,
                high=high,
                exposure=(round(float(deltas[0][0]), 2), round(float(deltas[1][0]), 2)),
                exit_person_months=(round(float(deltas[0][1]), 2), round(float(deltas[1][1]), 2)),
                probability=(round(float(deltas[0][2]), 3), round(float(deltas[1][2]), 3)),
            )
        )
    rows.sort(key=_swing)
    return tuple(rows)


def _swing(row: SensitivityRow) -> tuple[float, float, float, str]:
    """Widest exposure swing first, then exit cost, then probability."""
    return (
        -abs(row.exposure[1] - row.exposure[0]),
        -abs(row.exit_person_months[1] - row.exit_person_months[0]),
        -abs(row.probability[1] - row.probability[0]),
        row.assumption,
    )


def sensitivity_markdown(rows: Sequence[SensitivityRow], sample: int) -> str:
    lines = [
        f"Change of the mean over the ecosystems in use of {sample} synthetic profiles (seed {SAMPLE_SEED}), "
        "at the low / the high value of each assumption, the others unchanged and the model fixed. "
        "Widest exposure swing first, then exit cost, then probability.",
        "",
        "| assumption | tried | exposure (points) | exit cost (person-months) | probability |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        exposure = f"{row.exposure[0]:+.2f} / {row.exposure[1]:+.2f}"
        months = f"{row.exit_person_months[0]:+.2f} / {row.exit_person_months[1]:+.2f}"
        chance = f"{row.probability[0]:+.3f} / {row.probability[1]:+.3f}"
        lines.append(f"| {row.assumption} | {row.low} / {row.high} | {exposure} | {months} | {chance} |")
    return "\n".join(lines)


SECTION_START = "<!-- sensitivity: generated by python -m advisor.domain.scoring.sensitivity -->"
SECTION_END = "<!-- end of the generated sensitivity table -->"


def with_section(document: str, table: str) -> str:
    """The document with the text between the section markers replaced by `table`."""
    head, rest = document.split(SECTION_START, 1)
    _, tail = rest.split(SECTION_END, 1)
    return f"{head}{SECTION_START}\n{table}\n{SECTION_END}{tail}"


def production_table(catalog_dir: Path) -> str:
    """The table for the fixture catalog and a production-size model (what docs/methodology.md
    shows)."""
    from advisor.domain.catalog_format import load_catalog_dir
    from advisor.domain.scoring.catalog import catalog_from_document
    from advisor.domain.scoring.training import train

    catalog = catalog_from_document(load_catalog_dir(catalog_dir), "v1")
    result = train(catalog, code_version="docs")
    return sensitivity_markdown(result.sensitivity, A.SENSITIVITY_SAMPLE)


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[3]
    methodology = root / "docs" / "methodology.md"
    methodology.write_text(
        with_section(methodology.read_text(), production_table(root / "fixtures" / "catalog"))
    )
    sys.stdout.write(f"Wrote the sensitivity table of {methodology}\n")
