import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from advisor.domain import scoring as engine
from advisor.scoring.services import NoActiveModel, profile_score


class Command(BaseCommand):
    help = (
        "Score a workload profile (lockin-profile/1, see profile-format.md) and print the scores "
        "document (lockin-scores/1) as JSON. On a bad profile, print one line naming the field "
        "on standard error and exit 1. PROFILE may be - for standard input."
    )

    def add_arguments(self, parser):
        parser.add_argument("profile", help="path of the profile JSON file, or - for standard input")

    def handle(self, *args, profile: str, **options):
        try:
            text = sys.stdin.read() if profile == "-" else Path(profile).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            self._fail(f"{profile}: cannot read the file ({error})")
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            self._fail(f"{profile}: not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}")
        try:
            scores = profile_score(document)
        except engine.ProfileError as error:
            self._fail(str(error))
        except NoActiveModel as error:
            self._fail(str(error))
        self.stdout.write(json.dumps(scores, indent=2, ensure_ascii=False))

    def _fail(self, message: str) -> None:
        self.stderr.write(message.replace("\n", " "))
        sys.exit(1)
