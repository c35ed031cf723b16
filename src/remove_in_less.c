// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * remove_in_less.c - bpf_rbtree_remove called inside the less() callback.
 *
 * Shows: the less() callback runs while bpf_rbtree_add is walking the
 * tree, with the lock held.  Its two arguments are non-owning references,
 * so bpf_rbtree_remove(&groot, a) passes the ownership check, and then
 * fails the "not inside the rbtree callback" check.
 *
 * Expected verdicts:
 *   6.3      rejected  bpf_rbtree_remove not allowed in rbtree cb
 *                      (semantics.md E15 wording; the 6.3/6.4 sources seem
 *                      to print "rbtree_remove not allowed in rbtree cb")
 *   6.4      rejected  (same as 6.3)
 *   current  rejected  bpf_rbtree_remove not allowed in rbtree cb  (6.18)
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

static bool greedy_less(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
	struct bpf_rb_node *gone;

	/* tries to take a node out of the tree it is being compared in */
	gone = bpf_rbtree_remove(&groot, a);
	return gone != NULL;
}

SEC("tc")
long remove_in_less(void *ctx)
{
	struct elem *n;

	n = bpf_obj_new(struct elem);
	if (!n)
		return 1;
	n->key = 6;
	bpf_spin_lock(&glock);
	bpf_rbtree_add(&groot, &n->rb, greedy_less);
	bpf_spin_unlock(&glock);
	return 0;
}

char _license[] SEC("license") = "GPL";
