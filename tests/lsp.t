#!/bin/sh
# gwlint --lsp (issue 20) driven by a real LSP client library:
# vscode-languageserver-protocol from npm (make test-tools installs it in
# build/npm), through tests/lsp/drive.js: the three position encodings on
# a line holding 𠮷, a tab and CJK (every diagnostic on the command line's
# span), quick fix, source.fixAll.gwlint against gwlint --fix, hover,
# change/debounce/stale versions, save, close, config reloads and a broken
# config, the protocol errors, the exit status, and hostile frames.
# Skipped (clearly) without node or the package.
. "$(dirname "$0")/lib.sh"
mods=${LSP_NODE_MODULES:-$root/build/npm/node_modules}
if ! command -v node >/dev/null 2>&1; then
	echo "1..0 # SKIP node is not installed (tests/lsp.t drives gwlint --lsp from node)"
	exit 0
fi
if [ ! -d "$mods/vscode-languageserver-protocol" ]; then
	echo "1..0 # SKIP vscode-languageserver-protocol is not installed in $mods (make test-tools, needs npm)"
	exit 0
fi
mkdir "$tmp/work"
NODE_PATH=$mods timeout 600 node "$here/lsp/drive.js" "$bin" "$tmp/work" >"$tmp/tap"
rc=$?
cat "$tmp/tap"
total=$(grep -c '^\(not \)\?ok ' "$tmp/tap")
n=$total
[ $rc -eq 0 ] || { n=$((n + 1)); echo "not ok $n - the driver exited with status $rc"; total=$n; }
# The driver must reach its end: 72 tests.
if [ "$total" -ge 72 ]; then n=$((n + 1)); echo "ok $n - the driver ran all its tests ($total)"
else n=$((n + 1)); echo "not ok $n - the driver ran $total tests, 72 expected"; fi
echo "1..$n"
! grep -q '^not ok' "$tmp/tap" && [ $rc -eq 0 ] && [ "$total" -ge 72 ]
