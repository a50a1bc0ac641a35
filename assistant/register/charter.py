"""The Community Value Charter: a place's outcomes, loaded from YAML and validated with line numbers."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails

from assistant.errors import SvaError
from assistant.register.criteria import Criterion
from assistant.vocab import Theme

Unit = Literal["FTE", "£", "tCO2e", "hours", "%", "count"]


class CharterError(SvaError):
    """A charter file is missing, not YAML, or breaks the schema. ``problems`` are line-numbered."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(f"{source} is not a valid charter:\n  " + "\n  ".join(problems))


class Measure(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(min_length=1)
    text: str = Field(min_length=3)
    unit: Unit


class Outcome(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(min_length=1)
    theme: Theme
    title: str = Field(min_length=3)
    description: str = Field(min_length=10)
    measures: list[Measure] = Field(min_length=1)

    def text(self) -> str:
        """What a commitment is compared with when mapping."""
        measures = "; ".join(m.text for m in self.measures)
        return f"{self.title}. {self.description} Measures: {measures}."


class RatingRules(BaseModel):
    """Per cent of a target from which a commitment part-delivered is rated approaching target,
    and from which it requires improvement (below: inadequate). A charter may set its own."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    approaching_target: float = 80.0
    requires_improvement: float = 50.0

    @model_validator(mode="after")
    def _ordered(self) -> RatingRules:
        if not 0 < self.requires_improvement < self.approaching_target <= 100:
            raise ValueError("use 0 < requires_improvement < approaching_target <= 100 (per cent of the target)")
        return self


class Charter(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=3)
    place: str = Field(min_length=1)
    areas: list[str] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(min_length=1)
    ratings: RatingRules = RatingRules()
    criteria: list[Criterion] = Field(default_factory=list)  # award criteria for scoring tenders

    @field_validator("areas")
    @classmethod
    def _areas_are_names(cls, areas: list[str]) -> list[str]:
        if any(not a.strip() for a in areas):
            raise ValueError("area names must not be blank")
        return [a.strip() for a in areas]

    @field_validator("outcomes")
    @classmethod
    def _outcome_ids_unique(cls, outcomes: list[Outcome]) -> list[Outcome]:
        _raise_repeats("outcomes", {}, _outcome_ids(outcomes))
        return outcomes

    @field_validator("criteria")
    @classmethod
    def _criteria_fit(cls, criteria: list[Criterion], info: ValidationInfo) -> list[Criterion]:
        """Criterion ids are unique (outcome and measure ids included); weights share out 100."""
        seen: dict[str, tuple] = {}
        for id_, loc in _outcome_ids(info.data.get("outcomes") or []):  # absent when they were invalid
            seen.setdefault(id_, loc)
        _raise_repeats("criteria", seen, ((c.id, ("criteria", n, "id")) for n, c in enumerate(criteria)))
        total = sum(c.weight for c in criteria)
        if criteria and abs(total - 100) > WEIGHT_TOLERANCE:
            raise ValueError(f"criteria weights add up to {total:.10g}; they are shares of the social "
                             "value mark and must add up to 100")
        return criteria

    def outcome(self, outcome_id: str) -> Outcome | None:
        return next((o for o in self.outcomes if o.id == outcome_id), None)


WEIGHT_TOLERANCE = 1e-6  # criteria weights such as 33.3 + 33.3 + 33.4 add up to 100 give or take this


def _outcome_ids(outcomes: list[Outcome]) -> Iterator[tuple[str, tuple]]:
    """Each outcome and measure id with where it is in the charter (``outcomes.0.measures.1.id``)."""
    for n, o in enumerate(outcomes):
        yield o.id, ("outcomes", n, "id")
        for k, m in enumerate(o.measures):
            yield m.id, ("outcomes", n, "measures", k, "id")


def _raise_repeats(field: str, seen: dict[str, tuple], ids: Iterable[tuple[str, tuple]]) -> None:
    """A problem at every repeat of an id (``seen`` holds the ids met before, with their places),
    naming the id and its first place; the problems' places are within ``field``."""
    errors: list[InitErrorDetails] = []
    for id_, loc in ids:
        if id_ not in seen:
            seen[id_] = loc
            continue
        first = ".".join(str(p) for p in seen[id_])
        message = (f"ids must be unique; repeated: {id_} (first used at {first}): give each outcome, "
                   "measure and criterion an id of its own")
        errors.append(InitErrorDetails(type="value_error", loc=loc[1:], input=id_,
                                       ctx={"error": ValueError(message)}))
    if errors:  # a ValidationError keeps each problem's place, so each gets its own line number
        raise ValidationError.from_exception_data(field, errors)


def default_charter_path(demo: bool = False) -> Path:
    name = "demo_charter.yaml" if demo else "default_charter.yaml"
    return Path(str(resources.files("assistant").joinpath(f"data/{name}")))


def load_charter(path: Path | None = None) -> Charter:
    """Read and validate a charter; None means the default that ships with sva."""
    path = path or default_charter_path()
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise CharterError(str(path), [f"cannot read the file ({exc.strerror or exc})"]) from exc
    except UnicodeDecodeError as exc:
        raise CharterError(str(path), [f"byte {exc.start + 1}: not a text file (it is binary, or not "
                                       "UTF-8); a charter is YAML text: save it as UTF-8 and check it "
                                       "is the right file"]) from exc
    return parse_charter(text, str(path))


def parse_charter(text: str, source: str = "charter") -> Charter:
    with _collector_paused():
        return _parse_charter(text, source)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Building a charter makes a few objects per line and frees none, so the cyclic garbage
    collector finds nothing; but each of its full passes walks the whole process heap, and the
    passes come more often as the charter grows: with it running, a 10,000-outcome charter cost
    44x a 1,000-outcome one inside a busy server process (quadratic), and 10x with it paused."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse_charter(text: str, source: str) -> Charter:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)  # libyaml when built with it
    try:  # parsed once: the node tree gives the line numbers, the data is built from it
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise CharterError(source, [f"{where}not valid YAML ({getattr(exc, 'problem', exc)})"]) from exc
    except RecursionError as exc:
        raise CharterError(source, ["the YAML is nested far too deeply to be a charter; check it is "
                                    "the right file"]) from exc
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise CharterError(source, ["line 1: the file must be a mapping with name, place, areas, outcomes"])
    try:
        listed = data.get("outcomes")
        outcomes = [o.get("id") for o in listed if isinstance(o, dict)] if isinstance(listed, list) else []
        outcomes = [o for o in outcomes if isinstance(o, str)]  # a missing or odd id is reported on its own
        return Charter.model_validate(data, context={"outcomes": outcomes})  # criteria name outcomes
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = [p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
            field = ".".join(str(p) for p in loc) or "(file)"
            problems.append(f"line {_line(root, loc)}: {field}: {error['msg']}")
        raise CharterError(source, problems) from exc


def _line(node, loc: list) -> int:
    """1-based line of the YAML node at ``loc`` (or of its nearest existing parent)."""
    import yaml

    line = node.start_mark.line + 1 if node is not None else 1
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
        if child is None:
            break
        node, line = child, child.start_mark.line + 1
    return line
