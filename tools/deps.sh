#!/bin/sh
# Installs the Debian packages dossier needs to build and test, when they are
# missing. As root it runs apt-get; otherwise it prints the command and fails.
# With --fonts it only prints the font packages the fallback and the tests
# use (the tests' own fontconfig configuration holds exactly their files).
set -eu

# fonts for per-character fallback: Noto for most scripts (Arabic, Hebrew,
# Devanagari, Thai ...), Droid Sans Fallback for CJK (TrueType outlines;
# fonts-noto-cjk is CFF), Symbola for emoji and symbols, DejaVu
FONT_PKGS="fonts-dejavu-core fonts-droid-fallback fonts-noto-core fonts-symbola"
if [ "${1:-}" = "--fonts" ]; then
    echo "$FONT_PKGS"
    exit 0
fi

# build: compiler, pkg-config and the libraries (see LIBRARIES in the README)
PKGS="build-essential pkg-config libhpdf-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
libfontconfig-dev libfreetype-dev libharfbuzz-dev libhyphen-dev
libfribidi-dev libunibreak-dev libyaml-dev libcsv-dev libpng-dev libjpeg-dev zlib1g-dev"
# hyphenation patterns for the languages the shipped sheets name (Kazakh and
# Kyrgyz patterns come with dossier, in hyphen/; tr, uz have none anywhere)
PKGS="$PKGS hyphen-en-us hyphen-ru hyphen-uk hyphen-be hyphen-de hyphen-fr hyphen-es hyphen-pl"
# tests: unit test framework, PDF tools, sanitizer runtime, the shaping
# reference (hb-shape)
PKGS="$PKGS libcmocka-dev qpdf poppler-utils python3 valgrind clang libclang-rt-14-dev
libharfbuzz-bin libgs-common python3-pikepdf python3-fonttools $FONT_PKGS"

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "dossier needs these Debian packages; install them as root with:" >&2
    echo "  apt-get install -y$missing" >&2
    exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || true
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
