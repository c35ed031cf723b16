// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * rbtree_shape.c - the red-black tree's exact shape, condensed into the
 * return value.
 *
 * Shows: the kernel's rbtree is a real red-black tree (lib/rbtree.c), and
 * its shape after a sequence of inserts and removals is fully determined.
 * The program inserts 20 keys, removes the root three times and the
 * leftmost node three times (each removal taken out under the lock and
 * dropped after it), inserts 8 more keys and removes the root twice more.
 * Then, under the lock, it walks from the root to every possible key with
 * bpf_rbtree_root/left/right (6.16+) and hashes each path (left = 1,
 * right = 2, found = depth).  Two trees with different shapes give
 * different hashes, so an emulator that returns the kernel's value built
 * the kernel's tree.  The helpers are global functions so the verifier
 * checks each once (a small log) instead of at every call.
 *
 * Expected verdicts:
 *   6.3      rejected  bpf_rbtree_root/left/right do not exist before 6.16
 *   6.4      rejected  (same)
 *   current  accepted  (6.18)
 *
 * Expected runtime: the hash BPF_PROG_TEST_RUN returned (examples.tsv).
 * Heap afterwards: 20 struct knode in groot (each further run adds 20).
 */
#include "kptrviz.h"

struct knode {
	long key;
	struct bpf_rb_node rb;
};

private(A) struct bpf_spin_lock glock;
private(A) struct bpf_rb_root groot __contains(knode, rb);

extern struct bpf_rb_node *bpf_rbtree_root(struct bpf_rb_root *root) __ksym;
extern struct bpf_rb_node *bpf_rbtree_left(struct bpf_rb_root *root,
					   struct bpf_rb_node *node) __ksym;
extern struct bpf_rb_node *bpf_rbtree_right(struct bpf_rb_root *root,
					    struct bpf_rb_node *node) __ksym;

static bool knode_less(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
	return container_of(a, struct knode, rb)->key <
	       container_of(b, struct knode, rb)->key;
}

__noinline int add_keys(__u32 from, __u32 to)
{
	struct knode *n;
	__u32 i;

	for (i = from; i < to && i < 40; i++) {
		n = bpf_obj_new(struct knode);
		if (!n)
			return -1;
		n->key = (i * 7 + 3) % 31;	/* distinct for i < 31 */
		bpf_spin_lock(&glock);
		bpf_rbtree_add(&groot, &n->rb, knode_less);
		bpf_spin_unlock(&glock);
	}
	return 0;
}

/* take out the root (or the leftmost node) and drop it */
__noinline int remove_one(int root)
{
	struct bpf_rb_node *r;

	bpf_spin_lock(&glock);
	r = root ? bpf_rbtree_root(&groot) : bpf_rbtree_first(&groot);
	if (!r) {
		bpf_spin_unlock(&glock);
		return -1;
	}
	r = bpf_rbtree_remove(&groot, r);
	bpf_spin_unlock(&glock);
	if (!r)
		return -2;
	bpf_obj_drop(container_of(r, struct knode, rb));
	return 0;
}

/* the path from the root to key k: left = 1, right = 2, found = depth */
__noinline long path_hash(long k)
{
	struct bpf_rb_node *c;
	long h = 0, ck;
	int d;

	bpf_spin_lock(&glock);
	c = bpf_rbtree_root(&groot);
	for (d = 0; d < 12 && c; d++) {
		ck = container_of(c, struct knode, rb)->key;
		if (k == ck) {
			h = h * 31 + d + 1;
			break;
		}
		if (k < ck) {
			h = h * 3 + 1;
			c = bpf_rbtree_left(&groot, c);
		} else {
			h = h * 3 + 2;
			c = bpf_rbtree_right(&groot, c);
		}
	}
	bpf_spin_unlock(&glock);
	return h;
}

SEC("tc")
long rbtree_shape(void *ctx)
{
	__u64 h = 0;
	int i;

	if (add_keys(0, 20))
		return 1;
	for (i = 0; i < 6; i++)
		if (remove_one(i < 3))
			return 2;
	if (add_keys(20, 28))
		return 3;
	for (i = 0; i < 2; i++)
		if (remove_one(1))
			return 4;
	for (i = 0; i < 31; i++)
		h = h * 1000003 + path_hash(i);
	return h & 0x7fffffff;
}

char _license[] SEC("license") = "GPL";
