package matfile

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
)

// fuzzSeeds returns valid files of every format and byte order (writer
// fixtures, the skipped kinds, scipy's files) and damaged variants.
func fuzzSeeds(t testing.TB) [][]byte {
	var valid [][]byte
	for _, format := range []Format{V4, V5, V7} {
		for _, order := range allOrders {
			valid = append(valid, writeFile(t, format, order, oursArrays(format)...))
			if format != V4 {
				o := order.(byteOrder)
				valid = append(valid, rawFile(t, format, order,
					cellPayload(o, "c"), structPayload(o, "s"), objectPayload(o, "obj"),
					functionPayload(o, "fh"), opaquePayload(o, "str"), sparsePayload(o, "sp"),
					doublePayload(o, "after", []int{1, 3}, 7, 8, 9)))
			}
		}
	}
	paths, _ := filepath.Glob("testdata/scipy_*.mat")
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		valid = append(valid, b)
	}
	seeds := valid
	for i, b := range valid {
		for _, cut := range []int{len(b) / 3, len(b) / 2, len(b) - 1} {
			seeds = append(seeds, b[:cut])
		}
		for _, at := range []int{4, 130, 140, 150, 170, 180, len(b) - 3} {
			if at < len(b) {
				flipped := append([]byte(nil), b...)
				flipped[at] ^= 1 << (i % 8)
				seeds = append(seeds, flipped)
			}
		}
	}
	return seeds
}

// FuzzReader reads every variable of arbitrary input and lays it out both
// ways: it must never panic, and never allocate much more than the input
// justifies (decompressed data is bounded by 1032 times its compressed
// size, and a decoded value takes at most 8 times its stored size).
func FuzzReader(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		vars, _ := readAll(b, "fuzz.mat")
		for _, v := range vars {
			if v.Data == nil {
				continue
			}
			if len(v.Data) != v.Len() {
				t.Fatalf("%s: %d values, Len %d", v.Name, len(v.Data), v.Len())
			}
			for _, layout := range []Layout{Columns, Flatten} {
				if _, err := Signals(v.Var, v.Data, layout); err != nil {
					t.Fatal(err)
				}
			}
		}
		runtime.ReadMemStats(&after)
		if limit := uint64(4<<20 + 2*8*maxInflateRatio*len(b)); after.TotalAlloc-before.TotalAlloc > limit {
			t.Fatalf("allocated %d bytes for %d bytes of input", after.TotalAlloc-before.TotalAlloc, len(b))
		}
	})
}

// The undamaged seeds (the first 16) read without error; go test runs
// FuzzReader on all seeds.
func TestFuzzSeedsValid(t *testing.T) {
	for i, s := range fuzzSeeds(t)[:16] {
		if _, err := readAll(s, "seed.mat"); err != nil {
			t.Errorf("valid seed %d: %v", i, err)
		}
	}
}

// FuzzMatrixElement feeds arbitrary miMATRIX contents to both storage
// paths: an uncompressed element, and the same element inside a valid zlib
// stream (which FuzzReader's mutations rarely produce, the checksum being
// in the way). Both must agree: the same variables and values, or both an
// error.
func FuzzMatrixElement(f *testing.F) {
	for _, order := range allOrders {
		o := order.(byteOrder)
		for _, p := range [][]byte{
			doublePayload(o, "acc", []int{1, 4}, 1, 2, 3, 4), cellPayload(o, "c"), structPayload(o, "s"),
			objectPayload(o, "obj"), functionPayload(o, "fh"), opaquePayload(o, "str"), sparsePayload(o, "sp"),
			appendElement(header(o, ClassDouble, 0, []int{1, 3}, "lvl"), o, miUINT8, []byte{0, 3, 255}),
			appendElement(header(o, ClassUint8, 1<<9, []int{2, 1}, "mask"), o, miUINT8, []byte{0, 1}),
		} {
			f.Add(order == binary.BigEndian, p)
		}
	}
	f.Fuzz(func(t *testing.T, bigEndian bool, payload []byte) {
		var order binary.ByteOrder = binary.LittleEndian
		if bigEndian {
			order = binary.BigEndian
		}
		o := order.(byteOrder)
		if len(payload) > 1<<20 {
			return
		}
		head := writeFile(t, V5, order)
		element := nested(o, payload)
		plain, errPlain := readAll(append(bytes.Clone(head), element...), "plain.mat")
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		zw.Write(element)
		zw.Close()
		packed, errPacked := readAll(append(append(head, appendTag(nil, o, miCOMPRESSED, z.Len())...), z.Bytes()...), "packed.mat")
		if (errPlain == nil) != (errPacked == nil) {
			t.Fatalf("uncompressed: %v; compressed: %v", errPlain, errPacked)
		}
		if len(plain) != len(packed) {
			t.Fatalf("%d variables uncompressed, %d compressed", len(plain), len(packed))
		}
		for i := range plain {
			a, b := plain[i], packed[i]
			if a.Name != b.Name || a.Class != b.Class || !slices.Equal(a.Dims, b.Dims) || a.Skip != b.Skip ||
				a.ObjectClass != b.ObjectClass || !sameFloats(a.Data, b.Data) {
				t.Fatalf("uncompressed %+v %v\ncompressed %+v %v", *a.Var, a.Data, *b.Var, b.Data)
			}
		}
	})
}
