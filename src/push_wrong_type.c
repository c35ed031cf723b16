// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * push_wrong_type.c - a node of another struct type pushed to a list.
 *
 * Shows: a list head holds exactly the type named in its contains tag.
 * basket holds struct apple (node field ll at offset 8).  A struct pear
 * also has a bpf_list_node called ll, but at offset 16 and in the wrong
 * type, so the second push is refused.  The message names both types and
 * both node offsets.
 *
 * Expected verdicts:
 *   6.3      rejected  operation on bpf_list_head expects arg#1 bpf_list_node
 *                      at offset=8 in struct apple, but arg is at offset=16
 *                      in struct pear
 *   6.4      rejected  (same; the offsets do not depend on the node size)
 *   current  rejected  (same; 6.18)
 *
 * Expected runtime: never runs.
 */
#include "kptrviz.h"

struct apple {
	long weight;
	struct bpf_list_node ll;
};

struct pear {
	long weight;
	long ripeness;
	struct bpf_list_node ll;
};

private(A) struct bpf_spin_lock glock;
private(A) struct bpf_list_head basket __contains(apple, ll);

SEC("tc")
long push_wrong_type(void *ctx)
{
	struct apple *a;
	struct pear *p;

	a = bpf_obj_new(struct apple);
	if (!a)
		return 1;
	p = bpf_obj_new(struct pear);
	if (!p) {
		bpf_obj_drop(a);
		return 1;
	}
	a->weight = 120;
	p->weight = 170;

	bpf_spin_lock(&glock);
	bpf_list_push_back(&basket, &a->ll);    /* fine: an apple */
	bpf_list_push_back(&basket, &p->ll);    /* a pear in the apple list */
	bpf_spin_unlock(&glock);
	return 0;
}

char _license[] SEC("license") = "GPL";
