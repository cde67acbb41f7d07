import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from advisor.domain import scoring as engine
from advisor.domain.profile import check_profile_size, load_profile_json
from advisor.scoring.services import NoActiveModel, profile_score


class Command(BaseCommand):
    help = (
        "Score a workload profile (lockin-profile/2, or /1 converted; see profile-format.md) and "
        "print the scores document as JSON. On a bad profile, print one line naming the field on "
        "standard error and exit 1. PROFILE may be - for standard input."
    )

    def add_arguments(self, parser):
        parser.add_argument("profile", help="path of the profile JSON file, or - for standard input")

    def handle(self, *args, profile: str, **options):
        try:
            data = self._read(profile)
        except OSError as error:
            self._fail(f"{profile}: cannot read the file ({error})")
        try:
            # The same bounds as an upload: size, nesting, counts and digits before validation.
            scores = profile_score(load_profile_json(data))
        except engine.ProfileError as error:
            path, message = error.errors[0]
            self._fail(f"{path or profile}: {message}")
        except NoActiveModel as error:
            self._fail(str(error))
        self.stdout.write(json.dumps(scores, indent=2, ensure_ascii=False))

    def _read(self, profile: str) -> bytes:
        if profile == "-":
            stdin = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
            return stdin.read() if stdin else sys.stdin.read().encode()
        path = Path(profile)
        try:
            check_profile_size(path.stat().st_size)
        except engine.ProfileError as error:
            self._fail(f"{profile}: {error.errors[0][1]}")
        return path.read_bytes()

    def _fail(self, message: str) -> None:
        self.stderr.write(message.replace("\r", " ").replace("\n", " "))
        sys.exit(1)
