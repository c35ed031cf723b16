#!/usr/bin/env bash
# Rebuild every KptrViz example: src/*.c -> src/*.o (BPF objects with BTF).
#
# Compiles from inside src/ with relative file names and maps the build
# directory to "" (DW_AT_comp_dir dropped), so no absolute path of this checkout ends up in the
# DWARF, BTF or line info of the objects.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

CLANG=""
for c in clang-16 clang; do
	if command -v "$c" >/dev/null 2>&1; then
		CLANG=$c
		break
	fi
done

if [ -z "$CLANG" ]; then
	echo "build.sh: no clang found (looked for clang-16 and clang)." >&2
	echo "build.sh: install it with:  apt-get install -y clang-16 llvm-16" >&2
	echo "build.sh: nothing was rebuilt; the committed .o files are unchanged." >&2
	exit 0
fi

CFLAGS="-O2 -g -target bpf -mcpu=v3 -fdebug-prefix-map=$here="

n=0
for src in *.c; do
	[ -e "$src" ] || continue
	obj=${src%.c}.o
	echo "  CC  $obj"
	# shellcheck disable=SC2086
	"$CLANG" $CFLAGS -c "$src" -o "$obj"
	n=$((n + 1))
done
echo "build.sh: built $n object(s) with $("$CLANG" --version | head -n1)"
