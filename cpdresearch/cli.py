"""Command line: ``cpdresearch validate | synth | cohorts | run | lab | setup``.

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

__all__ = ["DESCRIPTION", "build_parser", "build_parser", "main"]

#: What ``cpdresearch --help`` says first (plain text: argparse shows it as written).
DESCRIPTION = ("Analyse a council's children's social care CPD evidence: check a study folder, "
               "write a synthetic one, and run every report notebook for every cohort.")


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
def _cmd_lab(args: argparse.Namespace) -> int:
    # This interpreter's data folder first: its own python3 kernel (this environment, with
    # cpdresearch installed) wins over any "python3" kernel registered for the user.
    env = {**os.environ, "JUPYTER_DATA_DIR": str(Path(sys.prefix) / "share" / "jupyter")}
    argv = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={Path(args.notebooks_dir).resolve()}",
            f"--ServerApp.ip={args.ip}", f"--ServerApp.port={args.port}",
            "--MappingKernelManager.default_kernel_name=python3"]
    if args.no_browser:
        argv.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI run as root
        argv.append("--allow-root")
    print(f"JupyterLab on {args.notebooks_dir} with the kernel of {sys.prefix}; open the address printed "
          "below (it carries the access token). Stop with Ctrl-C twice.", file=sys.stderr, flush=True)
    os.execve(sys.executable, argv, env)  # the server takes over this process (and its signals)
    return 0  # not reached


def _positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


def _study_dir_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("study_dir", nargs="?", default=str(paths.DEMO_STUDY), metavar="STUDY_DIR",
                        help="the study folder: study.yml, cohorts.yml, raw/ and so on "
                             "(default: the demo study, %(default)s)")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="cpdresearch", description=DESCRIPTION,
                                epilog="Run 'cpdresearch COMMAND --help' for a command's options.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser("setup", help="prepare the offline NLTK data directory",
                       description="Prepare the offline NLTK data directory inside the environment.")
    s.set_defaults(func=_cmd_setup)

    s = sub.add_parser("validate", help="check a study folder and list every problem",
                       description="Load a study folder, check it against the data contract and list every "
                                   "problem found (exit status 2 if there is any).")
    _study_dir_argument(s)
    s.set_defaults(func=_cmd_validate)

    s = sub.add_parser("synth", help="write a synthetic demo study",
                       description="Write a synthetic study folder (made-up people and text) for demos and tests.")
    s.add_argument("directory", help="folder to write the study into")
    s.add_argument("--seed", type=int, default=20261123, help="random seed; the same seed writes the same study "
                                                               "(default: %(default)s)")
    s.add_argument("--respondents", type=int, default=None, help="survey respondents (default: the demo size)")
    s.add_argument("--sessions", type=int, default=None, help="focus-group sessions (default: the demo size)")
    s.add_argument("--courses", type=int, default=None, help="training courses (default: the demo size)")
    s.add_argument("--staff", type=int, default=None, help="staff with learning needs (default: the demo size)")
    s.set_defaults(func=_cmd_synth)

    s = sub.add_parser("cohorts", help="list a study's cohorts",
                       description="List the cohorts of a study: name, title and the filter that selects them.")
    _study_dir_argument(s)
    s.set_defaults(func=_cmd_cohorts)

    s = sub.add_parser(
        "run", help="run every notebook for every cohort and render the reports",
        description="Run every notebook in notebooks/ for every cohort of a study, in parallel, and write "
                    "the executed notebooks, code-free HTML reports, tables, figures, key figures, "
                    "manifest.json and index.html to a run folder (docs/runs.md).",
        epilog="Exit status: 0 all succeeded, 1 some failed or were not run, 2 bad request, "
               "130 interrupted (Ctrl-C). Ctrl-C stops the run: no new notebook starts, running ones "
               "are stopped, and the manifest records what finished; resume with --run-id.")
    _study_dir_argument(s)
    s.add_argument("--cohort", action="append", default=None, metavar="NAME",
                   help="run only this cohort (repeatable; default: every cohort in cohorts.yml)")
    s.add_argument("--notebook", action="append", default=None, metavar="NAME",
                   help="run only this notebook, named by its file stem such as 01_survey (repeatable; "
                        "default: the cohort's notebooks in cohorts.yml, else every notebook)")
    s.add_argument("--jobs", type=_positive_int, default=os.cpu_count() or 1, metavar="N",
                   help="notebooks run at the same time, 1 or more (default: CPU cores, %(default)s)")
    s.add_argument("--out", default=str(paths.RUNS), metavar="DIR",
                   help="folder that holds the run folders (default: %(default)s)")
    s.add_argument("--run-id", default=None, metavar="ID",
                   help="name of the run folder (default: a UTC timestamp); reusing an id resumes that run, "
                        "re-running only what changed or is missing")
    s.add_argument("--scheduler", default=None, metavar="tcp://HOST:PORT",
                   help="run on this Dask scheduler's workers instead of this machine (--jobs is then ignored)")
    s.add_argument("--retry-failed", action="store_true",
                   help="with --run-id: re-run only the runs that failed in that run")
    s.add_argument("--timeout", type=_positive_int, default=600, metavar="SECONDS",
                   help="time allowed for any one notebook cell (default: %(default)s)")
    s.set_defaults(func=_cmd_run)

    s = sub.add_parser("export-qdpx", help="focus groups as a REFI-QDA project for NVivo, ATLAS.ti, MAXQDA, QualCoder")
    s.add_argument("study_dir", help="the study folder")
    s.add_argument("out", help="the .qdpx file to write")
    s.set_defaults(func=_cmd_export_qdpx)

    s = sub.add_parser("export-qdc", help="the focus-group codebook as a REFI-QDA codebook (.qdc)")
    s.add_argument("study_dir", help="the study folder")
    s.add_argument("out", help="the .qdc file to write")
    s.set_defaults(func=_cmd_export_qdc)

    s = sub.add_parser("import-qdpx", help="codings made in another QDA tool, as a codings CSV")
    s.add_argument("qdpx", help="the REFI-QDA project (.qdpx) exported by the other tool")
    s.add_argument("study_dir", help="the study folder whose codebook the codes map onto")
    s.add_argument("--out", default=None, help="CSV to write (default raw/focus_groups/codings_<file>.csv; never overwritten)")
    s.set_defaults(func=_cmd_import_qdpx)
    s = sub.add_parser("lab", help="open JupyterLab on the notebooks, with this environment as the kernel",
                       description="Start JupyterLab on the notebooks folder, its python3 kernel being this "
                                   "environment's Python (with cpdresearch installed). Listens on this "
                                   "machine only; the address it prints carries the access token.")
    s.add_argument("--notebooks-dir", default=str(paths.NOTEBOOKS), metavar="DIR",
                   help="folder JupyterLab opens (default: %(default)s)")
    s.add_argument("--port", type=int, default=8888, help="port to listen on, or the next free one "
                                                          "(default: %(default)s)")
    s.add_argument("--ip", default="127.0.0.1", help="address to listen on (default: %(default)s, this machine only)")
    s.add_argument("--no-browser", action="store_true", help="do not open a web browser (on a server)")
    s.set_defaults(func=_cmd_lab)
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
