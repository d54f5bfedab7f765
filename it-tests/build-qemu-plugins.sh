#!/usr/bin/env bash
# Builds QEMU 7.2's own contrib and test plugins (libcache.so, libdrcov.so, libexeclog.so,
# libhotblocks.so, libhotpages.so, libhowvec.so, libsyscall.so, libbb.so, ...) into TARGET: the
# oracles the contrib plugin tests compare tcg4j's Java plugins with. Their source comes from
# Debian's qemu source package, the same 7.2 as the installed qemu-user, fetched with a private apt
# configuration (a deb-src list of its own; the system's apt set-up is left alone).
# Usage: build-qemu-plugins.sh TARGET   (does nothing when TARGET already has them)
set -euo pipefail

target=${1:?usage: build-qemu-plugins.sh TARGET}
plugins=(cache drcov execlog hotblocks hotpages howvec hwprofile lockstep bb empty insn mem syscall)
have=1
for p in "${plugins[@]}"; do
    [ -f "$target/lib$p.so" ] || have=0
done
[ "$have" = 1 ] && exit 0

for tool in apt-get gcc pkg-config tar; do
    command -v "$tool" >/dev/null 2>&1 || { echo "build-qemu-plugins.sh: ERROR: '$tool' not found (scripts/test installs it)" >&2; exit 1; }
done
pkg-config --exists glib-2.0 || { echo "build-qemu-plugins.sh: ERROR: glib headers missing (apt-get install libglib2.0-dev, or run scripts/test)" >&2; exit 1; }

work=$target/.qemu-source
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$target"
cat >"$work/sources.list" <<SOURCES
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm-updates main
SOURCES
apt=(apt-get -q -o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
     -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o APT::Sandbox::User=root)
if ! ls "$work"/qemu_7.2*.orig.tar.xz >/dev/null 2>&1; then
    "${apt[@]}" update >"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; exit 1; }
    (cd "$work" && "${apt[@]}" source --download-only qemu >>"$work/apt.log" 2>&1) || { cat "$work/apt.log" >&2; exit 1; }
fi
orig=$(ls "$work"/qemu_7.2*.orig.tar.xz | head -n 1)
rm -rf "$work/src" && mkdir -p "$work/src"
tar -xJf "$orig" -C "$work/src" --strip-components=1 --wildcards \
    '*/contrib/plugins/*.c' '*/tests/plugin/*.c' '*/include/qemu/qemu-plugin.h'
for p in "${plugins[@]}"; do
    src=$work/src/contrib/plugins/$p.c
    [ -f "$src" ] || src=$work/src/tests/plugin/$p.c
    # shellcheck disable=SC2046 # pkg-config's flags are words
    gcc -shared -fPIC -O2 -w -I"$work/src/include/qemu" $(pkg-config --cflags glib-2.0) \
        -o "$target/lib$p.so" "$src" $(pkg-config --libs glib-2.0)
done
echo "build-qemu-plugins.sh: QEMU 7.2's plugins in $target"
