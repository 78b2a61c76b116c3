"""Build the self-study website from the executed instructor notebooks.

    python -m website                 # execute the notebooks if needed, write outputs/site/
    python -m website --execute       # run the notebooks again even when they look fresh
    python -m website --out DIR       # somewhere else
    python -m website --language en   # one language only (default: both)
    python -m website --reuse-english # Chinese pages from the English run (code outputs in English)

Two languages: English in outputs/site/ and Simplified Chinese in outputs/site/zh/,
every page linking to its twin in the other language. Each language's pages are its own
run of its own notebooks: the English edition executed into outputs/notebooks/, the
Chinese edition (notebooks/course_zh/source/a1/) into outputs/notebooks/zh/, so what a
Chinese page shows under a code cell (the checker's lines "通过 [0.5/0.5] ...", warnings,
figures) is what the Chinese notebook printed. Both runs are skipped when their
notebooks are fresh. `--reuse-english` builds the Chinese pages without a second
run, from the English run's outputs with the Chinese text spliced in cell by cell
(`chinese_notebook`): faster, but then the code's outputs on the Chinese pages are
English. The site's own words come from website/languages.py.

The pages are the five notebooks with every derivation, figure and output, each
answer (nbgrader solution cells: the reference code and the reference answers)
folded behind a "Show the answer" control that starts closed, and links to the
previous part, the next part and the index. The index maps the handout's
questions (1a ... 4g) to the sections that work them, read from the notebooks'
headings, text and answer cells (website/questions.py).

The site needs no network: MathJax is copied into static/mathjax from this
machine (the PyPI package jupyter-server-mathjax, Debian's libjs-mathjax, or the
folder CS224N_MATHJAX_DIR names), figures are embedded in the pages, and nothing
is loaded from a CDN. Open outputs/site/index.html straight from disk.
"""

from __future__ import annotations

import argparse
import copy
import os
import re
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2
import nbformat
from markupsafe import Markup
from nbconvert import HTMLExporter
from nbformat.notebooknode import NotebookNode

from website.languages import LANGUAGES, UI, other_language
from website.questions import (
    EXTRA_CREDIT,
    HANDOUT_QUESTIONS,
    TOPICS,
    Section,
    question_map,
    question_mentions,
    sections_of,
    with_anchors,
)

__all__ = [
    "DEFAULT_SITE_DIR",
    "DEFAULT_EXECUTED_DIR",
    "Page",
    "build_site",
    "build_sites",
    "chinese_notebook",
    "find_mathjax",
    "install_mathjax",
    "mathjax_head",
    "prepare_notebook",
]

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
TEMPLATE_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"
DEFAULT_SITE_DIR = REPO_ROOT / "outputs" / "site"
DEFAULT_EXECUTED_DIR = REPO_ROOT / "outputs" / "notebooks"
DEBIAN_MATHJAX_DIR = Path("/usr/share/javascript/mathjax")  # apt-get install libjs-mathjax

# MathJax 2. Debian's copy is complete: CommonHTML output with its TeX web fonts. The PyPI
# copy (jupyter-server-mathjax) ships one combined configuration with the HTML-CSS output,
# whose one web font is STIX-Web; its blank test font would be requested from about:blank,
# which a page opened from file:// may not load, so that font is named local-only.
_MATHJAX_OUTPUTS = {
    "CommonHTML": ("TeX-AMS_CHTML-full,Safe", ""),
    "HTML-CSS": (
        "TeX-AMS-MML_HTMLorMML-full,Safe",
        '"HTML-CSS": {availableFonts: [], imageFont: null, preferredFont: null, webFont: "STIX-Web",\n'
        '             styles: {"@font-face": {"font-family": "MathJax_Blank",\n'
        "                                     src: \"local('MathJax_Blank')\"}}},",
    ),
}
_MATHJAX_HEAD = """<script type="text/x-mathjax-config">
MathJax.Hub.Config({
  tex2jax: {inlineMath: [["$", "$"], ["\\\\(", "\\\\)"]], displayMath: [["$$", "$$"], ["\\\\[", "\\\\]"]],
            processEscapes: true, processEnvironments: true},
  TeX: {equationNumbers: {autoNumber: "AMS", useLabelIds: true}},
  %(output)s
  displayAlign: "center", messageStyle: "none", showMathMenu: false
});
MathJax.Hub.Register.StartupHook("End", function () {
  document.documentElement.setAttribute("data-typeset", "done");
});
</script>
<script src="%(root)sstatic/mathjax/MathJax.js?config=%(config)s"></script>"""


def _mathjax_files(root: Path, output: str, config: str) -> Callable[[str, list[str]], set[str]]:
    """copytree's ignore: only what the pages load (about 4 MB of Debian's 27 MB).

    MathJax.js, the configuration used, the TeX input, the chosen output and its one web
    font (woff and otf), the extensions and the English messages.
    """
    font = "TeX" if output == "CommonHTML" else "STIX-Web"
    keep = {
        "": {"MathJax.js", "config", "extensions", "jax", "fonts", "localization"},
        "config": {f"{name}.js" for name in config.split(",")} | {"local"},
        "jax": {"input", "element", "output"},
        "jax/input": {"TeX"},
        "jax/output": {output},
        f"jax/output/{output}/fonts": {font},
        "fonts": {"HTML-CSS"},
        "fonts/HTML-CSS": {font},
        f"fonts/HTML-CSS/{font}": {"woff", "otf"},
        "localization": {"en"},
    }

    def ignore(folder: str, names: list[str]) -> set[str]:
        relative = Path(folder).relative_to(root).as_posix()
        relative = "" if relative == "." else relative
        if relative in keep:
            return {name for name in names if name not in keep[relative]}
        return {name for name in names if name.endswith((".dpkg-new", ".dpkg-tmp"))}

    return ignore


def _mathjax_output(folder: Path) -> str:
    """CommonHTML where the copy has it (Debian's), else HTML-CSS (the PyPI copy's only output)."""
    complete = (folder / "config" / "TeX-AMS_CHTML-full.js").is_file()
    return "CommonHTML" if complete and (folder / "jax" / "output" / "CommonHTML").is_dir() else "HTML-CSS"


def mathjax_head(folder: Path, root: str = "") -> str:
    """The <script> tags that configure and load the MathJax copied from `folder`.

    root: the way from the page to the site's top folder ("../" from a page in zh/).
    """
    config, settings = _MATHJAX_OUTPUTS[_mathjax_output(folder)]
    return _MATHJAX_HEAD % {"config": config, "output": settings, "root": root}


WATCH_TITLE = UI["en"]["watch_title"]
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


@dataclass
class Page:
    """One page of the site, in the order of the navigation."""

    file: str  # file name inside the site folder
    title: str
    short: str  # the navigation's label


def find_mathjax() -> Path | None:
    """A MathJax 2 folder (holding MathJax.js and config/) on this machine, or None.

    Looked for in order: CS224N_MATHJAX_DIR, Debian's libjs-mathjax (complete), the PyPI
    package jupyter-server-mathjax (pinned in requirements.lock).
    """
    candidates = []
    if os.environ.get("CS224N_MATHJAX_DIR"):
        candidates.append(Path(os.environ["CS224N_MATHJAX_DIR"]))
    candidates.append(DEBIAN_MATHJAX_DIR)
    try:
        import jupyter_server_mathjax
    except ImportError:
        pass
    else:
        candidates.append(Path(jupyter_server_mathjax.__file__).resolve().parent / "static")
    for folder in candidates:
        if (folder / "MathJax.js").is_file() and (folder / "config").is_dir():
            return folder
    return None


def install_mathjax(site_dir: Path) -> Path:
    """Copy MathJax into site_dir/static/mathjax (files, not links) and return that folder."""
    source = find_mathjax()
    if source is None:
        raise RuntimeError(
            "No MathJax on this machine, and the site must not fetch it from the web. Install it with "
            "`pip install jupyter-server-mathjax` (it is in requirements.lock) or "
            "`apt-get install libjs-mathjax`, or name a MathJax 2 folder in CS224N_MATHJAX_DIR."
        )
    target = site_dir / "static" / "mathjax"
    if (target / "source.txt").is_file() and (target / "source.txt").read_text() == str(source):
        return target  # copied by an earlier build
    if target.exists():
        shutil.rmtree(target)
    output = _mathjax_output(source)
    ignore = _mathjax_files(source, output, _MATHJAX_OUTPUTS[output][0])
    shutil.copytree(source, target, symlinks=False, ignore=ignore)
    (target / "source.txt").write_text(str(source))
    return target


def prepare_notebook(stem: str, nb: NotebookNode) -> NotebookNode:
    """A copy of nb ready for the page: an anchor before every heading, no widget outputs.

    Widget outputs would need a kernel and a CDN; their plain-text form stays.
    """
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            cell.source = with_anchors(cell.source, index)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data")
            if data and WIDGET_MIME in data:
                del data[WIDGET_MIME]
    return nb


def _title(nb: NotebookNode, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def _short(title: str, stem: str = "", language: str = "en") -> str:
    """'CS224n Assignment 1, part 4: word2vec' -> 'Part 4: word2vec' for the navigation.

    In Chinese, 'CS224n 作业 1，第 4 部分：word2vec（讲义第 3 题）' -> '第 4 部分：word2vec',
    the part's number taken from the file's stem (04_word2vec).
    """
    if language != "en":
        name = re.split(r"[:：]", title, maxsplit=1)[-1].strip()
        name = re.split(r" \(|（|\(", name, maxsplit=1)[0].strip()
        number = int(stem[:2]) if stem[:2].isdigit() else stem
        return UI[language]["part"].format(number=number, name=name)
    head, _, rest = title.partition(": ")
    if rest and "part" in head:
        number = head.rsplit("part", 1)[1].strip()
        return f"Part {number}: {rest.split(' (')[0]}"
    return title


def _is_fresh(executed: Path, source: Path) -> bool:
    """Executed after the source notebook last changed, and really executed (outputs present)."""
    if not executed.is_file() or executed.stat().st_mtime < source.stat().st_mtime:
        return False
    nb = nbformat.read(executed, as_version=4)
    return any(cell.get("execution_count") for cell in nb.cells if cell.cell_type == "code")


def executed_notebooks(executed_dir: Path, *, force: bool = False, language: str = "en") -> list[Path]:
    """The executed notebooks, running `notebooks.execute` for any that is missing or stale.

    language: the edition to execute (its source notebooks in notebooks/course_<language>/).
    """
    from notebooks.build import notebook_names, source_dir
    from notebooks.execute import execute_notebooks

    names = notebook_names()
    sources = source_dir(language)
    stale = [n for n in names if force or not _is_fresh(executed_dir / f"{n}.ipynb", sources / f"{n}.ipynb")]
    if stale:
        # Later notebooks read what earlier ones wrote (notebook 5 the vectors of notebook 4).
        first = names.index(stale[0])
        for result in execute_notebooks(names[first:], executed_dir, source_dir=sources, html=False):
            print(f"executed {result.name} in {result.seconds:.1f} s", flush=True)
    return [executed_dir / f"{n}.ipynb" for n in names]


def _corpus_note(language: str = "en") -> str:
    ui = UI[language]
    corpus = ui["corpus_sst"] if os.environ.get("CS224N_SST_DIR") else ui["corpus_toy"]
    iterations = os.environ.get("CS224N_W2V_ITERATIONS")
    return corpus + (ui["iterations"].format(iterations=iterations) if iterations else "")


def _twin_href(file: str, language: str) -> str:
    """The link from a page to the same page in the other language."""
    return f"zh/{file}" if language == "en" else f"../{file}"


def _nav(env: jinja2.Environment, pages: list[Page], index: int, language: str = "en") -> dict[str, Markup]:
    prev = pages[index - 1] if index > 0 else None
    nxt = pages[index + 1] if index + 1 < len(pages) else None
    template = env.get_template("nav.html.j2")
    twin = {
        "href": _twin_href(pages[index].file, language),
        "name": UI[other_language(language)]["language_name"],
    }
    twin["lang"] = UI[other_language(language)]["html_lang"]
    return {
        where: Markup(template.render(prev=prev, next=nxt, where=where, ui=UI[language], twin=twin))
        for where in ("top", "bottom")
    }


def chinese_notebook(executed: NotebookNode, chinese_source: NotebookNode) -> NotebookNode:
    """The executed English notebook with the Chinese edition's text, cell by cell.

    The two editions have the same cells (ids, types, code; tests/notebooks checks it), so
    the outputs of the English run belong to the Chinese cells too. Every cell takes the
    Chinese source (the prose, and the first provided cell's Chinese set-up lines); outputs,
    execution counts and metadata stay the English run's.
    """
    if [(c.id, c.cell_type) for c in executed.cells] != [(c.id, c.cell_type) for c in chinese_source.cells]:
        raise ValueError(
            "the Chinese notebook's cells are not those of the executed English notebook: "
            "run `python -m notebooks.build`, then build the site with --execute"
        )
    spliced = copy.deepcopy(executed)
    for cell, chinese in zip(spliced.cells, chinese_source.cells, strict=True):
        cell.source = chinese.source
    return spliced


def build_sites(
    out_dir: Path = DEFAULT_SITE_DIR,
    executed_dir: Path = DEFAULT_EXECUTED_DIR,
    *,
    languages: tuple[str, ...] = LANGUAGES,
    **options,
) -> list[Path]:
    """Write the site in each language (English in out_dir, Chinese in out_dir/zh); every page.

    Each language's notebooks are executed (when needed) once; with reuse_english the
    English run serves both languages and is not repeated. options are build_site's.
    """
    execute = options.pop("execute", True)
    reuse_english = options.get("reuse_english", False)
    english_run = False  # the English notebooks executed already by an earlier language
    written = []
    for language in languages:
        runs_english = language == "en" or reuse_english
        written += build_site(
            out_dir,
            executed_dir,
            language=language,
            execute=execute and not (runs_english and english_run),
            **options,
        )
        english_run = english_run or runs_english
    return written


def build_site(
    out_dir: Path = DEFAULT_SITE_DIR,
    executed_dir: Path = DEFAULT_EXECUTED_DIR,
    *,
    language: str = "en",
    execute: bool = True,
    force: bool = False,
    watch: bool = True,
    watch_frame_every: int = 6,
    reuse_english: bool = False,
) -> list[Path]:
    """Write the site in one language and return the pages written (index first).

    out_dir is the site's top folder: the English pages go there, the Chinese ones to
    out_dir/zh/ (both share out_dir/static/). The pages of a language are its own edition's
    executed notebooks: English in executed_dir, Chinese in executed_dir/zh (there the
    checker's lines and every other code output are in Chinese). execute: run
    notebooks.execute for the language's notebooks that are missing or stale (else use what
    the folder holds). force: run them even when fresh. watch: include the "Watch the vectors
    learn" page, whose animation shows, after the first pass update by update, every
    `watch_frame_every`-th. reuse_english: the Chinese pages from the English run with the
    Chinese text spliced in (no Chinese run; the code's outputs then are English).
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}: choose one of {', '.join(LANGUAGES)}")
    ui = UI[language]
    root = "" if language == "en" else "../"
    site_root = out_dir
    spliced = language != "en" and reuse_english
    run_language = "en" if spliced else language
    run_dir = executed_dir if run_language == "en" else executed_dir / run_language
    if execute:
        notebook_paths = executed_notebooks(run_dir, force=force, language=run_language)
    else:
        notebook_paths = sorted(run_dir.glob("[0-9][0-9]_*.ipynb"))
        if not notebook_paths:
            raise FileNotFoundError(
                f"no executed notebooks in {run_dir}; "
                f"run python -m notebooks.execute --language {run_language}"
            )
    site_root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(STATIC_DIR, site_root / "static", dirs_exist_ok=True)
    head = Markup(mathjax_head(install_mathjax(site_root), root))
    out_dir = site_root if language == "en" else site_root / language
    out_dir.mkdir(parents=True, exist_ok=True)

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=jinja2.select_autoescape(["j2"])
    )
    from notebooks.build import source_dir

    notebooks = {path.stem: nbformat.read(path, as_version=4) for path in notebook_paths}
    if spliced:  # the English run's outputs under the Chinese text
        notebooks = {
            stem: chinese_notebook(nb, nbformat.read(source_dir(language) / f"{stem}.ipynb", as_version=4))
            for stem, nb in notebooks.items()
        }
    # The index finds the handout's questions in the English text (the same cells in both
    # editions, so the same anchors): the English source notebooks, which need no run.
    english = {stem: nbformat.read(source_dir("en") / f"{stem}.ipynb", as_version=4) for stem in notebooks}
    pages = [Page("index.html", ui["index_link"], ui["index_short"])]
    for stem, nb in notebooks.items():
        title = _title(nb, stem)
        pages.append(Page(f"{stem}.html", title, _short(title, stem, language)))
    if watch:  # right after word2vec's notebook (the last page when there is none)
        after = next((i for i, p in enumerate(pages) if p.file.startswith("04")), len(pages) - 1)
        pages.insert(after + 1, Page("watch.html", ui["watch_title"], ui["watch_short"]))
    position = {page.file: i for i, page in enumerate(pages)}

    def site_of(file: str) -> dict:
        nav = _nav(env, pages, position[file], language)
        return {"head": head, "nav_top": nav["top"], "nav_bottom": nav["bottom"], "root": root, "ui": ui}

    exporter = HTMLExporter(template_name="notebook", extra_template_basedirs=[str(TEMPLATE_DIR)])
    exporter.language_code = ui["html_lang"]
    written = []
    mentions = []
    sections: dict[str, list[Section]] = {"watch.html": []}
    for stem, nb in notebooks.items():
        file = f"{stem}.html"
        body, _ = exporter.from_notebook_node(prepare_notebook(stem, nb), resources={"site": site_of(file)})
        (out_dir / file).write_text(body, encoding="utf-8")
        written.append(out_dir / file)
        # The questions are found in the English text (the same cells, so the same anchors);
        # the sections' titles are the page's own.
        mentions += question_mentions(stem, english[stem])
        sections[file] = [s for s in sections_of(stem, nb) if s.level == 2]
    titles_by_anchor = {
        (stem, s.anchor): s.title for stem, nb in notebooks.items() for s in sections_of(stem, nb)
    }
    if watch:
        from website.watch import write_watch_page

        written.append(
            write_watch_page(
                out_dir / "watch.html", env, site_of("watch.html"), every=watch_frame_every, language=language
            )
        )
    parts = [{"file": p.file, "title": p.title, "sections": sections[p.file]} for p in pages[1:]]

    by_question = question_map(mentions)
    titles = {page.file: page.short for page in pages}
    topics = []
    for number, name in TOPICS.items():
        rows = []
        for question in (q for q in HANDOUT_QUESTIONS if q.startswith(number)):
            places = [
                {
                    "href": f"{m.notebook}.html#{m.anchor}",
                    "page": titles[f"{m.notebook}.html"],
                    "section": titles_by_anchor.get((m.notebook, m.anchor), m.section_title),
                }
                for m in by_question[question]
            ]
            rows.append({"question": question, "extra_credit": question in EXTRA_CREDIT, "places": places})
        topics.append({"number": number, "name": ui.get(f"topic_{number}", name), "rows": rows})
    index_html = env.get_template("index.html.j2").render(
        title=ui["index_title"],
        site=site_of("index.html"),
        ui=ui,
        math=False,
        topics=topics,
        parts=parts,
        corpus=_corpus_note(language),
        missing=[q for q in HANDOUT_QUESTIONS if not by_question[q]],
    )
    (out_dir / "index.html").write_text(index_html, encoding="utf-8")
    return [out_dir / "index.html"] + written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_SITE_DIR, help="the site's folder")
    parser.add_argument(
        "--executed", type=Path, default=DEFAULT_EXECUTED_DIR, help="folder of the executed notebooks"
    )
    parser.add_argument("--execute", action="store_true", help="execute the notebooks again")
    parser.add_argument("--no-watch", action="store_true", help="leave out the animation page")
    parser.add_argument(
        "--language", choices=LANGUAGES, action="append", help="build only this language (repeatable)"
    )
    parser.add_argument(
        "--reuse-english",
        action="store_true",
        help="no run of the Chinese notebooks: their pages show the English run's outputs "
        "(the checker's lines in English); skips the second run",
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    languages = tuple(args.language) if args.language else LANGUAGES
    pages = build_sites(
        args.out,
        args.executed,
        languages=languages,
        force=args.execute,
        watch=not args.no_watch,
        reuse_english=args.reuse_english,
    )
    seconds = time.perf_counter() - start
    for page in pages:
        print(f"  {page.relative_to(args.out)}  ({page.stat().st_size / 1e3:,.0f} kB)")
    print(f"{len(pages)} pages in {args.out} ({seconds:.1f} s); open {args.out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
