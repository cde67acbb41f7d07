from django.utils.functional import SimpleLazyObject

from advisor.accounts.models import Organization
from advisor.accounts.selectors import firms_of


def navigation(request) -> dict:
    """What the navigation bar offers: the user's firms and organizations.

    Lazy, so responses that never show the navigation (autosave fragments) cost no query.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_firms": SimpleLazyObject(lambda: firms_of(user)),
        "nav_organizations": SimpleLazyObject(
            lambda: list(Organization.objects.filter(memberships__user=user).order_by("name"))
        ),
    }
