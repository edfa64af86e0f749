package ingest

import (
	"encoding/json"
	"fmt"
	"os"
)

// Report is ingest_report.json: what one conversion read, wrote and
// skipped, and why. It holds no wall-clock value, so it is as
// reproducible as the observations it describes.
type Report struct {
	Files        []FileReport   `json:"files"`
	SkippedFiles []SkippedFile  `json:"skipped_files"`
	Signals      []SignalReport `json:"signals"`
	Rows         int64          `json:"rows"`
	SamplingRate float64        `json:"sampling_rate,omitempty"` // converter.sampling_rate, for the record
}

// FileReport is one raw file that was converted.
type FileReport struct {
	Path             string       `json:"path"`
	Cohort           string       `json:"cohort"`
	Signals          []FileSignal `json:"signals"`
	SkippedVariables []SkippedVar `json:"skipped_variables,omitempty"`
	MissingSignals   []string     `json:"missing_signals,omitempty"` // in other files of the run but not in this one
	Warnings         []string     `json:"warnings,omitempty"`
}

// FileSignal is one signal taken from a file.
type FileSignal struct {
	SignalID string `json:"signal_id"`
	Samples  int64  `json:"samples"`
}

// SkippedVar is a variable that was not ingested.
type SkippedVar struct {
	Name   string `json:"name"`
	Class  string `json:"class"`
	Shape  string `json:"shape"`
	Reason string `json:"reason"`
}

// SkippedFile is a raw file that contributed nothing.
type SkippedFile struct {
	Path  string `json:"path"`
	Error string `json:"error"`
}

// SignalReport is one signal's total over the run.
type SignalReport struct {
	Cohort   string `json:"cohort"`
	SignalID string `json:"signal_id"`
	Samples  int64  `json:"samples"`
	Files    int    `json:"files"`
}

// ReadReport loads an ingest_report.json.
func ReadReport(path string) (*Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r Report
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &r, nil
}
