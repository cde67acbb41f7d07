"""The engine is plain Python: importing it must not import Django."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

# `advisor/__init__.py` starts the Celery app, which imports Django; the engine itself must not.
# So the parent packages are registered empty, and only the engine's own imports are measured.
SCRIPT = """
import sys, types
for name in ("advisor", "advisor.scoring", "advisor.catalog"):
    package = types.ModuleType(name)
    package.__path__ = [str(__import__("pathlib").Path("{root}", *name.split(".")))]
    sys.modules[name] = package
import advisor.scoring.engine
from advisor.scoring.engine import assumptions, calibration, card, golden, model, profile, scoring, training
import advisor.catalog.document
leaked = sorted(name for name in sys.modules if name == "django" or name.startswith("django."))
print(",".join(leaked) or "clean")
"""


def test_importing_the_engine_does_not_import_django():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(root=ROOT)], capture_output=True, text=True, cwd=ROOT, check=True
    )

    assert result.stdout.strip() == "clean", result.stdout + result.stderr


def test_no_engine_module_imports_django():
    engine = ROOT / "advisor" / "scoring" / "engine"
    importing = re.compile(r"^\s*(import|from)\s+django", re.MULTILINE)

    for path in engine.glob("*.py"):
        assert not importing.search(path.read_text()), path.name
