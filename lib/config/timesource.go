package config

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// TimeParser returns the function that reads a recording time from a raw
// file's path (relative to raw_dir, slash-separated) when
// partitioning.time_source is "filename". time_regex is matched anywhere
// in the path and either has exactly one capture group, parsed with
// time_layout (a Go layout such as "20060102_150405"), or named groups
// among year, month, day, hour, minute, second (year, month and day
// required), which need no layout. Times are read in partitioning.timezone.
func (c *Config) TimeParser() (func(rel string) (time.Time, error), error) {
	p := c.Partitioning
	bad := func(key, msg string, a ...any) error {
		return &Error{File: c.File, Key: key, Msg: fmt.Sprintf(msg, a...)}
	}
	if p.TimeRegex == "" {
		return nil, bad("partitioning.time_regex", "required when time_source is filename")
	}
	re, err := regexp.Compile(p.TimeRegex)
	if err != nil {
		return nil, bad("partitioning.time_regex", "not a valid regular expression: %v", err)
	}
	loc := c.Location()
	names := re.SubexpNames()
	named := map[string]int{}
	for i, n := range names {
		if n != "" {
			named[n] = i
		}
	}
	nomatch := func(rel string) error {
		return fmt.Errorf("%s: partitioning.time_regex %q does not match", rel, p.TimeRegex)
	}
	if len(named) == 0 {
		if re.NumSubexp() != 1 {
			return nil, bad("partitioning.time_regex", "needs exactly one capture group (or named groups year, month, day...), has %d", re.NumSubexp())
		}
		if p.TimeLayout == "" {
			return nil, bad("partitioning.time_layout", "required with an unnamed capture group (a Go layout, e.g. 20060102_150405)")
		}
		return func(rel string) (time.Time, error) {
			m := re.FindStringSubmatch(rel)
			if m == nil {
				return time.Time{}, nomatch(rel)
			}
			t, err := time.ParseInLocation(p.TimeLayout, m[1], loc)
			if err != nil {
				return time.Time{}, fmt.Errorf("%s: %q does not parse with partitioning.time_layout %q", rel, m[1], p.TimeLayout)
			}
			return t, nil
		}, nil
	}
	for n := range named {
		switch n {
		case "year", "month", "day", "hour", "minute", "second":
		default:
			return nil, bad("partitioning.time_regex", "unknown group name %q (use year, month, day, hour, minute, second)", n)
		}
	}
	for _, n := range []string{"year", "month", "day"} {
		if _, ok := named[n]; !ok {
			return nil, bad("partitioning.time_regex", "named groups need year, month and day; %q is missing", n)
		}
	}
	return func(rel string) (time.Time, error) {
		m := re.FindStringSubmatch(rel)
		if m == nil {
			return time.Time{}, nomatch(rel)
		}
		part := func(n string) (int, error) {
			i, ok := named[n]
			if !ok || m[i] == "" {
				return 0, nil
			}
			v, err := strconv.Atoi(m[i])
			if err != nil {
				return 0, fmt.Errorf("%s: group %s = %q is not a number", rel, n, m[i])
			}
			return v, nil
		}
		var f [6]int
		for i, n := range []string{"year", "month", "day", "hour", "minute", "second"} {
			if f[i], err = part(n); err != nil {
				return time.Time{}, err
			}
		}
		t := time.Date(f[0], time.Month(f[1]), f[2], f[3], f[4], f[5], 0, loc)
		if t.Month() != time.Month(f[1]) || t.Day() != f[2] {
			return time.Time{}, fmt.Errorf("%s: %04d-%02d-%02d is not a date", rel, f[0], f[1], f[2])
		}
		return t, nil
	}, nil
}
