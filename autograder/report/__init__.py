"""Reports: the terminal table, Gradescope's results.json, the class CSV."""

from autograder.report.formats import csv_header, csv_row, results_json, text_table

__all__ = ["csv_header", "csv_row", "results_json", "text_table"]
