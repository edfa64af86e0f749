package filelist

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestRoundTrip(t *testing.T) {
	entries := []Entry{
		{Path: "2023/a.mat", Size: 66061231, ModTime: time.Date(2023, 1, 2, 10, 0, 0, 500_000_000, time.UTC)},
		{Path: "odd\tname\nwith newline.mat", Size: 0, ModTime: time.Unix(0, 1).UTC()},
		{Path: "#hash.mat", Size: 1, ModTime: time.Unix(5, 0).UTC()},
		{Path: " leading space.mat", Size: 2, ModTime: time.Unix(6, 0).UTC()},
		{Path: "ünïcode dir/x y.mat", Size: 3, ModTime: time.Unix(7, 0).UTC()},
	}
	text := Format(entries)
	if !strings.HasPrefix(string(text), Header+"\n66061231\t2023-01-02T10:00:00.5Z\t2023/a.mat\n") {
		t.Fatalf("format:\n%s", text)
	}
	got, err := Parse("files.txt", bytes.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(entries) {
		t.Fatalf("got %d entries", len(got))
	}
	for i := range entries {
		if got[i].Path != entries[i].Path || got[i].Size != entries[i].Size || !got[i].ModTime.Equal(entries[i].ModTime) {
			t.Errorf("entry %d: got %+v want %+v", i, got[i], entries[i])
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"12\t2023-01-01T00:00:00Z\n", "files.txt:1: 2 tab-separated fields"},
		{"# c\nx\t2023-01-01T00:00:00Z\ta\n", `files.txt:2: size "x" is not a byte count`},
		{"1\tyesterday\ta\n", `mtime "yesterday"`},
		{"1\t2023-01-01T00:00:00Z\t\"unterminated\n", "not a valid quoted string"},
	} {
		_, err := Parse("files.txt", strings.NewReader(tc.text))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) err = %v, want %q", tc.text, err, tc.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(string(Format([]Entry{{Path: "a b.mat", Size: 3, ModTime: time.Unix(1, 0)}})))
	f.Add("1\t2023-01-01T00:00:00Z\t\"q\\tx\"\n")
	f.Fuzz(func(t *testing.T, text string) {
		entries, err := Parse("f", strings.NewReader(text))
		if err != nil {
			return
		}
		again, err := Parse("f", bytes.NewReader(Format(entries)))
		if err != nil || len(again) != len(entries) {
			t.Fatalf("reformatted list does not parse back: %v", err)
		}
		for i := range entries {
			if again[i].Path != entries[i].Path || again[i].Size != entries[i].Size || !again[i].ModTime.Equal(entries[i].ModTime) {
				t.Fatalf("entry %d changed: %+v -> %+v", i, entries[i], again[i])
			}
		}
	})
}
