package inflate

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	kzlib "github.com/klauspost/compress/zlib"
)

// lumoLikeElement returns one LUMO-like channel as MATLAB would store it:
// 990,600 little-endian float64 samples (10 minutes at 1651 Hz) of three
// sinusoids plus Gaussian noise, quantised like a 16-bit ADC at ±4 g and
// scaled to m/s², and its zlib compression at level 6 (MATLAB's -v7 save
// uses zlib's default level). The quantisation gives a compression ratio
// of about 2.5, close to the LUMO files (174 MB of float64 in ~66 MB).
var lumoLikeElement = sync.OnceValues(func() (raw, comp []byte) {
	const n = 990_600
	const step = 8.0 / 65536 // g per ADC count
	rng := rand.New(rand.NewPCG(7, 1))
	raw = make([]byte, 8*n)
	for i := range n {
		t := float64(i) / 1651
		g := 0.3*math.Sin(2*math.Pi*12.5*t) + 0.1*math.Sin(2*math.Pi*50*t+1) +
			0.05*math.Sin(2*math.Pi*3.1*t) + 0.02*rng.NormFloat64()
		v := math.Round(g/step) * step * 9.80665
		binary.LittleEndian.PutUint64(raw[8*i:], math.Float64bits(v))
	}
	var buf bytes.Buffer
	w, _ := zlib.NewWriterLevel(&buf, 6)
	w.Write(raw)
	w.Close()
	return raw, buf.Bytes()
})

func benchmarkInflate(b *testing.B, inflate func(dst, src []byte) error) {
	raw, comp := lumoLikeElement()
	dst := make([]byte, len(raw))
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if err := inflate(dst, comp); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(raw))/float64(len(comp)), "ratio")
	if !bytes.Equal(dst, raw) {
		b.Fatal("wrong output")
	}
}

// BenchmarkLUMOElement compares the decoders on one LUMO-like element;
// MB/s is decompressed bytes per second on one core.
func BenchmarkLUMOElement(b *testing.B) {
	b.Run("libdeflate", func(b *testing.B) {
		benchmarkInflate(b, func(dst, src []byte) error {
			_, _, err := Zlib(dst, src)
			return err
		})
	})
	// The Go decoders reuse one reader (Reset), as a careful caller would.
	b.Run("stdlib", func(b *testing.B) {
		var r io.ReadCloser
		benchmarkInflate(b, func(dst, src []byte) (err error) {
			if r == nil {
				r, err = zlib.NewReader(bytes.NewReader(src))
			} else {
				err = r.(zlib.Resetter).Reset(bytes.NewReader(src), nil)
			}
			if err == nil {
				_, err = io.ReadFull(r, dst)
			}
			return err
		})
	})
	b.Run("klauspost", func(b *testing.B) {
		var r io.ReadCloser
		benchmarkInflate(b, func(dst, src []byte) (err error) {
			if r == nil {
				r, err = kzlib.NewReader(bytes.NewReader(src))
			} else {
				err = r.(kzlib.Resetter).Reset(bytes.NewReader(src), nil)
			}
			if err == nil {
				_, err = io.ReadFull(r, dst)
			}
			return err
		})
	})
}
