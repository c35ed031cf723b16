// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * nonowning_to_rbtree_add.c - insert the same pointer into a second
 * collection without taking a second reference first.
 *
 * Shows: bpf_list_push_back consumes the owning reference n and leaves n
 * behind as a NON-owning reference.  A non-owning reference is not enough
 * for bpf_rbtree_add, which needs an owning one (it takes over a share of
 * the object).  The fix is bpf_refcount_acquire before the first insert
 * (see motivating.c).
 *
 * Expected verdicts:
 *   6.3      rejected  BTF: EINVAL (list node + rb node in one struct)
 *   6.4      rejected  arg#1 expected pointer to allocated object
 *   current  rejected  arg#1 expected pointer to allocated object (6.18)
 *
 * Expected runtime: never runs.
 */
#include "kptrviz.h"

struct node {
	long key;
	struct bpf_rb_node rb;
	struct bpf_list_node ll;
	struct bpf_refcount ref;
};

private(A) struct bpf_spin_lock glock;
private(A) struct bpf_rb_root groot __contains(node, rb);
private(A) struct bpf_list_head ghead __contains(node, ll);

static bool node_less(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
	return container_of(a, struct node, rb)->key <
	       container_of(b, struct node, rb)->key;
}

SEC("tc")
long nonowning_to_rbtree_add(void *ctx)
{
	struct node *n;

	n = bpf_obj_new(struct node);
	if (!n)
		return 1;
	n->key = 2;

	bpf_spin_lock(&glock);
	bpf_list_push_back(&ghead, &n->ll);        /* n is non-owning now */
	bpf_rbtree_add(&groot, &n->rb, node_less); /* refused here */
	bpf_spin_unlock(&glock);
	return 0;
}

char _license[] SEC("license") = "GPL";
