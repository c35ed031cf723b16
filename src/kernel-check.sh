#!/usr/bin/env bash
# Ask the RUNNING kernel about every example: loads each src/*.o with the kernel oracle
# (needs root and a working bpf(); see ../shared/tools/kernel-oracle) and keeps each program's
# full log_level 2 verifier log under src/kernel-logs/PROGRAM.log. The logs are the ground
# truth our tests compare the listing (and later the verifier's log) against; the TSV the
# oracle prints is what src/examples.tsv's `current` columns were filled from.
# usage: src/kernel-check.sh [ORACLE]    (default: ../shared/tools/kernel-oracle/kernel-verdict)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
oracle=${1:-$here/../../shared/tools/kernel-oracle/kernel-verdict}
if [ ! -x "$oracle" ]; then
	echo "kernel-check.sh: no kernel oracle at $oracle; nothing checked." >&2
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	echo "kernel-check.sh: needs root for the bpf() syscall; nothing checked." >&2
	exit 0
fi
logs=$(mktemp -d)
LOGDIR=$logs "$oracle" "$here"/*.o
mkdir -p "$here/kernel-logs"
for f in "$logs"/*.log; do
	b=$(basename "$f" .log)
	# the oracle names logs FILE__PROG.log and records absolute object paths: keep PROG only
	sed "s#$here/##g" "$f" > "$here/kernel-logs/${b#*__}.log"
done
rm -rf "$logs"
