"""Thin tasks: take an id, call a service. Retries and time limits live here.

Every task runs on the reports queue (settings.REPORTS_QUEUE), acknowledged late and rejected
(so redelivered) when its worker dies; the periodic sweep catches what redelivery misses.
"""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from advisor.reports import services

logger = logging.getLogger(__name__)


def enqueue_render(report_id: int) -> None:
    render_report.apply_async(args=(report_id,), queue=settings.REPORTS_QUEUE)


def enqueue_archive(batch_id: int) -> None:
    archive_batch.apply_async(args=(batch_id,), queue=settings.REPORTS_QUEUE)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.REPORT_SOFT_TIME_LIMIT,
    time_limit=settings.REPORT_TIME_LIMIT,
    max_retries=settings.REPORT_MAX_RETRIES,
)
def render_report(self, report_id: int) -> None:
    try:
        services.report_render(report_id=report_id)
    except SoftTimeLimitExceeded:
        services.report_time_limit_exceeded(report_id=report_id)
    except services.TransientError as error:
        if self.request.retries >= self.max_retries:
            services.report_give_up(report_id=report_id, error=str(error))
            return
        # Exponential backoff: 2, 4, 8 … seconds.
        raise self.retry(exc=error, countdown=2 ** (self.request.retries + 1)) from error


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=120, time_limit=180)
def archive_batch(batch_id: int) -> None:
    services.batch_archive(batch_id=batch_id)


@shared_task(acks_late=True, soft_time_limit=50, time_limit=60)
def sweep_reports() -> dict:
    return services.reports_sweep()
