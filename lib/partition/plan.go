package partition

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"

	"sp/lib/config"
	"sp/lib/filelist"
)

// Plan is the partitioning of a raw file tree.
type Plan struct {
	Config     *config.Config
	Layout     Layout
	Partitions []Partition // sorted by name
}

// Partition is one partition and its raw files in ingest order.
type Partition struct {
	Name  string
	Files []filelist.Entry
}

// rawFile is a raw file found under raw_dir.
type rawFile struct {
	entry filelist.Entry
	when  time.Time
}

// Discover finds the raw files of cfg and groups them into partitions.
// Config problems (no files, unparsable names) are *config.Error.
func Discover(cfg *config.Config) (*Plan, error) {
	files, err := findRawFiles(cfg)
	if err != nil {
		return nil, err
	}
	key := keyFunc(cfg.Partitioning.Strategy)
	byName := map[string][]rawFile{}
	for _, f := range files {
		name := key(f.when)
		byName[name] = append(byName[name], f)
	}
	plan := &Plan{Config: cfg, Layout: Layout{Out: cfg.Paths.OutputDir}}
	for name, fs := range byName {
		sort.Slice(fs, func(i, j int) bool {
			if !fs[i].when.Equal(fs[j].when) {
				return fs[i].when.Before(fs[j].when)
			}
			return fs[i].entry.Path < fs[j].entry.Path
		})
		p := Partition{Name: name}
		for _, f := range fs {
			p.Files = append(p.Files, f.entry)
		}
		plan.Partitions = append(plan.Partitions, p)
	}
	sort.Slice(plan.Partitions, func(i, j int) bool { return plan.Partitions[i].Name < plan.Partitions[j].Name })
	return plan, nil
}

func findRawFiles(cfg *config.Config) ([]rawFile, error) {
	root := cfg.Paths.RawDir
	cfgErr := func(key, msg string, a ...any) error {
		return &config.Error{File: cfg.File, Key: key, Msg: fmt.Sprintf(msg, a...)}
	}
	if st, err := os.Stat(root); err != nil || !st.IsDir() {
		return nil, cfgErr("paths.raw_dir", "%s is not a readable folder", root)
	}
	if !doublestar.ValidatePattern(cfg.Paths.FilePattern) {
		return nil, cfgErr("paths.file_pattern", "%q is not a valid glob", cfg.Paths.FilePattern)
	}
	var parseName func(string) (time.Time, error)
	if cfg.Partitioning.TimeSource == "filename" {
		var err error
		if parseName, err = cfg.TimeParser(); err != nil {
			return nil, err
		}
	}
	loc := cfg.Location()
	var out []rawFile
	var badNames []string
	err := doublestar.GlobWalk(os.DirFS(root), cfg.Paths.FilePattern, func(rel string, d fs.DirEntry) error {
		info, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			return err
		}
		if !info.Mode().IsRegular() {
			return nil
		}
		f := rawFile{entry: filelist.Entry{Path: rel, Size: info.Size(), ModTime: info.ModTime().UTC()}}
		if parseName != nil {
			if f.when, err = parseName(rel); err != nil {
				badNames = append(badNames, err.Error())
				return nil
			}
		} else {
			f.when = info.ModTime().In(loc)
		}
		out = append(out, f)
		return nil
	}, doublestar.WithFilesOnly(), doublestar.WithFailOnIOErrors())
	if err != nil {
		return nil, fmt.Errorf("scan %s: %w", root, err)
	}
	if len(badNames) > 0 {
		more := ""
		if len(badNames) > 3 {
			more = fmt.Sprintf(" (and %d more)", len(badNames)-3)
			badNames = badNames[:3]
		}
		return nil, cfgErr("partitioning.time_regex", "%s%s", strings.Join(badNames, "; "), more)
	}
	if len(out) == 0 {
		return nil, cfgErr("paths.file_pattern", "no file under %s matches %q", root, cfg.Paths.FilePattern)
	}
	return out, nil
}

// keyFunc names the partition of a time.
func keyFunc(strategy string) func(time.Time) string {
	switch strategy {
	case "daily":
		return func(t time.Time) string { return t.Format("2006-01-02") }
	case "monthly":
		return func(t time.Time) string { return t.Format("2006-01") }
	}
	return func(t time.Time) string {
		y, w := t.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w)
	}
}

// Index returns the position of the named partition, or -1.
func (p *Plan) Index(name string) int {
	for i, q := range p.Partitions {
		if q.Name == name {
			return i
		}
	}
	return -1
}

// RawFiles counts the plan's raw files.
func (p *Plan) RawFiles() int {
	n := 0
	for _, q := range p.Partitions {
		n += len(q.Files)
	}
	return n
}

// Load reads a plan back from disk (the files.txt of every partition
// folder), for status and clean, without scanning raw_dir.
func Load(cfg *config.Config) (*Plan, error) {
	plan := &Plan{Config: cfg, Layout: Layout{Out: cfg.Paths.OutputDir}}
	dirs, err := os.ReadDir(plan.Layout.PartitionsDir())
	if errors.Is(err, os.ErrNotExist) {
		return plan, nil
	}
	if err != nil {
		return nil, err
	}
	for _, d := range dirs {
		if !d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			continue
		}
		list := plan.Layout.Files(d.Name())
		f, err := os.Open(list)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		entries, err := filelist.Parse(list, f)
		f.Close()
		if err != nil {
			return nil, err
		}
		plan.Partitions = append(plan.Partitions, Partition{Name: d.Name(), Files: entries})
	}
	return plan, nil
}

// RawPath returns the absolute path of a files.txt entry.
func RawPath(rawDir string, e filelist.Entry) string {
	if path.IsAbs(e.Path) || filepath.IsAbs(e.Path) {
		return e.Path
	}
	return filepath.Join(rawDir, filepath.FromSlash(e.Path))
}
