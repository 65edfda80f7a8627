# plugvet — build, deps, test, demo, bench, asan.
# `make` builds build/rel/plugvet; `make test` installs what is missing,
# builds the release and the ASan+UBSan variants and runs every test.
CC      ?= cc
O       ?= build/rel
DEPS    := build/deps
VERSION := 0.1.0
PKGS    := libarchive libpcre2-8 jansson yaml-0.1 libcrypto sqlite3
WARN    := -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter
CFLAGS  ?= -O2 -g
SAN     ?=
ifeq ($(SAN),1)
CFLAGS  := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
endif
ALL_CFLAGS = -std=gnu11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -I$(DEPS)/include \
             -DPV_VERSION='"$(VERSION)"' $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  = $(DEPS)/libtreesitter.a $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm

LIB_SRC := $(sort $(wildcard scanner/*.c sbom/*.c vulndb/*.c reports/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(O)/%.o)
UNIT_SRC:= $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN:= $(UNIT_SRC:tests/unit/%.c=$(O)/tests/%)
TOOLS   := $(O)/plugvet $(O)/tests/ts-parse-only
RUN_SRC := $(sort $(wildcard tools/run/*.c))
PROBES  := $(patsubst tests/run/%.c,$(O)/tests/run/%,$(wildcard tests/run/*.c))
ifneq ($(RUN_SRC),)
TOOLS   += $(O)/plugvet-run $(PROBES)
endif

.SECONDARY:
.PHONY: all deps test test-unit test-cli asan demo bench clean check-style
all: deps $(TOOLS) $(UNIT_BIN)

deps: $(DEPS)/libtreesitter.a
$(DEPS)/libtreesitter.a: tools/deps.lock tools/fetch-deps
	@tools/install-deps
	@tools/fetch-deps $(DEPS)

$(O)/%.o: %.c $(wildcard scanner/*.h reports/*.h sbom/*.h vulndb/*.h tools/run/*.h) $(DEPS)/libtreesitter.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(O)/libplugvet.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(O)/plugvet: $(O)/tools/plugvet.o $(O)/tools/cmd_rules.o $(O)/tools/cmd_db.o $(O)/libplugvet.a
	$(CC) $(CFLAGS) $^ $(LDLIBS) -o $@

# The launcher links libseccomp; its probe programs are plain C, built
# without sanitizers (they make the very syscalls the tests refuse).
$(O)/plugvet-run: $(RUN_SRC:%.c=$(O)/%.o) $(O)/libplugvet.a
	$(CC) $(CFLAGS) $^ $(LDLIBS) -lseccomp -o $@
$(O)/tests/run/%: tests/run/%.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Werror -O1 -g $< -o $@ -lpthread

$(O)/tests/ts-parse-only: $(O)/tests/ts-parse-only.o $(O)/libplugvet.a
	$(CC) $(CFLAGS) $^ $(LDLIBS) -o $@
$(O)/tests/ts-parse-only.o: tools/ts-parse-only.c $(DEPS)/libtreesitter.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(O)/tests/test_%: $(O)/tests/unit/test_%.o $(O)/tests/unit/tap.o $(O)/libplugvet.a
	$(CC) $(CFLAGS) $^ $(LDLIBS) -o $@

asan:
	$(MAKE) O=build/asan SAN=1 all

# Test tools (ajv for schema checks) pinned in tests/package.json.
build/node/.stamp: tests/package.json tests/package-lock.json
	@tools/install-deps
	@mkdir -p build/node
	cp tests/package.json tests/package-lock.json build/node/
	cd build/node && npm ci --silent --no-audit --no-fund >/dev/null
	@touch $@

PROVE := prove --exec '' --timer
test: all build/node/.stamp
	$(MAKE) asan
	PLUGVET_BIN=$(CURDIR)/$(O) $(PROVE) $(UNIT_BIN) tests/cli/*.t
	@echo "== again under ASan + UBSan"
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	PLUGVET_BIN=$(CURDIR)/build/asan PLUGVET_SAN=1 \
	$(PROVE) $(UNIT_BIN:$(O)/%=build/asan/%) tests/cli/*.t

demo: all
	@mkdir -p build
	-$(O)/plugvet scan examples/demo-plugin --sarif build/demo.sarif
	@echo "SARIF written to build/demo.sarif"

bench: all
	tools/bench

clean:
	rm -rf build/rel build/asan
