// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * pop_without_lock.c - bpf_list_pop_front with no lock held.
 *
 * Shows: removing from a list needs the same lock as inserting.  Every
 * kfunc that takes a root (push, pop, first, remove, front/back) checks
 * that the bpf_spin_lock of the root's own map value is held.  The push
 * here is done correctly; the pop after bpf_spin_unlock is not.  clang
 * puts glock at 0 and ghead at 8 in .data.A, hence off=0.
 *
 * Expected verdicts:
 *   6.3      rejected  bpf_spin_lock at off=0 must be held for bpf_list_head
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

private(A) struct bpf_spin_lock glock;
private(A) struct bpf_list_head ghead __contains(entry, ll);

SEC("tc")
long pop_without_lock(void *ctx)
{
	struct bpf_list_node *p;
	struct entry *e;

	e = bpf_obj_new(struct entry);
	if (!e)
		return 1;
	e->key = 3;
	bpf_spin_lock(&glock);
	bpf_list_push_back(&ghead, &e->ll);
	bpf_spin_unlock(&glock);

	p = bpf_list_pop_front(&ghead);         /* the lock is not held */
	if (!p)
		return 0;
	bpf_obj_drop(container_of(p, struct entry, ll));
	return 3;
}

char _license[] SEC("license") = "GPL";
