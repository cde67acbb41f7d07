"""Scoring engine: latency of one full scores document, a batch of 1,000, training, model load.

Targets (PRODUCT.md): one profile in under 5 ms with the model loaded, 1,000 in under 1 s.
The model is trained at production size on the fixture catalog, written with skops and loaded
back; every score below uses the loaded model. Profiles are synthetic but realistic (the
calibration population, another seed), scored one at a time with recommendations and scenarios.
"""

import statistics
import time
from pathlib import Path

from advisor.domain.catalog_format import load_catalog_dir
from advisor.domain.scoring import (
    catalog_from_document,
    dump_model,
    load_model,
    score_profile,
    score_profiles,
    train,
)
from advisor.domain.scoring.calibration import synthetic_profiles

BASE_DIR = Path(__file__).resolve().parent.parent
SINGLE_PROFILES = 400
BATCH = 1000
LOADS = 5
WARM_UP = 20


def run() -> dict[str, float]:
    catalog = catalog_from_document(load_catalog_dir(BASE_DIR / "fixtures" / "catalog"), "bench")

    started = time.perf_counter()
    result = train(catalog, code_version="bench")
    train_s = time.perf_counter() - started

    data = dump_model(result.model)
    load_times = []
    for _ in range(LOADS):
        started = time.perf_counter()
        model = load_model(data)
        load_times.append(time.perf_counter() - started)

    profiles = synthetic_profiles(catalog, SINGLE_PROFILES + BATCH, seed=2024)
    for profile in profiles[:WARM_UP]:
        score_profile(profile, catalog, model)
    single = []
    for profile in profiles[:SINGLE_PROFILES]:
        started = time.perf_counter()
        score_profile(profile, catalog, model)
        single.append(time.perf_counter() - started)

    started = time.perf_counter()
    score_profiles(profiles[SINGLE_PROFILES:], catalog, model)
    batch_s = time.perf_counter() - started

    return {
        "score_ms_p50": statistics.median(single) * 1000,
        "score_ms_p95": statistics.quantiles(single, n=20)[-1] * 1000,
        "score_batch_1000_s": batch_s,
        "train_s": train_s,
        "model_load_ms": statistics.median(load_times) * 1000,
    }
