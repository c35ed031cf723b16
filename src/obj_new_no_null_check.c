// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * obj_new_no_null_check.c - write through the result of bpf_obj_new before
 * checking it for NULL.
 *
 * Shows: bpf_obj_new can fail (out of memory), so its result is "maybe
 * NULL" until the program tests it.
 *
 * Expected verdicts:
 *   6.3      rejected  R0 invalid mem access 'ptr_or_null_'
 *   6.4      rejected  R0 invalid mem access 'ptr_or_null_'
 *   current  rejected  R0 invalid mem access 'ptr_or_null_' (6.18)
 *
 * Expected runtime: never runs.
 */
#include "kptrviz.h"

struct blob {
	long key;
	long val;
};

SEC("tc")
long obj_new_no_null_check(void *ctx)
{
	struct blob *n;

	n = bpf_obj_new(struct blob);
	n->key = 15;            /* n may be NULL here */
	bpf_obj_drop(n);
	return 0;
}

char _license[] SEC("license") = "GPL";
