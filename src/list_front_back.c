// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * list_front_back.c - peek at both ends of a list with bpf_list_front/back.
 *
 * Shows: the 6.16 peek kfuncs return non-owning references (or NULL) to
 * the first and last node without removing them; like bpf_rbtree_first
 * they need the lock, and their results die at unlock.
 *
 * Expected verdicts:
 *   6.3      rejected  bpf_list_front/back do not exist before 6.16 (libbpf
 *                      names the alphabetically first missing extern,
 *                      bpf_list_back)
 *   6.4      rejected  (same)
 *   current  accepted  (6.18)
 *
 * Expected runtime: keys 1, 2, 3 pushed to the back; front 1, back 3;
 * returns 1*10 + 3 = 13.  Heap afterwards: three struct entry in ghead.
 */
#include "kptrviz.h"

struct entry {
	long key;
	struct bpf_list_node ll;
};

private(A) struct bpf_spin_lock glock;
private(A) struct bpf_list_head ghead __contains(entry, ll);

SEC("tc")
long list_front_back(void *ctx)
{
	struct bpf_list_node *f, *b;
	struct entry *e;
	long ret = 0;
	int i;

	for (i = 1; i <= 3; i++) {
		e = bpf_obj_new(struct entry);
		if (!e)
			return 1;
		e->key = i;
		bpf_spin_lock(&glock);
		bpf_list_push_back(&ghead, &e->ll);
		bpf_spin_unlock(&glock);
	}

	bpf_spin_lock(&glock);
	f = bpf_list_front(&ghead);
	b = bpf_list_back(&ghead);
	if (f)
		ret += container_of(f, struct entry, ll)->key * 10;
	if (b)
		ret += container_of(b, struct entry, ll)->key;
	bpf_spin_unlock(&glock);
	return ret;
}

char _license[] SEC("license") = "GPL";
