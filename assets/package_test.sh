#!/bin/bash
# SPDX-License-Identifier: MIT
# PackageTest.InstallsRunsAndRemovesCleanly BUILD_DIR CONFIGURED_PREFIX BUILD_PYTHON_DIR (CTest label package)
#
# Makes the .deb from the built tree with cpack (so it needs no step before ctest), installs it on this
# machine with dpkg -i, runs the installed mpstage-host and `python3 -m mpstage` from a bare environment,
# removes it with dpkg -r and checks that nothing is left. Exit 77 (CTest: skipped) when it cannot run here.
#
# Why dpkg -i and not a throwaway root (dpkg -x / dpkg --root): the installed files name each other by
# absolute path (/usr/lib/python3/dist-packages/mpstage/_paths.py execs /usr/bin/mpstage-host, and the host is
# compiled to import /usr/lib/python3/dist-packages), so from another root they would reach outside it, and a
# chroot needs a whole system. dpkg -i works offline: the Depends are what the build itself needed.
set -euo pipefail
build=$1
prefix=$2
build_python=$3 # the build tree's ready-to-import package, which mpstage-host prefers when it exists

skip() {
  echo "SKIPPED: $*"
  exit 77
}
[ "$(id -u)" -eq 0 ] || skip "needs root: it installs the package with dpkg -i and removes it (CI runs as root)"
# A tree configured for another prefix (a fresh `cmake --preset dev`: /usr/local) still makes a package that
# installs under /usr (CPACK_SET_DESTDIR), but its mpstage-host is compiled to import the Python package from
# $prefix/lib/python3/dist-packages: ./dev package refuses such a tree, this test packages it anyway and names
# the installed package to the host with MPSTAGE_PYTHONPATH. Everything else is checked the same.
host_env=()
if [ "$prefix" != /usr ]; then
  export MPSTAGE_PACKAGE_ANY_PREFIX=1 # assets/package_config.cmake
  host_env=(MPSTAGE_PYTHONPATH=/usr/lib/python3/dist-packages)
  echo "NOTE: build/dev is configured for $prefix, not /usr (./dev package configures /usr): the installed host" \
    "is told MPSTAGE_PYTHONPATH, and the directory compiled into it is not checked"
fi
for tool in cpack dpkg dpkg-shlibdeps help2man file; do
  command -v "$tool" >/dev/null || skip "$tool is not installed (./dev installs it)"
done

# One at a time on this machine (other build trees' CTest runs, dpkg's own lock).
exec 9>"$build/package-test.lock"
flock 9
if dpkg-query -W -f='${Status}' mpstage 2>/dev/null | grep -q "ok installed"; then
  skip "the mpstage package is already installed here and this test would remove it; apt remove mpstage first"
fi

work=$build/package-test
rm -rf "$work"
mkdir -p "$work/home"
start=$SECONDS
cpack --config "$build/CPackConfig.cmake" -B "$work" >"$work/cpack.log" 2>&1 || {
  cat "$work/cpack.log"
  echo "FAIL: cpack"
  exit 1
}
deb=$(ls "$work"/mpstage_*.deb)
echo "built $(basename "$deb") in $((SECONDS - start)) s"
dpkg-deb -f "$deb" Depends

installed=0
cleanup() {
  if [ "$installed" = 1 ]; then dpkg -r mpstage >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*"
  exit 1
}

dpkg -i "$deb" >"$work/dpkg-i.log" 2>&1 || {
  cat "$work/dpkg-i.log"
  installed=1
  fail "dpkg -i"
}
installed=1

# Only the installed files: a bare environment, and this build tree's python/ hidden under an empty tmpfs in a
# mount namespace of the test's own: mpstage-host prefers that directory when it exists (it does here, not on a
# lab's machine), so the host has to find the installed package by the directory compiled into it. Where no
# mount namespace can be made, MPSTAGE_PYTHONPATH names the installed package instead.
# shellcheck disable=SC2016
if unshare -m sh -c 'mount -t tmpfs mpstage-hidden "$1"' sh "$build_python" 2>/dev/null; then
  run() {
    # shellcheck disable=SC2016
    unshare -m sh -c 'mount -t tmpfs mpstage-hidden "$1" && shift && exec "$@"' sh "$build_python" \
      env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 "${host_env[@]}" "$@"
  }
  echo "the build tree's $build_python is hidden from the installed files"
else
  run() {
    env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 MPSTAGE_PYTHONPATH=/usr/lib/python3/dist-packages "$@"
  }
  echo "no mount namespace here: MPSTAGE_PYTHONPATH names the installed package"
fi
[ "$(run sh -c 'command -v mpstage-host')" = /usr/bin/mpstage-host ] || fail "mpstage-host is not /usr/bin/mpstage-host"
grep -qx "HOST = '/usr/bin/mpstage-host'" /usr/lib/python3/dist-packages/mpstage/_paths.py ||
  fail "_paths.py says: $(cat /usr/lib/python3/dist-packages/mpstage/_paths.py)"

where=$(run /usr/bin/python3 -c 'import mpstage, _mpstage; print(mpstage.__file__, _mpstage.__file__)')
echo "python3 imports: $where"
case "$where" in
  "/usr/lib/python3/dist-packages/mpstage/__init__.py /usr/lib/python3/dist-packages/_mpstage."*.so) ;;
  *) fail "/usr/bin/python3 does not import the installed package" ;;
esac
# The interpreter the host embeds imports the installed package too.
# (_mpstage is built into the host, the Python files come from the package directory.)
printf 'import multiprocessing, mpstage\nprint("embedded:", mpstage.__file__, multiprocessing.__file__)\n' >"$work/where.py"
out=$(run mpstage-host run "$work/where.py" 2>&1) || fail "mpstage-host run where.py: $out"
echo "$out" | grep -q "embedded: /usr/lib/python3/dist-packages/mpstage/__init__.py /usr/lib/python3/dist-packages/mpstage/multiprocessing/__init__.py" ||
  fail "the host's interpreter does not import the installed package: $out"

out=$(run mpstage-host run feeder-lag --quiet 2>&1) || fail "mpstage-host run feeder-lag --quiet: $out"
echo "mpstage-host run feeder-lag --quiet: $out"
echo "$out" | grep -q "Outcome: as declared" || fail "no 'Outcome: as declared'"
out=$(run /usr/bin/python3 -m mpstage /usr/share/mpstage/scenes/pipe_poll.py --quiet 2>&1) ||
  fail "python3 -m mpstage pipe_poll.py --quiet: $out"
echo "python3 -m mpstage /usr/share/mpstage/scenes/pipe_poll.py --quiet: $out"
echo "$out" | grep -q "Outcome: as declared" || fail "no 'Outcome: as declared'"
out=$(run QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$work/home" mpstage --help 2>&1) || fail "mpstage --help: $out"
echo "$out" | grep -q "^Usage: mpstage" || fail "mpstage --help: $out"

files=$(dpkg -L mpstage)
dpkg -r mpstage >"$work/dpkg-r.log" 2>&1 || {
  cat "$work/dpkg-r.log"
  fail "dpkg -r"
}
installed=0
grep -i warning "$work/dpkg-r.log" && fail "dpkg -r warned"
dpkg -L mpstage >/dev/null 2>&1 && fail "dpkg -L mpstage still lists files after dpkg -r"
[ -e /usr/bin/mpstage-host ] && fail "/usr/bin/mpstage-host is still there"
left=$(echo "$files" | grep -E '^/usr/(bin|lib|include|share/(mpstage|man|doc/mpstage|metainfo|applications|icons))/' |
  while read -r f; do if [ -f "$f" ] || [ -L "$f" ]; then echo "$f"; fi; done)
[ -z "$left" ] || fail "left behind: $left"
for d in /usr/lib/python3/dist-packages/mpstage /usr/share/mpstage /usr/include/mp /usr/share/doc/mpstage; do
  [ -e "$d" ] && fail "$d is still there: $(find "$d" | head -5)"
done
rm -rf "$work"
echo "installed, ran and removed in $((SECONDS - start)) s: nothing left"
