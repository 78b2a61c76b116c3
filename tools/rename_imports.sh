#!/usr/bin/env bash
# Re-applies the import-name rename of issue 12 §5 to text files (idempotent):
#   package `datasets` -> `cs224n_datasets` (code in datasets/cs224n_datasets/; the folder datasets/ stays)
#   package `trainer`  -> `word2vec_trainer`
# Usage: tools/rename_imports.sh FILE...     (e.g. after merging a branch written before the rename:
#   git diff --name-only <base> HEAD | xargs tools/rename_imports.sh; then review `git diff`,
#   run `ruff format` on the .py files outside notebooks/templates (some lines grow past 110)
#   and `python -m notebooks.build` when templates changed).
# Untouched: the folders tests/datasets, tests/trainer, ../shared/datasets, datasets/data (all preceded
# by "/" or kept on purpose) and the English word "trainer" in prose. The test of the import names
# (tests/datasets/test_import_names.py) imports Hugging Face's `datasets` on purpose: it is skipped.
set -euo pipefail
for file in "$@"; do
  [ -f "$file" ] || continue
  case "$file" in
    *test_import_names.py | *rename_imports.sh | *.zip | *.png | *.npz | *.npy | *.whl) continue ;;
  esac
  sed -E -i \
    -e 's/\b(from|import) datasets\b/\1 cs224n_datasets/g' \
    -e 's/python -m datasets\b/python -m cs224n_datasets/g' \
    -e 's/(^|[^[:alnum:]_/.])datasets = pytest\.importorskip/\1cs224n_datasets = pytest.importorskip/g' \
    -e 's/importorskip\("datasets"\)/importorskip("cs224n_datasets")/g' \
    -e 's/"-m", "datasets"/"-m", "cs224n_datasets"/g' \
    -e 's/hasattr\(datasets, /hasattr(cs224n_datasets, /g' \
    -e 's/"trainer", "datasets"/"word2vec_trainer", "cs224n_datasets"/g' \
    -e 's/"datasets", "trainer"/"cs224n_datasets", "word2vec_trainer"/g' \
    -e 's/(^|[^[:alnum:]_/.])datasets\.([A-Za-z_])/\1cs224n_datasets.\2/g' \
    -e 's#(^|[^[:alnum:]_/.])datasets/(toy\b|[a-z_0-9]+\.py\b)#\1datasets/cs224n_datasets/\2#g' \
    -e 's/\b(from|import) trainer\b/\1 word2vec_trainer/g' \
    -e 's/python -m trainer\b/python -m word2vec_trainer/g' \
    -e 's/"-m", "trainer/"-m", "word2vec_trainer/g' \
    -e 's/(^|[^[:alnum:]_/.])trainer\.(minibatch|sampling|train|kernel|main_job|pipeline|plots|sentiment|reference_loop|__main__)\b/\1word2vec_trainer.\2/g' \
    -e 's#(^|[^[:alnum:]_/.-])trainer/#\1word2vec_trainer/#g' \
    "$file"
done
