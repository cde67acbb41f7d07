import socket

from celery import shared_task


@shared_task
def ping() -> dict:
    """A round trip through the broker: proves a worker is consuming and answering."""
    return {"pong": True, "worker_host": socket.gethostname()}
