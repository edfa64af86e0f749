#!/usr/bin/python3
"""Independent reference for the core engines of manifold.md §5.5.

Written from the specification text with numpy 1.24 / scipy 1.10 (scipy.signal.welch,
scipy.signal.hilbert, scipy.stats.kurtosis/skew, numpy.fft.rfft, numpy.polyfit), to derive
the expected values hard-coded in the Go tests. Run with /usr/bin/python3; the Go tests never
call it. Usage: reference.py            -> prints golden values for T1..T5 and extra cases.
"""
import math
import sys

import numpy as np
from scipy import signal, stats

NAN = float("nan")


def lcg(n, seed=42):
    s = seed
    out = []
    for _ in range(n):
        s = (1103515245 * s + 12345) % 2**31
        out.append(s / 2**31 - 0.5)
    return np.array(out)


T1 = np.sin(2 * np.pi * np.arange(64) / 16)
T2 = lcg(128)
T3 = 0.05 * np.arange(128) + np.sin(2 * np.pi * np.arange(128) / 10)
T4 = np.cumsum(T2)
T5 = lcg(600)


def statistics(x, floors=(4, 3, 1)):
    m = len(x)
    k = s = c = NAN
    mean = np.mean(x) if m else NAN
    if m >= floors[0]:
        k = stats.kurtosis(x, fisher=True, bias=True)
    if m >= floors[1]:
        s = stats.skew(x, bias=True)
    if m >= floors[2]:
        rms = math.sqrt(np.mean(x * x))
        c = np.max(np.abs(x)) / rms if rms > 0 else NAN
    return dict(kurtosis=k, skewness=s, crest_factor=c)


def welch(x):
    nper = min(256, len(x))
    f, p = signal.welch(x, fs=1.0, nperseg=nper)
    return f, p


def spectral(x):
    keys = ["spectral_slope", "dominant_freq", "spectral_entropy", "spectral_centroid", "spectral_bandwidth"]
    if len(x) < 4:
        return dict.fromkeys(keys, NAN)
    if np.std(x) < 1e-10:
        return dict.fromkeys(keys, 0.0)
    f, p = welch(x)
    T = p.sum()
    dom = f[np.argmax(p)]
    if T > 0:
        q = p / T
        qq = q[q > 0]
        ent = -np.sum(qq * np.log2(qq)) / np.log2(len(p))
        cen = np.sum(f * p) / T
        bw = math.sqrt(np.sum((f - cen) ** 2 * p) / T)
    else:
        ent = cen = bw = 0.0
    sel = f > 0
    slope = NAN
    if sel.sum() > 3:
        X = np.log10(f[sel])
        Y = np.log10(p[sel] + 1e-10)
        if np.std(Y) > 1e-10:
            slope = np.polyfit(X, Y, 1)[0]
    return dict(zip(keys, [slope, dom, ent, cen, bw]))


def frequency_bands(x):
    keys = ["band_low", "band_low_rel", "band_mid", "band_mid_rel", "band_high", "band_high_rel", "total_power", "nyquist"]
    if len(x) < 4:
        return dict.fromkeys(keys, NAN)
    f, p = welch(x)
    tot = p.sum()
    lo = p[(f >= 0) & (f < 0.05)].sum()
    mid = p[(f >= 0.05) & (f < 0.25)].sum()
    hi = p[(f >= 0.25) & (f <= 0.5)].sum()
    e = tot + 1e-10
    return dict(zip(keys, [lo, lo / e, mid, mid / e, hi, hi / e, tot, 0.5]))


def sampen_counts(x, r):
    m = len(x)
    B = A = 0
    for i in range(m - 2):
        for j in range(i + 1, m - 2):
            if max(abs(x[i] - x[j]), abs(x[i + 1] - x[j + 1])) < r:
                B += 1
                if i <= m - 4 and j <= m - 4 and abs(x[i + 2] - x[j + 2]) < r:
                    A += 1
    return A, B


def sample_entropy(x):
    m = len(x)
    if m < 4:
        return dict(sample_entropy=NAN), (0, 0)
    r = 0.2 * np.std(x)
    if r == 0:
        return dict(sample_entropy=NAN), (0, 0)
    A, B = sampen_counts(list(x), r)
    if A == 0 or B == 0:
        return dict(sample_entropy=NAN), (A, B)
    return dict(sample_entropy=-math.log(A / B)), (A, B)


def perm_entropy(x):
    m = len(x)
    if m < 3:
        return dict(permutation_entropy=NAN)
    counts = {}
    for i in range(m - 2):
        pat = tuple(np.argsort(x[i:i + 3], kind="stable"))
        counts[pat] = counts.get(pat, 0) + 1
    n = m - 2
    h = 0.0
    for c in counts.values():
        p = c / n
        h -= p * math.log2(p)
    return dict(permutation_entropy=h / math.log2(6))


def hurst(x):
    m = len(x)
    out = dict(hurst=NAN, hurst_r2=NAN)
    if m < 10:
        return out, 0
    kmax = m // 4
    lk, lrs = [], []
    for k in range(10, kmax):
        q = m // k
        tot = 0.0
        for i in range(q):
            sub = x[i * k:(i + 1) * k]
            y = np.cumsum(sub - sub.mean())
            R = y.max() - y.min()
            S = np.std(sub, ddof=1)
            if S > 0:
                tot += R / S
        rs = tot / q
        if rs > 0:
            lk.append(math.log(k))
            lrs.append(math.log(rs))
    if len(lk) < 3:
        return out, len(lk)
    X, Y = np.array(lk), np.array(lrs)
    slope, icpt = np.polyfit(X, Y, 1)
    res = Y - (slope * X + icpt)
    sst = np.sum((Y - Y.mean()) ** 2)
    r2 = 1 - np.sum(res ** 2) / sst if sst > 0 else NAN
    return dict(hurst=min(1.0, max(0.0, slope)), hurst_r2=r2, hurst_slope=slope), len(lk)


def acf_decay(x):
    m = len(x)
    keys = ["acf_lag1", "acf_lag10", "acf_half_life"]
    maxlag = 50 if m >= 50 else m // 2
    if maxlag < 2:
        return dict.fromkeys(keys, NAN)
    d = x - x.mean()
    den = np.sum(d * d)
    if den == 0:
        return dict.fromkeys(keys, NAN)
    r = [np.sum(d[:m - k] * d[k:]) / den for k in range(maxlag + 1)]
    hl = NAN
    for k, v in enumerate(r):
        if v < 0.5:
            hl = float(k)
            break
    return dict(acf_lag1=r[1], acf_lag10=r[10] if maxlag >= 10 else NAN, acf_half_life=hl)


def trend(x):
    m = len(x)
    keys = ["trend_slope", "trend_r2", "detrend_std", "cusum_range"]
    if m < 3:
        return dict.fromkeys(keys, NAN)
    t = np.arange(m, dtype=float)
    slope, icpt = np.polyfit(t, x, 1)
    e = x - (slope * t + icpt)
    den = np.sum((x - x.mean()) ** 2)
    r2 = 1 - np.sum(e ** 2) / den if den > 0 else 0.0
    C = np.cumsum(x - x.mean())
    sd = np.std(x)
    cr = (C.max() - C.min()) / sd if sd > 0 else 0.0
    return dict(zip(keys, [slope, r2, np.std(e), cr]))


def rate_of_change(x):
    keys = ["mean_rate", "max_rate", "min_rate", "rate_std", "abs_max_rate"]
    if len(x) < 3:
        return dict.fromkeys(keys, NAN)
    d = np.diff(x)
    return dict(zip(keys, [d.mean(), d.max(), d.min(), np.std(d), np.abs(d).max()]))


def variance_growth(x):
    m = len(x)
    keys = ["variance_growth_rate", "variance_ratio"]
    if m < 20:
        return dict.fromkeys(keys, NAN)
    C = np.cumsum(x - x.mean())
    pts = []
    for k in [m // 8, m // 4, m // 2, m]:
        if k >= 4:
            v = np.var(C[:k])
            if v > 0:
                pts.append((math.log(k), math.log(v)))
    if len(pts) < 2:
        return dict.fromkeys(keys, NAN)
    X = np.array([p[0] for p in pts]); Y = np.array([p[1] for p in pts])
    rate = np.polyfit(X, Y, 1)[0]
    den = np.var(C[:m // 2])
    vr = (np.var(C) / den) / 2 if den > 0 else NAN
    return dict(zip(keys, [rate, vr]))


def dft(x):
    m = len(x)
    X = np.fft.rfft(x - x.mean())
    f = np.fft.rfftfreq(m)
    return f, np.abs(X), np.abs(X) ** 2


def nearest(f, t):
    return int(np.argmin(np.abs(f - t)))


def harmonics(x):
    keys = ["fundamental_freq", "fundamental_amplitude", "harmonic_2x", "harmonic_3x", "thd"]
    if len(x) < 4:
        return dict.fromkeys(keys, NAN)
    if np.std(x) < 1e-10:
        return dict(zip(keys, [0.0, 0.0, NAN, NAN, 0.0]))
    f, mag, _ = dft(x)
    k0 = 1 + int(np.argmax(mag[1:]))
    f0, a1 = f[k0], mag[k0]

    def amp(t):
        return NAN if t > 0.5 else mag[nearest(f, t)]
    hs = [amp(h * f0) for h in range(2, 11) if h * f0 <= 0.5]
    thd = 100 * math.sqrt(sum(a * a for a in hs)) / a1 if a1 > 1e-10 and hs else 0.0
    return dict(zip(keys, [f0, a1, amp(2 * f0), amp(3 * f0), thd]))


def _q(x):
    f, _, pw = dft(x)
    return f[1:], pw[1:]


def fundamental_freq(x):
    keys = ["fundamental_freq", "fundamental_power", "fundamental_ratio", "fundamental_confidence"]
    if len(x) < 8:
        return dict.fromkeys(keys, NAN)
    g, Q = _q(x)
    T = Q.sum()
    if T == 0:
        return dict.fromkeys(keys, NAN)
    peaks = [j for j in range(1, len(Q) - 1) if Q[j] > Q[j - 1] and Q[j] > Q[j + 1]]
    if not peaks:
        j = int(np.argmax(Q)); conf = 0.0
    else:
        top = sorted(peaks, key=lambda j: -Q[j])[:3]
        j = min(top, key=lambda j: g[j])
        med = np.median(Q)
        conf = min(1.0, (Q[j] / med) / 10) if med > 0 else 1.0
    return dict(zip(keys, [g[j], Q[j], Q[j] / T, conf]))


def thd(x):
    keys = ["thd_percent", "thd_db", "thd_fundamental_power", "thd_harmonic_power", "n_harmonics_found"]
    if len(x) < 16:
        return dict(zip(keys, [NAN, NAN, NAN, NAN, 0.0]))
    g, Q = _q(x)
    j0 = int(np.argmax(Q)); f0 = g[j0]; P0 = Q[j0]
    if P0 == 0:
        return dict(zip(keys, [NAN, NAN, NAN, NAN, 0.0]))
    hp = []
    for h in range(2, 7):
        j = nearest(g, h * f0)
        if abs(g[j] - h * f0) < 1.5 * (g[1] - g[0]):
            hp.append(Q[j])
        else:
            break
    if hp:
        lin = math.sqrt(sum(hp)) / math.sqrt(P0)
        db = 20 * math.log10(lin) if lin > 0 else NAN
        return dict(zip(keys, [100 * lin, db, P0, sum(hp), float(len(hp))]))
    return dict(zip(keys, [0.0, NAN, P0, 0.0, 0.0]))


def snr(x):
    keys = ["snr_db", "snr_linear", "signal_power", "noise_power"]
    if len(x) < 8:
        return dict.fromkeys(keys, NAN)
    _, Q = _q(x)
    if Q.sum() == 0:
        return dict.fromkeys(keys, NAN)
    thr = 3 * np.median(Q)
    s = Q[Q > thr].sum(); n = Q[Q <= thr].sum()
    if n == 0:
        n = 1e-10
    lin = s / n
    return dict(zip(keys, [10 * math.log10(lin) if lin > 0 else NAN, lin, s, n]))


def phase_coherence(x):
    keys = ["phase_coherence", "coherence_std", "coherence_trend"]
    m = len(x)
    if m < 32:
        return dict.fromkeys(keys, NAN)
    z = signal.hilbert(x - x.mean())
    ph = np.angle(z)
    u = np.exp(1j * ph)
    seg = m // 4
    c = np.array([abs(np.mean(u[i * seg:(i + 1) * seg])) for i in range(4)])
    return dict(zip(keys, [abs(np.mean(u)), np.std(c), np.polyfit(np.arange(4.0), c, 1)[0]]))


def variance_ratio(x):
    keys = ["variance_ratio", "variance_ratio_4", "variance_ratio_8", "variance_ratio_stat"]
    m = len(x)
    if m < 20:
        return dict.fromkeys(keys, NAN)
    if np.std(x) < 1e-10:
        return dict(zip(keys, [1.0, 1.0, 1.0, 0.0]))
    v1 = np.var(np.diff(x), ddof=1)
    if v1 < 1e-10:
        return dict.fromkeys(keys, NAN)
    vr = [np.var(x[q:] - x[:-q], ddof=1) / (q * v1) for q in (2, 4, 8)]
    return dict(zip(keys, vr + [(vr[0] - 1) / math.sqrt(2 / m)]))


def rms_peak(x):
    if len(x) < 1:
        return dict(rms=NAN, peak=NAN, peak_to_peak=NAN)
    return dict(rms=math.sqrt(np.mean(x * x)), peak=np.max(np.abs(x)), peak_to_peak=np.max(x) - np.min(x))


ALL = [statistics, spectral, frequency_bands, sample_entropy, perm_entropy, hurst, acf_decay, trend,
       rate_of_change, variance_growth, harmonics, fundamental_freq, thd, snr, phase_coherence,
       variance_ratio, rms_peak]


def report(name, x):
    print("==", name, "m =", len(x))
    for fn in ALL:
        r = fn(x)
        extra = ""
        if isinstance(r, tuple):
            r, extra = r
            extra = " %s" % (extra,)
        print("  %-16s %s%s" % (fn.__name__, ", ".join("%s=%.17g" % kv for kv in r.items()), extra))


if __name__ == "__main__" and (len(sys.argv) == 1 or sys.argv[1] == "psd"):
    cases = dict(T1=T1, T2=T2, T3=T3, T4=T4, T2_64=T2[:64], T5=T5)
    for n, x in cases.items():
        report(n, x)
    if len(sys.argv) > 1 and sys.argv[1] == "psd":
        print(welch(T5)[1][:3], len(welch(T5)[1]))


# ---------------------------------------------------------------------------
# Go table generator: reference.py go > ../reference_values_test.go && gofmt -w ../reference_values_test.go

IMPLS = [
    ("statistics", lambda x: statistics(x, (4, 4, 4)), ["kurtosis", "skewness", "crest_factor"]),
    ("kurtosis", lambda x: statistics(x, (4, 4, 4)), ["kurtosis"]),
    ("skewness", lambda x: statistics(x, (4, 3, 1)), ["skewness"]),
    ("crest_factor", lambda x: statistics(x, (4, 3, 1)), ["crest_factor"]),
    ("spectral", spectral, None),
    ("frequency_bands", frequency_bands, None),
    ("sample_entropy", lambda x: sample_entropy(x)[0], None),
    ("perm_entropy", perm_entropy, None),
    ("hurst", lambda x: hurst(x)[0], ["hurst", "hurst_r2"]),
    ("acf_decay", acf_decay, None),
    ("trend", trend, None),
    ("rate_of_change", rate_of_change, None),
    ("variance_growth", variance_growth, None),
    ("harmonics", harmonics, None),
    ("fundamental_freq", fundamental_freq, None),
    ("thd", thd, None),
    ("snr", snr, None),
    ("phase_coherence", phase_coherence, None),
    ("variance_ratio", variance_ratio, None),
    ("rms", rms_peak, ["rms"]),
    ("peak", rms_peak, ["peak", "peak_to_peak"]),
]


def extra_inputs():
    r = lcg(1000, seed=7)
    return dict(
        T2_101=T2[:101],            # odd and prime length (Bluestein DFT, odd Welch segment)
        T2_37=T2[:37],              # short prime length: below the 52-sample hurst minimum
        T2_10=T2[:10],              # below most floors
        T4_offset=T4 + 1000.0,      # large DC offset (cancellation)
        LCG7_1000=r,                # W = 1000: 6 Welch segments of 256, mixed-radix DFT
        T3_210=0.05 * np.arange(210) + np.sin(2 * np.pi * np.arange(210) / 10),  # radix 2·3·5·7
        STEPS=np.floor(np.arange(128) / 40),  # constant sub-series (hurst S = 0), constant Welch segments
        QUANT=np.round(T2 * 8) / 8,           # heavy ties (sample and permutation entropy)
    )


def go_float(v):
    if isinstance(v, float) and math.isnan(v) or (not isinstance(v, (int, float, np.floating, np.integer))):
        return "nan"
    v = float(v)
    if math.isnan(v) or math.isinf(v):
        return "nan"
    return repr(v)


def go_table():
    cases = dict(T1=T1, T2=T2, T3=T3, T4=T4, T2_64=T2[:64], T5=T5)
    cases.update(extra_inputs())
    print("// Code generated by testdata/reference.py go; DO NOT EDIT.")
    print("// Expected values computed with /usr/bin/python3, numpy %s, scipy %s, from the" % (np.__version__, __import__("scipy").__version__))
    print("// independent implementation of manifold.md §5.5 in testdata/reference.py")
    print("// (scipy.signal.welch, scipy.signal.hilbert, scipy.stats, numpy.fft, numpy.polyfit).")
    print()
    print("package engine")
    print()
    print("var referenceValues = map[string]map[string][]float64{")
    for name, x in cases.items():
        print("\t\"%s\": {" % name)
        for impl, fn, cols in IMPLS:
            r = fn(np.asarray(x, dtype=float))
            if cols is None:
                cols = list(r.keys())
            print("\t\t\"%s\": {%s}," % (impl, ", ".join(go_float(r[c]) for c in cols)))
        print("\t},")
    print("}")


if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "go":
    go_table()
