// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * insert_without_lock.c - bpf_rbtree_add with no lock held.
 *
 * Shows: every list/rbtree operation on a root needs the bpf_spin_lock
 * that lives in the same allocation as the root (here: the same .data.A
 * section).  The message names the lock's offset inside that map value
 * and the kind of root.  clang lays the section out as groot at 0, glock
 * at 16 (not in source order), hence off=16.
 *
 * Expected verdicts:
 *   6.3      rejected  bpf_spin_lock at off=16 must be held for bpf_rb_root
 *   6.4      rejected  bpf_spin_lock at off=16 must be held for bpf_rb_root
 *   current  rejected  bpf_spin_lock at off=16 must be held for bpf_rb_root
 *                      (6.18)
 *
 * Expected runtime: never runs.
 */
#include "kptrviz.h"

struct elem {
	long key;
	struct bpf_rb_node rb;
};

private(A) struct bpf_spin_lock glock;
private(A) struct bpf_rb_root groot __contains(elem, rb);

static bool elem_less(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
	return container_of(a, struct elem, rb)->key <
	       container_of(b, struct elem, rb)->key;
}

SEC("tc")
long insert_without_lock(void *ctx)
{
	struct elem *n;

	n = bpf_obj_new(struct elem);
	if (!n)
		return 1;
	n->key = 16;

	bpf_rbtree_add(&groot, &n->rb, elem_less);  /* glock not held */
	return 0;
}

char _license[] SEC("license") = "GPL";
