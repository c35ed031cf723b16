// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * drain_loop.c - fill a list, then empty it with a bounded pop-and-drop
 * loop.
 *
 * Shows: bpf_list_pop_front hands an owning reference (or NULL) back to
 * the program; the pointer points at the bpf_list_node member, so the
 * program uses container_of before reading fields or dropping it.  The
 * drop happens outside the lock.  Both loops have a constant bound, so
 * the verifier can walk every iteration.
 *
 * Expected verdicts:
 *   6.3      accepted
 *   6.4      accepted
 *   current  accepted  (6.18)
 *
 * Expected runtime: keys 1..5 are pushed to the back; the drain pops them
 * in the same order, 5 pops, sum 15; returns count*100 + sum = 515.  Heap
 * afterwards: empty (all five objects freed by bpf_obj_drop).
 */
#include "kptrviz.h"

struct entry {
	long key;
	struct bpf_list_node ll;
};

private(A) struct bpf_spin_lock glock;
private(A) struct bpf_list_head ghead __contains(entry, ll);

SEC("tc")
long drain_loop(void *ctx)
{
	struct bpf_list_node *p;
	struct entry *e;
	long count = 0, sum = 0;
	int i;

	for (i = 1; i <= 5; i++) {
		e = bpf_obj_new(struct entry);
		if (!e)
			return 1;
		e->key = i;
		bpf_spin_lock(&glock);
		bpf_list_push_back(&ghead, &e->ll);
		bpf_spin_unlock(&glock);
	}

	for (i = 0; i < 8; i++) {
		bpf_spin_lock(&glock);
		p = bpf_list_pop_front(&ghead);
		bpf_spin_unlock(&glock);
		if (!p)
			break;
		e = container_of(p, struct entry, ll);
		sum += e->key;
		count++;
		bpf_obj_drop(e);
	}
	return count * 100 + sum;
}

char _license[] SEC("license") = "GPL";
