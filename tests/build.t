#!/bin/sh
# The Makefile on a "fresh machine", in a copy of the source tree: fake
# dpkg-query, apt-get and sudo (first in PATH) say nothing is installed and
# "install" by creating a flag; a fake pkg-config finds the libraries only
# once the flag is there.  (.ci/run does the same for real in a debootstrap
# chroot; this is the quick version for make check.)
#  - `make deps demo`, one invocation, and `make -j2 deps demo`: the flags
#    are asked of pkg-config after deps, so the link works;
#  - make deps asks apt for the build packages only, test-deps for the test
#    tools, both with --no-install-recommends;
#  - a missing library stops the build naming its .pc file.
# The project's release objects are copied (mtimes kept), so mostly the
# link runs.  Needs make, a C compiler and pkg-config (as make check does).
. "$(dirname "$0")/lib.sh"
check() { if eval "$2"; then ok "$1"; else notok "$1"; sed 's/^/# /' "$tmp/err" >&2; fi; }
echo "1..7"
unset MAKEFLAGS MFLAGS MAKELEVEL
real_pc=$(command -v pkg-config)

tree=$tmp/tree
mkdir -p "$tree/build" "$tmp/bin"
cp -Rp "$root/Makefile" "$root/src" "$root/rules" "$root/examples" "$tree/"
[ -d "$root/build/obj" ] && cp -Rp "$root/build/obj" "$tree/build/"
rm -f "$tree/build/gwlint"

# the release objects' DATADIR stamp made old: main.o is not compiled again
echo /usr/local/share/gwlint >"$tree/build/obj/datadir"
touch -t 200001010000 "$tree/build/obj/datadir"
mkdir "$tmp/pkgs"
cat >"$tmp/bin/pkg-config" <<X
#!/bin/sh
[ -e "$tmp/pkgs/libcyaml-dev" ] || { echo "Package \$2 was not found (fake)" >&2; exit 1; }
exec "$real_pc" "\$@"
X
cat >"$tmp/bin/dpkg-query" <<X
#!/bin/sh
for p; do :; done
[ -e "$tmp/pkgs/\$p" ] && { printf 'install ok installed'; exit 0; }
echo "dpkg-query: no packages found matching \$p (fake)" >&2; exit 1
X
cat >"$tmp/bin/apt-get" <<X
#!/bin/sh
echo "apt-get \$*" >>"$tmp/apt.log"
case " \$* " in *" install "*) sleep 1
	for p; do case \$p in -*|install|DPkg*) ;; *) touch "$tmp/pkgs/\$p" ;; esac; done ;; esac
X
printf '#!/bin/sh\nexec "$@"\n' >"$tmp/bin/sudo"
chmod +x "$tmp/bin"/*
fresh() { rm -rf "$tmp/pkgs"/* "$tmp/apt.log" "$tree/build/gwlint"; }
mk() { PATH="$tmp/bin:$PATH" make -C "$tree" --no-print-directory "$@" >"$tmp/out" 2>"$tmp/err"; }

fresh
mk deps demo
rc=$?
check "make deps demo on a fresh machine, one invocation (exit $rc)" \
    '[ $rc -eq 0 ] && grep -q "^gwlint: exit status 1 " "$tmp/out"'
check "make deps: apt-get install --no-install-recommends of the build packages only" \
    'grep -q -- "install -y -q --no-install-recommends .*libcyaml-dev" "$tmp/apt.log" &&
     ! grep -Eq "emacs|vim|ripgrep|xml|cppcheck|clang" "$tmp/apt.log"'

fresh
mk -j2 deps demo
rc=$?
check "make -j2 deps demo: nothing is linked before deps is done (exit $rc)" \
    '[ $rc -eq 0 ] && grep -q "^gwlint: exit status 1 " "$tmp/out"'

fresh
mk test-deps
check "make test-deps: the build packages, then the test tools, --no-install-recommends" \
    '[ "$(grep -c -- " install -y -q --no-install-recommends " "$tmp/apt.log")" -eq 2 ] &&
     grep -q "install .*emacs-nox" "$tmp/apt.log" && grep -q "install .*cppcheck" "$tmp/apt.log"'

rm -f "$tmp/apt.log"
mk deps
check "make deps with everything installed: no apt-get" \
    '[ ! -e "$tmp/apt.log" ] && grep -q "everything is installed" "$tmp/out"'

fresh
mk build/gwlint
rc=$?
check "a missing library stops the build naming its .pc (exit $rc)" \
    '[ $rc -eq 2 ] && grep -q "missing libpcre2-8.pc libcyaml.pc yaml-0.1.pc libutf8proc.pc libzip.pc expat.pc libcmark.pc libcjson.pc" "$tmp/err" &&
     grep -q "make deps" "$tmp/err" && [ ! -e "$tree/build/gwlint" ]'

rm "$tmp/bin/pkg-config"
mkdir "$tmp/bin2"
for t in make sh cc dirname mkdir echo; do ln -s "$(command -v $t)" "$tmp/bin2/$t"; done
PATH="$tmp/bin2" make -C "$tree" --no-print-directory build/gwlint >"$tmp/out" 2>"$tmp/err"
rc=$?
check "no pkg-config at all: says so (exit $rc)" \
    '[ $rc -eq 2 ] && grep -q "missing the pkg-config program" "$tmp/err"'
[ $fails -eq 0 ]
