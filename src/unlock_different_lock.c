// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * unlock_different_lock.c - unlocking a lock that is not the one held.
 *
 * Shows: the program takes lock_a, pushes to head_a, and then unlocks
 * lock_b (another section, another map).  The unlock must name the held
 * lock.
 *
 * Expected verdicts:
 *   6.3      rejected  bpf_spin_unlock of different lock
 *   6.4      rejected  (same)
 *   current  rejected  (same; 6.18)
 *
 * Expected runtime: never runs.
 */
#include "kptrviz.h"

struct entry {
	long key;
	struct bpf_list_node ll;
};

private(A) struct bpf_spin_lock lock_a;
private(A) struct bpf_list_head head_a __contains(entry, ll);
private(B) struct bpf_spin_lock lock_b;
private(B) struct bpf_list_head head_b __contains(entry, ll);

SEC("tc")
long unlock_different_lock(void *ctx)
{
	struct entry *e;

	e = bpf_obj_new(struct entry);
	if (!e)
		return 1;
	bpf_spin_lock(&lock_a);
	bpf_list_push_back(&head_a, &e->ll);
	bpf_spin_unlock(&lock_b);       /* releases the wrong lock */
	return 0;
}

char _license[] SEC("license") = "GPL";
