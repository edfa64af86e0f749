package classify

import (
	"fmt"
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"sp/lib/table"
)

// classColumn is one of the columns stage 3 adds (§6.12, 36–55).
type classColumn struct {
	name     string
	typ      arrow.DataType
	nullable bool
	appendTo func(b array.Builder, c *Class)
}

var stringList = arrow.ListOf(arrow.BinaryTypes.String)

var classColumns = []classColumn{
	{"is_discrete_sparse", arrow.FixedWidthTypes.Boolean, false, func(b array.Builder, c *Class) {
		b.(*array.BooleanBuilder).Append(c.IsDiscreteSparse)
	}},
	{"temporal_pattern", stringList, false, func(b array.Builder, c *Class) { appendList(b, c.TemporalPattern) }},
	{"temporal_primary", arrow.BinaryTypes.String, false, func(b array.Builder, c *Class) { appendLabel(b, c.TemporalPrimary) }},
	{"temporal_secondary", arrow.BinaryTypes.String, true, func(b array.Builder, c *Class) { appendLabel(b, c.TemporalSecondary) }},
	{"classification_confidence", arrow.BinaryTypes.String, false, func(b array.Builder, c *Class) { appendLabel(b, c.Confidence) }},
	{"spectral", arrow.BinaryTypes.String, false, func(b array.Builder, c *Class) { appendLabel(b, c.Spectral) }},
	{"dominant_frequency_is_artifact", arrow.FixedWidthTypes.Boolean, true, func(b array.Builder, c *Class) {
		bb := b.(*array.BooleanBuilder)
		if c.DominantFrequencyIsArtifact == nil {
			bb.AppendNull()
		} else {
			bb.Append(*c.DominantFrequencyIsArtifact)
		}
	}},
	{"dominant_frequency_corrected", arrow.PrimitiveTypes.Float64, true, func(b array.Builder, c *Class) {
		fb := b.(*array.Float64Builder)
		if c.DominantFrequencyCorrected == nil {
			fb.AppendNull()
		} else {
			fb.Append(*c.DominantFrequencyCorrected)
		}
	}},
	{"continuity", arrow.BinaryTypes.String, false, func(b array.Builder, c *Class) { appendLabel(b, c.Continuity) }},
	{"stationarity", arrow.BinaryTypes.String, false, func(b array.Builder, c *Class) { appendLabel(b, c.Stationarity) }},
	{"memory", arrow.BinaryTypes.String, true, func(b array.Builder, c *Class) { appendLabel(b, c.Memory) }},
	{"complexity", arrow.BinaryTypes.String, true, func(b array.Builder, c *Class) { appendLabel(b, c.Complexity) }},
	{"distribution", arrow.BinaryTypes.String, false, func(b array.Builder, c *Class) { appendLabel(b, c.Distribution) }},
	{"amplitude", arrow.BinaryTypes.String, false, func(b array.Builder, c *Class) { appendLabel(b, c.Amplitude) }},
	{"volatility", arrow.BinaryTypes.String, true, func(b array.Builder, c *Class) { appendLabel(b, c.Volatility) }},
	{"determinism", arrow.BinaryTypes.String, true, func(b array.Builder, c *Class) { appendLabel(b, c.Determinism) }},
	{"recommended_window", arrow.PrimitiveTypes.Int32, true, func(b array.Builder, c *Class) {
		ib := b.(*array.Int32Builder)
		if c.RecommendedWindow == nil {
			ib.AppendNull()
		} else {
			ib.Append(*c.RecommendedWindow)
		}
	}},
	{"derivative_depth", arrow.PrimitiveTypes.Int32, false, func(b array.Builder, c *Class) {
		b.(*array.Int32Builder).Append(c.DerivativeDepth)
	}},
	{"eigenvalue_budget", arrow.PrimitiveTypes.Int32, false, func(b array.Builder, c *Class) {
		b.(*array.Int32Builder).Append(c.EigenvalueBudget)
	}},
	{"engines", stringList, false, func(b array.Builder, c *Class) { appendList(b, c.Engines) }},
}

// appendLabel writes "" as null: labels are never empty.
func appendLabel(b array.Builder, s string) {
	sb := b.(*array.StringBuilder)
	if s == "" {
		sb.AppendNull()
	} else {
		sb.Append(s)
	}
}

func appendList(b array.Builder, items []string) {
	lb := b.(*array.ListBuilder)
	lb.Append(true)
	vb := lb.ValueBuilder().(*array.StringBuilder)
	for _, s := range items {
		vb.Append(s)
	}
}

func rawField(c column) arrow.Field {
	var t arrow.DataType
	switch c.kind {
	case kindString:
		t = arrow.BinaryTypes.String
	case kindInt:
		t = arrow.PrimitiveTypes.Int64
	case kindFloat:
		t = arrow.PrimitiveTypes.Float64
	case kindBool:
		t = arrow.FixedWidthTypes.Boolean
	}
	return arrow.Field{Name: c.name, Type: t, Nullable: c.nullable}
}

// Schema is the schema of typology.parquet (§6.12): the 35 typology_raw
// columns, then the 20 columns of the classification.
func Schema() *arrow.Schema {
	fields := RawSchema().Fields()
	for _, c := range classColumns {
		fields = append(fields, arrow.Field{Name: c.name, Type: c.typ, Nullable: c.nullable})
	}
	return arrow.NewSchema(fields, nil)
}

// Write writes typology.parquet atomically: rows[i] with classes[i], in
// the given order.
func Write(path string, rows []Raw, classes []Class) error {
	if len(rows) != len(classes) {
		return fmt.Errorf("write %s: %d rows but %d classifications", path, len(rows), len(classes))
	}
	b := array.NewRecordBuilder(memory.DefaultAllocator, Schema())
	defer b.Release()
	for i := range rows {
		r := &rows[i]
		for j, c := range rawColumns {
			appendRaw(b.Field(j), c, r)
		}
		for j, c := range classColumns {
			c.appendTo(b.Field(len(rawColumns)+j), &classes[i])
		}
	}
	rec := b.NewRecordBatch()
	defer rec.Release()
	return table.WriteFile(path, rec, nil)
}

// appendRaw passes a typology_raw value through: nulls of the nullable
// columns (cohort, acf_half_life) are written back as nulls.
func appendRaw(b array.Builder, c column, r *Raw) {
	switch c.kind {
	case kindString:
		if c.name == colCohort && r.CohortNull {
			b.AppendNull()
			return
		}
		b.(*array.StringBuilder).Append(*c.str(r))
	case kindInt:
		b.(*array.Int64Builder).Append(*c.int(r))
	case kindFloat:
		v := *c.float(r)
		if c.nullable && math.IsNaN(v) {
			b.AppendNull()
			return
		}
		b.(*array.Float64Builder).Append(v)
	case kindBool:
		b.(*array.BooleanBuilder).Append(*c.bool(r))
	}
}

// RawSchema is the schema of typology_raw.parquet (typology.md §5).
func RawSchema() *arrow.Schema {
	fields := make([]arrow.Field, len(rawColumns))
	for i, c := range rawColumns {
		fields[i] = rawField(c)
	}
	return arrow.NewSchema(fields, nil)
}

// WriteRaw writes rows as a typology_raw.parquet, atomically. Stage 2
// has its own writer; this one builds fixtures for tests and tools.
func WriteRaw(path string, rows []Raw) error {
	b := array.NewRecordBuilder(memory.DefaultAllocator, RawSchema())
	defer b.Release()
	for i := range rows {
		for j, c := range rawColumns {
			appendRaw(b.Field(j), c, &rows[i])
		}
	}
	rec := b.NewRecordBatch()
	defer rec.Release()
	return table.WriteFile(path, rec, nil)
}
