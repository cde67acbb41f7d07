"""What changed between two assessments of one organization: their answers, their scores.

Pure functions over profile documents (lockin-profile/1) and scores documents (lockin-scores/1
and /2: only the fields both formats share are read). The client page's comparison shows them.
"""

from dataclasses import dataclass, field
from typing import Any

from advisor.domain.questionnaire import Question, Questionnaire


@dataclass(frozen=True)
class AnswerChange:
    """One answer that differs. `item` names the workload or contract it belongs to ("" for an
    organization-wide answer); `ecosystems` are the ecosystems that item uses, before or after."""

    question: Question
    old: Any  # None: not answered (or the item did not exist)
    new: Any
    section: str
    item: str = ""
    ecosystems: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ItemChange:
    """A workload or contract present in only one of the two profiles."""

    section: str
    item: str
    added: bool  # False: removed
    ecosystems: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ProfileDiff:
    answers: list[AnswerChange] = field(default_factory=list)
    items: list[ItemChange] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.answers or self.items)


def profile_diff(old: dict[str, Any], new: dict[str, Any], questionnaire: Questionnaire) -> ProfileDiff:
    """The answers of `new` that differ from `old`, in questionnaire order. Workloads are matched
    by name, other repeated items (contracts) by ecosystem and order."""
    answers: list[AnswerChange] = []
    items: list[ItemChange] = []
    for section in questionnaire.sections:
        for question in section.questions:
            before, after = _answer(old, question), _answer(new, question)
            if before != after:
                answers.append(AnswerChange(question, before, after, section.title))
        if section.repeat is None:
            continue
        repeat = section.repeat
        old_items = _keyed(old.get(repeat.key) or [], repeat.item_label)
        new_items = _keyed(new.get(repeat.key) or [], repeat.item_label)
        for key, (name, record) in new_items.items():
            if key not in old_items:
                items.append(ItemChange(section.title, name, True, _ecosystems(record)))
                continue
            before_record = old_items[key][1]
            uses = _ecosystems(before_record) | _ecosystems(record)
            for question in repeat.questions:
                before, after = before_record.get(question.key), record.get(question.key)
                if before != after:
                    answers.append(AnswerChange(question, before, after, section.title, name, uses))
        for key, (name, record) in old_items.items():
            if key not in new_items:
                items.append(ItemChange(section.title, name, False, _ecosystems(record)))
    return ProfileDiff(answers, items)


def _answer(profile: dict[str, Any], question: Question) -> Any:
    value = _get(profile, question.key)
    if question.type == "boolean" and isinstance(value, list):
        return bool(value)  # "Do you have contracts?" is answered by the list of contracts
    return value


def _get(document: dict[str, Any], path: str) -> Any:
    value: Any = document
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _keyed(records: list[Any], item_label: str) -> dict[tuple[str, int], tuple[str, dict[str, Any]]]:
    """Items by identity: their name when they have one, else their ecosystem; a repeated identity
    counts its occurrences, so two unnamed contracts with one vendor stay two items."""
    keyed: dict[tuple[str, int], tuple[str, dict[str, Any]]] = {}
    seen: dict[str, int] = {}
    for record in records:
        if not isinstance(record, dict):
            continue
        identity = str(record.get("name") or record.get("ecosystem") or "")
        seen[identity] = seen.get(identity, 0) + 1
        name = str(record.get("name") or f"{item_label} with {identity or 'no ecosystem'}")
        if seen[identity] > 1:
            name += f" ({seen[identity]})"
        keyed[(identity, seen[identity])] = (name, record)
    return keyed


def _ecosystems(record: dict[str, Any]) -> frozenset[str]:
    ecosystem = record.get("ecosystem")
    return frozenset([ecosystem]) if isinstance(ecosystem, str) else frozenset()


# ---------------------------------------------------------------------------------------------
# Scores


@dataclass(frozen=True)
class DriverMove:
    factor: str
    old: float  # points the factor added to the exposure (0 when it was not a driver)
    new: float

    @property
    def delta(self) -> float:
        return round(self.new - self.old, 1)


@dataclass(frozen=True)
class EcosystemMove:
    ecosystem: str
    old_exposure: float | None  # None: not in that scores document
    new_exposure: float | None
    old_band: str
    new_band: str
    drivers: list[DriverMove]  # the drivers that moved, largest move first

    @property
    def delta(self) -> float | None:
        if self.old_exposure is None or self.new_exposure is None:
            return None
        return round(self.new_exposure - self.old_exposure, 1)


@dataclass(frozen=True)
class ScoresDiff:
    old_index: float
    new_index: float
    old_band: str
    new_band: str
    ecosystems: list[EcosystemMove]  # largest move first
    method_changes: list[tuple[str, str, str]]  # (what, old, new): catalog and model versions

    @property
    def index_delta(self) -> float:
        return round(self.new_index - self.old_index, 1)

    @property
    def method_changed(self) -> bool:
        return bool(self.method_changes)


def scores_diff(old: dict[str, Any], new: dict[str, Any]) -> ScoresDiff:
    """How the exposures and their drivers moved from the `old` scores document to the `new`."""
    old_entries = {e["ecosystem"]: e for e in old["ecosystems"]}
    new_entries = {e["ecosystem"]: e for e in new["ecosystems"]}
    order = list(new_entries) + [slug for slug in old_entries if slug not in new_entries]
    moves = [_ecosystem_move(slug, old_entries.get(slug), new_entries.get(slug)) for slug in order]
    moves.sort(key=lambda move: -abs(move.delta or 0))
    method = [
        (what, str(old.get(key, "")), str(new.get(key, "")))
        for what, key in (("Catalog", "catalog_version"), ("Scoring model", "model_version"))
        if old.get(key) != new.get(key)
    ]
    return ScoresDiff(
        old_index=old["overall"]["lock_in_index"],
        new_index=new["overall"]["lock_in_index"],
        old_band=old["overall"]["band"],
        new_band=new["overall"]["band"],
        ecosystems=moves,
        method_changes=method,
    )


def _ecosystem_move(slug: str, old: dict[str, Any] | None, new: dict[str, Any] | None) -> EcosystemMove:
    return EcosystemMove(
        ecosystem=slug,
        old_exposure=old["exposure"] if old else None,
        new_exposure=new["exposure"] if new else None,
        old_band=old["band"] if old else "",
        new_band=new["band"] if new else "",
        drivers=driver_moves((old or {}).get("drivers", []), (new or {}).get("drivers", [])),
    )


def driver_moves(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[DriverMove]:
    """The drivers whose contribution changed, in points, largest change first."""
    before = {d["factor"]: float(d["contribution"]) for d in old}
    after = {d["factor"]: float(d["contribution"]) for d in new}
    factors = list(after) + [f for f in before if f not in after]
    moves = [DriverMove(f, before.get(f, 0.0), after.get(f, 0.0)) for f in factors]
    moves = [move for move in moves if move.delta != 0]
    return sorted(moves, key=lambda move: -abs(move.delta))
