// KptrViz example program, written for this project; GPL so that it may call GPL-only kfuncs.
/*
 * two_programs.c - one object, two programs sharing one list.
 *
 * Shows: an object file may hold several programs; each is loaded and
 * verified on its own, but they share the global sections (one map value
 * each).  `producer` pushes a refcounted item, `consumer` pops whatever is
 * at the front and drops it.  Run one after the other in one session, the
 * consumer finds the producer's item.
 *
 * Expected verdicts (both programs):
 *   6.3      accepted
 *   6.4      accepted
 *   current  accepted  (6.18)
 *
 * Expected runtime (each loaded alone into a fresh map): producer returns
 * 0 (push succeeded); consumer finds an empty list and returns 1.
 */
#include "kptrviz.h"

struct job {
	long id;
	struct bpf_list_node link;
};

private(Q) struct bpf_spin_lock qlock;
private(Q) struct bpf_list_head queue __contains(job, link);

SEC("tc")
long producer(void *ctx)
{
	struct job *j = bpf_obj_new(struct job);
	long err;

	if (!j)
		return 2;
	j->id = 7;
	bpf_spin_lock(&qlock);
	err = bpf_list_push_back(&queue, &j->link);
	bpf_spin_unlock(&qlock);
	return err;
}

SEC("tc")
long consumer(void *ctx)
{
	struct bpf_list_node *n;
	long id;

	bpf_spin_lock(&qlock);
	n = bpf_list_pop_front(&queue);
	bpf_spin_unlock(&qlock);
	if (!n)
		return 1;
	id = container_of(n, struct job, link)->id;
	bpf_obj_drop(container_of(n, struct job, link));
	return id * 10;
}

char _license[] SEC("license") = "GPL";
