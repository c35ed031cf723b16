// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * subprog_returns_ref.c - a static subprogram returns an owning reference.
 *
 * Shows: make_entry() is a real bpf-to-bpf call.  It allocates and returns
 * the object with the reference still outstanding.  That is fine for a
 * static subprogram: references belong to the whole verifier state (per
 * frame before 6.13, copied back to the caller at return), and leaks are
 * only checked at the main program's exit.  The caller NULL-checks the
 * result and pushes it.
 *
 * Expected verdicts:
 *   6.3      accepted
 *   6.4      accepted
 *   current  accepted  (6.18)
 *
 * Expected runtime: returns 21.  Heap afterwards: one struct entry (key 21)
 * in ghead.
 */
#include "kptrviz.h"

struct entry {
	long key;
	struct bpf_list_node ll;
};

private(A) struct bpf_spin_lock glock;
private(A) struct bpf_list_head ghead __contains(entry, ll);

static __noinline struct entry *make_entry(long key)
{
	struct entry *e;

	e = bpf_obj_new(struct entry);
	if (!e)
		return NULL;
	e->key = key;
	return e;               /* the caller inherits the reference */
}

SEC("tc")
long subprog_returns_ref(void *ctx)
{
	struct entry *e;
	long key;

	e = make_entry(21);
	if (!e)
		return 1;
	key = e->key;
	bpf_spin_lock(&glock);
	bpf_list_push_back(&ghead, &e->ll);
	bpf_spin_unlock(&glock);
	return key;
}

char _license[] SEC("license") = "GPL";
