# gwlint — a linter for Chinese government reports.
# make            build build/gwlint (release)
# make deps       install the Debian packages building and running need (apt;
#                 no-op when present); make test-deps: also what the tests use
# make check      test-deps, build with ASan+UBSan, run every test through prove
# make lint       cppcheck and gcc -fanalyzer over src/: no finding allowed
# make demo       lint the bundled sample reports in examples/
# make fuzz       build the libFuzzer targets (clang) and run each for
#                 FUZZ_SECONDS (default 60)
# make bench      generate bench/out/ and measure speed and memory (README Performance)
# make install    PREFIX=/usr/local: binary, packs, man page, editor files
# make uninstall  PREFIX=/usr/local: remove them

PREFIX ?= /usr/local
DATADIR ?= $(PREFIX)/share/gwlint
MANDIR ?= $(PREFIX)/share/man
CC ?= cc
Q ?= @
VERSION := 0.1.0

# The libraries' flags are asked of pkg-config when the first recipe needs
# them, not when this file is read, so that `make deps demo` installs them
# first; a library pkg-config cannot find stops the build, naming its .pc.
PKGS := libpcre2-8 libcyaml yaml-0.1 libutf8proc libzip expat libcmark libcjson
pkg_missing = $(strip $(if $(shell command -v pkg-config),$(foreach p,$(PKGS),$(if $(shell pkg-config --exists $p && echo y),,$p.pc)),the pkg-config program))
pkg_flags = $(if $(pkg_missing),$(error cannot build: missing $(pkg_missing) (on Debian 12 run `make deps`; elsewhere install the development packages of PCRE2, libcyaml, libyaml, utf8proc, libzip, expat, cmark and cJSON)),$(shell pkg-config $1 $(PKGS)))
PKG_CFLAGS = $(eval PKG_CFLAGS := $$(call pkg_flags,--cflags))$(PKG_CFLAGS)
PKG_LIBS = $(eval PKG_LIBS := $$(call pkg_flags,--libs))$(PKG_LIBS)

WARN := -Wall -Wextra -Werror -pedantic -Wshadow -Wconversion -Wno-sign-conversion \
	-Wstrict-prototypes -Wmissing-prototypes
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DGWLINT_VERSION='"$(VERSION)"' \
	-DGWLINT_DATADIR='"$(DATADIR)"'
BASE_CFLAGS = -std=c11 $(WARN) $(PKG_CFLAGS) -MMD -MP
# Only PCRE2 and utf8proc are linked: libzip, expat, cmark, cJSON, libyaml
# and libcyaml are loaded at first use (src/lazylib.h; libzip's libcrypto
# alone made every start 3.4 ms slower); the unit tests and fuzzers, which
# build packages (fuzz/docx_pkg.h) and parse XML, link them.
LAZY_LIBS := -lzip -lexpat -lcmark -lcjson -lyaml -lcyaml
LDLIBS += $(filter-out $(LAZY_LIBS),$(PKG_LIBS)) -lpthread

SRC := $(filter-out src/main.c,$(wildcard src/*.c src/checks/*.c src/report/*.c src/input/*.c src/cli/*.c src/lsp/*.c))
TESTS_C := $(wildcard tests/t-*.c)

# Release build: build/gwlint.  Sanitizer build: build/san/gwlint.
REL_DIR := build/obj
SAN_DIR := build/san
REL_CFLAGS = $(BASE_CFLAGS) -O2 -g
SAN_CFLAGS = $(BASE_CFLAGS) -O1 -g -DGWLINT_TEST_HOOKS -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=undefined
SAN_LDFLAGS := -fsanitize=address,undefined

# Every build links the pack cache's generated tables (see below).
REL_OBJ := $(patsubst src/%.c,$(REL_DIR)/%.o,$(SRC)) $(REL_DIR)/packcache-data.o
SAN_OBJ := $(patsubst src/%.c,$(SAN_DIR)/%.o,$(SRC)) $(SAN_DIR)/packcache-data.o
SAN_TESTS := $(patsubst tests/%.c,$(SAN_DIR)/t/%.t,$(TESTS_C))

.PHONY: all deps test-deps check lint demo install uninstall clean FORCE san tests test-tools fuzz fuzz-build bench bench-deps

all: build/gwlint

build/gwlint: $(REL_OBJ) $(REL_DIR)/main.o
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(REL_DIR)/%.o: src/%.c
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(REL_CFLAGS) $(CFLAGS) -c -o $@ $<

$(SAN_DIR)/%.o: src/%.c
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  CC san  $<"
	$(Q)$(CC) $(CPPFLAGS) $(SAN_CFLAGS) $(CFLAGS) -c -o $@ $<

$(SAN_DIR)/gwlint: $(SAN_OBJ) $(SAN_DIR)/main.o
	$(Q)$(CC) $(SAN_LDFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(SAN_DIR)/t/%.t: tests/%.c tests/tap.h $(SAN_OBJ)
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  TEST    $@"
	$(Q)$(CC) $(CPPFLAGS) $(SAN_CFLAGS) $(CFLAGS) -Isrc -o $@ $< $(SAN_OBJ) $(SAN_LDFLAGS) $(LDLIBS) $(LAZY_LIBS)

# t-kind: a kind added by a test build (issue 14): tests/t-kind.c plus the
# row of check.c's table that -DGWLINT_TEST_KIND turns on.
$(SAN_DIR)/t/check-testkind.o: src/check.c
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(CPPFLAGS) $(SAN_CFLAGS) $(CFLAGS) -DGWLINT_TEST_KIND -c -o $@ $<
$(SAN_DIR)/t/t-kind.t: tests/t-kind.c tests/tap.h $(SAN_DIR)/t/check-testkind.o $(SAN_OBJ)
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  TEST    $@"
	$(Q)$(CC) $(CPPFLAGS) $(SAN_CFLAGS) $(CFLAGS) -Isrc -o $@ $< $(SAN_DIR)/t/check-testkind.o \
		$(filter-out $(SAN_DIR)/check.o,$(SAN_OBJ)) $(SAN_LDFLAGS) $(LDLIBS)

# main.o has DATADIR compiled in (the packs' place when none are found next
# to the binary): it is rebuilt when DATADIR (or PREFIX) changes, as in
# `make && make install PREFIX=$HOME/.local`.
$(REL_DIR)/datadir: FORCE
	$(Q)mkdir -p $(dir $@); echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' >$@
$(REL_DIR)/main.o $(SAN_DIR)/main.o: $(REL_DIR)/datadir
FORCE:

# The pack cache (src/packcache.h): packgen, linked with the release
# objects (it defines empty tables of its own), reads the bundled packs with
# gwlint's YAML reader, and their patterns' literal prefilters and
# serialized PCRE2 code (src/patcache.h), into build/obj/packcache-data.c
# (generated, never committed), which every build compiles and links:
# gwlint, build/san, the unit tests and the fuzzers.  The packs' list is a
# stamp, so that adding or removing one regenerates it.
PACKS := $(sort $(wildcard rules/*.yaml))
PACKGEN := $(REL_DIR)/packgen
PACKDATA := $(REL_DIR)/packcache-data.c
$(REL_DIR)/packs: FORCE
	$(Q)mkdir -p $(dir $@); echo '$(PACKS)' | cmp -s - $@ || echo '$(PACKS)' >$@
$(PACKGEN): $(REL_DIR)/gen/packgen.o $(filter-out $(REL_DIR)/packcache-data.o,$(REL_OBJ))
	$(Q)echo "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)
$(PACKDATA): $(PACKGEN) $(PACKS) $(REL_DIR)/packs
	$(Q)echo "  GEN     $@"
	$(Q)$(PACKGEN) $@ $(PACKS)
$(REL_DIR)/packcache-data.o: $(PACKDATA)
	$(Q)echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(REL_CFLAGS) $(CFLAGS) -Isrc -c -o $@ $<
$(SAN_DIR)/packcache-data.o: $(PACKDATA)
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  CC san  $<"
	$(Q)$(CC) $(CPPFLAGS) $(SAN_CFLAGS) $(CFLAGS) -Isrc -c -o $@ $<

san: $(SAN_DIR)/gwlint
tests: $(SAN_TESTS)

# libFuzzer targets (fuzz/fuzz_*.c), built with clang and ASan+UBSan.  The
# working corpora are fuzz/corpus-NAME/ (not committed), seeded from the
# fixtures and the packs; crashes land in fuzz/crash-NAME-*.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_DIR := build/fuzz
FUZZ_CFLAGS = $(BASE_CFLAGS) -O1 -g -fno-omit-frame-pointer \
	-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
FUZZ_OBJ := $(patsubst src/%.c,$(FUZZ_DIR)/%.o,$(SRC)) $(FUZZ_DIR)/packcache-data.o
FUZZ_NAMES := $(patsubst fuzz/fuzz_%.c,%,$(wildcard fuzz/fuzz_*.c))
FUZZ_BINS := $(patsubst %,$(FUZZ_DIR)/fuzz_%,$(FUZZ_NAMES))

$(FUZZ_DIR)/%.o: src/%.c
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  CC fuzz $<"
	$(Q)$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) $(CFLAGS) -c -o $@ $<

$(FUZZ_DIR)/fuzz_%: fuzz/fuzz_%.c fuzz/common.h $(FUZZ_OBJ)
	$(Q)echo "  FUZZ    $@"
	$(Q)$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -DFUZZ_RULES_DIR='"$(CURDIR)/rules"' -Isrc \
	    -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(LDLIBS) $(LAZY_LIBS)

$(FUZZ_DIR)/packcache-data.o: $(PACKDATA)
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  CC fuzz $<"
	$(Q)$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) $(CFLAGS) -Isrc -c -o $@ $<

fuzz-build: $(FUZZ_BINS)
.SECONDARY: $(FUZZ_OBJ)

# The same targets built without libFuzzer (gcc, ASan+UBSan, fuzz/driver.c
# as main): make check runs every target's regression inputs through them
# (tests/fuzz-regress.t).
SAN_FUZZ := $(patsubst %,$(SAN_DIR)/fuzz/fuzz_%,$(FUZZ_NAMES))
$(SAN_DIR)/fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/driver.c fuzz/common.h $(SAN_OBJ)
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  FUZZ san $@"
	$(Q)$(CC) $(CPPFLAGS) $(SAN_CFLAGS) $(CFLAGS) -DFUZZ_RULES_DIR='"$(CURDIR)/rules"' -Isrc \
	    -o $@ $< fuzz/driver.c $(SAN_OBJ) $(SAN_LDFLAGS) $(LDLIBS) $(LAZY_LIBS)
tests: $(SAN_FUZZ)

# Every target fuzz/fuzz_NAME.c runs for FUZZ_SECONDS.  Seeds: lint <-
# tests/fixtures/*.txt; pack <- rules/ and tests/bad-packs/; any target <-
# fuzz/seeds-NAME/ when it exists; and its regression inputs
# tests/fuzz-regress/NAME/ (which must exist).  A crash, a timeout or a
# failed run of any target fails make fuzz, after all targets have run.
fuzz: fuzz-build
	$(Q)failed=""; for t in $(FUZZ_NAMES); do \
	  c=fuzz/corpus-$$t; r=tests/fuzz-regress/$$t; log=$(FUZZ_DIR)/fuzz_$$t.log; mkdir -p $$c; \
	  dict=fuzz/gongwen.dict; case $$t in docx_*) dict=fuzz/docx.dict ;; lsp) dict=fuzz/lsp.dict ;; esac; \
	  case $$t in \
	  lint) cp -n tests/fixtures/*.txt $$c/ ;; \
	  pack) cp -n rules/*.yaml tests/bad-packs/*.yaml $$c/ ;; \
	  esac; \
	  if [ -d fuzz/seeds-$$t ]; then cp -n fuzz/seeds-$$t/* $$c/; fi; \
	  if [ ! -d $$r ]; then echo "fuzz: $$r is missing (each target keeps its regression inputs there)"; \
	    failed="$$failed $$t"; continue; fi; \
	  echo "  FUZZ    $$t for $(FUZZ_SECONDS) s (log: $$log)"; \
	  $(FUZZ_DIR)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	    -dict=$$dict -artifact_prefix=fuzz/crash-$$t- \
	    -print_final_stats=1 $$c $$r >$$log 2>&1; st=$$?; \
	  grep -E '^(stat::|==|SUMMARY|artifact_prefix|Done)|ERROR|Test unit written' $$log; \
	  if [ $$st -ne 0 ]; then echo "fuzz: fuzz_$$t exited $$st (see $$log)"; failed="$$failed $$t"; \
	  elif [ -n "$$(ls fuzz/crash-$$t-* 2>/dev/null)" ]; then echo "fuzz: crashes in fuzz/crash-$$t-*"; \
	    failed="$$failed $$t"; fi; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzz: FAILED:$$failed"; exit 1; fi

# Static analysis of src/: gcc -fanalyzer (every warning an error) and
# cppcheck; any finding fails.  cppcheck's variableScope is off (the code
# declares at the top of blocks on purpose); every other suppression is
# inline (cppcheck-suppress, #pragma GCC diagnostic) with its reason.
LINT_CC ?= gcc
LINT_DIR := build/lint
LINT_AN := $(patsubst src/%.c,$(LINT_DIR)/%.an,$(SRC) src/main.c src/gen/packgen.c)
$(LINT_DIR)/%.an: src/%.c
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  ANALYZE $<"
	$(Q)$(LINT_CC) $(CPPFLAGS) $(BASE_CFLAGS) -fanalyzer -c -o $@ $<
lint: $(LINT_AN)
	$(Q)command -v cppcheck >/dev/null || { echo "lint: cppcheck is not installed (make test-deps installs it)"; exit 1; }
	$(Q)echo "  CPPCHECK src/"
	$(Q)mkdir -p $(LINT_DIR)/cppcheck
	$(Q)cppcheck -q --std=c11 --enable=style --suppress=variableScope --inline-suppr \
	  --error-exitcode=1 --cppcheck-build-dir=$(LINT_DIR)/cppcheck \
	  -D__CPPCHECK__ -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc src

# Debian packages.  `make deps`: what a user needs to build and run gwlint;
# `make test-deps` (run by `make check`): the tools the tests use as well.
# apt-get runs only when something is missing, without recommended packages
# (emacs-nox would pull in a mail server).
DEB_PKGS := gcc libc6-dev make pkg-config libpcre2-dev libcyaml-dev libyaml-dev libutf8proc-dev \
	libzip-dev libexpat1-dev libcmark-dev libcjson-dev
TEST_DEB_PKGS := perl patch groff-base vim-nox emacs-nox libxml2-utils ripgrep time python3-docx \
	cppcheck clang libclang-rt-14-dev chromium fonts-wqy-microhei poppler-utils neovim elpa-eglot
define apt_install
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	    --no-install-recommends -o DPkg::Lock::Timeout=600 $$missing; \
	else echo "$@: everything is installed"; fi
endef
deps:
	$(call apt_install,$(DEB_PKGS))
test-deps: deps
	$(call apt_install,$(TEST_DEB_PKGS))

# With deps or test-deps among the goals (`make deps demo`, also with -j),
# nothing is compiled before the packages are in.
DEPS_GOALS := $(filter deps test-deps,$(MAKECMDGOALS))
ifneq ($(DEPS_GOALS),)
$(REL_OBJ) $(REL_DIR)/main.o $(REL_DIR)/gen/packgen.o $(SAN_OBJ) $(SAN_DIR)/main.o $(FUZZ_OBJ): | $(DEPS_GOALS)
endif

# Test-only tools from npm: the SARIF validator and an LSP client.  When node, npm or the
# registry is missing, nothing is installed and tests/formats.t skips that
# check (it says so).
SARIF_MULTITOOL := $(CURDIR)/build/npm/node_modules/.bin/sarif-multitool
# ... and the LSP client library tests/lsp.t drives gwlint --lsp with.
LSP_PROTOCOL := $(CURDIR)/build/npm/node_modules/vscode-languageserver-protocol
test-tools:
	-@if [ ! -x $(SARIF_MULTITOOL) ]; then \
	  if command -v npm >/dev/null 2>&1; then \
	    echo "  NPM     @microsoft/sarif-multitool (test only)"; \
	    npm install --silent --no-audit --no-fund --prefix build/npm @microsoft/sarif-multitool \
	      >/dev/null 2>&1 || echo "test-tools: sarif-multitool not installed; its test is skipped"; \
	  else echo "test-tools: no npm; the SARIF validation test is skipped"; fi; \
	fi
	-@if [ ! -d $(LSP_PROTOCOL) ]; then \
	  if command -v npm >/dev/null 2>&1; then \
	    echo "  NPM     vscode-languageserver-protocol (test only)"; \
	    npm install --silent --no-audit --no-fund --prefix build/npm vscode-languageserver-protocol \
	      >/dev/null 2>&1 || echo "test-tools: vscode-languageserver-protocol not installed; tests/lsp.t skips its driver"; \
	  else echo "test-tools: no npm; tests/lsp.t skips its node driver"; fi; \
	fi

check: test-deps
	$(Q)$(MAKE) --no-print-directory san tests build/gwlint test-tools
	GWLINT=$(CURDIR)/$(SAN_DIR)/gwlint SARIF_MULTITOOL=$(SARIF_MULTITOOL) \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	prove -j2 -f $(SAN_DIR)/t/ tests/*.t

# Benchmark: a generated corpus (bench/out/, git-ignored) against grep -P and
# rg in the same run; rewrites the Performance section of README.md.
# hyperfine is a bench-only tool, installed here rather than by make deps.
BENCH_PKGS := hyperfine ripgrep time
bench-deps:
	$(call apt_install,$(BENCH_PKGS))

bench: bench-deps build/gwlint
	CC="$(CC)" sh bench/bench.sh
	sh bench/docx.sh
	sh bench/html.sh

demo: build/gwlint
	@./build/gwlint examples/; rc=$$?; \
	echo "gwlint: exit status $$rc (0 clean, 1 findings at or above --fail-on, 2 error)"; \
	test $$rc -le 1

install: build/gwlint
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/rules $(DESTDIR)$(MANDIR)/man1 \
	  $(DESTDIR)$(DATADIR)/vim/compiler $(DESTDIR)$(DATADIR)/emacs
	install -m 755 build/gwlint $(DESTDIR)$(PREFIX)/bin/gwlint
	install -m 644 rules/*.yaml $(DESTDIR)$(DATADIR)/rules/
	install -m 644 man/gwlint.1 $(DESTDIR)$(MANDIR)/man1/gwlint.1
	install -m 644 editors/vim/compiler/gwlint.vim $(DESTDIR)$(DATADIR)/vim/compiler/
	install -m 644 editors/emacs/gwlint.el $(DESTDIR)$(DATADIR)/emacs/

# Removes what install put there (the same PREFIX, DATADIR, MANDIR and
# DESTDIR); gwlint's own directories go when they are left empty.
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/gwlint $(DESTDIR)$(MANDIR)/man1/gwlint.1 \
	  $(addprefix $(DESTDIR)$(DATADIR)/rules/,$(notdir $(wildcard rules/*.yaml))) \
	  $(DESTDIR)$(DATADIR)/vim/compiler/gwlint.vim $(DESTDIR)$(DATADIR)/emacs/gwlint.el
	-@for d in $(addprefix $(DESTDIR)$(DATADIR),/rules /vim/compiler /vim /emacs /); do \
	  [ ! -d $$d ] || rmdir $$d || echo "uninstall: $$d kept (files not installed by make install)"; \
	done

clean:
	rm -rf build

-include $(REL_OBJ:.o=.d) $(SAN_OBJ:.o=.d) $(FUZZ_OBJ:.o=.d) $(LINT_AN:.an=.d) $(REL_DIR)/main.d $(SAN_DIR)/main.d \
	$(REL_DIR)/gen/packgen.d
