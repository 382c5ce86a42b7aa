"""Load data/*.yaml into a validated Dataset, or raise DatasetError.

Every file is read strictly (see yaml_reader), the files are merged, the
merged data is validated by the schema, and references between records are
checked. Every problem from every stage is collected, located at a file,
line and column, and raised together, so one run shows them all.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any

from pydantic import ValidationError

from .errors import DatasetError, Problem
from .references import check_references
from .schema import SINGLE_SECTIONS, DataFile, Dataset
from .yaml_reader import Document, Path, Position, ReadError, decode, read_yaml


@dataclass(frozen=True)
class Origin:
    """Where a merged value came from."""

    file: str
    local_path: Path


class Locator:
    """Maps a path in the merged dataset back to a file, line and column."""

    def __init__(self, folder_name: str) -> None:
        self.origins: dict[Path, tuple[str, Document, Path]] = {}
        self.fallback = (folder_name, 1, 1)

    def add(self, merged_prefix: Path, file: str, doc: Document, local_prefix: Path) -> None:
        self.origins[merged_prefix] = (file, doc, local_prefix)

    def locate(self, path: Path, *, key: bool = False) -> tuple[str, int, int]:
        """The position of `path`, or of its nearest ancestor that has one.

        With key=True, prefer the key's position (for unknown fields).
        """
        for cut in range(len(path), -1, -1):
            head = path[:cut]
            origin = self._origin(head)
            if origin is None:
                continue
            file, doc, local = origin
            local_path = local + head[len(self._prefix(head)) :]
            table = doc.keys if key and cut == len(path) else doc.values
            pos: Position | None = table.get(local_path) or doc.values.get(local_path)
            if pos is not None:
                return file, pos[0], pos[1]
        return self.fallback

    def _prefix(self, path: Path) -> Path:
        for cut in range(len(path), -1, -1):
            if path[:cut] in self.origins:
                return path[:cut]
        return ()

    def _origin(self, path: Path) -> tuple[str, Document, Path] | None:
        prefix = self._prefix(path)
        return self.origins.get(prefix)


def dotted(path: Iterable[str | int]) -> str:
    """`("tips", 3, "title")` -> `tips.3.title`."""
    return ".".join(str(part) for part in path)


def data_files(data_dir: FsPath) -> list[FsPath]:
    """Every YAML file under data_dir, in a stable order."""
    return sorted(p for p in data_dir.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def load_dataset(data_dir: FsPath) -> Dataset:
    """Read, merge, validate and cross-check the dataset in data_dir."""
    if not data_dir.is_dir():
        raise DatasetError([Problem(str(data_dir), 1, 1, "", "no such data folder")])
    problems: list[Problem] = []
    merged: dict[str, Any] = {}
    locator = Locator(data_dir.resolve().name or "data")
    files = data_files(data_dir)
    if not files:
        raise DatasetError([Problem(str(data_dir), 1, 1, "", "the data folder holds no .yaml files")])
    for file in files:
        name = file.relative_to(data_dir).as_posix()
        try:
            doc = read_yaml(decode(file.read_bytes(), name), name)
        except ReadError as exc:
            problems.append(exc.problem)
            continue
        problems.extend(_merge(doc, name, merged, locator))
    if problems:
        raise DatasetError(problems)
    try:
        dataset = Dataset.model_validate(merged)
    except ValidationError as exc:
        raise DatasetError(_from_validation(exc, locator, merged)) from None
    reference_problems = [
        Problem(*locator.locate(path), dotted(path), _fill_positions(message, locator))
        for path, message in check_references(dataset)
    ]
    if reference_problems:
        raise DatasetError(reference_problems)
    return dataset


def _fill_positions(message: str, locator: Locator) -> str:
    """Replace `{at:dotted.path}` in a message with `FILE:LINE:COL` of that path."""

    def position(match: re.Match[str]) -> str:
        path = tuple(int(p) if p.isdigit() else p for p in match.group(1).split("."))
        file, line, column = locator.locate(path)
        return f"{file}:{line}:{column}"

    return re.sub(r"\{at:([^}]+)\}", position, message)


def _merge(doc: Document, name: str, merged: dict[str, Any], locator: Locator) -> list[Problem]:
    """Add one file's sections to the merged data; lists concatenate."""
    if not isinstance(doc.data, dict):
        line, column = doc.values.get((), (1, 1))
        return [
            Problem(name, line, column, "", "a data file is a mapping of sections, e.g. 'tips:' followed by a list")
        ]
    problems = []
    for section, value in doc.data.items():
        key_line, key_column = doc.keys[(section,)]
        at_key = (name, key_line, key_column, section)

        if section not in DataFile.model_fields:
            hint = _did_you_mean(section, DataFile.model_fields)
            problems.append(
                Problem(*at_key, f"unknown section{hint}; expected one of: {', '.join(DataFile.model_fields)}")
            )
            continue
        if section in SINGLE_SECTIONS:
            if section in merged:
                first = locator.locate((section,))
                problems.append(
                    Problem(*at_key, f"'{section}' is already defined in {first[0]}:{first[1]}; define it once")
                )
                continue
            merged[section] = value
            locator.add((section,), name, doc, (section,))
            continue
        if not isinstance(value, list):
            line, column = doc.values[(section,)]
            problems.append(
                Problem(
                    name, line, column, section, f"'{section}' should be a list of records (each starting with '- ')"
                )
            )
            continue
        target = merged.setdefault(section, [])
        locator.add((section,), name, doc, (section,))
        for index, item in enumerate(value):
            locator.add((section, len(target)), name, doc, (section, index))
            target.append(item)
    return problems


def _did_you_mean(word: object, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _from_validation(exc: ValidationError, locator: Locator, merged: dict[str, Any]) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        path: Path = tuple(error["loc"])
        kind = error["type"]
        is_key = kind == "extra_forbidden"
        file, line, column = locator.locate(path, key=is_key)
        problems.append(Problem(file, line, column, dotted(path), _message(error, path)))
    return problems


_TEXT_HINT = "; quote it to make it text"


def _message(error: Any, path: Path) -> str:
    """A plain-language message for one pydantic error."""
    kind, given = error["type"], error.get("input")
    field = str(path[-1]) if path else ""
    if kind == "missing":
        if len(path) == 1:
            return f"missing required section '{field}': add it to a file in the data folder, e.g. {field}.yaml"
        return f"missing required field '{field}'"
    if kind == "extra_forbidden":
        allowed = _allowed_fields(error)
        hint = _did_you_mean(field, allowed) if allowed else ""
        listing = f"; allowed: {', '.join(allowed)}" if allowed else ""
        return f"unknown field '{field}'{hint}{listing}"
    if kind == "string_type":
        hint = _TEXT_HINT if isinstance(given, (int, float, bool)) or given is None else ""
        return f"expected text, got {_describe(given)}{hint}"
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        if "a-z0-9" in pattern:
            return f"{given!r} is not a valid id: use lowercase letters, digits and single hyphens, e.g. 'my-first-tip'"
        if "https?" in pattern:
            return f"{given!r} is not an allowed link: use an https://, http:// or mailto: address"
        if pattern.endswith("\\?$"):
            return f"{given!r} is not a question: write one question of at least 10 characters, ending in '?'"
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long: at most {error['ctx']['max_length']} characters"
    if kind in ("list_type", "model_type", "dict_type", "model_attributes_type"):
        expected = "a list (items starting with '- ')" if kind == "list_type" else "a mapping of fields"
        return f"expected {expected}, got {_describe(given)}"
    if kind == "too_short":
        return f"needs at least {error['ctx']['min_length']} item(s)"
    if kind == "too_long":
        return f"has too many items: at most {error['ctx']['max_length']}"
    if kind == "literal_error":
        expected = error["ctx"]["expected"]
        options = [part.strip().strip("'") for part in expected.replace(" or ", ", ").split(",")]
        return f"{given!r} is not allowed{_did_you_mean(given, options)}; expected {expected}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {_describe(given)}"
    if kind == "bool_type":
        return f"expected true or false, got {_describe(given)}"
    return str(error["msg"])


def _allowed_fields(error: Any) -> list[str]:
    """Field names of the model an unknown field was found in, for the hint."""
    from .schema import Record

    loc = error["loc"]
    model: Any = Dataset
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = getattr(model, "model_fields", {}).get(part)
        if info is None:
            return []
        model = _inner_model(info.annotation)
        if model is None:
            return []
    if isinstance(model, type) and issubclass(model, Record):
        return list(model.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    """The record type inside `X`, `list[X]` or `X | None`."""
    from typing import get_args

    from .schema import Record

    if isinstance(annotation, type) and issubclass(annotation, Record):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"{value!r}"
