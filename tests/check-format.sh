#!/usr/bin/env bash
# Checks that every C file follows the one .clang-format at the root (run by ctest as
# "format"). Fix with: git ls-files '*.c' '*.h' | xargs clang-format -i
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v clang-format >/dev/null || { echo "clang-format not installed (packaging/setup-deps.sh)"; exit 1; }
bad=0
while IFS= read -r f; do
	if ! clang-format --style=file --dry-run --Werror "$f" 2>/dev/null; then
		echo "not formatted: $f"
		bad=1
	fi
done < <(git ls-files '*.c' '*.h' 2>/dev/null || find lib managers protocols cmd tests bench -name '*.[ch]')
[ "$bad" -eq 0 ] && echo "format: every C file follows .clang-format"
exit "$bad"
