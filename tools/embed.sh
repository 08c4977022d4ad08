#!/bin/sh
# Turns a file into a C array so the binary carries it (the default style).
# usage: embed.sh FILE SYMBOL > out.c
set -eu
file=$1
sym=$2
size=$(wc -c < "$file")
echo "/* generated from $file by tools/embed.sh; do not edit */"
echo "#include <stddef.h>"
echo "const char ${sym}[] = {"
od -An -v -tx1 "$file" | sed -e 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g' -e 's/^/    /'
echo "    0x00};"
echo "const size_t ${sym}_len = $size;"
