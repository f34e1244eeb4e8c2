"""Words as the narrative matcher compares them: Snowball stems without stop words, and tf-idf vectors over them."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np

from newsprism.storage.stemming import _stemmer

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
STOP = frozenset(
    """aber alle allem allen aller alles als also auch auf aus bei beim bereits bis bisher dabei dadurch daher damit dann
    darauf darin darum das dass davon dazu dem den denen denn der deren des deshalb dessen die dies diese diesem diesen
    dieser dieses doch dort durch eine einem einen einer eines einige etwa etwas euch für gegen gewesen habe haben hat
    hatte hatten hier hinter ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres immer indem ins ist jedoch jetzt kann kein
    keine können könnte man mehr mit muss nach nicht noch nun nur oder ohne schon sehr sei seien sein seine seinem seinen
    seiner seit sich sie sind so soll sollen sollte sondern sowie über um und uns unser unsere unter vom von vor wann war
    waren warum was weil weiter welche wenn wer werden wie wieder will wir wird wo wollen worden wurde wurden zum zur
    zwar zwischen the and for with from that this are was were has have had will would could can its his her their they
    says said after over into not about than more who what why how which been being also just only
    это как так его она они был была были для что чтобы при уже или если того этого этой""".split()
)


@lru_cache(maxsize=200_000)
def _stem(word: str, language: str) -> str:
    return str(_stemmer(language).stemWord(word))


def stems(text: str) -> list[str]:
    """Stems of the content words of ``text`` (lower-cased, stop words and words under three letters left out)."""
    out = []
    for m in _WORD.finditer(text):
        w = m.group().casefold()
        if w not in STOP:
            out.append(_stem(w, _script_language(w)))
    return out


def _script_language(word: str) -> str:
    """Cyrillic words take the Russian stemmer, Latin ones the German, whatever the article's language: a stem is a
    key that must be the same when a catalogue is built and when an article is read, in any language."""
    return "ru" if "\u0400" <= word[0] <= "\u04ff" else "de"


class Tfidf:
    """A fixed vocabulary of stems with their idf; ``matrix`` turns texts into L2-normalised rows."""

    def __init__(self, vocab: dict[str, int], idf: Sequence[float]) -> None:
        self.vocab = vocab
        self.idf = np.asarray(idf, dtype=np.float32)

    @classmethod
    def fit(cls, texts: Iterable[str], min_df: int = 2) -> Tfidf:
        df: Counter[str] = Counter()
        n = 0
        for t in texts:
            n += 1
            df.update(set(stems(t)))
        kept = sorted(w for w, c in df.items() if c >= min_df)
        return cls({w: i for i, w in enumerate(kept)}, [math.log((1 + n) / (1 + df[w])) + 1 for w in kept])

    def matrix(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(self.vocab)), dtype=np.float32)
        for r, t in enumerate(texts):
            for w, c in Counter(stems(t)).items():
                j = self.vocab.get(w)
                if j is not None:
                    out[r, j] = (1 + math.log(c)) * self.idf[j]
            norm = float(np.linalg.norm(out[r]))
            if norm:
                out[r] /= norm
        return out


def distinctive(groups: dict[str, list[str]], top: int = 25) -> dict[str, list[str]]:
    """For each group of texts, the stems most typical of it against the other groups (smoothed log-odds, at least
    two texts): an imported narrative's cue words, which select the sentences worth embedding."""
    counts = {g: Counter(w for t in texts for w in set(stems(t))) for g, texts in groups.items()}
    total: Counter[str] = Counter()
    for c in counts.values():
        total.update(c)
    n_all = sum(len(t) for t in groups.values())
    out: dict[str, list[str]] = {}
    for g, c in counts.items():
        n_g = len(groups[g])
        scored = []
        for w, k in c.items():
            if k < 2:
                continue
            rest = total[w] - k
            score = math.log((k + 0.5) / (n_g - k + 0.5)) - math.log((rest + 0.5) / (n_all - n_g - rest + 0.5))
            scored.append((score, w))
        out[g] = [w for _, w in sorted(scored, reverse=True)[:top]]
    return out
