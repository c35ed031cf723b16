// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * acquire_nonowning_checked.c - bpf_refcount_acquire from a non-owning ref,
 * with the NULL check.
 *
 * Shows: after bpf_rbtree_add, n is non-owning.  bpf_refcount_acquire(n)
 * under the lock gives a new owning reference m; since 6.5 it may be NULL
 * (the object could be on its way out), so m is checked before use and
 * dropped after the unlock.  Compare acquire_nonowning_unchecked.c.
 *
 * Expected verdicts:
 *   6.3      rejected  bpf_refcount_acquire does not exist (added in 6.4)
 *   6.4      accepted  (the result is not NULL-able yet; the check is
 *                      harmless)
 *   current  accepted  (6.18)
 *
 * Expected runtime: returns m->key = 42.  Heap afterwards: one struct item
 * (key 42) in groot, refcount 1 (m's share was dropped).
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
long acquire_nonowning_checked(void *ctx)
{
	struct item *n, *m;
	long ret;

	n = bpf_obj_new(struct item);
	if (!n)
		return 1;
	n->key = 42;

	bpf_spin_lock(&glock);
	bpf_rbtree_add(&groot, &n->rb, item_less);      /* n: non-owning */
	m = bpf_refcount_acquire(n);                    /* may be NULL */
	bpf_spin_unlock(&glock);

	if (!m)
		return 2;
	ret = m->key;
	bpf_obj_drop(m);
	return ret;
}

char _license[] SEC("license") = "GPL";
