#!/bin/sh
# Makes the fontconfig configuration the tests run under, so that what
# fallback finds does not depend on which fonts a machine has installed:
# exactly the files of the font packages tools/deps.sh installs (linked
# into one folder), nothing else, with a cache of its own.
# usage: tests/tools/testfonts.sh BUILD_DIR   (prints the configuration's path)
set -eu
dir=$1/testfonts
conf=$dir/fonts.conf
if [ ! -f "$conf" ]; then
    tmp=$(mktemp -d "$1/testfonts.XXXXXX")
    mkdir "$tmp/fonts"
    for pkg in $(sh tools/deps.sh --fonts); do
        files=$(dpkg-query -L "$pkg" 2>/dev/null | grep -E '\.(ttf|otf|ttc)$') || {
            echo "testfonts: package $pkg is not installed (run make)" >&2
            rm -rf "$tmp"
            exit 1
        }
        for f in $files; do
            # a package may list one font twice (a file and a link to it)
            if [ -f "$f" ] && [ ! -e "$tmp/fonts/$(basename "$f")" ]; then
                ln -s "$(readlink -f "$f")" "$tmp/fonts/$(basename "$f")"
            fi
        done
    done
    abs=$(cd "$1" && pwd)/testfonts
    cat > "$tmp/fonts.conf" <<CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>$abs/fonts</dir>
  <cachedir>$abs/cache</cachedir>
</fontconfig>
CONF
    # another test may have made it meanwhile: keep the first
    mv -T "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp"
fi
echo "$(cd "$dir" && pwd)/fonts.conf"
