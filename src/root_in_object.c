// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * root_in_object.c - a list head inside an allocated object.
 *
 * Shows: roots can live in a bpf_obj_new object, not only in map values.
 * struct outer has a bpf_list_head and the bpf_spin_lock that guards it.
 * The program takes o->lock (a lock in the same allocation as the root),
 * pushes two struct inner, unlocks, and drops o.  Dropping o drains its
 * list and drops both inner objects.
 *
 * Expected verdicts:
 *   6.3      accepted
 *   6.4      accepted
 *   current  accepted  (6.18)
 *
 * Expected runtime: returns 45.  Heap afterwards: empty (o and both inner
 * objects freed by the one bpf_obj_drop).
 */
#include "kptrviz.h"

struct inner {
	long key;
	struct bpf_list_node ll;
};

struct outer {
	struct bpf_spin_lock lock;
	struct bpf_list_head items __contains(inner, ll);
};

SEC("tc")
long root_in_object(void *ctx)
{
	struct outer *o;
	struct inner *a, *b;

	o = bpf_obj_new(struct outer);
	if (!o)
		return 1;
	a = bpf_obj_new(struct inner);
	b = bpf_obj_new(struct inner);
	if (!a || !b) {
		if (a)
			bpf_obj_drop(a);
		if (b)
			bpf_obj_drop(b);
		bpf_obj_drop(o);
		return 2;
	}
	a->key = 4;
	b->key = 5;

	bpf_spin_lock(&o->lock);                /* the lock inside o */
	bpf_list_push_back(&o->items, &a->ll);
	bpf_list_push_back(&o->items, &b->ll);
	bpf_spin_unlock(&o->lock);

	bpf_obj_drop(o);        /* frees o and drains its list: a, b freed */
	return 45;
}

char _license[] SEC("license") = "GPL";
