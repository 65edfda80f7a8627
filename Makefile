# plugvet — build, deps, test, demo, bench, asan.
# `make` builds build/rel/plugvet; `make test` installs what is missing,
# builds the release and the ASan+UBSan variants and runs every test.
CC      ?= cc
O       ?= build/rel
DEPS    := build/deps
VERSION := 0.1.0
PKGS    := libarchive libpcre2-8 jansson yaml-0.1 libcrypto sqlite3 libcurl
WARN    := -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter
CFLAGS  ?= -O2 -g
SAN     ?=
ifeq ($(SAN),1)
CFLAGS  := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
endif
# The ASan+UBSan variant is built with clang when it is installed
# (tools/install-deps installs it): its UBSan checks more than gcc's
# (pointer arithmetic on NULL, e.g.).
SAN_CC  := $(shell command -v clang >/dev/null 2>&1 && echo clang || echo $(CC))
ALL_CFLAGS = -std=gnu11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -I$(DEPS)/include \
             -DPV_VERSION='"$(VERSION)"' $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libcurl: headers only, opened at run time by vulndb/http.c (dlopen)
LDLIBS  = $(DEPS)/libtreesitter.a $(shell pkg-config --libs $(filter-out libcurl,$(PKGS)) 2>/dev/null) \
          -ldl -lpthread -lm

LIB_SRC := $(sort $(wildcard scanner/*.c scanner/*/*.c sbom/*.c vulndb/*.c verify/*.c reports/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(O)/%.o)
UNIT_SRC:= $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN:= $(UNIT_SRC:tests/unit/%.c=$(O)/tests/%)
FUZZ_SRC:= $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN:= $(FUZZ_SRC:tests/fuzz/%.c=$(O)/tests/%)
TOOLS   := $(O)/plugvet $(O)/tests/ts-parse-only
RUN_SRC := $(sort $(wildcard tools/run/*.c))
PROBES  := $(patsubst tests/run/%.c,$(O)/tests/run/%,$(wildcard tests/run/*.c))
ifneq ($(RUN_SRC),)
TOOLS   += $(O)/plugvet-run $(PROBES)
endif

.SECONDARY:
.PHONY: all deps test test-unit test-cli asan demo bench catalog clean check-style fuzz install
all: deps $(TOOLS) $(O)/pattern-table $(O)/rule-trees $(UNIT_BIN) $(FUZZ_BIN)

deps: $(DEPS)/libtreesitter.a
$(DEPS)/libtreesitter.a: tools/deps.lock tools/fetch-deps
	@tools/install-deps
	@tools/fetch-deps $(DEPS)

HEADERS := $(wildcard scanner/*.h scanner/*/*.h reports/*.h sbom/*.h vulndb/*.h verify/*.h tools/*.h tools/run/*.h)
$(O)/%.o: %.c $(HEADERS) $(DEPS)/libtreesitter.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(O)/libplugvet.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

PV_OBJ  := $(patsubst %.c,$(O)/%.o,tools/plugvet.c tools/common.c tools/staged.c tools/autofix.c tools/srcroot.c tools/config.c \
             tools/inputs.c tools/stream.c tools/progress.c \
             $(sort $(wildcard tools/cmd_*.c)))
$(O)/plugvet: $(PV_OBJ) $(O)/libplugvet.a
	$(CC) $(CFLAGS) $^ $(LDLIBS) -o $@

# The words each code pattern of the bundled pack needs, made by this very
# binary (its build id): a scan of a few small files compiles only the
# patterns that can match them (scanner/rules/cut.h). Remade with the
# binary or any rule file; a stale table only costs time.
RULE_FILES := $(shell find rules taint-rules -name '*.yaml' -o -name '*.yml' 2>/dev/null)
$(O)/pattern-table: $(O)/plugvet $(RULE_FILES)
	ASAN_OPTIONS=detect_leaks=0 $(O)/plugvet rules pattern-table $@.tmp rules taint-rules && mv $@.tmp $@

# The bundled pack's rule files already parsed (scanner/rules/trees.h), by
# this very binary: a run takes an unchanged file's tree instead of running
# libyaml over it. Remade with the binary or any rule file; a file changed
# since is read from its YAML.
$(O)/rule-trees: $(O)/plugvet $(RULE_FILES)
	ASAN_OPTIONS=detect_leaks=0 $(O)/plugvet rules trees $@.tmp rules taint-rules && mv $@.tmp $@

# The launcher links libseccomp; its probe programs are plain C, built
# without sanitizers (they make the very syscalls the tests refuse). It
# links libseccomp and jansson statically where their archives are
# installed: two shared objects fewer to map at every run's start.
RUN_STATIC := $(foreach l,seccomp jansson,$(filter /%,$(shell $(CC) -print-file-name=lib$(l).a)))
$(O)/plugvet-run: $(RUN_SRC:%.c=$(O)/%.o) $(O)/tools/run/bpf_table.o $(O)/libplugvet.a
	$(CC) $(CFLAGS) $^ $(RUN_STATIC) $(LDLIBS) -lseccomp -o $@
# Its seccomp filters, compiled here once by libseccomp for every shape a
# policy can ask for (tools/gen-bpf), not on every run.
$(O)/tools/gen-bpf: $(O)/tools/gen-bpf.o $(O)/tools/run/seccomp.o $(O)/libplugvet.a
	$(CC) $(CFLAGS) $^ $(LDLIBS) -lseccomp -o $@
$(O)/tools/run/bpf_table.c: $(O)/tools/gen-bpf
	ASAN_OPTIONS=detect_leaks=0 $< >$@.tmp && mv $@.tmp $@
$(O)/tools/run/bpf_table.o: $(O)/tools/run/bpf_table.c $(HEADERS)
	$(CC) $(ALL_CFLAGS) -Itools/run -c $< -o $@
$(O)/tests/run/%: tests/run/%.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Werror -O1 -g $< -o $@ -lpthread

$(O)/tests/ts-parse-only: $(O)/tests/ts-parse-only.o $(O)/libplugvet.a
	$(CC) $(CFLAGS) $^ $(LDLIBS) -o $@
$(O)/tests/ts-parse-only.o: tools/ts-parse-only.c $(HEADERS) $(DEPS)/libtreesitter.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(O)/tests/test_%: $(O)/tests/unit/test_%.o $(O)/tests/unit/tap.o $(O)/libplugvet.a
	$(CC) $(CFLAGS) $^ $(LDLIBS) -o $@

# Fuzz targets: linked with tests/fuzz/driver.c (seed replay + fixed
# mutations, run by make test), or with libFuzzer by `make fuzz` (clang).
ifeq ($(LIBFUZZER),1)
ALL_CFLAGS += -fsanitize=fuzzer-no-link
FUZZ_MAIN := -fsanitize=fuzzer
else
FUZZ_MAIN := $(O)/tests/fuzz/driver.o
endif
$(O)/tests/fuzz_%: $(O)/tests/fuzz/fuzz_%.o $(O)/tests/fuzz/memfile.o $(O)/libplugvet.a \
                   $(filter-out -fsanitize=fuzzer,$(FUZZ_MAIN))
	$(CC) $(CFLAGS) $(filter %.o,$^) $(filter -fsanitize=fuzzer,$(FUZZ_MAIN)) $(O)/libplugvet.a \
	  $(LDLIBS) -o $@

asan:
	$(MAKE) O=build/asan SAN=1 CC=$(SAN_CC) all

# The mechanical style gates (tools/check-style): clang-format layout, no
# comma-operator statements, no banned calls, libraries that neither print
# nor exit, includes that point down the floors.
check-style:
	@tools/install-deps
	tools/check-style

fuzz:
	$(MAKE) O=build/fuzz SAN=1 LIBFUZZER=1 CC=clang deps $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/tests/%)
	@echo "run e.g.: build/fuzz/tests/fuzz_intake -max_total_time=600 tests/fuzz/seeds/intake"

# Test tools (ajv for schema checks) pinned in tests/package.json.
build/node/.stamp: tests/package.json tests/package-lock.json
	@tools/install-deps
	@mkdir -p build/node
	cp tests/package.json tests/package-lock.json build/node/
	cd build/node && npm ci --silent --no-audit --no-fund >/dev/null
	@touch $@

# Tests run TEST_JOBS at a time (each in its own temporary directory), the
# slowest first so the two cores stay busy to the end.
TEST_JOBS ?= 2
PROVE := prove -j$(TEST_JOBS) --exec '' --timer
SLOW_T  := tests/cli/90-fuzz.t tests/cli/21-hostile.t tests/cli/04-clone.t tests/cli/66-osv-edges.t
CLI_T   := $(SLOW_T) $(filter-out $(SLOW_T),$(sort $(wildcard tests/cli/*.t)))
test: all build/node/.stamp
	$(MAKE) asan
	PLUGVET_BIN=$(CURDIR)/$(O) $(PROVE) $(CLI_T) $(UNIT_BIN)
	@echo "== again under ASan + UBSan"
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	PLUGVET_BIN=$(CURDIR)/build/asan PLUGVET_SAN=1 \
	$(PROVE) $(CLI_T) $(UNIT_BIN:$(O)/%=build/asan/%)

# The demo plugin has high findings, so plugvet exits 1 (findings at or above
# --fail-on): that is the demo working, not failing. Exit 2 or 3 fails make.
DEMO_SCAN = $(O)/plugvet scan examples/demo-plugin --sarif build/demo.sarif
demo: all
	@mkdir -p build
	@echo '$(DEMO_SCAN)'
	@$(DEMO_SCAN); rc=$$?; \
	case $$rc in \
	0) echo "SARIF written to build/demo.sarif" ;; \
	1) echo "SARIF written to build/demo.sarif"; \
	   echo "plugvet exited 1: findings at or above --fail-on (default: high), as designed for this demo." ;; \
	*) echo "plugvet failed with exit status $$rc (2: an input or option was unusable, 3: internal error)" >&2; \
	   exit $$rc ;; \
	esac

bench: all
	tools/bench

# docs/rules-catalog.md is generated from the rule files, never edited by
# hand (tests/cli/31-semgrep.t fails when it is stale).
catalog: $(O)/plugvet
	$(O)/plugvet rules list --catalog rules taint-rules >docs/rules-catalog.md.tmp
	mv docs/rules-catalog.md.tmp docs/rules-catalog.md

# plugvet and plugvet-run side by side, the rule pack where plugvet looks for
# it (<bindir>/../share/plugvet/rules), the taint rules next to it (opt in
# with --rules), the man pages and the docs. Installs
# what `make` (or `make asan`) built in $(O); it builds nothing itself.
PREFIX  ?= /usr/local
install:
	@test -x $(O)/plugvet -a -x $(O)/plugvet-run || { echo "run make first" >&2; exit 1; }
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/plugvet/rules $(DESTDIR)$(PREFIX)/share/plugvet/taint-rules \
	  $(DESTDIR)$(PREFIX)/share/plugvet/trust \
	  $(DESTDIR)$(PREFIX)/share/doc/plugvet
	install -m 755 $(O)/plugvet $(O)/plugvet-run $(DESTDIR)$(PREFIX)/bin/
	test ! -f $(O)/pattern-table || install -m 644 $(O)/pattern-table $(DESTDIR)$(PREFIX)/share/plugvet/
	test ! -f $(O)/rule-trees || install -m 644 $(O)/rule-trees $(DESTDIR)$(PREFIX)/share/plugvet/
	cp -R rules/. $(DESTDIR)$(PREFIX)/share/plugvet/rules/
	cp -R taint-rules/. $(DESTDIR)$(PREFIX)/share/plugvet/taint-rules/
	cp -R trust/. $(DESTDIR)$(PREFIX)/share/plugvet/trust/
	install -m 644 docs/plugvet.1 docs/plugvet-run.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 README.md docs/*.md $(DESTDIR)$(PREFIX)/share/doc/plugvet/

clean:
	rm -rf build/rel build/asan
