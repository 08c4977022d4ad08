#!/bin/sh
# Installs the Debian packages dossier needs to build and test, when they are
# missing. As root it runs apt-get; otherwise it prints the command and fails.
set -eu

# build: compiler, pkg-config and the libraries (see LIBRARIES in the README)
PKGS="build-essential pkg-config libhpdf-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
libfontconfig-dev libfreetype-dev libharfbuzz-dev libhyphen-dev hyphen-en-us hyphen-ru
libunibreak-dev libyaml-dev libcsv-dev libpng-dev libjpeg-dev zlib1g-dev"
# tests: unit test framework, PDF tools, sanitizer runtime, fallback fonts
PKGS="$PKGS libcmocka-dev qpdf poppler-utils python3 python3-pikepdf valgrind clang libclang-rt-14-dev
fonts-droid-fallback fonts-dejavu-core libgs-common"

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
