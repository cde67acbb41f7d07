"""`make bench`: see bench/__main__.py. Small helpers the sections share."""

import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import psycopg

BASE_DIR = Path(__file__).resolve().parent.parent
POSTGRES = "postgres://postgres@127.0.0.1:5432"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def responds_ok(url: str) -> bool:
    """Whether `url` answers 200 right now (a server that is not up yet is simply False)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def run_section(name: str) -> dict[str, float]:
    """One section's figures (in the process `python -m bench` starts for it)."""
    import importlib

    return importlib.import_module(f"bench.{name}").run()


def manage(*args: str) -> None:
    """`manage.py ARGS` in a child process, with this process's environment."""
    subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, check=True, stdout=subprocess.DEVNULL)


def recreate_database(name: str) -> None:
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True, connect_timeout=5) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")


def drop_database(name: str) -> None:
    """Drop a section's database, closing this process's Django connections to it first."""
    from django.db import connections

    connections.close_all()
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True, connect_timeout=5) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
