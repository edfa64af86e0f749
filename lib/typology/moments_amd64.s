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

// func gridScanAVX2(y *float64, n int, scale, base, span, tol float64, out *gridScan)
// Over y[0:n], n % 4 == 0, n ≥ 4: per-lane minima and maxima, and masks of
// the lanes that saw a value off the grid or outside the bitmap
// (t = y·scale not an integer, t − base < 0 or ≥ span) or a value with
// |y| < tol.
TEXT ·gridScanAVX2(SB), NOSPLIT, $0-56
	MOVQ         y+0(FP), SI
	MOVQ         n+8(FP), CX
	VBROADCASTSD scale+16(FP), Y15
	VBROADCASTSD base+24(FP), Y14
	VBROADCASTSD span+32(FP), Y13
	VBROADCASTSD tol+40(FP), Y12
	MOVQ         out+48(FP), DI
	VPCMPEQQ     Y11, Y11, Y11
	VPSRLQ       $1, Y11, Y11 // 0x7fff…: clears the sign bit
	VXORPD       Y6, Y6, Y6   // 0
	VXORPD       Y7, Y7, Y7   // tiny lanes
	VXORPD       Y8, Y8, Y8   // bad lanes
	VMOVUPD      (SI), Y10    // minima
	VMOVAPD      Y10, Y9      // maxima
	XORQ         AX, AX
gloop:
	CMPQ     AX, CX
	JGE      gdone
	VMOVUPD  (SI)(AX*8), Y0
	VMINPD   Y0, Y10, Y10
	VMAXPD   Y0, Y9, Y9
	VANDPD   Y11, Y0, Y1
	VCMPPD   $0x11, Y12, Y1, Y1 // |y| < tol
	VORPD    Y1, Y7, Y7
	VMULPD   Y15, Y0, Y2        // t
	VROUNDPD $3, Y2, Y3         // trunc(t)
	VCMPPD   $0x04, Y3, Y2, Y4  // t ≠ trunc(t)
	VORPD    Y4, Y8, Y8
	VSUBPD   Y14, Y2, Y2        // t − base
	VCMPPD   $0x11, Y6, Y2, Y4  // < 0
	VORPD    Y4, Y8, Y8
	VCMPPD   $0x1d, Y13, Y2, Y4 // ≥ span
	VORPD    Y4, Y8, Y8
	ADDQ     $4, AX
	JMP      gloop
gdone:
	VMOVUPD   Y10, (DI)
	VMOVUPD   Y9, 32(DI)
	VMOVMSKPD Y8, R8
	MOVQ      R8, 64(DI)
	VMOVMSKPD Y7, R8
	MOVQ      R8, 72(DI)
	VZEROUPPER
	RET
