package geometry

// Workspace holds the scratch buffers of one goroutine's state and
// geometry computations, so that a window allocates nothing once the
// buffers have grown to the window size.
type Workspace struct {
	groups        []*Geometry
	centroid      []float64
	count         []int
	dist          []float64
	groupCentroid []float64
	mean, sd      []float64
	cov           []float64
	vals, vecs    []float64
	work          []float64
	boot          bootScratch
}

// geometry returns the reusable result of group g.
func (ws *Workspace) geometry(g int) *Geometry {
	for len(ws.groups) <= g {
		ws.groups = append(ws.groups, &Geometry{})
	}
	return ws.groups[g]
}
