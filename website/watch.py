"""Watch the vectors learn: skip-gram on a ten-word corpus, update by update.

In the spirit of Xin Rong's wevi: two-dimensional word vectors, so the vectors
themselves are drawn (no projection), trained one window at a time with the
graded `skipgram` and its loss. By default those are the reference functions in
`solutions/`; in Jupyter pass your own:

    from website.watch import train, WatchFigure, explore
    trace = train(model=skipgram, loss=naive_softmax_loss_and_gradient)   # yours
    explore(trace)          # a slider over the updates (needs a running kernel)

The site's page (`watch.html`) needs no kernel: the animation is matplotlib's
JavaScript export (`FuncAnimation.to_jshtml`), its frames PNG images in the page.
It also shows dJ/dU for one (centre, outside) pair as a heat map: dense for the
naive softmax, at most K + 1 non-zero rows for negative sampling.
"""

from __future__ import annotations

import base64
import functools
import io
import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # the page is written to a file; no display needed
import jinja2
import matplotlib.pyplot as plt
import numpy as np
from markupsafe import Markup
from matplotlib.animation import FuncAnimation
from matplotlib.colors import SymLogNorm

from solutions.word2vec import naive_softmax_loss_and_gradient, neg_sampling_loss_and_gradient, skipgram

__all__ = [
    "TOY_SENTENCES",
    "WINDOW_SIZE",
    "ToyCorpus",
    "Trace",
    "train",
    "frame_updates",
    "WatchFigure",
    "animation_html",
    "offline_player",
    "outside_gradients",
    "nonzero_rows",
    "explore",
    "write_watch_page",
]

# Ten words. Cats and dogs share their neighbours (the/a before, drinks/eats after), so
# their centre vectors should end up close, as should "the" and "a" (both before cat/dog)
# and milk/water (both after "drinks"); "cat" and "the" share no neighbour.
TOY_SENTENCES = (
    "the cat drinks milk",
    "a dog drinks water",
    "the dog eats meat",
    "a cat eats fish",
    "the cat drinks water",
    "a dog eats fish",
    "the dog drinks milk",
    "a cat eats meat",
)
PAIRS = (("cat", "dog"), ("the", "a"), ("milk", "water"), ("cat", "the"))  # the page's table
WINDOW_SIZE = 1  # C: one word on each side
DIMENSION = 2  # D: small enough to draw the vectors themselves


class ToyCorpus:
    """The toy sentences as windows, and the unigram^0.75 sampler negative sampling needs.

    Offers `sample_token_idx()` and `get_random_context(C)` like the treebank's dataset (a
    `ContextDataset`), drawn from its own seeded random.Random so that a run is repeatable.
    """

    def __init__(self, sentences: Sequence[str] = TOY_SENTENCES, seed: int = 0) -> None:
        self.sentences = [s.split() for s in sentences]
        counts = Counter(word for sentence in self.sentences for word in sentence)
        self.words = sorted(counts, key=lambda w: (-counts[w], w))
        self.word2ind = {word: i for i, word in enumerate(self.words)}
        weights = np.array([counts[w] for w in self.words], dtype=np.float64) ** 0.75
        self._cumulative = np.cumsum(weights / weights.sum())
        self._random = random.Random(seed)

    def windows(self, window_size: int = WINDOW_SIZE) -> list[tuple[str, list[str]]]:
        """Every (centre word, outside words) window of the corpus, in reading order."""
        result = []
        for sentence in self.sentences:
            for i, centre in enumerate(sentence):
                outside = sentence[max(0, i - window_size) : i] + sentence[i + 1 : i + 1 + window_size]
                result.append((centre, outside))
        return result

    def get_random_context(self, C: int = WINDOW_SIZE) -> tuple[str, list[str]]:
        """One of windows(C), drawn uniformly: (centre word, its outside words)."""
        windows = self.windows(C)
        return windows[self._random.randrange(len(windows))]

    def sample_token_idx(self) -> int:
        """One word index drawn with probability proportional to count^0.75."""
        return int(
            np.searchsorted(self._cumulative, self._random.random(), side="right").clip(
                max=len(self.words) - 1
            )
        )


@dataclass
class Trace:
    """A training run, one entry per update.

    centre: (T + 1, V, D), the centre vectors v_w before the first and after every update.
    outside: (T + 1, V, D), the outside vectors u_w (U), likewise.
    losses: (T,), the window's loss J at each update (before the step).
    windows: the T (centre word, outside words) windows, in the order trained.
    """

    words: list[str]
    centre: np.ndarray
    outside: np.ndarray
    losses: np.ndarray
    windows: list[tuple[str, list[str]]]
    learning_rate: float
    loss_name: str = "naive softmax"
    extra: dict[str, Any] = field(default_factory=dict)


def train(
    updates: int = 192,
    learning_rate: float = 0.3,
    seed: int = 0,
    *,
    model: Callable[..., tuple[float, np.ndarray, np.ndarray]] = skipgram,
    loss: Callable[..., tuple[float, np.ndarray, np.ndarray]] = naive_softmax_loss_and_gradient,
    corpus: ToyCorpus | None = None,
) -> Trace:
    """Train 2-D skip-gram vectors on the toy corpus, one window per update, keeping every state.

    Each pass over the corpus visits the windows in a new seeded order. An update is
    plain gradient descent on that window's loss: v <- v - lr dJ/dv, U <- U - lr dJ/dU.
    """
    corpus = corpus or ToyCorpus(seed=seed)
    rng = np.random.default_rng(seed)
    n_words = len(corpus.words)
    centre = rng.normal(scale=0.5, size=(n_words, DIMENSION))
    outside = rng.normal(scale=0.5, size=(n_words, DIMENSION))
    all_windows = corpus.windows()
    centres, outsides = [centre.copy()], [outside.copy()]
    losses: list[float] = []
    windows: list[tuple[str, list[str]]] = []
    while len(windows) < updates:
        for k in rng.permutation(len(all_windows)):
            if len(windows) == updates:
                break
            word, context = all_windows[k]
            value, grad_centre, grad_outside = model(
                word, WINDOW_SIZE, context, corpus.word2ind, centre, outside, corpus, loss
            )
            centre = centre - learning_rate * grad_centre
            outside = outside - learning_rate * grad_outside
            centres.append(centre.copy())
            outsides.append(outside.copy())
            losses.append(value)
            windows.append((word, list(context)))
    name = "negative sampling" if loss is neg_sampling_loss_and_gradient else "naive softmax"
    return Trace(
        list(corpus.words),
        np.array(centres),
        np.array(outsides),
        np.array(losses),
        windows,
        learning_rate,
        name,
    )


def frame_updates(n_updates: int, every: int = 6, first: int = 0) -> list[int]:
    """The states an animation shows: before training, each of the first `first` updates,
    then every `every`-th update, and the last."""
    single = list(range(0, min(first, n_updates) + 1))
    frames = single + list(range(single[-1] + every, n_updates + 1, every))
    if frames[-1] != n_updates:
        frames.append(n_updates)
    return frames


class WatchFigure:
    """The picture of one state of a trace: the 2-D vectors, and the loss so far.

    `draw(t)` shows the state after update t (0: before training); the scatter
    artists `centre_points` and `outside_points` then hold exactly trace.centre[t]
    and trace.outside[t].
    """

    def __init__(self, trace: Trace, *, dpi: int = 72) -> None:
        self.trace = trace
        self.figure, (self.ax, self.loss_ax) = plt.subplots(
            1, 2, figsize=(10, 5), dpi=dpi, gridspec_kw={"width_ratios": [1.5, 1]}
        )
        # One square window that holds every state, so that equal axes use the whole panel.
        both = np.concatenate([trace.centre.reshape(-1, 2), trace.outside.reshape(-1, 2)])
        middle = (both.min(axis=0) + both.max(axis=0)) / 2
        half = (both.max(axis=0) - both.min(axis=0)).max() / 2 + 0.35
        self.ax.set_xlim(middle[0] - half, middle[0] + half)
        self.ax.set_ylim(middle[1] - half, middle[1] + half)
        self.ax.set_aspect("equal", adjustable="box")
        self.ax.axhline(0, color="#ccc", lw=0.8)
        self.ax.axvline(0, color="#ccc", lw=0.8)
        self.centre_points = self.ax.scatter(
            *trace.centre[0].T, c="#1f5fae", s=40, label="centre vectors $v_w$"
        )
        self.outside_points = self.ax.scatter(
            *trace.outside[0].T, c="#d9731a", marker="^", s=40, label="outside vectors $u_w$"
        )
        self.centre_labels = [self.ax.annotate(w, (0, 0), color="#1f5fae", fontsize=9) for w in trace.words]
        self.outside_labels = [
            self.ax.annotate(w, (0, 0), color="#d9731a", fontsize=9, style="italic") for w in trace.words
        ]
        self.ax.legend(loc="upper left", fontsize=8)
        steps = np.arange(1, len(trace.losses) + 1)
        # The window losses jump around; their running mean over one pass shows the trend.
        width = min(24, len(trace.losses))
        smooth = np.convolve(trace.losses, np.ones(width) / width, mode="valid")
        self.loss_ax.plot(steps, trace.losses, color="#bbb", lw=0.8, label="loss of the window")
        self.loss_ax.plot(
            steps[width - 1 :], smooth, color="#24384f", lw=1.6, label=f"mean of the last {width}"
        )
        self.marker = self.loss_ax.axvline(0, color="#d9731a", lw=1.2)
        self.loss_ax.set_xlabel("update")
        self.loss_ax.set_ylabel(f"skip-gram loss ({trace.loss_name})")
        self.loss_ax.legend(loc="upper right", fontsize=8)
        self.ax.set_title("before training", fontsize=10)  # the layout leaves room for the titles
        self.figure.tight_layout()

    def draw(self, t: int) -> list[Any]:
        """Show the state after update t; returns the artists that changed."""
        centre, outside = self.trace.centre[t], self.trace.outside[t]
        self.centre_points.set_offsets(centre)
        self.outside_points.set_offsets(outside)
        for label, xy in zip(self.centre_labels, centre, strict=True):
            label.set_position((xy[0] + 0.03, xy[1] + 0.03))
        for label, xy in zip(self.outside_labels, outside, strict=True):
            label.set_position((xy[0] + 0.03, xy[1] - 0.09))
        self.marker.set_xdata([t, t])
        if t == 0:
            self.ax.set_title("before training", fontsize=10)
        else:
            word, context = self.trace.windows[t - 1]
            loss = self.trace.losses[t - 1]
            self.ax.set_title(
                f"update {t}: centre '{word}', outside {', '.join(context)}; J = {loss:.2f}", fontsize=10
            )
        return [
            self.centre_points,
            self.outside_points,
            self.marker,
            *self.centre_labels,
            *self.outside_labels,
        ]


# matplotlib's player draws its buttons with Font Awesome from a CDN; the page must not fetch
# anything, so the stylesheet goes and each icon becomes a character every font has.
_FONT_AWESOME = re.compile(r'<link rel="stylesheet"\s+href="https://[^"]*font-awesome[^"]*">')
_ICONS = {
    "fa-minus": "&minus;",
    "fa-fast-backward": "|&#9664;&#9664;",
    "fa-step-backward": "|&#9664;",
    "fa-play fa-flip-horizontal": "&#9664;",
    "fa-pause": "&#10074;&#10074;",
    "fa-play": "&#9654;",
    "fa-step-forward": "&#9654;|",
    "fa-fast-forward": "&#9654;&#9654;|",
    "fa-plus": "+",
}


def offline_player(html: str) -> str:
    """matplotlib's JavaScript animation without its Font Awesome stylesheet and icons."""
    html = _FONT_AWESOME.sub("", html)
    for icon, text in _ICONS.items():
        html = html.replace(f'<i class="fa {icon}"></i>', f'<span class="player-icon">{text}</span>')
    if "https://" in html or 'class="fa ' in html:
        raise RuntimeError("matplotlib's animation player changed: it still loads something from the web")
    return html


def animation_html(trace: Trace, every: int = 6, interval_ms: int = 150, first: int = 0) -> str:
    """The animation as HTML and inline JavaScript (frames embedded): plays without a kernel."""
    picture = WatchFigure(trace)
    frames = frame_updates(len(trace.losses), every, first)
    animation = FuncAnimation(picture.figure, picture.draw, frames=frames, interval=interval_ms, blit=False)
    html = animation.to_jshtml(default_mode="once")
    plt.close(picture.figure)
    return offline_player(html)


def outside_gradients(trace: Trace, window: int = 0, K: int = 3, seed: int = 0) -> dict[str, np.ndarray]:
    """dJ/dU, (V, D), for one (centre, outside) pair at the trace's final vectors, by both losses.

    The pair is the first outside word of the trace's `window`-th window. Naive
    softmax: (y_hat - y) v_c^T, every row non-zero. Negative sampling with K
    negatives: only u_o and the drawn u_k, at most K + 1 rows.
    """
    word, context = trace.windows[window]
    corpus = ToyCorpus(seed=seed)
    c, o = corpus.word2ind[word], corpus.word2ind[context[0]]
    v_c, U = trace.centre[-1][c], trace.outside[-1]
    _, _, naive = naive_softmax_loss_and_gradient(v_c, o, U, corpus)
    _, _, negative = neg_sampling_loss_and_gradient(v_c, o, U, corpus, K)
    return {"naive softmax": naive, f"negative sampling, K = {K}": negative}


def nonzero_rows(gradient: np.ndarray) -> int:
    """How many rows (words) of a (V, D) gradient are not all zero."""
    return int(np.count_nonzero(np.any(gradient != 0.0, axis=1)))


def _heat_map_png(gradients: dict[str, np.ndarray], words: list[str]) -> bytes:
    """Both gradients side by side; exact zeros grey, other values on a scale that shows small ones."""
    figure, axes = plt.subplots(1, len(gradients), figsize=(7.2, 4.4), dpi=90)
    limit = max(float(np.abs(g).max()) for g in gradients.values())
    # Linear near zero, logarithmic beyond: a 1e-3 entry is still visibly coloured.
    norm = SymLogNorm(linthresh=limit * 1e-3, vmin=-limit, vmax=limit)
    cmap = plt.get_cmap("RdBu_r").with_extremes(bad="#d9d9d9")
    for k, (ax, (name, gradient)) in enumerate(zip(axes, gradients.items(), strict=True)):
        image = ax.imshow(np.ma.masked_equal(gradient, 0.0), cmap=cmap, norm=norm, aspect="auto")
        ax.set_yticks(range(len(words)), words if k == 0 else [])
        ax.set_xticks(range(gradient.shape[1]), [f"dim {i + 1}" for i in range(gradient.shape[1])])
        ax.set_title(f"{name}\n{nonzero_rows(gradient)} of {len(words)} rows non-zero", fontsize=10)
    figure.colorbar(image, ax=list(axes), shrink=0.8, label="dJ/dU (grey: exactly 0)")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def explore(trace: Trace) -> Any:
    """In Jupyter (with a kernel): a slider over the updates of a trace, drawing each state.

    Returns the ipywidgets `interactive` (its `picture` is the WatchFigure it draws on).
    """
    import ipywidgets
    from IPython.display import display

    picture = WatchFigure(trace)
    plt.close(picture.figure)

    def show(update: int) -> None:
        picture.draw(update)
        display(picture.figure)

    widget = ipywidgets.interactive(show, update=ipywidgets.IntSlider(0, 0, len(trace.losses), 1))
    widget.picture = picture
    display(widget)
    return widget


def write_watch_page(
    path: Path, env: jinja2.Environment, site: dict[str, Markup], every: int = 6, language: str = "en"
) -> Path:
    """Train, animate, draw the heat maps and write the page.

    The animation shows every update of the first pass over the corpus, then every
    `every`-th.

    site: the page's head (MathJax) and navigation, as the other pages have them.
    language: "en" (watch.html.j2) or "zh" (watch.zh.html.j2, the same page in Chinese).
    """
    values = dict(_watch_values(every))  # a copy: the cached values serve both languages
    template = "watch.html.j2" if language == "en" else f"watch.{language}.html.j2"
    html = env.get_template(template).render(
        title="Watch the vectors learn" if language == "en" else "看词向量如何学习",
        site=site,
        math=True,
        animation=Markup(values.pop("animation_html")),
        **values,
    )
    path.write_text(html, encoding="utf-8")
    return path


@functools.cache
def _watch_values(every: int) -> dict[str, Any]:
    """The page's numbers, animation and heat map: computed once for both languages' pages."""
    trace = train()
    first_pass = len(ToyCorpus().windows())  # one pass over the corpus, update by update
    K = 3
    gradients = outside_gradients(trace, K=K)
    index = {w: i for i, w in enumerate(trace.words)}
    first, last = trace.centre[0], trace.centre[-1]
    similarities = [
        {
            "a": a,
            "b": b,
            "cos_before": _cosine(first[index[a]], first[index[b]]),
            "cos_after": _cosine(last[index[a]], last[index[b]]),
            "dist_before": float(np.linalg.norm(first[index[a]] - first[index[b]])),
            "dist_after": float(np.linalg.norm(last[index[a]] - last[index[b]])),
        }
        for a, b in PAIRS
    ]
    width = min(24, len(trace.losses))
    heat_png = base64.b64encode(_heat_map_png(gradients, trace.words)).decode("ascii")
    names = list(gradients)
    return dict(
        sentences=TOY_SENTENCES,
        words=trace.words,
        updates=len(trace.losses),
        learning_rate=trace.learning_rate,
        window_size=WINDOW_SIZE,
        animation_html=animation_html(trace, every=every, first=first_pass),
        every=every,
        first=first_pass,
        heat_map=heat_png,
        pair=trace.windows[0],
        K=K,
        naive_rows=nonzero_rows(gradients[names[0]]),
        negative_rows=nonzero_rows(gradients[names[1]]),
        first_loss=float(trace.losses[:width].mean()),
        last_loss=float(trace.losses[-width:].mean()),
        width=width,
        similarities=similarities,
    )
