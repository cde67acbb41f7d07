import pytest

from advisor.questionnaire import services as questionnaire
from tests.conftest import confirm_every_section
from tests.scoring.conftest import active_model, small_model  # noqa: F401 - shared fixtures


@pytest.fixture
def scored(catalog, personas, bank_profile, active_model):  # noqa: F811
    """A client of firm A with a submitted, scored three-workload assessment (the bank)."""
    return scored_assessment(personas.client_a1, personas.consultant_a, bank_profile)


def scored_assessment(organization, user, profile, title=""):
    assessment = questionnaire.assessment_create(
        organization=organization, user=user, origin="template", profile=profile, title=title
    )
    confirm_every_section(assessment, user)
    return questionnaire.assessment_submit(assessment=assessment, user=user)


def pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)
