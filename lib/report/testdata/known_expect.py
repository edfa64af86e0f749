"""Independent expected values for the known-answer partition of
known_test.go (sql.md §5 definitions, recomputed with numpy 1.24).

Run with /usr/bin/python3; the Go tests hard-code what this prints.
"""
import numpy as np

x = np.arange(2000, dtype=float)
def osc(a, p, ph): return a * np.sin(2 * np.pi * x / p + ph)

drift = 0.002 * x + 0.02 * np.maximum(0, x - 1000) + osc(0.5, 5.17, 1)
step = 0.002 * x + osc(0.5, 9.73, 2) + 5 * (x >= 1000)
vol = 0.002 * x + np.where(x >= 1000, 1.5, 0.5) * np.sin(2 * np.pi * x / 6.13 + 3)
ramp = 0.002 * x + osc(0.5, 7.31, 0)
pair_a = osc(0.5, 11.3, 0)
pair_b = np.where(x < 1000, pair_a, osc(0.5, 4.7, 0.3))

def sig6(v):
    return float(f"{v:.6g}")

def slope(xx, yy):
    return np.polyfit(xx, yy, 1)[0]

base = x <= 0 + 0.2 * 1999          # baseline: first 20 % of the span
late = x >= 0 + 0.8 * 1999          # late: last 20 %
h1 = x < 0 + 0.5 * 1999             # early half

b, l = slope(x[base], drift[base]), slope(x[late], drift[late])
print("03A drift baseline_slope", sig6(b), "late_slope", sig6(l), "ratio", round(l / b, 2),
      "magnitude", sig6(abs(l - b) * 2000))
print("03B vol variance_ratio", round(vol[late].var() / vol[base].var(), 2))
print("04B vol vol_ratio", round(vol[~h1].std(ddof=1) / vol[h1].std(ddof=1), 2))

w = np.floor(20 * x / 1999).astype(int) + 1
w = np.minimum(w, 20)
m = lambda k: step[w == k].mean()
r = lambda k: step[w == k].max() - step[w == k].min()
print("05B step window 11 change", round(abs(m(11) - m(10)) / max(r(11), r(10)), 2),
      "window_mean", sig6(m(11)))

print("06A pair baseline_corr", round(np.corrcoef(pair_a[base], pair_b[base])[0, 1], 3),
      "late_corr", round(np.corrcoef(pair_a[late], pair_b[late])[0, 1], 3))

q = np.quantile(ramp, [0.25, 0.5, 0.75])   # linear interpolation = quantile_cont
print("02A ramp q1", sig6(q[0]), "median", sig6(q[1]), "q3", sig6(q[2]), "std", sig6(ramp.std(ddof=1)))
