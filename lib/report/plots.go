package report

import (
	"fmt"
	"math"

	"sp/lib/report/markdown"
	"sp/lib/report/plot"
)

// Pictures of the per-partition reports, stored next to the markdown.
const (
	plotDrift      = "03_drift_detection_signals.png"
	plotEffDim     = "09_dimension_trajectory_effective_dim.png"
	plotEigenvalue = "09_dimension_trajectory_eigenvalue_1.png"
)

var plotFiles = []string{plotDrift, plotEffDim, plotEigenvalue}

// Caps that keep the pictures legible.
const (
	maxPlotSeries = 12   // lines per chart
	maxDriftLines = 8    // signals in the drift chart
	maxPlotPoints = 1000 // points per line (window means beyond that)
)

// addPlots renders the pictures of report file into r.files and links
// them from the section they illustrate; a section that did not produce
// a table gets none.
func (r *partitionRun) addPlots(file string, rep *markdown.Report) {
	switch file {
	case "03_drift_detection.md":
		r.attach(rep, "A", plotDrift, "Drift of the signals with the largest drift magnitude", r.driftChart)
	case "09_dimension_trajectory.md":
		r.attach(rep, "B", plotEffDim, "Effective dimension over the windows", func() (*plot.Chart, error) {
			return r.geometryChart("effective_dim", "Effective dimension over the windows")
		})
		r.attach(rep, "B", plotEigenvalue, "Eigenvalue 1 over the windows", func() (*plot.Chart, error) {
			return r.geometryChart("eigenvalue_1", "Eigenvalue 1 over the windows")
		})
	}
}

func (r *partitionRun) attach(rep *markdown.Report, id, file, alt string, build func() (*plot.Chart, error)) {
	var sec *markdown.Section
	for i := range rep.Sections {
		if rep.Sections[i].ID == id {
			sec = &rep.Sections[i]
		}
	}
	if sec == nil || sec.Kind != markdown.TableBody || sec.Table == nil || sec.Table.Total == 0 {
		return
	}
	chart, err := build()
	if err == nil && chart == nil {
		return
	}
	var png []byte
	if err == nil {
		png, err = chart.PNG()
	}
	if err != nil {
		r.log.Warnf("%s: no picture: %s", file, markdown.FirstLine(err.Error()))
		return
	}
	r.files[file] = png
	sec.Images = append(sec.Images, markdown.Image{Alt: alt, File: file})
}

// driftChart plots, for the signals with the largest drift magnitude, the
// 50-bucket means relative to the baseline mean in baseline standard
// deviations (population std of the whole signal when the baseline is
// flat), with the ±2 envelope of report 03D.
func (r *partitionRun) driftChart() (*plot.Chart, error) {
	rows, err := r.s.values(fmt.Sprintf(`WITH top AS (
  SELECT cohort, signal_id, ROW_NUMBER() OVER (ORDER BY drift_magnitude DESC NULLS LAST, cohort, signal_id) AS rank
  FROM t_drift QUALIFY rank <= %d)
SELECT t.rank, b.cohort, b.signal_id, b.w_start,
       (b.w_mean - s.base_mean) / COALESCE(NULLIF(s.base_std, 0), NULLIF(s.std_pop, 0), 1) AS z
FROM t_b50 b JOIN top t USING (cohort, signal_id) JOIN t_seg s USING (cohort, signal_id)
ORDER BY t.rank, b.w`, maxDriftLines))
	if err != nil {
		return nil, err
	}
	var n int64
	if err := r.count("SELECT COUNT(*) FROM t_drift", &n); err != nil {
		return nil, err
	}
	c := &plot.Chart{XLabel: "signal_0 (bucket start)", YLabel: "mean − baseline mean (baseline std)", Guides: []float64{-2, 2}}
	c.Title = fmt.Sprintf("Drift: %d of %d signals, largest drift magnitude first", min(n, maxDriftLines), n)
	c.Series = seriesBy(rows, func(row []any) string { return signalName(row[1], row[2]) }, 3, 4)
	return c, nil
}

// geometryChart plots a state_geometry column per cohort and engine over
// the window ends (means of consecutive windows when there are more than
// maxPlotPoints).
func (r *partitionRun) geometryChart(col, title string) (*plot.Chart, error) {
	rows, err := r.s.values(fmt.Sprintf(`SELECT cohort, engine, AVG(signal_0_end) AS x, AVG(%[1]s) AS y
FROM (SELECT *, NTILE(%[2]d) OVER (PARTITION BY cohort, engine ORDER BY signal_0_end) AS t FROM n_sg)
GROUP BY cohort, engine, t ORDER BY cohort, engine, t`, col, maxPlotPoints))
	if err != nil {
		return nil, err
	}
	key := func(row []any) string { return signalName(row[0], row[1]) }
	series := seriesBy(rows, key, 2, 3)
	c := &plot.Chart{XLabel: "signal_0_end (window end)", YLabel: col}
	c.Title = title
	if len(series) > maxPlotSeries {
		c.Title = fmt.Sprintf("%s (first %d of %d cohort/engine series)", title, maxPlotSeries, len(series))
		series = series[:maxPlotSeries]
	}
	c.Series = series
	return c, nil
}

// seriesBy groups consecutive rows with the same name into series of
// (row[xi], row[yi]); NULL becomes NaN, which the chart leaves out.
func seriesBy(rows [][]any, name func([]any) string, xi, yi int) []plot.Series {
	var out []plot.Series
	for _, row := range rows {
		n := name(row)
		if len(out) == 0 || out[len(out)-1].Name != n {
			out = append(out, plot.Series{Name: n})
		}
		s := &out[len(out)-1]
		s.X = append(s.X, toFloat(row[xi]))
		s.Y = append(s.Y, toFloat(row[yi]))
	}
	return out
}

func signalName(cohort, id any) string {
	c, s := markdown.Text(cohort), markdown.Text(id)
	if c == "" {
		return s
	}
	return c + "/" + s
}

func toFloat(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int64:
		return float64(x)
	case int32:
		return float64(x)
	}
	return math.NaN()
}

func (r *partitionRun) count(q string, n *int64) error {
	rows, err := r.s.values(q)
	if err != nil {
		return err
	}
	*n = rows[0][0].(int64)
	return nil
}
