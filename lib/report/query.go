package report

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"

	"sp/lib/report/markdown"
)

// QueryOptions of sp-sql query (sql.md §6.5).
type QueryOptions struct {
	SQL            string // one statement
	Format         string // "md" (default), "csv" or "json"
	Limit          int    // rows printed; 0: all
	Schema         bool   // print the views and their columns instead
	IncludeOverlap bool   // partition targets: keep negative coordinates in the n_* views
	Threads        int
	MemoryLimit    string // DuckDB memory_limit; "": DefaultMemoryLimit
	Out            io.Writer
	Log            *Logger
}

// Formats accepted by Query.
var Formats = []string{"md", "csv", "json"}

// Query runs one SQL statement over a partition (its inputs under their
// logical names, the extra views, the normalised n_* views and the
// macros) or over a streaming root (the all_* views with a partition
// column, and the macros), printing the result to opt.Out. A target that
// is neither is ErrTarget; a failing statement is returned as is.
func Query(ctx context.Context, target string, opt QueryOptions) error {
	if opt.Format == "" {
		opt.Format = "md"
	}
	s, err := openSession(ctx, opt.Threads, opt.MemoryLimit)
	if err != nil {
		return err
	}
	defer s.close()
	if err := loadTarget(s, target, opt); err != nil {
		return err
	}
	q := opt.SQL
	if opt.Schema {
		q = `SELECT table_name AS view, column_name AS column, data_type AS type
FROM information_schema.columns WHERE table_name NOT LIKE 'duckdb_%'
ORDER BY table_name, ordinal_position`
	}
	return printQuery(s, q, opt)
}

// loadTarget registers the views of a partition or a streaming root.
func loadTarget(s *session, target string, opt QueryOptions) error {
	abs, err := filepath.Abs(target)
	if err != nil || !isDir(abs) {
		return fmt.Errorf("%w: %s is not a folder", ErrTarget, target)
	}
	log, quiet := opt.Log, opt.Log.quiet()
	partition := filepath.Base(abs) == "output" || isFile(filepath.Join(abs, "observations.parquet")) || isDir(filepath.Join(abs, "output"))
	if !partition {
		_, list, _, err := loadFleet(s, abs, log)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return fmt.Errorf("%w: %s holds no partition (a folder with observations.parquet or output/)", ErrTarget, target)
		}
		return nil
	}
	dir, err := partitionDir(abs)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrTarget, err)
	}
	inputs := resolveInputs(dir, log.Warnf)
	for _, ip := range inputPaths {
		registerInput(s, inputs[ip.name], quiet)
	}
	stems, paths := extraParquet(dir, inputs, log.Warnf)
	for _, st := range stems {
		registerInput(s, &input{name: st, path: paths[st]}, quiet)
	}
	if err := createMacros(s); err != nil {
		return err
	}
	var features []string
	if sv := inputs[inSignalVector]; sv.usable() {
		features = presentFeatures(sv.cols)
	}
	sidecars := !inputs[inEigen].usable() && (inputs[inLoadingsRef].usable() || inputs[inFeatureLoadingsRef].usable())
	return createViews(s, inputs, viewDefs(features, sidecars), opt.IncludeOverlap, quiet)
}

// printQuery runs q and prints its rows in opt.Format.
func printQuery(s *session, q string, opt QueryOptions) error {
	limit := -1
	if opt.Limit > 0 {
		limit = opt.Limit
	}
	if opt.Format == "md" {
		t, err := s.table(q, limit)
		if err != nil {
			return err
		}
		if len(t.Columns) == 0 {
			return nil
		}
		var b strings.Builder
		t.Write(&b)
		_, err = io.WriteString(opt.Out, b.String())
		return err
	}
	rows, err := s.conn.QueryContext(s.ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	var w rowWriter
	switch opt.Format {
	case "csv":
		w = newCSVWriter(opt.Out, cols)
	case "json":
		w = &jsonWriter{out: opt.Out, cols: cols}
	default:
		return fmt.Errorf("unknown format %q (want md, csv or json)", opt.Format)
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for n := 0; rows.Next() && (limit < 0 || n < limit); n++ {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		if err := w.row(vals); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return w.close()
}

type rowWriter interface {
	row([]any) error
	close() error
}

// csvWriter writes RFC 4180 with a header; NULL is an empty field, numbers
// are formatted as in the reports.
type csvWriter struct{ w *csv.Writer }

func newCSVWriter(out io.Writer, cols []string) *csvWriter {
	w := csv.NewWriter(out)
	w.UseCRLF = true
	w.Write(cols)
	return &csvWriter{w: w}
}

func (c *csvWriter) row(vals []any) error {
	rec := make([]string, len(vals))
	for i, v := range vals {
		if v != nil {
			rec[i] = markdown.Text(v)
		}
	}
	return c.w.Write(rec)
}

func (c *csvWriter) close() error {
	c.w.Flush()
	return c.w.Error()
}

// jsonWriter writes one array of objects whose keys keep the column order;
// NaN and ±Inf, which JSON cannot hold, are null.
type jsonWriter struct {
	out  io.Writer
	cols []string
	n    int
}

func (j *jsonWriter) row(vals []any) error {
	var b strings.Builder
	if j.n == 0 {
		b.WriteString("[\n")
	} else {
		b.WriteString(",\n")
	}
	j.n++
	b.WriteString("  {")
	for i, v := range vals {
		if i > 0 {
			b.WriteString(", ")
		}
		key, _ := json.Marshal(j.cols[i])
		b.Write(key)
		b.WriteString(": ")
		b.WriteString(jsonValue(v))
	}
	b.WriteString("}")
	_, err := io.WriteString(j.out, b.String())
	return err
}

func (j *jsonWriter) close() error {
	if j.n == 0 {
		_, err := io.WriteString(j.out, "[]\n")
		return err
	}
	_, err := io.WriteString(j.out, "\n]\n")
	return err
}

func jsonValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return fmt.Sprint(x)
	case int8, int16, int32, int64, int, uint8, uint16, uint32, uint64, uint:
		return fmt.Sprint(x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "null"
		}
		return markdown.Float(x)
	case float32:
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return "null"
		}
		return markdown.Float32(x)
	}
	if bi, ok := v.(interface{ String() string }); ok && isBigInt(v) {
		return bi.String()
	}
	s, _ := json.Marshal(markdown.Text(v))
	return string(s)
}

func isBigInt(v any) bool {
	_, ok := v.(interface{ IsInt64() bool })
	return ok
}
