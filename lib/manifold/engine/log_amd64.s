#include "textflag.h"

// Each constant four times, for whole-vector memory operands: the bits of
// the constants of math.Log's amd64 assembly (log_amd64.s), the mantissa
// mask, and 2^52 (+ 1022) to turn an exponent field into a float exactly.
DATA logc<>+0(SB)/8, $0x000fffffffffffff
DATA logc<>+8(SB)/8, $0x000fffffffffffff
DATA logc<>+16(SB)/8, $0x000fffffffffffff
DATA logc<>+24(SB)/8, $0x000fffffffffffff
DATA logc<>+32(SB)/8, $0x3fe0000000000000
DATA logc<>+40(SB)/8, $0x3fe0000000000000
DATA logc<>+48(SB)/8, $0x3fe0000000000000
DATA logc<>+56(SB)/8, $0x3fe0000000000000
DATA logc<>+64(SB)/8, $0x4330000000000000
DATA logc<>+72(SB)/8, $0x4330000000000000
DATA logc<>+80(SB)/8, $0x4330000000000000
DATA logc<>+88(SB)/8, $0x4330000000000000
DATA logc<>+96(SB)/8, $0x43300000000003fe
DATA logc<>+104(SB)/8, $0x43300000000003fe
DATA logc<>+112(SB)/8, $0x43300000000003fe
DATA logc<>+120(SB)/8, $0x43300000000003fe
DATA logc<>+128(SB)/8, $0x3fe6a09e667f3bcd
DATA logc<>+136(SB)/8, $0x3fe6a09e667f3bcd
DATA logc<>+144(SB)/8, $0x3fe6a09e667f3bcd
DATA logc<>+152(SB)/8, $0x3fe6a09e667f3bcd
DATA logc<>+160(SB)/8, $0x3ff0000000000000
DATA logc<>+168(SB)/8, $0x3ff0000000000000
DATA logc<>+176(SB)/8, $0x3ff0000000000000
DATA logc<>+184(SB)/8, $0x3ff0000000000000
DATA logc<>+192(SB)/8, $0x4000000000000000
DATA logc<>+200(SB)/8, $0x4000000000000000
DATA logc<>+208(SB)/8, $0x4000000000000000
DATA logc<>+216(SB)/8, $0x4000000000000000
DATA logc<>+224(SB)/8, $0x3fe5555555555593
DATA logc<>+232(SB)/8, $0x3fe5555555555593
DATA logc<>+240(SB)/8, $0x3fe5555555555593
DATA logc<>+248(SB)/8, $0x3fe5555555555593
DATA logc<>+256(SB)/8, $0x3fd999999997fa04
DATA logc<>+264(SB)/8, $0x3fd999999997fa04
DATA logc<>+272(SB)/8, $0x3fd999999997fa04
DATA logc<>+280(SB)/8, $0x3fd999999997fa04
DATA logc<>+288(SB)/8, $0x3fd2492494229359
DATA logc<>+296(SB)/8, $0x3fd2492494229359
DATA logc<>+304(SB)/8, $0x3fd2492494229359
DATA logc<>+312(SB)/8, $0x3fd2492494229359
DATA logc<>+320(SB)/8, $0x3fcc71c51d8e78af
DATA logc<>+328(SB)/8, $0x3fcc71c51d8e78af
DATA logc<>+336(SB)/8, $0x3fcc71c51d8e78af
DATA logc<>+344(SB)/8, $0x3fcc71c51d8e78af
DATA logc<>+352(SB)/8, $0x3fc7466496cb03de
DATA logc<>+360(SB)/8, $0x3fc7466496cb03de
DATA logc<>+368(SB)/8, $0x3fc7466496cb03de
DATA logc<>+376(SB)/8, $0x3fc7466496cb03de
DATA logc<>+384(SB)/8, $0x3fc39a09d078c69f
DATA logc<>+392(SB)/8, $0x3fc39a09d078c69f
DATA logc<>+400(SB)/8, $0x3fc39a09d078c69f
DATA logc<>+408(SB)/8, $0x3fc39a09d078c69f
DATA logc<>+416(SB)/8, $0x3fc2f112df3e5244
DATA logc<>+424(SB)/8, $0x3fc2f112df3e5244
DATA logc<>+432(SB)/8, $0x3fc2f112df3e5244
DATA logc<>+440(SB)/8, $0x3fc2f112df3e5244
DATA logc<>+448(SB)/8, $0x3fe62e42fee00000
DATA logc<>+456(SB)/8, $0x3fe62e42fee00000
DATA logc<>+464(SB)/8, $0x3fe62e42fee00000
DATA logc<>+472(SB)/8, $0x3fe62e42fee00000
DATA logc<>+480(SB)/8, $0x3dea39ef35793c76
DATA logc<>+488(SB)/8, $0x3dea39ef35793c76
DATA logc<>+496(SB)/8, $0x3dea39ef35793c76
DATA logc<>+504(SB)/8, $0x3dea39ef35793c76
DATA logc<>+512(SB)/8, $0x7ff0000000000000
DATA logc<>+520(SB)/8, $0x7ff0000000000000
DATA logc<>+528(SB)/8, $0x7ff0000000000000
DATA logc<>+536(SB)/8, $0x7ff0000000000000
GLOBL logc<>(SB), RODATA|NOPTR, $544

// func logsAVX2(dst, src *float64, n int) (done int)
//
// dst[i] = math.Log(src[i]) for i < n (a multiple of 4) by the operations
// of math.Log's amd64 assembly, in the same order, four lanes at a time:
// x = 2^k·f1 with f1 in [0.5, 1) from the bits (f1 <= sqrt(2)/2: k-1 and
// 2·f1), f = f1-1, s = f/(2+f), and
// k·Ln2Hi - ((hfsq - (s·(hfsq+R) + k·Ln2Lo)) - f) with hfsq = 0.5·f·f and
// R the polynomial in s². It stops before the first group of four with an
// input outside (0, +Inf) as signed 64-bit integers (zero, negative,
// infinite or NaN), which it leaves to math.Log, and returns the number of
// values done.
TEXT ·logsAVX2(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	XORQ AX, AX
	VPXOR Y14, Y14, Y14              // zero
	VMOVDQU logc<>+512(SB), Y13

loop:
	CMPQ    AX, CX
	JGE     done
	VMOVUPD (SI)(AX*8), Y0           // x
	VPCMPGTQ Y14, Y0, Y10            // x > 0 (as integers)
	VPCMPGTQ Y0, Y13, Y11            // +Inf > x
	VPAND   Y11, Y10, Y10
	VPCMPEQQ Y14, Y10, Y10           // not both
	VPTEST  Y10, Y10
	JNE     done
	VANDPD  logc<>+0(SB), Y0, Y2
	VORPD   logc<>+32(SB), Y2, Y2      // f1
	VPSRLQ  $52, Y0, Y1
	VPOR    logc<>+64(SB), Y1, Y1
	VSUBPD  logc<>+96(SB), Y1, Y1     // k = exponent - 1022
	VMOVUPD logc<>+128(SB), Y3
	VCMPPD  $5, Y2, Y3, Y3           // !(sqrt(2)/2 < f1)
	VANDPD  logc<>+160(SB), Y3, Y3       // 0 or 1
	VSUBPD  Y3, Y1, Y1               // k
	VADDPD  logc<>+160(SB), Y3, Y3       // 1 or 2
	VMULPD  Y3, Y2, Y2               // f1
	VSUBPD  logc<>+160(SB), Y2, Y2       // f
	VADDPD  logc<>+192(SB), Y2, Y0       // 2 + f
	VDIVPD  Y0, Y2, Y3               // s = f / (2+f)
	VMULPD  Y3, Y3, Y4               // s2
	VMULPD  Y4, Y4, Y5               // s4
	VMULPD  logc<>+416(SB), Y5, Y6
	VADDPD  logc<>+352(SB), Y6, Y6
	VMULPD  Y5, Y6, Y6
	VADDPD  logc<>+288(SB), Y6, Y6
	VMULPD  Y5, Y6, Y6
	VADDPD  logc<>+224(SB), Y6, Y6
	VMULPD  Y6, Y4, Y4               // t1
	VMULPD  logc<>+384(SB), Y5, Y6
	VADDPD  logc<>+320(SB), Y6, Y6
	VMULPD  Y5, Y6, Y6
	VADDPD  logc<>+256(SB), Y6, Y6
	VMULPD  Y6, Y5, Y5               // t2
	VADDPD  Y5, Y4, Y4               // R = t1 + t2
	VMULPD  logc<>+32(SB), Y2, Y0
	VMULPD  Y2, Y0, Y0               // hfsq = 0.5·f·f
	VADDPD  Y0, Y4, Y4               // hfsq + R
	VMULPD  Y4, Y3, Y3               // s·(hfsq+R)
	VMULPD  logc<>+480(SB), Y1, Y4     // k·Ln2Lo
	VADDPD  Y4, Y3, Y3
	VSUBPD  Y3, Y0, Y0               // hfsq - (...)
	VSUBPD  Y2, Y0, Y0               // ... - f
	VMULPD  logc<>+448(SB), Y1, Y1     // k·Ln2Hi
	VSUBPD  Y0, Y1, Y1
	VMOVUPD Y1, (DI)(AX*8)
	ADDQ    $4, AX
	JMP     loop

done:
	MOVQ AX, done+24(FP)
	VZEROUPPER
	RET
