package plot

import (
	"bytes"
	"image"
	"image/png"
	"math"
	"testing"
)

func sample() Chart {
	x := []float64{0, 1, 2, 3, 4}
	return Chart{
		Title: "effective dimension", XLabel: "signal_0_end", YLabel: "effective_dim",
		Series: []Series{
			{Name: "shape", X: x, Y: []float64{2, 2.1, math.NaN(), 1.5, 1.4}},
			{Name: "spectral", X: x, Y: []float64{3, 3, 3, 3, 3}},
		},
		Guides: []float64{-2, 2},
	}
}

func TestPNGDeterministic(t *testing.T) {
	a, err := sample().PNG()
	if err != nil {
		t.Fatal(err)
	}
	b, err := sample().PNG()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two renderings of the same chart differ")
	}
	img, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds(); got != image.Rect(0, 0, 768, 432) {
		t.Errorf("size %v, want 768x432", got)
	}
	if !hasColour(img) {
		t.Error("no coloured (series) pixel in the image")
	}
}

func TestCategories(t *testing.T) {
	var names []string
	var y []float64
	for i := 0; i < 30; i++ {
		names = append(names, "2023-W"+string(rune('0'+i/10))+string(rune('0'+i%10)))
		y = append(y, float64(i%7))
	}
	x := make([]float64, len(y))
	for i := range x {
		x[i] = float64(i)
	}
	c := Chart{Title: "weeks", Series: []Series{{Name: "all", X: x, Y: y}}, Categories: names, Markers: true}
	if _, err := c.PNG(); err != nil {
		t.Fatal(err)
	}
	ticks := categoryTicks(names).Ticks(0, 29)
	labelled := 0
	for _, tk := range ticks {
		if tk.Label != "" {
			labelled++
		}
	}
	if len(ticks) != 30 || labelled != 10 { // step = ceil(30/12) = 3
		t.Errorf("%d ticks, %d labelled; want 30 and 10", len(ticks), labelled)
	}
}

func TestNoPoints(t *testing.T) {
	c := Chart{Title: "empty", Series: []Series{{Name: "nan", X: []float64{1}, Y: []float64{math.NaN()}}}}
	if _, err := c.PNG(); err == nil {
		t.Error("a chart without finite points must fail")
	}
}

// hasColour reports whether some pixel is clearly not grey.
func hasColour(img image.Image) bool {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			hi, lo := max(r, g, bl), min(r, g, bl)
			if hi-lo > 0x4000 {
				return true
			}
		}
	}
	return false
}
