"""Reports: the terminal table, Gradescope's results.json, the class CSV."""

from autograder.report.formats import results_json, text_table

__all__ = ["results_json", "text_table"]
