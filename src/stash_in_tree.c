// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * stash_in_tree.c - one refcounted node held by a tree AND by a kptr slot.
 *
 * Shows: a map value can own a local object through a __kptr field.
 * bpf_kptr_xchg moves an owning reference into the slot (and hands back
 * whatever was there, as an owning reference or NULL).  With bpf_refcount
 * the same object can at the same time be in an rbtree: n's share goes to
 * the tree, m's share goes to the slot.
 *
 * The slot is a global in its own data section (.data.stash), i.e. the
 * single value of an array map that libbpf creates for that section; no
 * SEC(".maps") map is needed.  private() keeps the section non-mmapable,
 * which the kernel requires for a map value with a kptr field.
 *
 * Expected verdicts:
 *   6.3      rejected  bpf_refcount_acquire does not exist (and local kptrs
 *                      cannot be stashed before 6.4)
 *   6.4      accepted  (*)
 *                      (*) 6.4 means the rules of the shared-ownership
 *                      series.  The released 6.4 and 6.5 kernels refused
 *                      the bpf_refcount_acquire call itself (commit
 *                      7deca5eae833, reverted in 6.6).
 *   current  accepted  (6.18)
 *
 * Expected runtime: the slot was empty (old == NULL), the tree's first key
 * is 42; returns 42.  Heap afterwards: one struct snode, key 42, refcount 2
 * (one share in sroot, one in the stash slot).  Freeing the two maps drops
 * both shares.
 */
#include "kptrviz.h"

struct snode {
	long key;
	struct bpf_rb_node rb;
	struct bpf_refcount ref;
};

private(A) struct bpf_spin_lock slock;
private(A) struct bpf_rb_root sroot __contains(snode, rb);
private(stash) struct snode __kptr *stash_slot;

static bool snode_less(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
	return container_of(a, struct snode, rb)->key <
	       container_of(b, struct snode, rb)->key;
}

SEC("tc")
long stash_in_tree(void *ctx)
{
	struct bpf_rb_node *first;
	struct snode *n, *m, *old;
	long key = -1, had_old = 0;

	n = bpf_obj_new(struct snode);
	if (!n)
		return 1;
	n->key = 42;
	m = bpf_refcount_acquire(n);            /* refcount 2 */

	bpf_spin_lock(&slock);
	bpf_rbtree_add(&sroot, &n->rb, snode_less);
	bpf_spin_unlock(&slock);

	old = bpf_kptr_xchg(&stash_slot, m);    /* m's share -> the slot */
	if (old) {
		had_old = 1;
		bpf_obj_drop(old);
	}

	bpf_spin_lock(&slock);
	first = bpf_rbtree_first(&sroot);
	if (first)
		key = container_of(first, struct snode, rb)->key;
	bpf_spin_unlock(&slock);

	return key + had_old * 1000;
}

char _license[] SEC("license") = "GPL";
