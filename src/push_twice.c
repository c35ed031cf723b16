// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * push_twice.c - the same pointer pushed twice under one lock.
 *
 * Shows: after the first push the list owns the object; e (and every
 * copy) is turned into a non-owning reference.  A push needs the exact
 * type PTR_TO_BTF_ID|MEM_ALLOC, and the NON_OWN_REF flag makes that check
 * fail, so the second push is refused with the generic "allocated object"
 * message, not with "must be referenced".
 *
 * Expected verdicts:
 *   6.3      rejected  arg#1 expected pointer to allocated object
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
long push_twice(void *ctx)
{
	struct entry *e;

	e = bpf_obj_new(struct entry);
	if (!e)
		return 1;
	e->key = 8;

	bpf_spin_lock(&glock);
	bpf_list_push_front(&ghead, &e->ll);    /* e becomes non-owning */
	bpf_list_push_back(&ghead, &e->ll);     /* needs an owning ref */
	bpf_spin_unlock(&glock);
	return 0;
}

char _license[] SEC("license") = "GPL";
