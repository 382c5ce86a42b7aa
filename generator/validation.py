"""From a pydantic ValidationError on YAML data to located problems with hints.

The one error path for every file the playbook reads: data files (merged from many files)
and brand files (one file) both come here, so a mistake reads the same wherever it is made:
`FILE:LINE:COL: field.path: message`, with a did-you-mean for a near-miss name, "quote it to
make it text" for a number where text belongs, the allowed range for a number out of bounds,
and a hint when an unquoted `#` made YAML read the rest of the line as a comment.
"""

from __future__ import annotations

import difflib
import re
import types
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from annotated_types import Ge, Gt, Le, Lt
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from .errors import DatasetError, Problem, ReadError
from .schema import COLOUR_PATTERN, PROMPT_PATTERN, SLUG_PATTERN, TEXT_PATTERN, URL_PATTERN, BelowRange
from .yaml_reader import Document, KeyPath, Position, read_yaml_file


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    """` (did you mean 'x'?)` for the closest choice, or '' when none is close."""
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def dotted(path: Iterable[str | int]) -> str:
    """`("tips", 3, "title")` -> `tips.3.title`."""
    return ".".join(str(part) for part in path)


class Locator:
    """Maps a path in the (merged) data back to a file, line and column."""

    def __init__(self, fallback_file: str) -> None:
        self.origins: dict[KeyPath, tuple[str, Document, KeyPath]] = {}
        self.documents: dict[str, Document] = {}
        self.fallback = (fallback_file, 1, 1)

    @classmethod
    def single(cls, name: str, doc: Document) -> Locator:
        """A locator for data read from one file."""
        locator = cls(name)
        locator.add((), name, doc, ())
        return locator

    def add(self, merged_prefix: KeyPath, file: str, doc: Document, local_prefix: KeyPath) -> None:
        self.origins[merged_prefix] = (file, doc, local_prefix)
        self.documents[file] = doc

    def locate(self, path: KeyPath, *, key: bool = False) -> tuple[str, int, int]:
        """The position of `path`, or of its nearest ancestor that has one.

        With key=True, prefer the key's position (for unknown fields).
        """
        for cut in range(len(path), -1, -1):
            head = path[:cut]
            prefix = self._prefix(head)
            origin = self.origins.get(prefix)
            if origin is None:
                continue
            file, doc, local = origin
            local_path = local + head[len(prefix) :]
            table = doc.keys if key and cut == len(path) else doc.values
            pos: Position | None = table.get(local_path) or doc.values.get(local_path)
            if pos is not None:
                return file, pos[0], pos[1]
        return self.fallback

    def source_line(self, file: str, line: int) -> str:
        """What was typed on a line of a file, or ''."""
        doc = self.documents.get(file)
        return doc.line(line) if doc is not None else ""

    def _prefix(self, path: KeyPath) -> KeyPath:
        for cut in range(len(path), -1, -1):
            if path[:cut] in self.origins:
                return path[:cut]
        return ()


ModelT = TypeVar("ModelT", bound=BaseModel)


def load_model_file(path: Path, model: type[ModelT]) -> tuple[ModelT, Locator]:
    """Read one YAML file the user names (a brand file, or any settings file) and validate it.

    Returns the model and a locator for later checks; raises DatasetError with every problem
    located as `PATH:LINE:COL: field: message`, exactly as the data loader reports them.
    """
    name = str(path)
    try:
        doc = read_yaml_file(path, name)
    except ReadError as error:
        raise DatasetError([error.problem]) from None
    locator = Locator.single(name, doc)
    try:
        return model.model_validate(doc.data), locator
    except ValidationError as error:
        raise DatasetError(validation_problems(error, model, locator)) from None


MissingMessage = Callable[[str], str]
"""The message for a required top-level key that is absent (data files call them sections)."""


def validation_problems(
    error: ValidationError,
    root: type[BaseModel],
    locator: Locator,
    *,
    missing_top_level: MissingMessage | None = None,
) -> list[Problem]:
    """Every error pydantic found validating data against `root`, located and in plain words."""
    problems = []
    for item in error.errors(include_url=False):
        path: KeyPath = tuple(item["loc"])
        file, line, column = locator.locate(path, key=item["type"] == "extra_forbidden")
        if item["type"] == "missing" and len(path) == 1 and missing_top_level is not None:
            message = missing_top_level(str(path[0]))
        else:
            message = _message(item, path, root)
        if item.get("input", 0) is None:
            column, message = _comment_hint(locator.source_line(file, line), column, message)
        problems.append(Problem(file, line, column, dotted(path), message))
    return problems


_COMMENT_AFTER_VALUE = re.compile(r"\s+#(\S.*?)\s*$")
_TEXT_HINT = "; quote it to make it text"


def _comment_hint(line: str, column: int, message: str) -> tuple[int, str]:
    """An empty value whose line goes on with ` #...`: YAML read what was typed as a comment
    (an unquoted colour such as #1d4e89 is the usual case). Point at the `#` and say so."""
    found = _COMMENT_AFTER_VALUE.match(line, column - 1)
    if found is None:
        return column, message
    typed = "#" + found.group(1)
    hint = f"; YAML reads an unquoted '#' after a space as the start of a comment: write \"{typed}\" in quotes"
    return found.start(1), message.removesuffix(_TEXT_HINT) + hint


def _message(error: Any, path: KeyPath, root: type[BaseModel]) -> str:
    """A plain-language message for one pydantic error."""
    kind, given = error["type"], error.get("input")
    field = str(path[-1]) if path else ""
    _, constraints = schema_at(root, path)
    if kind == "missing":
        return f"missing required field '{field}'"
    if kind == "extra_forbidden":
        model, _ = schema_at(root, path[:-1])
        allowed = list(model.model_fields) if _is_model(model) else []
        hint = did_you_mean(field, allowed) if allowed else ""
        listing = f"; allowed: {', '.join(allowed)}" if allowed else ""
        return f"unknown field '{field}'{hint}{listing}"
    if kind == "string_type":
        hint = _TEXT_HINT if isinstance(given, (int, float, bool)) or given is None else ""
        return f"expected text, got {describe(given)}{hint}"
    if kind == "string_pattern_mismatch":
        return _pattern_message(error.get("ctx", {}).get("pattern", ""), given)
    if kind == "string_too_long":
        return f"is too long: at most {error['ctx']['max_length']} characters"
    if kind in ("list_type", "model_type", "dict_type", "model_attributes_type"):
        expected = "a list (items starting with '- ')" if kind == "list_type" else "a mapping of fields"
        return f"expected {expected}, got {describe(given)}"
    if kind == "too_short":
        return f"needs at least {error['ctx']['min_length']} item(s)"
    if kind == "too_long":
        return f"has too many items: at most {error['ctx']['max_length']}"
    if kind == "literal_error":
        expected = error["ctx"]["expected"]
        options = [part.strip().strip("'") for part in expected.replace(" or ", ", ").split(",")]
        return f"{given!r} is not allowed{did_you_mean(given, options)}; expected {expected}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        unquote = "; write it without quotes" if isinstance(given, str) and given.strip().lstrip("-").isdigit() else ""
        return f"expected a whole number{_allowed(constraints, ' (allowed {})')}, got {describe(given)}{unquote}"
    if kind in ("float_type", "float_parsing"):
        return f"expected a number{_allowed(constraints, ' (allowed {})')}, got {describe(given)}"
    if kind in ("greater_than", "greater_than_equal"):
        advice = "".join(f"; {c.text}" for c in constraints if isinstance(c, BelowRange))
        return f"{describe(given)} is too small{_allowed(constraints, '; allowed {}')}{advice}"
    if kind in ("less_than", "less_than_equal"):
        return f"{describe(given)} is too large{_allowed(constraints, '; allowed {}')}"
    if kind == "finite_number":
        return f"{describe(given)} is not a finite number{_allowed(constraints, '; allowed {}')}"
    if kind == "bool_type":
        return f"expected true or false, got {describe(given)}"
    return str(error["msg"])


def _pattern_message(pattern: str, given: object) -> str:
    if pattern == SLUG_PATTERN:
        return f"{given!r} is not a valid id: use lowercase letters, digits and single hyphens, e.g. 'my-first-tip'"
    if pattern == URL_PATTERN:
        return f"{given!r} is not an allowed link: use an https://, http:// or mailto: address"
    if pattern == COLOUR_PATTERN:
        return f"{given!r} is not a colour: write '#' and six hexadecimal digits, in quotes, e.g. \"#1d4e89\""
    if pattern == TEXT_PATTERN:
        return "must not be empty"
    if pattern == PROMPT_PATTERN:
        return f"{given!r} is not a question: write one question of at least 10 characters, ending in '?'"
    return f"{given!r} does not match the pattern {pattern}"


def _allowed(constraints: Iterable[object], template: str) -> str:
    """`template` filled with the range a field's bounds allow, or '' when it has none."""
    words = range_words(constraints)
    return template.format(words) if words else ""


def range_words(constraints: Iterable[object]) -> str:
    """`from 1 to 9` (or `more than 0`, `at most 10`...) from a field's bounds; '' without."""
    low: tuple[str, object] | None = None
    high: tuple[str, object] | None = None
    for bound in constraints:
        if isinstance(bound, Ge):
            low = ("at least", bound.ge)
        elif isinstance(bound, Gt):
            low = ("more than", bound.gt)
        elif isinstance(bound, Le):
            high = ("at most", bound.le)
        elif isinstance(bound, Lt):
            high = ("less than", bound.lt)
    if low is not None and high is not None and low[0] == "at least" and high[0] == "at most":
        return f"from {_number(low[1])} to {_number(high[1])}"
    return " and ".join(f"{bound[0]} {_number(bound[1])}" for bound in (low, high) if bound is not None)


def _number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def describe(value: Any) -> str:
    """A value as the message talks about it: `the number 12`, `a list`, `'text'`."""
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


def schema_at(root: type[BaseModel], loc: KeyPath) -> tuple[Any, list[object]]:
    """The type and the constraints (bounds, hints) of the value at `loc` under the model `root`.

    Follows model fields, list items and mapping values; (None, []) where the path leaves the
    schema (an unknown field, say).
    """
    annotation: Any = root
    constraints: list[object] = []
    for part in loc:
        annotation = _optional_inner(annotation)
        if _is_model(annotation):
            info = annotation.model_fields.get(str(part))
            if info is None:
                return None, []
            annotation, constraints = info.annotation, list(info.metadata)
        elif get_origin(annotation) is list and isinstance(part, int):
            annotation, constraints = get_args(annotation)[0], []
        elif get_origin(annotation) is dict:
            annotation, constraints = get_args(annotation)[1], []
        else:
            return None, []
        annotation, extra = _unannotated(annotation)
        constraints += extra
    return _optional_inner(annotation), constraints


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _optional_inner(annotation: Any) -> Any:
    """`X | None` -> X (unannotated); anything else as it is."""
    if get_origin(annotation) in (Union, types.UnionType):
        options = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(options) == 1:
            return _unannotated(options[0])[0]
    return annotation


def _unannotated(annotation: Any) -> tuple[Any, list[object]]:
    """`Annotated[X, Field(ge=1), BelowRange(...)]` -> (X, [Ge(1), BelowRange(...)])."""
    extra: list[object] = []
    while get_origin(annotation) is Annotated:
        base, *metadata = get_args(annotation)
        for item in metadata:
            extra.extend(item.metadata if isinstance(item, FieldInfo) else [item])
        annotation = base
    return annotation, extra
