// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * direct_node_access.c - reading the hidden bytes of a bpf_list_node.
 *
 * Shows: the program may read and write the ordinary fields of its own
 * object, but any load or store that overlaps a special field (list or rb
 * node, root, lock, refcount) is refused, even on an owning reference and
 * even before the node was ever inserted.
 *
 * Expected verdicts:
 *   6.3      rejected  direct access to bpf_list_node is disallowed
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
long direct_node_access(void *ctx)
{
	struct entry *e;
	__u64 word;

	e = bpf_obj_new(struct entry);
	if (!e)
		return 1;
	e->key = 2;
	/* peek at the hidden "next" word of the list node */
	word = *(volatile __u64 *)&e->ll.kv_hidden[0];

	bpf_spin_lock(&glock);
	bpf_list_push_back(&ghead, &e->ll);
	bpf_spin_unlock(&glock);
	return word != 0;
}

char _license[] SEC("license") = "GPL";
