// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * drop_node_ptr.c - bpf_obj_drop of a popped pointer without container_of.
 *
 * Shows: bpf_list_pop_front returns an owning reference that points at the
 * bpf_list_node member (off=8), not at the start of the object.
 * bpf_obj_drop is a release kfunc and needs offset 0, so the program must
 * use container_of first.
 *
 * Expected verdicts (6.3/6.4 follow the rule in shared/semantics.md, 3.3.4;
 * note: the released 6.3 and 6.4.0 kernels had a bug that let a pointer
 * exactly at a graph node through, fixed by "bpf: Fix
 * check_func_arg_reg_off bug for graph root/node", 6.6 and 6.4.y stable):
 *   6.3      rejected  R1 must have zero offset when passed to release func
 *                      or trusted arg to kfunc
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
long drop_node_ptr(void *ctx)
{
	struct bpf_list_node *p;
	struct entry *e;

	e = bpf_obj_new(struct entry);
	if (!e)
		return 1;
	e->key = 4;
	bpf_spin_lock(&glock);
	bpf_list_push_back(&ghead, &e->ll);
	p = bpf_list_pop_front(&ghead);
	bpf_spin_unlock(&glock);

	if (!p)
		return 0;
	bpf_obj_drop(p);        /* points at ll (offset 8), not at the entry */
	return 4;
}

char _license[] SEC("license") = "GPL";
