// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * arith_loop.c - a tight arithmetic loop, no kfuncs at all.
 *
 * Shows: nothing about ownership.  It is the emulator's speed test: the
 * JMH benchmark (model/src/test/java/dev/kptrviz/bench/RunBench.java) runs
 * it to measure untraced and traced instructions per second.  The loop is
 * branch-free apart from its bound, so the verifier walks each iteration
 * once (about 144k instructions processed) and the program runs the same
 * instructions at runtime.  (8000 iterations keep the kernel's full log
 * above the oracle's 64 MB buffer, so it records only the summary.)
 *
 * Expected verdicts:
 *   6.3      accepted
 *   6.4      accepted
 *   current  accepted  (6.18)
 *
 * Expected runtime: a hash of the loop (see examples.tsv for the value the
 * kernel's BPF_PROG_TEST_RUN returned).  Heap afterwards: empty; the .bss
 * array acc[] keeps the per-slot sums (and grows on every run).
 */
#include "kptrviz.h"

__u64 acc[8];

SEC("tc")
long arith_loop(void *ctx)
{
	__u64 h = 0x9e3779b97f4a7c15ULL;
	__u32 i;

	for (i = 0; i < 8000; i++) {
		h ^= h >> 29;
		h *= 0xbf58476d1ce4e5b9ULL;
		h += i;
		acc[i & 7] += h;
	}
	return (h ^ acc[3]) & 0x7fffffff;
}

char _license[] SEC("license") = "GPL";
