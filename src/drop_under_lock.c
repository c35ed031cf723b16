// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * drop_under_lock.c - bpf_obj_drop inside the critical section.
 *
 * Shows: while a bpf_spin_lock is held only the graph kfuncs (list and
 * rbtree operations, bpf_refcount_acquire) and bpf_spin_unlock may be
 * called; bpf_obj_new and bpf_obj_drop are ordinary kfuncs and are
 * refused.  The node is pushed and popped right away; the popped node is
 * a valid owning reference, so the same drop after the unlock would be
 * fine.
 *
 * Expected verdicts:
 *   6.3      rejected  function calls are not allowed while holding a lock
 *   6.4      rejected  function calls are not allowed while holding a lock
 *   current  rejected  function calls are not allowed while holding a lock
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
long drop_under_lock(void *ctx)
{
	struct bpf_list_node *p;
	struct entry *e;

	e = bpf_obj_new(struct entry);
	if (!e)
		return 1;
	e->key = 22;

	bpf_spin_lock(&glock);
	bpf_list_push_back(&ghead, &e->ll);
	p = bpf_list_pop_front(&ghead);
	if (p)
		bpf_obj_drop(container_of(p, struct entry, ll)); /* too early */
	bpf_spin_unlock(&glock);
	return 0;
}

char _license[] SEC("license") = "GPL";
