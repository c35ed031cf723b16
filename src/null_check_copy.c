// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * null_check_copy.c - the NULL check on a copy refines the original.
 *
 * Shows: bpf_obj_new's result gets an id; a register copy shares it.  An
 * inline-asm move makes the compiler keep two registers, the NULL check is
 * made on the copy m, and the object is written and dropped through the
 * original n.  The verifier marks every register with the same id
 * non-NULL, so this is accepted.  On the NULL branch the reference is
 * released, so there is no leak.
 *
 * Expected verdicts:
 *   6.3      accepted
 *   6.4      accepted
 *   current  accepted  (6.18)
 *
 * Expected runtime: key 7, val 5; returns 7*10 + 5 = 75.  Heap afterwards:
 * empty.
 */
#include "kptrviz.h"

struct blob {
	long key;
	long val;
};

SEC("tc")
long null_check_copy(void *ctx)
{
	struct blob *n, *m;
	long ret;

	n = bpf_obj_new(struct blob);
	/* a register copy the compiler cannot see through */
	asm volatile("%0 = %1" : "=r"(m) : "r"(n));
	if (!m)                 /* check the copy ... */
		return 1;
	n->key = 7;             /* ... and use the original */
	n->val = 5;
	ret = n->key * 10 + m->val;
	bpf_obj_drop(n);
	return ret;
}

char _license[] SEC("license") = "GPL";
