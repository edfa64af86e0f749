package status

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"sp/lib/progress"
)

// WriteJSON writes the overview for scripts.
func WriteJSON(w io.Writer, o *Overview) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(o)
}

// WriteText writes the overview for people, as the reference's --status
// did, with a progress bar per phase.
func WriteText(w io.Writer, o *Overview) {
	stamp := func(t *time.Time) string {
		if t == nil {
			return "-"
		}
		return t.UTC().Format("2006-01-02 15:04:05 UTC")
	}
	frac := func(n int) string {
		if o.Partitions == 0 {
			return "0/0"
		}
		return fmt.Sprintf("%d/%d %s", n, o.Partitions, progress.Bar(float64(n)/float64(o.Partitions), 20))
	}
	fmt.Fprintf(w, "sp pipeline status\n")
	fmt.Fprintf(w, "  config:        %s\n", o.Config)
	if o.ConfigChanged {
		fmt.Fprintf(w, "                 changed since the plan: run `make -f Makefile.pipeline plan`\n")
	}
	fmt.Fprintf(w, "  output:        %s\n", o.Output)
	fmt.Fprintf(w, "  started:       %s\n", stamp(o.Started))
	fmt.Fprintf(w, "  updated:       %s\n", stamp(o.Updated))
	if o.Bootstrap != "" {
		fmt.Fprintf(w, "  bootstrap:     %s (its typology serves every partition)\n", o.Bootstrap)
	}
	fmt.Fprintf(w, "  partitions:    %d\n", o.Partitions)
	fmt.Fprintf(w, "  raw files:     %d", o.RawFiles)
	if o.SkippedFiles > 0 {
		fmt.Fprintf(w, " (%d skipped: see below)", o.SkippedFiles)
	}
	fmt.Fprintf(w, "\n  ingested:      %s\n", frac(o.Ingested))
	fmt.Fprintf(w, "  typed:         %s\n", frac(o.Typed))
	if o.SkipManifold {
		fmt.Fprintf(w, "  computed:      skipped (compute.skip_manifold)\n")
	} else {
		fmt.Fprintf(w, "  computed:      %s\n", frac(o.Computed))
	}
	fmt.Fprintf(w, "  reported:      %s\n", frac(o.Reported))
	fmt.Fprintf(w, "  errors:        %d\n", o.Errors)
	fmt.Fprintf(w, "  ingest time:   %s\n", seconds(o.IngestSeconds))
	fmt.Fprintf(w, "  compute time:  %s\n\n", seconds(o.ComputeSeconds))

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "partition\tfiles\tingested\ttyped\tcomputed\treports\t  error\n")
	mark := func(ok bool) string {
		if ok {
			return "yes"
		}
		return "-"
	}
	for _, r := range o.Rows {
		ing := mark(r.Ingested)
		if r.Ingested {
			ing = rows(r.Rows)
			if n := len(r.SkippedFiles); n > 0 {
				ing += fmt.Sprintf(" (%d skipped)", n)
			}
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t  %s\n", r.Name, r.Files, ing, mark(r.Typed), mark(r.Computed), mark(r.Reported), clip(r.Error, 100))
	}
	tw.Flush()
	if o.SkippedFiles > 0 {
		fmt.Fprintf(w, "\nskipped raw files:\n")
		for _, r := range o.Rows {
			for _, s := range r.SkippedFiles {
				fmt.Fprintf(w, "  %s  %s\n", r.Name, s.Error)
			}
		}
	}
}

func rows(n int64) string {
	switch {
	case n >= 1e9:
		return fmt.Sprintf("%.2fG rows", float64(n)/1e9)
	case n >= 1e6:
		return fmt.Sprintf("%.1fM rows", float64(n)/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.1fk rows", float64(n)/1e3)
	}
	return fmt.Sprintf("%d rows", n)
}

func seconds(s float64) string {
	if s < 120 {
		return fmt.Sprintf("%.1f s", s)
	}
	return time.Duration(s * float64(time.Second)).Round(time.Second).String()
}

func clip(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if len(s) > n {
		return s[:n-3] + "..."
	}
	return s
}

// Watch redraws the overview every interval until ctx ends or the run is
// complete.
func Watch(ctx context.Context, w io.Writer, interval time.Duration, collect func() (*Overview, error)) error {
	for {
		o, err := collect()
		if err != nil {
			return err
		}
		fmt.Fprint(w, "\x1b[H\x1b[2J")
		WriteText(w, o)
		if o.Done() {
			fmt.Fprintln(w, "\nall partitions done")
			return nil
		}
		fmt.Fprintf(w, "\nrefreshing every %s; Ctrl-C to stop watching (the run goes on)\n", interval)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(interval):
		}
	}
}
