"""nbgrader releases the Chinese edition (notebooks/course_zh/) with the English edition's points.

Real nbgrader: `nbgrader generate_assignment a1` in a scratch copy of each course, as an
instructor runs it from notebooks/course/ or notebooks/course_zh/.
"""

from __future__ import annotations

import warnings

import nbformat
import pytest

from notebooks.build import ZH_SETUP, code_shape, notebook_names
from notebooks.nbgrader_cli import COURSE_IDS, copy_course, run_nbgrader

pytestmark = pytest.mark.slow

LANGUAGES = ("en", "zh")


@pytest.fixture(scope="module")
def courses(tmp_path_factory) -> dict:
    released = {}
    for language in LANGUAGES:
        course = copy_course(tmp_path_factory.mktemp(f"release_{language}") / "course", language)
        run_nbgrader(course, "generate_assignment", "a1")
        released[language] = course
    return released


def _release(course, stem: str) -> nbformat.NotebookNode:
    return nbformat.read(course / "release" / "a1" / f"{stem}.ipynb", as_version=4)


def _max_scores(course, language: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SQLAlchemy's warnings say nothing about the points
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}", course_id=COURSE_IDS[language]) as gb:
            assignment = gb.find_assignment("a1")
            scores = {nb.name: float(nb.max_score) for nb in assignment.notebooks}
            scores["total"] = float(assignment.max_score)
    return scores


def test_the_gradebooks_record_the_same_points_for_both_editions(courses):
    english, chinese = _max_scores(courses["en"], "en"), _max_scores(courses["zh"], "zh")
    assert chinese == english
    assert english["total"] > 0 and set(english) == {*notebook_names(), "total"}


def _grading(nb: nbformat.NotebookNode) -> list[tuple]:
    """Each cell's type, id and metadata, without nbgrader's checksum (a checksum of the text)."""
    out = []
    for cell in nb.cells:
        meta = dict(cell.metadata)
        if "nbgrader" in meta:
            meta["nbgrader"] = {k: v for k, v in meta["nbgrader"].items() if k != "checksum"}
        out.append((cell.cell_type, cell.id, meta))
    return out


@pytest.mark.parametrize("stem", notebook_names())
def test_the_released_notebooks_have_the_same_cells_and_grading_metadata(courses, stem):
    en, zh = _release(courses["en"], stem), _release(courses["zh"], stem)
    assert _grading(zh) == _grading(en)
    assert any("points" in meta.get("nbgrader", {}) for _, _, meta in _grading(en))


@pytest.mark.parametrize("stem", notebook_names())
def test_the_chinese_release_has_the_same_code_and_the_chinese_setup(courses, stem):
    en, zh = _release(courses["en"], stem), _release(courses["zh"], stem)
    en_cells = [c for c in en.cells if c.cell_type == "code"]
    zh_code = [c.source for c in zh.cells if c.cell_type == "code"]
    setup = [i for i, source in enumerate(zh_code) if source.endswith(f"\n\n{ZH_SETUP}")]
    assert len(setup) == 1
    zh_code[setup[0]] = zh_code[setup[0]][: -len(f"\n\n{ZH_SETUP}")]
    # The same code; only the text of the strings the template's strings="zh" table translates differs.
    assert [code_shape(source) for source in zh_code] == [code_shape(c.source) for c in en_cells]
    graded = [i for i, c in enumerate(en_cells) if c.metadata.get("nbgrader", {}).get("grade")]
    assert graded and all(zh_code[i] == en_cells[i].source for i in graded)
    assert not any("BEGIN SOLUTION" in s or "BEGIN HIDDEN TESTS" in s for s in zh_code)
