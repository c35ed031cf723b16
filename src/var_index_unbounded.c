// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * var_index_unbounded.c - the same global array, indexed without a bound.
 *
 * Shows: the verifier refuses a map-value access whose variable offset it
 * cannot bound: the index is any 32-bit number, so counts[i] may lie far
 * outside the 64-byte section.
 *
 * Expected verdicts:
 *   6.3      rejected  R1 unbounded memory access (see the kernel text)
 *   6.4      rejected  (same)
 *   current  rejected  (6.18; first error in examples.tsv)
 *
 * Expected runtime: never runs (with --anyway: out-of-bounds access).
 */
#include "kptrviz.h"

__u64 counts[8];

SEC("tc")
long var_index_unbounded(void *ctx)
{
	__u32 i = bpf_get_prandom_u32();

	counts[i] += 1;
	return 0;
}

char _license[] SEC("license") = "GPL";
