"""word2vec.c's skip-gram negative-sampling update, transcribed to NumPy (for notebook 4).

Not graded: the notebook runs it next to the student's gradient to show that
the C code's loop is one SGD step on the same loss. Names follow the C source
(Mikolov's word2vec.c, function TrainModelThread):

- syn0: (V, D), the *input* vectors (the handout's centre vectors v);
- syn1neg: (V, D), the *output* vectors of negative sampling (the handout's U);
- word: the word being predicted; last_word: the word whose syn0 row predicts it
  (in skip-gram the C code predicts the window's centre from each context word);
- f: the score u_target . v; g: (label - sigma(f)) * alpha, i.e. minus the
  step times dJ/df; neu1e: (D,), the accumulated update of the syn0 row.
"""

from __future__ import annotations

import numpy as np

__all__ = ["EXP_TABLE_SIZE", "MAX_EXP", "exp_table", "table_sigmoid", "c_pair_update"]

EXP_TABLE_SIZE = 1000  # entries of the precomputed sigmoid table
MAX_EXP = 6  # the table covers scores in [-MAX_EXP, MAX_EXP)


def exp_table() -> np.ndarray:
    """(EXP_TABLE_SIZE,) sigma(x) at x_i = (2 i / EXP_TABLE_SIZE - 1) * MAX_EXP, i = 0..999."""
    x = (np.arange(EXP_TABLE_SIZE) / EXP_TABLE_SIZE * 2 - 1) * MAX_EXP
    e = np.exp(x)
    return e / (e + 1)  # sigma(x) = e^x / (e^x + 1)


def table_sigmoid(f: float, table: np.ndarray) -> float:
    """sigma(f) the C way, for -MAX_EXP <= f <= MAX_EXP: a table lookup.

    The C index is (int)((f + MAX_EXP) * (EXP_TABLE_SIZE / MAX_EXP / 2)) with
    integer division of the two constants: 1000 / 6 / 2 = 83, not 83.33, so
    the entry read sits at about 0.996 f - 0.024 instead of f.
    """
    scale = EXP_TABLE_SIZE // MAX_EXP // 2  # 83: C's integer division
    return float(table[int((f + MAX_EXP) * scale)])


def c_pair_update(
    syn0: np.ndarray,
    syn1neg: np.ndarray,
    word: int,
    last_word: int,
    draws: list[int],
    alpha: float,
    table: np.ndarray | None = None,
) -> int:
    """One (last_word -> word) prediction of word2vec.c's skip-gram, in place.

    Args:
        syn0: (V, D), input vectors; row last_word is updated (v in the handout).
        syn1neg: (V, D), output vectors; the target's and the negatives' rows
            are updated (U in the handout).
        word: the predicted word (o in the handout's skip-gram).
        last_word: the word whose input vector predicts it (c in the handout).
        draws: the K words drawn from the unigram table; a draw equal to
            `word` is skipped (not redrawn), as in the C code.
        alpha: the learning rate.
        table: exp_table() to look sigma up as the C code does (scores beyond
            +-MAX_EXP clamp sigma to 1 or 0); None: the exact sigma.

    Returns:
        How many negatives were used (K minus the skipped draws).
    """
    neu1e = np.zeros(syn0.shape[1])  # the update of syn0[last_word], accumulated
    used = 0
    for d in range(len(draws) + 1):
        if d == 0:
            target, label = word, 1  # the observed pair: label 1
        else:
            target, label = draws[d - 1], 0  # a negative: label 0
            if target == word:
                continue  # skipped, so this prediction has fewer than K negatives
            used += 1
        f = float(syn0[last_word] @ syn1neg[target])  # the score u_target . v
        if table is None:
            sigma = 1.0 / (1.0 + np.exp(-f))
        elif f > MAX_EXP:
            sigma = 1.0  # clamped: the table stops at MAX_EXP
        elif f < -MAX_EXP:
            sigma = 0.0
        else:
            sigma = table_sigmoid(f, table)
        # g = -alpha * dJ/df: J = -log sigma(f) for label 1, -log sigma(-f) for label 0.
        g = (label - sigma) * alpha
        neu1e += g * syn1neg[target]  # -alpha * dJ/dv, this term (before u changes)
        syn1neg[target] += g * syn0[last_word]  # u <- u - alpha * dJ/du, at once
    syn0[last_word] += neu1e  # v <- v - alpha * dJ/dv, after all K + 1 terms
    return used
