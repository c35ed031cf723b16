// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * push_wrong_field.c - the right type, but the wrong node field.
 *
 * Shows: struct task has two list nodes.  runq is declared to link
 * run_ll, and the program pushes &t->wait_ll.  The type matches, the
 * offset does not, so the check after the type check fires.  wait_ll sits
 * after a 24-byte run_ll in current kernels (offset 32).  The 6.3/6.4
 * columns describe this same object file, so they quote offset 32 too
 * (a program built against 6.4's 16-byte bpf_list_node would see 24).
 *
 * Expected verdicts:
 *   6.3      rejected  arg#1 offset=32, but expected bpf_list_node at
 *                      offset=8 in struct task
 *   6.4      rejected  (same as 6.3)
 *   current  rejected  arg#1 offset=32, but expected bpf_list_node at
 *                      offset=8 in struct task  (6.18)
 *
 * Expected runtime: never runs.
 */
#include "kptrviz.h"

struct task {
	long prio;
	struct bpf_list_node run_ll;
	struct bpf_list_node wait_ll;
};

private(A) struct bpf_spin_lock glock;
private(A) struct bpf_list_head runq __contains(task, run_ll);

SEC("tc")
long push_wrong_field(void *ctx)
{
	struct task *t;

	t = bpf_obj_new(struct task);
	if (!t)
		return 1;
	t->prio = 4;

	bpf_spin_lock(&glock);
	bpf_list_push_back(&runq, &t->wait_ll);  /* runq links run_ll */
	bpf_spin_unlock(&glock);
	return 0;
}

char _license[] SEC("license") = "GPL";
