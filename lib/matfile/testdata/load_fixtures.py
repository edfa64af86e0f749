"""Prints what scipy.io.loadmat(squeeze_me=True) and whosmat make of each
fixture (provenance of the expected values in lib/matfile's tests).

    /usr/bin/python3 load_fixtures.py *.mat
"""
import sys
import numpy as np
import scipy.io

np.set_printoptions(precision=17, linewidth=200)
for path in sys.argv[1:]:
    print("==", path)
    for name, shape, cls in scipy.io.whosmat(path):
        print("  whos", name, shape, cls)
    for name, v in scipy.io.loadmat(path, squeeze_me=True).items():
        if name.startswith("__"):
            continue
        if isinstance(v, np.ndarray) and v.dtype.kind in "biuf":
            print("  %-8s %-8s shape=%s flatten=%r" % (name, v.dtype, v.shape,
                  v.astype(np.float64).flatten().tolist()))
        else:
            print("  %-8s %s %r" % (name, type(v).__name__, v))
