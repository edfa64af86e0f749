package plot

import (
	"bytes"
	"fmt"
	"image/color"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Series is one named line. Points whose X or Y is not finite are left
// out (a NULL in the query result).
type Series struct {
	Name string
	X, Y []float64
}

// Chart is a line chart.
type Chart struct {
	Title, XLabel, YLabel string
	Series                []Series
	// Categories, when set, label x = 0, 1, ... (e.g. partition names);
	// at most about a dozen are written so that they stay legible.
	Categories []string
	// Guides are horizontal reference lines (e.g. an envelope at ±2).
	Guides []float64
	// Markers draws a dot at every point (useful for few points).
	Markers bool
}

// Size of every image: 8 × 4.5 inches at 96 dpi (768 × 432 pixels).
const (
	width  = 8 * vg.Inch
	height = 4.5 * vg.Inch
	dpi    = 96
)

// PNG renders the chart. A chart without any finite point is an error.
func (c Chart) PNG() ([]byte, error) {
	p := gplot.New()
	p.Title.Text = c.Title
	p.X.Label.Text = c.XLabel
	p.Y.Label.Text = c.YLabel
	p.Add(plotter.NewGrid())
	legend := gplot.NewLegend()
	legend.Top, legend.Left = true, true
	points := 0
	for i, s := range c.Series {
		xys := finite(s)
		if len(xys) == 0 {
			continue
		}
		points += len(xys)
		line, err := plotter.NewLine(xys)
		if err != nil {
			return nil, fmt.Errorf("plot %q, series %q: %w", c.Title, s.Name, err)
		}
		line.Color = plotutil.Color(i)
		line.Dashes = plotutil.Dashes(i / len(plotutil.DefaultColors))
		line.Width = vg.Points(1.5)
		p.Add(line)
		legend.Add(s.Name, line)
		if c.Markers {
			sc, err := plotter.NewScatter(xys)
			if err != nil {
				return nil, err
			}
			sc.Color = line.Color
			sc.Shape = draw.CircleGlyph{}
			sc.Radius = vg.Points(2.5)
			p.Add(sc)
		}
	}
	if points == 0 {
		return nil, fmt.Errorf("plot %q: no finite points", c.Title)
	}
	for _, g := range c.Guides {
		fn := plotter.NewFunction(func(float64) float64 { return g })
		fn.Color = color.Gray{Y: 96}
		fn.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		p.Add(fn)
		p.Y.Min, p.Y.Max = math.Min(p.Y.Min, g), math.Max(p.Y.Max, g)
	}
	pad := 0.05 * (p.Y.Max - p.Y.Min)
	if pad == 0 {
		pad = 0.5
	}
	p.Y.Min, p.Y.Max = p.Y.Min-pad, p.Y.Max+pad
	if len(c.Categories) > 0 {
		p.X.Tick.Marker = categoryTicks(c.Categories)
		p.X.Min, p.X.Max = -0.5, float64(len(c.Categories))-0.5
	}
	canvas := vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(dpi))
	dc := draw.New(canvas)
	// The legend gets its own column on the right so that it never hides
	// a line.
	lw := legend.Rectangle(dc).Size().X + vg.Points(18)
	p.Draw(draw.Crop(dc, 0, -lw, 0, 0))
	legend.Draw(draw.Crop(dc, width-lw+vg.Points(6), 0, 0, -vg.Points(24)))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: canvas}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("plot %q: %w", c.Title, err)
	}
	return buf.Bytes(), nil
}

func finite(s Series) plotter.XYs {
	var xys plotter.XYs
	for i := range s.X {
		x, y := s.X[i], s.Y[i]
		if math.IsNaN(x) || math.IsInf(x, 0) || math.IsNaN(y) || math.IsInf(y, 0) {
			continue
		}
		xys = append(xys, plotter.XY{X: x, Y: y})
	}
	return xys
}

// categoryTicks labels every step-th category so that at most 12 labels
// are written.
func categoryTicks(names []string) gplot.Ticker {
	step := max(1, (len(names)+11)/12)
	return gplot.TickerFunc(func(min, max float64) []gplot.Tick {
		var ticks []gplot.Tick
		for i, n := range names {
			t := gplot.Tick{Value: float64(i)}
			if i%step == 0 {
				t.Label = n
			}
			ticks = append(ticks, t)
		}
		return ticks
	})
}
