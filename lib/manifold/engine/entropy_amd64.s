#include "textflag.h"

// func lagFlagsAVX2(y *float64, n int, r float64, w *uint64)
//
// lagFlags (entropy_kernel.go) four flags at a time: for each lag L in
// 1..n-2, the groups of four pairs i, i+L (i < n-L, rounded up to a group;
// the padding NaNs compare false) fill the lag's words in turn, each built
// in a register (an OR into memory would chain every group through a
// store and a load). Registers: SI walks y, DI walks y+L, R8 is i, R15 the
// word being built, CX its next bit, R10 the next word, R13 the lag, R11
// n-L, Y14 the sign mask, Y15 r.
TEXT ·lagFlagsAVX2(SB), NOSPLIT, $0-32
	MOVQ y+0(FP), BX
	MOVQ n+8(FP), DX
	VBROADCASTSD r+16(FP), Y15
	MOVQ w+24(FP), R10
	VPCMPEQQ Y14, Y14, Y14
	VPSRLQ   $1, Y14, Y14            // 0x7fff...: clears the sign bit like math.Abs
	LEAQ     -2(DX), R12             // last lag
	MOVQ     $1, R13                 // L

lag:
	CMPQ R13, R12
	JGT  done
	MOVQ DX, R11
	SUBQ R13, R11                    // pairs n-L
	MOVQ BX, SI
	LEAQ (BX)(R13*8), DI
	XORQ R8, R8

	PCALIGN $32
word:
	XORQ R15, R15
	XORQ CX, CX

	PCALIGN $32
group:
	VMOVUPD   (SI), Y0
	VSUBPD    (DI), Y0, Y0
	VANDPD    Y14, Y0, Y0
	VCMPPD    $0x11, Y15, Y0, Y1     // |a-b| < r, ordered (NaN false)
	VMOVMSKPD Y1, R9
	SHLQ      CX, R9
	ORQ       R9, R15
	ADDQ      $32, SI
	ADDQ      $32, DI
	ADDQ      $4, R8
	ADDQ      $4, CX
	CMPQ      R8, R11
	JGE       last
	CMPQ      CX, $64
	JLT       group
	MOVQ      R15, (R10)
	ADDQ      $8, R10
	JMP       word

last:
	MOVQ R15, (R10)
	ADDQ $8, R10
	INCQ R13
	JMP  lag

done:
	VZEROUPPER
	RET
