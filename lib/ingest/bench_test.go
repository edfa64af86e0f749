package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"

	"sync"
	"testing"

	"sp/lib/inflate"
	"sp/lib/matfile"
	"sp/lib/synth"
)

// benchFiles returns the MAT files to convert: those of SP_BENCH_FILES (a
// glob, as scripts/bench.sh sets it), else three LUMO-like files (22
// channels at 1651 Hz, MAT v7 at MATLAB's zlib level 6) of one minute.
func benchFiles(b *testing.B) []string {
	if glob := os.Getenv("SP_BENCH_FILES"); glob != "" {
		files, err := filepath.Glob(glob)
		if err != nil || len(files) == 0 {
			b.Fatalf("SP_BENCH_FILES=%s matches nothing", glob)
		}
		sort.Strings(files)
		return files
	}
	dir := b.TempDir()
	o := synth.Options{Weeks: 1, FilesPerWeek: 3, Channels: 22, Rate: 1651, Seconds: 60, Seed: 7,
		Start: synth.Defaults().Start, ZlibLevel: 6}
	written, err := o.Write(dir, matfile.V7, runtime.NumCPU())
	if err != nil {
		b.Fatal(err)
	}
	var files []string
	for _, f := range written {
		files = append(files, filepath.Join(dir, filepath.FromSlash(f.RelPath)))
	}
	return files
}

// decodedBytes is what the files hold as float64.
func decodedBytes(b *testing.B, files []string) int64 {
	var n int64
	for _, path := range files {
		f, err := matfile.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		for {
			v, err := f.Next()
			if err != nil {
				break
			}
			if v.Skip == "" {
				n += int64(v.Len()) * 8
			}
		}
		f.Close()
	}
	return n
}

// BenchmarkRun converts the files to observations.parquet with all cores;
// SetBytes counts decoded float64 bytes, the unit of the ingest target.
func BenchmarkRun(b *testing.B) {
	files := benchFiles(b)
	var sources []Source
	for _, f := range files {
		sources = append(sources, Source{Path: f})
	}
	out := filepath.Join(b.TempDir(), "observations.parquet")
	b.SetBytes(decodedBytes(b, files))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Run(sources, out, "", Options{Threads: runtime.NumCPU()}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if st, err := os.Stat(out); err == nil {
		b.ReportMetric(float64(st.Size())*8/float64(decodedBytes(b, files)), "out-bytes/sample")
	}
}

// BenchmarkInflateCeiling inflates the same files' compressed variables
// with libdeflate and nothing else, on all cores: the most a MAT v7
// decoder built on it can do. BenchmarkRun's MB/s divided by this one's is
// the share of the ceiling that ingest reaches.
func BenchmarkInflateCeiling(b *testing.B) {
	type element struct {
		data []byte
		out  int
	}
	var elems []element
	for _, path := range benchFiles(b) {
		raw, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		f, _ := matfile.Open(path)
		for {
			v, err := f.Next()
			if err != nil {
				break
			}
			if v.Compressed {
				elems = append(elems, element{raw[v.Offset+8 : v.Offset+v.Size], v.Len()*8 + 4096})
			}
		}
		f.Close()
	}
	if len(elems) == 0 {
		b.Skip("no compressed variables (MAT v5 or v4 files)")
	}
	var total int64
	for _, e := range elems {
		total += int64(e.out - 4096)
	}
	b.SetBytes(total)
	threads := runtime.NumCPU()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var wg sync.WaitGroup
		for t := range threads {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var dst []byte
				for j := t; j < len(elems); j += threads {
					if cap(dst) < elems[j].out {
						dst = make([]byte, elems[j].out)
					}
					if _, _, err := inflate.Zlib(dst[:elems[j].out], elems[j].data); err != nil {
						panic(fmt.Sprint("inflate: ", err))
					}
				}
			}()
		}
		wg.Wait()
	}
}
