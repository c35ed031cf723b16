// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * remove_unchecked.c - use the result of bpf_rbtree_remove without a NULL
 * check.
 *
 * Shows: since 6.4 bpf_rbtree_remove may fail (the node is not in that
 * tree) and returns NULL, so its result is "maybe NULL".  Reading through
 * it before a NULL check is refused.  The rb node is the FIRST member here,
 * so container_of adds nothing and the failure is the plain dereference.
 *
 * Expected verdicts:
 *   6.3      accepted  (6.3's remove was KF_ACQUIRE only: never NULL)
 *   6.4      rejected  R6 invalid mem access 'ptr_or_null_'
 *   current  rejected  R6 invalid mem access 'ptr_or_null_' (6.18)
 *
 * Expected runtime (6.3 only): returns 4, the removed key; the object is
 * dropped and the tree is empty again.
 */
#include "kptrviz.h"

struct elem {
	struct bpf_rb_node rb;
	long key;
};

private(A) struct bpf_spin_lock glock;
private(A) struct bpf_rb_root groot __contains(elem, rb);

static bool elem_less(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
	return container_of(a, struct elem, rb)->key <
	       container_of(b, struct elem, rb)->key;
}

SEC("tc")
long remove_unchecked(void *ctx)
{
	struct bpf_rb_node *first, *removed;
	struct elem *n, *e;
	long key;

	n = bpf_obj_new(struct elem);
	if (!n)
		return 1;
	n->key = 4;

	bpf_spin_lock(&glock);
	bpf_rbtree_add(&groot, &n->rb, elem_less);
	first = bpf_rbtree_first(&groot);
	if (!first) {
		bpf_spin_unlock(&glock);
		return 2;
	}
	removed = bpf_rbtree_remove(&groot, first);
	bpf_spin_unlock(&glock);

	e = container_of(removed, struct elem, rb);
	key = e->key;                 /* no NULL check: refused since 6.4 */
	bpf_obj_drop(e);
	return key;
}

char _license[] SEC("license") = "GPL";
