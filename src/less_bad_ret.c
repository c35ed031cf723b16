// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * less_bad_ret.c - a less() callback that returns 2.
 *
 * Shows: the verifier checks the callback's return register against the
 * range [0, 1] at the callback's exit.  The callback is declared long (not
 * bool) and cast, so the compiler really returns 2.  It is verified even
 * though the tree is empty and it would never be called at runtime.
 *
 * Expected verdicts:
 *   6.3      rejected  At callback return the register R0 has value
 *                      (0x2; 0x0) should have been in (0x0; 0x1)
 *   6.4      rejected  (same; the older tnum wording)
 *   current  rejected  At callback return the register R0 has smin=2 smax=2
 *                      should have been in [0, 1]  (6.18)
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

/* declared long, not bool, so that the compiler really returns 2 */
static __noinline long three_way_less(struct bpf_rb_node *a,
				      const struct bpf_rb_node *b)
{
	return 2;
}

SEC("tc")
long less_bad_ret(void *ctx)
{
	struct elem *n;

	n = bpf_obj_new(struct elem);
	if (!n)
		return 1;
	n->key = 1;
	bpf_spin_lock(&glock);
	bpf_rbtree_add(&groot, &n->rb, (void *)three_way_less);
	bpf_spin_unlock(&glock);
	return 0;
}

char _license[] SEC("license") = "GPL";
