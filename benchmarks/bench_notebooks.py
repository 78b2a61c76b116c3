"""Time each notebook and its slowest cells, against the course's per-cell timeout.

    python benchmarks/bench_notebooks.py            # all five, in order, in a scratch folder
    python benchmarks/bench_notebooks.py 04_word2vec 05_sentiment

Runs the instructor notebooks as `python -m notebooks.execute` does (fresh kernel
each, in order) and prints, per notebook, the wall time, the sum of the cell
times, and the slowest cell beside nbgrader's `Execute.timeout` of the course.
Timings live here and not in the tests: on a busy 2-core machine they vary by a
factor of two or more.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from datetime import datetime
from pathlib import Path

# Let the script run from a checkout without installing the project.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from notebooks.build import PACKAGE_DIR  # noqa: E402
from notebooks.execute import execute_notebooks  # noqa: E402


def course_cell_timeout() -> float:
    """`c.Execute.timeout` of notebooks/course/nbgrader_config.py."""
    text = (PACKAGE_DIR / "course" / "nbgrader_config.py").read_text(encoding="utf-8")
    match = re.search(r"^c\.Execute\.timeout\s*=\s*(\d+)", text, re.MULTILINE)
    if match is None:
        raise LookupError("nbgrader_config.py sets no c.Execute.timeout")
    return float(match.group(1))


def cell_seconds(cell) -> float | None:
    """Execution time of one executed cell, from nbclient's timing metadata."""
    timing = cell.get("metadata", {}).get("execution", {})
    start, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
    if not (start and end):
        return None
    return (
        datetime.fromisoformat(end.replace("Z", "+00:00"))
        - datetime.fromisoformat(start.replace("Z", "+00:00"))
    ).total_seconds()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="notebook file stems (default: all five)")
    parser.add_argument("--slowest", type=int, default=3, help="slowest cells to list per notebook")
    args = parser.parse_args(argv)
    timeout = course_cell_timeout()
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench_notebooks_") as folder:
        results = execute_notebooks(args.names or None, Path(folder), html=False)
    print(f"\n{'notebook':<22} {'wall s':>7} {'cells s':>8} {'slowest cell s':>15} {'of the timeout':>15}")
    for result in results:
        times = [
            (seconds, cell.source.splitlines()[0] if cell.source else "")
            for cell in result.notebook.cells
            if cell.cell_type == "code" and (seconds := cell_seconds(cell)) is not None
        ]
        slowest = max(times, default=(0.0, ""))
        total = sum(seconds for seconds, _ in times)
        print(
            f"{result.name:<22} {result.seconds:>7.1f} {total:>8.1f} {slowest[0]:>15.1f} "
            f"{slowest[0] / timeout:>14.0%}"
        )
        for seconds, first_line in sorted(times, reverse=True)[: args.slowest]:
            print(f"    {seconds:6.1f} s  {first_line[:70]}")
    print(f"\ntotal wall time {sum(r.seconds for r in results):.1f} s; course cell timeout {timeout:g} s")
    print(
        f"load average before the run: {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} (1 / 5 / 15 min), "
        f"{os.cpu_count()} cores"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
