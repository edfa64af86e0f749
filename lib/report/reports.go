package report

// coreReports transcribes sql.md §5: titles, descriptions and SQL of the
// eleven core reports, in the order they run (01 … 10, then 00). The
// observation-based shared tables they read (t_raw, t_bounds, t_seg,
// t_b10, t_b20, t_b50, t_exceed, t_quant, t_pairs) are filled by shared.go;
// deviations from the spec's text are marked "sp:".

var coreReports = []reportDef{
	{
		file: "01_typology_summary.md", title: "Typology Summary",
		sections: []sectionDef{
			{
				id: "A", title: "Temporal pattern mix",
				desc:  "Signals per primary temporal pattern; n_dual counts signals that also carry a secondary (boundary) label.",
				needs: []string{inTypology},
				sql: `SELECT cohort, temporal_primary AS temporal_pattern, COUNT(*) AS n_signals,
       ROUND(100.0 * COUNT(*) / SUM(COUNT(*)) OVER (PARTITION BY cohort), 1) AS pct,
       COUNT(*) FILTER (WHERE temporal_secondary IS NOT NULL) AS n_dual,
       string_agg(signal_id, ', ' ORDER BY signal_id) AS signals
FROM n_typ
GROUP BY cohort, temporal_primary
ORDER BY cohort, n_signals DESC, temporal_pattern`,
			},
			{
				id: "B", title: "Spectral class mix",
				desc:  "Signals per spectral class.",
				needs: []string{inTypology},
				sql: `SELECT cohort, spectral, COUNT(*) AS n_signals,
       ROUND(100.0 * COUNT(*) / SUM(COUNT(*)) OVER (PARTITION BY cohort), 1) AS pct,
       string_agg(signal_id, ', ' ORDER BY signal_id) AS signals
FROM n_typ
GROUP BY cohort, spectral
ORDER BY cohort, n_signals DESC, spectral`,
			},
			{
				id: "C", title: "Per-signal classification",
				desc:  "One row per signal: labels from typology, key measures from typology_raw.",
				needs: []string{inTypology, inTypologyRaw},
				sql: `SELECT cohort, signal_id, t.temporal_pattern, t.temporal_primary, t.temporal_secondary,
       t.classification_confidence, t.spectral, t.is_discrete_sparse, r.is_constant, r.n_samples,
       ROUND(r.window_factor, 2) AS window_factor, ROUND(r.hurst, 3) AS hurst,
       ROUND(r.perm_entropy, 3) AS perm_entropy, ROUND(r.spectral_flatness, 3) AS spectral_flatness,
       sig6(r.dominant_frequency) AS dominant_frequency, sig6(r.adf_pvalue) AS adf_pvalue,
       sig6(r.kpss_pvalue) AS kpss_pvalue, t.n_engines
FROM n_typ t FULL OUTER JOIN n_traw r USING (cohort, signal_id)
ORDER BY cohort, signal_id`,
			},
			{
				id: "D", title: "Coverage",
				desc:  "Signals observed but not classified, classified but not observed, and observed but absent from signal_vector (constant signals are not in the manifest, so Manifold computes nothing for them).",
				needs: []string{inTypology},
				sql: `WITH o AS (SELECT cohort, signal_id FROM t_raw),
     t AS (SELECT DISTINCT cohort, signal_id FROM n_typ),
     v AS (SELECT DISTINCT cohort, signal_id FROM n_sv),
     c AS (SELECT cohort FROM o UNION SELECT cohort FROM t)
SELECT c.cohort,
  (SELECT COUNT(*) FROM o WHERE o.cohort = c.cohort) AS n_observed,
  (SELECT COUNT(*) FROM t WHERE t.cohort = c.cohort) AS n_classified,
  (SELECT COUNT(*) FROM v WHERE v.cohort = c.cohort) AS n_in_signal_vector,
  (SELECT string_agg(signal_id, ', ' ORDER BY signal_id) FROM o WHERE o.cohort = c.cohort
     AND NOT EXISTS (SELECT 1 FROM t WHERE t.cohort = o.cohort AND t.signal_id = o.signal_id)) AS missing_from_typology,
  (SELECT string_agg(signal_id, ', ' ORDER BY signal_id) FROM t WHERE t.cohort = c.cohort
     AND NOT EXISTS (SELECT 1 FROM o WHERE o.cohort = t.cohort AND o.signal_id = t.signal_id)) AS missing_from_observations,
  (SELECT string_agg(signal_id, ', ' ORDER BY signal_id) FROM o WHERE o.cohort = c.cohort
     AND NOT EXISTS (SELECT 1 FROM v WHERE v.cohort = o.cohort AND v.signal_id = o.signal_id)) AS not_in_signal_vector
FROM c ORDER BY c.cohort`,
			},
			{
				id: "E", title: "Classification dimensions",
				desc:  "The ten classification dimensions per signal (NULL where the typology file has no such column).",
				needs: []string{inTypology},
				sql: `SELECT cohort, signal_id, continuity, stationarity, temporal_primary AS temporal, memory, complexity,
       distribution, amplitude, spectral, volatility, determinism
FROM n_typ
ORDER BY cohort, signal_id`,
			},
		},
	},
	{
		file: "02_signal_statistics.md", title: "Signal Statistics",
		sections: []sectionDef{
			{
				id: "A", title: "Observation statistics",
				thin:  true,
				desc:  "Per signal: rows, invalid values (NULL/NaN/Inf), index range and distribution of valid values; quartiles are exact on the (possibly thinned) series.",
				needs: []string{inObservations},
				// sp: raw row counts come from t_raw (obsstats pass 1) instead of a
				// scan of n_obs_all, the quartiles of t_thin from t_quant.
				sql: `WITH raw AS (SELECT cohort, signal_id, n_rows, n_invalid FROM t_raw),
     q AS (SELECT cohort, signal_id, q1, median, q3 FROM t_quant)
SELECT r.cohort, r.signal_id, r.n_rows, r.n_invalid, b.s0_min AS first_signal_0, b.s0_max AS last_signal_0,
       sig6(s.mean) AS mean, sig6(s.std) AS std, sig6(s.min) AS min, sig6(q.q1) AS q1,
       sig6(q.median) AS median, sig6(q.q3) AS q3, sig6(s.max) AS max,
       ROUND(s.std / NULLIF(ABS(s.mean), 0), 3) AS cv
FROM raw r
LEFT JOIN t_seg s USING (cohort, signal_id)
LEFT JOIN t_bounds b USING (cohort, signal_id)
LEFT JOIN q USING (cohort, signal_id)
ORDER BY r.cohort, r.signal_id`,
			},
			{
				id: "B", title: "Manifold feature means",
				desc:  "Per signal: number of Manifold windows and the mean of each available window feature.",
				needs: []string{inSignalVector},
				sql: `SELECT cohort, signal_id, COUNT(*) AS n_windows, MIN(signal_0_end) AS first_window_end,
       MAX(signal_0_end) AS last_window_end {FEATURE_MEANS}
FROM n_sv
GROUP BY cohort, signal_id
ORDER BY cohort, signal_id`,
			},
		},
	},
	{
		file: "03_drift_detection.md", title: "Drift Detection",
		needs: []string{inObservations},
		tables: []string{
			`CREATE OR REPLACE TEMP TABLE t_drift AS
SELECT s.cohort, s.signal_id, b.n, s.base_slope, s.late_slope, s.post_slope, s.base_std, s.late_std,
       s.late_slope / NULLIF(s.base_slope, 0) AS slope_ratio,
       COALESCE(s.base_slope * s.late_slope < 0, FALSE) AS slope_reversed,
       ABS(s.late_slope - s.base_slope) * b.n AS drift_magnitude,
       s.late_std / NULLIF(s.base_std, 0) AS vol_ratio,
       100.0 * (s.late_std - s.base_std) / NULLIF(s.base_std, 0) AS std_change_pct,
       s.late_var / NULLIF(s.base_var, 0) AS variance_ratio,
       CASE WHEN s.base_slope * s.late_slope < 0 THEN 'REVERSED'
            WHEN ABS(s.late_slope / NULLIF(s.base_slope, 0)) > 3.0 THEN 'DRIFT'
            WHEN ABS(s.late_slope / NULLIF(s.base_slope, 0)) > 1.5 THEN 'WATCH'
            ELSE 'WITHIN_BASELINE' END AS drift_status,
       CASE WHEN s.late_var / NULLIF(s.base_var, 0) > 1.5 THEN 'VOLATILITY_UP'
            WHEN s.late_var / NULLIF(s.base_var, 0) < 0.67 THEN 'VOLATILITY_DOWN'
            ELSE 'STABLE' END AS volatility_status,
       s.post_slope / NULLIF(s.base_slope, 0) AS post_ratio,
       CASE WHEN s.base_slope * s.post_slope < 0 THEN 'REVERSED'
            WHEN s.post_slope / NULLIF(s.base_slope, 0) > 1.5 THEN 'ACCELERATING'
            WHEN s.post_slope / NULLIF(s.base_slope, 0) < 0.5 THEN 'DECELERATING'
            ELSE 'STABLE' END AS direction
FROM t_seg s JOIN t_bounds b USING (cohort, signal_id)`,
		},
		sections: []sectionDef{
			{
				id: "A", title: "Trajectory drift (baseline 20% vs late 20%)",
				desc: "Per signal: baseline vs late slope; REVERSED if the slopes have opposite signs, DRIFT if |late/baseline| > 3, WATCH if > 1.5.",
				sql: `SELECT cohort, signal_id, sig6(base_slope) AS baseline_slope, sig6(late_slope) AS late_slope,
       ROUND(slope_ratio, 2) AS slope_ratio, CASE WHEN slope_reversed THEN 'YES' ELSE 'NO' END AS slope_reversed,
       sig6(drift_magnitude) AS drift_magnitude, ROUND(vol_ratio, 2) AS vol_ratio,
       ROUND(std_change_pct, 1) AS std_change_pct, drift_status
FROM t_drift
ORDER BY drift_magnitude DESC NULLS LAST, cohort, signal_id`,
			},
			{
				id: "B", title: "Volatility drift",
				desc: "Per signal: baseline vs late population standard deviation; VOLATILITY_UP if the variance ratio > 1.5, VOLATILITY_DOWN if < 0.67.",
				sql: `SELECT cohort, signal_id, sig6(base_std) AS baseline_std, sig6(late_std) AS late_std,
       ROUND(std_change_pct, 1) AS pct_change, ROUND(variance_ratio, 2) AS variance_ratio, volatility_status
FROM t_drift
ORDER BY ABS(std_change_pct) DESC NULLS LAST, cohort, signal_id`,
			},
			{
				id: "C", title: "Drift direction summary",
				desc: "Signals per direction of the post-baseline slope relative to the baseline slope (ratio > 1.5 accelerating, < 0.5 decelerating).",
				sql: `SELECT cohort, direction, COUNT(*) AS n_signals,
       ROUND(100.0 * COUNT(*) / SUM(COUNT(*)) OVER (PARTITION BY cohort), 1) AS pct_of_total,
       ROUND(AVG(post_ratio), 2) AS avg_slope_ratio, ROUND(MIN(post_ratio), 2) AS min_slope_ratio,
       ROUND(MAX(post_ratio), 2) AS max_slope_ratio,
       string_agg(signal_id, ', ' ORDER BY signal_id) AS signals
FROM t_drift
GROUP BY cohort, direction
ORDER BY cohort, n_signals DESC, direction`,
			},
			{
				id: "D", title: "Baseline envelope exceedances",
				desc: "Post-baseline samples outside baseline mean ± 2 × baseline standard deviation (envelope breach, not a z-score test).",
				// sp: the per-row test (signal_0 > base_end AND |value - base_mean| >
				// 2 * base_std) runs in the obsstats pass; t_exceed holds its counts.
				sql: `SELECT e.cohort, e.signal_id, e.n_exceedances,
       ROUND(100.0 * e.n_exceedances / (b.n - s.base_n), 2) AS pct_of_post_baseline,
       e.n_high, e.n_low, e.first_signal_0 AS first_exceedance_signal_0, e.last_signal_0 AS last_exceedance_signal_0
FROM t_exceed e
JOIN t_seg s USING (cohort, signal_id)
JOIN t_bounds b USING (cohort, signal_id)
ORDER BY e.n_exceedances DESC, e.cohort, e.signal_id`,
			},
			{
				id: "E", title: "Drift onset",
				desc: "First of the 10 equal-width windows (windows 3–10; 1–2 are the baseline) whose slope departs from the baseline slope: reversed sign, |ratio| > 2 (accelerating) or < 0.5 (decelerating); n_signals_same_window counts signals of the cohort with the same onset window (coordinated drift).",
				sql: `WITH w AS (
  SELECT x.cohort, x.signal_id, x.w, x.w_start, x.w_slope, s.base_slope,
         x.w_slope / NULLIF(s.base_slope, 0) AS ratio,
         CASE WHEN x.w_slope * s.base_slope < 0 THEN 'REVERSED'
              WHEN ABS(x.w_slope / NULLIF(s.base_slope, 0)) > 2.0 THEN 'ACCELERATING'
              WHEN ABS(x.w_slope / NULLIF(s.base_slope, 0)) < 0.5 THEN 'DECELERATING' END AS status
  FROM t_b10 x JOIN t_seg s USING (cohort, signal_id)
  WHERE x.w >= 3),
f AS (SELECT *, ROW_NUMBER() OVER (PARTITION BY cohort, signal_id ORDER BY w) AS rn
      FROM w WHERE status IS NOT NULL)
SELECT cohort, signal_id, w AS first_departure_window, w_start AS window_start_signal_0,
       sig6(base_slope) AS baseline_slope, sig6(w_slope) AS window_slope, ROUND(ratio, 2) AS slope_ratio,
       status, COUNT(*) OVER (PARTITION BY cohort, w) AS n_signals_same_window
FROM f WHERE rn = 1
ORDER BY cohort, first_departure_window, signal_id`,
			},
		},
	},
	{
		file: "04_signal_ranking.md", title: "Signal Ranking",
		needs: []string{inObservations},
		tables: []string{
			`CREATE OR REPLACE TEMP TABLE t_dep_sig AS
SELECT cohort, signal_id, h1_mean, h2_mean, h1_slope, h2_slope,
       h2_std / NULLIF(h1_std, 0) AS vol_ratio,
       h2_slope / NULLIF(h1_slope, 0) AS slope_ratio,
       ABS(h2_slope - h1_slope) / NULLIF(ABS(h1_slope), 0) AS slope_change,
       100.0 * (h2_std - h1_std) / NULLIF(h1_std, 0) AS vol_change_pct,
       COALESCE(h1_slope * h2_slope < 0, FALSE) AS slope_reversed,
       CASE WHEN h1_slope * h2_slope < 0 THEN 'DEPARTED'
            WHEN ABS(h2_slope / NULLIF(h1_slope, 0)) > 3.0 THEN 'DEPARTED'
            WHEN ABS(h2_slope / NULLIF(h1_slope, 0)) > 2.0 THEN 'SHIFTED'
            ELSE 'STABLE' END AS trajectory_status,
       CASE WHEN h2_std / NULLIF(h1_std, 0) > 1.5 THEN 'DEPARTED'
            WHEN h2_std / NULLIF(h1_std, 0) > 1.2 THEN 'SHIFTED'
            ELSE 'STABLE' END AS volatility_status
FROM t_seg`,
		},
		sections: []sectionDef{
			{
				id: "A", title: "Signal importance by variability",
				desc: "Per signal: coefficient of variation (population std divided by the absolute mean), range in standard deviations, std as % of the most variable signal of the cohort; HIGH_INFO if CV > 0.5, MEDIUM_INFO if > 0.1. CV is meaningless for zero-mean signals.",
				sql: `SELECT cohort, signal_id, b.n AS n_points, ROUND(s.std_pop / NULLIF(ABS(s.mean), 0), 3) AS coeff_variation,
       ROUND((s.max - s.min) / NULLIF(s.std_pop, 0), 2) AS range_std_ratio,
       ROUND(100.0 * s.std_pop / NULLIF(MAX(s.std_pop) OVER (PARTITION BY cohort), 0), 1) AS pct_max_variability,
       CASE WHEN s.std_pop / NULLIF(ABS(s.mean), 0) > 0.5 THEN 'HIGH_INFO'
            WHEN s.std_pop / NULLIF(ABS(s.mean), 0) > 0.1 THEN 'MEDIUM_INFO'
            ELSE 'LOW_INFO' END AS information_class,
       RANK() OVER (PARTITION BY cohort ORDER BY s.std_pop DESC) AS variability_rank
FROM t_seg s JOIN t_bounds b USING (cohort, signal_id)
ORDER BY cohort, variability_rank, signal_id`,
			},
			{
				id: "B", title: "Departure ranking (early half vs late half)",
				desc: "Signals whose late-half volatility ratio > 1.3 or whose slope changed by more than 1× the early slope; CRITICAL = vol_ratio > 1.5 and slope change > 2, TRAJECTORY_CHANGED = slope change > 2, UNSTABLE = vol_ratio > 1.5; ranked by vol_ratio × (1 + slope change).",
				sql: `SELECT cohort, signal_id, ROUND(vol_ratio, 2) AS vol_ratio, sig6(h1_slope) AS early_slope,
       sig6(h2_slope) AS late_slope, ROUND(slope_change, 2) AS slope_change_ratio,
       CASE WHEN vol_ratio > 1.5 AND slope_change > 2 THEN 'CRITICAL'
            WHEN slope_change > 2 THEN 'TRAJECTORY_CHANGED'
            WHEN vol_ratio > 1.5 THEN 'UNSTABLE'
            ELSE 'WITHIN_BASELINE' END AS departure_type,
       RANK() OVER (PARTITION BY cohort ORDER BY vol_ratio * (1.0 + COALESCE(slope_change, 0)) DESC NULLS LAST) AS departure_rank
FROM t_dep_sig
WHERE vol_ratio > 1.3 OR slope_change > 1.0
ORDER BY cohort, departure_rank, signal_id`,
			},
			{
				id: "C", title: "Principal-component dominance",
				desc:  "Per engine: mean |PC1 loading| of each signal over the week's windows and the % of windows in which it is the largest loader.",
				needs: []string{inLoadings},
				sql: `WITH l AS (SELECT cohort, engine, signal_0_end, signal_id, pc1_loading, ABS(pc1_loading) AS a
           FROM n_load WHERE pc1_loading IS NOT NULL),
     r AS (SELECT *, ROW_NUMBER() OVER (PARTITION BY cohort, engine, signal_0_end ORDER BY a DESC, signal_id) AS pos
           FROM l)
SELECT cohort, engine, signal_id, COUNT(*) AS n_windows, ROUND(AVG(a), 3) AS mean_abs_pc1,
       ROUND(AVG(pc1_loading), 3) AS mean_pc1,
       ROUND(100.0 * COUNT(*) FILTER (WHERE pos = 1) / COUNT(*), 1) AS pct_top_loader,
       RANK() OVER (PARTITION BY cohort, engine ORDER BY ROUND(AVG(a), 3) DESC) AS dominance_rank
FROM r
GROUP BY cohort, engine, signal_id
ORDER BY cohort, engine, dominance_rank, signal_id`,
			},
		},
	},
	{
		file: "05_regime_detection.md", title: "Regime Detection",
		needs: []string{inObservations},
		tables: []string{
			`CREATE OR REPLACE TEMP TABLE t_shift AS
SELECT *,
       relchg(w_mean - LAG(w_mean) OVER x, GREATEST(w_range, LAG(w_range) OVER x)) AS mean_change,
       w_range / NULLIF(LAG(w_range) OVER x, 0) AS range_ratio
FROM t_b20
WINDOW x AS (PARTITION BY cohort, signal_id ORDER BY w)`,
		},
		sections: []sectionDef{
			{
				id: "A", title: "Regime boundaries",
				desc: "Per 20-bucket window: signals whose mean moved by more than half a bucket range (mean shift) and signals whose range changed by more than ×1.5 (volatility shift); REGIME_CHANGE if > 25 % of signals shifted, PARTIAL_SHIFT if > 5 %, VOLATILITY_CHANGE if > 30 % had a volatility shift, SIGNAL_DRIFT if 1–3 shifted. Windows with no shift are omitted.",
				sql: `SELECT cohort, w AS window_id, MIN(w_start) AS window_start_signal_0, MAX(w_end) AS window_end_signal_0,
       COUNT(*) AS n_signals,
       COUNT(*) FILTER (WHERE mean_change > 0.5) AS n_mean_shifts,
       COUNT(*) FILTER (WHERE range_ratio > 1.5 OR range_ratio < 0.67) AS n_vol_shifts,
       ROUND(100.0 * COUNT(*) FILTER (WHERE mean_change > 0.5) / COUNT(*), 1) AS pct_signals_shifted,
       CASE WHEN 100.0 * COUNT(*) FILTER (WHERE mean_change > 0.5) / COUNT(*) > 25 THEN 'REGIME_CHANGE'
            WHEN 100.0 * COUNT(*) FILTER (WHERE mean_change > 0.5) / COUNT(*) > 5 THEN 'PARTIAL_SHIFT'
            WHEN COUNT(*) FILTER (WHERE range_ratio > 1.5 OR range_ratio < 0.67) > 0.3 * COUNT(*) THEN 'VOLATILITY_CHANGE'
            WHEN COUNT(*) FILTER (WHERE mean_change > 0.5) BETWEEN 1 AND 3 THEN 'SIGNAL_DRIFT'
            ELSE 'STABLE' END AS boundary_type,
       string_agg(signal_id, ', ' ORDER BY signal_id) FILTER (WHERE mean_change > 0.5) AS shifted_signals
FROM t_shift
WHERE mean_change IS NOT NULL
GROUP BY cohort, w
HAVING n_mean_shifts > 0 OR n_vol_shifts > 0
ORDER BY cohort, window_id`,
			},
			{
				id: "B", title: "Largest signal shifts",
				desc: "The 50 largest per-signal mean shifts (change > 0.5 bucket range).",
				sql: `SELECT cohort, signal_id, w AS window_id, w_start AS window_start_signal_0, sig6(w_mean) AS window_mean,
       ROUND(mean_change, 2) AS change_magnitude, ROUND(range_ratio, 2) AS volatility_ratio,
       RANK() OVER (PARTITION BY cohort ORDER BY mean_change DESC) AS shift_rank
FROM t_shift
WHERE mean_change > 0.5
ORDER BY mean_change DESC, cohort, signal_id, window_id
LIMIT 50`,
			},
			{
				id: "C", title: "Operating modes",
				desc: "50 equal-width windows; a signal is steady in a window when its mean moved by < 5 % of the larger adjacent range; STEADY_STATE if > 90 % of signals are steady, QUASI_STEADY > 70 %, TRANSITION > 50 %, else DYNAMIC; consecutive windows with the same mode are merged into one row.",
				sql: `WITH c AS (SELECT *, relchg(w_mean - LAG(w_mean) OVER x, GREATEST(w_range, LAG(w_range) OVER x)) AS rel_change
           FROM t_b50 WINDOW x AS (PARTITION BY cohort, signal_id ORDER BY w)),
agg AS (SELECT cohort, w, MIN(w_start) AS window_start_signal_0,
               COUNT(*) FILTER (WHERE rel_change < 0.05) AS n_steady, COUNT(*) AS n_total
        FROM c WHERE rel_change IS NOT NULL GROUP BY cohort, w),
lab AS (SELECT *, 100.0 * n_steady / n_total AS pct_steady,
               CASE WHEN 100.0 * n_steady / n_total > 90 THEN 'STEADY_STATE'
                    WHEN 100.0 * n_steady / n_total > 70 THEN 'QUASI_STEADY'
                    WHEN 100.0 * n_steady / n_total > 50 THEN 'TRANSITION'
                    ELSE 'DYNAMIC' END AS operating_mode
        FROM agg),
runs AS (SELECT *, w - ROW_NUMBER() OVER (PARTITION BY cohort, operating_mode ORDER BY w) AS grp FROM lab)
SELECT cohort, operating_mode, MIN(w) AS from_window, MAX(w) AS to_window, MIN(window_start_signal_0) AS start_signal_0,
       COUNT(*) AS n_windows, ROUND(AVG(pct_steady), 1) AS avg_pct_steady
FROM runs
GROUP BY cohort, operating_mode, grp
ORDER BY cohort, from_window`,
			},
		},
	},
	{
		file: "06_correlation_changes.md", title: "Correlation Changes",
		needs: []string{inObservations},
		// sp: t_pairs (06T) is filled by shared.go: the aligned-sample
		// correlations are computed from the thinned samples in Go.
		sections: []sectionDef{
			{
				id: "A", title: "Pairs whose correlation changed (baseline vs late)",
				thin: true,
				desc: "|late − baseline| > 0.1; MAJOR_CHANGE if it exceeds 0.3, MODERATE_CHANGE if > 0.15; change_type DECOUPLED (baseline > 0.5, late < 0.3), COUPLED (baseline < 0.3, late > 0.5), SIGN_FLIP, else SHIFT; coupling_event DECOUPLED (|baseline| > 0.6, |late| < 0.3) or NEWLY_COUPLED (|baseline| < 0.3, |late| > 0.6).",
				sql: `SELECT cohort, signal_a, signal_b, ROUND(r_base, 3) AS baseline_corr, ROUND(r_late, 3) AS late_corr,
       ROUND(r_late - r_base, 3) AS corr_change,
       CASE WHEN ABS(r_late - r_base) > 0.3 THEN 'MAJOR_CHANGE'
            WHEN ABS(r_late - r_base) > 0.15 THEN 'MODERATE_CHANGE'
            ELSE 'MINOR_CHANGE' END AS status,
       CASE WHEN r_base > 0.5 AND r_late < 0.3 THEN 'DECOUPLED'
            WHEN r_base < 0.3 AND r_late > 0.5 THEN 'COUPLED'
            WHEN r_base * r_late < 0 THEN 'SIGN_FLIP'
            ELSE 'SHIFT' END AS change_type,
       CASE WHEN ABS(r_base) > 0.6 AND ABS(r_late) < 0.3 THEN 'DECOUPLED'
            WHEN ABS(r_base) < 0.3 AND ABS(r_late) > 0.6 THEN 'NEWLY_COUPLED' END AS coupling_event,
       LEAST(n_base, n_late) AS n_aligned
FROM t_pairs
WHERE ABS(r_late - r_base) > 0.1
ORDER BY ABS(r_late - r_base) DESC, cohort, signal_a, signal_b`,
			},
			{
				id: "B", title: "Unstable pairs across five windows",
				thin: true,
				desc: "Pairs whose correlation range over the five windows exceeds 0.15 (UNSTABLE if > 0.3, else VARIABLE); needs at least two defined windows.",
				sql: `SELECT cohort, signal_a, signal_b, ROUND(r_w1, 3) AS w1_corr, ROUND(r_w2, 3) AS w2_corr,
       ROUND(r_w3, 3) AS w3_corr, ROUND(r_w4, 3) AS w4_corr, ROUND(r_w5, 3) AS w5_corr,
       ROUND(GREATEST(r_w1, r_w2, r_w3, r_w4, r_w5) - LEAST(r_w1, r_w2, r_w3, r_w4, r_w5), 3) AS corr_range,
       CASE WHEN GREATEST(r_w1, r_w2, r_w3, r_w4, r_w5) - LEAST(r_w1, r_w2, r_w3, r_w4, r_w5) > 0.3
            THEN 'UNSTABLE' ELSE 'VARIABLE' END AS stability
FROM t_pairs
WHERE (r_w1 IS NOT NULL)::INT + (r_w2 IS NOT NULL)::INT + (r_w3 IS NOT NULL)::INT
      + (r_w4 IS NOT NULL)::INT + (r_w5 IS NOT NULL)::INT >= 2
  AND GREATEST(r_w1, r_w2, r_w3, r_w4, r_w5) - LEAST(r_w1, r_w2, r_w3, r_w4, r_w5) > 0.15
ORDER BY GREATEST(r_w1, r_w2, r_w3, r_w4, r_w5) - LEAST(r_w1, r_w2, r_w3, r_w4, r_w5) DESC,
         cohort, signal_a, signal_b`,
			},
			{
				id: "C", title: "Coupling density per window",
				thin: true,
				desc: "Per window: defined pairs, pairs with |r| > 0.5, mean |r|; HIGHLY_COUPLED if mean |r| > 0.4, MODERATELY_COUPLED if > 0.25, else LOOSELY_COUPLED.",
				sql: `WITH u AS (SELECT cohort, UNNEST([1, 2, 3, 4, 5]) AS w, UNNEST([r_w1, r_w2, r_w3, r_w4, r_w5]) AS r FROM t_pairs)
SELECT cohort, w AS window_id, COUNT(*) AS n_pairs, COUNT(*) FILTER (WHERE ABS(r) > 0.5) AS n_strong_corr,
       ROUND(100.0 * COUNT(*) FILTER (WHERE ABS(r) > 0.5) / COUNT(*), 1) AS pct_strong,
       ROUND(AVG(ABS(r)), 3) AS avg_abs_corr,
       CASE WHEN AVG(ABS(r)) > 0.4 THEN 'HIGHLY_COUPLED'
            WHEN AVG(ABS(r)) > 0.25 THEN 'MODERATELY_COUPLED'
            ELSE 'LOOSELY_COUPLED' END AS coupling_level
FROM u WHERE r IS NOT NULL
GROUP BY cohort, w
ORDER BY cohort, window_id`,
			},
		},
	},
	{
		file: "07_system_departure.md", title: "System Departure",
		needs: []string{inObservations},
		tables: []string{
			`CREATE OR REPLACE TEMP TABLE t_departure AS
SELECT cohort, COUNT(*) AS total_signals,
       COUNT(*) FILTER (WHERE trajectory_status = 'STABLE')   AS traj_stable,
       COUNT(*) FILTER (WHERE trajectory_status = 'SHIFTED')  AS traj_shifted,
       COUNT(*) FILTER (WHERE trajectory_status = 'DEPARTED') AS traj_departed,
       COUNT(*) FILTER (WHERE volatility_status = 'STABLE')   AS vol_stable,
       COUNT(*) FILTER (WHERE volatility_status = 'SHIFTED')  AS vol_shifted,
       COUNT(*) FILTER (WHERE volatility_status = 'DEPARTED') AS vol_departed,
       COUNT(*) FILTER (WHERE slope_reversed) AS n_slope_reversed,
       COUNT(*) FILTER (WHERE vol_ratio > 1.3) AS n_vol_elevated,
       COUNT(*) FILTER (WHERE ABS(slope_ratio) > 2 OR ABS(slope_ratio) < 0.5) AS n_trajectory_changed,
       AVG(vol_ratio) AS avg_vol_ratio, AVG(ABS(slope_ratio)) AS avg_abs_slope_ratio
FROM t_dep_sig GROUP BY cohort`,
			`CREATE OR REPLACE TEMP TABLE t_departure_status AS
SELECT cohort,
       CASE WHEN n_slope_reversed > 3 OR n_trajectory_changed > 0.25 * total_signals THEN 'DEPARTED'
            WHEN n_trajectory_changed > 0 OR n_slope_reversed BETWEEN 1 AND 3 THEN 'SHIFTED'
            ELSE 'STABLE' END AS overall_status
FROM t_departure`,
		},
		sections: []sectionDef{
			{
				id: "A", title: "Departure scorecard",
				desc: "Per cohort: signals by trajectory status (slope ratio late/early half: reversed or > 3 DEPARTED, > 2 SHIFTED) and volatility status (std ratio > 1.5 DEPARTED, > 1.2 SHIFTED); overall DEPARTED if > 3 reversals or > 25 % of signals changed trajectory (|ratio| > 2 or < 0.5), SHIFTED if any changed or 1–3 reversed.",
				sql: `SELECT d.cohort, total_signals, traj_stable, traj_shifted, traj_departed, vol_stable, vol_shifted,
       vol_departed, n_slope_reversed, n_vol_elevated, n_trajectory_changed, s.overall_status,
       ROUND(avg_vol_ratio, 2) AS avg_vol_ratio, ROUND(avg_abs_slope_ratio, 2) AS avg_abs_slope_ratio
FROM t_departure d JOIN t_departure_status s USING (cohort)
ORDER BY d.cohort`,
			},
			{
				id: "B", title: "Signal departure matrix",
				desc: "Per signal: early/late half mean and slope, slope ratio, volatility change; action DEPARTED (reversed), SHIFTED (|slope ratio| > 2), WITHIN_BASELINE.",
				sql: `SELECT cohort, signal_id, sig6(h1_mean) AS early_mean, sig6(h2_mean) AS late_mean,
       sig6(h1_slope) AS early_slope, sig6(h2_slope) AS late_slope, ROUND(slope_ratio, 2) AS slope_ratio,
       ROUND(vol_change_pct, 1) AS vol_change_pct, trajectory_status AS traj_light,
       volatility_status AS vol_light,
       CASE WHEN slope_reversed THEN 'DEPARTED' WHEN ABS(slope_ratio) > 2.0 THEN 'SHIFTED'
            ELSE 'WITHIN_BASELINE' END AS action
FROM t_dep_sig
ORDER BY slope_reversed DESC, ABS(slope_ratio) DESC NULLS LAST, cohort, signal_id`,
			},
			{
				id: "C", title: "Monotonic trends",
				desc: "Moves of the mean between consecutive windows of 10; TRENDING_UP/DOWN if ≥ 80 % of moves go one way, DRIFTING_UP/DOWN if ≥ 60 %. Only trending/drifting signals are listed.",
				sql: `WITH m AS (SELECT cohort, signal_id, w,
                  w_mean - LAG(w_mean) OVER (PARTITION BY cohort, signal_id ORDER BY w) AS d
           FROM t_b10),
t AS (SELECT cohort, signal_id, COUNT(*) FILTER (WHERE d > 0) AS up_moves,
             COUNT(*) FILTER (WHERE d < 0) AS down_moves, COUNT(d) AS total_moves
      FROM m GROUP BY cohort, signal_id)
SELECT cohort, signal_id, up_moves, down_moves, total_moves,
       CASE WHEN up_moves >= 0.8 * total_moves THEN 'TRENDING_UP'
            WHEN down_moves >= 0.8 * total_moves THEN 'TRENDING_DOWN'
            WHEN up_moves >= 0.6 * total_moves THEN 'DRIFTING_UP'
            ELSE 'DRIFTING_DOWN' END AS trend_status,
       CASE WHEN up_moves >= 0.8 * total_moves OR down_moves >= 0.8 * total_moves THEN 'DEPARTED'
            ELSE 'SHIFTED' END AS action
FROM t
WHERE total_moves > 0 AND (up_moves >= 0.6 * total_moves OR down_moves >= 0.6 * total_moves)
ORDER BY GREATEST(up_moves, down_moves) DESC, cohort, signal_id`,
			},
		},
	},
	{
		file: "08_baseline_deviation.md", title: "Baseline Deviation",
		needs: []string{inStateGeometry},
		tables: []string{
			`CREATE OR REPLACE TEMP TABLE t_phys AS
SELECT g.cohort, g.engine, g.signal_0_end, g.effective_dim, g.explained_1 AS coherence,
       g.energy_proxy, g.eigenvalue_entropy_norm AS eigenvalue_entropy,
       s.mean_distance AS state_distance,
       ROW_NUMBER() OVER (PARTITION BY g.cohort, g.engine ORDER BY g.signal_0_end) AS win_idx,
       COUNT(*) OVER (PARTITION BY g.cohort, g.engine) AS n_windows
FROM n_sg g LEFT JOIN n_stv s USING (cohort, signal_0_end)`,
			`CREATE OR REPLACE TEMP TABLE t_base AS
SELECT cohort, engine, ANY_VALUE(n_windows) AS n_windows,
       LEAST(ANY_VALUE(n_windows), GREATEST(5, CAST(CEIL(0.10 * ANY_VALUE(n_windows)) AS BIGINT))) AS n_baseline
FROM t_phys GROUP BY cohort, engine`,
			`CREATE OR REPLACE TEMP TABLE t_base_stats AS
SELECT p.cohort, p.engine, b.n_windows, b.n_baseline, MAX(p.signal_0_end) AS baseline_end,
  AVG(effective_dim) AS effective_dim_mean, quantile_cont(effective_dim, 0.05) AS effective_dim_p05,
  quantile_cont(effective_dim, 0.95) AS effective_dim_p95,
  AVG(coherence) AS coherence_mean, quantile_cont(coherence, 0.05) AS coherence_p05,
  quantile_cont(coherence, 0.95) AS coherence_p95,
  AVG(energy_proxy) AS energy_proxy_mean, quantile_cont(energy_proxy, 0.05) AS energy_proxy_p05,
  quantile_cont(energy_proxy, 0.95) AS energy_proxy_p95,
  AVG(eigenvalue_entropy) AS eigenvalue_entropy_mean,
  quantile_cont(eigenvalue_entropy, 0.05) AS eigenvalue_entropy_p05,
  quantile_cont(eigenvalue_entropy, 0.95) AS eigenvalue_entropy_p95,
  AVG(state_distance) AS state_distance_mean, quantile_cont(state_distance, 0.05) AS state_distance_p05,
  quantile_cont(state_distance, 0.95) AS state_distance_p95
FROM t_phys p JOIN t_base b USING (cohort, engine)
WHERE p.win_idx <= b.n_baseline
GROUP BY p.cohort, p.engine, b.n_windows, b.n_baseline`,
			`CREATE OR REPLACE TEMP TABLE t_dev AS
WITH r AS (
  SELECT p.cohort, p.engine, p.signal_0_end, p.win_idx <= b.n_baseline AS in_baseline,
         p.effective_dim - b.effective_dim_mean AS effective_dim_shift,
         p.coherence - b.coherence_mean AS coherence_shift,
         p.energy_proxy / NULLIF(b.energy_proxy_mean, 0) AS energy_proxy_ratio,
         p.state_distance / NULLIF(b.state_distance_mean, 0) AS state_distance_ratio,
         exceed(p.energy_proxy, b.energy_proxy_p05, b.energy_proxy_p95) AS x_energy_proxy,
         exceed(p.coherence, b.coherence_p05, b.coherence_p95) AS x_coherence,
         exceed(p.state_distance, b.state_distance_p05, b.state_distance_p95) AS x_state_distance,
         exceed(p.effective_dim, b.effective_dim_p05, b.effective_dim_p95) AS x_effective_dim,
         oor(p.energy_proxy, b.energy_proxy_p05, b.energy_proxy_p95)::INT
           + oor(p.coherence, b.coherence_p05, b.coherence_p95)::INT
           + oor(p.state_distance, b.state_distance_p05, b.state_distance_p95)::INT AS n_key_flags,
         oor(p.effective_dim, b.effective_dim_p05, b.effective_dim_p95)::INT
           + oor(p.eigenvalue_entropy, b.eigenvalue_entropy_p05, b.eigenvalue_entropy_p95)::INT AS n_other_flags
  FROM t_phys p JOIN t_base_stats b USING (cohort, engine)),
s AS (SELECT *, GREATEST(COALESCE(x_energy_proxy, 0), COALESCE(x_coherence, 0),
                         COALESCE(x_state_distance, 0), COALESCE(x_effective_dim, 0)) AS deviation_score
      FROM r)
SELECT *, n_key_flags + n_other_flags AS n_flags,
       PERCENT_RANK() OVER (PARTITION BY engine ORDER BY deviation_score) AS deviation_pctile,
       CASE WHEN deviation_score = 0 THEN NULL
            WHEN deviation_score = COALESCE(x_energy_proxy, 0) THEN 'energy_proxy'
            WHEN deviation_score = COALESCE(x_coherence, 0) THEN 'coherence'
            WHEN deviation_score = COALESCE(x_state_distance, 0) THEN 'state_distance'
            ELSE 'effective_dim' END AS max_deviation_metric,
       CASE WHEN PERCENT_RANK() OVER (PARTITION BY engine ORDER BY deviation_score) > 0.99 OR n_key_flags >= 3 THEN 'critical'
            WHEN PERCENT_RANK() OVER (PARTITION BY engine ORDER BY deviation_score) > 0.95 OR n_key_flags >= 1 THEN 'warning'
            ELSE 'normal' END AS severity
FROM s`,
			`CREATE OR REPLACE TEMP TABLE t_devsum AS
WITH m AS (SELECT * FROM t_dev WHERE NOT in_baseline),
src AS (SELECT cohort, engine, max_deviation_metric, COUNT(*) AS c FROM m
        WHERE severity <> 'normal' AND max_deviation_metric IS NOT NULL GROUP BY ALL),
top AS (SELECT cohort, engine, max_deviation_metric AS most_common_source FROM src
        QUALIFY ROW_NUMBER() OVER (PARTITION BY cohort, engine ORDER BY c DESC, max_deviation_metric) = 1),
cur AS (SELECT cohort, engine, arg_max(severity, signal_0_end) AS current_severity FROM t_dev GROUP BY ALL)
SELECT b.cohort, b.engine, COUNT(m.signal_0_end) AS n_monitored,
       COUNT(*) FILTER (WHERE m.severity = 'normal') AS n_normal,
       COUNT(*) FILTER (WHERE m.severity = 'warning') AS n_warning,
       COUNT(*) FILTER (WHERE m.severity = 'critical') AS n_critical,
       100.0 * COUNT(*) FILTER (WHERE m.severity <> 'normal') / NULLIF(COUNT(m.signal_0_end), 0) AS pct_abnormal,
       MAX(m.deviation_score) AS max_deviation_score,
       ANY_VALUE(t.most_common_source) AS most_common_source,
       ANY_VALUE(c.current_severity) AS current_severity,
       CASE WHEN COUNT(m.signal_0_end) = 0 THEN 'insufficient_windows'
            WHEN COUNT(*) FILTER (WHERE m.severity = 'critical') > 0.10 * COUNT(m.signal_0_end) THEN 'departed'
            WHEN COUNT(*) FILTER (WHERE m.severity <> 'normal') > 0.20 * COUNT(m.signal_0_end) THEN 'unstable'
            WHEN COUNT(*) FILTER (WHERE m.severity <> 'normal') > 0.05 * COUNT(m.signal_0_end) THEN 'noisy'
            ELSE 'stable' END AS departure_assessment
FROM t_base_stats b
LEFT JOIN m USING (cohort, engine)
LEFT JOIN top t USING (cohort, engine)
LEFT JOIN cur c USING (cohort, engine)
GROUP BY b.cohort, b.engine`,
		},
		sections: []sectionDef{
			{
				id: "A", title: "Baselines",
				desc: "Per cohort and engine: windows in the baseline and the baseline level of the key metrics (band for effective_dim).",
				sql: `SELECT cohort, engine, n_windows, n_baseline, baseline_end AS baseline_end_window,
       sig6(effective_dim_mean) AS effective_dim_mean, sig6(effective_dim_p05) AS effective_dim_p05,
       sig6(effective_dim_p95) AS effective_dim_p95, sig6(coherence_mean) AS coherence_mean,
       sig6(energy_proxy_mean) AS energy_proxy_mean, sig6(state_distance_mean) AS state_distance_mean
FROM t_base_stats
ORDER BY cohort, engine`,
			},
			{
				id: "B", title: "Deviation summary",
				desc: "Monitored (post-baseline) windows per severity; current severity = the last window's; assessment departed (> 10 % critical), unstable (> 20 % abnormal), noisy (> 5 %), stable.",
				sql: `SELECT cohort, engine, n_monitored, n_normal, n_warning, n_critical, ROUND(pct_abnormal, 1) AS pct_abnormal,
       sig6(max_deviation_score) AS max_deviation_score, most_common_source, current_severity,
       departure_assessment
FROM t_devsum
ORDER BY cohort, engine`,
			},
			{
				id: "C", title: "Deviation events",
				desc: "Severity changes between consecutive monitored windows, most recent first: deviation_onset (from normal), return_to_normal, escalation (to critical), de_escalation.",
				sql: `WITH m AS (SELECT *, LAG(severity) OVER (PARTITION BY cohort, engine ORDER BY signal_0_end) AS prev_severity
           FROM t_dev WHERE NOT in_baseline)
SELECT cohort, engine, signal_0_end AS window_end, prev_severity || ' -> ' || severity AS transition,
       CASE WHEN prev_severity = 'normal' THEN 'deviation_onset'
            WHEN severity = 'normal' THEN 'return_to_normal'
            WHEN severity = 'critical' THEN 'escalation'
            ELSE 'de_escalation' END AS event_type,
       max_deviation_metric, sig6(deviation_score) AS deviation_score
FROM m
WHERE prev_severity <> severity
ORDER BY window_end DESC, cohort, engine`,
			},
			{
				id: "D", title: "Most deviating windows",
				desc: "Monitored windows with a positive deviation score, largest first.",
				sql: `SELECT cohort, engine, signal_0_end AS window_end, severity, sig6(deviation_score) AS deviation_score,
       max_deviation_metric, n_flags, ROUND(effective_dim_shift, 3) AS effective_dim_shift,
       ROUND(coherence_shift, 3) AS coherence_shift, ROUND(energy_proxy_ratio, 2) AS energy_proxy_ratio,
       ROUND(state_distance_ratio, 2) AS state_distance_ratio
FROM t_dev
WHERE NOT in_baseline AND deviation_score > 0
ORDER BY deviation_score DESC, cohort, engine, window_end`,
			},
		},
	},
	{
		file: "09_dimension_trajectory.md", title: "Dimension Trajectory",
		needs: []string{inStateGeometry},
		tables: []string{
			`CREATE OR REPLACE TEMP TABLE t_dimtraj AS
WITH b AS (SELECT cohort, engine, MIN(signal_0_end) AS s_min, MAX(signal_0_end) AS s_max, COUNT(*) AS n_windows
           FROM n_sg WHERE effective_dim IS NOT NULL GROUP BY cohort, engine)
SELECT g.cohort, g.engine, b.n_windows, b.s_min, b.s_max,
       AVG(g.effective_dim) FILTER (WHERE g.signal_0_end <= b.s_min + 0.2 * (b.s_max - b.s_min)) AS early_dim,
       AVG(g.effective_dim) FILTER (WHERE g.signal_0_end >= b.s_max - 0.2 * (b.s_max - b.s_min)) AS late_dim,
       AVG(g.effective_dim) AS mean_dim, MIN(g.effective_dim) AS min_dim, MAX(g.effective_dim) AS max_dim,
       CASE WHEN late_dim - early_dim < -0.2 THEN 'COLLAPSING'
            WHEN late_dim - early_dim > 0.2 THEN 'EXPANDING'
            ELSE 'STABLE' END AS trajectory_type
FROM n_sg g JOIN b USING (cohort, engine)
WHERE g.effective_dim IS NOT NULL
GROUP BY g.cohort, g.engine, b.n_windows, b.s_min, b.s_max`,
		},
		sections: []sectionDef{
			{
				id: "A", title: "Early vs late effective dimension",
				desc: "Per cohort and engine: mean effective_dim of the first and last 20 % of the window span; COLLAPSING if it fell by more than 0.2, EXPANDING if it rose by more than 0.2; change_rank orders all rows by |delta|.",
				sql: `SELECT cohort, engine, n_windows, s_min AS first_window_end, s_max AS last_window_end,
       ROUND(early_dim, 3) AS early_dim, ROUND(late_dim, 3) AS late_dim,
       ROUND(late_dim - early_dim, 3) AS dim_delta,
       ROUND(100.0 * (late_dim - early_dim) / NULLIF(early_dim, 0), 1) AS pct_change, trajectory_type,
       ROUND(mean_dim, 3) AS mean_dim, ROUND(min_dim, 3) AS min_dim, ROUND(max_dim, 3) AS max_dim,
       RANK() OVER (ORDER BY ABS(ROUND(late_dim - early_dim, 3)) DESC) AS change_rank
FROM t_dimtraj
ORDER BY late_dim - early_dim, cohort, engine`,
			},
			{
				id: "B", title: "Effective dimension over time",
				desc: "Windows grouped into at most ⌊50 / number of cohorts⌋ (≥ 1) consecutive buckets per cohort (equal window counts); mean effective_dim per engine.",
				sql: `WITH wins AS (SELECT DISTINCT cohort, signal_0_end FROM n_sg),
nb AS (SELECT GREATEST(1, 50 // COUNT(DISTINCT cohort)) AS nb FROM wins),
bk AS (SELECT cohort, signal_0_end,
              NTILE((SELECT nb FROM nb)) OVER (PARTITION BY cohort ORDER BY signal_0_end) AS bucket
       FROM wins)
SELECT g.cohort, bk.bucket, MIN(g.signal_0_end) AS window_end_from, MAX(g.signal_0_end) AS window_end_to,
       COUNT(DISTINCT g.signal_0_end) AS n_windows {ENGINE_COLUMNS}
FROM n_sg g JOIN bk USING (cohort, signal_0_end)
GROUP BY g.cohort, bk.bucket
ORDER BY g.cohort, bk.bucket`,
			},
			{
				id: "C", title: "Engine agreement (late segment)",
				desc: "Per cohort: spread (max − min) of effective_dim across engines within each late-segment window; HIGH_DIVERGENCE if the mean spread > 0.3, MODERATE > 0.15, else LOW (engines 'see' the same structure).",
				sql: `WITH b AS (SELECT cohort, MIN(signal_0_end) AS s_min, MAX(signal_0_end) AS s_max FROM n_sg GROUP BY cohort),
w AS (SELECT g.cohort, g.signal_0_end, MAX(g.effective_dim) - MIN(g.effective_dim) AS spread,
             COUNT(g.effective_dim) AS n_eng
      FROM n_sg g JOIN b USING (cohort)
      WHERE g.signal_0_end >= b.s_max - 0.2 * (b.s_max - b.s_min)
      GROUP BY g.cohort, g.signal_0_end)
SELECT cohort, COUNT(*) AS n_late_windows, MAX(n_eng) AS n_engines, ROUND(AVG(spread), 3) AS avg_engine_spread,
       ROUND(MAX(spread), 3) AS max_engine_spread,
       CASE WHEN AVG(spread) > 0.3 THEN 'HIGH_DIVERGENCE'
            WHEN AVG(spread) > 0.15 THEN 'MODERATE_DIVERGENCE'
            ELSE 'LOW_DIVERGENCE' END AS engine_agreement
FROM w WHERE n_eng >= 2
GROUP BY cohort
ORDER BY cohort`,
			},
		},
	},
	{
		file: "10_geometry_ranked.md", title: "Geometry Ranked",
		needs: []string{inStateGeometry},
		tables: []string{
			`CREATE OR REPLACE TEMP TABLE t_geo AS
SELECT cohort, engine, signal_0_end, effective_dim, condition_number, eigenvalue_1, explained_1,
       eigenvector_flip_count, effective_dim - LAG(effective_dim) OVER w AS velocity
FROM n_sg
WINDOW w AS (PARTITION BY cohort, engine ORDER BY signal_0_end)`,
		},
		sections: []sectionDef{
			{
				id: "A", title: "Fastest-changing windows",
				desc: "The 30 windows with the largest |Δ effective_dim| (all cohorts and engines); velocity_rank/pctile are within the cohort and engine.",
				sql: `SELECT cohort, engine, signal_0_end AS window_end, ROUND(effective_dim, 3) AS eff_dim,
       ROUND(velocity, 4) AS velocity, ROUND(condition_number, 2) AS cond_num,
       sig6(eigenvalue_1) AS eigenvalue_1, ROUND(explained_1, 3) AS explained_1,
       RANK() OVER (PARTITION BY cohort, engine ORDER BY ABS(velocity) DESC) AS velocity_rank,
       ROUND(PERCENT_RANK() OVER (PARTITION BY cohort, engine ORDER BY ABS(velocity)), 3) AS velocity_pctile
FROM t_geo
WHERE velocity IS NOT NULL
ORDER BY ABS(velocity) DESC, cohort, engine, window_end
LIMIT 30`,
			},
			{
				id: "B", title: "Geometry summary",
				desc: "Per cohort and engine: effective_dim level and variability, velocity, collapse steps (velocity < −0.1) and the first of them, condition number, PC1 share, eigenvector sign flips.",
				sql: `WITH m AS (SELECT *, MAX(ABS(velocity)) OVER (PARTITION BY cohort, engine) AS max_abs FROM t_geo)
SELECT cohort, engine, COUNT(*) AS n_windows, ROUND(AVG(effective_dim), 3) AS mean_eff_dim,
       ROUND(STDDEV_SAMP(effective_dim), 3) AS std_eff_dim, ROUND(MIN(effective_dim), 3) AS min_eff_dim,
       ROUND(MAX(effective_dim), 3) AS max_eff_dim, ROUND(AVG(ABS(velocity)), 4) AS mean_abs_velocity,
       ROUND(MAX(ABS(velocity)), 4) AS max_abs_velocity,
       MIN(signal_0_end) FILTER (WHERE ABS(velocity) = max_abs) AS max_velocity_window_end,
       COUNT(*) FILTER (WHERE velocity < -0.1) AS n_collapse_steps,
       MIN(signal_0_end) FILTER (WHERE velocity < -0.1) AS first_collapse_window_end,
       ROUND(AVG(condition_number), 2) AS mean_cond_num, ROUND(AVG(explained_1), 3) AS mean_explained_1,
       SUM(eigenvector_flip_count) AS eigenvector_flips
FROM m
GROUP BY cohort, engine
ORDER BY cohort, engine`,
			},
			{
				id: "C", title: "Feature dominance on PC1",
				desc:  "Per engine: mean |PC1 loading| of each input feature over the week.",
				needs: []string{inFeatureLoadings},
				sql: `SELECT cohort, engine, feature, COUNT(*) AS n_windows, ROUND(AVG(ABS(pc1_loading)), 3) AS mean_abs_pc1,
       ROUND(AVG(pc1_loading), 3) AS mean_pc1,
       RANK() OVER (PARTITION BY cohort, engine ORDER BY ROUND(AVG(ABS(pc1_loading)), 3) DESC) AS feature_rank
FROM n_fload
WHERE pc1_loading IS NOT NULL
GROUP BY cohort, engine, feature
ORDER BY cohort, engine, feature_rank, feature`,
			},
		},
	},
	{
		file: "00_executive_summary.md", title: "Executive Summary",
		needs: []string{inObservations},
		sections: []sectionDef{
			{
				id: "A", title: "Partition overview",
				desc: "One row per cohort. overall_status ALERT if the departure scorecard says DEPARTED, any engine's current deviation severity is critical or any engine is COLLAPSING; WATCH if SHIFTED, any warning, any drifting/volatility-up signal or any engine EXPANDING; else STABLE.",
				sql: `WITH o AS (SELECT cohort, COUNT(*) AS n_signals, SUM(n) AS n_samples, MIN(s0_min) AS first_signal_0, MAX(s0_max) AS last_signal_0
           FROM t_bounds GROUP BY cohort),
g AS (SELECT cohort, COUNT(DISTINCT signal_0_end) AS n_windows FROM n_sg GROUP BY cohort),
ty AS (SELECT cohort, string_agg(temporal_primary || ':' || c, ', ' ORDER BY c DESC, temporal_primary) AS pattern_mix
       FROM (SELECT cohort, temporal_primary, COUNT(*) AS c FROM n_typ GROUP BY cohort, temporal_primary)
       GROUP BY cohort),
d AS (SELECT cohort, COUNT(*) FILTER (WHERE drift_status IN ('DRIFT', 'REVERSED')) AS n_drifting,
             COUNT(*) FILTER (WHERE volatility_status = 'VOLATILITY_UP') AS n_volatility_up
      FROM t_drift GROUP BY cohort),
dim AS (SELECT cohort, string_agg(engine || ':' || trajectory_type, ', ' ORDER BY engine) AS dimension_trend,
               bool_or(trajectory_type = 'COLLAPSING') AS any_collapsing,
               bool_or(trajectory_type = 'EXPANDING') AS any_expanding
        FROM t_dimtraj GROUP BY cohort),
dev AS (SELECT cohort,
               CASE MAX(CASE current_severity WHEN 'critical' THEN 2 WHEN 'warning' THEN 1 WHEN 'normal' THEN 0 END)
                    WHEN 2 THEN 'critical' WHEN 1 THEN 'warning' WHEN 0 THEN 'normal' END AS worst_current_severity,
               SUM(n_critical) AS n_critical_windows
        FROM t_devsum GROUP BY cohort),
c AS (SELECT cohort FROM o UNION SELECT cohort FROM g UNION SELECT cohort FROM ty)
SELECT c.cohort, o.n_signals, o.n_samples, o.first_signal_0, o.last_signal_0, g.n_windows, ty.pattern_mix,
       d.n_drifting, d.n_volatility_up, s.overall_status AS departure_status, dim.dimension_trend,
       dev.worst_current_severity, dev.n_critical_windows,
       CASE WHEN s.overall_status = 'DEPARTED' OR dev.worst_current_severity = 'critical' OR dim.any_collapsing THEN 'ALERT'
            WHEN s.overall_status = 'SHIFTED' OR dev.worst_current_severity = 'warning' OR d.n_drifting > 0
                 OR d.n_volatility_up > 0 OR dim.any_expanding THEN 'WATCH'
            ELSE 'STABLE' END AS overall_status
FROM c
LEFT JOIN o USING (cohort) LEFT JOIN g USING (cohort) LEFT JOIN ty USING (cohort) LEFT JOIN d USING (cohort)
LEFT JOIN t_departure_status s USING (cohort) LEFT JOIN dim USING (cohort) LEFT JOIN dev USING (cohort)
ORDER BY c.cohort`,
			},
			{
				id: "B", title: "Signals to watch",
				desc: "Signals flagged by several reports: trajectory drift (03), volatility up (03), half-week departure (04/07), regime shift (05); top 20.",
				sql: `WITH r AS (
  SELECT cohort, signal_id, 1 AS ord, 'drift:' || drift_status AS reason
    FROM t_drift WHERE drift_status IN ('DRIFT', 'REVERSED')
  UNION ALL
  SELECT cohort, signal_id, 2, 'volatility_up' FROM t_drift WHERE volatility_status = 'VOLATILITY_UP'
  UNION ALL
  SELECT cohort, signal_id, 3, 'departure:' || CASE WHEN vol_ratio > 1.5 AND slope_change > 2 THEN 'CRITICAL'
                                                    WHEN slope_change > 2 THEN 'TRAJECTORY_CHANGED'
                                                    ELSE 'UNSTABLE' END
    FROM t_dep_sig WHERE slope_change > 2 OR vol_ratio > 1.5
  UNION ALL
  SELECT cohort, signal_id, 4, 'regime_shift' FROM t_shift WHERE mean_change > 0.5 GROUP BY cohort, signal_id)
SELECT cohort, signal_id, COUNT(*) AS n_reasons, string_agg(reason, '; ' ORDER BY ord) AS reasons
FROM r
GROUP BY cohort, signal_id
ORDER BY n_reasons DESC, cohort, signal_id
LIMIT 20`,
			},
			{
				id: "C", title: "Report index",
				desc:  "Files written by this run and the state of their sections.",
				index: true,
			},
		},
	},
}
