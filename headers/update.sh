#!/usr/bin/env bash
# Re-vendor the kernel uapi headers from Debian's linux-libc-dev.
#
#   headers/update.sh [--check] SUITE      newest version in a suite: sid, experimental, trixie, ...
#   headers/update.sh [--check] VERSION    a version published in any of $UPDATE_SUITES (e.g. 7.2.13-1)
#
# --check downloads and compares only: it prints what the new header adds, removes and changes against the committed
# listing (src/IoUring.Interop/Native/NativeApi.txt), by kind (register ops, opcodes, each flag family, enums,
# structs, sizes, fields, skipped macros) with the next action for each, and changes no file. Without --check the
# same report is printed, then headers/include, headers/README.md and README.md's header line are rewritten.
#
# The system's apt configuration is never edited: apt reads a private deb822 sources file that
# names the same mirror as the system file, with its own lists and cache directories, so the
# system's package lists stay as they were. Only the include closure of linux/io_uring.h and
# linux/io_uring/*.h is kept, byte for byte, and headers/README.md is rewritten deterministically.
set -euo pipefail

usage() {
    echo "usage: $0 [--check] SUITE|VERSION   (a suite such as sid, experimental or trixie, or a linux-libc-dev version in one of: ${suites[*]})" >&2
    exit 2
}

# Suites a VERSION is looked up in: unstable, experimental and the stable releases.
read -r -a suites <<< "${UPDATE_SUITES:-sid experimental trixie bookworm}"
check=false
if [[ ${1:-} == --check ]]; then
    check=true
    shift
fi
if [[ $# -ne 1 || -z $1 ]]; then
    usage
fi
request=$1
package=linux-libc-dev
multiarch=x86_64-linux-gnu
system_sources=${SYSTEM_APT_SOURCES:-/etc/apt/sources.list.d/debian.sources}

headers_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_dir=$(dirname "$headers_dir")
export LC_ALL=C

# A suite name is lower-case letters (and dashes); a Debian version always has a digit.
if [[ $request =~ ^[a-z][a-z-]*$ ]]; then
    lookup_suites=("$request")
else
    lookup_suites=("${suites[@]}")
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- 1. A private sources list naming the system's mirror --------------------------------------
# The first deb822 stanza that is not the security archive names the main mirror; its keyring
# is reused so the suites' Release files are verified the same way the system verifies its own suites.
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

sources=$work/apt/private.sources
mkdir -p "$work/apt/lists/partial" "$work/apt/cache/archives/partial" "$work/deb"
{
    echo "Types: deb"
    echo "URIs: $mirror"
    echo "Suites: ${lookup_suites[*]}"
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

echo "apt: $package ($request) from suites ${lookup_suites[*]} of the system's mirror" >&2
apt-get "${apt_options[@]}" -qq update >&2
# "VERSION SUITE" per line, e.g. "7.2.13-1 sid" (madison's third column is "URI SUITE/COMPONENT ARCH Packages").
available=$(apt-cache "${apt_options[@]}" madison "$package" |
    awk -F'|' '{ gsub(/ /, "", $2); split($3, f, " "); split(f[2], s, "/"); print $2, s[1] }')
if [[ ${#lookup_suites[@]} -eq 1 && $request == "${lookup_suites[0]}" ]]; then
    # A suite: its newest version (experimental's priority is low, so ask dpkg, not apt's candidate).
    version=
    while read -r candidate _; do
        if [[ -z $version ]] || dpkg --compare-versions "$candidate" gt "$version"; then
            version=$candidate
        fi
    done < <(awk -v s="$request" '$2 == s' <<< "$available")
    if [[ -z $version ]]; then
        echo "error: suite $request has no $package (is it a Debian suite?)" >&2
        exit 1
    fi
    suite=$request
else
    version=$request
    suite=$(awk -v v="$version" '$1 == v { print $2; exit }' <<< "$available")
    if [[ -z $suite ]]; then
        echo "error: $package $version is in none of ${lookup_suites[*]}; available:" >&2
        sort -u <<< "$available" | sed 's/^/  /' >&2
        exit 1
    fi
fi
echo "apt: $package $version (suite $suite)" >&2
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

# --- 3. What the new closure changes, by kind (the --check report) --------------------------------
candidate=$work/include
for path in "${closure[@]}"; do
    mkdir -p "$candidate/$(dirname "$path")"
    cp "$include/$path" "$candidate/$path"
done
current=$(sed -n 's/^- Version: `\([^`]*\)`.*/\1/p' "$headers_dir/README.md" 2>/dev/null || true)
echo "== $package ${current:-?} (vendored) -> $version ($suite)"
# "+ path" a new file, "- path" a file that goes, "~ path" a file whose bytes change.
files=$(join -a1 -a2 -e - -o 0,1.2,2.2 \
            <(cd "$headers_dir/include" 2>/dev/null && find . -type f -printf '%P\n' | sort | while read -r f; do echo "$f $(sha256sum < "$f" | cut -c1-64)"; done) \
            <(cd "$candidate" && find . -type f -printf '%P\n' | sort | while read -r f; do echo "$f $(sha256sum < "$f" | cut -c1-64)"; done) |
        awk '$2 == "-" { print "  + " $1 } $3 == "-" { print "  - " $1 } $2 != "-" && $3 != "-" && $2 != $3 { print "  ~ " $1 }')
echo "files:${files:+$'\n'}${files:- same bytes}"
echo "declarations (against src/IoUring.Interop/Native/NativeApi.txt):"
# The header tool with the build's arguments, on the candidate closure; it prints the difference and writes nothing.
dotnet run --project "$repo_dir/generator/IoUring.HeaderGen" -c Release -v q -- \
    @"$repo_dir/generator/IoUring.HeaderGen/io_uring.rsp" \
    --include-dir "$candidate/$multiarch" --include-dir "$candidate/" \
    --check-against "$repo_dir/src/IoUring.Interop/Native/NativeApi.txt" | sed 's/^/  /'
if $check; then
    echo "(--check: nothing was changed)"
    exit 0
fi

# --- 4. Replace headers/include with exactly the closure -----------------------------------------
rm -rf "$headers_dir/include"
for path in "${closure[@]}"; do
    mkdir -p "$headers_dir/include/$(dirname "$path")"
    cp "$include/$path" "$headers_dir/include/$path"
    chmod 644 "$headers_dir/include/$path"
done

# README.md's one line about the header: upstream major.minor (and -rcN), from the Debian version.
upstream=${version%%-*}
upstream=${upstream//\~/-}
linux=$(sed -E 's/^([0-9]+\.[0-9]+)(\.[0-9]+)?(-rc[0-9]+)?.*/\1\3/' <<< "$upstream")
sed -i -E "s/the header is Linux [^ ]+'s\./the header is Linux $linux's./" "$repo_dir/README.md"

# --- 5. Rewrite headers/README.md (no dates: a rerun with the same version changes nothing) ------
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
    echo "From the repository root (docs/header-bump.md is the whole procedure):"
    echo
    echo '```sh'
    echo "headers/update.sh --check sid        # or experimental, trixie, or a version: what would change, by kind"
    echo "headers/update.sh sid                # the same report, then the files are replaced"
    echo "dotnet build                         # IOU0xx / IOUHG0xx diagnostics name what needs a decision"
    echo "UPDATE_BASELINES=1 dotnet test       # refreshes the committed listings"
    echo '```'
    echo
    echo "The script reads the mirror from the system's \`debian.sources\`, talks to apt through a private"
    echo "sources file and private list/cache directories (the system's apt configuration is untouched),"
    echo "downloads the \`.deb\`, recomputes the include closure, prints what it changes, replaces \`include/\`"
    echo "with exactly those files and rewrites this README and README.md's header line. \`dotnet build\`"
    echo "regenerates the Native layer; \`UPDATE_BASELINES=1 dotnet test\` refreshes the committed API listing"
    echo "so the bump shows up as a reviewable diff. Review \`git diff\`, then commit everything together."
} > "$readme"

echo "headers/include: ${#closure[@]} files from $deb_name" >&2
