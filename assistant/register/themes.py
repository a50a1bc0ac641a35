"""Which theme a statement is about, learnt from the labelled corpus: a prior for charter mapping.

A council's charter names its own outcomes, so the register maps each commitment to outcomes by
similarity of meaning (assistant/register/commitments.py). Similarity alone confuses neighbours
("local economic value ... communities benefit" reads as communities, not local economy) and
leaves many commitments unmapped. Every charter outcome belongs to one of the seven themes, and
which theme a statement is about can be learnt once, from labelled commitments of many kinds of
document: multinomial logistic regression over the statement vector the store already holds.
Its probability for an outcome's theme is added to that outcome's similarity.

Trained by ``python scripts/train_themes.py`` (tests/data/labelled, train split, tuned on dev) and
shipped as assistant/data/themes.npz; prediction needs numpy only.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from functools import lru_cache
from importlib import resources

import numpy as np

from assistant.errors import SvaError
from assistant.vocab import THEME_LABELS, THEMES
from ingest.text import content_tokens

# Words that tie a commitment to a theme: a nudge on top of embedding similarity.
THEME_CUES: dict[str, re.Pattern] = {theme: re.compile(rf"\b({words})", re.I) for theme, words in {
    "jobs_skills": r"apprentic|jobs?\b|employ|recruit|training|trainee|placements?|careers?|skills?|"
                   r"living wage|work experience|t levels?|neet|unemployed|internships?|nvq",
    "local_economy": r"smes?\b|spend|suppliers?|supply chain|social enterprises?|vcse|local (firms|businesses)|"
                     r"subcontract|meet the buyer|merchants|paid within|invoice",
    "environment": r"carbon|emissions?|net zero|electric|fuel|diesel|hvo|waste|landfill|recycl|trees?\b|"
                   r"biodiversity|energy|epc|retrofit|insulation|water butts|air quality",
    "communities": r"volunteer|community|charit|donat|schools?\b|wellbeing|garden|café|cafe|workshops?|"
                   r"residents' association|youth|older people|scouts?",
    "equality": r"divers|disab|women|gender|inclusi|equalit|modern slavery|ethical|accessib|"
                r"convictions|disability confident",
    "innovation": r"innovat|technolog|digital|sensors?|drones?|\bapps?\b|pilot|data|platform|research|"
                  r"thermal imaging|predictive",
    "safety_quality": r"safety|accident|damp|mould|quality|satisfaction|safeguard|fire|gas\b|asbestos|"
                      r"complaints|right first time",
}.items()}

MODEL_FILE = "data/themes.npz"
RETRAIN = "python scripts/train_themes.py"


class ThemeModel:
    """Weights (themes x vector dimensions), biases, how much the prior counts in mapping, and the
    embedder whose vectors it reads (another embedder's vectors get no prior)."""

    def __init__(self, weights: np.ndarray, bias: np.ndarray, weight: float, embedder: str) -> None:
        if weights.ndim != 2 or weights.shape[0] != len(THEMES) or bias.shape != (len(THEMES),):
            raise SvaError(f"the theme model has the wrong shape {weights.shape}; rebuild it with `{RETRAIN}`")
        if not (np.isfinite(weights).all() and np.isfinite(bias).all() and np.isfinite(weight)):
            raise SvaError(f"the theme model holds invalid numbers; rebuild it with `{RETRAIN}`")
        self.weights, self.bias, self.weight = weights.astype(np.float32), bias.astype(np.float32), float(weight)
        self.embedder = embedder

    def probabilities(self, vectors: np.ndarray, embedder: str) -> np.ndarray:
        """(n, themes) probabilities; zeros (no prior) for another embedder's vectors."""
        if embedder != self.embedder or not len(vectors) or vectors.shape[1] != self.weights.shape[1]:
            return np.zeros((len(vectors), len(THEMES)), dtype=np.float32)
        scores = vectors.astype(np.float32) @ self.weights.T + self.bias
        scores -= scores.max(axis=1, keepdims=True)
        odds = np.exp(scores)
        return odds / odds.sum(axis=1, keepdims=True)

    def save(self, path) -> None:
        np.savez_compressed(path, weights=self.weights, bias=self.bias, weight=np.float32(self.weight),
                            themes=np.array(THEMES), embedder=np.array(self.embedder))


def load_theme_model(handle) -> ThemeModel:
    """A model from an open .npz file; a clear error naming the rebuild command when it is bad."""
    try:
        data = np.load(handle)
        if tuple(str(t) for t in data["themes"]) != THEMES:
            raise SvaError(f"assistant/{MODEL_FILE} was trained for other themes; rebuild it with `{RETRAIN}`")
        return ThemeModel(data["weights"], data["bias"], float(data["weight"]), str(data["embedder"]))
    except (OSError, ValueError, KeyError, EOFError, zlib.error, zipfile.BadZipFile) as exc:
        raise SvaError(f"the theme model assistant/{MODEL_FILE} is missing or damaged ({exc}); "
                       f"rebuild it with `{RETRAIN}`") from exc


@lru_cache(maxsize=1)
def shipped_theme_model() -> ThemeModel:
    """The model shipped with sva, loaded once."""
    try:
        with resources.files("assistant").joinpath(MODEL_FILE).open("rb") as handle:
            return load_theme_model(handle)
    except OSError as exc:
        raise SvaError(f"the theme model assistant/{MODEL_FILE} is missing or damaged ({exc}); "
                       f"rebuild it with `{RETRAIN}`") from exc


def themes_named(words: set[str], text: str) -> set[str]:
    """The themes a topic names: by a theme's label ("environment") or its cue words ("carbon")."""
    themes = {t for t, label in THEME_LABELS.items() if set(content_tokens(label)) & words}
    return themes | {theme for theme, cue in THEME_CUES.items() if cue.search(text)}
