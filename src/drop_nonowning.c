// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * drop_nonowning.c - bpf_obj_drop on a pointer whose ownership was given
 * to a tree.
 *
 * Shows: after bpf_rbtree_add the tree owns the node; n is only a borrowed
 * (non-owning) pointer and cannot be released by the program.  A live
 * non-owning reference exists only inside the critical section, where
 * bpf_obj_drop is not callable at all (see drop_under_lock.c), so the
 * natural form of this mistake is the drop after unlock: by then n has
 * been invalidated to a scalar.
 *
 * Expected verdicts:
 *   6.3      rejected  arg#0 expected pointer to allocated object
 *   6.4      rejected  arg#0 expected pointer to allocated object
 *                      (semantics.md E9; see the report: 6.4 probably
 *                      prints "R1 must be referenced or trusted" already)
 *   current  rejected  R1 must be referenced or trusted (6.18)
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
long drop_nonowning(void *ctx)
{
	struct elem *n;

	n = bpf_obj_new(struct elem);
	if (!n)
		return 1;
	n->key = 12;

	bpf_spin_lock(&glock);
	bpf_rbtree_add(&groot, &n->rb, elem_less);  /* tree owns it now */
	bpf_spin_unlock(&glock);

	bpf_obj_drop(n);        /* not ours to drop */
	return 0;
}

char _license[] SEC("license") = "GPL";
