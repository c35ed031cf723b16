// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * spill_leak.c - an owning pointer that only a stack slot remembers.
 *
 * Shows: the leak check at exit looks at the verifier's reference list,
 * not at registers: a reference whose only copy is in a stack slot is
 * still leaked.
 *
 * Expected verdicts:
 *   6.3      rejected  Unreleased reference id=2 alloc_insn=3
 *   6.4      rejected  Unreleased reference id=2 alloc_insn=3
 *   current  rejected  the same line, followed by "BPF_EXIT instruction in
 *                      main prog would lead to reference leak"  (6.18)
 *
 * Expected runtime: never runs.
 */
#include "kptrviz.h"

struct entry {
	long key;
	struct bpf_list_node ll;
};

private(A) struct bpf_spin_lock glock;
private(A) struct bpf_list_head ghead __contains(entry, ll);

SEC("tc")
long spill_leak(void *ctx)
{
	struct entry *volatile slot;    /* forces a stack slot */
	struct entry *e;

	e = bpf_obj_new(struct entry);
	if (!e)
		return 1;
	e->key = 12;
	slot = e;       /* only the stack slot keeps the pointer from here on */
	return 0;
}

char _license[] SEC("license") = "GPL";
