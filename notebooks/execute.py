"""Run the instructor notebooks top to bottom and keep the results, for self-learners.

    python -m notebooks.execute                 # all five, into outputs/notebooks/
    python -m notebooks.execute 01_softmax      # just one (by file stem)
    python -m notebooks.execute --language zh   # the Chinese edition, into outputs/notebooks/zh/

Each notebook runs in a fresh kernel, in the order of the assignment (notebook 5
reads the word vectors notebook 4 saves). The executed notebook (.ipynb) and an
HTML page with every figure go to the output folder, and the time each notebook
took is printed.

The HTML pages render their formulas offline: MathJax is copied from this
machine into the output folder (`mathjax/`) and the pages load it from there,
never from the web. It comes from the PyPI package `jupyter-server-mathjax`
(installed with the project), or from Debian's `libjs-mathjax`, or from the
folder CS224N_MATHJAX_DIR names.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from notebooks.build import LANGUAGES, SOURCE_DIR, notebook_names, source_dir

__all__ = [
    "ExecutedNotebook",
    "execute_notebooks",
    "export_html",
    "find_mathjax",
    "install_mathjax",
    "DEFAULT_OUTPUT_DIR",
]

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT_DIR = REPO_ROOT / "outputs" / "notebooks"
CELL_TIMEOUT = 600  # seconds per cell: generous, this is not grading

# MathJax 2, as Jupyter's own offline copy ships it: the combined TeX configuration with the
# HTML-CSS output, whose only web font in that copy is STIX-Web (hence the font settings).
MATHJAX_FOLDER = "mathjax"
MATHJAX_CONFIG = "TeX-AMS-MML_HTMLorMML-full,Safe"
DEBIAN_MATHJAX_DIR = Path("/usr/share/javascript/mathjax")  # apt-get install libjs-mathjax
_MATHJAX_FONTS = """<script type="text/x-mathjax-config">
MathJax.Hub.Config({"HTML-CSS": {availableFonts: [], imageFont: null, preferredFont: null,
                                  webFont: "STIX-Web"}});
</script>
"""


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
    paths = [str(REPO_ROOT), str(REPO_ROOT / "datasets")]  # datasets/: cs224n_datasets
    paths += [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    env.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    return env


def find_mathjax() -> Path | None:
    """A MathJax 2 folder (one holding MathJax.js) on this machine, or None.

    Looked for, in order: the folder CS224N_MATHJAX_DIR names, the PyPI package
    jupyter-server-mathjax, Debian's libjs-mathjax.
    """
    candidates = []
    if os.environ.get("CS224N_MATHJAX_DIR"):
        candidates.append(Path(os.environ["CS224N_MATHJAX_DIR"]))
    try:
        import jupyter_server_mathjax
    except ImportError:
        pass
    else:
        candidates.append(Path(jupyter_server_mathjax.__file__).resolve().parent / "static")
    candidates.append(DEBIAN_MATHJAX_DIR)
    for folder in candidates:
        if (folder / "MathJax.js").is_file() and (folder / "config").is_dir():
            return folder
    return None


def install_mathjax(out_dir: Path) -> str | None:
    """Copy MathJax into out_dir/mathjax (once) and return the URL, relative to out_dir, to load it.

    None when no MathJax is found on this machine (then the pages use nbconvert's
    default, a CDN, and a warning says how to install it).
    """
    source = find_mathjax()
    if source is None:
        warnings.warn(
            "No local MathJax found: the HTML pages will load it from the web, so their formulas "
            "need a network. Install it with `pip install jupyter-server-mathjax` (or Debian's "
            "`apt-get install libjs-mathjax`).",
            stacklevel=2,
        )
        return None
    target = out_dir / MATHJAX_FOLDER
    if not (target / "MathJax.js").is_file():
        shutil.copytree(source, target, dirs_exist_ok=True)
    return f"{MATHJAX_FOLDER}/MathJax.js?config={MATHJAX_CONFIG}"


def export_html(nb: nbformat.NotebookNode, html_path: Path, mathjax_url: str | None) -> Path:
    """Write nb as an HTML page; with mathjax_url (relative to the page) MathJax loads from there."""
    exporter = HTMLExporter()
    if mathjax_url is not None:
        exporter.mathjax_url = mathjax_url
    body, _ = exporter.from_notebook_node(nb)
    if mathjax_url is not None:
        script = f'<script src="{mathjax_url}">'
        if script not in body:
            raise RuntimeError(f"nbconvert's HTML template no longer loads MathJax as {script!r}")
        body = body.replace(script, _MATHJAX_FONTS + script, 1)
    html_path.write_text(body, encoding="utf-8")
    return html_path


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
    mathjax_url = install_mathjax(out_dir) if html else None
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
            export_html(nb, html_path, mathjax_url)
        results.append(ExecutedNotebook(stem, path, html_path, seconds, nb))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="notebook file stems (default: all five)")
    parser.add_argument(
        "--out", type=Path, help="output folder (default: outputs/notebooks/, zh/ in it for zh)"
    )
    parser.add_argument(
        "--language", choices=LANGUAGES, default="en", help="the edition (zh: Simplified Chinese)"
    )
    args = parser.parse_args(argv)
    out = args.out or (DEFAULT_OUTPUT_DIR if args.language == "en" else DEFAULT_OUTPUT_DIR / args.language)
    unknown = set(args.names) - set(notebook_names())
    if unknown:
        parser.error(f"unknown notebooks {sorted(unknown)}; choose from {notebook_names()}")
    for result in execute_notebooks(args.names or None, out, source_dir=source_dir(args.language)):
        print(
            f"{result.name}: {result.seconds:6.1f} s  ->  {result.path}  and  {result.html.name}", flush=True
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
