// Package classify is stage 3 of the pipeline (typology.md §6): it turns
// each row of typology_raw.parquet (31 measures of one signal) into the
// row of typology.parquet: the raw columns passed through, the dual
// temporal classification, nine further dimensions, window fields and the
// engine list.
//
// The decision logic is a pure function of one row, Classify(Raw) Class,
// with the steps of §6.2 as small functions (constantGate,
// discreteSparse, continuousPrimary, overlapSecondary, ...). Every
// threshold comparison follows the rule of §0: a NaN or null operand makes
// the condition false. Go's float comparisons already behave that way, so
// the rules are written only as positive comparisons (never as a negated
// one), and null inputs are carried as NaN.
//
// Around it sits a thin file layer: Table reads a typology_raw.parquet or
// typology.parquet written by any tool (lenient about integer and float
// widths, string encodings, the reference's missing extension columns),
// ReadRaw validates and converts its rows, Write writes typology.parquet
// with the exact schema of §6.12 through package table, and Run does the
// whole stage. A typology has one row per signal, so the stage holds the
// rows in memory; it uses no goroutines.
package classify
