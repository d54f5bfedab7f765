#!/usr/bin/env bash
# Compiles the guest programs of src/guest into TARGET/guests (riscv64, static, -O2) and the
# QEMU oracle plugins of src/oracle into TARGET/oracle (host shared objects), and QEMU 7.2's own
# contrib plugins into TARGET/qemu-plugins (build-qemu-plugins.sh).
# Usage: build-guests.sh [TARGET]   (default: the it-tests target folder)
# Run by Maven in generate-test-resources. A missing tool fails the build: the differential
# tests mean nothing without the cross compiler and qemu-riscv64 (scripts/test installs them).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
target=${1:-$here/target}
src=$here/src/guest
guests=$target/guests
oracle=$target/oracle

missing=0
require() {
    if ! command -v "$1" >/dev/null 2>&1; then
        echo "build-guests.sh: ERROR: '$1' not found ($2)" >&2
        missing=1
    fi
}
require riscv64-linux-gnu-gcc "apt-get install gcc-riscv64-linux-gnu, or run scripts/test"
require riscv64-linux-gnu-g++ "apt-get install g++-riscv64-linux-gnu, or run scripts/test"
require qemu-riscv64 "apt-get install qemu-user, or run scripts/test"
require gcc "the host C compiler builds the QEMU oracle plugins"
require go "apt-get install golang-go: it builds the Go guests (static, GOARCH=riscv64)"
if [ "$missing" != 0 ]; then
    exit 1
fi

mkdir -p "$guests" "$oracle"

# Rebuild only what is older than its source or any shared header.
headers=("$src"/*.h "$here/src/oracle"/*.h)
stale() {
    local source=$1 output=$2
    [ -e "$output" ] || return 0
    [ "$source" -nt "$output" ] && return 0
    local h
    for h in "${headers[@]}"; do
        [ "$h" -nt "$output" ] && return 0
    done
    [ "$0" -nt "$output" ] && return 0
    return 1
}

built=0
# build OUTPUT SOURCE "LIBRARIES" COMPILER FLAGS...  (libraries go after the source)
build() {
    local output=$1 source=$2 libs=$3
    shift 3
    if stale "$source" "$output"; then
        echo "build-guests.sh: $(basename "$output")"
        # shellcheck disable=SC2086 # libs is a word list
        "$@" "$source" -o "$output" $libs
        built=$((built + 1))
    fi
}

# A guest that uses extensions beyond rv64gc names them on a line "tcg4j-march: rv64gc_...".
march() {
    local m
    m=$(sed -n 's/.*tcg4j-march: *\([a-z0-9_]*\).*/\1/p' "$1" | head -n 1)
    if [ -n "$m" ]; then
        echo "-march=$m"
    fi
}
for f in "$src"/*.c; do
    # shellcheck disable=SC2046 # march is zero or one word
    build "$guests/$(basename "$f" .c)" "$f" "-lm -latomic" riscv64-linux-gnu-gcc -static -O2 -Wall -I"$src" $(march "$f")
done
for f in "$src"/*.cpp; do
    build "$guests/$(basename "$f" .cpp)" "$f" "" riscv64-linux-gnu-g++ -static -O2 -Wall -I"$src"
done
# Assembly programs are freestanding: they define _start and make their own system calls.
for f in "$src"/*.S; do
    build "$guests/$(basename "$f" .S)" "$f" "" riscv64-linux-gnu-gcc -static -nostdlib -I"$src"
done
# Go programs: static (no cgo), built from one file each; the build cache goes under TARGET.
for f in "$src"/*.go; do
    if stale "$f" "$guests/$(basename "$f" .go)"; then
        echo "build-guests.sh: $(basename "$f" .go)"
        (cd "$src" && GOOS=linux GOARCH=riscv64 CGO_ENABLED=0 GOCACHE="$target/go-cache" \
            GO111MODULE=off go build -o "$guests/$(basename "$f" .go)" "$(basename "$f")")
        built=$((built + 1))
    fi
done
# Some guests again, dynamically linked (gcc's default PIE, against the cross toolchain's sysroot
# /usr/riscv64-linux-gnu): they run with -L /usr/riscv64-linux-gnu, ld.so and libc loaded at run time.
mkdir -p "$guests/dyn"
for n in dyn_layout strings malloc_heavy file_io libm setjmp_longjmp dispatch atomics env_auxv exit_status \
        stdin_stats int_edge fp_modes signals abort; do
    # shellcheck disable=SC2046 # march is zero or one word
    build "$guests/dyn/$n" "$src/$n.c" "-lm -latomic" riscv64-linux-gnu-gcc -O2 -Wall -I"$src" $(march "$src/$n.c")
done
build "$guests/dyn/cxx_features" "$src/cxx_features.cpp" "" riscv64-linux-gnu-g++ -O2 -Wall -I"$src"
for f in "$here/src/oracle"/*.c; do
    build "$oracle/$(basename "$f" .c).so" "$f" "" gcc -O2 -Wall -shared -fPIC -I"$here/src/oracle"
done

"$here/build-qemu-plugins.sh" "$target/qemu-plugins"
echo "build-guests.sh: $built built, guests in $guests, oracle plugins in $oracle"
