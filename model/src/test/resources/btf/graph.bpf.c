/* Test input for dev.kptrviz.btf: a graph node type with rb/list/refcount
 * members, a tagged root in its own .data.A section, a local type id reloc.
 * Rebuild (in this directory): clang-16 -O2 -g -target bpf -mcpu=v3 \
 *   -fdebug-prefix-map=$PWD=. -c graph.bpf.c -o graph.bpf.o
 */
typedef unsigned int u32;
typedef unsigned long long u64;
typedef _Bool bool;

#define SEC(n) __attribute__((section(n), used))
#define KSYM __attribute__((section(".ksyms")))
#define TAG(s) __attribute__((btf_decl_tag(s)))
#define PRIVATE(n) SEC(".data." #n) __attribute__((visibility("hidden"), aligned(8)))

struct bpf_spin_lock { u32 word; };
struct bpf_rb_root { u64 opaque[2]; } __attribute__((aligned(8)));
struct bpf_rb_node { u64 opaque[4]; } __attribute__((aligned(8)));
struct bpf_list_node { u64 opaque[3]; } __attribute__((aligned(8)));
struct bpf_refcount { u32 count; };

struct node {
	long key;
	long val;
	struct bpf_rb_node rb;
	struct bpf_list_node ll;
	struct bpf_refcount ref;
};

PRIVATE(A) struct bpf_spin_lock glock;
PRIVATE(A) struct bpf_rb_root groot TAG("contains:node:rb");

extern void *bpf_obj_new_impl(u64 local_type_id, void *meta) KSYM;
extern int bpf_rbtree_add_impl(struct bpf_rb_root *root, struct bpf_rb_node *node,
			       bool (less)(struct bpf_rb_node *a, const struct bpf_rb_node *b),
			       void *meta, u64 off) KSYM;
static long (*spin_lock)(struct bpf_spin_lock *l) = (void *)93;
static long (*spin_unlock)(struct bpf_spin_lock *l) = (void *)94;

static bool less(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
	struct node *x = (void *)a - __builtin_offsetof(struct node, rb);
	struct node *y = (void *)b - __builtin_offsetof(struct node, rb);
	return x->key < y->key;
}

SEC("tc")
int add_node(void *ctx)
{
	struct node *n = bpf_obj_new_impl(__builtin_btf_type_id(*(struct node *)0, 0), 0);
	if (!n)
		return 1;
	n->key = 42; /* MARK_KEY */
	spin_lock(&glock);
	bpf_rbtree_add_impl(&groot, &n->rb, less, 0, 0);
	spin_unlock(&glock);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
