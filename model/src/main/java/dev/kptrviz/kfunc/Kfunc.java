package dev.kptrviz.kfunc;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every kernel function KptrViz knows, by the names a BPF object may call it with. This is the
 * single list of kfuncs: the loader refuses calls to anything else, and the verifier and the
 * emulator attach their effects to these constants (one kfunc, one place).
 */
public enum Kfunc {
    OBJ_NEW("allocates a new object of a program-defined type; may return NULL",
            "bpf_obj_new_impl", "bpf_obj_new"),
    OBJ_DROP("gives up one reference to an object; frees it when the refcount reaches zero",
            "bpf_obj_drop_impl", "bpf_obj_drop"),
    PERCPU_OBJ_NEW("allocates a per-CPU object (no special fields)",
            "bpf_percpu_obj_new_impl", "bpf_percpu_obj_new"),
    PERCPU_OBJ_DROP("frees a per-CPU object",
            "bpf_percpu_obj_drop_impl", "bpf_percpu_obj_drop"),
    REFCOUNT_ACQUIRE("takes one more owning reference to a refcounted object",
            "bpf_refcount_acquire_impl", "bpf_refcount_acquire"),
    LIST_PUSH_FRONT("links a node at the head of a list; fails if the node is already in a collection",
            "bpf_list_push_front_impl", "bpf_list_push_front"),
    LIST_PUSH_BACK("links a node at the tail of a list; fails if the node is already in a collection",
            "bpf_list_push_back_impl", "bpf_list_push_back"),
    LIST_POP_FRONT("unlinks the first node of a list and hands it to the program; NULL when empty",
            "bpf_list_pop_front"),
    LIST_POP_BACK("unlinks the last node of a list and hands it to the program; NULL when empty",
            "bpf_list_pop_back"),
    LIST_FRONT("peeks at the first node of a list without removing it",
            "bpf_list_front"),
    LIST_BACK("peeks at the last node of a list without removing it",
            "bpf_list_back"),
    RBTREE_ADD("inserts a node into an rbtree ordered by less(); fails if the node is already in a collection",
            "bpf_rbtree_add_impl", "bpf_rbtree_add"),
    RBTREE_REMOVE("unlinks a node from an rbtree and hands it to the program; NULL if it is not in this tree",
            "bpf_rbtree_remove"),
    RBTREE_FIRST("peeks at the leftmost (smallest) node of an rbtree",
            "bpf_rbtree_first"),
    RBTREE_ROOT("peeks at the root node of an rbtree",
            "bpf_rbtree_root"),
    RBTREE_LEFT("peeks at the left child of a node",
            "bpf_rbtree_left"),
    RBTREE_RIGHT("peeks at the right child of a node",
            "bpf_rbtree_right"),
    RCU_READ_LOCK("enters an RCU read-side critical section",
            "bpf_rcu_read_lock"),
    RCU_READ_UNLOCK("leaves an RCU read-side critical section",
            "bpf_rcu_read_unlock");

    private final String summary;
    private final List<String> names;

    Kfunc(String summary, String... names) {
        this.summary = summary;
        this.names = List.of(names);
    }

    /** The name the current kernel's BTF uses first (the {@code _impl} form where one exists). */
    public String kernelName() {
        return names.get(0);
    }

    public List<String> names() {
        return names;
    }

    /** One plain-English sentence about what the call does. */
    public String summary() {
        return summary;
    }

    public static Optional<Kfunc> byName(String name) {
        return Arrays.stream(values()).filter(k -> k.names.contains(name)).findFirst();
    }
}
