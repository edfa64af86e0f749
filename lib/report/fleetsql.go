package report

// Fleet SQL of sql.md §6.3 and the macros of §4.3.
//
// sp: F1–F4 read the normalised fleet views nf_sg, nf_typ and nf_sv
// (fleet.go) instead of normalising all_state_geometry, all_typology and
// all_signal_vector inline: the same expressions (cohort '' when absent,
// fin(), the coordinate cast, the {PRIMARY} rule of F3, the overlap filter
// unless --include-overlap), generated from the union schema, so that a
// column no week has still binds.

var macroStatements = []string{
	`CREATE OR REPLACE TEMP MACRO fin(x) AS
  CASE WHEN isfinite(CAST(x AS DOUBLE)) THEN CAST(x AS DOUBLE) END`,
	`CREATE OR REPLACE TEMP MACRO sig6(x) AS
  CASE WHEN x IS NULL OR NOT isfinite(CAST(x AS DOUBLE)) OR x = 0 THEN CAST(x AS DOUBLE)
       ELSE ROUND(CAST(x AS DOUBLE), 5 - CAST(FLOOR(LOG10(ABS(CAST(x AS DOUBLE)))) AS INTEGER)) END`,
	`CREATE OR REPLACE TEMP MACRO bucket(x, lo, hi, k) AS
  1 + LEAST(k - 1, COALESCE(CAST(FLOOR(k * (x - lo) / NULLIF(hi - lo, 0)) AS BIGINT), 0))`,
	`CREATE OR REPLACE TEMP MACRO relchg(d, scale) AS
  CASE WHEN d IS NULL THEN NULL WHEN scale > 0 THEN ABS(d) / scale
       WHEN d <> 0 THEN CAST('inf' AS DOUBLE) ELSE 0.0 END`,
	`CREATE OR REPLACE TEMP MACRO exceed(v, lo, hi) AS
  CASE WHEN v IS NULL OR lo IS NULL THEN NULL
       WHEN v > hi THEN (v - hi) / NULLIF(hi - lo, 0)
       WHEN v < lo THEN (lo - v) / NULLIF(hi - lo, 0) ELSE 0 END`,
	`CREATE OR REPLACE TEMP MACRO oor(v, lo, hi) AS COALESCE(v < lo OR v > hi, FALSE)`,
}

const sqlF0 = `SELECT split_part(substr(file_name, {PARTS_LEN} + 2), '/', 1) AS partition,
       regexp_extract(file_name, '([^/]+)\.parquet$', 1) AS dataset, num_rows
FROM parquet_file_metadata([{CORE_FILE_LIST}])
ORDER BY partition, dataset`

const sqlF1 = `WITH g AS (SELECT partition, cohort, engine, signal_0_end, effective_dim FROM nf_sg)
SELECT partition, cohort, COUNT(DISTINCT signal_0_end) AS n_windows {ENGINE_COLUMNS},
       ROUND(AVG(effective_dim), 3) AS eff_dim_all,
       ROUND(AVG(effective_dim) - LAG(AVG(effective_dim)) OVER (PARTITION BY cohort ORDER BY partition), 3) AS change_vs_prev
FROM g WHERE effective_dim IS NOT NULL
GROUP BY partition, cohort
ORDER BY cohort, partition`

const sqlF2 = `WITH w AS (SELECT partition, cohort, engine, eigenvalue_1 AS ev1, explained_1 AS ex1 FROM nf_sg),
f AS (SELECT cohort, engine, MIN(partition) AS ref_partition FROM w WHERE ev1 IS NOT NULL GROUP BY cohort, engine),
band AS (SELECT w.cohort, w.engine, quantile_cont(w.ev1, 0.05) AS p05, quantile_cont(w.ev1, 0.95) AS p95,
                median(w.ev1) AS ref_median
         FROM w JOIN f ON w.cohort = f.cohort AND w.engine = f.engine AND w.partition = f.ref_partition
         WHERE w.ev1 IS NOT NULL GROUP BY w.cohort, w.engine),
wk AS (SELECT w.partition, w.cohort, w.engine, COUNT(*) AS n_windows, median(w.ev1) AS med,
              AVG(w.ex1) AS mean_explained_1,
              AVG(CASE WHEN w.ev1 < b.p05 OR w.ev1 > b.p95 THEN 1.0 ELSE 0.0 END) AS frac_out,
              ANY_VALUE(b.ref_median) AS ref_median
       FROM w JOIN band b USING (cohort, engine) WHERE w.ev1 IS NOT NULL
       GROUP BY w.partition, w.cohort, w.engine)
SELECT partition, cohort, engine, n_windows, sig6(med) AS median_eigenvalue_1,
       ROUND(med / NULLIF(ref_median, 0), 3) AS ratio_to_first_week,
       ROUND(med / NULLIF(LAG(med) OVER (PARTITION BY cohort, engine ORDER BY partition), 0), 3) AS ratio_to_prev_week,
       ROUND(100 * frac_out, 1) AS pct_outside_first_week_band, ROUND(mean_explained_1, 3) AS mean_explained_1,
       CASE WHEN frac_out > 0.5 OR med / NULLIF(ref_median, 0) NOT BETWEEN 0.67 AND 1.5 THEN 'DRIFT'
            WHEN frac_out > 0.2 THEN 'WATCH' ELSE 'STABLE' END AS status
FROM wk
ORDER BY cohort, engine, partition`

const sqlF3 = `WITH t AS (SELECT partition, cohort, signal_id, temporal_primary, spectral FROM nf_typ),
p AS (SELECT partition, ROW_NUMBER() OVER (ORDER BY partition) AS k FROM (SELECT DISTINCT partition FROM t)),
pairs AS (SELECT a.partition AS from_partition, b.partition AS to_partition FROM p a JOIN p b ON b.k = a.k + 1),
prev AS (SELECT pr.from_partition, pr.to_partition, t.cohort, t.signal_id, t.temporal_primary, t.spectral
         FROM pairs pr JOIN t ON t.partition = pr.from_partition),
nxt AS (SELECT pr.from_partition, pr.to_partition, t.cohort, t.signal_id, t.temporal_primary, t.spectral
        FROM pairs pr JOIN t ON t.partition = pr.to_partition)
SELECT from_partition, to_partition, cohort, signal_id,
       CASE WHEN prev.temporal_primary IS NULL THEN 'ADDED'
            WHEN nxt.temporal_primary IS NULL THEN 'REMOVED'
            ELSE 'RECLASSIFIED' END AS change,
       prev.temporal_primary AS old_temporal, nxt.temporal_primary AS new_temporal,
       prev.spectral AS old_spectral, nxt.spectral AS new_spectral
FROM prev FULL OUTER JOIN nxt USING (from_partition, to_partition, cohort, signal_id)
WHERE prev.temporal_primary IS NULL OR nxt.temporal_primary IS NULL
   OR prev.temporal_primary <> nxt.temporal_primary OR prev.spectral <> nxt.spectral
ORDER BY to_partition, cohort, signal_id`

// sqlF4Week is F4's weekly statistics for one partition's signal_vector
// ({WEEK}: the normalised SELECT over that week's file, {PARTITION} its
// name), appended to t_f4_wk. sp: the spec computes wk over all weeks in
// one aggregate; holding every window of every week for the medians would
// make memory grow with the number of weeks.
const sqlF4Week = `INSERT INTO t_f4_wk
SELECT cohort, signal_id, feature, {PARTITION} AS partition, COUNT(*) AS n, median(v) AS med,
       quantile_cont(v, 0.25) AS q1, quantile_cont(v, 0.75) AS q3
FROM (UNPIVOT (SELECT cohort, signal_id, {FEATURE_NAMES} FROM ({WEEK})) ON {FEATURE_NAMES} INTO NAME feature VALUE v)
WHERE isfinite(v) GROUP BY cohort, signal_id, feature`

const sqlF4 = `WITH wk AS (SELECT * FROM t_f4_wk),
ends AS (SELECT cohort, signal_id, feature, MIN(partition) AS first_p, MAX(partition) AS last_p, COUNT(*) AS n_weeks
         FROM wk GROUP BY cohort, signal_id, feature),
j AS (SELECT e.*, f.med AS first_median, f.q3 - f.q1 AS first_iqr, l.med AS last_median
      FROM ends e
      JOIN wk f ON f.cohort = e.cohort AND f.signal_id = e.signal_id AND f.feature = e.feature AND f.partition = e.first_p
      JOIN wk l ON l.cohort = e.cohort AND l.signal_id = e.signal_id AND l.feature = e.feature AND l.partition = e.last_p),
wow AS (SELECT cohort, signal_id, feature, partition AS week_of_max_change, ABS(med - prev) AS max_wow
        FROM (SELECT *, LAG(med) OVER (PARTITION BY cohort, signal_id, feature ORDER BY partition) AS prev FROM wk)
        WHERE prev IS NOT NULL
        QUALIFY ROW_NUMBER() OVER (PARTITION BY cohort, signal_id, feature ORDER BY ABS(med - prev) DESC, partition) = 1)
SELECT j.cohort, j.signal_id, j.feature, j.n_weeks, j.first_p AS first_week, j.last_p AS last_week,
       sig6(j.first_median) AS first_median, sig6(j.last_median) AS last_median,
       ROUND((j.last_median - j.first_median) / NULLIF(j.first_iqr, 0), 2) AS shift_in_first_week_iqrs,
       w.week_of_max_change, sig6(w.max_wow) AS max_week_to_week_change,
       CASE WHEN ABS((j.last_median - j.first_median) / NULLIF(j.first_iqr, 0)) > 1.5 THEN 'DRIFT'
            WHEN ABS((j.last_median - j.first_median) / NULLIF(j.first_iqr, 0)) > 0.75 THEN 'WATCH'
            ELSE 'STABLE' END AS status
FROM j LEFT JOIN wow w USING (cohort, signal_id, feature)
ORDER BY ABS((j.last_median - j.first_median) / NULLIF(j.first_iqr, 0)) DESC NULLS LAST,
         j.cohort, j.signal_id, j.feature`
