#!/usr/bin/env bash
# Builds the Debian package n2os_<version>_<arch>.deb with CPack and prints its path.
#
#   packaging/build-deb.sh [BUILD_DIR]        (default: build-deb/ at the top of the tree)
#
# The build is configured for a system install: prefix /usr, daemons in /usr/lib/n2os, YANG
# modules in /usr/share/n2os/yang, configuration in /etc/n2os, run state in /run/n2os; these are
# also the defaults compiled into the programs, so an installed `n2os start` needs no option.
# Debian's hardening flags come from dpkg-buildflags when it is there (dpkg-dev).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=${1:-$root/build-deb}
ldflags=
cflags=
if command -v dpkg-buildflags >/dev/null; then
	export DEB_BUILD_MAINT_OPTIONS=hardening=+all
	cflags="$cflags $(dpkg-buildflags --get CFLAGS) $(dpkg-buildflags --get CPPFLAGS)"
	ldflags=$(dpkg-buildflags --get LDFLAGS)
fi

cmake -S "$root" -B "$dir" \
	-DCMAKE_BUILD_TYPE=RelWithDebInfo \
	-DCMAKE_INSTALL_PREFIX=/usr \
	-DCMAKE_INSTALL_LIBEXECDIR=lib \
	-DCMAKE_INSTALL_SYSCONFDIR=/etc \
	-DN2OS_TESTS=OFF \
	-DCMAKE_STRIP="$root/packaging/strip.sh" \
	-DCMAKE_C_FLAGS="$cflags" \
	-DCMAKE_EXE_LINKER_FLAGS="$ldflags" >/dev/null
cmake --build "$dir" -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
rm -f "$dir"/n2os_*.deb
(cd "$dir" && cpack -G DEB >/dev/null)
deb=$(ls "$dir"/n2os_*.deb)
echo "$deb"
