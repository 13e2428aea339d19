"""Command line: ``cpdresearch validate | synth | cohorts | run | setup``.

Bad input exits 2 with every problem listed and never a traceback; a traceback means a
bug in cpdresearch.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import paths
from .errors import DataError


def _cmd_setup(args: argparse.Namespace) -> int:
    from .nltk_data import ensure_nltk_data

    print(f"NLTK data ready in {ensure_nltk_data()}")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from .io import load_study, study_summary

    study = load_study(args.study_dir)
    print(study_summary(study))
    return 0


def _cmd_synth(args: argparse.Namespace) -> int:
    from .synth import write_study

    out = write_study(
        args.directory, seed=args.seed, respondents=args.respondents, sessions=args.sessions,
        courses=args.courses, staff=args.staff,
    )
    print(f"Synthetic study written to {out}")
    return 0


def _cmd_cohorts(args: argparse.Namespace) -> int:
    from .io import load_study

    study = load_study(args.study_dir)
    for c in study.cohorts:
        filt = ", ".join(f"{k}={v}" for k, v in c.filter.items()) or "(whole study)"
        print(f"{c.name:<24} {c.title:<36} {filt}")
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    from .runner import run_batch

    return run_batch(
        study_dir=args.study_dir, cohorts=args.cohort, notebooks=args.notebook, jobs=args.jobs,
        out=args.out, run_id=args.run_id, scheduler=args.scheduler,
        retry_failed=args.retry_failed, timeout=args.timeout,
    )


def _cmd_export_qdpx(args: argparse.Namespace) -> int:
    from .focus_groups.refi_qda import export_qdpx
    from .io import load_study

    print(export_qdpx(load_study(args.study_dir), args.out))
    return 0


def _cmd_export_qdc(args: argparse.Namespace) -> int:
    from .focus_groups.refi_qda import export_qdc
    from .io import load_study

    study = load_study(args.study_dir)
    if study.codebook is None:
        raise DataError("the study has no focus-group codebook (codebooks/focus_groups.yml)")
    print(export_qdc(study.codebook, args.out))
    return 0


def _cmd_import_qdpx(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .focus_groups.refi_qda import read_qdpx
    from .io import load_study

    study = load_study(args.study_dir)
    if study.codebook is None:
        raise DataError("the study has no focus-group codebook (codebooks/focus_groups.yml) to map codes onto")
    codings, problems = read_qdpx(args.qdpx, codebook=study.codebook)
    out = Path(args.out) if args.out else Path(args.study_dir) / "raw" / "focus_groups" / f"codings_{Path(args.qdpx).stem}.csv"
    if out.exists():
        print(f"{out} exists; not overwritten (raw files are never written to). Give --out.", file=sys.stderr)
        return 1
    out.parent.mkdir(parents=True, exist_ok=True)
    codings.to_csv(out, index=False)
    print(f"{len(codings)} codings written to {out}; point study.yml paths.codings at it to use them.")
    for row in problems.itertuples(index=False):
        print(f"not imported: source {row.source} [{row.start}:{row.end}] code {row.code!r}: {row.problem}",
              file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="cpdresearch", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("setup", help="prepare the offline NLTK data directory")
    s.set_defaults(func=_cmd_setup)

    s = sub.add_parser("validate", help="check a study folder and list every problem")
    s.add_argument("study_dir", nargs="?", default=str(paths.DEMO_STUDY))
    s.set_defaults(func=_cmd_validate)

    s = sub.add_parser("synth", help="write a synthetic demo study")
    s.add_argument("directory")
    s.add_argument("--seed", type=int, default=20261123)
    s.add_argument("--respondents", type=int, default=None)
    s.add_argument("--sessions", type=int, default=None)
    s.add_argument("--courses", type=int, default=None)
    s.add_argument("--staff", type=int, default=None)
    s.set_defaults(func=_cmd_synth)

    s = sub.add_parser("cohorts", help="list a study's cohorts")
    s.add_argument("study_dir", nargs="?", default=str(paths.DEMO_STUDY))
    s.set_defaults(func=_cmd_cohorts)

    s = sub.add_parser("run", help="run every notebook for every cohort with papermill")
    s.add_argument("study_dir", nargs="?", default=str(paths.DEMO_STUDY))
    s.add_argument("--cohort", action="append", default=None, help="cohort name (repeatable)")
    s.add_argument("--notebook", action="append", default=None, help="notebook stem (repeatable)")
    s.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    s.add_argument("--out", default=str(paths.RUNS))
    s.add_argument("--run-id", default=None)
    s.add_argument("--scheduler", default=None, help="Dask scheduler address, tcp://HOST:PORT")
    s.add_argument("--retry-failed", action="store_true")
    s.add_argument("--timeout", type=int, default=600, help="per-cell timeout in seconds")
    s.set_defaults(func=_cmd_run)

    s = sub.add_parser("export-qdpx", help="focus groups as a REFI-QDA project for NVivo, ATLAS.ti, MAXQDA, QualCoder")
    s.add_argument("study_dir")
    s.add_argument("out")
    s.set_defaults(func=_cmd_export_qdpx)

    s = sub.add_parser("export-qdc", help="the focus-group codebook as a REFI-QDA codebook (.qdc)")
    s.add_argument("study_dir")
    s.add_argument("out")
    s.set_defaults(func=_cmd_export_qdc)

    s = sub.add_parser("import-qdpx", help="codings made in another QDA tool, as a codings CSV")
    s.add_argument("qdpx")
    s.add_argument("study_dir")
    s.add_argument("--out", default=None, help="CSV to write (default raw/focus_groups/codings_<file>.csv; never overwritten)")
    s.set_defaults(func=_cmd_import_qdpx)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except DataError as err:
        print(err, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
