"""Reference values for lib/typology tests (run with /usr/bin/python3:
numpy 1.24, scipy 1.10). Series come from the exact integer generator of
lib/stattest/testdata/reference.py, so Go and Python see identical bits;
the printed numbers are hard-coded in the Go tests."""
import math

import numpy as np
from scipy import stats

MASK = (1 << 64) - 1


def uniforms(seed, n):
    x, out = seed, []
    for _ in range(n):
        x = (6364136223846793005 * x + 1442695040888963407) & MASK
        out.append((x >> 11) * 2.0**-53)
    return out


def noise(seed, n):
    u = uniforms(seed, 4 * n)
    return [((u[4*i] + u[4*i+1]) + u[4*i+2]) + u[4*i+3] - 2.0 for i in range(n)]


def full_measures(x):
    """typology.md §4.3-4.4 straight from the definitions."""
    x = np.asarray(x, dtype=float)
    n = len(x)
    mean = x.mean()
    std = x.std()
    thr = 0.01 * std if std > 1e-10 else 1e-10
    d = np.abs(np.diff(x))
    tiny = np.abs(x) < 1e-10
    runs, length, prev = 0, 0, False
    for t in tiny:
        if t:
            length += 1
            runs += not prev
        prev = t
    zrr = (length / runs) / n if runs else 0.0
    return dict(
        kurtosis=stats.kurtosis(x, fisher=False, bias=True),
        skewness=stats.skew(x, bias=True),
        crest=np.max(np.abs(x)) / math.sqrt(np.mean(x * x)),
        unique=len(np.unique(np.where(x == 0, 0.0, x))) / n,
        sparsity=np.mean(x == 0),
        deriv=np.mean(d < thr),
        zrr=zrr,
        mean=mean,
        std=std,
    )


def splitmix(z):
    z = (z + 0x9E3779B97F4A7C15) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def hll_estimate(values):
    """typology.md §4.4's HyperLogLog, p = 16, no range corrections."""
    import struct
    reg = [0] * 65536
    for v in values:
        bits = 0 if v == 0 else struct.unpack("<Q", struct.pack("<d", v))[0]
        h = splitmix(bits)
        w = (h << 16) & MASK
        lz = 64 - w.bit_length()
        rank = min(lz, 48) + 1
        j = h >> 48
        reg[j] = max(reg[j], rank)
    m = 65536.0
    alpha = 0.7213 / (1 + 1.079 / m)
    s = 0.0
    for r in reg:
        s += 2.0 ** -r
    return alpha * m * m / s


def main():
    w = noise(11, 3000)
    cases = {
        # heavy-tailed, with exact zeros and tiny runs: (w*w)*w rounded to 1e-3, every 7th zeroed
        "mixed": [0.0 if i % 7 == 0 or i % 11 < 3 else round((v * v) * v, 3) for i, v in enumerate(w)],
        # quantised: multiples of 2^-10 with an offset
        "quantised": [100.0 + math.floor(v * 1024) / 1024 for v in w],
        "integers": [float(math.floor(v * 5)) for v in w],
    }
    for name, x in cases.items():
        m = full_measures(x)
        print(name, {k: repr(float(v)) for k, v in m.items()})
    print("hll(1.5M integers 0..1499999 as floats):", repr(hll_estimate([float(i) for i in range(1500000)])))


main()
