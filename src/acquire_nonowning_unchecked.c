// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * acquire_nonowning_unchecked.c - bpf_refcount_acquire from a non-owning
 * reference, result used without a NULL check.
 *
 * Shows: taking a new owning reference from a NON-owning one can fail
 * since 6.5: the object may already be on its way to being freed (its
 * count reached 0), and bpf_refcount_acquire then returns NULL.  So the
 * result is "maybe NULL" unless the input was an owning reference.  In
 * the 6.4 series rules it could not fail.
 *
 * Expected verdicts:
 *   6.3      rejected  libbpf: extern (func ksym)
 *                      'bpf_refcount_acquire_impl': not found in kernel or
 *                      module BTFs (the kfunc is new in 6.4)
 *   6.4      accepted  (result never NULL in the series' rules) (*)
 *                      (*) 6.4 means the rules of the shared-ownership
 *                      series.  The released 6.4 and 6.5 kernels refused
 *                      the bpf_refcount_acquire call itself (commit
 *                      7deca5eae833, reverted in 6.6).
 *   current  rejected  Possibly NULL pointer passed to trusted arg0 (6.18)
 *
 * Expected runtime (6.4 rules only): returns 60; the object (key 21)
 * stays in groot with refcount 1 after m is dropped.
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
long acquire_nonowning_unchecked(void *ctx)
{
	struct item *n, *m;

	n = bpf_obj_new(struct item);
	if (!n)
		return 1;
	n->key = 21;

	bpf_spin_lock(&glock);
	bpf_rbtree_add(&groot, &n->rb, item_less);  /* n: non-owning */
	m = bpf_refcount_acquire(n);                /* may be NULL (6.5+) */
	bpf_spin_unlock(&glock);

	bpf_obj_drop(m);                            /* no NULL check */
	return 60;
}

char _license[] SEC("license") = "GPL";
