# The Celery app is created when Django starts (advisor.core.apps) and found by
# `celery -A advisor` in advisor/celery.py. Importing it here would pull Django into
# every import of the package, and the scoring engine must stay importable without it.
