// Package filelist reads and writes files.txt, the list of one
// partition's raw files that sp-partition writes and sp-ingest reads
// (pipeline.md §4).
//
// Format (UTF-8 text, one file per line, in ingest order):
//
//	# sp files v1: size<TAB>mtime<TAB>path
//	66061231	2023-01-02T10:00:00.5Z	2023/01/lumo_20230102_100000.mat
//
// size is in bytes; mtime is RFC 3339 in UTC with the file system's
// precision; path is relative to paths.raw_dir, with forward slashes, so
// the partition folder holds no absolute path. A path that contains a tab,
// a newline, or starts with a double quote or '#' is written as a Go
// double-quoted string. Lines starting with '#' and blank lines are
// comments. Size and mtime are there so that a raw file that changes also
// changes this file, and make redoes exactly that partition.
package filelist

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Header is the first line of every files.txt.
const Header = "# sp files v1: size<TAB>mtime<TAB>path (relative to paths.raw_dir)"

// Entry is one raw file.
type Entry struct {
	Path    string // relative to raw_dir, slash-separated (absolute only if given so)
	Size    int64
	ModTime time.Time
}

// Format renders entries as files.txt.
func Format(entries []Entry) []byte {
	var b strings.Builder
	b.WriteString(Header + "\n")
	for _, e := range entries {
		p := e.Path
		if strings.ContainsAny(p, "\t\n\r") || strings.HasPrefix(p, `"`) || strings.HasPrefix(p, "#") || strings.TrimSpace(p) != p {
			p = strconv.Quote(p)
		}
		fmt.Fprintf(&b, "%d\t%s\t%s\n", e.Size, e.ModTime.UTC().Format(time.RFC3339Nano), p)
	}
	return []byte(b.String())
}

// Parse reads a files.txt; name is used in errors.
func Parse(name string, r io.Reader) ([]Entry, error) {
	var out []Entry
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		e, err := parseLine(text)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v (want size<TAB>mtime<TAB>path)", name, line, err)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

func parseLine(text string) (Entry, error) {
	fields := strings.SplitN(text, "\t", 3)
	if len(fields) != 3 {
		return Entry{}, fmt.Errorf("%d tab-separated fields, want 3", len(fields))
	}
	size, err := strconv.ParseInt(fields[0], 10, 64)
	if err != nil || size < 0 {
		return Entry{}, fmt.Errorf("size %q is not a byte count", fields[0])
	}
	mtime, err := time.Parse(time.RFC3339Nano, fields[1])
	if err != nil {
		return Entry{}, fmt.Errorf("mtime %q is not an RFC 3339 time", fields[1])
	}
	path := fields[2]
	if strings.HasPrefix(path, `"`) {
		if path, err = strconv.Unquote(path); err != nil {
			return Entry{}, fmt.Errorf("path %s is not a valid quoted string", fields[2])
		}
	}
	if path == "" {
		return Entry{}, fmt.Errorf("empty path")
	}
	return Entry{Path: path, Size: size, ModTime: mtime}, nil
}
