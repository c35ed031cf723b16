#!/bin/bash
# Regenerates every screenshot in this directory, headless (Monocle), from the repository root:
#   screenshots/make.sh            (all)      screenshots/make.sh tour   (one, by name)
# Each picture is one run of the app's Screenshot class (see its header for the options).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -pl app -am test-compile
shot() {
    local name=$1; shift
    if [ -n "${ONLY:-}" ] && [ "$ONLY" != "$name" ]; then return; fi
    mvn -q -pl app -am compile exec:java -Dexec.mainClass=dev.kptrviz.app.Screenshot \
        -Dexec.classpathScope=test -Dexec.args="screenshots/$name.png $*"
}
ONLY=${1:-}
shot listing          motivating.o
shot before-add       motivating.o --step=28
shot after-add        motivating.o --step=29
shot rejected         use_after_unlock.o --go-to-error --run-anyway
shot double-insert    double_insert.o --step=29 --tab=run
shot rejected-6.3     motivating.o --semantics=6.3
shot tour             --tour-stop=3
shot compare          remove_unchecked.o --compare=6.3,6.4
shot presenter-dark   motivating.o --step=29 --theme=dark
