// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * fill_list_and_tree.c - six refcounted nodes, each in a list AND a tree.
 *
 * Shows: the motivating pattern in a bounded loop.  Each node is pushed to
 * the back of the list (insertion order) and added to the tree (key
 * order).  Afterwards, in one critical section, the program peeks at the
 * smallest key (bpf_rbtree_first, non-owning) and pops the list's first
 * and last nodes (owning); those two are dropped after unlock, which only
 * gives back the list's share: they stay in the tree.
 *
 * Expected verdicts:
 *   6.3      rejected  BTF: EINVAL (list node + rb node in one struct)
 *   6.4      accepted  (*)
 *                      (*) 6.4 means the rules of the shared-ownership
 *                      series.  The released 6.4 and 6.5 kernels refused
 *                      the bpf_refcount_acquire call itself (commit
 *                      7deca5eae833, reverted in 6.6).
 *   current  accepted  (6.18)
 *
 * Expected runtime: keys in insertion order 3 8 2 7 1 6.  Tree minimum 1,
 * list front 3, list back 6; returns 1*10000 + 3*100 + 6 = 10306.  Heap
 * afterwards: six objects in groot; four of them (8 2 7 1) also in ghead
 * with refcount 2, the other two (3 and 6) in the tree only, refcount 1.
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
long fill_list_and_tree(void *ctx)
{
	struct bpf_list_node *head_end, *tail_end;
	struct bpf_rb_node *least;
	struct node *n, *m;
	long smallest = -1, front = -1, back = -1;
	int i;

	for (i = 0; i < 6; i++) {
		n = bpf_obj_new(struct node);
		if (!n)
			return 1;
		n->key = (i * 5 + 3) % 11;      /* 3 8 2 7 1 6 */
		m = bpf_refcount_acquire(n);

		bpf_spin_lock(&glock);
		bpf_list_push_back(&ghead, &n->ll);
		bpf_rbtree_add(&groot, &m->rb, node_less);
		bpf_spin_unlock(&glock);
	}

	bpf_spin_lock(&glock);
	least = bpf_rbtree_first(&groot);
	if (least)
		smallest = container_of(least, struct node, rb)->key;
	head_end = bpf_list_pop_front(&ghead);
	tail_end = bpf_list_pop_back(&ghead);
	bpf_spin_unlock(&glock);

	if (head_end) {
		n = container_of(head_end, struct node, ll);
		front = n->key;
		bpf_obj_drop(n);
	}
	if (tail_end) {
		n = container_of(tail_end, struct node, ll);
		back = n->key;
		bpf_obj_drop(n);
	}
	return smallest * 10000 + front * 100 + back;
}

char _license[] SEC("license") = "GPL";
