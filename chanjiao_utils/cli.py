"""The ``chanjiao`` command line.

::

    chanjiao validate DIR             check a data package; exit 0 valid, 1 invalid (every problem printed)
    chanjiao report [--data DIR] [--out DIR] [--lang zh|en|both]
                                      execute every notebook on a data package, write figures, tables, the brief
    chanjiao brief [--data DIR] [--lang zh|en] --out FILE.docx
                                      the brief for a policy office in Word: key figures, five findings, sources
    chanjiao generate [--data DIR] [--seed N]
                                      regenerate the synthetic rows of a data package (attested rows kept)
    chanjiao generate-collection OUT [--consortia N] [--organisations N] [--partnerships N] [--seed N]
                                      write a seeded synthetic collection of consortia (notebook 08, benchmarks)
    chanjiao profiles DIR [--jobs N] [--out FILE.csv]
                                      one profile row per consortium of a collection, computed in parallel
    chanjiao export-graph --format gexf|graphml|json [--data DIR] [--two-mode] OUT
                                      write the network for Gephi, Cytoscape or the web
    chanjiao significance [--data DIR] [--statistics NAME,...] [--null MODEL,...] [--draws N] [--seed S]
                    [--jobs N] --out FILE.csv
                                      each statistic against its null models (edges, degree, labels, qap)
    chanjiao robustness [--data DIR] (--completions N | --missing 0.1,0.2,...) [--seed S] [--jobs N] --out FILE.csv
                                      statistics and findings over the synthetic completions, or with ties missing
    chanjiao import ROSTER [--ties TIES] --out DIR [--sheet S] [--ties-sheet S] [--columns 表头=field ...]
                    [--keep-valid] [--report FILE.xlsx] [--force]
                                      turn an Excel or CSV roster into a validated data package
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__, files, paths


def _validate(args: argparse.Namespace) -> int:
    from .loading import validate

    folder = paths.data_package(args.data)
    problems = validate(folder)
    if not problems:
        print(f"{folder}: valid")
        return 0
    print(f"{folder}: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
    for problem in problems:
        print(f"  {problem}")
    return 1


def _report(args: argparse.Namespace) -> int:
    from .report import run_report

    run_report(args.data, args.out, progress_bar=not args.quiet, lang=args.lang)
    return 0


def _brief(args: argparse.Namespace) -> int:
    from .brief import write_brief
    from .loading import load

    consortium = load(args.data)
    path = write_brief(consortium, args.out, args.lang, inputs=(consortium.folder,))
    print(f"{path}: the brief in {'Chinese' if args.lang == 'zh' else 'English'} (Word)")
    return 0


def _generate(args: argparse.Namespace) -> int:
    from .synthetic import regenerate

    counts = regenerate(args.data, seed=args.seed)
    folder = paths.data_package(args.data)
    print(f"{folder}: " + ", ".join(f"{n} {what}" for what, n in counts.items()))
    return 0


def _generate_collection(args: argparse.Namespace) -> int:
    from .synthetic import CollectionAssumptions, write_collection

    defaults = CollectionAssumptions()
    assumptions = CollectionAssumptions(
        consortia=args.consortia or defaults.consortia, organisations=args.organisations or defaults.organisations,
        partnerships=args.partnerships or defaults.partnerships,
        seed=args.seed if args.seed is not None else defaults.seed)
    try:
        counts = write_collection(args.out, assumptions)
    except (FileExistsError, ValueError) as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{args.out}: " + ", ".join(f"{n} {what}" for what, n in counts.items()))
    return 0


#: How a profiles table written by ``chanjiao profiles --out`` starts (so a later run may replace it).
PROFILES_SIGNATURE = "\ufeffconsortium,".encode("utf-8")


def _profiles(args: argparse.Namespace) -> int:
    from .collection import load_collection, profiles

    collection = load_collection(args.data)
    table = profiles(collection, n_jobs="auto" if args.jobs is None else args.jobs)
    if args.out:
        target = files.check_file_target(args.out, [args.data], ours=files.starts_with(PROFILES_SIGNATURE),
                                          what="profiles table")
        # UTF-8 with BOM, so Excel opens the Chinese names; formula-like names written as text.
        print(files.atomic_write(target, files.csv_bytes(table, index=True)))
    else:
        print(table.to_string())
    return 0


def _export_graph(args: argparse.Namespace) -> int:
    from .export import save_graph
    from .graph import organisation_area_graph, organisation_graph
    from .loading import load

    consortium = load(args.data)
    graph = organisation_area_graph(consortium) if args.two_mode else organisation_graph(consortium)
    path = save_graph(graph, args.out, args.format)
    print(f"{path}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges ({args.format})")
    return 0


def _significance(args: argparse.Namespace) -> int:
    from .inference.commands import run_significance

    return run_significance(args)


def _robustness(args: argparse.Namespace) -> int:
    from .inference.commands import run_robustness

    return run_robustness(args)


def _import(args: argparse.Namespace) -> int:
    from .roster import import_roster

    columns = {}
    for pair in args.columns or []:
        header, sep, field = pair.partition("=")
        if not sep or not header or not field:
            print(f"--columns takes HEADER=FIELD, not {pair!r}", file=sys.stderr)
            return 2
        columns[header] = field
    sheet = int(args.sheet) if args.sheet is not None and args.sheet.isdigit() else args.sheet
    ties_sheet = int(args.ties_sheet) if args.ties_sheet is not None and args.ties_sheet.isdigit() else args.ties_sheet
    try:
        result = import_roster(args.roster, args.ties, out=args.out, sheet=sheet, ties_sheet=ties_sheet,
                               columns=columns or None, keep_valid=args.keep_valid, report=args.report,
                               overwrite=args.force)
    except ValueError as exc:  # a --columns target that is no field
        print(exc, file=sys.stderr)
        return 1
    print(result.summary())
    return 1 if result.problems and result.out is None else 0


def parser() -> argparse.ArgumentParser:
    """The argument parser (also used to document the commands)."""
    p = argparse.ArgumentParser(prog="chanjiao", description="Network analysis of a city-level industry–education consortium (市域产教联合体).")
    p.add_argument("--version", action="version", version=f"chanjiao {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    v = sub.add_parser("validate", help="check a data package and list every problem")
    v.add_argument("data", metavar="DIR", help="data package folder (or its datapackage.json)")
    v.set_defaults(run=_validate)

    r = sub.add_parser("report", help="execute every notebook and write figures and tables")
    r.add_argument("--data", metavar="DIR", default=None, help="data package folder (default: the bundled Zhongshan 2023 data)")
    r.add_argument("--out", metavar="DIR", default=None, help="output folder (default: reports/); the report goes to OUT/<dataset>")
    r.add_argument("--quiet", action="store_true", help="no per-cell progress bars")
    r.add_argument("--lang", choices=["zh", "en", "both"], default="both",
                   help="languages of the figures and the brief (default: both)")
    r.set_defaults(run=_report)

    b = sub.add_parser("brief", help="write the brief for a policy office as a Word document")
    b.add_argument("--data", metavar="DIR", default=None, help="data package folder (default: the bundled one)")
    b.add_argument("--lang", choices=["zh", "en"], default="zh", help="language (default: zh)")
    b.add_argument("--out", metavar="FILE.docx", required=True, help="file to write")
    b.set_defaults(run=_brief)

    g = sub.add_parser("generate", help="regenerate the synthetic rows of a data package, byte-identical for a seed")
    g.add_argument("--data", metavar="DIR", default=None, help="data package folder (default: the bundled one)")
    g.add_argument("--seed", type=int, default=None, help="seed (default: the one recorded in datapackage.json)")
    g.set_defaults(run=_generate)

    c = sub.add_parser("generate-collection", help="write a seeded synthetic collection of consortia (all rows synthetic)")
    c.add_argument("out", metavar="OUT", help="folder to create (must not exist)")
    c.add_argument("--consortia", type=int, default=None, help="number of consortia (default 500)")
    c.add_argument("--organisations", type=int, default=None, help="number of organisations (default 50000)")
    c.add_argument("--partnerships", type=int, default=None, help="about this many partnership rows (default 500000)")
    c.add_argument("--seed", type=int, default=None, help="seed (default 20231031)")
    c.set_defaults(run=_generate_collection)

    f = sub.add_parser("profiles", help="one profile row per consortium of a collection, computed in parallel")
    f.add_argument("data", metavar="DIR", help="collection data package folder")
    f.add_argument("--jobs", type=int, default=None,
                   help="parallel workers, -1 for every core (default: every core from 100,000 partnerships)")
    f.add_argument("--out", metavar="FILE.csv", default=None, help="write the table as CSV (UTF-8 with BOM) instead of printing it")
    f.set_defaults(run=_profiles)

    e = sub.add_parser("export-graph", help="write the organisation network as GEXF, GraphML or node-link JSON")
    e.add_argument("out", metavar="OUT", help="file to write")
    e.add_argument("--format", required=True, choices=["gexf", "graphml", "json"], help="file format")
    e.add_argument("--data", metavar="DIR", default=None, help="data package folder (default: the bundled one)")
    e.add_argument("--two-mode", action="store_true", help="the organisation × area graph instead of the organisation graph")
    e.set_defaults(run=_export_graph)

    s = sub.add_parser("significance", help="each statistic against its null models: observed, null mean, p (as sna::cug.test)")
    s.add_argument("--data", metavar="DIR", default=None, help="data package folder (default: the bundled one)")
    s.add_argument("--statistics", metavar="NAME,...", default=None,
                   help="statistics, e.g. transitivity,degree_centralization,ei_index (default: every one that applies)")
    s.add_argument("--null", metavar="MODEL,...", default=None,
                   help="null models: edges, degree, labels, qap (default: every one that applies)")
    s.add_argument("--layers", metavar="AREA,AREA", default=None, help="the two areas of cooperation --null qap compares")
    s.add_argument("--draws", type=int, default=1000, help="draws per null model (default 1000)")
    s.add_argument("--seed", type=int, default=None, help="seed (default 42)")
    s.add_argument("--jobs", type=int, default=None, help="parallel workers, -1 for every core (default: chosen by size)")
    s.add_argument("--out", metavar="FILE.csv", required=True, help="the table, as CSV (UTF-8 with BOM)")
    s.set_defaults(run=_significance)

    rb = sub.add_parser("robustness", help="statistics and findings over the synthetic completions, or with ties missing")
    rb.add_argument("--data", metavar="DIR", default=None, help="data package folder (default: the bundled one)")
    rb.add_argument("--completions", type=int, default=None,
                    help="recompute over N completions: completion k is what `chanjiao generate --seed k` writes")
    rb.add_argument("--missing", metavar="SHARE,...", default=None, help="leave out these shares, e.g. 0.1,0.2,0.3")
    rb.add_argument("--unit", choices=["ties", "organisations"], default="ties", help="what --missing leaves out")
    rb.add_argument("--runs", type=int, default=200, help="runs per share with --missing (default 200)")
    rb.add_argument("--seed", type=int, default=None,
                    help="first completion's seed (default: the package's) or the seed of --missing (default 42)")
    rb.add_argument("--jobs", type=int, default=None, help="parallel workers, -1 for every core (default: chosen by size)")
    rb.add_argument("--out", metavar="FILE.csv", required=True, help="the table, as CSV (UTF-8 with BOM)")
    rb.set_defaults(run=_robustness)

    i = sub.add_parser("import", help="turn an Excel or CSV roster (and tie list) into a validated data package")
    i.add_argument("roster", metavar="ROSTER", help="organisations: .xlsx, .xls or .csv")
    i.add_argument("--ties", metavar="TIES", default=None, help="ties: .xlsx, .xls or .csv (or a sheet of ROSTER)")
    i.add_argument("--out", metavar="DIR", required=True, help="folder for the data package")
    i.add_argument("--sheet", default=None, help="roster sheet, by name or 0-based number")
    i.add_argument("--ties-sheet", default=None, help="tie sheet, by name or 0-based number")
    i.add_argument("--columns", nargs="*", metavar="HEADER=FIELD", help="map other headers, e.g. 单位全称=name_zh")
    i.add_argument("--keep-valid", action="store_true", help="write the valid rows and list those left out")
    i.add_argument("--report", metavar="FILE.xlsx", default=None, help="write a copy with bad cells marked")
    i.add_argument("--force", action="store_true", help="replace a non-empty output folder")
    i.set_defaults(run=_import)
    return p


def _os_message(exc: OSError) -> str:
    """One line for an error of the file system: which path, what happened."""
    import errno

    where = " → ".join(str(f) for f in (exc.filename, exc.filename2) if f is not None)
    what = {errno.ENOSPC: "the disk is full", errno.EACCES: "permission denied", errno.EROFS: "the disk is read-only",
            errno.ENOTDIR: "a part of this path is a file, not a folder", errno.EEXIST: "it exists already",
            errno.ENOENT: "no such file or folder"}.get(exc.errno or 0, exc.strerror or str(exc))
    return f"{where}: {what}" if where else str(exc)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``chanjiao`` console script; returns the exit code.

    A mistake in the call exits 2 (argparse's usage message). Anything a user can cause — a data package with
    problems, an output the command refuses, a file it cannot read or write, a full disk — ends in one
    message on stderr and exit 1; Ctrl-C in "interrupted, nothing written" and exit 130. Only a bug in
    chanjiao shows a traceback.
    """
    args = parser().parse_args(argv)
    from .inference.commands import UsageError
    from .loading import DataPackageError

    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        print("chanjiao: interrupted, nothing written", file=sys.stderr)
        return 130
    except UsageError as exc:  # an argument the command cannot use, as argparse says its own
        print(f"chanjiao {args.command}: {exc}", file=sys.stderr)
        return 2
    except (DataPackageError, files.OutputError) as exc:  # said in full by the exception
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"chanjiao {args.command}: {_os_message(exc)} (nothing written)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
