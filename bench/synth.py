"""Synthetic datasets: a copy of data/ whose tips are cloned up to a given count.

Deterministic: the real tips are all kept, unchanged (so collections,
worksheets and quizzes still find the ids they name), and clones of them are
added in order, each under a new id and with its title, summary and body made unique (so no
cache keyed on content can make a clone cheaper than a real tip). The clones are spread
over several files, each well under the reader's per-file size cap.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from generator.loader import load_dataset
from generator.yaml_reader import MAX_FILE_BYTES, resolve_plain

TIPS_PER_FILE = 400
"""About 0.8 MB of YAML per file: a quarter of the cap leaves room for longer tips."""

SCHEMA_LINE = "# yaml-language-server: $schema=../schema.json\n"
SLUG_MAX, LINE_MAX = 60, 200


_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[misc]
    """Block style, no anchors or aliases, and text the strict reader reads back as text."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: _Dumper, text: str) -> Any:
    if "\n" in text:
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|")
    style = None if isinstance(resolve_plain(text), str) else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_str)


def _unique_line(text: str, mark: str) -> str:
    """`text` with `mark` appended, cut so the result stays within a Line's length."""
    room = LINE_MAX - len(mark) - 1
    return f"{text[:room].rstrip()} {mark}"


def clone_tip(tip: dict[str, Any], copy: int) -> dict[str, Any]:
    """Copy number `copy` (1, 2, ...) of a real tip, with its own id, title and summary."""
    suffix = f"-x{copy}"
    base = tip["id"][: SLUG_MAX - len(suffix)].rstrip("-")
    return {
        **tip,
        "id": base + suffix,
        "title": _unique_line(tip["title"], f"(variant {copy})"),
        "summary": _unique_line(tip["summary"], f"(Variant {copy}.)"),
        "body": f"{tip['body'].rstrip()}\n\nVariant {copy} of this tip.\n",
    }


def synthesise(source: Path, target: Path, tips: int) -> Path:
    """Write a dataset of exactly `tips` tips to `target` (replaced if present); return it.

    Needs at least as many tips as the real dataset has, so every reference stays valid.
    """
    real = [tip.model_dump(mode="json") for tip in load_dataset(source).tips]
    if tips < len(real):
        raise ValueError(f"the real dataset has {len(real)} tips; a synthetic one needs at least that many")
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    clones = [clone_tip(real[i % len(real)], 1 + i // len(real)) for i in range(tips - len(real))]
    for number, start in enumerate(range(0, len(clones), TIPS_PER_FILE), start=1):
        text = SCHEMA_LINE + yaml.dump(
            {"tips": clones[start : start + TIPS_PER_FILE]},
            Dumper=_Dumper,
            sort_keys=False,
            allow_unicode=True,
            width=10_000,
        )
        encoded = text.encode("utf-8")
        if len(encoded) > MAX_FILE_BYTES // 2:
            raise ValueError(f"bench file {number} is {len(encoded):,} bytes; lower TIPS_PER_FILE")
        (target / "tips" / f"bench-{number:03d}.yaml").write_bytes(encoded)
    return target


def main() -> None:
    """`python -m bench.synth SIZE TARGET`: write one synthetic dataset."""
    import sys

    size, target = int(sys.argv[1]), Path(sys.argv[2])
    synthesise(Path("data"), target, size)
    print(f"wrote {size} tips to {target}")


if __name__ == "__main__":
    main()
