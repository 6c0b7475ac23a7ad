#!/bin/sh
# Hostile cases for the write side (issue 13 #7 #8 #9 #10 #12 #14, issue 12
# major 4): --fix, --write-baseline, and reading packs, configs and
# baselines.  Each test states the expected outcome.  Cases that need a
# test hook (the sanitizer build's GWLINT_TEST_BEFORE_RENAME: a shell
# command run between writing the temporary file and the last check before
# the rename), root, or a tool (setfacl, setfattr, flock) print a TAP skip
# without them.
# GWLINT names the binary under test (default: build/gwlint).
. "$(dirname "$0")/lib.sh"
cd "$tmp" || exit 1
g() { "$bin" --rules "$root/rules" --color never "$@"; }
# Run with a time limit: a hang is a failure, not a stuck test run.
tg() { timeout 20 "$bin" --rules "$root/rules" --color never "$@"; }

echo "1..47"

seed=$fx/seed-001.txt          # one fixable finding: [bookmark: _GoBack]
fixed() { ! grep -q _GoBack "$1"; }
notmp() { [ -z "$(ls -A | grep '^\.gwlint-')" ]; }

# Does the binary have the test hooks?
cp "$seed" probe.txt
GWLINT_TEST_BEFORE_RENAME='touch hook.ran' g --fix probe.txt >/dev/null 2>&1
hooks=false
[ -e hook.ran ] && hooks=true

# ---- #7 lost update ----
if $hooks; then
	cp "$seed" a.txt
	GWLINT_TEST_BEFORE_RENAME='printf "新增\n" >>a.txt' g --fix a.txt >/dev/null 2>a.err; rc=$?
	{ cat "$seed"; printf '新增\n'; } >a.want
	t "#7 a line appended while fixing is kept: exit 2, 'changed ... while fixing', file = original + the line" \
	  '[ $rc = 2 ] && cmp -s a.txt a.want && grep -q "a.txt: not fixed: the file changed since it was read, while fixing" a.err && notmp'
	cp "$seed" a2.txt
	GWLINT_TEST_BEFORE_RENAME='printf x | dd of=a2.txt bs=1 seek=0 conv=notrunc 2>/dev/null; touch -r '"$seed"' a2.txt' \
	  g --fix a2.txt >/dev/null 2>a2.err; rc=$?
	t "#7 a same-size edit in place, mtime put back, is noticed too: exit 2, the edit kept" \
	  '[ $rc = 2 ] && [ "$(head -c 1 a2.txt)" = x ] && grep -q "while fixing" a2.err'
	if command -v flock >/dev/null 2>&1; then
		cp "$seed" l.txt
		GWLINT_TEST_BEFORE_RENAME='flock -n l.txt true || echo locked >lock.seen' g --fix l.txt >/dev/null 2>&1
		t "#7 an advisory lock (flock) is held on the file while fixing" '[ -s lock.seen ] && fixed l.txt'
		cp "$seed" l2.txt
		( flock -x 9; sleep 2 ) 9<l2.txt &
		sleep 0.5
		g --fix l2.txt >/dev/null 2>l2.err; rc=$?
		wait
		t "#7 a second fixer waits for the lock, then fixes (exit 0)" '[ $rc = 0 ] && fixed l2.txt'
	else
		skip "flock(1) not installed"
		skip "flock(1) not installed"
	fi
else
	for i in 1 2 3 4; do skip "binary built without GWLINT_TEST_HOOKS"; done
fi

# ---- #8 --write-baseline: planted links, links and devices as targets ----
mkdir bl && cd bl || exit 1
cp "$seed" r.txt
printf 'precious\n' >victim
# The old name was predictable (base.tmp<pid>): plant links for the next
# 3000 process ids.
p=$(sh -c 'echo $$')
perl -e 'symlink "victim", "base.tmp" . ($ARGV[0] + $_) for 1 .. 3000' "$p"
g --write-baseline base r.txt >/dev/null 2>&1; rc=$?
t "#8 links planted at base.tmp<pid> are not followed: the victim is untouched, the baseline written" \
  '[ $rc = 0 ] && [ "$(cat victim)" = precious ] && grep -q "r.txt" base'
rm -f base.tmp*
ln -s victim link
g --write-baseline link r.txt >/dev/null 2>link.err; rc=$?
t "#8 a symbolic link as the baseline: refused (exit 2), the link and its target untouched" \
  '[ $rc = 2 ] && [ -L link ] && [ "$(cat victim)" = precious ] && grep -q "link: not written: it is a symbolic link" link.err'
mkfifo fifo
g --write-baseline fifo r.txt >/dev/null 2>fifo.err; rc=$?
t "#8 a FIFO as the baseline: refused (exit 2), still a FIFO" \
  '[ $rc = 2 ] && [ -p fifo ] && grep -q "fifo: not written: it is a FIFO" fifo.err'
if [ "$(id -u)" = 0 ]; then
	mknod full c 1 7
	g --write-baseline full r.txt >/dev/null 2>full.err; rc=$?
	t "#8 a device (a copy of /dev/full) as the baseline: refused (exit 2), still a device" \
	  '[ $rc = 2 ] && [ -c full ] && grep -q "not written: it is a character device" full.err'
else
	skip "not root: cannot make a device node"
fi
# Names with TAB, LF and a backslash (the baseline's separators): each
# finding is one line, and the baseline suppresses them all again.
mkdir names
cp "$seed" "$(printf 'names/t\tab\nx.txt')"
cp "$seed" 'names/t ab x.txt'
cp "$seed" 'names/b\\t.txt'
g --write-baseline names.base names >/dev/null 2>&1; rc=$?
t "#8 names with TAB, LF, backslash: one baseline line per finding, escaped" \
  '[ $rc = 0 ] && [ "$(grep -vc "^#" names.base)" = "$(g names | wc -l)" ] && grep -q "	names/t\\\\tab\\\\nx.txt\$" names.base'
g --baseline names.base names >names.out 2>&1; rc=$?
t "#8 names with TAB, LF, backslash: --baseline suppresses every finding it wrote (exit 0, no output)" \
  '[ $rc = 0 ] && [ ! -s names.out ]'
rm -r names names.base names.out
t "#8 no temporary file is left next to the baseline" '[ -z "$(ls -A | grep -v "^\(r.txt\|victim\|base\|link\|fifo\|full\|.*\.err\)$")" ]'
cd .. || exit 1

# ---- #9 --fix keeps owner, group, mode, ACL, xattrs; refuses what it must not rewrite ----
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	cp "$seed" own.txt
	chown nobody:"$(id -gn nobody)" own.txt
	chmod 640 own.txt
	before=$(stat -c '%U:%G %a' own.txt)
	g --fix own.txt >/dev/null 2>&1; rc=$?
	t "#9 as root, another user's file: fixed, owner, group and mode kept ($before)" \
	  '[ $rc = 0 ] && fixed own.txt && [ "$(stat -c "%U:%G %a" own.txt)" = "$before" ]'
else
	skip "not root (or no user nobody): ownership case"
fi
if command -v setfacl >/dev/null 2>&1 && cp "$seed" acl.txt && setfacl -m u:nobody:rw acl.txt 2>/dev/null; then
	getfacl -c acl.txt 2>/dev/null >acl.before
	g --fix acl.txt >/dev/null 2>&1; rc=$?
	getfacl -c acl.txt 2>/dev/null >acl.after
	t "#9 a POSIX ACL is kept" '[ $rc = 0 ] && fixed acl.txt && grep -q "user:nobody:rw-" acl.after && cmp -s acl.before acl.after'
else
	skip "setfacl not installed or ACLs not supported here"
fi
if command -v setfattr >/dev/null 2>&1 && cp "$seed" xa.txt && setfattr -n user.gwlint -v kept xa.txt 2>/dev/null; then
	g --fix xa.txt >/dev/null 2>&1; rc=$?
	t "#9 an extended attribute (user.gwlint) is kept" \
	  '[ $rc = 0 ] && fixed xa.txt && [ "$(getfattr --only-values -n user.gwlint xa.txt 2>/dev/null)" = kept ]'
else
	skip "setfattr not installed or user xattrs not supported here"
fi
cp "$seed" ro.txt
chmod 444 ro.txt
g --fix ro.txt >/dev/null 2>ro.err; rc=$?
t "#9 a read-only (0444) file: refused, exit 2, unchanged (even as root)" \
  '[ $rc = 2 ] && cmp -s ro.txt "$seed" && grep -q "ro.txt: not fixed: it is read-only (mode 0444)" ro.err'
cp "$seed" hl.txt
ln hl.txt hl2.txt
g --fix hl.txt >/dev/null 2>hl.err; rc=$?
t "#9 a hard-linked file: refused, exit 2, both names unchanged and still one file" \
  '[ $rc = 2 ] && cmp -s hl.txt "$seed" && [ hl.txt -ef hl2.txt ] && grep -q "hl.txt: not fixed: it has 2 hard links" hl.err'
cp "$seed" in.txt
tg --fix /dev/stdin <in.txt >/dev/null 2>in.err; rc=$?
t "#9 --fix /dev/stdin < f: refused (a link), exit 2, f unchanged" \
  '[ $rc = 2 ] && cmp -s in.txt "$seed" && grep -q "/dev/stdin: not fixed: it is a symbolic link" in.err'
tg --fix /proc/self/fd/3 3<in.txt >/dev/null 2>fd.err; rc=$?
t "#9 --fix /proc/self/fd/3 3< f: refused, exit 2, f unchanged" \
  '[ $rc = 2 ] && cmp -s in.txt "$seed" && grep -q "not fixed: it is a symbolic link" fd.err'
cp "$seed" lk.txt
ln -s lk.txt lk-link.txt
g --fix lk-link.txt >/dev/null 2>lk.err; rc=$?
t "#9 --fix of a symbolic link named directly: refused, exit 2, the target unchanged" \
  '[ $rc = 2 ] && cmp -s lk.txt "$seed" && [ -L lk-link.txt ]'
if $hooks; then
	mkdir sig && cp "$seed" sig/s.txt
	# (In an inner shell, whose "Terminated" notice goes nowhere.)
	rc=$(cd sig && sh -c 'GWLINT_TEST_BEFORE_RENAME="kill -TERM \$PPID" "$0" --rules "$1" --fix s.txt >/dev/null 2>&1; echo $?' "$bin" "$root/rules" 2>/dev/null)
	t "#9 SIGTERM while the temporary file exists: killed by it (143), no temporary file left, file unchanged" \
	  '[ $rc = 143 ] && [ -z "$(ls -A sig | grep -v "^s.txt$")" ] && cmp -s sig/s.txt "$seed"'
	mkdir sigb && cp "$seed" sigb/s.txt
	rc=$(cd sigb && sh -c 'GWLINT_TEST_BEFORE_RENAME="kill -HUP \$PPID" "$0" --rules "$1" --fix s.txt >/dev/null 2>&1; echo $?' "$bin" "$root/rules" 2>/dev/null)
	t "#9 SIGHUP likewise (129), no temporary file left" '[ $rc = 129 ] && [ -z "$(ls -A sigb | grep -v "^s.txt$")" ]'
else
	skip "binary built without GWLINT_TEST_HOOKS"
	skip "binary built without GWLINT_TEST_HOOKS"
fi
t "#9 no temporary file is left by any refusal above" notmp

# ---- #10 a fix must not add a finding ----
printf '推广 (PPP, 政府和社会资本合作)模式。\n' >ppp.txt
cp ppp.txt ppp.orig
g ppp.txt >ppp.before 2>/dev/null
g --fix ppp.txt >ppp.after 2>ppp.err; rc=$?
t "#10 the ')' fix that would break the pair is withheld: file unchanged, no unmatched-pair" \
  'cmp -s ppp.txt ppp.orig && ! grep -q unmatched-pair ppp.after && grep -q "ppp.txt: not fixed: 1 fix withheld (applying it would add a finding)" ppp.err'
t "#10 what --fix prints is what a fresh lint prints (exit 1: findings left)" '[ $rc = 1 ] && cmp -s ppp.before ppp.after'
cp ppp.orig pppd.txt
g --fix-dry-run pppd.txt >ppp.diff 2>/dev/null
t "#10 --fix-dry-run shows no diff for it either" '[ ! -s ppp.diff ]'
printf '推广 (PPP, 政府和社会资本合作)模式。\n\n第二段,好。\n' >ppp2.txt
g --fix ppp2.txt >/dev/null 2>ppp2.err
t "#10 other paragraphs are still fixed" \
  'grep -q "^第二段，好。$" ppp2.txt && grep -q "^推广 (PPP, 政府和社会资本合作)模式。$" ppp2.txt && grep -q "some fixes withheld" ppp2.err'

# ---- #12 packs, configs, baselines: regular files only, bounded; --fix of a FIFO ----
mkfifo ff
cp "$seed" r.txt
tg --rules ff r.txt >/dev/null 2>e1; rc=$?
t "#12 --rules FIFO: exit 2 at once, message (no hang)" \
  '[ $rc = 2 ] && grep -q "^gwlint: ff: not read: a FIFO, not a regular file (a rule pack is read from a regular file only)$" e1'
yes | tg --rules /dev/stdin r.txt >/dev/null 2>e2; rc=$?
t "#12 --rules /dev/stdin on a pipe: exit 2, no hang" '[ $rc = 2 ] && grep -q "not read: a FIFO" e2'
tg --rules /dev/zero r.txt >/dev/null 2>e3; rc=$?
t "#12 --rules /dev/zero: exit 2, nothing read" '[ $rc = 2 ] && grep -q "/dev/zero: not read: a character device" e3'
mkdir cfgz && cp "$seed" cfgz/r.txt && printf 'packs: [/dev/zero]\n' >cfgz/.gwlint.yaml
tg cfgz/r.txt >/dev/null 2>e4; rc=$?
t "#12 config 'packs: [/dev/zero]': exit 2, positioned message" \
  '[ $rc = 2 ] && grep -q "cfgz/.gwlint.yaml:1:9: pack .*/dev/zero.*: a character device, not a regular file or a folder of packs" e4'
mkdir cfgf && cp "$seed" cfgf/r.txt && mkfifo cfgf/p.yaml && printf 'packs: [p.yaml]\n' >cfgf/.gwlint.yaml
tg cfgf/r.txt >/dev/null 2>e5; rc=$?
t "#12 config naming a FIFO pack: exit 2, positioned, no hang" '[ $rc = 2 ] && grep -q ".gwlint.yaml:1:9: pack .p.yaml.: a FIFO" e5'
mkdir cfgl && cp "$seed" cfgl/r.txt && ln -s /proc/self/fd/1 cfgl/p.yaml && printf 'packs: [p.yaml]\n' >cfgl/.gwlint.yaml
tg cfgl/r.txt 2>e6 | cat >/dev/null; rc=$(grep -c . e6)
t "#12 a committed link to /proc/self/fd/1 as a pack (stdout a pipe): refused, no hang" 'grep -q "pack .p.yaml.: a FIFO" e6'
tg --config ff r.txt >/dev/null 2>e7; rc=$?
t "#12 --config FIFO: exit 2, no hang" '[ $rc = 2 ] && grep -q "ff: not read: a FIFO, not a regular file (a config is read" e7'
tg --baseline ff r.txt >/dev/null 2>e8; rc=$?
t "#12 --baseline FIFO: exit 2, no hang" '[ $rc = 2 ] && grep -q "ff: not read: a FIFO, not a regular file (a baseline is read" e8'
head -c 34000000 /dev/zero | tr '\0' '#' >huge.yaml
tg --rules huge.yaml r.txt >/dev/null 2>e9; rc=$?
t "#12 a pack over 32 MiB: exit 2, the limit named" '[ $rc = 2 ] && grep -q "huge.yaml: not read: larger than 32 MiB (the limit for a rule pack)" e9'
rm -f huge.yaml
tg --fix ff >/dev/null 2>e10; rc=$?
t "#12 --fix FIFO: refused before it is opened (exit 2, no hang)" '[ $rc = 2 ] && grep -q "^gwlint: ff: not fixed: it is a FIFO, not a regular file$" e10'
mkdir -p cfgd/packs outp && cp "$seed" cfgd/r.txt && printf 'secret-key: 1\n' >outp/s.yaml
ln -s ../../outp/s.yaml cfgd/packs/s.yaml && printf 'packs: [packs]\n' >cfgd/.gwlint.yaml
tg cfgd/r.txt >/dev/null 2>e11; rc=$?
t "#4 a config's folder of packs holding a link to a file outside its tree: refused, positioned, that file never read" \
  '[ $rc = 2 ] && grep -q "^gwlint: cfgd/.gwlint.yaml:1:9: pack .packs.: .*/outp/s.yaml is outside the config.s folder" e11 && ! grep -q secret-key e11'
mkdir -p cfgo/packs && cp "$seed" cfgo/r.txt && printf 'packs: [packs]\n' >cfgo/.gwlint.yaml
printf 'pack: o\nrules:\n  - id: o-a\n    severity: error\n    kind: pattern\n    pattern: "的"\n    message: m\n' >cfgo/packs/o.yaml
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	chown nobody cfgo/packs/o.yaml
	tg cfgo/r.txt >o12 2>e12; rc=$?
	t "#6 a pack owned by another user inside a config's folder of packs: the config is ignored with a notice, as when it names the pack" \
	  'grep -q "^gwlint: cfgo/.gwlint.yaml: not used: its pack cfgo/packs/o.yaml: it is owned by another user (nobody)" e12 && ! grep -q "\[o-a\]" o12'
else
	skip "not root: cannot give a pack to another user"
fi

# ---- #14 an insertion fix grows the text at every pass ----
cat >grow.yaml <<'YAML'
pack: grow
rules:
  - id: insert-ab
    severity: warning
    kind: pattern
    pattern: '(?=[^\n])'
    message: insert ab
    fix: ab
YAML
awk 'BEGIN { for (i = 0; i < 200; i++) print "中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文" }' >grow.txt
cp grow.txt grow.orig
timeout 20 "$bin" --rules grow.yaml --fix grow.txt >/dev/null 2>grow.err; rc=$?
t "#14 a fix inserting at every pass: stopped (exit 2, message), file unchanged, within 20 s" \
  '[ $rc = 2 ] && cmp -s grow.txt grow.orig && grep -q "not fixed: the fixes would make the text more than 3 times as long" grow.err'

# ---- issue 12 major 4: a baseline matches however the tree is named ----
mkdir -p proj/reports && cp "$fx/seed-002.txt" "$fx/seed-004.txt" proj/reports/
cd proj || exit 1
g --write-baseline base reports >/dev/null 2>&1
t "baseline: paths stored relative to the baseline's folder" 'grep -q "	reports/seed-002.txt$" base && ! grep -q "	\./\|	/" base'
g --baseline base reports >o1 2>&1; r1=$?
g --baseline base ./reports >o2 2>&1; r2=$?
g --baseline base "$PWD/reports" >o3 2>&1; r3=$?
(cd reports && "$bin" --rules "$root/rules" --color never --baseline ../base . >../o4 2>&1); r4=$?
t "baseline: 'reports' is clean (exit 0, no output)" '[ $r1 = 0 ] && [ ! -s o1 ]'
t "baseline: './reports' is clean" '[ $r2 = 0 ] && [ ! -s o2 ]'
t "baseline: an absolute path is clean" '[ $r3 = 0 ] && [ ! -s o3 ]'
t "baseline: run from inside the folder ('--baseline ../base .') is clean" '[ $r4 = 0 ] && [ ! -s o4 ]'
# A baseline of the old form (paths as typed, relative to where it ran).
sed 's|	reports/|	./reports/|' base >old
g --baseline old ./reports >o5 2>&1; r5=$?
t "baseline: an old baseline with paths as typed still matches when named as typed" '[ $r5 = 0 ] && [ ! -s o5 ]'
mkdir sub
g --write-baseline sub/base reports >/dev/null 2>&1
(cd reports && "$bin" --rules "$root/rules" --color never --baseline ../sub/base seed-002.txt seed-004.txt >../o6 2>&1); r6=$?
t "baseline: a file outside the baseline's folder is stored as ../reports/… and matches from anywhere" \
  'grep -q "	\.\./reports/seed-004.txt$" sub/base && [ $r6 = 0 ] && [ ! -s o6 ]'
cd .. || exit 1

# ---- the write side never leaves a temporary file ----
t "no .gwlint-* temporary file left anywhere" '[ -z "$(find . -name ".gwlint-*")" ]'
[ $fails = 0 ]
