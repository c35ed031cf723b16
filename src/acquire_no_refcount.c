// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * acquire_no_refcount.c - bpf_refcount_acquire on a type that has no
 * struct bpf_refcount member.
 *
 * Shows: only refcounted types can have more than one owner.  A type
 * without a bpf_refcount member keeps exclusive ownership, and asking for
 * a second reference is refused.
 *
 * Expected verdicts:
 *   6.3      rejected  libbpf: extern (func ksym)
 *                      'bpf_refcount_acquire_impl': not found in kernel or
 *                      module BTFs (the kfunc is new in 6.4)
 *   6.4      rejected  arg#0 doesn't point to a type with bpf_refcount field
 *   current  rejected  arg#0 doesn't point to a type with bpf_refcount field
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
long acquire_no_refcount(void *ctx)
{
	struct elem *n, *m;

	n = bpf_obj_new(struct elem);
	if (!n)
		return 1;
	n->key = 20;
	m = bpf_refcount_acquire(n);    /* struct elem has no bpf_refcount */

	bpf_spin_lock(&glock);
	bpf_rbtree_add(&groot, &n->rb, elem_less);
	bpf_spin_unlock(&glock);
	bpf_obj_drop(m);
	return 0;
}

char _license[] SEC("license") = "GPL";
