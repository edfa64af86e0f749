"""Writes the scipy-made fixtures of lib/matfile's tests (provenance).

Run with /usr/bin/python3 (scipy 1.10.1, numpy 1.24) from this directory:
    /usr/bin/python3 make_scipy_fixtures.py
The Go tests read the files and check them against closed forms; the
expected values in the tests were printed by load_fixtures.py.
"""
import numpy as np
import scipy.io
import scipy.sparse


def common():
    return {
        "ramp": np.arange(1, 11, dtype=np.float64),           # 1-D: oned_as decides 10x1 or 1x10
        "mat": np.arange(1, 7, dtype=np.float64).reshape(2, 3),
        "i16": np.array([-32768, -1, 0, 1, 32767], dtype=np.int16),
        "u8": np.array([0, 1, 255], dtype=np.uint8),
        "f32": np.array([0.5, -1.25, 3.0e38], dtype=np.float32),
        "scalar": np.float64(3.5),
        "cplx": np.array([1 + 2j, 3 - 4j]),
        "text": "hello",
        "sp": scipy.sparse.csc_matrix(np.eye(3)),
    }


def v5_only():
    return {
        "i8": np.array([-128, 127], dtype=np.int8),
        "u16": np.array([0, 65535], dtype=np.uint16),
        "i32": np.array([-2**31, 2**31 - 1], dtype=np.int32),
        "u32": np.array([0, 2**32 - 1], dtype=np.uint32),
        "i64": np.array([-2**63, 2**53 + 1, 2**63 - 1], dtype=np.int64),
        "u64": np.array([0, 2**64 - 1], dtype=np.uint64),
        "flags": np.array([True, False, True]),
        "cube": np.arange(24, dtype=np.float64).reshape(2, 3, 4),
        "empty": np.zeros((0, 3)),
        "cel": np.array([np.float64(1.0), "a"], dtype=object),
        "st": {"a": 1.0, "b": np.arange(3.0)},
    }


for oned in ("column", "row"):
    scipy.io.savemat(f"scipy_v4_{oned}.mat", common(), format="4", oned_as=oned)
    for compress, tag in ((False, "v5"), (True, "v7")):
        d = common()
        d.update(v5_only())
        scipy.io.savemat(f"scipy_{tag}_{oned}.mat", d, format="5",
                         oned_as=oned, do_compression=compress)
