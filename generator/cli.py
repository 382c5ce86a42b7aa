"""The `playbook` command: validate, build, generate, offline, serve, schema.

Exit codes are a stable interface: 0 success, 1 invalid input or a failed build, 2 a usage
error (an unknown option, or an output folder the playbook may not write). Bad input never
produces a traceback, and neither does the machine: a full or read-only disk, or a folder that
cannot be read, is one line naming the file, and exit 1.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from .config_file import EngineSettings, read_engine_settings
from .errors import BuildFailed, DatasetError
from .generate import ClashError, load_edition, write_docs_tree
from .loader import load_dataset
from .outputs import OutputRefused, check_target, discard, install, is_playbook_output, mark, repository_root
from .pdf import PdfError
from .schema import DataFile
from .site_address import NO_ADDRESS_NOTICE, AddressError

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
DEFAULT_OFFLINE_NAME = "networking-playbook"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="playbook", description="Build the Networking Playbook from its YAML dataset."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def data_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data", type=Path, default=Path("data"), help="the dataset folder (default: data)")

    def brand_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--brand", type=Path, help="an association's brand file (see branding/)")

    def config_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs config (default: mkdocs.yml)")

    p = sub.add_parser("validate", help="check the dataset; list every problem")
    data_option(p)

    p = sub.add_parser("build", help="validate and build the site (strict) beside site-dir, then swap it in")
    data_option(p)
    brand_option(p)
    p.add_argument("--site-dir", type=Path, default=Path("site"), help="where the site goes (default: site)")
    config_option(p)

    p = sub.add_parser("offline", help="build a copy that works from file:// and zip it to OUT/<name>-offline.zip")
    data_option(p)
    brand_option(p)
    p.add_argument("--out", type=Path, default=Path("dist"), help="where the zip goes (default: dist)")
    config_option(p)

    p = sub.add_parser("generate", help="write the complete docs tree for any engine that reads mkdocs.yml")
    p.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    data_option(p)
    p.add_argument("--content", type=Path, help="hand-written pages (default: mkdocs.yml's docs_dir)")
    config_option(p)

    p = sub.add_parser("serve", help="preview with live reload: data, content, templates and theme are watched")
    data_option(p)
    brand_option(p)
    config_option(p)
    p.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")

    sub.add_parser("schema", help="print the dataset's JSON Schema")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit code."""
    args = _parser().parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return COMMANDS[args.command](args)
    except DatasetError as error:
        return _report(error)
    except AddressError as error:
        print(f"playbook: {error}", file=sys.stderr)
        return EXIT_INVALID
    except OutputRefused as error:
        print(f"playbook: refusing to write there, nothing was changed: {error}", file=sys.stderr)
        return EXIT_USAGE
    except (ClashError, PdfError) as error:
        print(f"playbook: {error}; nothing was written", file=sys.stderr)
        return EXIT_INVALID
    except BuildFailed as error:
        print(f"playbook: the build failed and the previous output was left as it was: {error}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        print(f"playbook: {where}{error.strerror or error}; the previous output was left as it was", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130


def _report(error: DatasetError) -> int:
    for problem in error.problems:
        print(problem, file=sys.stderr)
    count = len(error.problems)
    print(f"{count} problem{'s' if count != 1 else ''} found; nothing was built.", file=sys.stderr)
    return EXIT_INVALID


def _validate(args: argparse.Namespace) -> int:
    dataset = load_dataset(args.data)
    print(f"{args.data}: valid ({len(dataset.tips)} tips).")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(), indent=2))
    return EXIT_OK


def _sources(args: argparse.Namespace, settings: EngineSettings) -> dict[str, list[Path]]:
    """What an output may not replace: the repository (roots) and what the build reads (sources)."""
    sources = [args.data, settings.docs_dir]
    if settings.theme_dir is not None:
        sources.append(settings.theme_dir)
    roots = [repository_root(args.config.resolve().parent), repository_root(Path.cwd())]
    if getattr(args, "brand", None) is not None:
        roots.append(args.brand.resolve().parent)  # its folder may hold the edition's site
    return {"roots": roots, "sources": sources}


def _announce_address(settings: EngineSettings) -> None:
    if not settings.address.url:
        print(f"playbook: {NO_ADDRESS_NOTICE}", file=sys.stderr)


def _build(args: argparse.Namespace) -> int:
    from .mkdocs_build import Inputs, build_site
    from .outputs import staging_folder

    settings = read_engine_settings(args.config)
    check_target(args.site_dir, **_sources(args, settings))
    edition = load_edition(args.data, args.brand, site_url=settings.address.url)
    staging = staging_folder(args.site_dir)
    try:
        build_site(Inputs(args.config, args.data, args.brand), edition, staging)
        install(staging, args.site_dir)
    except BaseException:
        discard(staging)
        raise
    print(f"built {args.site_dir}")
    return EXIT_OK


def _offline(args: argparse.Namespace) -> int:
    from .mkdocs_build import Inputs, build_site
    from .offline import add_search_index_script, zip_site

    settings = read_engine_settings(args.config)
    check_target(args.out, **_sources(args, settings))
    edition = load_edition(args.data, args.brand, site_url=settings.address.url, offline=True)
    name = edition.brand.id if edition.brand is not None else DEFAULT_OFFLINE_NAME
    args.out.mkdir(parents=True, exist_ok=True)
    if not is_playbook_output(args.out):
        mark(args.out)
    with tempfile.TemporaryDirectory(prefix=".offline-", dir=args.out) as work:
        site = Path(work) / name
        build_site(Inputs(args.config, args.data, args.brand, offline=True), edition, site)
        add_search_index_script(site)
        bundle = zip_site(site, args.out / f"{name}-offline.zip")
    print(f"wrote {bundle}: unzip it and open index.html")
    return EXIT_OK


def _generate(args: argparse.Namespace) -> int:
    settings = read_engine_settings(args.config)
    content = args.content or settings.docs_dir
    sources = _sources(args, settings)
    sources["sources"].append(content)
    check_target(args.out_dir, **sources)
    edition = load_edition(args.data, site_url=settings.address.url)
    _announce_address(settings)
    count = write_docs_tree(edition, content, args.out_dir)
    print(f"wrote {count} files to {args.out_dir}")
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from .mkdocs_build import Inputs, serve_site

    load_edition(args.data, args.brand)  # fail early, located, before the server starts
    restart = ["-m", "generator.cli", *args.argv]
    serve_site(Inputs(args.config, args.data, args.brand), args.dev_addr, restart)
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": _validate,
    "schema": _schema,
    "build": _build,
    "offline": _offline,
    "generate": _generate,
    "serve": _serve,
}


def json_schema() -> dict[str, object]:
    """The JSON Schema of one data file (every section optional; the files together form the dataset)."""
    schema = DataFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Networking Playbook data file"
    return schema


if __name__ == "__main__":
    sys.exit(main())
