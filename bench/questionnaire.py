"""Questionnaire under load: 20 people filling their assessments at once, on gunicorn + PostgreSQL.

Target (issue 4): the 95th percentile of section page loads and of autosaves under 50 ms.

Set-up: a fresh PostgreSQL database `lockin_bench` on 127.0.0.1:5432 (dropped again at the
end), migrated, with the shipped catalog and questionnaire imported, and 20 users, each the
admin of their own organization with one draft assessment started from the template profile
`fixtures/profiles/regulated-bank.json` (so the workloads section has three workloads). The
app is served by gunicorn exactly as in production (DEBUG off, persistent database
connections, hashed static files), on a free port.

Load: 20 simulated users, one thread each with its own cookie jar, sign in through the real
login form, then loop like a person filling the questionnaire: open a section page (cycling
through organization, workloads, suite, practices, contracts), think, change one answer
(the number of employees, the annual AI spend or a workload's monthly spend, always to a new
valid value so every save really writes a new revision), posted as the browser's htmx
autosave does (`HX-Request`, `X-CSRFToken`, the revision the page showed), think again.
Think time is 0.2-1.0 s, uniformly random with a fixed seed per user, as people pause between
actions; without it 20 threads would be a stress test of 20 requests always in flight, not
20 users. Static files are not fetched (a browser has them cached after the first page).

Latency is wall-clock time on the client, from opening the connection to the last byte of
the body, for requests started in the measured window (after a warm-up). Every response must
be 200 (and every save must answer "Saved" with the next revision); any failure fails the
section with the status codes. The server's own time per request (gunicorn access log, `%(D)s`
in microseconds) is reported too (`*_server_ms_*`), so queueing and machine noise can be told
apart from the app's cost.
"""

import contextlib
import http.client
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from http.cookies import SimpleCookie
from pathlib import Path

import psycopg

from bench import free_port, responds_ok

BASE_DIR = Path(__file__).resolve().parent.parent
POSTGRES = "postgres://postgres@127.0.0.1:5432"
DATABASE = "lockin_bench"
USERS = 20
PASSWORD = "bench-questionnaire-2024"
TEMPLATE_PROFILE = "regulated-bank"
SECTIONS = ["organization", "workloads", "suite", "practices", "contracts"]
# Two cores are shared by gunicorn, PostgreSQL and this load generator. Sync workers block
# while PostgreSQL works, so two per core keep both cores busy; more (gunicorn's 2 x cores + 1)
# only adds context switches and memory, not CPU. Measured with 2, 3, 4 and 5 workers: the
# client-side p95 stays within run-to-run noise (with 2, requests wait in the listen queue
# instead of in a busy worker: lower server-side p95, same client-side p95).
WEB_WORKERS = 4
WARM_UP_S = 5.0
DURATION_S = 30.0
THINK_S = (0.2, 1.0)
SEED = 4
TIMEOUT_S = 60
PHASE_HEADER = "X-Bench-Phase"  # "warmup" or "measure": lets the access log be split the same way

REVISION = re.compile(r'name="rev:([^"]+)"[^>]*?value="(\d+)"')
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# Like advisor.accounts.services.account_sign_up (a user who is the admin of a new
# organization), but the password is hashed once for all 20 users: PBKDF2 at Django's
# default work factor costs over a second per hash here. The login form still checks it.
SEED_SCRIPT = """
import json
from django.contrib.auth.hashers import make_password
from advisor.accounts.models import OrganizationMembership, User
from advisor.accounts.services import organization_create
from advisor.questionnaire.profiles import profile_template
from advisor.questionnaire.services import assessment_create

profile = profile_template(TEMPLATE)
password = make_password(PASSWORD)
seeded = []
for n in range(USERS):
    email = f"bench{n:02d}@example.com"
    user = User.objects.create(
        username=email, email=email, password=password, first_name="Bench", last_name=f"User {n:02d}"
    )
    organization = organization_create(name=f"Bench Organization {n:02d}")
    OrganizationMembership.objects.create(
        user=user, organization=organization, role=OrganizationMembership.Role.ADMIN
    )
    assessment = assessment_create(
        organization=organization, user=user, origin="template", profile=profile
    )
    seeded.append({
        "username": user.username,
        "password": PASSWORD,
        "assessment": assessment.pk,
        "workload": assessment.items.filter(kind="workloads").first().uid,
    })
print("SEEDED " + json.dumps(seeded))
"""


def run() -> dict[str, float]:
    # Other processes on the machine show up in the figures; say how busy it was.
    print(f"  load average before the run: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    _recreate_database()
    try:
        with tempfile.TemporaryDirectory(prefix="lockin-bench-questionnaire-") as var_dir:
            env = _app_env(Path(var_dir))
            _manage(env, "migrate", "--noinput")
            # With DEBUG off, {% static %} needs collectstatic's manifest (WHITENOISE_USE_FINDERS
            # serves the files but makes no manifest): every page would be a 500 without it.
            # It writes STATIC_ROOT (staticfiles/ in the checkout), as `make prepare` does.
            _manage(env, "collectstatic", "--noinput", "--verbosity", "0")
            _manage(env, "import_catalog", str(BASE_DIR / "fixtures" / "catalog"))
            users = _seed(env)
            access_log = Path(var_dir) / "access.log"
            with _gunicorn(env, Path(var_dir), access_log) as port:
                samples = _load(port, users)
            server = _server_times(access_log)
    finally:
        _drop_database()

    figures: dict[str, float] = {}
    for kind in ("get", "save"):
        figures.update(_percentiles(f"questionnaire_{kind}_ms", samples[kind]))
    for kind in ("get", "save"):
        figures.update(_percentiles(f"questionnaire_{kind}_server_ms", server[kind]))
    figures["questionnaire_requests"] = len(samples["get"]) + len(samples["save"])
    figures["questionnaire_users"] = USERS
    return figures


def _percentiles(prefix: str, samples: list[float]) -> dict[str, float]:
    if len(samples) < 2:
        raise RuntimeError(f"{prefix}: only {len(samples)} measured request(s)")
    cuts = statistics.quantiles(samples, n=100)
    return {f"{prefix}_p50": round(statistics.median(samples), 2), f"{prefix}_p95": round(cuts[94], 2)}


# ---------------------------------------------------------------------------------------------
# Database, app set-up and seeding


def _admin_connection() -> psycopg.Connection:
    try:
        return psycopg.connect(f"{POSTGRES}/postgres", autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        raise RuntimeError(
            "The questionnaire benchmark needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust "
            f"auth), which is not reachable: {error}".strip()
        ) from None


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
        }
    )
    return env


def _manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def _seed(env: dict[str, str]) -> list[dict]:
    script = f"USERS = {USERS}\nPASSWORD = {PASSWORD!r}\nTEMPLATE = {TEMPLATE_PROFILE!r}\n" + SEED_SCRIPT
    output = _manage(env, "shell", "--no-imports", "-c", script)
    line = next((line for line in output.splitlines() if line.startswith("SEEDED ")), None)
    if line is None:
        raise RuntimeError(f"seeding printed no users:\n{output}")
    return json.loads(line.removeprefix("SEEDED "))


# ---------------------------------------------------------------------------------------------
# The server


@contextlib.contextmanager
def _gunicorn(env: dict[str, str], var_dir: Path, access_log: Path) -> Iterator[int]:
    """gunicorn on a free port, answering; stopped with SIGTERM (SIGKILL after 30 s) on exit."""
    port = free_port()
    log = var_dir / "gunicorn.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "advisor.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WEB_WORKERS),
        "--threads",
        "1",
        "--graceful-timeout",
        "5",
        # Not the default ~/.gunicorn/gunicorn.ctl, shared by every gunicorn of this user: it
        # would take over the control socket of one already running here (`make run`).
        "--no-control-socket",
        "--access-logfile",
        str(access_log),
        "--access-logformat",
        f"%({{{PHASE_HEADER.lower()}}}i)s %(m)s %(U)s %(s)s %(D)s",
    ]
    with log.open("w") as output:
        process = subprocess.Popen(
            command, cwd=BASE_DIR, env=env, stdout=output, stderr=output, start_new_session=True
        )
    try:
        started = time.perf_counter()
        while not responds_ok(f"http://127.0.0.1:{port}/accounts/login/"):
            if process.poll() is not None or time.perf_counter() - started > TIMEOUT_S:
                raise RuntimeError(f"gunicorn did not answer within {TIMEOUT_S} s:\n{_tail(log)}")
            time.sleep(0.2)
        yield port
    except BaseException:
        print(f"gunicorn log (last lines):\n{_tail(log)}", file=sys.stderr)
        raise
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _tail(log: Path, lines: int = 40) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def _server_times(access_log: Path) -> dict[str, list[float]]:
    """Server-side milliseconds of the measured requests, from the access log."""
    times: dict[str, list[float]] = {"get": [], "save": []}
    for line in access_log.read_text().splitlines():
        phase, method, path, _status, micros = line.split()
        if phase != "measure":
            continue
        kind = "save" if method == "POST" and path.endswith("/answer/") else "get"
        times[kind].append(int(micros) / 1000)
    return times


# ---------------------------------------------------------------------------------------------
# The simulated users


class _Browser:
    """One person's browser: a cookie jar and one connection per request (gunicorn's sync
    workers close the connection after each response anyway)."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, fields: dict | None = None, headers: dict | None = None
    ) -> tuple[int, str, float]:
        """(status, body, seconds), timed from connecting to the last byte of the body."""
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", errors="replace")
        finally:
            connection.close()
        elapsed = time.perf_counter() - started
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response.status, text, elapsed


class _Run:
    """What the users share: the clock of the measured window, the samples and the failures."""

    def __init__(self, port: int):
        self.port = port
        self.lock = threading.Lock()
        self.samples: dict[str, list[float]] = {"get": [], "save": []}
        self.failures: list[str] = []
        self.measure_from = self.measure_until = 0.0
        self.ready = threading.Barrier(USERS, action=self._start_clock)

    def _start_clock(self) -> None:
        self.measure_from = time.perf_counter() + WARM_UP_S
        self.measure_until = self.measure_from + DURATION_S

    def fail(self, what: str) -> None:
        with self.lock:
            self.failures.append(what)


class _User(threading.Thread):
    def __init__(self, run: _Run, number: int, account: dict):
        super().__init__(name=f"bench-user-{number}", daemon=True)
        self.run_, self.account = run, account
        self.browser = _Browser(run.port)
        self.random = random.Random(SEED * 1000 + number)
        self.base = f"/assessments/{account['assessment']}"
        self.revisions: dict[str, int] = {}
        self.saves = 0
        workload = account["workload"]
        self.save_keys = [
            ("organization.employees", lambda n: str(5000 + n)),
            ("organization.annual_ai_spend_usd", lambda n: f"{2_400_000 + 250 * n}"),
            (f"workloads.{workload}.monthly_spend_usd", lambda n: f"{42000 + n}.50"),
        ]

    def run(self) -> None:
        try:
            self._sign_in()
            for slug in ("organization", "workloads"):  # the revisions of the answers it changes
                self._open(slug, measured=False)
        except Exception as error:  # noqa: BLE001 - reported as a failure of the section
            self.run_.fail(f"{self.account['username']} could not start: {error!r}")
            self.run_.ready.abort()
            return
        try:
            self.run_.ready.wait()
        except threading.BrokenBarrierError:
            return
        time.sleep(self.random.uniform(0, THINK_S[1]))  # people do not all start the same instant
        step = 0
        while time.perf_counter() < self.run_.measure_until:
            self._guarded(self._open, SECTIONS[step % len(SECTIONS)])
            self._think()
            if time.perf_counter() >= self.run_.measure_until:
                break
            self._guarded(self._save)
            self._think()
            step += 1

    def _think(self) -> None:
        time.sleep(self.random.uniform(*THINK_S))

    def _guarded(self, action, *args) -> None:
        try:
            action(*args)
        except Exception as error:  # noqa: BLE001 - a broken request is a failure, not a crash
            self.run_.fail(f"{action.__name__}: {error!r}")

    def _sign_in(self) -> None:
        status, page, _ = self.browser.request("GET", "/accounts/login/")
        token = CSRF_INPUT.search(page)
        if status != 200 or token is None:
            raise RuntimeError(f"login page: HTTP {status}")
        status, _, _ = self.browser.request(
            "POST",
            "/accounts/login/",
            fields={
                "csrfmiddlewaretoken": token.group(1),
                "username": self.account["username"],
                "password": self.account["password"],
                "next": "",
            },
            headers={"Referer": self._url("/accounts/login/")},
        )
        if status != 302 or "sessionid" not in self.browser.cookies:
            raise RuntimeError(f"sign-in: HTTP {status}, not signed in")

    def _open(self, slug: str, measured: bool = True) -> None:
        path = f"{self.base}/sections/{slug}/"
        started = time.perf_counter()
        status, page, elapsed = self.browser.request("GET", path, headers=self._headers(started))
        if status != 200:
            self.run_.fail(f"GET {path}: HTTP {status}")
            return
        self.revisions.update((key, int(value)) for key, value in REVISION.findall(page))
        if measured:
            self._record("get", started, elapsed)

    def _save(self) -> None:
        key, value_for = self.save_keys[self.saves % len(self.save_keys)]
        self.saves += 1
        value = value_for(self.saves)
        revision = self.revisions.get(key, 0)
        path = f"{self.base}/answer/"
        started = time.perf_counter()
        status, body, elapsed = self.browser.request(
            "POST",
            path,
            fields={"key": key, key: value, f"rev:{key}": str(revision)},
            headers={
                **self._headers(started),
                "HX-Request": "true",
                "HX-Current-URL": self._url(f"{self.base}/sections/{key.split('.')[0]}/"),
                "X-CSRFToken": self.browser.cookies.get("csrftoken", ""),
                "Referer": self._url(f"{self.base}/sections/{key.split('.')[0]}/"),
            },
        )
        new_revision = dict(REVISION.findall(body)).get(key)
        if status != 200 or 'class="saved"' not in body or new_revision != str(revision + 1):
            said = " ".join(re.sub(r"<[^>]+>", " ", body).split())[:120]
            self.run_.fail(
                f"POST {path} {key}={value}: HTTP {status}, revision {revision} -> {new_revision}: {said}"
            )
            return
        self.revisions[key] = int(new_revision)
        self._record("save", started, elapsed)

    def _headers(self, started: float) -> dict[str, str]:
        measured = self.run_.measure_from <= started < self.run_.measure_until
        return {PHASE_HEADER: "measure" if measured else "warmup"}

    def _record(self, kind: str, started: float, elapsed: float) -> None:
        if self.run_.measure_from <= started < self.run_.measure_until:
            with self.run_.lock:
                self.run_.samples[kind].append(elapsed * 1000)

    def _url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.run_.port}{path}"


def _load(port: int, accounts: list[dict]) -> dict[str, list[float]]:
    run = _Run(port)
    users = [_User(run, number, account) for number, account in enumerate(accounts)]
    for user in users:
        user.start()
    for user in users:
        user.join(timeout=WARM_UP_S + DURATION_S + 120)
    if any(user.is_alive() for user in users):
        run.fail("some simulated users did not finish")
    if run.failures:
        by_kind = Counter(re.sub(r"/assessments/\d+/", "/assessments/<id>/", f) for f in run.failures)
        statuses = Counter(re.findall(r"HTTP (\d+)", " ".join(run.failures)))
        summary = "\n".join(f"  {count} x {failure}" for failure, count in by_kind.most_common(10))
        raise RuntimeError(
            f"{len(run.failures)} failed request(s) under load (HTTP status codes: "
            f"{dict(statuses) or 'none, see below'}):\n{summary}"
        )
    return run.samples
