// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * double_insert.c - two owning references to one object, both added to
 * the same tree.
 *
 * Shows: the verifier cannot know that n and m point to the same object,
 * so both bpf_rbtree_add calls are legal.  The runtime catches it: the
 * second add finds the node already owned by a tree, drops m's share and
 * returns -EINVAL (-22).  This is why the inserts became fallible (return
 * int) in the shared-ownership series.
 *
 * Expected verdicts:
 *   6.3      rejected  bpf_refcount_acquire does not exist (added in 6.4);
 *                      two owning references to one object are impossible
 *   6.4      accepted  (*)
 *                      (*) 6.4 means the rules of the shared-ownership
 *                      series.  The released 6.4 and 6.5 kernels refused
 *                      the bpf_refcount_acquire call itself (commit
 *                      7deca5eae833, reverted in 6.6).
 *   current  accepted  (6.18)
 *
 * Expected runtime: first add returns 0, second add returns -22; the
 * program returns first*1000 + second = -22.  Heap afterwards: one struct
 * item (key 7) in groot, refcount 1 (the tree's share; m's share was
 * dropped by the failed add).
 */
#include "kptrviz.h"

struct item {
	long key;
	struct bpf_rb_node rb;
	struct bpf_refcount ref;
};

private(A) struct bpf_spin_lock glock;
private(A) struct bpf_rb_root groot __contains(item, rb);

static bool item_less(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
	return container_of(a, struct item, rb)->key <
	       container_of(b, struct item, rb)->key;
}

SEC("tc")
long double_insert(void *ctx)
{
	struct item *n, *m;
	long first, second;

	n = bpf_obj_new(struct item);
	if (!n)
		return 1;
	n->key = 7;
	m = bpf_refcount_acquire(n);            /* refcount 2 */

	bpf_spin_lock(&glock);
	first = bpf_rbtree_add(&groot, &n->rb, item_less);  /* 0 */
	second = bpf_rbtree_add(&groot, &m->rb, item_less); /* -EINVAL */
	bpf_spin_unlock(&glock);

	return first * 1000 + second;
}

char _license[] SEC("license") = "GPL";
