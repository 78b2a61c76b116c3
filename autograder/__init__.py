"""The CS224n Assignment 1 autograder.

Commands: `python -m autograder grade PATH [--json FILE]`, `grade-all FOLDER
--csv grades.csv`, `gradescope OUT.zip`, `points --markdown`. Notebooks use
`autograder.notebook.check`. This module imports nothing heavy: the sandbox
child never imports it.
"""

__all__: list[str] = []
