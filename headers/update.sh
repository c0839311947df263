#!/usr/bin/env bash
# Re-vendor the kernel uapi headers from Debian's linux-libc-dev (suite sid).
#
#   headers/update.sh VERSION        e.g. headers/update.sh 7.2.13-1
#
# The system's apt configuration is never edited: apt reads a private deb822 sources file that
# names the same mirror as the system file, with its own lists and cache directories, so the
# system's package lists stay as they were. Only the include closure of linux/io_uring.h and
# linux/io_uring/*.h is kept, byte for byte, and headers/README.md is rewritten deterministically.
set -euo pipefail

if [[ $# -ne 1 || -z $1 ]]; then
    echo "usage: $0 VERSION   (a linux-libc-dev version published in sid, e.g. 7.2.13-1)" >&2
    exit 2
fi
version=$1
package=linux-libc-dev
suite=sid
multiarch=x86_64-linux-gnu
system_sources=${SYSTEM_APT_SOURCES:-/etc/apt/sources.list.d/debian.sources}

headers_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export LC_ALL=C

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- 1. A private sources list naming the system's mirror --------------------------------------
# The first deb822 stanza that is not the security archive names the main mirror; its keyring
# is reused so sid's Release file is verified the same way the system verifies its own suites.
read -r mirror keyring < <(awk -v RS= '
    !/Suites:[^\n]*-security/ {
        uri = ""; key = ""
        n = split($0, lines, "\n")
        for (i = 1; i <= n; i++) {
            if (lines[i] ~ /^URIs:/)      { split(lines[i], f, /[ \t]+/); uri = f[2] }
            if (lines[i] ~ /^Signed-By:/) { split(lines[i], f, /[ \t]+/); key = f[2] }
        }
        if (uri != "") { print uri, (key == "" ? "-" : key); exit }
    }' "$system_sources") || true
if [[ -z ${mirror:-} ]]; then
    echo "error: no mirror URI found in $system_sources" >&2
    exit 1
fi

sources=$work/apt/sid.sources
mkdir -p "$work/apt/lists/partial" "$work/apt/cache/archives/partial" "$work/deb"
{
    echo "Types: deb"
    echo "URIs: $mirror"
    echo "Suites: $suite"
    echo "Components: main"
    [[ $keyring != - ]] && echo "Signed-By: $keyring"
} > "$sources"

apt_options=(
    -o "Dir::Etc::SourceList=$sources"
    -o "Dir::Etc::SourceParts=/dev/null"
    -o "Dir::State::Lists=$work/apt/lists"
    -o "Dir::Cache=$work/apt/cache"
    # The temp dir is private to this user; apt's sandbox user could not write into it.
    -o "APT::Sandbox::User=$(id -un)"
)

echo "apt: $package=$version from suite $suite of the system's mirror" >&2
apt-get "${apt_options[@]}" -qq update >&2
# sid keeps only its current version(s); say which ones exist rather than apt's bare "not found".
available=$(apt-cache "${apt_options[@]}" madison "$package" | awk -F'|' '{ gsub(/ /, "", $2); print $2 }')
if ! grep -qxF -- "$version" <<< "$available"; then
    echo "error: $package $version is not in $suite; available: $(echo $available)" >&2
    exit 1
fi
(cd "$work/deb" && apt-get "${apt_options[@]}" -qq download "$package=$version" >&2)

deb=$(find "$work/deb" -maxdepth 1 -name "${package}_*.deb" -print -quit)
if [[ -z $deb ]]; then
    echo "error: apt-get download produced no .deb" >&2
    exit 1
fi
deb_name=$(basename "$deb")
deb_sha256=$(sha256sum "$deb" | cut -d' ' -f1)

# --- 2. Extract and compute the include closure --------------------------------------------------
dpkg-deb -x "$deb" "$work/root"
include=$work/root/usr/include
if [[ ! -f $include/linux/io_uring.h || ! -d $include/$multiarch/asm ]]; then
    echo "error: $deb_name lacks linux/io_uring.h or $multiarch/asm" >&2
    exit 1
fi

synthetic=$work/closure.c
{
    echo "#include <linux/io_uring.h>"
    for h in "$include"/linux/io_uring/*.h; do
        [[ -e $h ]] && echo "#include <linux/io_uring/$(basename "$h")>"
    done
} > "$synthetic"

# gcc -M prints a make rule "closure.o: closure.c a.h b.h \ ..."; every header named there,
# taken relative to usr/include without resolving symlinks (Debian links x86_64-linux-gnu/asm
# into /usr/lib), is part of the closure (and nothing else is).
mapfile -t closure < <(
    cd "$include" &&
    gcc -M -nostdinc -I "$multiarch" -I . "$synthetic" |
        tr -s ' \\\n' '\n' |
        grep -v -e '^$' -e ':$' -e '\.c$' |
        while read -r path; do realpath -s --relative-to=. "$path"; done |
        sort -u
)
if [[ ${#closure[@]} -eq 0 ]]; then
    echo "error: empty include closure" >&2
    exit 1
fi

# --- 3. Replace headers/include with exactly the closure -----------------------------------------
rm -rf "$headers_dir/include"
for path in "${closure[@]}"; do
    mkdir -p "$headers_dir/include/$(dirname "$path")"
    cp "$include/$path" "$headers_dir/include/$path"
    chmod 644 "$headers_dir/include/$path"
done

# --- 4. Rewrite headers/README.md (no dates: a rerun with the same version changes nothing) ------
readme=$headers_dir/README.md
{
    echo "# Vendored kernel uapi headers"
    echo
    echo "The files under \`include/\` are the kernel's uapi headers as Debian ships them, copied byte for"
    echo "byte and never edited. \`include/\` is laid out as \`/usr/include\` is (the x86-64 \`asm\` headers"
    echo "under \`include/$multiarch/asm\`), and holds exactly the include closure of \`linux/io_uring.h\`"
    echo "and every \`linux/io_uring/*.h\`, as computed by \`gcc -M -nostdinc -I $multiarch -I .\`."
    echo
    echo "## Provenance"
    echo
    echo "- Package: \`$package\`"
    echo "- Version: \`$version\` (Debian suite \`$suite\`)"
    echo "- Archive: \`$deb_name\`"
    echo "- Archive sha256: \`$deb_sha256\`"
    echo
    echo "## Licence"
    echo
    echo "SPDX lines found in these files:"
    echo
    for path in "${closure[@]}"; do
        grep -ho 'SPDX-License-Identifier:.*' "$headers_dir/include/$path" |
            sed -e 's/[[:space:]]*\*\/[[:space:]]*$//' -e 's/[[:space:]]*$//' || true
    done | sort | uniq -c | sort -k1,1nr -k2 |
        awk '{ count = $1; $1 = ""; sub(/^ /, ""); printf "- `%s` (%d %s)\n", $0, count, count == 1 ? "file" : "files" }'
    if grep -qs 'Linux-syscall-note' -r "$headers_dir/include"; then
        echo
        echo "\`Linux-syscall-note\` is the kernel's exception (LICENSES/exceptions/Linux-syscall-note in the"
        echo "kernel tree) for user-space programs that call the kernel through these headers."
    fi
    echo
    echo "## Files (sha256)"
    echo
    echo '```'
    for path in "${closure[@]}"; do
        printf '%s  %s\n' "$(sha256sum "$headers_dir/include/$path" | cut -d' ' -f1)" "include/$path"
    done
    echo '```'
    echo
    echo "## Updating"
    echo
    echo "Pick a \`$package\` version published in \`$suite\`, then from the repository root:"
    echo
    echo '```sh'
    echo "headers/update.sh VERSION"
    echo "dotnet build"
    echo "UPDATE_BASELINES=1 dotnet test"
    echo '```'
    echo
    echo "The script reads the mirror from the system's \`debian.sources\`, talks to apt through a private"
    echo "sources file and private list/cache directories (the system's apt configuration is untouched),"
    echo "downloads the \`.deb\`, recomputes the include closure, replaces \`include/\` with exactly those"
    echo "files and rewrites this README. \`dotnet build\` regenerates the Native layer from the new headers;"
    echo "\`UPDATE_BASELINES=1 dotnet test\` refreshes the committed API listings so the header bump shows"
    echo "up as a reviewable diff. Review \`git diff\`, then commit headers, README and listings together."
} > "$readme"

echo "headers/include: ${#closure[@]} files from $deb_name" >&2
