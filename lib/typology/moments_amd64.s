#include "textflag.h"

// The two loops of blockMoments, lane for lane the scalar accumulators, so
// results are bit-identical (moments_test.go checks it). No FMA: the
// scalar code rounds every product.

// func shiftedSumsAVX2(y *float64, n int, shift float64, out *[4]float64)
// out[j] = Σ_{i ≡ j mod 4} (y[i] − shift), in index order, n % 4 == 0
TEXT ·shiftedSumsAVX2(SB), NOSPLIT, $0-32
	MOVQ         y+0(FP), SI
	MOVQ         n+8(FP), CX
	VBROADCASTSD shift+16(FP), Y1
	MOVQ         out+24(FP), DI
	VXORPD       Y0, Y0, Y0
	XORQ         AX, AX
sloop:
	CMPQ    AX, CX
	JGE     sdone
	VMOVUPD (SI)(AX*8), Y2
	VSUBPD  Y1, Y2, Y2
	VADDPD  Y2, Y0, Y0
	ADDQ    $4, AX
	JMP     sloop
sdone:
	VMOVUPD Y0, (DI)
	VZEROUPPER
	RET

// func centralSumsAVX(y *float64, n int, shift, c float64, out *[8]float64)
// with d = (y[i] − shift) − c, lane j = i mod 2 accumulates, in index
// order, out[j] += d, out[2+j] += d², out[4+j] += d²·d, out[6+j] += d²·d²;
// n % 2 == 0
TEXT ·centralSumsAVX(SB), NOSPLIT, $0-40
	MOVQ     y+0(FP), SI
	MOVQ     n+8(FP), CX
	VMOVDDUP shift+16(FP), X0
	VMOVDDUP c+24(FP), X1
	MOVQ     out+32(FP), DI
	VXORPD   X4, X4, X4
	VXORPD   X5, X5, X5
	VXORPD   X6, X6, X6
	VXORPD   X7, X7, X7
	XORQ     AX, AX
cloop:
	CMPQ    AX, CX
	JGE     cdone
	VMOVUPD (SI)(AX*8), X2
	VSUBPD  X0, X2, X2 // y − shift
	VSUBPD  X1, X2, X2 // d
	VMULPD  X2, X2, X3 // d²
	VMULPD  X2, X3, X8 // d²·d
	VMULPD  X3, X3, X9 // d²·d²
	VADDPD  X2, X4, X4
	VADDPD  X3, X5, X5
	VADDPD  X8, X6, X6
	VADDPD  X9, X7, X7
	ADDQ    $2, AX
	JMP     cloop
cdone:
	VMOVUPD X4, (DI)
	VMOVUPD X5, 16(DI)
	VMOVUPD X6, 32(DI)
	VMOVUPD X7, 48(DI)
	RET
