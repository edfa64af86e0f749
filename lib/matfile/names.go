package matfile

import "strconv"

// SignalNames returns the names Signals would give v's data, without the
// data: what `sp-ingest --list` shows before anything is decoded.
func SignalNames(v *Var, layout Layout) []string {
	if v.n == 0 {
		return nil
	}
	shape := squeeze(v.Dims)
	if len(shape) <= 1 || layout == Flatten {
		return []string{v.Name}
	}
	names := make([]string, v.n/shape[0])
	for j := range names {
		names[j] = v.Name + "_" + strconv.Itoa(j+1)
	}
	return names
}
