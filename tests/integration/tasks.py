"""Tasks only the integration tests' workers load (`celery worker --include tests.integration.tasks`)."""

import os
import time
from pathlib import Path

from celery import shared_task


@shared_task(name="tests.integration.tasks.slow_the_first_time")
def slow_the_first_time(folder: str) -> dict:
    """Records each start; the first run waits long enough to be killed, later runs finish."""
    starts = Path(folder) / "starts"
    with starts.open("a") as log:
        log.write(f"{os.getpid()}\n")
    runs = len(starts.read_text().split())
    if runs == 1:
        time.sleep(300)  # the test kills the worker meanwhile
    with (Path(folder) / "finished").open("a") as log:
        log.write(f"{os.getpid()}\n")
    return {"runs": runs}
