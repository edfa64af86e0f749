package geometry

import "math"

// State is one state_vector row (manifold.md §6.1); NaN means null.
type State struct {
	NSignals     int
	MeanDistance float64
	MaxDistance  float64
	StdDistance  float64
	Centroids    []float64 // per group and feature, in Layout.CentroidColumns order; valid until the next call
}

// State computes the state vector of one window group. rows are the
// group's signal_vector feature rows (NaN = null) in signal_id order. ok is
// false when the window has no state row: fewer than two composite
// features, or every row's composite features are null.
func (l *Layout) State(rows [][]float64, ws *Workspace) (st State, ok bool) {
	comp := l.Composite
	if len(comp) < 2 {
		return State{}, false
	}
	ws.centroid = resize(ws.centroid, len(comp))
	ws.count = resizeInt(ws.count, len(comp))
	for i := range comp {
		ws.centroid[i], ws.count[i] = 0, 0
	}
	for _, r := range rows {
		for i, c := range comp {
			if v := r[c]; isFinite(v) {
				ws.centroid[i] += v
				ws.count[i]++
			}
		}
		if anyFinite(r, comp) {
			st.NSignals++
		}
	}
	if st.NSignals == 0 {
		return State{}, false
	}
	for i := range comp {
		if ws.count[i] > 0 {
			ws.centroid[i] /= float64(ws.count[i])
		} else {
			ws.centroid[i] = math.NaN()
		}
	}
	st.MeanDistance, st.MaxDistance, st.StdDistance = dispersion(rows, comp, ws)
	st.Centroids = l.groupCentroids(rows, ws)
	return st, true
}

// dispersion: Euclidean distances, in raw feature units, of the rows whose
// composite features are all finite to the composite centroid; their mean,
// maximum and population std, or nulls with fewer than two such rows.
func dispersion(rows [][]float64, comp []int, ws *Workspace) (mean, max, std float64) {
	ws.dist = ws.dist[:0]
	for _, r := range rows {
		if !allFinite(r, comp) {
			continue
		}
		ss := 0.0
		for i, c := range comp {
			d := r[c] - ws.centroid[i]
			ss += d * d
		}
		ws.dist = append(ws.dist, math.Sqrt(ss))
	}
	if len(ws.dist) < 2 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	mean, max = meanOf(ws.dist), ws.dist[0]
	for _, d := range ws.dist {
		max = math.Max(max, d)
	}
	return mean, max, popStd(ws.dist, mean)
}

// groupCentroids: per group and feature, the mean over the rows that have
// at least one finite value among that group's features, ignoring nulls.
func (l *Layout) groupCentroids(rows [][]float64, ws *Workspace) []float64 {
	ws.groupCentroid = ws.groupCentroid[:0]
	for _, g := range l.Groups {
		for _, c := range g.Cols {
			sum, n := 0.0, 0
			for _, r := range rows {
				if v := r[c]; isFinite(v) && anyFinite(r, g.Cols) {
					sum += v
					n++
				}
			}
			if n == 0 {
				ws.groupCentroid = append(ws.groupCentroid, math.NaN())
			} else {
				ws.groupCentroid = append(ws.groupCentroid, sum/float64(n))
			}
		}
	}
	return ws.groupCentroid
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func anyFinite(r []float64, cols []int) bool {
	for _, c := range cols {
		if isFinite(r[c]) {
			return true
		}
	}
	return false
}

func allFinite(r []float64, cols []int) bool {
	for _, c := range cols {
		if !isFinite(r[c]) {
			return false
		}
	}
	return true
}

func meanOf(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// popStd is the population standard deviation of x around mean.
func popStd(x []float64, mean float64) float64 {
	ss := 0.0
	for _, v := range x {
		d := v - mean
		ss += d * d
	}
	return math.Sqrt(ss / float64(len(x)))
}

func resize(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

func resizeInt(s []int, n int) []int {
	if cap(s) < n {
		return make([]int, n)
	}
	return s[:n]
}
