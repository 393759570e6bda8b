#!/usr/bin/env bash
# Installs the Debian packages n2os needs to build and test; does nothing when they are present.
# Usage: packaging/setup-deps.sh [--build-only]
set -euo pipefail

build_pkgs=(cmake make gcc pkg-config
  libnl-3-dev libnl-route-3-dev
  libprotobuf-c-dev protobuf-c-compiler
  libyang2-dev libreadline-dev libcmocka-dev libcap-dev clang-format
  clang libclang-rt-dev) # clang and libFuzzer's runtime: the fuzz targets (docs/fuzzing.md)
test_pkgs=(iproute2 iputils-ping traceroute procps psmisc tmux tcpdump tshark arping keepalived
  python3 python3-scapy lintian)

want=("${build_pkgs[@]}")
[ "${1:-}" = "--build-only" ] || want+=("${test_pkgs[@]}")

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "setup-deps: missing packages: ${missing[*]}; run as root to install them" >&2
  exit 1
fi
echo "setup-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
