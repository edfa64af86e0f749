#include "textflag.h"

// The sum of ACC into DST in lagProduct's order: the products of
// positions AX..END-1 of d (at SI) and of the lagged d (at PB) added to
// lane 0 one by one, then (s0+s1)+(s2+s3). Scratch: X6, X7.
#define FINISH(ACC, XACC, PB, END, DST, TAIL, DONE) \
	VEXTRACTF128 $1, ACC, X7; \
TAIL: \
	CMPQ   AX, END; \
	JGE    DONE; \
	VMOVSD (SI)(AX*8), X6; \
	VMULSD (PB)(AX*8), X6, X6; \
	VADDSD X6, XACC, XACC; \
	INCQ   AX; \
	JMP    TAIL; \
DONE: \
	VPERMILPD $1, XACC, X6; \
	VADDSD    X6, XACC, XACC; \
	VPERMILPD $1, X7, X6; \
	VADDSD    X6, X7, X7; \
	VADDSD    X7, XACC, XACC; \
	VMOVSD    XACC, DST

// func lagProductsAVX2(d *float64, n, k0, cnt int, out *float64)
//
// out[j] = lagProduct(d[:n], k0+j) (acf.go) for j < cnt, with the same
// operations in the same order: lane l of a vector sum takes the
// positions i ≡ l (mod 4) below the length rounded down to 4, the rest
// go to lane 0 in order. Two lags at a time (k and k+1, or k twice for
// the last of an odd count) share the loads of d[i] and keep two
// chains of additions in flight.
//
// Registers: SI is d, BX d+k, CX d+k2; R8 is k, R10 k2, R9 k0+cnt; R11,
// R12 the lengths n-k, n-k2; R13, R14 those rounded down to 4; AX is i;
// DI walks out; Y0, Y1 the sums.
TEXT ·lagProductsAVX2(SB), NOSPLIT, $0-40
	MOVQ d+0(FP), SI
	MOVQ n+8(FP), DX
	MOVQ k0+16(FP), R8
	MOVQ cnt+24(FP), R9
	ADDQ R8, R9
	MOVQ out+32(FP), DI

pair:
	CMPQ R8, R9
	JGE  end
	LEAQ 1(R8), R10
	CMPQ R10, R9
	JLT  lengths
	MOVQ R8, R10                     // odd count: the last lag twice

lengths:
	MOVQ DX, R11
	SUBQ R8, R11
	MOVQ DX, R12
	SUBQ R10, R12
	MOVQ R11, R13
	ANDQ $-4, R13
	MOVQ R12, R14
	ANDQ $-4, R14
	LEAQ (SI)(R8*8), BX
	LEAQ (SI)(R10*8), CX
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	XORQ AX, AX

both:
	CMPQ    AX, R14
	JGE     first
	VMOVUPD (SI)(AX*8), Y2
	VMULPD  (BX)(AX*8), Y2, Y3
	VADDPD  Y3, Y0, Y0
	VMULPD  (CX)(AX*8), Y2, Y4
	VADDPD  Y4, Y1, Y1
	ADDQ    $4, AX
	JMP     both

first:
	// Lag k may have one more group of four than lag k2.
	CMPQ    AX, R13
	JGE     tails
	VMOVUPD (SI)(AX*8), Y2
	VMULPD  (BX)(AX*8), Y2, Y3
	VADDPD  Y3, Y0, Y0
	ADDQ    $4, AX

tails:
	FINISH(Y0, X0, BX, R11, (DI), tail1, done1)
	CMPQ R10, R8
	JE   end                         // the lag twice: its second copy is past the end
	MOVQ R14, AX
	FINISH(Y1, X1, CX, R12, 8(DI), tail2, done2)
	ADDQ $2, R8
	ADDQ $16, DI
	JMP  pair

end:
	VZEROUPPER
	RET
