#!/bin/sh
# Start-up (issue 14, README Performance): a run links only what every run
# needs (PCRE2, utf8proc).  libzip (and the libcrypto, libbz2 and libz it
# pulls in), expat, cmark, cJSON, libyaml and libcyaml are loaded at first
# use (src/lazylib.h): a .txt run with no .gwlint.yaml and the bundled
# packs (their trees come from the build: src/packcache.h) loads none of
# them; a Markdown run loads cmark, a .docx run libzip
# and expat, --lsp cJSON, a .gwlint.yaml libcyaml; and a library that
# cannot be loaded stops the run that needs it with a clear message and
# exit status 2 (the GWLINT_TEST_NO_<LIB> hooks of the sanitizer build)
# while a run that does not need it goes on as before.
. "$(dirname "$0")/lib.sh"
echo "1..15"
mkdir "$tmp/plain" "$tmp/cfg"
printf '某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n' > "$tmp/plain/r.txt"
printf '# 某县人民政府关于2023年度法治政府建设情况的报告\n\n## 一、主要举措和成效\n' > "$tmp/plain/m.md"
cp "$tmp/plain/r.txt" "$tmp/cfg/r.txt"
printf 'enable: []\n' > "$tmp/cfg/.gwlint.yaml"
docx=$(ls "$fx"/*.docx | head -n 1)
# An LSP session: initialize, initialized, shutdown, exit.
frame() { printf 'Content-Length: %d\r\n\r\n%s' "${#1}" "$1"; }
{
	frame '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}'
	frame '{"jsonrpc":"2.0","method":"initialized","params":{}}'
	frame '{"jsonrpc":"2.0","id":2,"method":"shutdown"}'
	frame '{"jsonrpc":"2.0","method":"exit"}'
} > "$tmp/lsp.in"

# loads WHAT LD-DEBUG-FILE REGEX: the libraries glibc's loader reported
# opening (LD_DEBUG=files) include one whose name matches lib(REGEX).so.
loads() { grep -Eq "file=([^ ]*/)?lib($2)\.so" "$1"; }
# ldrun OUT ARGS...: one run with LD_DEBUG=files, its loader log in OUT.
ldrun() { _o=$1; shift; LD_DEBUG=files "$bin" "$@" >/dev/null 2>"$_o"; }
lazy='zip|crypto|expat|cmark|cjson|yaml-0|cyaml'

ldrun "$tmp/ld.txt" "$tmp/plain/r.txt"
if loads "$tmp/ld.txt" 'pcre2-8'; then
	if loads "$tmp/ld.txt" "$lazy"; then
		nok "a .txt run loads none of libzip, libcrypto, expat, cmark, cJSON, libyaml, libcyaml"
		grep -E "file=([^ ]*/)?lib($lazy)\.so" "$tmp/ld.txt" | head -5 | sed 's/^/# /' >&2
	else
		ok "a .txt run loads none of libzip, libcrypto, expat, cmark, cJSON, libyaml, libcyaml"
	fi
	ldrun "$tmp/ld.txt" "$tmp/plain/m.md"
	if loads "$tmp/ld.txt" cmark && ! loads "$tmp/ld.txt" 'zip|crypto|expat|cjson|cyaml'; then
		ok "a Markdown run loads cmark and no other of them"; else
		nok "a Markdown run loads cmark and no other of them"; grep 'file=' "$tmp/ld.txt" | sed 's/^/# /' >&2; fi
	ldrun "$tmp/ld.txt" "$docx"
	if loads "$tmp/ld.txt" zip && loads "$tmp/ld.txt" expat && ! loads "$tmp/ld.txt" 'cmark|cjson|cyaml'; then
		ok "a .docx run loads libzip and expat"; else
		nok "a .docx run loads libzip and expat"; grep 'file=' "$tmp/ld.txt" | sed 's/^/# /' >&2; fi
	LD_DEBUG=files "$bin" --lsp <"$tmp/lsp.in" >"$tmp/lsp.out" 2>"$tmp/ld.txt"; rc=$?
	if [ "$rc" = 0 ] && grep -q '"id":2' "$tmp/lsp.out" && loads "$tmp/ld.txt" cjson &&
	    ! loads "$tmp/ld.txt" 'zip|crypto|expat|cmark|cyaml'; then
		ok "--lsp loads cJSON (initialize, shutdown, exit: status 0)"; else
		nok "--lsp loads cJSON (initialize, shutdown, exit: status $rc)"
		grep 'file=' "$tmp/ld.txt" | sed 's/^/# /' >&2; fi
	ldrun "$tmp/ld.txt" "$tmp/cfg/r.txt"
	if loads "$tmp/ld.txt" cyaml && ! loads "$tmp/ld.txt" 'zip|crypto|expat|cmark|cjson'; then
		ok "a run under a .gwlint.yaml loads libcyaml"; else
		nok "a run under a .gwlint.yaml loads libcyaml"; grep 'file=' "$tmp/ld.txt" | sed 's/^/# /' >&2; fi
else
	for w in .txt Markdown .docx --lsp .gwlint.yaml; do
		skip "$w: LD_DEBUG=files says nothing here (not glibc's loader?)"
	done
fi

# alone_and_twice FILE WHAT: FILE linted alone, then twice in one run on
# two workers (the library it needs loaded once, by either), gives its
# findings, the same both times.
alone_and_twice() {
	"$bin" "$1" >"$tmp/a.out" 2>&1; rc=$?
	"$bin" -j2 "$1" "$1" >"$tmp/b.out" 2>&1; rc2=$?
	if [ "$rc" -le 1 ] && [ -s "$tmp/a.out" ] && [ "$rc2" = "$rc" ] &&
	    [ "$(cat "$tmp/a.out" "$tmp/a.out")" = "$(cat "$tmp/b.out")" ]; then
		ok "$2 gets its findings, alone and twice with -j2 (exit $rc)"
	else
		nok "$2 gets its findings, alone and twice with -j2 (exit $rc / $rc2)"
		head -5 "$tmp/a.out" "$tmp/b.out" | sed 's/^/# /' >&2
	fi
}
alone_and_twice "$docx" "a .docx"
alone_and_twice "$tmp/plain/m.md" "a Markdown file"

# Every lazily loaded library unloadable, libyaml too (the bundled packs'
# trees come from the build): a .txt with no .gwlint.yaml is linted as
# before.
"$bin" "$tmp/plain/r.txt" >"$tmp/want" 2>&1; want_rc=$?
GWLINT_TEST_NO_LIBZIP=1 GWLINT_TEST_NO_LIBEXPAT=1 GWLINT_TEST_NO_LIBCMARK=1 \
    GWLINT_TEST_NO_LIBCJSON=1 GWLINT_TEST_NO_LIBYAML=1 GWLINT_TEST_NO_LIBCYAML=1 \
    "$bin" "$tmp/plain/r.txt" >"$tmp/got" 2>&1; rc=$?
if [ "$rc" = "$want_rc" ] && [ "$rc" -le 1 ] && cmp -s "$tmp/want" "$tmp/got"; then
	ok "without libzip, expat, cmark, cJSON, libyaml and libcyaml a .txt is linted as before"; else
	nok "without libzip, expat, cmark, cJSON, libyaml and libcyaml a .txt is linted as before (exit $rc)"
	diff "$tmp/want" "$tmp/got" | head -5 | sed 's/^/# /' >&2; fi

# With GWLINT_TEST_NO_<LIB> (upper case) the run of a file that needs LIB
# (stdin: the LSP session) stops: exit 2, "gwlint: cannot load LIB (" first
# on stderr.  The hooks exist in the sanitizer build only: a binary where
# no case stops is skipped, one where some do but not all fails.
cases="libzip|a .docx|$docx
libexpat|a .docx|$docx
libcmark|a Markdown file|$tmp/plain/m.md
libcjson|--lsp|--lsp
libyaml|a .gwlint.yaml|$tmp/cfg/r.txt
libcyaml|a .gwlint.yaml|$tmp/cfg/r.txt"
hooks=0
i=0
while IFS='|' read -r lib what arg; do
	i=$((i + 1))
	env "GWLINT_TEST_NO_$(echo "$lib" | tr a-z A-Z)=1" "$bin" "$arg" <"$tmp/lsp.in" \
	    >/dev/null 2>"$tmp/err$i"
	echo $? >"$tmp/rc$i"
	[ "$(cat "$tmp/rc$i")" = 2 ] && hooks=1
done <<EOF
$cases
EOF
i=0
while IFS='|' read -r lib what arg; do
	i=$((i + 1))
	rc=$(cat "$tmp/rc$i")
	if [ "$rc" = 2 ] && head -n 1 "$tmp/err$i" | grep -q "^gwlint: cannot load $lib ("; then
		ok "without $lib $what stops the run: exit 2, 'gwlint: cannot load $lib ...'"
	elif [ $hooks = 0 ] && [ "$rc" -le 1 ]; then
		skip "GWLINT_TEST_NO_<LIB> are hooks of the sanitizer build (make check); this binary has none"
	else
		nok "without $lib $what stops the run (exit $rc)"; sed 's/^/# /' "$tmp/err$i" >&2
	fi
done <<EOF
$cases
EOF

# The start-up heap is asked for at once (util.c heap_prefault): one
# madvise(MADV_POPULATE_WRITE) of STARTUP_HEAP bytes, in the release build
# (a sanitizer's malloc does not grow the brk heap, so it is skipped there).
rel=$root/build/gwlint
if ! command -v strace >/dev/null 2>&1; then
	skip "strace is missing (the heap request is checked with it)"
elif [ ! -x "$rel" ]; then
	skip "no release build at build/gwlint"
elif ! strace -o "$tmp/st.txt" -e trace=madvise "$rel" "$tmp/plain/r.txt" >/dev/null 2>&1 &&
    [ ! -s "$tmp/st.txt" ]; then
	skip "strace cannot trace here"
elif grep -q 'MADV_POPULATE_WRITE) = 0' "$tmp/st.txt"; then
	ok "the release build asks for its start-up heap in one madvise(MADV_POPULATE_WRITE)"
elif grep -q 'MADV_POPULATE_WRITE) = -1 EINVAL' "$tmp/st.txt"; then
	skip "this kernel cannot populate a range (MADV_POPULATE_WRITE is Linux 5.14)"
else
	nok "the release build asks for its start-up heap in one madvise(MADV_POPULATE_WRITE)"
	sed 's/^/# /' "$tmp/st.txt" | head -5 >&2
fi
[ $fails -eq 0 ]
