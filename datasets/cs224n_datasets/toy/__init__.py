"""The generated toy corpus (see ``make_toy_corpus.py`` and ``README.md``)."""
