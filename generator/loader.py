"""Load data/*.yaml into a validated Dataset, or raise DatasetError.

Every file is read strictly (see yaml_reader), the files are merged, the
merged data is validated by the schema, and references between records are
checked. Every problem from every stage is collected, located at a file,
line and column, and raised together, so one run shows them all.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errors import DatasetError, Problem
from .references import check_references
from .schema import SINGLE_SECTIONS, DataFile, Dataset
from .validation import Locator, did_you_mean, dotted, validation_problems
from .yaml_reader import Document, ReadError, read_yaml_file


def data_entries(data_dir: Path) -> list[Path]:
    """Everything named *.yaml or *.yml under data_dir but folders, in a stable order.

    The loader reads each through read_yaml_file, so a FIFO, a link to a device or a broken link
    is reported, located, instead of being skipped without a word.
    """
    return sorted(p for p in data_dir.rglob("*") if p.suffix in (".yaml", ".yml") and not p.is_dir())


def load_dataset(data_dir: Path) -> Dataset:
    """Read, merge, validate and cross-check the dataset in data_dir."""
    if not data_dir.is_dir():
        raise DatasetError([Problem(str(data_dir), 1, 1, "", "no such data folder")])
    problems: list[Problem] = []
    merged: dict[str, Any] = {}
    locator = Locator(data_dir.resolve().name or "data")
    files = data_entries(data_dir)
    if not files:
        raise DatasetError([Problem(str(data_dir), 1, 1, "", "the data folder holds no .yaml files")])
    for file in files:
        name = file.relative_to(data_dir).as_posix()
        try:
            doc = read_yaml_file(file, name)
        except ReadError as exc:
            problems.append(exc.problem)
            continue
        problems.extend(_merge(doc, name, merged, locator))
    if problems:
        raise DatasetError(problems)
    try:
        dataset = Dataset.model_validate(merged)
    except ValidationError as exc:
        raise DatasetError(validation_problems(exc, Dataset, locator, missing_top_level=_missing_section)) from None
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
            hint = did_you_mean(section, DataFile.model_fields)
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


def _missing_section(section: str) -> str:
    return f"missing required section '{section}': add it to a file in the data folder, e.g. {section}.yaml"
