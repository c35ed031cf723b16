// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * subprog_under_lock.c - call a static (non-inlined) BPF function while
 * holding the lock.
 *
 * Shows: since 6.9 a static subprogram may be called inside a critical
 * section; it inherits the held lock, so it may use the graph kfuncs
 * itself.  Before 6.9 every call under the lock, bpf-to-bpf calls
 * included, was refused.  (A global, non-static function is still
 * refused today.)
 *
 * Expected verdicts:
 *   6.3      rejected  function calls are not allowed while holding a lock
 *   6.4      rejected  function calls are not allowed while holding a lock
 *   current  accepted  (6.9+; checked on 6.18)
 *
 * Expected runtime: key 77 is added, the subprogram reads the first key
 * under the caller's lock; returns 77.  Heap afterwards: one object in
 * groot.
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

/* must be called with glock held */
static __noinline long first_key_locked(void)
{
	struct bpf_rb_node *first;

	first = bpf_rbtree_first(&groot);
	if (!first)
		return -1;
	return container_of(first, struct elem, rb)->key;
}

SEC("tc")
long subprog_under_lock(void *ctx)
{
	struct elem *n;
	long key;

	n = bpf_obj_new(struct elem);
	if (!n)
		return 1;
	n->key = 77;

	bpf_spin_lock(&glock);
	bpf_rbtree_add(&groot, &n->rb, elem_less);
	key = first_key_locked();       /* bpf-to-bpf call under the lock */
	bpf_spin_unlock(&glock);
	return key;
}

char _license[] SEC("license") = "GPL";
