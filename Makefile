# dossier: Markdown + CSS subset -> paginated PDF dossiers.
#
#   make            install missing Debian packages, build, render sources/
#   make check      the same set-up, then the whole test suite
#   make install    PREFIX=/usr/local DESTDIR=
#   make bench      benchmarks against the peers (not part of check)

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build

CC      ?= cc
PKGS    := libcmark-gfm fontconfig freetype2 libunibreak yaml-0.1 libpng harfbuzz-subset harfbuzz zlib
# libharu, libhyphen and libcsv ship no .pc file (see the README).
NOPC_LIBS := -lhpdf -lhyphen -lcsv -ljpeg -lm

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

.PHONY: all deps build check unit e2e asan valgrind install uninstall bench clean fuzz

all: deps
	@$(MAKE) --no-print-directory build
	@$(MAKE) --no-print-directory dossiers

deps:
	@sh tools/deps.sh

build: $(BUILD)/dossier

dossiers: $(PDFS)

$(BUILD)/%.pdf: sources/%.md $(BUILD)/dossier $(wildcard sources/data/*) $(wildcard styles/*.css)
	$(BUILD)/dossier -o $@ $<

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

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libdossier.a tests/unit/testing.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(shell pkg-config --cflags cmocka 2>/dev/null) -o $@ $< \
	    $(BUILD)/libdossier.a $(PKG_LIBS) $(NOPC_LIBS) $(shell pkg-config --libs cmocka 2>/dev/null)

check: deps
	@$(MAKE) --no-print-directory build $(UNIT_BINS)
	@$(MAKE) --no-print-directory dossiers
	@sh tests/run.sh $(BUILD)

# The suite again under AddressSanitizer and UndefinedBehaviorSanitizer.
asan:
	@$(MAKE) --no-print-directory BUILD=build/asan OPT=-O1 \
	    CFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" build/asan/dossier $(UNIT_SRCS:tests/unit/%.c=build/asan/tests/%)

install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/dossier/fonts $(DESTDIR)$(PREFIX)/share/dossier/styles
	install -m 755 $(BUILD)/dossier $(DESTDIR)$(PREFIX)/bin/dossier
	install -m 644 fonts/*.ttf fonts/LICENSE* $(DESTDIR)$(PREFIX)/share/dossier/fonts/
	install -m 644 styles/*.css $(DESTDIR)$(PREFIX)/share/dossier/styles/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/dossier
	rm -rf $(DESTDIR)$(PREFIX)/share/dossier

bench: deps build
	@sh bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
