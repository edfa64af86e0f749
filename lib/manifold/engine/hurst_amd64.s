#include "textflag.h"

// Lane counters t+1 of the first four positions, their step, +Inf, -Inf,
// NaN.
DATA hurstT<>+0(SB)/8, $1.0
DATA hurstT<>+8(SB)/8, $2.0
DATA hurstT<>+16(SB)/8, $3.0
DATA hurstT<>+24(SB)/8, $4.0
DATA hurstT<>+32(SB)/8, $4.0
DATA hurstT<>+40(SB)/8, $4.0
DATA hurstT<>+48(SB)/8, $4.0
DATA hurstT<>+56(SB)/8, $4.0
DATA hurstT<>+64(SB)/8, $0x7ff0000000000000 // +Inf
DATA hurstT<>+72(SB)/8, $0xfff0000000000000 // -Inf
GLOBL hurstT<>(SB), RODATA|NOPTR, $80

// Tail masks by r = k mod 4: the last r lanes of the quad ending at k.
DATA hurstM<>+32(SB)/8, $0
DATA hurstM<>+40(SB)/8, $0
DATA hurstM<>+48(SB)/8, $0
DATA hurstM<>+56(SB)/8, $-1
DATA hurstM<>+64(SB)/8, $0
DATA hurstM<>+72(SB)/8, $0
DATA hurstM<>+80(SB)/8, $-1
DATA hurstM<>+88(SB)/8, $-1
DATA hurstM<>+96(SB)/8, $0
DATA hurstM<>+104(SB)/8, $-1
DATA hurstM<>+112(SB)/8, $-1
DATA hurstM<>+120(SB)/8, $-1
GLOBL hurstM<>(SB), RODATA|NOPTR, $128

// Four positions of one sub-series from IX: d at (SI), hi and lo one on
// at 8(DI) and 8(DX); Y12 holds t+1. The memory operands can only be
// subtrahends, so the kernel computes mean - d and -Y = ((h0 - h) + (l0 -
// l)) + (t+1)·mean: negation commutes exactly with every rounding, (mean
// - d)² = (d - mean)², and max Y - min Y = max(-Y) - min(-Y).
#define NEGY(IX, MEAN, H0, L0) \
	VSUBPD  8(DI)(IX*8), H0, Y13; \
	VSUBPD  8(DX)(IX*8), L0, Y14; \
	VADDPD  Y14, Y13, Y13; \
	VMULPD  MEAN, Y12, Y14; \
	VADDPD  Y14, Y13, Y13

#define LANES(IX, MEAN, H0, L0, SS, MIN, MAX) \
	VSUBPD  (SI)(IX*8), MEAN, Y13; \
	VMULPD  Y13, Y13, Y13; \
	VADDPD  Y13, SS, SS; \
	NEGY(IX, MEAN, H0, L0); \
	VMINPD  MIN, Y13, MIN; \
	VMAXPD  MAX, Y13, MAX

// The quad ending at k (IX = a + k - 4) when k mod 4 = r > 0: its
// extremes join the lanes (repeats change no extreme), its squares are
// stored at TOUT with all but the last r lanes cleared.
#define TAILQ(IX, MEAN, H0, L0, MIN, MAX, TOUT) \
	VSUBPD  (SI)(IX*8), MEAN, Y13; \
	VMULPD  Y13, Y13, Y13; \
	VANDPD  tmask-64(SP), Y13, Y13; \
	VMOVUPD Y13, TOUT; \
	NEGY(IX, MEAN, H0, L0); \
	VMINPD  MIN, Y13, MIN; \
	VMAXPD  MAX, Y13, MAX

// Mean, h0, l0 broadcast, SS cleared, extremes at ±Inf, for the sub-series
// from A (its mean at MP).
#define START(A, MP, MEAN, H0, L0, SS, MIN, MAX) \
	VBROADCASTSD MP, MEAN; \
	VBROADCASTSD (DI)(A*8), H0; \
	VBROADCASTSD (DX)(A*8), L0; \
	VXORPD       SS, SS, SS; \
	VBROADCASTSD hurstT<>+64(SB), MIN; \
	VBROADCASTSD hurstT<>+72(SB), MAX

// The lane vectors of four sub-series A, B, C, D (memory) to one vector
// [a b c d] of (v0 OP v2) OP (v1 OP v3): halves paired by VPERM2F128, then
// interleaved. Uses Y0-Y3.
#define REDUCE(A, B, C, D, OP, DST) \
	VMOVUPD    A, Y0; \
	VPERM2F128 $0x20, C, Y0, Y1; \
	VPERM2F128 $0x31, C, Y0, Y2; \
	OP         Y2, Y1, Y1; \
	VMOVUPD    B, Y0; \
	VPERM2F128 $0x20, D, Y0, Y2; \
	VPERM2F128 $0x31, D, Y0, Y3; \
	OP         Y3, Y2, Y2; \
	VUNPCKLPD  Y2, Y1, Y3; \
	VUNPCKHPD  Y2, Y1, Y1; \
	OP         Y1, Y3, DST

// func hurstRatiosAVX2(d, hi, lo *float64, runLen *int32, m, kmax int, means, ws, rs *float64)
//
// The same operations as hurstRatios (hurst_kernel.go) for every k =
// 10..kmax-1, writing rs[k-10], in three passes over k so that no k waits
// for the divisions or the sum of the one before; the q values of k take
// (q+4)&^3 places of means from the end of those of k-1.
//  1. The q means: numerators one by one (q goes to rs[k-10]), then in a
//     second pass over k divided four at a time, NaN for a sub-series of
//     equal values (only if runLen is not nil).
//  2. The lane vectors SS, min, max (and tail squares T) of the
//     sub-series, two at a time to keep two chains in flight (b = a for
//     the last one if q is odd, into the unused slot q): slot j of ws is 16
//     values at j·128 bytes. Then, four slots at a time, transposed lane
//     sums, SS + T0 + T1 + T2 + T3 in order, R, and R/S where S > 0, over
//     the means.
//  3. The sum of the ratios in order of j, divided by q.
//
// Registers in 2: SI, DI, DX point at d, hi, lo; CX is k, R12 k &^ 3; R8
// is q, AX j, R13 and R14 the starts a and b, BX and R9 positions; R10
// the means of k, R11 ws, R15 the slot of j. Y0-Y5 and Y6-Y11 are mean,
// h0, l0, SS, min and max of a and b; Y12 the lane counters t+1.
TEXT ·hurstRatiosAVX2(SB), NOSPLIT, $64-72
	MOVQ d+0(FP), SI
	MOVQ hi+8(FP), DI
	MOVQ lo+16(FP), DX
	MOVQ means+48(FP), R10
	MOVQ ws+56(FP), R11
	MOVQ m+32(FP), R9
	MOVQ $10, CX

means:
	CMPQ CX, kmax+40(FP)
	JGE  quotients
	XORQ R13, R13
	XORQ AX, AX

	// Hot loops start on a 32-byte boundary (PCALIGN): their speed then does
	// not change with the placement of unrelated code (3.5% seen in the
	// stage benchmark).
	PCALIGN $32
num:
	LEAQ   (R13)(CX*1), BX
	CMPQ   BX, R9
	JGT    divide
	VMOVSD (DI)(BX*8), X0
	VSUBSD (DI)(R13*8), X0, X0
	VMOVSD (DX)(BX*8), X1
	VSUBSD (DX)(R13*8), X1, X1
	VADDSD X1, X0, X0
	VMOVSD X0, (R10)(AX*8)
	MOVQ   BX, R13
	INCQ   AX
	JMP    num

divide:
	MOVQ         AX, R8
	VCVTSI2SDQ   R8, X0, X0
	MOVQ         rs+64(FP), BX
	VMOVSD       X0, -80(BX)(CX*8)  // q
	LEAQ         35(R8*8), R8        // ((q+4)&^3)·8 bytes
	ANDQ         $-32, R8
	ADDQ         R8, R10
	INCQ         CX
	JMP          means

quotients:
	// Divided in a second pass over k: a 32-byte load right after the
	// four 8-byte stores of its numerators would wait for them to retire.
	MOVQ means+48(FP), R10
	MOVQ $10, CX

kq:
	CMPQ         CX, kmax+40(FP)
	JGE          pass2
	MOVQ         rs+64(FP), BX
	CVTTSD2SQ    -80(BX)(CX*8), R8
	VCVTSI2SDQ   CX, X15, X15
	VBROADCASTSD X15, Y15
	XORQ         AX, AX

	PCALIGN $32
quotient:
	VMOVUPD (R10)(AX*8), Y0
	VDIVPD  Y15, Y0, Y0
	VMOVUPD Y0, (R10)(AX*8)
	ADDQ    $4, AX
	CMPQ    AX, R8
	JLT     quotient

	MOVQ  runLen+24(FP), R12
	TESTQ R12, R12
	JZ    nextMeans
	XORQ  AX, AX
	XORQ  R13, R13

equal:
	MOVLQSX (R12)(R13*4), BX
	CMPQ    BX, CX
	JLT     unequal
	MOVQ    $0x7ff8000000000000, BX
	MOVQ    BX, (R10)(AX*8)

unequal:
	ADDQ CX, R13
	INCQ AX
	CMPQ AX, R8
	JLT  equal

nextMeans:
	LEAQ 35(R8*8), R8
	ANDQ $-32, R8
	ADDQ R8, R10
	INCQ CX
	JMP  kq

pass2:
	MOVQ means+48(FP), R10
	MOVQ $10, CX

k2:
	CMPQ      CX, kmax+40(FP)
	JGE       pass3
	MOVQ      rs+64(FP), BX
	CVTTSD2SQ -80(BX)(CX*8), R8     // q
	MOVQ      CX, R12
	ANDQ      $-4, R12

	// The tail's lane counters k-3..k and mask.
	LEAQ         -4(CX), BX
	VCVTSI2SDQ   BX, X15, X15
	VBROADCASTSD X15, Y15
	VADDPD       hurstT<>+0(SB), Y15, Y15
	VMOVUPD      Y15, tctr-32(SP)
	MOVQ         CX, BX
	ANDQ         $3, BX
	SHLQ         $5, BX
	LEAQ         hurstM<>(SB), R9
	VMOVUPD      (R9)(BX*1), Y15
	VMOVUPD      Y15, tmask-64(SP)

	XORQ R13, R13
	XORQ AX, AX
	MOVQ R11, R15

	PCALIGN $32
pair:
	CMPQ AX, R8
	JGE  reduce
	LEAQ (R13)(CX*1), R14
	LEAQ 1(AX), BX
	CMPQ BX, R8
	JLT  both
	MOVQ R13, R14

both:
	START(R13, (R10)(AX*8), Y0, Y1, Y2, Y3, Y4, Y5)
	START(R14, 8(R10)(AX*8), Y6, Y7, Y8, Y9, Y10, Y11)
	VMOVUPD hurstT<>+0(SB), Y12
	MOVQ    R13, BX
	LEAQ    (R13)(R12*1), R9

	PCALIGN $32
lanes:
	LANES(BX, Y0, Y1, Y2, Y3, Y4, Y5)
	LANES(R14, Y6, Y7, Y8, Y9, Y10, Y11)
	VADDPD hurstT<>+32(SB), Y12, Y12
	ADDQ   $4, BX
	ADDQ   $4, R14
	CMPQ   BX, R9
	JLT    lanes

	TESTQ $3, CX
	JZ    store
	SUBQ    R12, R14
	LEAQ    -4(R14)(CX*1), R14
	LEAQ    -4(R13)(CX*1), BX
	VMOVUPD tctr-32(SP), Y12
	TAILQ(BX, Y0, Y1, Y2, Y4, Y5, 96(R15))
	TAILQ(R14, Y6, Y7, Y8, Y10, Y11, 224(R15))

store:
	VMOVUPD Y3, (R15)
	VMOVUPD Y4, 32(R15)
	VMOVUPD Y5, 64(R15)
	VMOVUPD Y9, 128(R15)
	VMOVUPD Y10, 160(R15)
	VMOVUPD Y11, 192(R15)
	LEAQ    (R13)(CX*2), R13
	ADDQ    $2, AX
	ADDQ    $256, R15
	JMP     pair

reduce:
	LEAQ         -1(CX), BX
	VCVTSI2SDQ   BX, X15, X15
	VBROADCASTSD X15, Y8
	VXORPD       Y9, Y9, Y9
	XORQ         AX, AX
	MOVQ         R11, R15

quad:
	REDUCE(0(R15), 128(R15), 256(R15), 384(R15), VADDPD, Y4)
	TESTQ      $3, CX
	JZ         ratio
	VMOVUPD    96(R15), Y0
	VPERM2F128 $0x20, 352(R15), Y0, Y1
	VPERM2F128 $0x31, 352(R15), Y0, Y2
	VMOVUPD    224(R15), Y0
	VPERM2F128 $0x20, 480(R15), Y0, Y3
	VPERM2F128 $0x31, 480(R15), Y0, Y0
	VUNPCKLPD  Y3, Y1, Y5
	VADDPD     Y5, Y4, Y4
	VUNPCKHPD  Y3, Y1, Y5
	VADDPD     Y5, Y4, Y4
	VUNPCKLPD  Y0, Y2, Y5
	VADDPD     Y5, Y4, Y4
	VUNPCKHPD  Y0, Y2, Y5
	VADDPD     Y5, Y4, Y4

ratio:
	REDUCE(32(R15), 160(R15), 288(R15), 416(R15), VMINPD, Y6)
	REDUCE(64(R15), 192(R15), 320(R15), 448(R15), VMAXPD, Y7)
	VSUBPD  Y6, Y7, Y7               // R
	VDIVPD  Y8, Y4, Y4
	VSQRTPD Y4, Y4                   // S
	VDIVPD  Y4, Y7, Y7
	VCMPPD  $0x1e, Y9, Y4, Y5        // S > 0 (ordered)
	VANDPD  Y5, Y7, Y7
	VMOVUPD Y7, (R10)(AX*8)
	ADDQ    $512, R15
	ADDQ    $4, AX
	CMPQ    AX, R8
	JLT     quad

	LEAQ 35(R8*8), R8
	ANDQ $-32, R8
	ADDQ R8, R10
	INCQ CX
	JMP  k2

pass3:
	MOVQ means+48(FP), R10
	MOVQ rs+64(FP), R11
	MOVQ kmax+40(FP), R9
	SUBQ $10, R9
	XORQ CX, CX

k3:
	CMPQ      CX, R9
	JGE       done
	CVTTSD2SQ (R11)(CX*8), R8
	VXORPD    X0, X0, X0
	XORQ      AX, AX

	PCALIGN $32
add:
	VADDSD (R10)(AX*8), X0, X0
	INCQ   AX
	CMPQ   AX, R8
	JLT    add
	VDIVSD  (R11)(CX*8), X0, X0     // / q
	VMOVSD  X0, (R11)(CX*8)
	LEAQ    35(R8*8), R8
	ANDQ    $-32, R8
	ADDQ    R8, R10
	INCQ    CX
	JMP     k3

done:
	VZEROUPPER
	RET
