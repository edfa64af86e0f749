package matfile

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"sp/lib/inflate"
)

const (
	lumoSamples  = 990_600 // 10 minutes at 1651 Hz
	lumoChannels = 22
)

// lumoChannel returns one LUMO-like channel: three sinusoids plus Gaussian
// noise, quantised like a 16-bit ADC at ±4 g and scaled to m/s²; such data
// compresses about 2.5:1 at zlib level 6, as the LUMO files do (174 MB of
// float64 in ~66 MB).
func lumoChannel(ch int) []float64 {
	const step = 8.0 / 65536
	rng := rand.New(rand.NewPCG(7, uint64(ch)))
	f := 5 + float64(ch)
	x := make([]float64, lumoSamples)
	for i := range x {
		t := float64(i) / 1651
		g := 0.3*math.Sin(2*math.Pi*f*t) + 0.1*math.Sin(2*math.Pi*50*t+1) +
			0.05*math.Sin(2*math.Pi*3.1*t) + 0.02*rng.NormFloat64()
		x[i] = math.Round(g/step) * step * 9.80665
	}
	return x
}

// lumoFile writes a LUMO-like file of channels acc_a, acc_b, ..., each
// 990600x1 double. V7 elements are compressed with compress/zlib at level
// 6, like MATLAB's save -v7 (which uses zlib's default level): C zlib's
// level 6 on this data gives ratio 2.61 and the same libdeflate speed as
// Go's (measured once, Python's zlib module on the same samples).
func lumoFile(format Format, order binary.ByteOrder, channels int) []byte {
	var out, elem bytes.Buffer
	w, _ := NewWriter(&out, min(format, V5), order)
	for ch := range channels {
		name := "acc_" + string(rune('a'+ch))
		if format != V7 {
			w.WriteFloat64(name, []int{lumoSamples, 1}, lumoChannel(ch))
			continue
		}
		elem.Reset()
		ew, _ := NewWriter(&elem, V5, order)
		ew.WriteFloat64(name, []int{lumoSamples, 1}, lumoChannel(ch))
		var z bytes.Buffer
		zw, _ := zlib.NewWriterLevel(&z, 6)
		zw.Write(elem.Bytes()[128:])
		zw.Close()
		out.Write(appendTag(nil, order.(byteOrder), miCOMPRESSED, z.Len()))
		out.Write(z.Bytes())
	}
	return out.Bytes()
}

var (
	lumoV7 = sync.OnceValue(func() []byte { return lumoFile(V7, binary.LittleEndian, lumoChannels) })
	lumoV5 = sync.OnceValue(func() []byte { return lumoFile(V5, binary.LittleEndian, 4) })
)

// decodeAll reads every variable of b with one Decoder and one dst buffer.
func decodeAll(b *testing.B, d *Decoder, file []byte, dst []float64) []float64 {
	f, err := d.NewReader(bytes.NewReader(file), int64(len(file)), "lumo.mat")
	if err != nil {
		b.Fatal(err)
	}
	for {
		v, err := f.Next()
		if err == io.EOF {
			return dst
		}
		if err != nil {
			b.Fatal(err)
		}
		if dst, err = f.ReadFloat64(v, dst); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLUMO measures decoding a LUMO-like file held in memory; MB/s
// counts decoded float64 bytes. "v7" is the full decode of a 22-channel
// compressed file, "v7-inflate-only" the libdeflate ceiling (inflating the
// same elements into a reused buffer, nothing else), "v5" an uncompressed
// file (4 channels).
func BenchmarkLUMO(b *testing.B) {
	decoded := int64(8 * lumoSamples)
	b.Run("v7", func(b *testing.B) {
		file := lumoV7()
		var d Decoder
		var dst []float64
		b.SetBytes(lumoChannels * decoded)
		for b.Loop() {
			dst = decodeAll(b, &d, file, dst)
		}
		b.ReportMetric(float64(lumoChannels*decoded)/float64(len(file)), "ratio")
	})
	b.Run("v7-inflate-only", func(b *testing.B) {
		file := lumoV7()
		var elems [][]byte
		for off := 128; off < len(file); {
			n := int(binary.LittleEndian.Uint32(file[off+4:]))
			elems = append(elems, file[off+8:off+8+n])
			off += 8 + n
		}
		out := make([]byte, decoded+256)
		b.SetBytes(lumoChannels * decoded)
		for b.Loop() {
			for _, e := range elems {
				if _, _, err := inflate.Zlib(out, e); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("v5", func(b *testing.B) {
		file := lumoV5()
		var d Decoder
		var dst []float64
		b.SetBytes(4 * decoded)
		for b.Loop() {
			dst = decodeAll(b, &d, file, dst)
		}
	})
}

// BenchmarkConvert measures the conversion of stored types to float64
// (MATLAB's int16 storage of integer-valued doubles; a big-endian file).
func BenchmarkConvert(b *testing.B) {
	const n = 1 << 20
	src := make([]byte, 8*n)
	for i := range src {
		src[i] = byte(i * 7)
	}
	dst := make([]float64, n)
	for _, tc := range []struct {
		name string
		t    dataType
		le   bool
	}{{"double-native", miDOUBLE, nativeLE}, {"double-swapped", miDOUBLE, !nativeLE}, {"int16", miINT16, true}, {"uint8", miUINT8, true}, {"single", miSINGLE, true}} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(8 * n)
			for b.Loop() {
				decode(dst, src[:n*tc.t.size()], tc.t, tc.le)
			}
		})
	}
}

// BenchmarkWriteV7 measures the writer (sp-synth's path) on LUMO-like
// channels at the default (fastest) compression level; MB/s counts input
// float64 bytes.
func BenchmarkWriteV7(b *testing.B) {
	x := lumoChannel(0)
	b.SetBytes(8 * lumoSamples)
	for b.Loop() {
		w, _ := NewWriter(io.Discard, V7, binary.LittleEndian)
		if err := w.WriteFloat64("acc", []int{lumoSamples, 1}, x); err != nil {
			b.Fatal(err)
		}
	}
}
