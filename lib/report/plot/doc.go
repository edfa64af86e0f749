// Package plot draws the line charts that sp-sql embeds in its reports
// (effective dimension and eigenvalue 1 over the windows of a week, the
// drift of single signals, fleet values per week) as PNG images with
// gonum.org/v1/plot.
//
// The images are deterministic: the same series give the same bytes (fixed
// size, resolution, fonts and colours; PNG has no timestamp).
package plot
