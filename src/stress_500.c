// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * stress_500.c - five hundred refcounted nodes, each in a list AND a tree.
 *
 * Shows: the motivating pattern at scale, for the ownership graph (and its
 * speed harness): after the run 500 live objects sit in slist (insertion
 * order) and in sroot (key order), each with refcount 2.
 *
 * Why two global functions: a bounded loop around bpf_rbtree_add makes the
 * kernel re-walk the rest of the loop for every extra pass it assumes the
 * less() callback may take, so a plain 500-pass loop runs into the
 * one-million-instruction limit.  A global (non-static) function is
 * verified once, on its own, and every call to it is taken as valid, so
 * here one node's work (stress_add) and a batch of 25 calls (stress_batch)
 * are each checked once, and the main program only loops 20 times.
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
 * Expected runtime: node n (0..499) gets key (n * 37 + 11) % 500 + 1, a
 * permutation of 1..500.  Every insert succeeds; the tree's smallest key is
 * 1; returns placed * 1000 + smallest = 500001 (placed: nodes whose two
 * inserts both succeeded).  Heap afterwards: 500
 * objects, each in slist and sroot with refcount 2.
 */
#include "kptrviz.h"

#define COUNT 500
#define BATCH 25

struct item {
	long key;
	long seq;
	struct bpf_rb_node rb;
	struct bpf_list_node ll;
	struct bpf_refcount ref;
};

private(S) struct bpf_spin_lock slock;
private(S) struct bpf_rb_root sroot __contains(item, rb);
private(S) struct bpf_list_head slist __contains(item, ll);

static bool item_less(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
	return container_of(a, struct item, rb)->key <
	       container_of(b, struct item, rb)->key;
}

/* Global: verified once.  Returns 1 if an insert failed, else 0. */
__noinline int stress_add(__u32 n)
{
	struct item *it, *share;
	int failed = 0;

	it = bpf_obj_new(struct item);
	if (!it)
		return 1;
	it->seq = n;
	it->key = (n * 37 + 11) % COUNT + 1;
	share = bpf_refcount_acquire(it);       /* refcount 1 -> 2 */

	bpf_spin_lock(&slock);
	failed += bpf_list_push_back(&slist, &it->ll) != 0;
	failed += bpf_rbtree_add(&sroot, &share->rb, item_less) != 0;
	bpf_spin_unlock(&slock);
	return failed != 0;
}

/* Global: verified once.  Adds nodes batch * BATCH .. batch * BATCH + 24. */
__noinline int stress_batch(__u32 batch)
{
	__u32 i;
	int failed = 0;

	/* kept a loop (not unrolled), so the listing stays short */
#pragma clang loop unroll(disable)
	for (i = 0; i < BATCH; i++)
		failed += stress_add(batch * BATCH + i);
	return failed;
}

SEC("tc")
long stress_500(void *ctx)
{
	struct bpf_rb_node *least;
	long smallest = -1, failed = 0;
	__u32 b;

#pragma clang loop unroll(disable)
	for (b = 0; b < COUNT / BATCH; b++)
		failed += stress_batch(b);

	bpf_spin_lock(&slock);
	least = bpf_rbtree_first(&sroot);
	if (least)
		smallest = container_of(least, struct item, rb)->key;
	bpf_spin_unlock(&slock);
	return (COUNT - failed) * 1000 + smallest;
}

char _license[] SEC("license") = "GPL";
