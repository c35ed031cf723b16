// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * spill_fill_owning.c - an owning pointer spilled to the stack and back.
 *
 * Shows: references live in stack slots as well as registers.  The owning
 * pointer is stored in a volatile local (a stack spill) and loaded back
 * (a fill) for the push; the fill is still owning, so the push is fine.
 * The push turns the stack slot into a non-owning reference too, and the
 * program reads the key through it while the lock is still held.
 *
 * Expected verdicts:
 *   6.3      accepted
 *   6.4      accepted
 *   current  accepted  (6.18)
 *
 * Expected runtime: returns 11.  Heap afterwards: one struct entry (key 11)
 * in ghead (each run adds one).
 */
#include "kptrviz.h"

struct entry {
	long key;
	struct bpf_list_node ll;
};

private(A) struct bpf_spin_lock glock;
private(A) struct bpf_list_head ghead __contains(entry, ll);

SEC("tc")
long spill_fill_owning(void *ctx)
{
	struct entry *volatile slot;    /* forces a stack slot */
	struct entry *e;
	long key;

	e = bpf_obj_new(struct entry);
	if (!e)
		return 1;
	e->key = 11;
	slot = e;                       /* spill the owning pointer */

	bpf_spin_lock(&glock);
	bpf_list_push_back(&ghead, &slot->ll);  /* fill, then insert */
	key = slot->key;                /* the slot is non-owning now */
	bpf_spin_unlock(&glock);
	return key;
}

char _license[] SEC("license") = "GPL";
