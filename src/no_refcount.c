// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * no_refcount.c - the motivating node type without a bpf_refcount member.
 *
 * Shows: a struct that has both a bpf_list_node and a bpf_rb_node must also
 * have a bpf_refcount.  Without it the kernel refuses the whole program BTF
 * (errno only, no log text).  The program body never matters: it only puts
 * the node in the list.
 *
 * Expected verdicts:
 *   6.3      rejected  BTF: EINVAL (list node + rb node in one struct)
 *   6.4      rejected  BTF: EINVAL (list node + rb node without bpf_refcount)
 *   current  rejected  the kernel refuses the program BTF with EINVAL;
 *                      libbpf then retries without BTF and the verifier stops
 *                      at bpf_obj_new: "bpf_obj_new/bpf_percpu_obj_new
 *                      requires prog BTF" (checked on Linux 6.18).
 *
 * Expected runtime: never runs.
 */
#include "kptrviz.h"

struct plain_node {
	long key;
	long val;
	struct bpf_rb_node rb;
	struct bpf_list_node ll;
	/* no struct bpf_refcount here */
};

private(A) struct bpf_spin_lock glock;
private(A) struct bpf_rb_root groot __contains(plain_node, rb);
private(A) struct bpf_list_head ghead __contains(plain_node, ll);

SEC("tc")
long no_refcount(void *ctx)
{
	struct plain_node *n;

	n = bpf_obj_new(struct plain_node);
	if (!n)
		return 1;
	n->key = 1;

	bpf_spin_lock(&glock);
	bpf_list_push_back(&ghead, &n->ll);
	bpf_spin_unlock(&glock);
	return 0;
}

char _license[] SEC("license") = "GPL";
