#include "textflag.h"

// func sqDistancesAVX2(a, b, out *float64, n int)
// out[i] = ((a[i]-b[i])^2 + (a[i+1]-b[i+1])^2) + (a[i+2]-b[i+2])^2, i < n, n % 4 == 0
TEXT ·sqDistancesAVX2(SB), NOSPLIT, $0-32
	MOVQ a+0(FP), SI
	MOVQ b+8(FP), DI
	MOVQ out+16(FP), DX
	MOVQ n+24(FP), CX
	XORQ AX, AX
loop:
	CMPQ AX, CX
	JGE  done
	VMOVUPD (SI)(AX*8), Y0
	VSUBPD  (DI)(AX*8), Y0, Y0
	VMULPD  Y0, Y0, Y0
	VMOVUPD 8(SI)(AX*8), Y1
	VSUBPD  8(DI)(AX*8), Y1, Y1
	VMULPD  Y1, Y1, Y1
	VMOVUPD 16(SI)(AX*8), Y2
	VSUBPD  16(DI)(AX*8), Y2, Y2
	VMULPD  Y2, Y2, Y2
	VADDPD  Y1, Y0, Y0
	VADDPD  Y2, Y0, Y0
	VMOVUPD Y0, (DX)(AX*8)
	ADDQ    $4, AX
	JMP     loop
done:
	VZEROUPPER
	RET

// Four flags |a - b| <= r: difference, sign cleared by Y14, compared with Y15.
#define WITHIN(OFF, SHIFT) \
	VMOVUPD OFF(SI), Y0; \
	VSUBPD  OFF(DX), Y0, Y0; \
	VANDPD  Y14, Y0, Y0; \
	VCMPPD  $0x12, Y15, Y0, Y1; \
	VMOVMSKPD Y1, R9; \
	SHLQ    $SHIFT, R9; \
	ORQ     R9, R8

// func flagsWithinAVX2(a, b *float64, words int, r float64, out *uint64)
// bit j of out[w] = |a[64w+j] - b[64w+j]| <= r (ordered, quiet)
TEXT ·flagsWithinAVX2(SB), NOSPLIT, $0-40
	MOVQ a+0(FP), SI
	MOVQ b+8(FP), DX
	MOVQ words+16(FP), CX
	VBROADCASTSD r+24(FP), Y15
	MOVQ out+32(FP), DI
	VPCMPEQQ Y14, Y14, Y14
	VPSRLQ   $1, Y14, Y14 // 0x7fff...: clears the sign bit like math.Abs
wword:
	TESTQ CX, CX
	JE    wend
	XORQ  R8, R8
	WITHIN(0, 0)
	WITHIN(32, 4)
	WITHIN(64, 8)
	WITHIN(96, 12)
	WITHIN(128, 16)
	WITHIN(160, 20)
	WITHIN(192, 24)
	WITHIN(224, 28)
	WITHIN(256, 32)
	WITHIN(288, 36)
	WITHIN(320, 40)
	WITHIN(352, 44)
	WITHIN(384, 48)
	WITHIN(416, 52)
	WITHIN(448, 56)
	WITHIN(480, 60)
	MOVQ  R8, (DI)
	ADDQ  $512, SI
	ADDQ  $512, DX
	ADDQ  $8, DI
	DECQ  CX
	JMP   wword
wend:
	VZEROUPPER
	RET

// Squared embedding distances from the squared differences D_t = (a_t − b_t)²:
// d_i = (D_i + D_{i+1}) + D_{i+2}, the direct formula's terms in its order.
// Y0 holds D_i…D_{i+3} on entry; each group loads a_{i+4…i+7}, b_{i+4…i+7}
// (byte offset OFF+32) into Y3 = D_{i+4…i+7}, forms D_{i+1…i+4} and
// D_{i+2…i+5} by shuffles, compares the four d with Y15 (less than) and
// Y14 (less or equal), puts the masks at bit SHIFT of R8 and R10, and
// leaves Y3 in Y0 for the next group.
#define SQFLAGS(OFF, SHIFT) \
	VMOVUPD    OFF+32(SI), Y3; \
	VSUBPD     OFF+32(DX), Y3, Y3; \
	VMULPD     Y3, Y3, Y3; \
	VPERM2F128 $0x21, Y3, Y0, Y2; \
	VSHUFPD    $0x5, Y2, Y0, Y1; \
	VADDPD     Y1, Y0, Y0; \
	VADDPD     Y2, Y0, Y0; \
	VCMPPD     $0x11, Y15, Y0, Y1; \
	VMOVMSKPD  Y1, R9; \
	SHLQ       $SHIFT, R9; \
	ORQ        R9, R8; \
	VCMPPD     $0x12, Y14, Y0, Y1; \
	VMOVMSKPD  Y1, R9; \
	SHLQ       $SHIFT, R9; \
	ORQ        R9, R10; \
	VMOVAPD    Y3, Y0

// func sqFlagsAVX2(a, b *float64, words int, below, atMost float64, fw, gw *uint64)
// with d_i = ((a_i-b_i)^2 + (a_{i+1}-b_{i+1})^2) + (a_{i+2}-b_{i+2})^2:
// bit j of fw[w] = d_{64w+j} < below, of gw[w] = d_{64w+j} <= atMost.
// a and b hold at least 64·words + 4 values.
TEXT ·sqFlagsAVX2(SB), NOSPLIT, $0-56
	MOVQ a+0(FP), SI
	MOVQ b+8(FP), DX
	MOVQ words+16(FP), CX
	VBROADCASTSD below+24(FP), Y15
	VBROADCASTSD atMost+32(FP), Y14
	MOVQ fw+40(FP), DI
	MOVQ gw+48(FP), R11
	VMOVUPD (SI), Y0
	VSUBPD  (DX), Y0, Y0
	VMULPD  Y0, Y0, Y0
sword:
	TESTQ CX, CX
	JE    send
	XORQ  R8, R8
	XORQ  R10, R10
	SQFLAGS(0, 0)
	SQFLAGS(32, 4)
	SQFLAGS(64, 8)
	SQFLAGS(96, 12)
	SQFLAGS(128, 16)
	SQFLAGS(160, 20)
	SQFLAGS(192, 24)
	SQFLAGS(224, 28)
	SQFLAGS(256, 32)
	SQFLAGS(288, 36)
	SQFLAGS(320, 40)
	SQFLAGS(352, 44)
	SQFLAGS(384, 48)
	SQFLAGS(416, 52)
	SQFLAGS(448, 56)
	SQFLAGS(480, 60)
	MOVQ  R8, (DI)
	MOVQ  R10, (R11)
	ADDQ  $512, SI
	ADDQ  $512, DX
	ADDQ  $8, DI
	ADDQ  $8, R11
	DECQ  CX
	JMP   sword
send:
	VZEROUPPER
	RET
