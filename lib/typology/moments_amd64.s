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
// Over y[0:n], n % 4 == 0, n ≥ 4: per-lane minima and maxima, masks of
// the lanes that saw a value off the grid or outside the bitmap
// (t = y·scale not an integer, t − base < 0 or ≥ span) or a value with
// |y| < tol, and shiftedSumsAVX2's sums of y − out.shift, in the same
// pass over the block.
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
	VXORPD       Y5, Y5, Y5   // sums
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
	VSUBPD   112(DI), Y0, Y1    // y − shift
	VADDPD   Y1, Y5, Y5
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
	VMOVUPD   Y5, 80(DI)
	VZEROUPPER
	RET

// CENTRAL(OFF) adds the pair y[i], y[i+1] at OFF(SI) to the central sums
// in X8…X11 as centralSumsAVX does: d = (y − shift) − c, then d, d², d²·d,
// d²·d² (shift and c from st, in both lanes).
#define CENTRAL(OFF) \
	VMOVUPD OFF(SI), X12 \
	VSUBPD  64(DI), X12, X12 \
	VSUBPD  80(DI), X12, X12 \
	VMULPD  X12, X12, X13 \
	VMULPD  X12, X13, X14 \
	VADDPD  X12, X8, X8 \
	VADDPD  X13, X9, X9 \
	VADDPD  X14, X10, X10 \
	VMULPD  X13, X13, X12 \
	VADDPD  X12, X11, X11

// GRIDSTEP(S, T, K, KP) takes x in X2 and s in S, with c in X1, scale in
// X15, the bitmap at R9 less base/64 words, the histogram at R10, top in
// R11, the previous grid index in KP and added in R13: T = t = s + x,
// z = t − s, c += (s − (t − z)) + (x − z) (the scalar TwoSum, operation
// for operation); K = k = int64(x·scale); bit k − base set in the bitmap
// (base is a multiple of 64, so the word is k>>6 − base>>6 and the bit
// k mod 64; a store and added++ only when the bit was clear: BTS reports
// the old bit, and most values are already there); hist[min(|k − kp|,
// top)]++ with CMOVs, branch-free (the sign of a step and whether it is in
// range are coin flips). The caller alternates the roles of S/T and K/KP
// instead of moving registers.
#define GRIDSTEP(S, T, K, KP) \
	VADDSD    X2, S, T \
	VSUBSD    S, T, X4 \
	VSUBSD    X4, T, X5 \
	VSUBSD    X5, S, X5 \
	VSUBSD    X4, X2, X6 \
	VADDSD    X6, X5, X5 \
	VADDSD    X5, X1, X1 \
	VMULSD    X15, X2, X7 \
	CVTTSD2SQ X7, K \
	MOVQ      K, BX \
	SARQ      $6, BX \
	MOVQ      (R9)(BX*8), R14 \
	BTSQ      K, R14 \
	JCS       3(PC) \
	MOVQ      R14, (R9)(BX*8) \
	INCQ      R13 \
	MOVQ      KP, DX \
	SUBQ      K, DX \
	MOVQ      K, BX \
	SUBQ      KP, BX \
	CMOVQLT   DX, BX \
	CMPQ      BX, R11 \
	CMOVQCC   R11, BX \
	INCL      (R10)(BX*4)

// func gridLoopAVX2(y *float64, n int, scale float64, base int64, words *uint64, hist *uint32, top uint64, st *gridLoopState, tol float64, cs *[8]float64) (added int)
// The per-value loop of gridBlock over y[0:n], n ≥ 1, for a block that
// scanGrid found entirely on the grid and inside the bitmap (so every
// index is in range): GRIDSTEP for each value. Go's compiler spills half
// of this loop's state to the stack; here it all stays in registers, four
// values per iteration. st.tinyOn selects a loop of its own that also
// counts near-zero values (|x| < tol) as nearZero does, so the common
// block without any pays nothing for them. The other loop also computes
// centralSumsAVX(y, n&^3, st.shift, st.centre, cs), its operations lane
// for lane (CENTRAL), where its chains of additions overlap the rest.
TEXT ·gridLoopAVX2(SB), NOSPLIT, $0-88
	MOVQ  y+0(FP), SI
	MOVQ  n+8(FP), CX
	MOVSD scale+16(FP), X15
	MOVQ  base+24(FP), R8
	MOVQ  words+32(FP), R9
	MOVQ  hist+40(FP), R10
	MOVQ  top+48(FP), R11
	MOVQ  st+56(FP), DI
	SARQ  $6, R8
	SHLQ  $3, R8
	SUBQ  R8, R9      // words − base/64: indexed by k>>6
	MOVSD 0(DI), X0   // s
	MOVSD 8(DI), X1   // c
	MOVQ  16(DI), R12 // kp
	XORQ  R13, R13    // added
	CMPQ  56(DI), $0
	JNE   tiny
	MOVQ  CX, R8
	ANDQ  $-4, R8
	LEAQ  (SI)(R8*8), R8 // end of the quadruples
	LEAQ  (SI)(CX*8), CX // end
	VXORPD X8, X8, X8   // central sums: d
	VXORPD X9, X9, X9   // d²
	VXORPD X10, X10, X10 // d³
	VXORPD X11, X11, X11 // d⁴
	CMPQ  SI, R8
	JAE   ltail
	PCALIGN $32
lloop:
	CENTRAL(0)
	MOVSD (SI), X2
	GRIDSTEP(X0, X3, AX, R12)
	MOVSD 8(SI), X2
	GRIDSTEP(X3, X0, R12, AX)
	CENTRAL(16)
	MOVSD 16(SI), X2
	GRIDSTEP(X0, X3, AX, R12)
	MOVSD 24(SI), X2
	GRIDSTEP(X3, X0, R12, AX)
	ADDQ  $32, SI
	CMPQ  SI, R8
	JB    lloop
ltail:
	CMPQ  SI, CX
	JAE   lcs
	MOVSD (SI), X2
	GRIDSTEP(X0, X3, AX, R12)
	VMOVAPD X3, X0
	MOVQ  AX, R12
	ADDQ  $8, SI
	JMP   ltail
lcs:
	MOVQ    cs+72(FP), R8
	VMOVUPD X8, 0(R8)
	VMOVUPD X9, 16(R8)
	VMOVUPD X10, 32(R8)
	VMOVUPD X11, 48(R8)
	JMP   ldone

tiny:
	LEAQ     (SI)(CX*8), CX
	VPCMPEQQ X14, X14, X14
	VPSRLQ   $1, X14, X14 // 0x7fff…: clears the sign bit
	MOVSD    tol+64(FP), X13
	VXORPD   X12, X12, X12
	PCALIGN  $32
tloop:
	MOVSD    (SI), X2
	VANDPD   X14, X2, X8
	UCOMISD  X13, X8 // CF: |x| < tol
	JCS      tzero
	MOVQ     $0, 48(DI) // tiny = false
tnext:
	GRIDSTEP(X0, X3, AX, R12)
	VMOVAPD X3, X0
	MOVQ  AX, R12
	ADDQ  $8, SI
	CMPQ  SI, CX
	JB    tloop
	JMP   ldone
tzero: // rare: a near-zero value, perhaps a zero, perhaps a run's start
	UCOMISD X12, X2
	JNE     2(PC)
	INCQ    24(DI) // zeros
	INCQ    32(DI) // runLen
	CMPQ    48(DI), $0
	JNE     2(PC)
	INCQ    40(DI) // runs
	MOVQ    $1, 48(DI)
	JMP     tnext

ldone:
	MOVSD X0, 0(DI)
	MOVSD X1, 8(DI)
	MOVQ  R12, 16(DI)
	MOVQ  R13, added+80(FP)
	RET
