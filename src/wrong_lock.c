// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * wrong_lock.c - a lock is held, but not the one that guards the root.
 *
 * Shows: a lock protects only the roots in its own allocation.  Sections
 * .data.A and .data.B are two different array maps; holding lock_b does
 * not allow touching root_a.
 *
 * Expected verdicts:
 *   6.3      rejected  held lock and object are not in the same allocation
 *                      (followed by "bpf_spin_lock at off=16 must be held
 *                      for bpf_rb_root"; lock_a sits at offset 16 of .data.A)
 *   6.4      rejected  same as 6.3
 *   current  rejected  same two lines (6.18)
 *
 * Expected runtime: never runs.
 */
#include "kptrviz.h"

struct elem {
	long key;
	struct bpf_rb_node rb;
};

private(A) struct bpf_spin_lock lock_a;
private(A) struct bpf_rb_root root_a __contains(elem, rb);
private(B) struct bpf_spin_lock lock_b;
private(B) struct bpf_rb_root root_b __contains(elem, rb);

static bool elem_less(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
	return container_of(a, struct elem, rb)->key <
	       container_of(b, struct elem, rb)->key;
}

SEC("tc")
long wrong_lock(void *ctx)
{
	struct elem *n;

	n = bpf_obj_new(struct elem);
	if (!n)
		return 1;
	n->key = 17;

	bpf_spin_lock(&lock_b);
	bpf_rbtree_add(&root_a, &n->rb, elem_less);  /* root_a needs lock_a */
	bpf_spin_unlock(&lock_b);
	return 0;
}

char _license[] SEC("license") = "GPL";
