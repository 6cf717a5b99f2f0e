"""Scores for "is this input one of the known classes?", computed from a model's logits.

Every score is a confidence: higher means "looks like a known class". A sample is rejected as
unknown when its score falls below a threshold. Scores are computed in log space, where float64
does not round them to a tie: max softmax is 1.0 in float64 once the top two logits differ by
more than about 37, but its log-odds log(p / (1 - p)) ranks the inputs in the same order and stays
exact; max sigmoid is ranked by the sigmoid head's max logit, which orders them the same way.
"""

import numpy as np

from snippets._validate import as_float_array
from snippets.activations import logsumexp, sigmoid, softmax


def _logits(logits):
    z = as_float_array(logits, "logits")
    if z.ndim != 2 or z.shape[1] < 2:
        raise ValueError(f"logits must be 2-D (samples, classes >= 2), got shape {z.shape}")
    return z


def _gaps(z):
    """z_j - max_i z_i for every class j except the top one, shape (n, k - 1)."""
    top = z.argmax(axis=1)
    others = np.ones_like(z, dtype=bool)
    others[np.arange(len(z)), top] = False
    return (z - z.max(axis=1, keepdims=True))[others].reshape(len(z), -1)


# --8<-- [start:scores]
def max_softmax_probability(logits):
    """max_i softmax(z)_i, as a probability (Hendrycks & Gimpel, 2017)."""
    return softmax(_logits(logits)).max(axis=1)


def msp_log_odds(logits):
    """log(p / (1 - p)) for p = max softmax, i.e.
    -logsumexp over j != top of (z_j - z_top): ranks like max softmax,
    without rounding to 1.0."""
    return -logsumexp(_gaps(_logits(logits)), axis=1)


def max_logit(logits):
    """max_i z_i (Vaze et al., 2022); on a sigmoid head it ranks like
    max_i sigmoid(z_i), without rounding to 1.0."""
    return _logits(logits).max(axis=1)


def negative_energy(logits):
    """logsumexp_i z_i = -E(z), minus the energy (Liu et al., 2020)."""
    return logsumexp(_logits(logits), axis=1)


def negative_entropy(logits):
    """-H(softmax(z)), from the gaps to the top logit (no rounding to 0)."""
    gaps = _gaps(_logits(logits))
    s = np.exp(gaps).sum(axis=1)  # sum over j != top of e^(z_j - z_top)
    log_top = -np.log1p(s)  # log p_top
    others = np.exp(gaps + log_top[:, None])  # p_j for j != top
    h = np.sum(others * -(gaps + log_top[:, None]), axis=1)
    return -(h + np.exp(log_top) * -log_top)


def max_sigmoid(logits):
    """max_i sigmoid(z_i): the surest of the k one-vs-rest answers."""
    return sigmoid(_logits(logits)).max(axis=1)


def all_sigmoids_below(logits, threshold: float = 0.5):
    """True where every class says "not me": sigmoid(z_i) < threshold."""
    if not 0 < threshold < 1:
        raise ValueError(f"threshold must lie in (0, 1), got {threshold}")
    return (_logits(logits) < np.log(threshold / (1 - threshold))).all(axis=1)


# --8<-- [end:scores]


# --8<-- [start:doc]
def doc_thresholds(train_logits, train_labels, alpha: float = 3.0):
    """DOC (Shu et al., 2017): t_i = max(0.5, 1 - alpha * s_i), where
    s_i is the standard deviation of class i's training outputs
    sigmoid(z_i) together with their mirror images 2 - sigmoid(z_i)."""
    z = _logits(train_logits)
    y = np.asarray(train_labels)
    if y.shape != (len(z),) or not np.issubdtype(y.dtype, np.integer):
        raise ValueError(f"train_labels must be {len(z)} integer labels")
    if not (np.isfinite(alpha) and alpha > 0):
        raise ValueError(f"alpha must be a positive number, got {alpha}")
    out = np.empty(z.shape[1])
    for i in range(z.shape[1]):
        if not (y == i).any():
            raise ValueError(f"train_labels hold no example of class {i}")
        gap = sigmoid(-z[y == i, i])  # 1 - sigmoid(z_i), exact for large z_i
        sigma = np.sqrt(np.mean(gap**2))  # p and 2 - p: mean 1, spread gap
        out[i] = max(0.5, 1 - alpha * sigma)
    return out


def doc_reject(logits, thresholds):
    """True where every class says "not me": sigmoid(z_i) < t_i for all i."""
    z = _logits(logits)
    t = np.asarray(thresholds, dtype=float)
    if t.shape != (z.shape[1],) or not ((t > 0) & (t <= 1)).all():
        raise ValueError(f"thresholds must be {z.shape[1]} numbers in (0, 1]")
    with np.errstate(divide="ignore"):  # t = 1: logit +inf, never "me"
        return (z < np.log(t) - np.log1p(-t)).all(axis=1)


# --8<-- [end:doc]


# --8<-- [start:threshold]
def threshold_for_tpr(known_scores, tpr: float = 0.95) -> float:
    """A threshold that accepts (score >= threshold) at least `tpr` of the known samples given."""
    s = as_float_array(known_scores, "known_scores", allow_inf=True)
    if s.ndim != 1:
        raise ValueError(f"known_scores must be 1-D, got shape {s.shape}")
    if not 0 < tpr <= 1:
        raise ValueError(f"tpr must lie in (0, 1], got {tpr}")
    n_rejectable = int(np.floor((1 - tpr) * len(s) + 1e-9))
    return float(np.sort(s)[n_rejectable])


# --8<-- [end:threshold]


def mahalanobis_score(train_features, train_labels):
    """Lee et al. (2018) on hidden features: minus the smallest Mahalanobis distance to a class
    mean, with one covariance shared by the classes (Ledoit-Wolf shrinkage). Returns a scorer."""
    from sklearn.covariance import LedoitWolf

    h = as_float_array(train_features, "train_features")
    y = np.asarray(train_labels)
    means = np.stack([h[y == c].mean(axis=0) for c in np.unique(y)])
    precision = LedoitWolf().fit(h - means[y]).precision_

    def score(features):
        d = np.asarray(features)[:, None, :] - means[None]
        return -np.einsum("nkd,de,nke->nk", d, precision, d).min(axis=1)

    return score


def knn_score(train_features, k: int = 10):
    """Sun et al. (2022): minus the distance to the k-th nearest training feature, all features
    scaled to unit length. Returns a scorer."""
    from sklearn.neighbors import NearestNeighbors

    def unit(h):
        h = np.asarray(h, dtype=float)
        return h / np.maximum(np.linalg.norm(h, axis=1, keepdims=True), 1e-12)

    nn = NearestNeighbors(n_neighbors=k).fit(unit(train_features))

    def score(features):
        return -nn.kneighbors(unit(features))[0][:, -1]

    return score
