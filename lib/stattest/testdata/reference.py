"""Reference values for lib/stattest tests (run with /usr/bin/python3:
numpy 1.24, scipy 1.10, statsmodels 0.13). The series are built from an
exact integer generator so that Go and Python see bit-identical inputs;
the printed numbers are hard-coded in stattest_test.go."""
import math
import warnings

import numpy as np
from scipy import stats
from statsmodels.tsa.stattools import adfuller, kpss
from statsmodels.stats.diagnostic import het_arch

warnings.simplefilter("ignore")
MASK = (1 << 64) - 1


def uniforms(seed, n):
    """MMIX LCG, top 53 bits as a double in [0, 1): exact in any language."""
    x, out = seed, []
    for _ in range(n):
        x = (6364136223846793005 * x + 1442695040888963407) & MASK
        out.append((x >> 11) * 2.0**-53)
    return out


def noise(seed, n):
    """Sum of four uniforms minus 2: mean 0, variance 1/3, exact sums."""
    u = uniforms(seed, 4 * n)
    return [((u[4*i] + u[4*i+1]) + u[4*i+2]) + u[4*i+3] - 2.0 for i in range(n)]


def series(name, n):
    w = noise(7, n)
    if name == "white":
        return w
    if name == "ar05":
        x, prev = [], 0.0
        for v in w:
            prev = 0.5 * prev + v
            x.append(prev)
        return x
    if name == "ar095":
        x, prev = [], 0.0
        for v in w:
            prev = 0.95 * prev + v
            x.append(prev)
        return x
    if name == "walk":
        x, s = [], 0.0
        for v in w:
            s += v
            x.append(s)
        return x
    if name == "trend":
        return [0.01 * t + v for t, v in enumerate(w)]
    if name == "garch":  # volatility clustering: e_t = sigma_t * w_t
        x, s2, prev = [], 1.0, 0.0
        for v in w:
            s2 = 0.1 + 0.5 * prev * prev + 0.4 * s2
            prev = math.sqrt(s2) * v
            x.append(prev)
        return x
    raise KeyError(name)


def main():
    print("MacKinnon", [adfuller.__globals__["mackinnonp"](t, regression="c", N=1) for t in (-3.0, -2.0, 0.5, -1.61, 2.0, -10.0)])
    print("chi2(12) sf", [stats.chi2.sf(v, 12) for v in (5.0, 21.03, 0.5, 40.0)])
    for name, n in (("white", 200), ("white", 5000), ("ar05", 200), ("ar05", 5000),
                    ("ar095", 60), ("ar095", 150), ("ar095", 400), ("walk", 30), ("walk", 200), ("walk", 5000),
                    ("trend", 200), ("trend", 5000), ("garch", 200), ("garch", 5000)):
        if True:
            x = np.array(series(name, n))
            a = adfuller(x, regression="c", autolag="AIC")
            k = kpss(x, regression="c", nlags="auto")
            e = x - x.mean()
            h = het_arch(e, nlags=12)
            print(f'{{"{name}", {n}, {a[0]!r}, {a[1]!r}, {a[2]}, {k[0]!r}, {k[1]!r}, {k[2]}, {h[0]!r}, {h[1]!r}}},')


main()
