"""Hypothesis strategies the textbook tests share."""

import numpy as np
from hypothesis.extra.numpy import array_shapes, arrays


def float_arrays(elements, *, min_dims: int = 1, max_dims: int = 3, min_side: int = 1):
    """Float64 arrays of up to `max_dims` axes of at most 5 entries each, with these elements."""
    shapes = array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=min_side, max_side=5)
    return arrays(np.float64, shapes, elements=elements)
