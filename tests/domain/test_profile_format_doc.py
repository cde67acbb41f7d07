"""docs/profile-format.md says what the schema and the scores say: field paths, required or optional,
allowed values and bounds, in both directions. Pure: reads files, no database."""

import json
import re

from advisor.domain.profile import parse_profile, profile_schema, upgrade_profile_document
from advisor.domain.scoring.golden import NORTHWIND_BANK
from advisor.domain.vocabulary import ECOSYSTEMS
from tests.paths import REPO

DOC = (REPO / "docs" / "profile-format.md").read_text(encoding="utf-8")
RECORDED = REPO / "tests" / "domain" / "scoring" / "recorded_scores.json"
PROFILE_COLUMNS = ("path", "type", "required", "values", "meaning")
SCORES_COLUMNS = ("path", "type", "meaning")
BOUNDS = ("minimum", "maximum", "minItems", "maxItems", "minLength", "maxLength")


def section(heading: str) -> str:
    """The text under the `## ` heading that starts with `heading`, up to the next one."""
    return DOC.split(f"\n## {heading}", 1)[1].split("\n## ", 1)[0]


def table_rows(text: str, columns: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """Path → row of every table in `text` whose header is exactly `columns`."""
    header = "| " + " | ".join(columns) + " |"
    rows, inside = {}, False
    for line in text.splitlines():
        if line == header or (inside and set(line) <= set("|-: ")):
            inside = True
        elif inside and line.startswith("|"):
            cells = dict(zip(columns, (cell.strip() for cell in line.strip("|").split("|")), strict=True))
            path = cells["path"].strip("`")
            assert path not in rows, f"{path} is documented twice"
            rows[path] = cells
        else:
            inside = False
    return rows


def first_json_block(text: str):
    return json.loads(text.split("```json\n", 1)[1].split("\n```", 1)[0])


def schema_fields(schema: dict, prefix: str = "") -> dict[str, tuple[dict, bool]]:
    """Path → (field schema, required) for every field of the schema, objects and lists included."""
    fields = {}
    for name, field in schema.get("properties", {}).items():
        path = prefix + name
        fields[path] = (field, name in schema.get("required", ()))
        fields |= schema_fields(field, path + ".")
        fields |= schema_fields(field.get("items", {}), path + "[].")
    return fields


def key_paths(value, prefix: str = "") -> set[str]:
    """Every key path of a JSON document, list items as `[]`, a map keyed by ecosystem as
    `<ecosystem>`."""
    if isinstance(value, dict) and prefix.endswith("exposure_after"):
        return {f"{prefix}.<ecosystem>"}
    if isinstance(value, list):
        return set().union(*(key_paths(item, prefix + "[]") for item in value))
    paths = set()
    for key, item in value.items() if isinstance(value, dict) else ():
        path = f"{prefix}.{key}" if prefix else key
        paths |= {path} | key_paths(item, path)
    return paths


def documented_values(row: dict[str, str]) -> tuple[list[str], set[float]]:
    """The texts and the numbers in backticks in a profile row's values column."""
    tokens = re.findall(r"`([^`]+)`", row["values"])
    numbers = [token for token in tokens if re.fullmatch(r"-?\d+(\.\d+)?", token)]
    return [token for token in tokens if token not in numbers], {float(number) for number in numbers}


PROFILE_ROWS = table_rows(section("Workload profile"), PROFILE_COLUMNS)
FIELDS = schema_fields(profile_schema())
# (field schema, required, doc row) of the fields both have: the tests below compare them.
BOTH = {
    path: (field, required, PROFILE_ROWS[path])
    for path, (field, required) in FIELDS.items()
    if path in PROFILE_ROWS
}


def test_every_schema_field_is_documented():
    assert sorted(set(FIELDS) - set(PROFILE_ROWS)) == []


def test_every_documented_field_is_in_the_schema():
    assert sorted(set(PROFILE_ROWS) - set(FIELDS)) == []


def test_required_and_optional_agree_with_the_schema():
    for path, (_, required, row) in BOTH.items():
        assert row["required"] == ("required" if required else "optional"), path


def test_each_documented_type_is_the_schemas():
    for path, (field, _, row) in BOTH.items():
        assert row["type"].split()[0] == field.get("type", "string"), path


def test_each_field_lists_exactly_the_values_and_pattern_of_the_schema():
    for path, (field, _, row) in BOTH.items():
        allowed = field.get("enum") or field.get("items", {}).get("enum") or []
        also = [field[key] for key in ("const", "pattern") if key in field]
        assert documented_values(row)[0] == allowed + also, path


def test_each_field_states_exactly_the_bounds_of_the_schema():
    for path, (field, _, row) in BOTH.items():
        bounds = {float(field[bound]) for bound in BOUNDS if bound in field}
        assert documented_values(row)[1] == bounds, path


def test_the_profile_example_is_the_golden_northwind_bank_in_format_2_and_parses():
    example = first_json_block(section("Workload profile"))

    parse_profile(example, ECOSYSTEMS)
    assert without_format_2_figures(example) == upgrade_profile_document(NORTHWIND_BANK)


def without_format_2_figures(document: dict) -> dict:
    """The document less the optional figures format 2 adds (data volume, seats, seat price)."""
    stripped = json.loads(json.dumps(document))
    for item in stripped["workloads"]:
        item.pop("data_volume_gb", None)
    for name in ("seats", "seat_price_usd_month"):
        stripped.get("productivity_suite", {}).pop(name, None)
    return stripped


def test_the_scores_tables_document_exactly_the_keys_of_real_scores_documents():
    documents = json.loads(RECORDED.read_text(encoding="utf-8"))["scores"].values()
    real = set().union(*(key_paths(document) for document in documents))

    documented = set(table_rows(section("Scores"), SCORES_COLUMNS))

    assert sorted(real - documented) == []
    assert sorted(documented - real) == []
    assert key_paths(first_json_block(section("Scores"))) == real
