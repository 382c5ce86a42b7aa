"""The `playbook` command: validate, build, generate, serve, schema.

Exit codes are a stable interface: 0 success, 1 invalid data or a failed
build, 2 a usage error. Bad data never produces a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from .branding import load_brand
from .errors import DatasetError
from .loader import load_dataset
from .schema import DataFile
from .site import BuildFailed, atomic_build, generated_tree_in_child, offline_bundle, write_docs_tree

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on usage errors already; keep it, but without the noise."""


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="playbook", description="Build the Networking Playbook from its YAML dataset.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def data_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data", type=Path, default=Path("data"), help="the dataset folder (default: data)")

    p = sub.add_parser("validate", help="check the dataset; list every problem")
    data_option(p)

    def brand_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--brand", type=Path, help="an association's brand file (see branding/)")

    p = sub.add_parser("build", help="validate, generate and build the site (strict), swapping it in atomically")
    data_option(p)
    brand_option(p)
    p.add_argument("--site-dir", type=Path, default=Path("site"), help="where the site goes (default: site)")
    p.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs config (default: mkdocs.yml)")

    p = sub.add_parser("offline", help="build a copy that works from file:// and zip it to dist/<name>-offline.zip")
    data_option(p)
    brand_option(p)
    p.add_argument("--out", type=Path, default=Path("dist"), help="where the zip goes (default: dist)")
    p.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs config (default: mkdocs.yml)")

    p = sub.add_parser("generate", help="write the complete docs tree for any engine that reads mkdocs.yml")
    p.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    data_option(p)
    p.add_argument("--content", type=Path, default=Path("content"), help="hand-written pages (default: content)")

    p = sub.add_parser("serve", help="serve the site with live reload; data/ is watched")
    data_option(p)
    p.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    p.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")

    sub.add_parser("schema", help="print the dataset's JSON Schema")
    return parser


def _report(error: DatasetError) -> int:
    for problem in error.problems:
        print(problem, file=sys.stderr)
    count = len(error.problems)
    print(f"{count} problem{'s' if count != 1 else ''} found; nothing was built.", file=sys.stderr)
    return EXIT_INVALID


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "schema":
            print(json.dumps(json_schema(), indent=2))
            return EXIT_OK
        if args.command == "validate":
            dataset = load_dataset(args.data)
            print(f"{args.data}: valid ({len(dataset.tips)} tips).")
            return EXIT_OK
        if args.command == "generate":
            files = write_docs_tree(args.data, args.content, args.out_dir)
            print(f"wrote {files} files to {args.out_dir}")
            return EXIT_OK
        if args.command == "build":
            _prepare(args)
            atomic_build(args.config, args.site_dir, args.data, brand=args.brand)
            print(f"built {args.site_dir}")
            return EXIT_OK
        if args.command == "offline":
            _prepare(args, offline=True)
            bundle = offline_bundle(args.config, args.data, args.out, brand=args.brand)
            print(f"wrote {bundle}: unzip it and open index.html")
            return EXIT_OK
        if args.command == "serve":
            generated_tree_in_child(args.data)
            env = {**os.environ, "PLAYBOOK_DATA_DIR": str(args.data.resolve())}
            command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(args.config), "-a", args.dev_addr]
            return subprocess.call(command, env=env)
    except DatasetError as error:
        return _report(error)
    except BuildFailed as failure:
        print(f"playbook: build failed; {args.site_dir} was left as it was.\n{failure}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    return EXIT_USAGE


def _prepare(args: argparse.Namespace, *, offline: bool = False) -> None:
    """Validate the brand file and the dataset, and generate the site's files into the tree cache.

    Bad input is reported from here, located, before the engine starts; the engine's plugin
    then finds the generated files ready instead of loading and rendering the data again.
    """
    brand = load_brand(args.brand) if args.brand is not None else None
    generated_tree_in_child(
        args.data,
        site_url="" if offline else None,
        brand=brand,
        brand_dir=args.brand.resolve().parent if args.brand is not None else None,
        directory_urls=not offline,
    )


def json_schema() -> dict[str, object]:
    """The JSON Schema of one data file (every section optional; the files together form the dataset)."""
    schema = DataFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Networking Playbook data file"
    return schema


if __name__ == "__main__":
    sys.exit(main())
