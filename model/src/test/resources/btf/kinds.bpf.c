/* Test input for dev.kptrviz.btf: one of every BTF kind clang emits.
 * Rebuild (in this directory): clang-16 -O2 -g -target bpf -mcpu=v3 \
 *   -fdebug-prefix-map=$PWD=. -c kinds.bpf.c -o kinds.bpf.o
 */
#define SEC(n) __attribute__((section(n), used))
#define KPTR __attribute__((btf_type_tag("kptr")))

typedef unsigned long long u64;

enum color { RED, GREEN = 5, BLUE };
enum delta { MINUS = -3, PLUS = 3 };
enum big { SMALL = 1, HUGE = 0x123456789aULL };

struct opaque;                     /* FWD */
union opaque_u;                    /* FWD (union) */

struct flags {
	unsigned int a : 3;
	unsigned int b : 5;
	int c : 10;
	unsigned char tail;
};

union num {
	int i;
	float f;
	u64 u;
};

struct item {
	struct item *next;
	struct item KPTR *owned;
	const volatile int cv;
	char name[16];
	int grid[2][3];
	enum color color;
	union num n;
	struct flags fl;
	struct opaque *op;
	union opaque_u *ou;
	int (*cb)(struct item *self, const char *msg);
	double ratio;
};

typedef int (*handler_t)(void *, ...);

struct item g_item SEC(".data");
enum big g_big SEC(".data") = HUGE;
enum delta g_delta SEC(".data") = MINUS;
const char g_msg[] = "hello";
handler_t g_handler;
float g_f SEC(".data") = 1.5f;
int *restrict g_rp;
long double g_ld SEC(".data");

SEC("xdp")
int prog(void *ctx)
{
	return g_item.fl.b + g_delta + (int)g_big;
}

char LICENSE[] SEC("license") = "GPL";
