// Package markdown renders the reports of sp-sql (sql.md §4.5): report
// title, context line, sections with a description, optional images and a
// body that is a table, "no rows", "skipped" or "error".
//
// Cell text follows fixed rules so that the same values always give the
// same bytes: NULL prints NULL, floats print like Python's repr (the
// reference printed pandas values), strings have pipes escaped and line
// breaks flattened. Tables are padded so that the raw text lines up in a
// terminal, numeric columns right-aligned; the row cap and the full row
// count are stated under every table.
package markdown
