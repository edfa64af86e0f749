package ingest

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"sp/lib/matfile"
)

// Listing is what `sp-ingest --list` shows of one file: each variable and
// whether and why it would be ingested, which is what a user needs to
// write converter.signal_keys.
type Listing struct {
	File      string       `json:"file"`
	Format    string       `json:"format,omitempty"`
	Error     string       `json:"error,omitempty"`
	Variables []VarListing `json:"variables"`
}

// VarListing is one variable of a Listing.
type VarListing struct {
	Name    string   `json:"name"`
	Class   string   `json:"class"`
	Shape   string   `json:"shape"`
	Ingest  bool     `json:"ingest"`
	Reason  string   `json:"reason,omitempty"`
	Signals []string `json:"signals,omitempty"`
}

// List describes a file without decoding any data.
func List(path string, conv Converter) Listing {
	l := Listing{File: path, Variables: []VarListing{}}
	f, err := matfile.Open(path)
	if err != nil {
		l.Error = err.Error()
		return l
	}
	defer f.Close()
	l.Format = formatName(f)
	for {
		v, err := f.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			l.Error = err.Error()
			break
		}
		vl := VarListing{Name: v.Name, Class: v.ClassName(), Shape: v.Shape()}
		if vl.Reason = conv.variableSkip(v); vl.Reason == "" {
			for _, name := range signalNames(v, conv.Layout) {
				if conv.signalSkip(v.Name, name) == "" {
					vl.Signals = append(vl.Signals, name)
				}
			}
			vl.Ingest = len(vl.Signals) > 0
			if !vl.Ingest {
				vl.Reason = "no column selected by converter.signal_keys"
			}
		}
		l.Variables = append(l.Variables, vl)
	}
	return l
}

// signalNames are the names matfile.Signals would give v's data, found
// without reading it: decoding a shape-only probe costs nothing.
func signalNames(v *matfile.Var, layout matfile.Layout) []string {
	return matfile.SignalNames(v, layout)
}

func formatName(f *matfile.File) string {
	order := "little-endian"
	if f.ByteOrder.String() == "BigEndian" {
		order = "big-endian"
	}
	if f.Version == 4 {
		return "MAT v4, " + order
	}
	return "MAT v5/v7, " + order
}

// WriteListings prints listings as text or JSON.
func WriteListings(w io.Writer, listings []Listing, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(listings)
	}
	for i, l := range listings {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s", l.File)
		if l.Format != "" {
			fmt.Fprintf(w, " (%s)", l.Format)
		}
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "  name\tclass\tshape\tingest\n")
		for _, v := range l.Variables {
			verdict := "no: " + v.Reason
			if v.Ingest {
				verdict = "yes: " + describeSignals(v.Signals)
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", v.Name, v.Class, v.Shape, verdict)
		}
		tw.Flush()
		if l.Error != "" {
			fmt.Fprintf(w, "  error: %s\n", l.Error)
		}
	}
	return nil
}

func describeSignals(names []string) string {
	switch len(names) {
	case 1:
		return "signal " + names[0]
	case 2, 3:
		return "signals " + strings.Join(names, ", ")
	}
	return fmt.Sprintf("%d signals %s .. %s", len(names), names[0], names[len(names)-1])
}
