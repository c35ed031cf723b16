/**
 * The BPF instruction set (RFC 9669 plus the kernel's newer encodings): {@link dev.kptrviz.isa.Decoder}
 * turns a program section into {@link dev.kptrviz.isa.Insn} records, refusing what the kernel refuses,
 * and {@link dev.kptrviz.isa.Disassembler} prints them in the verifier log's exact syntax.
 * Key decision: lists are indexed by 8-byte slot, so an ld_imm64 is followed by an
 * {@link dev.kptrviz.isa.Insn.LdImm64Tail} marker and {@code list.get(target)} works for every jump.
 */
package dev.kptrviz.isa;
