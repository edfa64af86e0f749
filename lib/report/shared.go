package report

import (
	"fmt"
	"math"

	"github.com/duckdb/duckdb-go/v2"

	"sp/lib/report/obsstats"
)

// Tables filled from the obsstats passes, with the columns the spec's SQL
// gives them (sql.md §4.4, t_pairs §5.6), plus t_raw (rows and invalid
// values per signal of n_obs_all), t_exceed (the per-row test of report
// 03D) and t_quant (the quartiles of report 02A). The thinned sample
// t_thin itself stays in Go: its only uses are those quartiles and the
// pair correlations, computed there.
var sharedTables = []struct{ name, columns string }{
	{"t_raw", "cohort VARCHAR, signal_id VARCHAR, n_rows BIGINT, n_invalid BIGINT"},
	{"t_scan", "cohort VARCHAR, signal_id VARCHAR, n BIGINT, s0_min DOUBLE, s0_max DOUBLE, integral BOOLEAN"},
	{"t_seg", "cohort VARCHAR, signal_id VARCHAR, base_n BIGINT, base_mean DOUBLE, base_std DOUBLE, base_var DOUBLE, " +
		"base_slope DOUBLE, late_mean DOUBLE, late_std DOUBLE, late_var DOUBLE, late_slope DOUBLE, post_slope DOUBLE, " +
		"h1_mean DOUBLE, h1_std DOUBLE, h1_slope DOUBLE, h2_mean DOUBLE, h2_std DOUBLE, h2_slope DOUBLE, " +
		"mean DOUBLE, std_pop DOUBLE, std DOUBLE, min DOUBLE, max DOUBLE"},
	{"t_b10", "cohort VARCHAR, signal_id VARCHAR, w BIGINT, n BIGINT, w_mean DOUBLE, w_slope DOUBLE, w_start DOUBLE, w_end DOUBLE"},
	{"t_b20", "cohort VARCHAR, signal_id VARCHAR, w BIGINT, n BIGINT, w_mean DOUBLE, w_range DOUBLE, w_start DOUBLE, w_end DOUBLE"},
	{"t_b50", "cohort VARCHAR, signal_id VARCHAR, w BIGINT, w_mean DOUBLE, w_range DOUBLE, w_start DOUBLE"},
	{"t_exceed", "cohort VARCHAR, signal_id VARCHAR, n_exceedances BIGINT, n_high BIGINT, n_low BIGINT, first_signal_0 DOUBLE, last_signal_0 DOUBLE"},
	{"t_quant", "cohort VARCHAR, signal_id VARCHAR, q1 DOUBLE, median DOUBLE, q3 DOUBLE"},
	{"t_pairs", "cohort VARCHAR, signal_a VARCHAR, signal_b VARCHAR, r_base DOUBLE, r_late DOUBLE, n_base BIGINT, n_late BIGINT, " +
		"r_w1 DOUBLE, r_w2 DOUBLE, r_w3 DOUBLE, r_w4 DOUBLE, r_w5 DOUBLE"},
}

// boundsSQL derives t_bounds from the pass-1 table exactly as the spec
// derives it from MIN/MAX(signal_0), and t_cohort from t_bounds verbatim.
const boundsSQL = `CREATE OR REPLACE TEMP TABLE t_bounds AS
SELECT cohort, signal_id, n, s0_min, s0_max,
       s0_min + 0.2 * (s0_max - s0_min) AS base_end,
       s0_min + 0.5 * (s0_max - s0_min) AS mid,
       s0_min + 0.8 * (s0_max - s0_min) AS late_start,
       integral
FROM t_scan`

const cohortSQL = `CREATE OR REPLACE TEMP TABLE t_cohort AS
SELECT cohort, MIN(s0_min) AS s0_min, MAX(s0_max) AS s0_max,
       MIN(s0_min) + 0.2 * (MAX(s0_max) - MIN(s0_min)) AS base_end,
       MIN(s0_min) + 0.8 * (MAX(s0_max) - MIN(s0_min)) AS late_start,
       CASE WHEN bool_and(integral) THEN GREATEST(1, CAST(CEIL(MAX(n) / {SAMPLE_CAP}) AS BIGINT)) ELSE 1 END AS k
FROM t_bounds GROUP BY cohort`

// buildShared reads observations twice (obsstats) and loads the shared
// tables. It returns the number of rows of n_obs_all.
func (r *partitionRun) buildShared() (int64, error) {
	s, path := r.s, r.inputs[inObservations].path
	for _, t := range sharedTables {
		if err := s.exec("CREATE OR REPLACE TEMP TABLE " + t.name + " (" + t.columns + ")"); err != nil {
			return 0, err
		}
	}
	opt := obsstats.Options{IncludeOverlap: r.opt.IncludeOverlap, Threads: r.opt.Threads}
	bounds, err := obsstats.ScanBounds(path, opt)
	if err != nil {
		return 0, err
	}
	var rows int64
	err = s.appender("t_raw", func(a *duckdb.Appender) error {
		for _, b := range bounds {
			rows += b.Rows
			if b.Rows > 0 {
				if err := a.AppendRow(b.Cohort, b.SignalID, b.Rows, b.Invalid); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	err = s.appender("t_scan", func(a *duckdb.Appender) error {
		for _, b := range bounds {
			if b.N > 0 {
				if err := a.AppendRow(b.Cohort, b.SignalID, b.N, b.Min, b.Max, b.Integral); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	if err := s.exec(boundsSQL); err != nil {
		return 0, err
	}
	if err := s.exec(replaceAll(cohortSQL, "{SAMPLE_CAP}", fmt.Sprint(r.opt.SampleCap))); err != nil {
		return 0, err
	}
	spans, err := r.spans()
	if err != nil {
		return 0, err
	}
	stats, err := obsstats.Scan(path, spans, opt)
	if err != nil {
		return 0, err
	}
	if err := r.loadStats(stats); err != nil {
		return 0, err
	}
	return rows, r.loadThinned(stats)
}

// loadThinned fills t_quant and t_pairs from the thinned samples.
func (r *partitionRun) loadThinned(stats []obsstats.Stats) error {
	err := r.s.appender("t_quant", func(a *duckdb.Appender) error {
		for _, st := range stats {
			q1, med, q3 := obsstats.Quartiles(st.ThinV)
			if err := a.AppendRow(st.Cohort, st.SignalID, null(q1), null(med), null(q3)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	rows, err := r.s.values("SELECT cohort, s0_min, s0_max, base_end, late_start FROM t_cohort ORDER BY cohort")
	if err != nil {
		return err
	}
	return r.s.appender("t_pairs", func(a *duckdb.Appender) error {
		for _, row := range rows {
			cohort := row[0].(string)
			span := obsstats.CohortSpan{Min: row[1].(float64), Max: row[2].(float64), BaseEnd: row[3].(float64), LateStart: row[4].(float64)}
			var members []*obsstats.Stats
			for i := range stats {
				if stats[i].Cohort == cohort {
					members = append(members, &stats[i])
				}
			}
			for _, p := range obsstats.Pairs(members, span, r.opt.Threads) {
				err := a.AppendRow(cohort, p.A, p.B, null(p.RBase), null(p.RLate), p.NBase, p.NLate,
					null(p.RW[0]), null(p.RW[1]), null(p.RW[2]), null(p.RW[3]), null(p.RW[4]))
				if err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// spans reads back the t_bounds boundaries and t_cohort strides that pass
// 2 must use, so that Go and SQL cut the segments at the same doubles.
func (r *partitionRun) spans() (map[obsstats.Key]obsstats.Span, error) {
	rows, err := r.s.values(`SELECT b.cohort, b.signal_id, b.s0_min, b.s0_max, b.base_end, b.mid, b.late_start, c.k
FROM t_bounds b JOIN t_cohort c USING (cohort)`)
	if err != nil {
		return nil, err
	}
	out := map[obsstats.Key]obsstats.Span{}
	for _, v := range rows {
		k := obsstats.Key{Cohort: v[0].(string), SignalID: v[1].(string)}
		out[k] = obsstats.Span{Min: v[2].(float64), Max: v[3].(float64), BaseEnd: v[4].(float64),
			Mid: v[5].(float64), LateStart: v[6].(float64), Stride: v[7].(int64)}
	}
	return out, nil
}

// null turns the NaN that obsstats uses for an undefined statistic into
// SQL NULL.
func null(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return v
}

func (r *partitionRun) loadStats(stats []obsstats.Stats) error {
	s := r.s
	err := s.appender("t_seg", func(a *duckdb.Appender) error {
		for _, st := range stats {
			g := st.Seg
			err := a.AppendRow(st.Cohort, st.SignalID, g.Base.N,
				null(g.Base.Mean()), null(g.Base.StdPop()), null(g.Base.VarPop()), null(g.Base.Slope()),
				null(g.Late.Mean()), null(g.Late.StdPop()), null(g.Late.VarPop()), null(g.Late.Slope()),
				null(g.Post.Slope()),
				null(g.H1.Mean()), null(g.H1.StdSamp()), null(g.H1.Slope()),
				null(g.H2.Mean()), null(g.H2.StdSamp()), null(g.H2.Slope()),
				null(g.All.Mean()), null(g.All.StdPop()), null(g.All.StdSamp()), g.MinV, g.MaxV)
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = s.appender("t_b10", func(a *duckdb.Appender) error {
		for _, st := range stats {
			for _, b := range st.B10 {
				if err := a.AppendRow(st.Cohort, st.SignalID, b.W, b.N, b.MeanV, null(b.Slope()), b.StartX, b.EndX); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = s.appender("t_b20", func(a *duckdb.Appender) error {
		for _, st := range stats {
			for _, b := range st.B20 {
				if err := a.AppendRow(st.Cohort, st.SignalID, b.W, b.N, b.MeanV, b.MaxV-b.MinV, b.StartX, b.EndX); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = s.appender("t_b50", func(a *duckdb.Appender) error {
		for _, st := range stats {
			for _, b := range st.B50 {
				if err := a.AppendRow(st.Cohort, st.SignalID, b.W, b.MeanV, b.MaxV-b.MinV, b.StartX); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = s.appender("t_exceed", func(a *duckdb.Appender) error {
		for _, st := range stats {
			e := st.Exceed
			if e.N > 0 {
				if err := a.AppendRow(st.Cohort, st.SignalID, e.N, e.High, e.Low, e.FirstX, e.LastX); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return nil
}
