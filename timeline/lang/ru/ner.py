"""natasha's news NER model, run by a lean executor: the same weights and tokens, the same spans.

slovnet runs the model through general tensor code: it copies every convolution window
(im2col), works channels-first on strided views, and decodes the CRF with fancy indexing at
every token. For one article that overhead costs several times the arithmetic, and NER is the
costliest step of an import. Here each convolution is one contiguous matrix product with all
kernel positions side by side, then a shifted sum; the first layer's product with a word's
vector is computed once per word (words recur), and the
Viterbi step is a few array operations; ``tests/test_ner.py`` holds the spans equal to
natasha's own on the test articles. A long text's emissions are computed a window of tokens at a
time, so memory stays flat in the text's length (the decoding still sees the whole text).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import Any

import numpy as np
from numpy.typing import NDArray

_WORD_CACHE = 20_000  # words whose first-layer products are kept: 3 KB each
_WINDOW = 8_192  # tokens whose emissions are computed at once: the products take 3 KB a token


@dataclass(frozen=True)
class Span:
    start: int
    stop: int
    type: str  # PER | LOC | ORG


@dataclass(frozen=True)
class _Layer:
    kernels: NDArray[np.float32]  # in x (kernel * filters): the kernel positions side by side
    width: int  # kernel positions
    bias: NDArray[np.float32]
    mean: NDArray[np.float32]
    std: NDArray[np.float32]
    weight: NDArray[np.float32]
    shift: NDArray[np.float32]


class NewsNER:
    """Spans of people, places and organizations in a text, as natasha's ``NewsNERTagger`` finds them."""

    def __init__(self, tagger: Any) -> None:
        infer = tagger.infer
        model = infer.model
        self._words = infer.encoder.words_vocab
        self._shapes = infer.encoder.shapes_vocab
        self._tags: list[str] = list(infer.decoder.tags_vocab.items)
        word = model.emb.word
        self._indexes = word.indexes.array
        self._codes = word.codes.array
        self._qdims = np.arange(self._codes.shape[0])
        self._shape_weight = model.emb.shape.weight.array
        self._layers: list[_Layer] = []
        for layer in model.encoder.layers:
            conv, norm = layer.conv, layer.norm
            if conv.padding * 2 + 1 != conv.weight.shape[2]:
                raise ValueError("only 'same' convolutions are supported")
            weight = conv.weight.array  # filters x in x kernel
            kernels = np.concatenate([weight[:, :, k].T for k in range(weight.shape[2])], axis=1)
            self._layers.append(_Layer(np.ascontiguousarray(kernels), weight.shape[2], conv.bias.array,
                                       norm.mean.array, norm.std.array, norm.weight.array, norm.bias.array))
        # The first layer's products split by input: the word's navec vector and its shape's embedding.
        # Words recur, so their products are remembered (a bounded cache); shapes are few, all kept.
        first = self._layers[0].kernels
        words_dim = self._codes.shape[0] * self._codes.shape[2]
        self._word_kernels = np.ascontiguousarray(first[:words_dim])
        self._shape_products = self._shape_weight @ first[words_dim:]
        self._word_products: dict[int, NDArray[np.float32]] = {}
        self._token_ids: dict[str, tuple[int, int]] = {}
        self._proj_weight = model.head.proj.weight.array
        self._proj_bias = model.head.proj.bias.array
        self._transitions = model.head.crf.transitions.array
        self._columns = np.arange(len(self._tags))

    def __call__(self, text: str) -> list[Span]:
        from slovnet.bio import bio_spans

        from timeline.lang.ru.segment import tokenize

        tokens = list(tokenize(text))
        if not tokens:
            return []
        ids = [self._ids(t.text) for t in tokens]
        word_ids = np.fromiter((i for i, _ in ids), np.int64, len(ids))
        shape_ids = np.fromiter((s for _, s in ids), np.int64, len(ids))
        tags = [self._tags[i] for i in self._decode(self._windowed_emissions(word_ids, shape_ids))]
        return [Span(s.start, s.stop, s.type) for s in bio_spans(tokens, tags)]

    def _windowed_emissions(self, word_ids: NDArray[np.int64], shape_ids: NDArray[np.int64]) -> NDArray[np.float32]:
        """The emissions, a window at a time. A token's emission depends on its neighbours only as far
        as the convolutions reach (one token per kernel half-width and layer), so each window is
        computed with that many tokens of context on each side, which are then dropped."""
        n = len(word_ids)
        if n <= _WINDOW:
            return self._emissions(word_ids, shape_ids)
        reach = sum(layer.width // 2 for layer in self._layers)
        parts = []
        for start in range(0, n, _WINDOW):
            stop = min(n, start + _WINDOW)
            lo, hi = max(0, start - reach), min(n, stop + reach)
            parts.append(self._emissions(word_ids[lo:hi], shape_ids[lo:hi])[start - lo : stop - lo])
        return np.concatenate(parts)

    def _ids(self, word: str) -> tuple[int, int]:
        """The word's vocabulary id and its shape's id (as slovnet's encoder makes them)."""
        ids = self._token_ids.get(word)
        if ids is None:
            from slovnet.shape import word_shape

            if len(self._token_ids) >= _WORD_CACHE:
                self._token_ids.clear()
            ids = self._token_ids[word] = (self._words.encode(word.lower()), self._shapes.encode(word_shape(word)))
        return ids

    def _emissions(self, word_ids: NDArray[np.int64], shape_ids: NDArray[np.int64]) -> NDArray[np.float32]:
        x = self._convolve(self._products(word_ids) + self._shape_products[shape_ids], self._layers[0])
        for layer in self._layers[1:]:
            x = self._convolve(x @ layer.kernels, layer)
        return x @ self._proj_weight + self._proj_bias  # type: ignore[no-any-return]

    @staticmethod
    def _convolve(products: NDArray[np.float32], layer: _Layer) -> NDArray[np.float32]:
        """A 'same' convolution from each token's products with every kernel position (n x width*filters):
        position k of token t multiplies the input at t + k - centre, zero beyond the ends. Then ReLU,
        then batch norm as slovnet computes it."""
        n, filters, centre = len(products), len(layer.bias), layer.width // 2
        out = products[:, centre * filters : (centre + 1) * filters] + layer.bias
        for k in range(layer.width):
            shift = k - centre
            if shift == 0 or abs(shift) >= n:
                continue
            block = products[:, k * filters : (k + 1) * filters]
            if shift > 0:
                out[: n - shift] += block[shift:]
            else:
                out[-shift:] += block[: n + shift]
        np.maximum(out, 0, out=out)
        return (out - layer.mean) / layer.std * layer.weight + layer.shift  # type: ignore[no-any-return]

    def _products(self, word_ids: NDArray[np.int64]) -> NDArray[np.float32]:
        """Each word's navec vector times the first layer's kernels, computed once per word."""
        cache = self._word_products
        ids = word_ids.tolist()
        unique = set(ids)
        rows = {i: cache[i] for i in unique if i in cache}
        missing = [i for i in unique if i not in rows]
        if missing:
            vectors = self._codes[self._qdims, self._indexes[missing]].reshape(len(missing), -1)
            for i, row in zip(missing, vectors @ self._word_kernels, strict=True):
                rows[i] = cache[i] = row
            if len(cache) > _WORD_CACHE:
                for oldest in list(islice(cache, len(cache) - _WORD_CACHE // 2)):
                    del cache[oldest]  # the older half goes at once: amortized, never a scan per word
        return np.stack([rows[i] for i in ids])

    def _decode(self, emissions: NDArray[np.float32]) -> list[int]:
        """Viterbi: the most likely tag sequence under the CRF's transitions."""
        transitions, columns = self._transitions, self._columns
        history = np.empty((len(emissions), len(columns)), dtype=np.intp)
        score = emissions[0]
        for i in range(1, len(emissions)):
            candidates = score[:, None] + transitions  # previous tag x next tag
            best = candidates.argmax(0)
            history[i] = best
            score = candidates[best, columns] + emissions[i]
        tag = int(score.argmax())
        path = [tag]
        for i in range(len(emissions) - 1, 0, -1):
            tag = int(history[i, tag])
            path.append(tag)
        path.reverse()
        return path


@cache
def news_ner() -> NewsNER:
    from natasha import NewsEmbedding, NewsNERTagger

    return NewsNER(NewsNERTagger(NewsEmbedding()))
