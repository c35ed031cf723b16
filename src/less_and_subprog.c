// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * less_and_subprog.c - an rbtree ordered by a less() callback, filled by a
 * real (non-inlined) static subprogram.
 *
 * Shows: the less() callback is verified at each bpf_rbtree_add call site
 * with two non-owning node pointers as arguments and must return 0 or 1.
 * insert_key() is a separate BPF function (bpf-to-bpf call): it allocates,
 * takes the lock, inserts and unlocks; it is called outside any lock, so
 * it is legal in every version.
 *
 * Expected verdicts:
 *   6.3      accepted
 *   6.4      accepted
 *   current  accepted  (6.18)
 *
 * Expected runtime: keys 30, 10, 20 are inserted (3 successes); the
 * smallest is 10; returns 3*100 + 10 = 310.  Heap afterwards: three
 * objects in groot, in key order 10 20 30.
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
	struct elem *x = container_of(a, struct elem, rb);
	struct elem *y = container_of(b, struct elem, rb);

	return x->key < y->key;
}

static __noinline int insert_key(long key)
{
	struct elem *e;
	int err;

	e = bpf_obj_new(struct elem);
	if (!e)
		return -12;     /* -ENOMEM */
	e->key = key;
	bpf_spin_lock(&glock);
	err = bpf_rbtree_add(&groot, &e->rb, elem_less);
	bpf_spin_unlock(&glock);
	return err;
}

SEC("tc")
long less_and_subprog(void *ctx)
{
	struct bpf_rb_node *first;
	long ok = 0, smallest = -1;

	ok += insert_key(30) == 0;
	ok += insert_key(10) == 0;
	ok += insert_key(20) == 0;

	bpf_spin_lock(&glock);
	first = bpf_rbtree_first(&groot);
	if (first)
		smallest = container_of(first, struct elem, rb)->key;
	bpf_spin_unlock(&glock);

	return ok * 100 + smallest;
}

char _license[] SEC("license") = "GPL";
