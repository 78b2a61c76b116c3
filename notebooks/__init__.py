"""The assignment's five notebooks: their templates, the builder, and nbgrader support.

- `python -m notebooks.build` regenerates the instructor notebooks in
  notebooks/course/source/a1/ from notebooks/templates/ and solutions/.
- `python -m notebooks.execute` runs them into outputs/notebooks/ (ipynb + HTML).
- notebooks/course/ is the nbgrader course directory.
"""
