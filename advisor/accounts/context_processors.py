from advisor.accounts.models import Organization
from advisor.accounts.selectors import firms_of


def navigation(request) -> dict:
    """What the navigation bar offers: the user's firms and organizations."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    firms = firms_of(user)
    own_organizations = list(Organization.objects.filter(memberships__user=user).order_by("name"))
    return {"nav_firms": firms, "nav_organizations": own_organizations}
