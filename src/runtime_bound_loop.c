// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * runtime_bound_loop.c - loops bounded by a value the verifier cannot know.
 *
 * Shows: limit is a plain .data global, so the verifier sees an unknown
 * scalar.  Both loops also have the constant cap i < 16, which is what lets
 * the verifier walk them: it explores each iteration with both outcomes
 * of i < limit.  The second loop pops until NULL and breaks early.
 *
 * Expected verdicts:
 *   6.3      accepted
 *   6.4      accepted
 *   current  accepted  (6.18)
 *
 * Expected runtime: limit = 5.  Keys 1..5 are pushed to the front, so
 * pop_back returns 1,2,3,4,5 and the sixth pop returns NULL.  Returns
 * count*100000 + digits = 512345.  Heap afterwards: empty.
 */
#include "kptrviz.h"

struct entry {
	long key;
	struct bpf_list_node ll;
};

private(A) struct bpf_spin_lock glock;
private(A) struct bpf_list_head ghead __contains(entry, ll);

/* a plain .data global: the verifier sees an unknown scalar */
volatile __u32 limit = 5;

SEC("tc")
long runtime_bound_loop(void *ctx)
{
	struct bpf_list_node *p;
	struct entry *e;
	long count = 0, sum = 0;
	__u32 i;

	for (i = 0; i < limit && i < 16; i++) {
		e = bpf_obj_new(struct entry);
		if (!e)
			break;
		e->key = i + 1;
		bpf_spin_lock(&glock);
		bpf_list_push_front(&ghead, &e->ll);
		bpf_spin_unlock(&glock);
	}

	for (i = 0; i < limit + 3 && i < 16; i++) {
		bpf_spin_lock(&glock);
		p = bpf_list_pop_back(&ghead);
		bpf_spin_unlock(&glock);
		if (!p)
			break;
		e = container_of(p, struct entry, ll);
		sum = sum * 10 + e->key;
		count++;
		bpf_obj_drop(e);
	}
	return count * 100000 + sum;
}

char _license[] SEC("license") = "GPL";
