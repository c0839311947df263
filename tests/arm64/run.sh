#!/usr/bin/env bash
# The arm64 smoke run: boots Debian's arm64 kernel in qemu-system-aarch64 (software emulation, no KVM) with an
# initramfs holding busybox, the arm64 glibc of the cross toolchain and a self-contained linux-arm64 publish of
# tests/arm64/Smoke, runs the suite (probe, NOP round trips, file write/read, SQPOLL, buffer ring, EpollEvent layout,
# awaited echo, a Kestrel request, a short soak) and prints its last line, "N passed, N failed".
#
#   tests/arm64/run.sh            (as root, or with sudo for the apt steps; slow: several minutes under emulation)
#
# qemu-user cannot be used: it answers io_uring_setup with ENOSYS, so a real arm64 kernel is booted. Not in CI.
# Installs what it needs: qemu-system-arm and gcc-aarch64-linux-gnu (its glibc) with apt; the arm64 kernel and
# busybox-static .debs are downloaded from Debian's sid through a private apt configuration (as headers/update.sh
# does; the system's apt sources are untouched); the linux-arm64 runtime packs come through dotnet's restore.
set -euo pipefail
export LC_ALL=C DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=${ARM64_WORK:-$(mktemp -d)}
mkdir -p "$work"
system_sources=${SYSTEM_APT_SOURCES:-/etc/apt/sources.list.d/debian.sources}

# --- 1. Host tools ---------------------------------------------------------------------------------
need=()
command -v qemu-system-aarch64 > /dev/null || need+=(qemu-system-arm)
[[ -e /usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1 && -e /usr/aarch64-linux-gnu/lib/libstdc++.so.6 ]] || need+=(gcc-aarch64-linux-gnu)
command -v cpio > /dev/null || need+=(cpio)
if [[ ${#need[@]} -gt 0 ]]; then
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" > /dev/null
fi

# --- 2. Debian's arm64 kernel and busybox (private apt state, sid, arm64 index) ----------------------
read -r mirror keyring < <(awk -v RS= '!/Suites:[^\n]*-security/ { u = ""; k = ""; n = split($0, l, "\n");
    for (i = 1; i <= n; i++) { if (l[i] ~ /^URIs:/) { split(l[i], f, /[ \t]+/); u = f[2] } if (l[i] ~ /^Signed-By:/) { split(l[i], f, /[ \t]+/); k = f[2] } }
    if (u != "") { print u, (k == "" ? "-" : k); exit } }' "$system_sources")
mkdir -p "$work/apt/lists/partial" "$work/apt/cache/archives/partial" "$work/deb"
{
    echo "Types: deb"; echo "URIs: $mirror"; echo "Suites: sid"; echo "Components: main"; echo "Architectures: arm64"
    [[ $keyring != - ]] && echo "Signed-By: $keyring"
} > "$work/apt/sources"
apt_options=(-o "Dir::Etc::SourceList=$work/apt/sources" -o "Dir::Etc::SourceParts=/dev/null" -o "Dir::State::Lists=$work/apt/lists"
    -o "Dir::Cache=$work/apt/cache" -o "APT::Sandbox::User=$(id -un)" -o "APT::Architectures::=arm64")
if ! ls "$work"/deb/linux-binary-*_arm64.deb > /dev/null 2>&1; then
    apt-get "${apt_options[@]}" -qq update
    # linux-image-arm64 -> linux-image-<abi>-arm64 -> linux-binary-<abi>-arm64 holds the vmlinuz.
    image=$(apt-cache "${apt_options[@]}" depends linux-image-arm64:arm64 | awk '/Depends: linux-image-/ { sub(/:arm64$/, "", $2); print $2; exit }')
    binary=${image/linux-image-/linux-binary-}
    (cd "$work/deb" && apt-get "${apt_options[@]}" -qq download "$binary:arm64" busybox-static:arm64)
fi
rm -rf "$work/kernel" "$work/busybox" && mkdir -p "$work/kernel" "$work/busybox"
dpkg-deb -x "$(ls "$work"/deb/linux-binary-*_arm64.deb | head -n1)" "$work/kernel"
dpkg-deb -x "$(ls "$work"/deb/busybox-static_*_arm64.deb | head -n1)" "$work/busybox"
vmlinuz=$(find "$work/kernel" -name vmlinuz\* -type f | head -n1)

# --- 3. The smoke suite, self-contained for linux-arm64 ---------------------------------------------
dotnet publish "$repo/tests/arm64/Smoke" -r linux-arm64 --self-contained -c Release -o "$work/publish" -v q -nologo > "$work/publish.log" \
    || { cat "$work/publish.log"; exit 1; }

# --- 4. The initramfs -----------------------------------------------------------------------------
root=$work/initramfs
rm -rf "$root" && mkdir -p "$root"/{bin,dev,proc,sys,tmp,lib/aarch64-linux-gnu,smoke}
cp "$work/busybox/usr/bin/busybox" "$root/bin/busybox"
for lib in ld-linux-aarch64.so.1 libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 libgcc_s.so.1 libstdc++.so.6; do
    cp -L "/usr/aarch64-linux-gnu/lib/$lib" "$root/lib/aarch64-linux-gnu/$lib"
done
ln -s aarch64-linux-gnu/ld-linux-aarch64.so.1 "$root/lib/ld-linux-aarch64.so.1"
cp -r "$work/publish/." "$root/smoke/"
cat > "$root/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev; mount -t tmpfs tmp /tmp
ip link set lo up
echo "kernel: $(uname -r) $(uname -m)"
HOME=/tmp TMPDIR=/tmp DOTNET_gcServer=0 /smoke/Smoke
echo "smoke exit code $?"
poweroff -f
INIT
chmod +x "$root/init"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$work/initramfs.gz"

# --- 5. Boot -----------------------------------------------------------------------------------------
log=$work/console.log
timeout "${ARM64_TIMEOUT:-3600}" nice -n 19 qemu-system-aarch64 -machine virt -cpu max -smp 2 -m 3072 -nographic -no-reboot -nic none \
    -kernel "$vmlinuz" -initrd "$work/initramfs.gz" -append "console=ttyAMA0 rdinit=/init panic=-1 quiet" | tee "$log" || true
# The serial console ends lines with CR LF.
summary=$(tr -d '\r' < "$log" | grep -aE '^[0-9]+ passed, [0-9]+ failed$' | tail -n1 || true)
if [[ -z $summary ]]; then
    echo "0 passed, 1 failed (the suite did not report; console log: $log)"
    exit 1
fi
echo "$summary"
[[ $summary == *", 0 failed" ]]
