#include "textflag.h"

// Lane counters t+1 of the first four positions, their step, and 1.
DATA hurstT<>+0(SB)/8, $1.0
DATA hurstT<>+8(SB)/8, $2.0
DATA hurstT<>+16(SB)/8, $3.0
DATA hurstT<>+24(SB)/8, $4.0
DATA hurstT<>+32(SB)/8, $4.0
DATA hurstT<>+40(SB)/8, $4.0
DATA hurstT<>+48(SB)/8, $4.0
DATA hurstT<>+56(SB)/8, $4.0
DATA hurstT<>+64(SB)/8, $1.0
DATA hurstT<>+72(SB)/8, $0x7ff0000000000000 // +Inf
DATA hurstT<>+80(SB)/8, $0xfff0000000000000 // -Inf
DATA hurstT<>+88(SB)/8, $0x7ff8000000000000 // NaN
GLOBL hurstT<>(SB), RODATA|NOPTR, $96

// Four positions of one sub-series: d at (SI)(IX*8), hi and lo at
// 8(DI)(IX*8) and 8(DX)(IX*8); Y12 holds t+1, Y13 and Y14 are scratch.
#define LANES(IX, MEAN, H0, L0, SS, MIN, MAX) \
	VMOVUPD (SI)(IX*8), Y13; \
	VSUBPD  MEAN, Y13, Y13; \
	VMULPD  Y13, Y13, Y13; \
	VADDPD  Y13, SS, SS; \
	VMOVUPD 8(DI)(IX*8), Y13; \
	VSUBPD  H0, Y13, Y13; \
	VMOVUPD 8(DX)(IX*8), Y14; \
	VSUBPD  L0, Y14, Y14; \
	VADDPD  Y14, Y13, Y13; \
	VMULPD  MEAN, Y12, Y14; \
	VSUBPD  Y14, Y13, Y13; \
	VMINPD  MIN, Y13, MIN; \
	VMAXPD  MAX, Y13, MAX

// The same for one position, lane 0 of X12 holding t+1.
#define SCALAR(IX, MEAN, H0, L0, SS, MIN, MAX) \
	VMOVSD (SI)(IX*8), X13; \
	VSUBSD MEAN, X13, X13; \
	VMULSD X13, X13, X13; \
	VADDSD X13, SS, SS; \
	VMOVSD 8(DI)(IX*8), X13; \
	VSUBSD H0, X13, X13; \
	VMOVSD 8(DX)(IX*8), X14; \
	VSUBSD L0, X14, X14; \
	VADDSD X14, X13, X13; \
	VMULSD MEAN, X12, X14; \
	VSUBSD X14, X13, X13; \
	VMINSD MIN, X13, MIN; \
	VMAXSD MAX, X13, MAX

// Lanes to one value: (s0+s2)+(s1+s3), the extremes likewise.
#define COMBINE(YS, XS, YMIN, XMIN, YMAX, XMAX) \
	VEXTRACTF128 $1, YS, X13; \
	VADDPD       X13, XS, XS; \
	VPERMILPD    $1, XS, X13; \
	VADDSD       X13, XS, XS; \
	VEXTRACTF128 $1, YMIN, X13; \
	VMINPD       X13, XMIN, XMIN; \
	VPERMILPD    $1, XMIN, X13; \
	VMINSD       X13, XMIN, XMIN; \
	VEXTRACTF128 $1, YMAX, X13; \
	VMAXPD       X13, XMAX, XMAX; \
	VPERMILPD    $1, XMAX, X13; \
	VMAXSD       X13, XMAX, XMAX

// The mean of the sub-series OFF positions after SI, DI, DX, R8 (OFF + k
// in END): ((hi[a+k] - hi[a]) + (lo[a+k] - lo[a])) / k, or NaN if its
// values are equal (runLen[a] >= k), which leaves it out of the sum: SS,
// then S, are NaN, and NaN > 0 is false. Then h0 and l0 broadcast, SS
// cleared, the extremes at ±Inf.
#define START(OFF, END, XMEAN, MEAN, H0, L0, SS, MIN, MAX, EQUAL, READY) \
	MOVLQSX      (R8)(OFF*4), BX; \
	CMPQ         BX, CX; \
	JGE          EQUAL; \
	VMOVSD       (DI)(END*8), XMEAN; \
	VSUBSD       (DI)(OFF*8), XMEAN, XMEAN; \
	VMOVSD       (DX)(END*8), X13; \
	VSUBSD       (DX)(OFF*8), X13, X13; \
	VADDSD       X13, XMEAN, XMEAN; \
	VDIVSD       X15, XMEAN, XMEAN; \
	JMP          READY; \
EQUAL: \
	VMOVSD       hurstT<>+88(SB), XMEAN; \
READY: \
	VBROADCASTSD XMEAN, MEAN; \
	VBROADCASTSD (DI)(OFF*8), H0; \
	VBROADCASTSD (DX)(OFF*8), L0; \
	VXORPD       SS, SS, SS; \
	VBROADCASTSD hurstT<>+72(SB), MIN; \
	VBROADCASTSD hurstT<>+80(SB), MAX

// func subSeriesRatioSumAVX2(d, hi, lo *float64, runLen *int32, k, q int, kf, k1 float64, rr, ss *float64) float64
//
// The same operations as subSeriesRatioSum (hurst_kernel.go). First R and
// SS of every sub-series, two at a time (sub-series a and b = a+1, the
// last one twice if q is odd), four positions at a time: two independent
// sub-series keep twice the work in flight, as each one is a chain of
// dependent steps (mean, SS, extremes). Then R/S four sub-series at a
// time, then their sum in order.
//
// Registers: SI, DI, DX, R8 point at d, hi, lo, runLen of sub-series a;
// BX is its t, R14 the same position in b (R15 positions after a); CX is
// k, R12 k &^ 3, R13 its bytes, R11 those of runLen; AX is j, R9 q, R10
// rr. Y0-Y5 and Y6-Y11 are mean, h0, l0, SS, min and max of a and b; Y12
// the lane counters t+1; X15 k.
TEXT ·subSeriesRatioSumAVX2(SB), NOSPLIT, $0-88
	MOVQ   d+0(FP), SI
	MOVQ   hi+8(FP), DI
	MOVQ   lo+16(FP), DX
	MOVQ   runLen+24(FP), R8
	MOVQ   k+32(FP), CX
	MOVQ   q+40(FP), R9
	VMOVSD kf+48(FP), X15
	MOVQ   rr+64(FP), R10
	MOVQ   CX, R12
	ANDQ   $-4, R12
	LEAQ   (CX*8), R13
	LEAQ   (CX*4), R11
	XORQ   AX, AX
	XORQ   R14, R14

pair:
	CMPQ AX, R9
	JGE  ratios
	MOVQ CX, R15                     // b = a + 1: R15 positions on
	LEAQ 1(AX), BX
	CMPQ BX, R9
	JLT  both
	XORQ R15, R15                    // q odd: b = a

both:
	// R14 is 0 here.
	START(R14, CX, X0, Y0, Y1, Y2, Y3, Y4, Y5, equalA, readyA)
	LEAQ    (R15)(CX*1), R14
	START(R15, R14, X6, Y6, Y7, Y8, Y9, Y10, Y11, equalB, readyB)
	VMOVUPD hurstT<>+0(SB), Y12
	XORQ    BX, BX
	MOVQ    R15, R14

lanes:
	CMPQ  BX, R12
	JGE   combine
	LANES(BX, Y0, Y1, Y2, Y3, Y4, Y5)
	LANES(R14, Y6, Y7, Y8, Y9, Y10, Y11)
	VADDPD hurstT<>+32(SB), Y12, Y12
	ADDQ  $4, BX
	ADDQ  $4, R14
	JMP   lanes

combine:
	COMBINE(Y3, X3, Y4, X4, Y5, X5)
	COMBINE(Y9, X9, Y10, X10, Y11, X11)

tail:
	CMPQ   BX, CX
	JGE    store
	SCALAR(BX, X0, X1, X2, X3, X4, X5)
	SCALAR(R14, X6, X7, X8, X9, X10, X11)
	VADDSD hurstT<>+64(SB), X12, X12
	INCQ   BX
	INCQ   R14
	JMP    tail

store:
	MOVQ   ss+72(FP), BX
	VSUBSD X4, X5, X5                // R = max - min
	VMOVSD X5, (R10)(AX*8)
	VMOVSD X3, (BX)(AX*8)
	VSUBSD X10, X11, X11
	XORQ   R14, R14
	TESTQ  R15, R15
	JE     advance                   // b was a
	VMOVSD X11, 8(R10)(AX*8)
	VMOVSD X9, 8(BX)(AX*8)
	ADDQ   R13, SI                   // skip b
	ADDQ   R13, DI
	ADDQ   R13, DX
	ADDQ   R11, R8
	INCQ   AX

advance:
	ADDQ R13, SI
	ADDQ R13, DI
	ADDQ R13, DX
	ADDQ R11, R8
	INCQ AX
	JMP  pair

ratios:
	// R/S where S = sqrt(SS/(k-1)) > 0, else 0, four at a time (the
	// scratch is long enough; the lanes past q are not summed).
	MOVQ         ss+72(FP), R11
	VBROADCASTSD k1+56(FP), Y6
	VXORPD       Y7, Y7, Y7
	XORQ         AX, AX

quad:
	CMPQ      AX, R9
	JGE       sum
	VMOVUPD   (R11)(AX*8), Y0
	VDIVPD    Y6, Y0, Y0
	VSQRTPD   Y0, Y0                 // S
	VMOVUPD   (R10)(AX*8), Y1
	VDIVPD    Y0, Y1, Y1
	VCMPPD    $0x1e, Y7, Y0, Y2      // S > 0 (ordered)
	VANDPD    Y2, Y1, Y1
	VMOVUPD   Y1, (R10)(AX*8)
	ADDQ      $4, AX
	JMP       quad

sum:
	VXORPD X0, X0, X0
	XORQ   AX, AX

add:
	CMPQ   AX, R9
	JGE    done
	VADDSD (R10)(AX*8), X0, X0
	INCQ   AX
	JMP    add

done:
	VMOVSD X0, ret+80(FP)
	VZEROUPPER
	RET
