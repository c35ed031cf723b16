// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * use_after_unlock.c - read a node through a non-owning reference after
 * the lock was released.
 *
 * Shows: after bpf_rbtree_add the pointer n is non-owning; it is only good
 * while glock is held, because once the lock is dropped another CPU may
 * remove and free the node.  bpf_spin_unlock turns every non-owning
 * reference into an unknown scalar, so the later load is a load through a
 * scalar.
 *
 * Expected verdicts:
 *   6.3      rejected  R6 invalid mem access 'scalar'
 *   6.4      rejected  R6 invalid mem access 'scalar'
 *   current  rejected  R6 invalid mem access 'scalar' (6.18; n lives in R6)
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
long use_after_unlock(void *ctx)
{
	struct elem *n;

	n = bpf_obj_new(struct elem);
	if (!n)
		return 1;
	n->key = 11;

	bpf_spin_lock(&glock);
	bpf_rbtree_add(&groot, &n->rb, elem_less);
	bpf_spin_unlock(&glock);

	return n->key;          /* n was invalidated by the unlock */
}

char _license[] SEC("license") = "GPL";
