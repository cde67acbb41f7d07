"""ETag / If-Match on updates: a client changes what it read, or is told someone else did.

The tag covers what an update can collide with (the title) and what ends updates (status),
not the answers: colleagues filling in the questionnaire do not make a rename fail, just as
answer_save's per-answer lock lets two people edit different answers of one assessment.
"""

import hashlib

from advisor.api.problems import Problem


def assessment_etag(assessment) -> str:
    state = f"{assessment.pk}|{assessment.title}|{assessment.status}|{assessment.submitted_at}"
    return '"' + hashlib.sha256(state.encode()).hexdigest()[:32] + '"'


def require_if_match(request, current: str) -> None:
    """Refuse with 428 when If-Match is missing, 412 when it does not match `current`."""
    header = request.headers.get("If-Match")
    if header is None:
        raise Problem(
            status_code=428,
            kind="precondition-required",
            detail="Send If-Match with the ETag of the assessment as you read it (GET it first).",
            headers={"ETag": current},
        )
    tags = [tag.strip() for tag in header.split(",")]
    if "*" not in tags and current not in tags:
        raise Problem(
            status_code=412,
            kind="precondition-failed",
            detail="The assessment changed since you read it; GET it again, then retry your change.",
            headers={"ETag": current},
        )
