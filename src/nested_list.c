// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * nested_list.c - a list that lives inside an allocated object.
 *
 * Shows: a local object can itself be a root.  struct bag carries its own
 * bpf_spin_lock and a bpf_list_head of struct item; the lock in the SAME
 * object guards the list.  Three items go into the bag, one is popped and
 * dropped, then the bag itself is dropped: freeing it drains its list and
 * drops the two items still in it (bpf_obj_free_fields).
 *
 * Expected verdicts:
 *   6.3      accepted
 *   6.4      accepted
 *   current  accepted  (6.18)
 *
 * Expected runtime: the popped item has key 1; returns 1 * 10 + 2 = 12
 * (2 items were left for the drain).  Heap afterwards: four objects, all
 * freed (the bag and its three items).
 */
#include "kptrviz.h"

struct item {
	long key;
	struct bpf_list_node node;
};

struct bag {
	long id;
	struct bpf_spin_lock lock;
	struct bpf_list_head items __contains(item, node);
};

SEC("tc")
long nested_list(void *ctx)
{
	struct bpf_list_node *n;
	struct item *it;
	struct bag *b;
	long key = 0;
	int i;

	b = bpf_obj_new(struct bag);
	if (!b)
		return 1;
	b->id = 7;
	for (i = 0; i < 3; i++) {
		it = bpf_obj_new(struct item);
		if (!it) {
			bpf_obj_drop(b);
			return 2;
		}
		it->key = i + 1;
		bpf_spin_lock(&b->lock);
		bpf_list_push_back(&b->items, &it->node);
		bpf_spin_unlock(&b->lock);
	}

	bpf_spin_lock(&b->lock);
	n = bpf_list_pop_front(&b->items);
	bpf_spin_unlock(&b->lock);
	if (n) {
		it = container_of(n, struct item, node);
		key = it->key;
		bpf_obj_drop(it);
	}
	bpf_obj_drop(b);	/* drains the two items still in the bag */
	return key * 10 + 2;
}

char _license[] SEC("license") = "GPL";
