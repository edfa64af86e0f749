package report

import (
	"math"
	"testing"
)

// The known-answer partition (sql.md §8 test 6). Every signal has 2,000
// samples (signal_0 = x = 0 … 1999) in cohort "plant"; "noise" is a
// deterministic sinusoid of a period incommensurate with the buckets, so
// that the expected values can be recomputed independently from the same
// formulas (see testdata/known_expect.py).
//
//	ramp   0.002 x + 0.5 sin(2πx/7.31)                      gentle trend: the background
//	drift  ramp-like, plus 0.02 (x − 1000) for x ≥ 1000      injected drift from the middle on
//	step   0.002 x + 5 [x ≥ 1000] + 0.5 sin(2πx/9.73 + 2)   a regime step at x = 1000
//	vol    0.002 x + a(x) sin(2πx/6.13 + 3), a = 0.5 → 1.5   noise triples in the second half
//	pair_a 0.5 sin(2πx/11.3)                                 the pair: identical up to x = 999,
//	pair_b pair_a for x < 1000, else 0.5 sin(2πx/4.7 + 0.3)  independent afterwards
//	flat   3                                                  constant
//	gappy  0.002 x + 0.5 sin(2πx/8.11 + 4), NaN every 100th  invalid values counted
const knownN = 2000

func knownSignals() []sig {
	s := func(a, p, ph float64) func(float64) float64 { return osc(a, p, ph) }
	ramp := func(x float64) float64 { return 0.002*x + s(0.5, 7.31, 0)(x) }
	drift := func(x float64) float64 { return 0.002*x + 0.02*math.Max(0, x-1000) + s(0.5, 5.17, 1)(x) }
	step := func(x float64) float64 {
		v := 0.002*x + s(0.5, 9.73, 2)(x)
		if x >= 1000 {
			v += 5
		}
		return v
	}
	vol := func(x float64) float64 {
		a := 0.5
		if x >= 1000 {
			a = 1.5
		}
		return 0.002*x + s(a, 6.13, 3)(x)
	}
	pairA := s(0.5, 11.3, 0)
	pairB := func(x float64) float64 {
		if x < 1000 {
			return pairA(x)
		}
		return s(0.5, 4.7, 0.3)(x)
	}
	gappy := func(x float64) float64 {
		if int(x)%100 == 99 {
			return math.NaN()
		}
		return 0.002*x + s(0.5, 8.11, 4)(x)
	}
	return []sig{
		{"plant", "ramp", gen(knownN, ramp)},
		{"plant", "drift", gen(knownN, drift)},
		{"plant", "step", gen(knownN, step)},
		{"plant", "vol", gen(knownN, vol)},
		{"plant", "pair_a", gen(knownN, pairA)},
		{"plant", "pair_b", gen(knownN, pairB)},
		{"plant", "flat", gen(knownN, func(float64) float64 { return 3 })},
		{"plant", "gappy", gen(knownN, gappy)},
	}
}

// Manifold-like outputs: 50 windows ending at 1023 + 20 w (w = 0 … 49),
// engines "shape" and "spectral".
//
//	shape    effective_dim 2.5 ± 0.02 in windows 0–4, 2.5 up to window 29,
//	         1.9 from window 30 on (a collapse step of −0.6); explained_1
//	         0.40 ± 0.01, 0.55 from window 30; total_variance_raw 10
//	spectral effective_dim 3.0 ± 0.02 in windows 0–4, then 3.0; explained_1
//	         0.30 ± 0.01 then 0.30; total_variance_raw 20 ± 0.5 then 20
//	eigenvalue_1 = explained_1 × 6 (shape) or × 10 (spectral)
const geometrySQL = `WITH w AS (SELECT i::BIGINT AS window_index, 1023.0 + 20 * i AS signal_0_end FROM range(50) t(i)),
e AS (SELECT * FROM (VALUES ('shape'), ('spectral')) v(engine)),
j AS (SELECT 'plant' AS cohort, window_index, signal_0_end - 1023 AS signal_0_start, signal_0_end,
             signal_0_end - 511.5 AS signal_0_center, engine,
             CASE WHEN window_index < 5 THEN [0.0, 0.02, -0.02, 0.01, -0.01][window_index + 1] ELSE 0.0 END AS jit
      FROM w, e)
SELECT cohort, window_index, signal_0_end, signal_0_start, signal_0_center, engine, 8::BIGINT AS n_signals,
       3::BIGINT AS n_features,
       CASE engine WHEN 'shape' THEN (CASE WHEN window_index >= 30 THEN 0.55 ELSE 0.40 + jit / 2 END) * 6
                   ELSE (0.30 + jit / 2) * 10 END AS eigenvalue_1,
       CASE engine WHEN 'shape' THEN (CASE WHEN window_index >= 30 THEN 0.55 ELSE 0.40 + jit / 2 END)
                   ELSE 0.30 + jit / 2 END AS explained_1,
       CASE engine WHEN 'shape' THEN (CASE WHEN window_index >= 30 THEN 1.9 ELSE 2.5 + jit END)
                   ELSE 3.0 + jit END AS effective_dim,
       CASE engine WHEN 'shape' THEN 3.4285714285714284 ELSE 5.714285714285714 END AS total_variance,
       CASE engine WHEN 'shape' THEN 10.0 ELSE 20.0 + 25 * jit END AS total_variance_raw,
       0.8 AS eigenvalue_entropy, 0.7 AS eigenvalue_entropy_norm, 12.5 AS condition_number,
       (window_index = 40 AND engine = 'shape')::BIGINT AS eigenvector_flip_count,
       'ramp,drift,step,vol,pair_a,pair_b,gappy' AS signal_ids
FROM j ORDER BY window_index, engine`

// writeKnownPartition writes the whole known-answer partition into dir.
func writeKnownPartition(t testing.TB, dir string) {
	t.Helper()
	writeObservations(t, dir, knownSignals())
	copyTo(t, dir, "typology.parquet", `SELECT * FROM (VALUES
  ('ramp', 'plant', ['TRENDING'], 'TRENDING', NULL, 'clear', 'BROADBAND', false, ['kurtosis', 'hurst'], 'CONTINUOUS', 'NON_STATIONARY'),
  ('drift', 'plant', ['TRENDING', 'DRIFTING'], 'TRENDING', 'DRIFTING', 'boundary', 'BROADBAND', false, ['kurtosis'], 'CONTINUOUS', 'NON_STATIONARY'),
  ('step', 'plant', ['STEP'], 'STEP', NULL, 'clear', 'NARROWBAND', false, ['kurtosis'], 'CONTINUOUS', 'NON_STATIONARY'),
  ('vol', 'plant', ['TRENDING'], 'TRENDING', NULL, 'clear', 'BROADBAND', false, ['kurtosis'], 'CONTINUOUS', 'NON_STATIONARY'),
  ('pair_a', 'plant', ['PERIODIC'], 'PERIODIC', NULL, 'clear', 'NARROWBAND', false, ['kurtosis'], 'CONTINUOUS', 'STATIONARY'),
  ('pair_b', 'plant', ['PERIODIC'], 'PERIODIC', NULL, 'clear', 'NARROWBAND', false, ['kurtosis'], 'CONTINUOUS', 'STATIONARY'),
  ('flat', 'plant', ['CONSTANT'], 'CONSTANT', NULL, 'clear', 'NONE', true, [], 'CONSTANT', 'STATIONARY'),
  ('ghost', 'plant', ['RANDOM'], 'RANDOM', NULL, 'clear', 'BROADBAND', false, ['kurtosis'], 'CONTINUOUS', 'STATIONARY'))
  v(signal_id, cohort, temporal_pattern, temporal_primary, temporal_secondary, classification_confidence, spectral,
    is_discrete_sparse, engines, continuity, stationarity)`)
	copyTo(t, dir, "typology_raw.parquet", `SELECT signal_id, 'plant' AS cohort, 2000::BIGINT AS n_samples,
  0.01 * i AS adf_pvalue, 0.1 AS kpss_pvalue, 0.5 + i / 100 AS hurst, 0.9 AS perm_entropy, 0.25 AS spectral_flatness,
  0.137 AS dominant_frequency, signal_id = 'flat' AS is_constant, 1.5 AS window_factor
FROM (VALUES ('ramp', 1), ('drift', 2), ('step', 3), ('vol', 4), ('pair_a', 5), ('pair_b', 6), ('flat', 7), ('gappy', 8)) v(signal_id, i)`)
	out := "output/"
	// signal_vector: 10 windows per non-constant signal; kurtosis = 0.1 × signal number + window / 100.
	copyTo(t, dir, out+"signal_vector.parquet", `SELECT 'plant' AS cohort, signal_id, w::BIGINT AS window_index,
  200.0 * w AS signal_0_start, 200.0 * w + 199 AS signal_0_end, 200.0 * w + 99.5 AS signal_0_center,
  0.1 * i + w / 100 AS kurtosis, -0.05 * i AS skewness, 1.4 AS crest_factor, NULL::DOUBLE AS hurst
FROM (VALUES ('ramp', 1), ('drift', 2), ('step', 3), ('vol', 4), ('pair_a', 5), ('pair_b', 6), ('gappy', 8)) v(signal_id, i),
     range(10) t(w)
ORDER BY w, signal_id`)
	copyTo(t, dir, out+"state_geometry.parquet", geometrySQL)
	copyTo(t, dir, out+"state_vector.parquet", `SELECT 'plant' AS cohort, i::BIGINT AS window_index, 1023.0 + 20 * i AS signal_0_end,
  8::BIGINT AS n_signals, 1.0 AS mean_distance FROM range(50) t(i)`)
	// Loadings: "drift" leads PC1 of shape in every window; of the
	// features, kurtosis dominates.
	copyTo(t, dir, out+"eigendecomposition.parquet", `SELECT 'plant' AS cohort, w::BIGINT AS window_index, 1023.0 + 20 * w AS signal_0_end,
  engine, kind, name, p::INTEGER AS position, l AS pc1_loading, 0.0 AS pc2_loading, 0.0 AS pc3_loading
FROM range(0, 50, 10) t(w), (VALUES ('shape'), ('spectral')) e(engine),
     (VALUES ('signal', 'drift', 0, -0.8), ('signal', 'ramp', 1, 0.5), ('signal', 'step', 2, 0.3),
             ('feature', 'kurtosis', 0, 0.9), ('feature', 'skewness', 1, -0.4)) m(kind, name, p, l)`)
}
