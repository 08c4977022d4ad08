# dossier: Markdown + CSS subset -> paginated PDF dossiers.
#
#   make            install missing Debian packages, build, render sources/
#   make check      the same set-up, then the whole test suite
#   make install    PREFIX=/usr/local DESTDIR= (the program, fonts, sheets, manual page)
#   make examples   build the dossiers in examples/ with --strict (into BUILD/examples)
#   make previews   remake the PNG previews of the examples the README shows
#   make bench      benchmarks against the peers (not part of check)
#   make fuzz       the libFuzzer target for FUZZ_TIME seconds (clang)

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build

CC      ?= cc
PKGS    := libcmark-gfm fontconfig freetype2 fribidi libunibreak yaml-0.1 libpng harfbuzz-subset harfbuzz zlib
# libharu, libhyphen and libcsv ship no .pc file (see the README).
NOPC_LIBS := -lhpdf -lhyphen -lcsv -ljpeg -lm -pthread

OPT     ?= -O2
WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
CFLAGS  ?=
CPPFLAGS += -D_XOPEN_SOURCE=700 -DDOSSIER_DATADIR='"$(PREFIX)/share/dossier"'
ALL_CFLAGS = -std=c11 $(OPT) -g $(WARN) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP
LDFLAGS ?=

SRCS     := $(sort $(wildcard src/*/*.c))
LIB_OBJS := $(SRCS:%.c=$(BUILD)/%.o) $(BUILD)/gen/embedded.o
MAIN_OBJ := $(BUILD)/src/main.o
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
SOURCES  := $(sort $(wildcard sources/*.md))
PDFS     := $(SOURCES:sources/%.md=$(BUILD)/%.pdf)

# pkg-config runs only when the packages are there: `make` installs them first.
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

.PHONY: all deps build check unit e2e asan valgrind install uninstall bench clean fuzz fuzz-build examples previews

all: deps
	@$(MAKE) --no-print-directory build
	@$(MAKE) --no-print-directory dossiers

deps:
	@sh tools/deps.sh

build: $(BUILD)/dossier

dossiers: $(PDFS)

# The dossiers in sources/ must compile without a warning; dossier -M
# writes what each one read (data, images, style sheets, fonts) for the
# next make.
$(BUILD)/%.pdf: sources/%.md $(BUILD)/dossier
	$(BUILD)/dossier --strict -M $(BUILD)/$*.d -o $@ $<

-include $(PDFS:.pdf=.d)

# Each folder of examples/ is one dossier: its .md files in name order,
# compiled with --strict; -M records what else it read.
EXAMPLES     := $(patsubst examples/%/,%,$(sort $(dir $(wildcard examples/*/*.md))))
EXAMPLE_PDFS := $(EXAMPLES:%=$(BUILD)/examples/%.pdf)

examples: $(EXAMPLE_PDFS)

previews: examples
	@sh tools/previews.sh $(BUILD)

$(BUILD)/examples/%.pdf: $(BUILD)/dossier
	@mkdir -p $(dir $@)
	$(BUILD)/dossier --strict -M $(BUILD)/examples/$*.d -o $@ $(sort $(wildcard examples/$*/*.md))

-include $(EXAMPLE_PDFS:.pdf=.d)

$(BUILD)/dossier: $(LIB_OBJS) $(MAIN_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(NOPC_LIBS)

$(BUILD)/libdossier.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# The default style sheet is compiled into the binary.
$(BUILD)/gen/embedded.c: styles/default.css tools/embed.sh
	@mkdir -p $(dir $@)
	sh tools/embed.sh styles/default.css embedded_default_css > $@

$(BUILD)/gen/embedded.o: $(BUILD)/gen/embedded.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# A test build whose redaction pass withholds nothing when
# DOSSIER_PLANT_LEAK is set: the public edition's self-check must then
# refuse to write the file (tests/e2e/editions.sh).
$(BUILD)/tests/leak/redact.o: src/redact/redact.c Makefile
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -DDOSSIER_PLANT_LEAK $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/dossier_leak: $(filter-out $(BUILD)/src/redact/redact.o,$(LIB_OBJS)) $(BUILD)/tests/leak/redact.o $(MAIN_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(NOPC_LIBS)

# The fuzz target linked with a main that replays files: the regression
# inputs of tests/fuzz/regressions run under any compiler.
$(BUILD)/tests/fuzz_replay: $(BUILD)/tests/fuzz/fuzz_pipeline.o $(BUILD)/tests/fuzz/replay_main.o $(BUILD)/libdossier.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(NOPC_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libdossier.a tests/unit/testing.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(shell pkg-config --cflags cmocka 2>/dev/null) -o $@ $< \
	    $(BUILD)/libdossier.a $(PKG_LIBS) $(NOPC_LIBS) $(shell pkg-config --libs cmocka 2>/dev/null)

# Sanitizer builds live inside the build folder: $(BUILD)/asan for the
# test suite under AddressSanitizer and UndefinedBehaviorSanitizer (gcc's),
# $(BUILD)/fuzz for the libFuzzer target (clang's).
ASAN_BUILD := $(BUILD)/asan
FUZZ_BUILD := $(BUILD)/fuzz
SAN_FLAGS  := -fsanitize=address,undefined,float-cast-overflow -fno-omit-frame-pointer -fno-sanitize-recover=all
TEST_BINS  := $(UNIT_BINS) $(BUILD)/tests/fuzz_replay $(BUILD)/tests/dossier_leak
FUZZ_TIME  ?= 600

# The suite runs twice (plain, then sanitized), then valgrind runs on the
# dossiers; any failure or sanitizer report fails the check.
check: deps
	@$(MAKE) --no-print-directory build $(TEST_BINS)
	@$(MAKE) --no-print-directory dossiers
	@$(MAKE) --no-print-directory asan
	@sh tests/run.sh $(BUILD) $(ASAN_BUILD)

asan:
	@$(MAKE) --no-print-directory BUILD=$(ASAN_BUILD) OPT=-O1 CFLAGS="$(SAN_FLAGS)" \
	    LDFLAGS="-fsanitize=address,undefined,float-cast-overflow" $(ASAN_BUILD)/dossier $(TEST_BINS:$(BUILD)/%=$(ASAN_BUILD)/%)

# The libFuzzer target, built with clang, then run for FUZZ_TIME seconds.
fuzz-build:
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang OPT=-O1 \
	    CFLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=fuzzer,address,undefined" $(FUZZ_BUILD)/fuzz_pipeline

fuzz: deps fuzz-build
	@sh tests/fuzz/run.sh $(BUILD) $(FUZZ_TIME)

$(BUILD)/fuzz_pipeline: $(BUILD)/tests/fuzz/fuzz_pipeline.o $(BUILD)/libdossier.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(NOPC_LIBS)

install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/dossier/fonts $(DESTDIR)$(PREFIX)/share/dossier/styles \
	    $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/dossier $(DESTDIR)$(PREFIX)/bin/dossier
	install -m 644 fonts/*.ttf fonts/LICENSE* $(DESTDIR)$(PREFIX)/share/dossier/fonts/
	install -m 644 styles/*.css $(DESTDIR)$(PREFIX)/share/dossier/styles/
	install -d $(DESTDIR)$(PREFIX)/share/dossier/hyphen
	install -m 644 hyphen/*.dic $(DESTDIR)$(PREFIX)/share/dossier/hyphen/
	install -m 644 man/dossier.1 $(DESTDIR)$(PREFIX)/share/man/man1/dossier.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/dossier $(DESTDIR)$(PREFIX)/share/man/man1/dossier.1
	rm -rf $(DESTDIR)$(PREFIX)/share/dossier

bench: deps build
	@sh bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
