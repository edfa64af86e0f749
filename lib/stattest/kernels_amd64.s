#include "textflag.h"

// The QR's two inner loops with four lanes, bit-identical to gonum's
// SSE2 DotUnitary and AxpyUnitaryTo (kernels_test.go checks it). No FMA:
// gonum rounds every product.

// func dotLanesAVX2(x, y *float64, n int, out *[4]float64)
// out[j] = Σ_{i ≡ j mod 4} x[i]·y[i], in index order, n % 4 == 0: the
// lanes of gonum's two two-lane accumulators.
TEXT ·dotLanesAVX2(SB), NOSPLIT, $0-32
	MOVQ   x+0(FP), SI
	MOVQ   y+8(FP), DX
	MOVQ   n+16(FP), CX
	MOVQ   out+24(FP), DI
	VXORPD Y0, Y0, Y0
	XORQ   AX, AX
dloop:
	CMPQ    AX, CX
	JGE     ddone
	VMOVUPD (SI)(AX*8), Y1
	VMULPD  (DX)(AX*8), Y1, Y1
	VADDPD  Y1, Y0, Y0
	ADDQ    $4, AX
	JMP     dloop
ddone:
	VMOVUPD Y0, (DI)
	VZEROUPPER
	RET

// func axpyAVX2(alpha float64, x, y *float64, n int)
// y[i] = alpha·x[i] + y[i] for i < n, n % 4 == 0
TEXT ·axpyAVX2(SB), NOSPLIT, $0-32
	VBROADCASTSD alpha+0(FP), Y0
	MOVQ         x+8(FP), SI
	MOVQ         y+16(FP), DX
	MOVQ         n+24(FP), CX
	XORQ         AX, AX
aloop:
	CMPQ    AX, CX
	JGE     adone
	VMULPD  (SI)(AX*8), Y0, Y1
	VADDPD  (DX)(AX*8), Y1, Y1
	VMOVUPD Y1, (DX)(AX*8)
	ADDQ    $4, AX
	JMP     aloop
adone:
	VZEROUPPER
	RET

// func dotLanes4AVX2(v, w0, w1, w2, w3 *float64, n int, out *[16]float64)
// dotLanesAVX2 of v with four columns at once (out[4c+j] is column c's
// lane j): independent accumulators, so the additions' latency overlaps.
TEXT ·dotLanes4AVX2(SB), NOSPLIT, $0-56
	MOVQ   v+0(FP), SI
	MOVQ   w0+8(FP), R8
	MOVQ   w1+16(FP), R9
	MOVQ   w2+24(FP), R10
	MOVQ   w3+32(FP), R11
	MOVQ   n+40(FP), CX
	MOVQ   out+48(FP), DI
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	XORQ   AX, AX
qloop:
	CMPQ    AX, CX
	JGE     qdone
	VMOVUPD (SI)(AX*8), Y4
	VMULPD  (R8)(AX*8), Y4, Y5
	VADDPD  Y5, Y0, Y0
	VMULPD  (R9)(AX*8), Y4, Y6
	VADDPD  Y6, Y1, Y1
	VMULPD  (R10)(AX*8), Y4, Y7
	VADDPD  Y7, Y2, Y2
	VMULPD  (R11)(AX*8), Y4, Y8
	VADDPD  Y8, Y3, Y3
	ADDQ    $4, AX
	JMP     qloop
qdone:
	VMOVUPD Y0, (DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, 64(DI)
	VMOVUPD Y3, 96(DI)
	VZEROUPPER
	RET
