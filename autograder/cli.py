"""The command line (contract §3).

    python -m autograder grade [PATH] [--json FILE] [--language {en,zh}]
    python -m autograder grade-all FOLDER --csv grades.csv [--out DIR] [--jobs N] [--language {en,zh}]
    python -m autograder gradescope OUT.zip
    python -m autograder points [--markdown]
    python -m autograder build-jail [DIR]

The exit status is 0 whenever the grading itself ran, whatever the score (2 when the path to
grade does not exist, 3 when the sandbox asked for is not possible here: `--require-sandbox`
or AUTOGRADER_REQUIRE_SANDBOX=1 with only weak isolation, or AUTOGRADER_SANDBOX=bwrap where
bubblewrap does not work).

`--language zh` gives the feedback of every test (`output`, and the failed tests' lines) in
Simplified Chinese; the default is English (or the environment variable CS224N_LANGUAGE). Test
names, scores and the rest of the report are the same in both languages.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _refused(exc: Exception) -> int:
    print(f"error: {exc}", file=sys.stderr)
    return 3


def _use_language(language: str | None) -> None:
    """The feedback's language for this process and the processes it starts (CS224N_LANGUAGE)."""
    if language is None:
        return
    import os

    from autograder.feedback.messages import LANGUAGE_ENV, set_language

    os.environ[LANGUAGE_ENV] = set_language(language)


def _grade(args: argparse.Namespace) -> int:
    from autograder.grade import grade_path
    from autograder.report.formats import results_json, text_table
    from autograder.sandbox.runner import SandboxUnavailable

    _use_language(args.language)
    if args.path is not None and not Path(args.path).exists() and not Path(args.path).is_symlink():
        print(f"error: {args.path} does not exist (nothing was graded)", file=sys.stderr)
        return 2
    try:
        report = grade_path(
            args.path, time_limit=args.time_limit, require_sandbox=args.require_sandbox or None
        )
    except SandboxUnavailable as exc:
        return _refused(exc)
    print(text_table(report))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results_json(report), indent=2), encoding="utf-8")
        print(f"\nReport written to {args.json}")
    return 0


def _grade_all(args: argparse.Namespace) -> int:
    from autograder.batch import grade_folder
    from autograder.sandbox.runner import SandboxUnavailable

    _use_language(args.language)
    if not Path(args.folder).is_dir():
        print(f"error: {args.folder} is not a folder (nothing was graded)", file=sys.stderr)
        return 2
    try:
        summary = grade_folder(
            Path(args.folder),
            csv_path=Path(args.csv),
            out_dir=Path(args.out) if args.out else None,
            jobs=args.jobs,
            time_limit=args.time_limit,
            require_sandbox=args.require_sandbox or None,
        )
    except SandboxUnavailable as exc:
        return _refused(exc)
    print(summary)
    return 0


def _gradescope(args: argparse.Namespace) -> int:
    from autograder.gradescope.package import build_package

    path = build_package(Path(args.out))
    print(f"Gradescope autograder package written to {path}")
    return 0


def _build_jail(args: argparse.Namespace) -> int:
    from autograder.sandbox.jail import build_jail

    path = build_jail(Path(args.dir) if args.dir else None)
    print(f"Jail for graders that may not create namespaces built in {path}")
    return 0


def _points(args: argparse.Namespace) -> int:
    from autograder.checks import points_table

    table = points_table()
    if args.markdown:
        print(table)
    else:
        print(table.replace("`", ""))
    return 0


REQUIRE_HELP = (
    "refuse to grade (exit status 3) unless the kernel confines student code: bubblewrap, or root's "
    "private mount namespace and unprivileged uid (also AUTOGRADER_REQUIRE_SANDBOX=1)"
)

LANGUAGE_CHOICES = ("en", "zh")
LANGUAGE_HELP = (
    "language of the feedback: en (English) or zh (Simplified Chinese); default: $CS224N_LANGUAGE, else en"
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m autograder", description="The CS224n Assignment 1 autograder."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("grade", help="grade one submission (a .py file, a folder, or notebooks)")
    g.add_argument("path", nargs="?", default=None, help="the submission; omitted: the reference solutions")
    g.add_argument("--json", metavar="FILE", help="write Gradescope's results.json here")
    g.add_argument("--time-limit", type=float, default=None, help="seconds per graded function (default 20)")
    g.add_argument("--require-sandbox", action="store_true", help=REQUIRE_HELP)
    g.add_argument("--language", choices=LANGUAGE_CHOICES, default=None, help=LANGUAGE_HELP)
    g.set_defaults(run=_grade)
    a = sub.add_parser("grade-all", help="grade every submission of a folder (one per student)")
    a.add_argument("folder")
    a.add_argument("--csv", required=True, metavar="FILE", help="scores per function, one row per student")
    a.add_argument("--out", metavar="DIR", help="one JSON report per student (default: next to the CSV)")
    a.add_argument("--jobs", type=int, default=None, help="parallel gradings (default: the number of cores)")
    a.add_argument("--time-limit", type=float, default=None, help="seconds per graded function (default 20)")
    a.add_argument("--require-sandbox", action="store_true", help=REQUIRE_HELP)
    a.add_argument("--language", choices=LANGUAGE_CHOICES, default=None, help=LANGUAGE_HELP)
    a.set_defaults(run=_grade_all)
    z = sub.add_parser("gradescope", help="build a Gradescope autograder package (.zip)")
    z.add_argument("out", metavar="OUT.zip")
    z.set_defaults(run=_gradescope)
    j = sub.add_parser(
        "build-jail",
        help="as root, build the chroot jail used where bubblewrap and mount namespaces are refused "
        "(a Docker container run as root); once, when the image is built",
    )
    j.add_argument("dir", nargs="?", default=None, help="default: $AUTOGRADER_JAIL or /opt/autograder-jail")
    j.set_defaults(run=_build_jail)
    p = sub.add_parser("points", help="print the table of points per test")
    p.add_argument("--markdown", action="store_true", help="as the README's markdown table")
    p.set_defaults(run=_points)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.run(args) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
