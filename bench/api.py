"""The REST API under load: 20 clients listing assessments at once, on gunicorn + PostgreSQL.

Target (issue 13): the 95th percentile of `GET /api/v1/assessments/` under 50 ms at 20
concurrent clients (`api_list_assessments_ms_p95`).

Set-up, as the questionnaire benchmark does it (bench/questionnaire.py, whose server helpers
this reuses): a fresh PostgreSQL database `lockin_bench_api` on 127.0.0.1:5432 (dropped again
at the end), migrated, with the shipped catalog imported, served by gunicorn as in production
(DEBUG off, persistent connections). 20 consultants, each the admin of their own firm with 4
client organizations of 10 assessments each (so each sees 40 assessments, and a list page holds
25 of them), each with a personal API token.

Load: 20 clients, one thread each, as integration scripts polling the API: each sends
`GET /api/v1/assessments/` with its bearer token, cycling through the first page, the second
page, one organization's assessments and the list ordered by title, then pauses 0.2-1.0 s
(uniformly random, fixed seed per client) before the next request, as the questionnaire
benchmark's users do. Throttling is set out of the way (`API_THROTTLE_RATE`): it is not what
is measured.

Latency is wall-clock time on the client, from opening the connection to the last byte of the
body, for requests started in the measured window (after a warm-up). Every response must be a
200 whose JSON holds the expected number of results; any failure fails the section. The
server's own time per request (gunicorn access log) is reported too (`*_server_ms_*`).
"""

import http.client
import json
import os
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from bench.questionnaire import (
    PHASE_HEADER,
    TIMEOUT_S,
    _admin_connection,
    _gunicorn,
    _manage,
    _percentiles,
)

BASE_DIR = Path(__file__).resolve().parent.parent
POSTGRES = "postgres://postgres@127.0.0.1:5432"
DATABASE = "lockin_bench_api"
CLIENTS = 20
CLIENTS_PER_FIRM = 4
ASSESSMENTS_PER_CLIENT = 10
WARM_UP_S = 5.0
DURATION_S = 30.0
THINK_S = (0.2, 1.0)
SEED = 13

SEED_SCRIPT = """
import json
from advisor.accounts.models import User
from advisor.accounts.services import firm_create, organization_create
from advisor.api.services import token_create
from advisor.questionnaire.services import assessment_create

seeded = []
for n in range(CLIENTS):
    email = f"bench-api{n:02d}@example.com"
    user = User.objects.create(username=email, email=email, first_name="Bench", last_name=f"Client {n:02d}")
    firm = firm_create(name=f"Bench Firm {n:02d}", admin=user)
    slugs = []
    for c in range(CLIENTS_PER_FIRM):
        organization = organization_create(name=f"Bench Client {n:02d}-{c}", firm=firm)
        slugs.append(organization.slug)
        for a in range(ASSESSMENTS_PER_CLIENT):
            assessment_create(organization=organization, user=user, title=f"Sitting {a:02d}")
    seeded.append({"token": token_create(user=user, name="bench")[1], "organization": slugs[0]})
print("SEEDED " + json.dumps(seeded))
"""


def run() -> dict[str, float]:
    print(f"  load average before the run: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    _recreate_database()
    try:
        with tempfile.TemporaryDirectory(prefix="lockin-bench-api-") as var_dir:
            env = _app_env(Path(var_dir))
            _manage(env, "migrate", "--noinput")
            # _gunicorn waits for the sign-in page, which needs collectstatic's manifest (DEBUG off).
            _manage(env, "collectstatic", "--noinput", "--verbosity", "0")
            _manage(env, "import_catalog", str(BASE_DIR / "fixtures" / "catalog"))
            clients = _seed(env)
            access_log = Path(var_dir) / "access.log"
            with _gunicorn(env, Path(var_dir), access_log) as port:
                samples = _load(port, clients)
            server = _server_times(access_log)
    finally:
        _drop_database()

    figures: dict[str, float] = {}
    figures.update(_percentiles("api_list_assessments_ms", samples))
    figures.update(_percentiles("api_list_assessments_server_ms", server))
    figures["api_requests"] = len(samples)
    figures["api_clients"] = CLIENTS
    return figures


def _recreate_database() -> None:
    with _admin_connection() as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")


def _drop_database() -> None:
    with _admin_connection() as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def _app_env(var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "advisor.settings",
            "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
            "VAR_DIR": str(var_dir),
            "ALLOWED_HOSTS": "127.0.0.1",
            "DEBUG": "false",
            "WHITENOISE_USE_FINDERS": "true",
            "LOG_LEVEL": "WARNING",
            "API_THROTTLE_RATE": "1000000/min",
        }
    )
    return env


def _seed(env: dict[str, str]) -> list[dict]:
    constants = "".join(
        f"{name} = {value}\n"
        for name, value in [
            ("CLIENTS", CLIENTS),
            ("CLIENTS_PER_FIRM", CLIENTS_PER_FIRM),
            ("ASSESSMENTS_PER_CLIENT", ASSESSMENTS_PER_CLIENT),
        ]
    )
    output = _manage(env, "shell", "--no-imports", "-c", constants + SEED_SCRIPT)
    line = next((line for line in output.splitlines() if line.startswith("SEEDED ")), None)
    if line is None:
        raise RuntimeError(f"seeding printed no clients:\n{output}")
    return json.loads(line.removeprefix("SEEDED "))


def _server_times(access_log: Path) -> list[float]:
    times = []
    for line in access_log.read_text().splitlines():
        phase, _method, path, _status, micros = line.split()
        if phase == "measure" and path == "/api/v1/assessments/":
            times.append(int(micros) / 1000)
    return times


class _Run:
    def __init__(self, port: int):
        self.port = port
        self.lock = threading.Lock()
        self.samples: list[float] = []
        self.failures: list[str] = []
        self.measure_from = self.measure_until = 0.0
        self.ready = threading.Barrier(CLIENTS, action=self._start_clock)

    def _start_clock(self) -> None:
        self.measure_from = time.perf_counter() + WARM_UP_S
        self.measure_until = self.measure_from + DURATION_S


class _Client(threading.Thread):
    def __init__(self, run: _Run, number: int, seeded: dict):
        super().__init__(name=f"bench-api-client-{number}", daemon=True)
        self.run_ = run
        self.token = seeded["token"]
        self.random = random.Random(SEED * 1000 + number)
        # (query, results expected): 40 assessments in 4 organizations, 25 to a page.
        self.queries = [
            ("", 25),
            ("?page=2", 15),
            (f"?organization={seeded['organization']}", ASSESSMENTS_PER_CLIENT),
            ("?ordering=title", 25),
        ]

    def run(self) -> None:
        try:
            self.run_.ready.wait(timeout=TIMEOUT_S)
        except threading.BrokenBarrierError:
            return
        time.sleep(self.random.uniform(0, THINK_S[1]))
        step = 0
        while time.perf_counter() < self.run_.measure_until:
            try:
                self._list(*self.queries[step % len(self.queries)])
            except Exception as error:  # noqa: BLE001 - a broken request is a failure, not a crash
                with self.run_.lock:
                    self.run_.failures.append(f"{error!r}")
            step += 1
            time.sleep(self.random.uniform(*THINK_S))

    def _list(self, query: str, expected: int) -> None:
        started = time.perf_counter()
        measured = self.run_.measure_from <= started < self.run_.measure_until
        headers = {
            "Authorization": f"Bearer {self.token}",
            "Accept": "application/json",
            PHASE_HEADER: "measure" if measured else "warmup",
        }
        connection = http.client.HTTPConnection("127.0.0.1", self.run_.port, timeout=30)
        try:
            connection.request("GET", f"/api/v1/assessments/{query}", headers=headers)
            response = connection.getresponse()
            body = response.read()
        finally:
            connection.close()
        elapsed = time.perf_counter() - started
        if response.status != 200:
            raise RuntimeError(f"GET /api/v1/assessments/{query}: HTTP {response.status} {body[:200]!r}")
        results = json.loads(body)["results"]
        if len(results) != expected:
            raise RuntimeError(
                f"GET /api/v1/assessments/{query}: {len(results)} results, expected {expected}"
            )
        if measured:
            with self.run_.lock:
                self.run_.samples.append(elapsed * 1000)


def _load(port: int, seeded: list[dict]) -> list[float]:
    run = _Run(port)
    clients = [_Client(run, number, account) for number, account in enumerate(seeded)]
    for client in clients:
        client.start()
    for client in clients:
        client.join(timeout=WARM_UP_S + DURATION_S + 120)
    if any(client.is_alive() for client in clients):
        run.failures.append("some clients did not finish")
    if run.failures:
        summary = "\n".join(
            f"  {count} x {failure}" for failure, count in Counter(run.failures).most_common(10)
        )
        raise RuntimeError(f"{len(run.failures)} failed request(s) under load:\n{summary}")
    return run.samples
