"""Strict YAML reading: plain data with the position of every key and value.

PyYAML's own loaders let duplicate keys win silently, read `no` as False and
`0755` as 493, expand alias bombs and recurse on deep nesting. This reader
walks the parser's event stream instead (no recursion) and accepts only what
a hand-edited data file needs: mappings with text keys, lists, and scalars
resolved by the YAML 1.2 core rules. Anything else is a located problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # The C parser is much faster; the pure one gives the same events.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from .errors import Problem, ReadError
from .reading import MAX_FILE_BYTES, FileRefused, read_limited

__all__ = ["MAX_FILE_BYTES", "Document", "ReadError", "decode", "read_yaml", "read_yaml_file", "resolve_plain"]

MAX_DEPTH = 24

KeyPath = tuple[str | int, ...]
"""Where a value sits in a document: the keys and list indexes that lead to it."""
Position = tuple[int, int]

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+\.[0-9]*)([eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


@dataclass
class Document:
    """A parsed file: its data and where each piece of it stood."""

    data: Any
    values: dict[KeyPath, Position] = field(default_factory=dict)
    keys: dict[KeyPath, Position] = field(default_factory=dict)
    text: str = ""
    """The source, for hints that depend on what was typed (a `#` that YAML read as a comment)."""

    _lines: list[str] | None = field(default=None, repr=False, compare=False)

    def line(self, number: int) -> str:
        """The text of a 1-based line, or '' past the end."""
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self._lines[number - 1] if 0 < number <= len(self._lines) else ""


def resolve_plain(text: str) -> Any:
    """Type a plain (unquoted) scalar by YAML 1.2 core rules; all else stays text.

    So `no`, `on`, `0755`, `1:20` and `2015-02-03` keep the meaning the author
    typed (text) and only unambiguous numbers, booleans and null are typed.
    """
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


def read_yaml_file(path: Path, name: str) -> Document:
    """Read, decode and parse one file the user names (a data or brand file), reported as `name`.

    Every YAML file the playbook reads comes through here, so each gets the same limits
    (reading.read_limited: a regular file, at most MAX_FILE_BYTES) and the same located errors.
    """
    try:
        raw = read_limited(path, MAX_FILE_BYTES, advice="split it into several files")
    except FileRefused as refused:
        raise ReadError(Problem(name, 1, 1, "", f"the file {refused}")) from None
    return read_yaml(decode(raw, name), name)


def decode(raw: bytes, name: str) -> str:
    """Decode UTF-8 (a BOM allowed), reporting the first bad byte's line and column."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise ReadError(
            Problem(name, line, column, "", f"byte 0x{raw[exc.start]:02x} is not UTF-8: save the file as UTF-8")
        ) from None
    return text


def _problem_at(name: str, mark: Any, message: str) -> Problem:
    return Problem(name, mark.line + 1, mark.column + 1, "", message)


def _yaml_error(name: str, text: str, exc: Exception) -> Problem:
    """Turn whatever PyYAML raised into one located problem with a hint."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if isinstance(exc, yaml.reader.ReaderError):
        before = text[: exc.position]
        line = before.count("\n") + 1
        column = exc.position - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return Problem(name, line, column, "", f"character U+{char:04X} is not allowed in a YAML file: delete it")
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    message = f"invalid YAML: {problem}"
    offending = _char_at(text, line, column)
    if offending == "\t" or "\t" in str(problem):
        message += " (use spaces, not tabs, to indent)"
    elif "mapping values are not allowed" in str(problem):
        message += " (a value containing ': ' must be quoted)"
    elif "found character" in str(problem) and "cannot start any token" in str(problem):
        message += " (quote the value)"
    return Problem(name, line, column, "", message)


def _char_at(text: str, line: int, column: int) -> str:
    """The character at a 1-based line and column, or '' past the end."""
    lines = text.split("\n")
    if 0 < line <= len(lines) and 0 < column <= len(lines[line - 1]):
        return lines[line - 1][column - 1]
    return ""


def read_yaml(text: str, name: str) -> Document:
    """Parse one YAML document into plain data with positions; raise ReadError."""
    doc = Document(data=None, text=text)
    # Each open container: (container, path, pending_key, pending_key_position).
    stack: list[list[Any]] = []
    documents = 0
    root_set = False

    def place(value: Any, event: Any) -> None:
        nonlocal root_set
        pos = (event.start_mark.line + 1, event.start_mark.column + 1)
        if not stack:
            doc.data, root_set = value, True
            doc.values[()] = pos
            return
        top = stack[-1]
        container, path = top[0], top[1]
        if isinstance(container, list):
            child: KeyPath = (*path, len(container))
            container.append(value)
            doc.values[child] = pos
            return
        key, key_pos = top[2], top[3]
        if key is _NO_KEY:
            if not isinstance(value, str):
                raise ReadError(Problem(name, *pos, ".".join(map(str, path)), "keys must be plain text: quote the key"))
            if value in container:
                first = doc.keys[(*path, value)]
                raise ReadError(
                    Problem(
                        name,
                        *pos,
                        ".".join(map(str, (*path, value))),
                        f"duplicate key {value!r}: it is already set on line {first[0]}; keep one",
                    )
                )
            top[2], top[3] = value, pos
            return
        container[key] = value
        doc.keys[(*path, key)] = key_pos
        doc.values[(*path, key)] = pos
        top[2], top[3] = _NO_KEY, None

    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise ReadError(
                        _problem_at(
                            name, event.start_mark, "a data file holds one YAML document: remove the extra '---'"
                        )
                    )
                continue
            if isinstance(event, yaml.AliasEvent):
                raise ReadError(
                    _problem_at(name, event.start_mark, "aliases (*name) are not allowed: write the value out")
                )
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                raise ReadError(
                    _problem_at(name, event.start_mark, "anchors (&name) are not allowed: write the value out")
                )
            tag = getattr(event, "tag", None)
            if tag not in (None, "!"):
                raise ReadError(
                    _problem_at(
                        name,
                        event.start_mark,
                        f"tag {tag!r} is not allowed: use plain text, numbers, lists and mappings",
                    )
                )
            if isinstance(event, yaml.ScalarEvent):
                plain = not event.style and event.implicit[0]
                place(resolve_plain(event.value) if plain else event.value, event)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    raise ReadError(_problem_at(name, event.start_mark, f"nested more than {MAX_DEPTH} levels deep"))
                container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY:
                    raise ReadError(_problem_at(name, event.start_mark, "keys must be plain text: quote the key"))
                parent_path = _child_path(stack)
                place(container, event)
                stack.append([container, parent_path, _NO_KEY, None])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
    except ReadError:
        raise
    except RecursionError:
        raise ReadError(Problem(name, 1, 1, "", "the file is nested too deeply")) from None
    except (yaml.YAMLError, ValueError, IndexError, TypeError, OverflowError) as exc:
        raise ReadError(_yaml_error(name, text, exc)) from None
    if not root_set:
        raise ReadError(Problem(name, 1, 1, "", "the file is empty: it should hold a mapping such as 'tips:'"))
    return doc


_NO_KEY = object()


def _child_path(stack: list[list[Any]]) -> KeyPath:
    """The path of the container about to be opened inside the current top."""
    if not stack:
        return ()
    container, path, key = stack[-1][0], stack[-1][1], stack[-1][2]
    if isinstance(container, list):
        return (*path, len(container))
    return (*path, key)
