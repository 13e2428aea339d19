"""Run every ``benchmarks/bench_*.py`` (or those named) and print their reports.

Each benchmark module defines ``main(quick: bool = False) -> None`` and prints ratios
measured side by side in one run: this machine is noisy, absolute times drift.

Usage: ``python -m benchmarks [--quick] [load survey run ...]``
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks")
    p.add_argument("names", nargs="*", help="benchmark names (bench_<name>.py); default all")
    p.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke test")
    args = p.parse_args(argv)
    here = Path(__file__).parent
    available = sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    for name in args.names or available:
        if name not in available:
            print(f"unknown benchmark {name!r}; available: {', '.join(available)}", file=sys.stderr)
            return 2
        print(f"== benchmark: {name} ==", flush=True)
        importlib.import_module(f"benchmarks.bench_{name}").main(quick=args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
