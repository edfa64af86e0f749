package report

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"os"
	"strings"

	"github.com/duckdb/duckdb-go/v2"

	"sp/lib/report/markdown"
)

// session is one in-memory DuckDB database and the one connection every
// statement runs on: TEMP views, tables and macros are connection-scoped,
// so a pooled *sql.DB could hand a later statement to a connection that
// has none of them (sql.md §4.2).
type session struct {
	ctx  context.Context
	db   *sql.DB
	conn *sql.Conn
	tmp  string // DuckDB's spill folder, removed on close
}

// openSession opens the database; threads > 0 sets DuckDB's thread count,
// memoryLimit its memory_limit ("": DefaultMemoryLimit).
func openSession(ctx context.Context, threads int, memoryLimit string) (*session, error) {
	if memoryLimit == "" {
		memoryLimit = DefaultMemoryLimit
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return nil, fmt.Errorf("open DuckDB: %w", err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open DuckDB connection: %w", err)
	}
	s := &session{ctx: ctx, db: db, conn: conn}
	// DuckDB would take up to 80% of RAM; a LUMO week's signal_vector and
	// eigendecomposition are larger than that, so operators spill to disk
	// beyond the limit instead.
	tmp, err := os.MkdirTemp("", "sp-sql-duckdb-")
	if err != nil {
		s.close()
		return nil, err
	}
	s.tmp = tmp
	for _, stmt := range []string{
		fmt.Sprintf("SET memory_limit = '%s'", strings.ReplaceAll(memoryLimit, "'", "''")),
		"SET temp_directory = '" + strings.ReplaceAll(tmp, "'", "''") + "'",
		"SET preserve_insertion_order = false",
	} {
		if err := s.exec(stmt); err != nil {
			s.close()
			return nil, err
		}
	}
	if threads > 0 {
		if err := s.exec(fmt.Sprintf("SET threads = %d", threads)); err != nil {
			s.close()
			return nil, err
		}
	}
	return s, nil
}

func (s *session) close() {
	s.conn.Close()
	s.db.Close()
	if s.tmp != "" {
		os.RemoveAll(s.tmp)
	}
}

// DefaultMemoryLimit is DuckDB's memory_limit unless the options set one.
const DefaultMemoryLimit = "256MB"

// exec runs one statement.
func (s *session) exec(stmt string) error {
	_, err := s.conn.ExecContext(s.ctx, stmt)
	return err
}

// table runs a query and keeps the first limit rows as cell text (limit
// < 0: all of them) while counting every row.
func (s *session) table(query string, limit int) (*markdown.Table, error) {
	rows, err := s.conn.QueryContext(s.ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	t := &markdown.Table{Columns: make([]string, len(cols)), Numeric: make([]bool, len(cols))}
	for i, c := range cols {
		t.Columns[i] = c.Name()
		t.Numeric[i] = isNumericType(c.DatabaseTypeName())
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		t.Total++
		if limit >= 0 && len(t.Rows) >= limit {
			continue
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make([]string, len(vals))
		for i, v := range vals {
			row[i] = markdown.Cell(v)
		}
		t.Rows = append(t.Rows, row)
	}
	return t, rows.Err()
}

// values runs a query and returns every row as driver values (for the
// small results that Go itself uses: column lists, plot series, k).
func (s *session) values(query string) ([][]any, error) {
	rows, err := s.conn.QueryContext(s.ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out [][]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out = append(out, vals)
	}
	return out, rows.Err()
}

// column is one column of a relation as DESCRIBE reports it.
type column struct{ name, typ string }

// describe lists the columns of a view or table.
func (s *session) describe(rel string) ([]column, error) {
	rows, err := s.values("DESCRIBE " + quoteIdent(rel))
	if err != nil {
		return nil, err
	}
	out := make([]column, len(rows))
	for i, r := range rows {
		out[i] = column{name: markdown.Text(r[0]), typ: markdown.Text(r[1])}
	}
	return out, nil
}

// appender streams rows into an existing TEMP table of the connection.
func (s *session) appender(table string, fill func(a *duckdb.Appender) error) error {
	return s.conn.Raw(func(dc any) error {
		a, err := duckdb.NewAppender(dc.(driver.Conn), "temp", "main", table)
		if err != nil {
			return fmt.Errorf("append to %s: %w", table, err)
		}
		if err := fill(a); err != nil {
			a.Close()
			return fmt.Errorf("append to %s: %w", table, err)
		}
		if err := a.Close(); err != nil {
			return fmt.Errorf("append to %s: %w", table, err)
		}
		return nil
	})
}

func isNumericType(t string) bool {
	switch {
	case strings.HasPrefix(t, "DECIMAL"):
		return true
	case strings.HasSuffix(t, "[]"):
		return false
	}
	switch t {
	case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
		"UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE", "REAL":
		return true
	}
	return false
}

// quoteIdent double-quotes an SQL identifier.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// quoteString single-quotes an SQL string literal.
func quoteString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
