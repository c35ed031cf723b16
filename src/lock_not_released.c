// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * lock_not_released.c - the program exits while still holding the lock.
 *
 * Shows: the lock-held state is checked at the main program's exit just
 * like outstanding references.  Nothing else is wrong here: the node was
 * handed to the tree, so n is only a non-owning pointer that needs no
 * release.
 *
 * Expected verdicts:
 *   6.3      rejected  bpf_spin_unlock is missing
 *   6.4      rejected  bpf_spin_unlock is missing
 *   current  rejected  BPF_EXIT instruction in main prog cannot be used
 *                      inside bpf_spin_lock-ed region (6.18)
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
long lock_not_released(void *ctx)
{
	struct elem *n;

	n = bpf_obj_new(struct elem);
	if (!n)
		return 1;
	n->key = 18;

	bpf_spin_lock(&glock);
	bpf_rbtree_add(&groot, &n->rb, elem_less);
	return 18;              /* glock is still held */
}

char _license[] SEC("license") = "GPL";
