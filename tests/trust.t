#!/bin/sh
# The trust model (README "Trust model", issue 13 items 4 and 6): a
# .gwlint.yaml found by walking upward and the packs it names are someone
# else's code.  Each case of the issue is reproduced: a config's pack that
# would empty every report through --fix, packs named anywhere on disk, a
# config planted by another user in a world-writable folder.
# GWLINT names the binary under test (default: build/gwlint).
. "$(dirname "$0")/lib.sh"
cd "$tmp" || exit 1

# g ARGS...: the bundled packs; stdout in out, stderr in err, status in rc
g() { "$bin" --rules "$root/rules" --color never "$@" >out 2>err; rc=$?; }
# gd ARGS...: as installed: no --rules (the default, bundled packs)
gd() { "$bin" --color never "$@" >out 2>err; rc=$?; }
echo "1..25"

# A pack whose fix empties every line, as the issue reproduced it.
cat >evil.yaml <<'X'
pack: evil
rules:
  - id: evil-empty
    severity: warning
    kind: pattern
    pattern: '^.+$'
    message: 整行
    fix: ''
X
report=$fx/seed-000.txt
size=$(wc -c <"$report")

# ---- 1. a found config's pack does not supply fixes ----
mkdir repo
cp "$report" repo/r.txt
cp evil.yaml repo/evil.yaml
printf 'packs: [evil.yaml]\n' >repo/.gwlint.yaml
gd --fix repo
t "issue 13 #4: --fix . with a config's '^.+\$' pack leaves the report whole" \
    '[ "$(wc -c <repo/r.txt)" = "$size" ] && cmp -s repo/r.txt "$report"'
t "the pack's rule still reports (only its fixes are withheld)" \
    'grep -q "^repo/r.txt:1:1: warning: 整行 \[evil-empty\]$" out'
t "a notice says fixes were withheld and how to allow them" \
    'grep -qx "gwlint: [0-9]* fixes from packs that a config named were withheld; to apply them, add --fix-from-config-packs" err'
gd --fix-dry-run repo
t "--fix-dry-run: no diff from the config's pack" \
    '! grep -q "^-" out && grep -q "add --fix-from-config-packs" err'
# The opted-in cases use a pack whose fix adds no finding (the evil pack's
# fix is withheld by the re-lint guard of --fix whoever supplies it, see
# tests/hostile-fix.t): 的 -> 地 everywhere.
cat >repo/mild.yaml <<'X'
pack: mild
rules:
  - id: mild-de
    severity: warning
    kind: pattern
    pattern: '的'
    message: 的
    fix: '地'
X
printf 'packs: [mild.yaml]\n' >repo/.gwlint.yaml
gd --fix repo
t "... the same with a harmless fix: withheld without the opt-in" \
    'cmp -s repo/r.txt "$report" || grep -q 的 repo/r.txt'
cp "$report" repo/r.txt
gd --fix --fix-from-config-packs repo
t "--fix-from-config-packs: the user opted in, the pack's fix is applied" \
    '! grep -q 的 repo/r.txt && grep -q 地 repo/r.txt'
cp "$report" repo/r.txt
rm repo/.gwlint.yaml
gd --fix --rules "$root/rules" --rules repo/mild.yaml repo/r.txt
t "a pack named with --rules on the command line supplies fixes" \
    '! grep -q 的 repo/r.txt && ! grep -q withheld err'
cp "$fx/seed-002.txt" repo/r2.txt
g --fix repo/r2.txt
t "the bundled packs still supply fixes (--rules rules/)" \
    '! cmp -s repo/r2.txt "$fx/seed-002.txt" && grep -q "applied 31 fixes" err && ! grep -q withheld err'
cp "$fx/seed-002.txt" repo/r2.txt
gd --fix repo/r2.txt
t "... and as the default packs (no --rules)" \
    '! cmp -s repo/r2.txt "$fx/seed-002.txt" && grep -q "applied 31 fixes" err && ! grep -q withheld err'
rm repo/r2.txt
cp "$report" repo/r.txt

# ---- 2. a config's packs stay in its tree ----
printf 'packs: [%s/evil.yaml]\n' "$tmp" >repo/.gwlint.yaml
g repo/r.txt
t "packs: [/abs/path] outside the config's folder: positioned error, exit 2" \
    '[ $rc = 2 ] && [ "$(cat err)" = "gwlint: repo/.gwlint.yaml:1:9: pack '\''$tmp/evil.yaml'\'' is outside the config'\''s folder $tmp/repo; a config'\''s packs stay in its tree unless --allow-packs DIR allows more" ] && [ ! -s out ]'
printf 'packs: [../evil.yaml]\n' >repo/.gwlint.yaml
g repo/r.txt
t "packs: [../x.yaml]: the same error, with the resolved path" \
    '[ $rc = 2 ] && grep -q "^gwlint: repo/.gwlint.yaml:1:9: pack '\''../evil.yaml'\'' ($tmp/evil.yaml) is outside" err'
ln -s ../evil.yaml repo/link.yaml
printf 'packs: [link.yaml]\n' >repo/.gwlint.yaml
g repo/r.txt
t "a symbolic link in the tree to a pack outside it: the same error" \
    '[ $rc = 2 ] && grep -q "pack '\''link.yaml'\'' ($tmp/evil.yaml) is outside" err'
g --allow-packs "$tmp" repo/r.txt
t "--allow-packs DIR lets the config name packs below DIR" \
    '[ $rc = 1 ] && grep -q "\[evil-empty\]" out && [ ! -s err ]'
g --allow-packs "$tmp/nowhere" repo/r.txt
t "--allow-packs with a folder that does not exist: exit 2" \
    '[ $rc = 2 ] && grep -qx "gwlint: --allow-packs $tmp/nowhere: No such file or directory" err'
printf 'packs: [%s/evil.yaml]\n' "$tmp" >cfg.yaml
g --config cfg.yaml repo/r.txt
t "--config FILE: the config is trusted, its packs too stay in its tree ($tmp is)" \
    '[ $rc = 1 ] && grep -q "\[evil-empty\]" out'
rm repo/link.yaml repo/.gwlint.yaml

# ---- 3. configs in folders others can write ----
mkdir shared
chmod 0777 shared
cp "$report" shared/r.txt
cp evil.yaml shared/evil.yaml
printf 'packs: [evil.yaml]\n' >shared/.gwlint.yaml
g --fix --fix-from-config-packs shared/r.txt
t "a config in a world-writable folder is not used, with a notice naming it and why" \
    'cmp -s shared/r.txt "$report" && ! grep -q evil-empty out && grep -qx "gwlint: shared/.gwlint.yaml: not used: its folder $tmp/shared can be written by others (mode 0777); trust it with --trust-config or --config shared/.gwlint.yaml" err'
chmod 0775 shared
g -q shared/r.txt
t "... group-writable too; the notice is printed even with -q" \
    'grep -q "can be written by others (mode 0775)" err && ! grep -q evil-empty out'
chmod 0755 shared
chmod 0666 shared/.gwlint.yaml
g shared/r.txt
t "a config file that others can write is not used" \
    '! grep -q evil-empty out && grep -qx "gwlint: shared/.gwlint.yaml: not used: it can be written by others (mode 0666); trust it with --trust-config or --config shared/.gwlint.yaml" err'
chmod 0644 shared/.gwlint.yaml
mkdir shared/packs
chmod 0777 shared/packs
mv shared/evil.yaml shared/packs/
printf 'packs: [packs/evil.yaml]\n' >shared/.gwlint.yaml
g shared/r.txt
t "a config whose pack lies in a folder others can write is not used" \
    '! grep -q evil-empty out && grep -qx "gwlint: shared/.gwlint.yaml: not used: its pack shared/packs/evil.yaml: its folder $tmp/shared/packs can be written by others (mode 0777); trust it with --trust-config or --config shared/.gwlint.yaml" err'
g --trust-config shared/r.txt
t "--trust-config: used, no notice" 'grep -q evil-empty out && [ ! -s err ]'
g --config shared/.gwlint.yaml shared/r.txt
t "--config FILE counts as trust" 'grep -q evil-empty out && [ ! -s err ]'
chmod 0755 shared/packs

# Another user's files: made with chown, so only root can set them up.
if [ "$(id -u)" != 0 ] || ! id nobody >/dev/null 2>&1; then
	for c in 1 2 3 4; do skip "another user's config: needs root (chown nobody) and a user nobody"; done
else
	# issue 13 #6: a 1777 folder, another user plants a config and a pack;
	# root runs --fix (even opting in to config packs' fixes) on root's file.
	mkdir pub
	chmod 1777 pub
	cp "$report" pub/r.txt
	cp evil.yaml pub/evil.yaml
	printf 'packs: [evil.yaml]\n' >pub/.gwlint.yaml
	chown nobody pub/.gwlint.yaml pub/evil.yaml
	g --fix --fix-from-config-packs pub/r.txt
	t "issue 13 #6: another user's config in a 1777 folder: root's file is not emptied" \
	    'cmp -s pub/r.txt "$report" && ! grep -q evil-empty out && grep -qx "gwlint: pub/.gwlint.yaml: not used: it is owned by another user (nobody); trust it with --trust-config or --config pub/.gwlint.yaml" err'
	mkdir own
	cp "$report" own/r.txt
	cp evil.yaml own/evil.yaml
	printf 'packs: [evil.yaml]\n' >own/.gwlint.yaml
	chown nobody own/evil.yaml
	g own/r.txt
	t "our config naming another user's pack is not used" \
	    '! grep -q evil-empty out && grep -qx "gwlint: own/.gwlint.yaml: not used: its pack own/evil.yaml: it is owned by another user (nobody); trust it with --trust-config or --config own/.gwlint.yaml" err'
	chown -R nobody own
	chmod 0755 own
	g own/r.txt
	t "a config (ours) in a folder another user owns is not used" \
	    '! grep -q evil-empty out && grep -q "^gwlint: own/.gwlint.yaml: not used: .*owned by another user (nobody)" err'
	chown -R 0 own
	g own/r.txt
	t "root-owned files in a root-owned folder are trusted" 'grep -q evil-empty out && [ ! -s err ]'
fi
[ "$n" = 25 ] || echo "# ran $n tests, planned 25" >&2
[ $fails -eq 0 ]
