#include "textflag.h"

// The first pass's vector kernels: blockMoments' two loops
// (shiftedSumsAVX2, centralSumsAVX), the grid path's scan and loop
// (gridScanAVX2, gridLoopAVX2) and four compensated sums side by side
// (stridedSumsAVX2). Each computes, lane for lane, the operations of the
// scalar code in its order, so results are bit-identical (moments_test.go,
// lanesum_test.go and chunking_test.go check it). No FMA: the scalar code
// rounds every product.

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

// TWOSUM(X, S, C) adds the four values in X to the lanes of a
// compensated sum, running sums S and compensations C, lane for lane the
// scalar twoSum: t = s + x, z = t − s, c += (s − (t − z)) + (x − z),
// s = t (Y1…Y3 are scratch).
#define TWOSUM(X, S, C) \
	VADDPD X, S, Y1 \
	VSUBPD S, Y1, Y2 \
	VSUBPD Y2, Y1, Y3 \
	VSUBPD Y3, S, Y3 \
	VSUBPD Y2, X, Y2 \
	VADDPD Y2, Y3, Y3 \
	VADDPD Y3, C, C \
	VMOVAPD Y1, S

// func gridScanAVX2(y *float64, n int, scale float64, out *gridScan)
// Over y[0:n], n % 4 == 0, n ≥ 4: per-lane minima and maxima, masks of
// the lanes that saw a value off the grid (t = y·scale not an integer;
// whether t is inside the bitmap follows from the extremes) or a value
// with |y| < tol (as integers: the bits of |y| below out.tol's, so the
// test does not compete with the floating-point work for its ports),
// shiftedSumsAVX2's sums of y − out.shift, and blockSums' compensated
// sums of the four quarters y[jq, (j+1)q), q = n/4 (from out.sum, value i
// of each quarter at step i), in the same pass over the block.
TEXT ·gridScanAVX2(SB), NOSPLIT, $0-32
	MOVQ         y+0(FP), SI
	MOVQ         n+8(FP), CX
	MOVQ         SI, R8          // quarter 0, value i
	LEAQ         (CX)(CX*1), R9  // a quarter's bytes: q·8 = 2n
	LEAQ         (SI)(R9*2), R10 // quarter 2, value i
	VBROADCASTSD scale+16(FP), Y15
	MOVQ         out+24(FP), DI
	VPCMPEQQ     Y11, Y11, Y11
	VPSRLQ       $1, Y11, Y11 // 0x7fff…: clears the sign bit
	VMOVUPD      112(DI), Y6  // shift
	VMOVDQU      144(DI), Y14 // tol's bits
	VXORPD       Y7, Y7, Y7   // tiny lanes
	VXORPD       Y8, Y8, Y8   // bad lanes
	VXORPD       Y5, Y5, Y5   // sums
	VMOVUPD      176(DI), Y12 // compensated sums: running sums
	VMOVUPD      208(DI), Y13 // and compensations
	VMOVUPD      (SI), Y10    // minima
	VMOVAPD      Y10, Y9      // maxima
	LEAQ         (SI)(CX*8), CX
	PCALIGN      $32
gloop:
	VMOVUPD  (SI), Y0
	VMINPD   Y0, Y10, Y10
	VMAXPD   Y0, Y9, Y9
	VPAND    Y11, Y0, Y1
	VPCMPGTQ Y1, Y14, Y1       // |y| < tol
	VPOR     Y1, Y7, Y7
	VSUBPD   Y6, Y0, Y1        // y − shift
	VADDPD   Y1, Y5, Y5
	VMULPD   Y15, Y0, Y2       // t
	VROUNDPD $3, Y2, Y3        // trunc(t)
	VCMPPD   $0x04, Y3, Y2, Y4 // t ≠ trunc(t)
	VORPD    Y4, Y8, Y8
	VMOVSD      (R8), X4           // value i of each quarter
	VMOVHPD     (R8)(R9*1), X4, X4
	VMOVSD      (R10), X2
	VMOVHPD     (R10)(R9*1), X2, X2
	VINSERTF128 $1, X2, Y4, Y4
	TWOSUM(Y4, Y12, Y13)
	ADDQ     $8, R8
	ADDQ     $8, R10
	ADDQ     $32, SI
	CMPQ     SI, CX
	JB       gloop
	VMOVUPD   Y10, (DI)
	VMOVUPD   Y9, 32(DI)
	VMOVMSKPD Y8, R8
	MOVQ      R8, 64(DI)
	VMOVMSKPD Y7, R8
	MOVQ      R8, 72(DI)
	VMOVUPD   Y5, 80(DI)
	VMOVUPD   Y12, 176(DI)
	VMOVUPD   Y13, 208(DI)
	VZEROUPPER
	RET

// CENTRAL(P) adds the pair y[i], y[i+1] in P to the central sums in
// X8…X11 as centralSumsAVX does: d = (y − shift) − c, then d, d², d²·d,
// d²·d² (shift in X4 and c in X7, in both lanes; X12, X13 scratch, so
// that X14 can hold the core's first index).
#define CENTRAL(P) \
	VSUBPD X4, P, X12 \
	VSUBPD X7, X12, X12 \
	VMULPD X12, X12, X13 \
	VADDPD X12, X8, X8 \
	VMULPD X12, X13, X12 \
	VADDPD X13, X9, X9 \
	VADDPD X12, X10, X10 \
	VMULPD X13, X13, X12 \
	VADDPD X12, X11, X11

// GRIDWORD(OFF) splits the scratch word at OFF(DI) into the bitmap index
// (BX) and the histogram index (AX), loads the bitmap word (index DX) into
// R14 and sets the value's bit in it, the carry flag holding the old bit.
#define GRIDWORD(OFF) \
	MOVQ  OFF(DI), AX \
	MOVL  AX, BX \
	SHRQ  $32, AX \
	MOVQ  BX, DX \
	SHRQ  $6, DX \
	MOVQ  (R9)(DX*8), R14 \
	BTSQ  BX, R14

// GRIDVALUE(OFF) takes one value whose bitmap index (k − base) and
// histogram index are the low and high halves of the word at OFF(DI),
// with the bitmap at R9, the histogram at R10 and added in R13: the bit
// set in the bitmap (a store and added++ only when it was clear: BTS
// reports the old bit, and most values are already there), then
// hist[index]++.
#define GRIDVALUE(OFF) \
	GRIDWORD(OFF) \
	JCS   3(PC) \
	MOVQ  R14, (R9)(DX*8) \
	INCQ  R13 \
	INCL  (R10)(AX*4)

// GRIDVALUEFRESH(OFF) is GRIDVALUE without the branch, for blocks where
// many values are new to the bitmap (every one a mispredicted branch):
// the word is always stored back, and R13 counts the values that were
// already there.
#define GRIDVALUEFRESH(OFF) \
	GRIDWORD(OFF) \
	MOVQ  R14, (R9)(DX*8) \
	ADCQ  $0, R13 \
	INCL  (R10)(AX*4)

// INDICES4 computes the bitmap indices (X1) and histogram indices (X3)
// of the four values in Y0 (see gridLoopAVX2).
#define INDICES4 \
	VMULPD      Y15, Y0, Y1 \
	VSUBPD      Y6, Y1, Y1 \
	VCVTTPD2DQY Y1, X1 \
	VPALIGNR    $12, X2, X1, X3 \
	VMOVDQA     X1, X2 \
	VPSUBD      X3, X1, X3 \
	VPABSD      X3, X3 \
	VPMINUD     X5, X3, X3 \
	VPSLLD      112(DI), X3, X3 \
	VPADDD      96(DI), X3, X3

// PAIRS4 stores INDICES4's indices in pairs to st's scratch.
#define PAIRS4 \
	VPUNPCKLDQ  X3, X1, X12 \
	VPUNPCKHDQ  X3, X1, X13 \
	VMOVDQU     X12, 64(DI) \
	VMOVDQU     X13, 80(DI)

// VECTOR4 computes the bitmap and histogram indices of the four values
// in Y0 into st's scratch.
#define VECTOR4 \
	INDICES4 \
	PAIRS4

// INCHIST(R) counts the histogram index in R's low half, then the one in
// its high half (R and DX clobbered).
#define INCHIST(R) \
	MOVL  R, DX \
	SHRQ  $32, R \
	INCL  (R10)(DX*4) \
	INCL  (R10)(R*4)

// func gridLoopAVX2(y *float64, n int, scale, base float64, words *uint64, hist *uint32, st *gridLoopState, cs *[8]float64) (added int)
// The per-value loop of gridBlock over y[0:n], n % 4 == 0, for a block
// that scanGrid found entirely on the grid and inside the bitmap, as
// gridLoop: four values at a time, their bitmap indices k − base (exact:
// integers below 2^25) and histogram indices (min(|step|, top) in the
// lane's copy, gridLoopState) are computed in vector registers (int32
// lanes; the step of the first value against st.prev[3]) and stored in
// pairs to st's scratch (VECTOR4), then GRIDVALUE takes each value, or
// GRIDVALUEFRESH if st.fresh. Without st.fresh, four values that all lie
// in the core (st.coreLo, st.coreMax: bits known set) only count their
// steps, straight from the vector register: no scratch or bitmap loads. (Loads are the scarce resource: a scratch
// word per value where three were, and the central sums take their pairs
// from the vector register, not memory.) It also computes
// centralSumsAVX(y, n, st.shift, st.centre, cs), its operations lane for
// lane (CENTRAL), where its chains of additions overlap the rest.
TEXT ·gridLoopAVX2(SB), NOSPLIT, $0-72
	MOVQ         y+0(FP), SI
	MOVQ         n+8(FP), CX
	VBROADCASTSD scale+16(FP), Y15
	VBROADCASTSD base+24(FP), Y6
	MOVQ         words+32(FP), R9
	MOVQ         hist+40(FP), R10
	MOVQ         st+48(FP), DI
	VMOVUPD      0(DI), X4   // shift
	VMOVUPD      16(DI), X7  // centre
	VMOVDQU      32(DI), X2  // lane 3: the previous value's index
	VMOVDQU      48(DI), X5  // top
	XORQ         R13, R13    // added
	VXORPD       X8, X8, X8   // central sums: d
	VXORPD       X9, X9, X9   // d²
	VXORPD       X10, X10, X10 // d³
	VXORPD       X11, X11, X11 // d⁴
	LEAQ         (SI)(CX*8), CX
	CMPQ         SI, CX
	JAE          ldone
	MOVQ         136(DI), R12 // to the next block, for the prefetches
	CMPQ         128(DI), $0
	JNE          fresh
	VMOVDQU      144(DI), X14 // the core's first index
	PCALIGN      $32
lloop:
	PREFETCHT0  (SI)(R12*1)
	VMOVUPD     (SI), Y0
	INDICES4
	VPSUBD      X14, X1, X12 // in the core: index − coreLo ≤ coreMax, unsigned
	VPMINUD     160(DI), X12, X13
	VPCMPEQD    X13, X12, X12
	VMOVMSKPS   X12, R11
	CENTRAL(X0)
	VEXTRACTF128 $1, Y0, X0
	CENTRAL(X0)
	CMPL        R11, $15
	JNE         lslow
	MOVQ        X3, AX // all four in the core: only the histogram
	VPEXTRQ     $1, X3, BX
	INCHIST(AX)
	INCHIST(BX)
	ADDQ        $32, SI
	CMPQ        SI, CX
	JB          lloop
	JMP         ldone
lslow:
	PAIRS4
	GRIDVALUE(64)
	GRIDVALUE(72)
	GRIDVALUE(80)
	GRIDVALUE(88)
	ADDQ        $32, SI
	CMPQ        SI, CX
	JB          lloop
	JMP         ldone
fresh:
	MOVQ        n+8(FP), R8 // R13 counts the values already there
	PCALIGN     $32
floop:
	PREFETCHT0  (SI)(R12*1)
	VMOVUPD     (SI), Y0
	VECTOR4
	CENTRAL(X0)
	GRIDVALUEFRESH(64)
	GRIDVALUEFRESH(72)
	VEXTRACTF128 $1, Y0, X0
	CENTRAL(X0)
	GRIDVALUEFRESH(80)
	GRIDVALUEFRESH(88)
	ADDQ        $32, SI
	CMPQ        SI, CX
	JB          floop
	SUBQ        R13, R8
	MOVQ        R8, R13
ldone:
	MOVQ    cs+56(FP), R8
	VMOVUPD X8, 0(R8)
	VMOVUPD X9, 16(R8)
	VMOVUPD X10, 32(R8)
	VMOVUPD X11, 48(R8)
	MOVQ    R13, added+64(FP)
	VZEROUPPER
	RET

// GATHER4(I) loads p0[I], p1[I], p2[I], p3[I] (p in R8…R11) into Y0's
// lanes.
#define GATHER4(I) \
	VMOVSD      (R8)(I*8), X0 \
	VMOVHPD     (R9)(I*8), X0, X0 \
	VMOVSD      (R10)(I*8), X1 \
	VMOVHPD     (R11)(I*8), X1, X1 \
	VINSERTF128 $1, X1, Y0, Y0

// func stridedSumsAVX2(p *[4]*float64, n int, mean *[4]float64, squares bool, out *laneSums)
// Four compensated sums side by side, one per series p[j][0:n], n ≥ 1,
// in index order, lane j of out: of the values, or (squares) of
// (x − mean[j])² (the product rounded, no FMA): measure.Sum.Add for each
// value, lane for lane (TWOSUM).
TEXT ·stridedSumsAVX2(SB), NOSPLIT, $0-40
	MOVQ    p+0(FP), DI
	MOVQ    0(DI), R8
	MOVQ    8(DI), R9
	MOVQ    16(DI), R10
	MOVQ    24(DI), R11
	MOVQ    n+8(FP), CX
	MOVQ    mean+16(FP), DI
	VMOVUPD (DI), Y14
	MOVBQZX squares+24(FP), DX
	MOVQ    out+32(FP), DI
	VMOVUPD 0(DI), Y12
	VMOVUPD 32(DI), Y13
	XORQ    AX, AX
	TESTQ   DX, DX
	JNZ     sqloop
	PCALIGN $32
sumloop4:
	GATHER4(AX)
	TWOSUM(Y0, Y12, Y13)
	INCQ    AX
	CMPQ    AX, CX
	JB      sumloop4
	JMP     sumdone4
	PCALIGN $32
sqloop:
	GATHER4(AX)
	VSUBPD  Y14, Y0, Y0
	VMULPD  Y0, Y0, Y0
	TWOSUM(Y0, Y12, Y13)
	INCQ    AX
	CMPQ    AX, CX
	JB      sqloop
sumdone4:
	VMOVUPD Y12, 0(DI)
	VMOVUPD Y13, 32(DI)
	VZEROUPPER
	RET
