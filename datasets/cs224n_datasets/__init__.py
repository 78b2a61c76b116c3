"""Data for CS224n Assignment 1: the Stanford Sentiment Treebank and GloVe.

Typical use::

    from cs224n_datasets import load_treebank, Word2VecDataset
    treebank = load_treebank()            # $CS224N_SST_DIR or datasets/data/sst
    dataset = Word2VecDataset(treebank)   # what the word2vec code receives

Run ``python -m cs224n_datasets download`` once to fetch the treebank, and
``python -m cs224n_datasets check`` to see what is installed.
"""

from .errors import DataError, MissingDataError
from .glove import load_glove, load_glove_kumo, load_glove_text
from .paths import TOY_TREEBANK, glove_dir, sst_dir
from .sst import DEV, SPLIT_NAMES, TEST, TRAIN, ToyCorpusWarning, Treebank, load_treebank
from .word2vec_dataset import Word2VecDataset

__all__ = [
    "DEV",
    "DataError",
    "MissingDataError",
    "SPLIT_NAMES",
    "TEST",
    "TOY_TREEBANK",
    "TRAIN",
    "ToyCorpusWarning",
    "Treebank",
    "Word2VecDataset",
    "glove_dir",
    "load_glove",
    "load_glove_kumo",
    "load_glove_text",
    "load_treebank",
    "sst_dir",
]
