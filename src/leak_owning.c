// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * leak_owning.c - an owning reference still held at program exit.
 *
 * Shows: every owning reference must end up somewhere: inserted into a
 * collection, stashed in a map with bpf_kptr_xchg, or dropped.  Here the
 * object is written to and then simply forgotten.
 *
 * Expected verdicts:
 *   6.3      rejected  Unreleased reference id=2 alloc_insn=3
 *   6.4      rejected  Unreleased reference id=2 alloc_insn=3
 *   current  rejected  the same line, followed by "BPF_EXIT instruction in
 *                      main prog would lead to reference leak" (6.18)
 *
 * Expected runtime: never runs.
 */
#include "kptrviz.h"

struct blob {
	long key;
	long val;
};

SEC("tc")
long leak_owning(void *ctx)
{
	struct blob *n;

	n = bpf_obj_new(struct blob);
	if (!n)
		return 1;
	n->key = 13;
	n->val = 14;
	return 0;               /* n is never dropped */
}

char _license[] SEC("license") = "GPL";
