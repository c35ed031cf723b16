package dev.kptrviz.program;

/**
 * A {@code bpf_list_head} or {@code bpf_rb_root} and what it may hold, from its
 * {@code contains:TYPE:FIELD} decl tag. {@code container} is the region name for a global
 * (e.g. {@code .data.A}) or {@code struct NAME} for a root inside an allocated object.
 * {@code lockName}/{@code lockOffset} name the {@code bpf_spin_lock} in the same allocation
 * (the only lock that protects this root), or null/-1 when there is none.
 * {@code problem} is null for a well-formed root, otherwise the reason the kernel would refuse
 * the record (e.g. the contains target does not exist); the kernel's errno for it is in
 * {@code problemErrno}.
 */
public record CollectionRoot(String name, String container, boolean global, int offset, Kind kind,
                             String containedType, int containedTypeId, String nodeField, int nodeOffset,
                             String lockName, int lockOffset, String problem, String problemErrno) {
    public enum Kind {
        LIST("bpf_list_head", "bpf_list_node"),
        RBTREE("bpf_rb_root", "bpf_rb_node");

        private final String rootStruct;
        private final String nodeStruct;

        Kind(String rootStruct, String nodeStruct) {
            this.rootStruct = rootStruct;
            this.nodeStruct = nodeStruct;
        }

        public String rootStruct() {
            return rootStruct;
        }

        public String nodeStruct() {
            return nodeStruct;
        }
    }

    public boolean valid() {
        return problem == null;
    }
}
