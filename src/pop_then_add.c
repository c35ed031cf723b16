// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * pop_then_add.c - the pre-series workaround: move a node from the list to
 * the tree instead of keeping it in both.
 *
 * Shows: with exclusive ownership a node can be in one collection at a
 * time.  To "also" put it in the tree, the program pops it from the list
 * (getting an owning reference back) and hands that to bpf_rbtree_add.
 * Two critical sections are used on purpose: the popped owning reference
 * survives the unlock, unlike a non-owning one.  No bpf_refcount_acquire
 * is needed.  The node type still has a bpf_refcount, because a struct
 * with both node kinds needs one (6.4+); that is also why no version
 * before 6.4 can load it.
 *
 * Expected verdicts:
 *   6.3      rejected  BTF: EINVAL (list node + rb node in one struct)
 *   6.4      accepted
 *   current  accepted  (6.18)
 *
 * Expected runtime: the node (key 69) goes list -> program -> tree; the
 * tree's first key is 69; returns 69.  Heap afterwards: one object in
 * groot only, refcount 1; ghead is empty.
 */
#include "kptrviz.h"

struct task {
	long key;
	struct bpf_rb_node rb;
	struct bpf_list_node ll;
	struct bpf_refcount ref;
};

private(A) struct bpf_spin_lock glock;
private(A) struct bpf_rb_root groot __contains(task, rb);
private(A) struct bpf_list_head ghead __contains(task, ll);

static bool task_less(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
	return container_of(a, struct task, rb)->key <
	       container_of(b, struct task, rb)->key;
}

SEC("tc")
long pop_then_add(void *ctx)
{
	struct bpf_list_node *p;
	struct bpf_rb_node *first;
	struct task *t;
	long key = -1;

	t = bpf_obj_new(struct task);
	if (!t)
		return 1;
	t->key = 69;

	bpf_spin_lock(&glock);
	bpf_list_push_back(&ghead, &t->ll);
	bpf_spin_unlock(&glock);

	/* critical section 1: take it back out of the list */
	bpf_spin_lock(&glock);
	p = bpf_list_pop_front(&ghead);
	bpf_spin_unlock(&glock);
	if (!p)
		return 2;
	t = container_of(p, struct task, ll);   /* owning again */

	/* critical section 2: give it to the tree */
	bpf_spin_lock(&glock);
	bpf_rbtree_add(&groot, &t->rb, task_less);
	first = bpf_rbtree_first(&groot);
	if (first)
		key = container_of(first, struct task, rb)->key;
	bpf_spin_unlock(&glock);
	return key;
}

char _license[] SEC("license") = "GPL";
