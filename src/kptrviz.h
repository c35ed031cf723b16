/* KptrViz header for the example programs, written for this project (GPL, like the programs). */
/*
 * kptrviz.h - the one header used by every KptrViz example program.
 *
 * It is deliberately self-contained: no vmlinux.h, no libbpf headers.
 * Everything a program in src/ needs is spelled out here:
 *
 *   - basic integer types and a few attribute shorthands,
 *   - the kernel's opaque graph types, with the sizes and alignment of the
 *     CURRENT kernel (6.6 and later; checked on 6.18),
 *   - extern declarations of the graph kfuncs (the "_impl" forms that the
 *     running kernel exports),
 *   - classic helpers, called through their fixed helper ids,
 *   - convenience macros that hide the verifier-filled "meta" and "off"
 *     arguments of the _impl kfuncs.
 *
 * How the examples read the version columns (6.3 / 6.4 / current): the
 * wrapper macros stand for "that version's own form" of each operation
 * (6.3 had bpf_list_push_back / bpf_rbtree_add without _impl, returning
 * void).  So a 6.3 verdict describes the same program written against
 * 6.3's API; only genuinely missing operations (bpf_refcount_acquire,
 * new in 6.4) count as failures of their own.
 *
 * Two BTF pitfalls worth knowing:
 *   - Special types are matched by struct name AND size (see below).
 *   - A struct named only inside a __contains() tag is not emitted into BTF
 *     unless the program also uses the type (bpf_obj_new(T) does); on 6.18
 *     the section's lock/root record is then silently dropped and the
 *     program fails with "map '.data.X' has no valid bpf_spin_lock".
 *
 * The kernel recognises the special graph types by their struct NAME and
 * their exact SIZE.  A struct called bpf_list_node with another size is
 * not taken as a node at all.  Example measured on 6.18: with the pre-6.6
 * 16-byte bpf_list_node, drain_loop.c's program BTF is refused with
 * EFAULT (the list head's element type then has no special-field record),
 * libbpf falls back to no BTF and bpf_obj_new fails.  So the sizes below
 * must follow the running kernel (section 1.1 of shared/semantics.md).
 */
#ifndef KPTRVIZ_H
#define KPTRVIZ_H

/* ---- basic types ------------------------------------------------------ */

typedef unsigned char __u8;
typedef unsigned short __u16;
typedef unsigned int __u32;
typedef unsigned long long __u64;
typedef signed int __s32;
typedef signed long long __s64;
typedef _Bool bool;

#define true 1
#define false 0
#ifndef NULL
#define NULL ((void *)0)
#endif

/* ---- attribute shorthands --------------------------------------------- */

/* put a function or variable into the named ELF section */
#define SEC(name) __attribute__((section(name), used))
/* extern kernel symbol (kfunc), resolved by the loader against kernel BTF */
#define __ksym __attribute__((section(".ksyms")))
#define __always_inline inline __attribute__((always_inline))
#define __noinline __attribute__((noinline))
#define __hidden __attribute__((visibility("hidden")))

/* mark a pointer member of a map value / global as a referenced kptr slot */
#define __kptr __attribute__((btf_type_tag("kptr")))

/*
 * Say which struct, and which node member of it, a bpf_list_head or
 * bpf_rb_root holds.  Emits a BTF decl tag "contains:TYPE:FIELD".
 */
#define __contains(type, field) \
	__attribute__((btf_decl_tag("contains:" #type ":" #field)))

/*
 * Place a global in its own data section ".data.NAME".  All globals given
 * the same NAME end up in one array map with a single element, i.e. in the
 * SAME map value: that is how a lock and the roots it protects are kept in
 * one allocation.  Hidden visibility keeps the map non-mmapable, which the
 * kernel requires for map values that carry special fields.
 */
#define private(NAME) \
	SEC(".data." #NAME) __hidden __attribute__((aligned(8)))

/* from a pointer to a member back to the enclosing struct */
#define container_of(ptr, type, member)                                  \
	({                                                                \
		void *__kv_mptr = (void *)(ptr);                          \
		((type *)(__kv_mptr - __builtin_offsetof(type, member))); \
	})

/* ---- opaque kernel types (current sizes) ------------------------------ */

/* 4 bytes, 4-aligned */
struct bpf_spin_lock {
	__u32 kv_lockword;
};

/* 16 bytes: the kernel keeps a list_head {next, prev} in here */
struct bpf_list_head {
	__u64 kv_hidden[2];
} __attribute__((aligned(8)));

/* 24 bytes: list_head {next, prev} + owner pointer (owner since 6.6) */
struct bpf_list_node {
	__u64 kv_hidden[3];
} __attribute__((aligned(8)));

/* 16 bytes: rb_root_cached {root, leftmost} */
struct bpf_rb_root {
	__u64 kv_hidden[2];
} __attribute__((aligned(8)));

/* 32 bytes: rb_node {parent+colour, right, left} + owner pointer (6.6+) */
struct bpf_rb_node {
	__u64 kv_hidden[4];
} __attribute__((aligned(8)));

/* 4 bytes, 4-aligned: a refcount_t */
struct bpf_refcount {
	__u32 kv_count;
};

/* ---- graph kfuncs (current kernel signatures) -------------------------- */

/*
 * The "meta" and "off" parameters are placeholders: programs pass NULL and
 * 0 and the verifier rewrites them with the type's record and the node
 * member's offset.
 */
extern void *bpf_obj_new_impl(__u64 local_type_id, void *meta) __ksym;
extern void bpf_obj_drop_impl(void *obj, void *meta) __ksym;
extern void *bpf_refcount_acquire_impl(void *obj, void *meta) __ksym;

extern int bpf_list_push_front_impl(struct bpf_list_head *head,
				    struct bpf_list_node *node,
				    void *meta, __u64 off) __ksym;
extern int bpf_list_push_back_impl(struct bpf_list_head *head,
				   struct bpf_list_node *node,
				   void *meta, __u64 off) __ksym;
extern struct bpf_list_node *bpf_list_pop_front(struct bpf_list_head *head) __ksym;
extern struct bpf_list_node *bpf_list_pop_back(struct bpf_list_head *head) __ksym;

extern int bpf_rbtree_add_impl(struct bpf_rb_root *root,
			       struct bpf_rb_node *node,
			       bool (less)(struct bpf_rb_node *a,
					   const struct bpf_rb_node *b),
			       void *meta, __u64 off) __ksym;
extern struct bpf_rb_node *bpf_rbtree_remove(struct bpf_rb_root *root,
					     struct bpf_rb_node *node) __ksym;
extern struct bpf_rb_node *bpf_rbtree_first(struct bpf_rb_root *root) __ksym;

/* ---- classic helpers (fixed ids from the UAPI helper list) ------------- */

static long (*bpf_trace_printk)(const char *fmt, __u32 fmt_size, ...) = (void *)6;
static __u32 (*bpf_get_prandom_u32)(void) = (void *)7;
static long (*bpf_spin_lock)(struct bpf_spin_lock *lock) = (void *)93;
static long (*bpf_spin_unlock)(struct bpf_spin_lock *lock) = (void *)94;
static void *(*bpf_kptr_xchg)(void *slot, void *ptr) = (void *)194;

/* ---- convenience wrappers ---------------------------------------------- */

/*
 * BTF id of TYPE in the program's own BTF.  The second argument 0 asks
 * clang for a "local type id" CO-RE relocation (1 would ask for the id of a
 * same-named type in the kernel's BTF, which is not what bpf_obj_new wants).
 */
#define kv_local_type_id(TYPE) __builtin_btf_type_id(*(TYPE *)0, 0)

#define bpf_obj_new(TYPE) \
	((TYPE *)bpf_obj_new_impl(kv_local_type_id(TYPE), NULL))
#define bpf_obj_drop(p) bpf_obj_drop_impl(p, NULL)
#define bpf_refcount_acquire(p) bpf_refcount_acquire_impl(p, NULL)

#define bpf_list_push_front(head, node) \
	bpf_list_push_front_impl(head, node, NULL, 0)
#define bpf_list_push_back(head, node) \
	bpf_list_push_back_impl(head, node, NULL, 0)
#define bpf_rbtree_add(root, node, less) \
	bpf_rbtree_add_impl(root, node, less, NULL, 0)

/* ---- list peek kfuncs (6.16+) ------------------------------------------ */

/*
 * Return a non-owning reference to the first / last node, or NULL; the
 * lock must be held.  Older kernels do not export them, so libbpf refuses
 * to load any program that calls one.  (Declared at the end of the file so
 * that the line numbers above, and thus existing objects, stay the same.)
 */
extern struct bpf_list_node *bpf_list_front(struct bpf_list_head *head) __ksym;
extern struct bpf_list_node *bpf_list_back(struct bpf_list_head *head) __ksym;

#endif /* KPTRVIZ_H */
