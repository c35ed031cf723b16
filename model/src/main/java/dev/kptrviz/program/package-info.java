/**
 * Links an ELF object into programs as libbpf would before loading them: entry function plus
 * the {@code .text} subprograms it reaches, relocated calls, kfunc calls, global data regions
 * and collection roots. Decision: we reproduce libbpf's subprogram order so that every
 * instruction index we show equals the one in the kernel's verifier log.
 */
package dev.kptrviz.program;
