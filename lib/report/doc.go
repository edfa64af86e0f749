// Package report is stage 6 of the pipeline (sql.md): DuckDB reports of
// one partition, fleet reports across partitions, and ad-hoc queries.
//
// RunPartition registers a partition's inputs as DuckDB views (the
// project's flat layout or the reference's sub-folders, sql.md §3.1),
// builds normalised n_* views from their actual schemas so that every
// query binds whatever columns a file lacks (§4.3), fills the shared
// observation tables (§4.4), then runs the eleven core reports (§5) on one
// connection and writes them as markdown into output/sql, with pictures
// (package plot) next to them, atomically, and the stamp output/sql/.done
// last. A section whose input is missing says "Skipped", one whose query
// fails says "Error" and makes the run fail; the other sections and
// reports are still written.
//
// The observation tables are not computed by DuckDB scans of the week
// (one per table in the spec's SQL) but by two streaming passes in Go
// (package obsstats), which also produce the thinned sample's quartiles
// and the aligned pair correlations of report 06; the results are loaded
// into DuckDB tables with the spec's column names, and tests check them
// against the spec's own SQL. Every other query is the spec's text.
//
// RunFleet discovers the partitions of a streaming root, creates all_<name>
// views over explicit file lists (union_by_name, with a partition column)
// and writes the fleet reports F0–F4 (§6). Query runs one statement over a
// partition or a root and prints md, csv or json.
//
// Goroutines: the obsstats passes run one worker per thread, each with its
// own obs.Reader, over whole signals; pair correlations are spread the same
// way. All SQL runs on a single DuckDB connection (TEMP objects are
// connection-scoped); DuckDB parallelises inside a query. Results are
// collected by index and every query orders its rows completely, so the
// files do not depend on the thread count.
package report
