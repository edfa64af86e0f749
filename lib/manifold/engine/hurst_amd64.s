#include "textflag.h"

// Lane counters t+1 of the first four positions, their step, and ±Inf.
DATA hurstT<>+0(SB)/8, $1.0
DATA hurstT<>+8(SB)/8, $2.0
DATA hurstT<>+16(SB)/8, $3.0
DATA hurstT<>+24(SB)/8, $4.0
GLOBL hurstT<>(SB), RODATA|NOPTR, $32

DATA hurstConst<>+0(SB)/8, $4.0
DATA hurstConst<>+8(SB)/8, $1.0
DATA hurstConst<>+16(SB)/8, $0x7ff0000000000000 // +Inf
DATA hurstConst<>+24(SB)/8, $0xfff0000000000000 // -Inf
GLOBL hurstConst<>(SB), RODATA|NOPTR, $32

// func subSeriesRangesAVX2(d, hi, lo *float64, k int, means *float64, q int, rr, ss *float64)
//
// The same operations as subSeriesRange (hurst_kernel.go), four lanes at a
// time. Registers: SI, DI, DX walk d, hi, lo by sub-series; BX is t;
// Y0 mean, Y1 h0, Y2 l0, Y3 the lane counters t+1, Y4 SS, Y5 min, Y6 max.
TEXT ·subSeriesRangesAVX2(SB), NOSPLIT, $0-64
	MOVQ d+0(FP), SI
	MOVQ hi+8(FP), DI
	MOVQ lo+16(FP), DX
	MOVQ k+24(FP), CX
	MOVQ means+32(FP), R8
	MOVQ q+40(FP), R9
	MOVQ rr+48(FP), R10
	MOVQ ss+56(FP), R11
	MOVQ CX, R12
	ANDQ $-4, R12                    // k &^ 3
	LEAQ (CX*8), R13                 // bytes per sub-series
	VBROADCASTSD hurstConst<>+0(SB), Y14  // 4.0 per lane
	VMOVSD       hurstConst<>+8(SB), X13  // 1.0
	VBROADCASTSD hurstConst<>+16(SB), Y12 // +Inf
	VBROADCASTSD hurstConst<>+24(SB), Y11 // -Inf
	XORQ AX, AX                      // sub-series j

series:
	CMPQ AX, R9
	JGE  done
	VBROADCASTSD (R8)(AX*8), Y0
	VBROADCASTSD (DI), Y1
	VBROADCASTSD (DX), Y2
	VMOVUPD      hurstT<>(SB), Y3
	VXORPD       Y4, Y4, Y4
	VMOVAPD      Y12, Y5
	VMOVAPD      Y11, Y6
	XORQ         BX, BX

lanes:
	CMPQ    BX, R12
	JGE     combine
	VMOVUPD (SI)(BX*8), Y7
	VSUBPD  Y0, Y7, Y7               // e = d - mean
	VMULPD  Y7, Y7, Y7
	VADDPD  Y7, Y4, Y4               // s += e²
	VMOVUPD 8(DI)(BX*8), Y8
	VSUBPD  Y1, Y8, Y8               // hi[t+1] - h0
	VMOVUPD 8(DX)(BX*8), Y9
	VSUBPD  Y2, Y9, Y9               // lo[t+1] - l0
	VADDPD  Y9, Y8, Y8
	VMULPD  Y0, Y3, Y9               // (t+1)·mean
	VSUBPD  Y9, Y8, Y8               // Y_t
	VMINPD  Y5, Y8, Y5               // Y_t < min ? Y_t : min
	VMAXPD  Y6, Y8, Y6               // Y_t > max ? Y_t : max
	VADDPD  Y14, Y3, Y3
	ADDQ    $4, BX
	JMP     lanes

combine:
	// (s0+s2)+(s1+s3); the extremes likewise, lane 0 or 1 first.
	VEXTRACTF128 $1, Y4, X7
	VADDPD       X7, X4, X4
	VPERMILPD    $1, X4, X7
	VADDSD       X7, X4, X4
	VEXTRACTF128 $1, Y5, X7
	VMINPD       X7, X5, X5
	VPERMILPD    $1, X5, X7
	VMINSD       X7, X5, X5
	VEXTRACTF128 $1, Y6, X7
	VMAXPD       X7, X6, X6
	VPERMILPD    $1, X6, X7
	VMAXSD       X7, X6, X6

tail:
	CMPQ   BX, CX
	JGE    store
	VMOVSD (SI)(BX*8), X7
	VSUBSD X0, X7, X7
	VMULSD X7, X7, X7
	VADDSD X7, X4, X4
	VMOVSD 8(DI)(BX*8), X8
	VSUBSD X1, X8, X8
	VMOVSD 8(DX)(BX*8), X9
	VSUBSD X2, X9, X9
	VADDSD X9, X8, X8
	VMULSD X0, X3, X9                // lane 0 of Y3 is t+1
	VSUBSD X9, X8, X8
	VMINSD X5, X8, X5
	VMAXSD X6, X8, X6
	VADDSD X13, X3, X3
	INCQ   BX
	JMP    tail

store:
	VSUBSD X5, X6, X7                // max - min
	VMOVSD X7, (R10)(AX*8)
	VMOVSD X4, (R11)(AX*8)
	ADDQ   R13, SI
	ADDQ   R13, DI
	ADDQ   R13, DX
	INCQ   AX
	JMP    series

done:
	VZEROUPPER
	RET
