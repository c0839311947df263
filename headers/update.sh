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
#
# Two architectures are vendored, x86-64 and arm64 (Debian's amd64 and arm64): the same package version for both,
# each architecture's asm/ headers under include/<multiarch>/asm, and the shared headers once (they must be the same
# bytes in both architectures' archives). linux-libc-dev is "Architecture: all" since Linux 6.x in Debian, so one
# archive usually serves both; the script checks that in each architecture's package index and downloads a second
# archive if an architecture ever names its own.
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
# Debian architecture -> multiarch folder; the first is the one the build emits (docs/native-layer.md, Architectures).
debian_archs=(amd64 arm64)
declare -A multiarch_of=([amd64]=x86_64-linux-gnu [arm64]=aarch64-linux-gnu)
multiarch=${multiarch_of[amd64]}
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
    echo "Architectures: ${debian_archs[*]}"
    [[ $keyring != - ]] && echo "Signed-By: $keyring"
} > "$sources"

apt_options=(
    -o "Dir::Etc::SourceList=$sources"
    -o "Dir::Etc::SourceParts=/dev/null"
    -o "Dir::State::Lists=$work/apt/lists"
    -o "Dir::Cache=$work/apt/cache"
    # The temp dir is private to this user; apt's sandbox user could not write into it.
    -o "APT::Sandbox::User=$(id -un)"
    # Index every vendored architecture (the host's own is amd64), so arm64's entry can be checked too.
    -o "APT::Architectures::=arm64"
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

# "ARCHITECTURE SHA256 FILENAME" of $package $version in one architecture's package index.
index_entry() {
    local list
    list=$(find "$work/apt/lists" -maxdepth 1 -name "*_dists_${suite}_main_binary-$1_Packages*" -print -quit)
    [[ -n $list ]] || return 0
    /usr/lib/apt/apt-helper cat-file "$list" | awk -v RS= -v p="$package" -v v="$version" '
        $0 ~ ("(^|\n)Package: " p "\n") && $0 ~ ("\nVersion: " v "\n") {
            n = split($0, l, "\n")
            for (i = 1; i <= n; i++) {
                if (l[i] ~ /^Architecture: /) a = substr(l[i], 15)
                if (l[i] ~ /^SHA256: /) h = substr(l[i], 9)
                if (l[i] ~ /^Filename: /) f = substr(l[i], 11)
            }
            print a, h, f; exit
        }'
}

# --- 2. Each architecture's archive, extracted; the include closure per architecture ------------
# deb_of[arch] is the archive holding that architecture's asm/ headers: the one downloaded above when the index names
# the same file (Architecture: all), else that architecture's own build of the same version.
declare -A deb_of root_of
declare -A provenance_of
for arch in "${debian_archs[@]}"; do
    read -r entry_arch entry_sha entry_file < <(index_entry "$arch") || true
    if [[ -z ${entry_arch:-} ]]; then
        echo "error: the $arch index of suite $suite has no $package $version: the architectures would not match" >&2
        exit 1
    fi
    if [[ $entry_sha == "$deb_sha256" ]]; then
        deb_of[$arch]=$deb
    else
        mkdir -p "$work/deb-$arch"
        (cd "$work/deb-$arch" && apt-get "${apt_options[@]}" -qq download "$package:$arch=$version" >&2)
        deb_of[$arch]=$(find "$work/deb-$arch" -maxdepth 1 -name "${package}_*.deb" -print -quit)
        if [[ -z ${deb_of[$arch]} || $(sha256sum "${deb_of[$arch]}" | cut -d' ' -f1) != "$entry_sha" ]]; then
            echo "error: $package:$arch $version: the archive does not match the $arch index ($entry_file)" >&2
            exit 1
        fi
    fi
    provenance_of[$arch]="$(basename "${deb_of[$arch]}") $(sha256sum "${deb_of[$arch]}" | cut -d' ' -f1) $entry_arch"
    root_of[$arch]=$work/root-$(basename "${deb_of[$arch]}" .deb)
    [[ -d ${root_of[$arch]} ]] || dpkg-deb -x "${deb_of[$arch]}" "${root_of[$arch]}"
    echo "apt: $arch: $(basename "${deb_of[$arch]}") (index: Architecture $entry_arch)" >&2
done
include=${root_of[amd64]}/usr/include
if [[ ! -f $include/linux/io_uring.h ]]; then
    echo "error: $deb_name lacks linux/io_uring.h" >&2
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
# into /usr/lib), is part of the closure (and nothing else is). Each architecture's closure is computed
# with its own compiler when it is installed (its predefined macros are the ones the headers test),
# else with the host gcc (the io_uring closure has no architecture conditionals today).
# "ARCH PATH" lines: the shared files are named once per architecture and must be the same bytes.
closure_lines=$(
    for arch in "${debian_archs[@]}"; do
        m=${multiarch_of[$arch]}
        root_include=${root_of[$arch]}/usr/include
        if [[ ! -d $root_include/$m/asm ]]; then
            echo "error: $(basename "${deb_of[$arch]}") lacks $m/asm" >&2
            exit 1
        fi
        cc=gcc
        command -v "$m-gcc" > /dev/null 2>&1 && cc=$m-gcc
        (cd "$root_include" &&
            "$cc" -M -nostdinc -I "$m" -I . "$synthetic" |
            tr -s ' \\\n' '\n' |
            grep -v -e '^$' -e ':$' -e '\.c$' |
            while read -r path; do echo "$arch $(realpath -s --relative-to=. "$path")"; done)
    done | sort -u
)
mapfile -t closure < <(awk '{ print $2 }' <<< "$closure_lines" | sort -u)
if [[ ${#closure[@]} -eq 0 ]]; then
    echo "error: empty include closure" >&2
    exit 1
fi
# The file of a closure path: from the archive of the architecture whose asm/ it is; a shared path from the first
# architecture's archive, after checking every architecture's archive has the same bytes.
declare -A source_of
for path in "${closure[@]}"; do
    owner=
    for arch in "${debian_archs[@]}"; do
        [[ $path == "${multiarch_of[$arch]}"/* ]] && owner=$arch
    done
    if [[ -n $owner ]]; then
        source_of[$path]=${root_of[$owner]}/usr/include/$path
        continue
    fi
    source_of[$path]=$include/$path
    for arch in "${debian_archs[@]}"; do
        if ! cmp -s "$include/$path" "${root_of[$arch]}/usr/include/$path"; then
            echo "error: $path differs between the amd64 and $arch archives of $package $version" >&2
            exit 1
        fi
    done
done

# --- 3. What the new closure changes, by kind (the --check report) --------------------------------
candidate=$work/include
for path in "${closure[@]}"; do
    mkdir -p "$candidate/$(dirname "$path")"
    cp "${source_of[$path]}" "$candidate/$path"
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
# io_uring.rsp names both architectures' targets: a layout or value that differs between them is printed as IOUHG003.
dotnet run --project "$repo_dir/generator/IoUring.HeaderGen" -c Release -v q -- \
    @"$repo_dir/generator/IoUring.HeaderGen/io_uring.rsp" \
    --include-dir "$candidate/{target}" --include-dir "$candidate/" \
    --check-against "$repo_dir/src/IoUring.Interop/Native/NativeApi.txt" | sed 's/^/  /'
if $check; then
    echo "(--check: nothing was changed)"
    exit 0
fi

# --- 4. Replace headers/include with exactly the closure -----------------------------------------
rm -rf "$headers_dir/include"
for path in "${closure[@]}"; do
    mkdir -p "$headers_dir/include/$(dirname "$path")"
    cp "${source_of[$path]}" "$headers_dir/include/$path"
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
    echo "byte and never edited. \`include/\` is laid out as \`/usr/include\` is, with the \`asm\` headers of two"
    echo "architectures: x86-64 under \`include/x86_64-linux-gnu/asm\` and arm64 under"
    echo "\`include/aarch64-linux-gnu/asm\`. It holds exactly the include closure of \`linux/io_uring.h\` and every"
    echo "\`linux/io_uring/*.h\` for each architecture, as computed by \`<multiarch>-gcc -M -nostdinc -I <multiarch> -I .\`;"
    echo "the files outside the \`<multiarch>\` folders are shared, the same bytes for both architectures."
    echo
    echo "## Provenance"
    echo
    echo "- Package: \`$package\`"
    echo "- Version: \`$version\` (Debian suite \`$suite\`)"
    echo "- Archive: \`$deb_name\`"
    echo "- Archive sha256: \`$deb_sha256\`"
    for arch in "${debian_archs[@]}"; do
        read -r a_name a_sha a_arch <<< "${provenance_of[$arch]}"
        echo "- $arch (\`${multiarch_of[$arch]}/asm\`): \`$a_name\`, sha256 \`$a_sha\` (the $arch index lists it as Architecture \`$a_arch\`)"
    done
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
