"""`make bench`: see bench/__main__.py. Small helpers the sections share."""

import socket
import urllib.request


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
