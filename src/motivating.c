// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * motivating.c - one object in a list AND an rbtree at the same time.
 *
 * Shows: the case shared ownership was made for.  A struct node carries a
 * bpf_list_node, a bpf_rb_node and a bpf_refcount.  After bpf_obj_new the
 * program holds one owning reference (n).  bpf_refcount_acquire gives it a
 * second owning reference (m) to the same object.  Under ONE critical
 * section of glock, n goes to the list and m goes to the tree; each insert
 * turns the reference it consumed into a non-owning one.  Unlock
 * invalidates both, nothing is left to release, the program returns.
 *
 * Expected verdicts:
 *   6.3      rejected  BTF: EINVAL. A struct with both a list node and an rb
 *                      node is refused when the program BTF is loaded
 *                      (bpf_refcount means nothing yet in 6.3, and
 *                      bpf_refcount_acquire does not exist).
 *   6.4      accepted  (*)
 *                      (*) 6.4 means the rules of the shared-ownership
 *                      series.  The released 6.4 and 6.5 kernels refused
 *                      the bpf_refcount_acquire call itself (commit
 *                      7deca5eae833, reverted in 6.6).
 *   current  accepted  (Linux 6.18)
 *
 * Expected runtime (BPF_PROG_TEST_RUN): returns 0.  Heap afterwards: one
 * struct node, key 1, refcount 2, linked in ghead (list owner) and groot
 * (tree owner).  It is freed when the .data.A map is freed: draining the
 * list drops one share, draining the tree drops the other.
 */
#include "kptrviz.h"

struct node {
	long key;
	long val;
	struct bpf_rb_node rb;
	struct bpf_list_node ll;
	struct bpf_refcount ref;
};

private(A) struct bpf_spin_lock glock;
private(A) struct bpf_rb_root groot __contains(node, rb);
private(A) struct bpf_list_head ghead __contains(node, ll);

static bool node_less(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
	struct node *x = container_of(a, struct node, rb);
	struct node *y = container_of(b, struct node, rb);

	return x->key < y->key;
}

SEC("tc")
long motivating(void *ctx)
{
	struct node *n, *m;

	n = bpf_obj_new(struct node);
	if (!n)
		return 1;
	n->key = 1;
	n->val = 100;

	/* second owning reference to the same object: refcount 1 -> 2 */
	m = bpf_refcount_acquire(n);

	bpf_spin_lock(&glock);
	bpf_list_push_back(&ghead, &n->ll);     /* n: owning -> non-owning */
	bpf_rbtree_add(&groot, &m->rb, node_less); /* m: owning -> non-owning */
	bpf_spin_unlock(&glock);                /* n, m: invalidated */
	return 0;
}

char _license[] SEC("license") = "GPL";
