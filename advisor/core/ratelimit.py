"""Rate limits: count requests per key in fixed windows, in the cache every web worker shares.

The cache is Redis when REDIS_URL is set, else the database (settings.CACHES), so the three
gunicorn workers of `make run` count together. Redis counts exactly; the database cache's
increment is a read then a write, so a burst of parallel requests may slip a few past.
"""

import functools
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@dataclass(frozen=True)
class Limit:
    name: str
    count: int
    window_s: int
    what: str  # "password reset requests": the page a refused request gets names it

    @property
    def window_label(self) -> str:
        minutes = self.window_s // 60
        return f"{minutes} minutes" if minutes < 120 else f"{minutes // 60} hours"


def allow(limit: Limit, key: str) -> bool:
    """Count one request for `key`; False once `limit.count` were counted in this window."""
    window = int(time.time() // limit.window_s)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{limit.name}:{window}:{digest}"
    cache.add(cache_key, 0, timeout=limit.window_s + 5)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=limit.window_s + 5)
        count = 1
    return count <= limit.count


def client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "")


def posted_email(request: HttpRequest) -> str:
    return request.POST.get("email", "").strip().lower()


def signed_in_user(request: HttpRequest) -> str:
    return f"user:{request.user.pk}" if request.user.is_authenticated else f"ip:{client_ip(request)}"


def too_many_requests(request: HttpRequest, limit: Limit) -> HttpResponse:
    response = render(request, "core/too_many_requests.html", {"limit": limit}, status=429)
    response["Retry-After"] = str(limit.window_s)
    return response


def rate_limited(limit: Limit, by: Callable[[HttpRequest], str] = client_ip):
    """Decorator: POSTs beyond `limit` per key (`by(request)`) get a 429 page; GETs pass."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if request.method == "POST" and not allow(limit, by(request)):
                return too_many_requests(request, limit)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
