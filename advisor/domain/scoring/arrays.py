"""The numpy array types of the scoring engine, for annotations (shapes are in the comments)."""

import numpy as np
import numpy.typing as npt

type FloatArray = npt.NDArray[np.float64]
type IntArray = npt.NDArray[np.intp]
type BoolArray = npt.NDArray[np.bool_]
