import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from advisor.accounts.models import Firm
from advisor.domain.profile import ProfileError
from advisor.reports.rendering import RenderError
from advisor.reports.services import profile_report_pdf
from advisor.scoring.services import NoActiveModel


class Command(BaseCommand):
    help = (
        "Render the PDF report of a workload profile (lockin-profile/2, or /1 converted) with the "
        "active catalog and model, through the same code as the workers, without the web app or a "
        "worker. On a bad profile, print one line naming the field on standard error and exit 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("profile", help="path of the profile JSON file, or - for standard input")
        parser.add_argument("out", help="path of the PDF to write")
        parser.add_argument("--firm", help="brand the report with this firm (its name, exactly)")

    def handle(self, *args, profile: str, out: str, firm: str | None = None, **options):
        try:
            text = sys.stdin.read() if profile == "-" else Path(profile).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            self._fail(f"{profile}: cannot read the file ({error})")
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            self._fail(f"{profile}: not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}")
        branding = None
        if firm is not None:
            branding = Firm.objects.filter(name=firm).first()
            if branding is None:
                self._fail(f"--firm: no firm is named {firm!r}")
        try:
            rendered = profile_report_pdf(profile=document, firm=branding)
        except (ProfileError, NoActiveModel, RenderError) as error:
            self._fail(str(error))
        Path(out).write_bytes(rendered.data)
        self.stdout.write(
            f"Wrote {out}: {rendered.pages} pages, {len(rendered.data) / 1024:.0f} KiB "
            f"(layout {rendered.layout_seconds:.2f} s, writing {rendered.write_seconds:.2f} s)."
        )

    def _fail(self, message: str) -> None:
        self.stderr.write(message.replace("\n", " "))
        sys.exit(1)
