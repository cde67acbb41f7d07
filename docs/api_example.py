"""An example client of the Lock-in Advisor REST API, using only HTTP (Python's standard library).

It creates an assessment from a profile JSON file, submits it and prints its scores, then
requests the PDF report, polls it (printing its progress) until a worker has rendered it, and
downloads it.

    python docs/api_example.py --url http://127.0.0.1:8000 --token lia_... \\
        --organization northwind-bank --profile fixtures/profiles/regulated-bank.json --output var/

The token comes from your account page (/account/); --token may be left out when the
LOCKIN_API_TOKEN environment variable holds it, and --url when LOCKIN_API_URL does. Requesting a
report takes an organization admin or a consultant of the organization's firm, and a running
worker (`make run` starts one).
Exit codes: 0 done, 1 the API refused something or the report failed (the reason is printed),
2 timed out.
"""

import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path


class ApiError(Exception):
    """An error answer of the API: a problem document (RFC 9457)."""

    def __init__(self, status: int, problem: dict):
        self.status = status
        self.problem = problem
        super().__init__(f"HTTP {status}: {problem.get('detail') or problem.get('title')}")

    def explain(self) -> str:
        lines = [str(self)]
        for error in self.problem.get("errors", []):
            lines.append(f"  {error['field'] or '(the whole document)'}: {error['detail']}")
        return "\n".join(lines)


class Client:
    def __init__(self, base_url: str, token: str, timeout: float = 30):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout

    def request(self, method: str, url: str, body: bytes | None = None, headers: dict | None = None):
        """(status, parsed JSON body) of a request; ApiError for an error answer."""
        status, _headers, data = self.send(
            method, url, body, {"Accept": "application/json", **(headers or {})}
        )
        return status, json.loads(data or b"null")

    def send(self, method: str, url: str, body: bytes | None = None, headers: dict | None = None):
        """(status, headers, body bytes) of a request; ApiError for an error answer. A throttled
        request (429) is retried after the time the API asks for."""
        if url.startswith("/"):
            url = self.base_url + url
        headers = {"Authorization": f"Bearer {self.token}", **(headers or {})}
        if body is not None:
            headers["Content-Type"] = "application/json"
        for _attempt in range(5):
            request = urllib.request.Request(url, data=body, headers=headers, method=method)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return response.status, response.headers, response.read()
            except urllib.error.HTTPError as error:
                problem = _problem(error)
                if error.code == 429:
                    time.sleep(float(error.headers.get("Retry-After", "1")))
                    continue
                raise ApiError(error.code, problem) from None
        raise ApiError(429, {"detail": "still throttled after 5 tries"})


def _problem(error: urllib.error.HTTPError) -> dict:
    try:
        return json.loads(error.read())
    except ValueError:
        return {"title": error.reason, "detail": ""}


def create_assessment(client: Client, organization: str, profile: bytes) -> dict:
    # The same key on a retry (after a time-out, say) gets the same assessment, not a second one.
    _status, assessment = client.request(
        "POST",
        f"/api/v1/organizations/{organization}/assessments/",
        body=profile,
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    return assessment


def wait_for_score(client: Client, assessment: dict, timeout: float) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        try:
            return client.request("GET", assessment["links"]["score"])[1]
        except ApiError as error:
            # 404 "not-scored": submitted, waiting for a scoring model; anything else is final.
            if not error.problem.get("type", "").endswith(":not-scored") or time.monotonic() > deadline:
                raise
        time.sleep(1)


def print_scores(score: dict) -> None:
    result = score["result"]
    overall = result["overall"]
    print(f"Lock-in index: {overall['lock_in_index']} ({overall['band']})")
    print(f"Catalog {result['catalog_version']}, model {score['model_version']}")
    for ecosystem in result["ecosystems"][:3]:
        print(f"  {ecosystem['ecosystem']:<20} exposure {ecosystem['exposure']:>5} ({ecosystem['band']})")


def request_report(client: Client, assessment: dict) -> dict:
    # 202 Accepted: the report is queued, and a worker renders it.
    _status, report = client.request(
        "POST", assessment["links"]["reports"], headers={"Idempotency-Key": str(uuid.uuid4())}
    )
    return report


def wait_for_report(client: Client, report: dict, timeout: float) -> dict:
    """Poll the report until it is ready or failed, printing each change of its progress."""
    deadline = time.monotonic() + timeout
    shown = None
    while True:
        progress = (report["status"], report["progress"], report["stage"])
        if progress != shown:
            print(f"Report {report['id']}: {report['status']} {report['progress']}% ({report['stage']})")
            shown = progress
        if report["status"] in ("ready", "failed"):
            return report
        if time.monotonic() > deadline:
            raise TimeoutError(f"the report was still {report['status']} after {timeout:g} seconds")
        time.sleep(0.5)
        report = client.request("GET", report["url"])[1]


def download(client: Client, url: str, folder: Path) -> Path:
    _status, headers, data = client.send("GET", url, headers={"Accept": "application/pdf"})
    # The API names the file (ASCII letters, digits and dashes); keep only its last part all the same.
    path = folder / Path(headers.get_filename() or "report.pdf").name
    path.write_bytes(data)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("LOCKIN_API_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--token", default=os.environ.get("LOCKIN_API_TOKEN"))
    parser.add_argument("--organization", required=True, help="the organization's slug")
    parser.add_argument("--profile", required=True, type=Path, help="a profile JSON file (lockin-profile/1)")
    parser.add_argument("--output", type=Path, default=Path("."), help="the folder to save the PDF in")
    parser.add_argument(
        "--timeout", type=float, default=120, help="seconds to wait for the scores, and for the report"
    )
    args = parser.parse_args(argv)
    if not args.token:
        parser.error("give --token or set LOCKIN_API_TOKEN (create one on your account page)")
    client = Client(args.url, args.token)

    try:
        assessment = create_assessment(client, args.organization, args.profile.read_bytes())
        print(f"Created assessment {assessment['id']}: {assessment['title']} ({assessment['url']})")
        client.request("POST", assessment["links"]["submit"])
        print("Submitted; waiting for the scores …")
        print_scores(wait_for_score(client, assessment, args.timeout))
        report = wait_for_report(client, request_report(client, assessment), args.timeout)
        if report["status"] == "failed":
            print(f"The report failed: {report['error']}", file=sys.stderr)
            return 1
        args.output.mkdir(parents=True, exist_ok=True)
        path = download(client, report["download_url"], args.output)
    except ApiError as error:
        print(error.explain(), file=sys.stderr)
        return 2 if error.problem.get("type", "").endswith(":not-scored") else 1
    except TimeoutError as error:
        print(f"Timed out: {error}", file=sys.stderr)
        return 2
    print(f"Saved the report ({report['pages']} pages) as {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
