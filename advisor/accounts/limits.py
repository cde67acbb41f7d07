"""How often the requests that send email to a chosen address may be made (core.ratelimit)."""

from advisor.core.ratelimit import Limit

HOUR = 3600
# Failed sign-ins per address are django-axes' (settings.AXES_*); this bounds all sign-in
# attempts from one client address (password spraying across many addresses).
SIGN_INS_PER_CLIENT = Limit("sign-in-ip", 60, 15 * 60, "sign-in attempts from your network")
SIGN_UPS_PER_ADDRESS = Limit("sign-up-address", 3, HOUR, "sign-ups with this address")
SIGN_UPS_PER_CLIENT = Limit("sign-up-ip", 10, HOUR, "sign-ups from your network")
RESETS_PER_ADDRESS = Limit("reset-address", 3, HOUR, "password reset requests for this address")
RESETS_PER_CLIENT = Limit("reset-ip", 20, HOUR, "password reset requests from your network")
# Adding people and inviting them to an assessment both email an address the sender picks;
# one count per signed-in user covers both.
PEOPLE_ADDED_PER_USER = Limit("people-added", 30, HOUR, "invitations and added people")
