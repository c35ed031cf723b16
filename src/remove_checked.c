// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * remove_checked.c - take the smallest node out of a tree, the right way.
 *
 * Shows: bpf_rbtree_first returns a non-owning reference (or NULL) that is
 * valid while the lock is held.  bpf_rbtree_remove takes it and returns a
 * NEW owning reference, or NULL, so the result must be NULL-checked before
 * use.  The removed object is owned by the program again and must be
 * dropped (outside the lock).
 *
 * Expected verdicts:
 *   6.3      accepted  (remove cannot return NULL in 6.3; the check is
 *                      harmless)
 *   6.4      accepted
 *   current  accepted  (6.18)
 *
 * Expected runtime: keys 7 and 3 are added, the first node (key 3) is
 * removed, the new first node has key 7.  Returns removed*10 + remaining
 * = 37.  Heap afterwards: the key-3 object is freed by bpf_obj_drop; the
 * key-7 object stays in groot.
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
long remove_checked(void *ctx)
{
	struct bpf_rb_node *first, *removed, *next;
	struct elem *a, *b, *e;
	long rest = 0, ret;

	a = bpf_obj_new(struct elem);
	if (!a)
		return 1;
	b = bpf_obj_new(struct elem);
	if (!b) {
		bpf_obj_drop(a);
		return 1;
	}
	a->key = 7;
	b->key = 3;

	bpf_spin_lock(&glock);
	bpf_rbtree_add(&groot, &a->rb, elem_less);
	bpf_rbtree_add(&groot, &b->rb, elem_less);
	first = bpf_rbtree_first(&groot);
	if (!first) {
		bpf_spin_unlock(&glock);
		return 2;
	}
	removed = bpf_rbtree_remove(&groot, first);
	next = bpf_rbtree_first(&groot);
	if (next)
		rest = container_of(next, struct elem, rb)->key;
	bpf_spin_unlock(&glock);

	if (!removed)
		return 3;
	e = container_of(removed, struct elem, rb);
	ret = e->key * 10 + rest;
	bpf_obj_drop(e);
	return ret;
}

char _license[] SEC("license") = "GPL";
