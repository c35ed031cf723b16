// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * remove_unadded.c - bpf_rbtree_remove on a node that was never added.
 *
 * Shows: the rules for the node argument of bpf_rbtree_remove changed.
 * Up to 6.15 it had to be a NON-owning reference (something found in the
 * tree under the lock), so a freshly allocated (owning) node was refused.
 * Since 6.16 an owning reference is accepted too; the kernel then checks
 * at runtime that the node's owner is this tree, and returns NULL when it
 * is not.  The type is refcounted so that both paths stay correct: if
 * remove ever succeeded, the tree's share would move to "got" and the
 * program would still own its own share through n.
 *
 * Expected verdicts:
 *   6.3      rejected  bpf_rbtree_remove can only take non-owning
 *                      bpf_rb_node pointer  (semantics.md E14 wording, used
 *                      in examples.tsv; the 6.3/6.4 sources seem to print
 *                      "rbtree_remove node input must be non-owning ref")
 *   6.4      rejected  same message as 6.3
 *   current  accepted  (6.16+; checked on 6.18)
 *
 * Expected runtime: bpf_rbtree_remove returns NULL (the node has no owner),
 * the program drops n and returns 50.  Heap afterwards: empty.
 */
#include "kptrviz.h"

struct item {
	long key;
	struct bpf_rb_node rb;
	struct bpf_refcount ref;
};

private(A) struct bpf_spin_lock glock;
private(A) struct bpf_rb_root groot __contains(item, rb);

SEC("tc")
long remove_unadded(void *ctx)
{
	struct bpf_rb_node *got;
	struct item *n;

	n = bpf_obj_new(struct item);
	if (!n)
		return 1;
	n->key = 5;

	bpf_spin_lock(&glock);
	got = bpf_rbtree_remove(&groot, &n->rb); /* n is owning, not in groot */
	bpf_spin_unlock(&glock);

	if (got) {
		/* never taken at runtime */
		bpf_obj_drop(container_of(got, struct item, rb));
		bpf_obj_drop(n);
		return 51;
	}
	bpf_obj_drop(n);
	return 50;
}

char _license[] SEC("license") = "GPL";
