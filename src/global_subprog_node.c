// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * global_subprog_node.c - an owning node pointer passed to a global function.
 *
 * Shows: a global (non-static) function is verified on its own, from its
 * BTF prototype: its pointer argument is plain memory of sizeof(struct
 * entry).  At the call site the verifier checks that the whole struct may
 * be read through the caller's pointer, which overlaps the bpf_list_node,
 * so the call is refused.  (A static function would be fine.)
 *
 * Expected verdicts:
 *   6.3      rejected  direct access to bpf_list_node is disallowed, then
 *                      Caller passes invalid args into func#1
 *   6.4      rejected  (same as 6.3)
 *   current  rejected  the same, the second line ending in ('entry_key')
 *                      (6.18)
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

/* global (not static): verified on its own, from its BTF prototype */
__noinline long entry_key(struct entry *e)
{
	if (!e)
		return -1;
	return e->key;
}

SEC("tc")
long global_subprog_node(void *ctx)
{
	struct entry *e;
	long key;

	e = bpf_obj_new(struct entry);
	if (!e)
		return 1;
	e->key = 13;
	key = entry_key(e);
	bpf_spin_lock(&glock);
	bpf_list_push_back(&ghead, &e->ll);
	bpf_spin_unlock(&glock);
	return key;
}

char _license[] SEC("license") = "GPL";
