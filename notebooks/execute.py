"""Run the instructor notebooks top to bottom and keep the results, for self-learners.

    python -m notebooks.execute                 # all five, into outputs/notebooks/
    python -m notebooks.execute 01_softmax      # just one (by file stem)

Each notebook runs in a fresh kernel, in the order of the assignment (notebook 5
reads the word vectors notebook 4 saves). The executed notebook (.ipynb) and an
HTML page with every figure go to the output folder, and the time each notebook
took is printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from notebooks.build import SOURCE_DIR, notebook_names
from notebooks.offline_math import local_mathjax_url

__all__ = ["ExecutedNotebook", "execute_notebooks", "DEFAULT_OUTPUT_DIR"]

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT_DIR = REPO_ROOT / "outputs" / "notebooks"
CELL_TIMEOUT = 600  # seconds per cell: generous, this is not grading


@dataclass
class ExecutedNotebook:
    name: str
    path: Path
    html: Path
    seconds: float
    notebook: nbformat.NotebookNode


def kernel_env() -> dict[str, str]:
    """The kernel's environment: the repository importable even when not pip-installed."""
    env = dict(os.environ)
    paths = [str(REPO_ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    env.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    return env


def execute_notebooks(
    names: list[str] | None = None,
    out_dir: Path = DEFAULT_OUTPUT_DIR,
    *,
    source_dir: Path = SOURCE_DIR,
    html: bool = True,
) -> list[ExecutedNotebook]:
    """Execute the named notebooks (default: all, in order) in out_dir.

    The source notebooks are copied into out_dir first and run there, so that
    whatever they write (notebook 4's word vectors, checkpoints) stays out of
    the course folder and a later notebook finds what an earlier one read.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    names = names or notebook_names()
    for stem in notebook_names():  # notebooks 3-5 read functions from the earlier ones
        target = out_dir / f"{stem}.ipynb"
        if not target.exists() or stem in names:
            shutil.copyfile(source_dir / f"{stem}.ipynb", target)
    results = []
    for stem in names:
        path = out_dir / f"{stem}.ipynb"
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(
            nb,
            timeout=CELL_TIMEOUT,
            kernel_name="python3",
            allow_errors=False,
            resources={"metadata": {"path": str(out_dir)}},
        )
        start = time.perf_counter()
        client.execute(env=kernel_env())
        seconds = time.perf_counter() - start
        nbformat.write(nb, path)
        html_path = out_dir / f"{stem}.html"
        if html:
            # A local MathJax when there is one, so that the formulas render offline.
            mathjax = local_mathjax_url()
            exporter = HTMLExporter(mathjax_url=mathjax) if mathjax else HTMLExporter()
            body, _ = exporter.from_notebook_node(nb)
            html_path.write_text(body, encoding="utf-8")
        results.append(ExecutedNotebook(stem, path, html_path, seconds, nb))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="notebook file stems (default: all five)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUTPUT_DIR, help="output folder")
    args = parser.parse_args(argv)
    unknown = set(args.names) - set(notebook_names())
    if unknown:
        parser.error(f"unknown notebooks {sorted(unknown)}; choose from {notebook_names()}")
    for result in execute_notebooks(args.names or None, args.out):
        print(
            f"{result.name}: {result.seconds:6.1f} s  ->  {result.path}  and  {result.html.name}", flush=True
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
