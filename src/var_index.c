// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * var_index.c - a global array indexed by a number the verifier only knows
 * a range for.
 *
 * Shows: pointer arithmetic with a non-constant offset on a map value.  The
 * index comes from bpf_get_prandom_u32() masked to 0..7, so the verifier
 * tracks the pointer as map_value + a bounded variable offset and checks
 * that every possible byte of the access lies inside the section.  No kfuncs:
 * this is the general memory-safety rule that list and tree programs meet
 * when they keep per-slot counters.
 *
 * Expected verdicts:
 *   6.3      accepted
 *   6.4      accepted
 *   current  accepted  (6.18)
 *
 * Expected runtime: counts[i] += 1 for a random i, returns the sum of all
 * eight counters after the increment, i.e. 1 on the first run.
 */
#include "kptrviz.h"

__u64 counts[8];

SEC("tc")
long var_index(void *ctx)
{
	__u32 i = bpf_get_prandom_u32() & 7;
	long sum = 0;
	int k;

	counts[i] += 1;
	for (k = 0; k < 8; k++)
		sum += counts[k];
	return sum;
}

char _license[] SEC("license") = "GPL";
