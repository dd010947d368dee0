#!/bin/bash
# Builds the Debian package from the built distribution (distribution/target/mpathbus):
#   build-deb.sh DISTRIBUTION OUTPUT_DIR VERSION [COMMIT (default: the checkout's)]
# It lays the package out in OUTPUT_DIR/root, then writes OUTPUT_DIR/mpathbus_VERSION_all.deb with
# dpkg-deb (dpkg-dev). Every mode is set here, whatever the umask of whoever builds, and the archive
# says root:root, which is what bin/mpathbusd accepts.
set -euo pipefail
dist="$(cd "$1" && pwd)"
out="$2"
version="$3"
commit="${4:-$(git -C "$(dirname "$0")" rev-parse --short HEAD 2>/dev/null || echo unknown)}"
here="$(cd "$(dirname "$0")" && pwd)"
packaging="$(cd "$here/.." && pwd)"
command -v dpkg-deb >/dev/null || { echo "build-deb.sh: dpkg-deb is missing (apt-get install dpkg-dev)" >&2; exit 2; }
[[ -x "$dist/bin/mpathbusd" ]] || { echo "build-deb.sh: $dist/bin/mpathbusd does not exist: build the distribution first" >&2; exit 2; }

root="$out/root"
rm -rf "$root"
mkdir -p "$out"
umask 022

code=/usr/share/mpathbus
doc=/usr/share/doc/mpathbus
install -d "$root$code" "$root/etc/mpathbus" "$root/var/lib/mpathbus/deploy" "$root$doc" \
    "$root/usr/bin" "$root/usr/share/man/man1" "$root/lib/systemd/system" \
    "$root/usr/share/dbus-1/system.d" "$root/usr/share/dbus-1/system-services" "$root/usr/share/polkit-1/actions" \
    "$root/usr/share/cockpit" "$root/usr/share/lintian/overrides" "$root/DEBIAN"

# The code: launcher, its configuration and the bundles, as the tarball has them
cp -r "$dist/bin" "$dist/conf" "$dist/bundle" "$root$code/"
rm -f "$root$code/bin/mpathbusctl"
# bash is essential on Debian: the launcher needs no env lookup
sed -i '1s|^#!/usr/bin/env bash$|#!/bin/bash|' "$root$code/bin/mpathbusd"
# The launcher looks for etc/, deploy/ and var/ (without systemd) under its home; here they live where
# the FHS puts configuration and state.
ln -s /etc/mpathbus "$root$code/etc"
ln -s /var/lib/mpathbus/deploy "$root$code/deploy"
ln -s /var/lib/mpathbus "$root$code/var"
# The configuration: conffiles, kept across upgrades and on removal
cp "$dist"/etc/*.cfg "$root/etc/mpathbus/"

install -m 755 "$packaging/bin/mpathbusctl" "$root/usr/bin/mpathbusctl"
sed -i '1s|^#!/usr/bin/env python3$|#!/usr/bin/python3|' "$root/usr/bin/mpathbusctl"
gzip -9n < "$here/mpathbusctl.1" > "$root/usr/share/man/man1/mpathbusctl.1.gz"

sed 's|/opt/mpathbus/docs/|/usr/share/doc/mpathbus/|; s|/opt/mpathbus/|/usr/share/mpathbus/|g' \
    "$packaging/systemd/mpathbus.service" > "$root/lib/systemd/system/mpathbus.service"
sed 's|/opt/mpathbus/|/usr/share/mpathbus/|g' "$packaging/dbus/org.mpathbus.Multipath1.service" \
    > "$root/usr/share/dbus-1/system-services/org.mpathbus.Multipath1.service"
cp "$packaging/dbus/org.mpathbus.Multipath1.conf" "$root/usr/share/dbus-1/system.d/"
cp "$packaging/polkit/org.mpathbus.multipath1.policy" "$root/usr/share/polkit-1/actions/"
cp -r "$dist/share/cockpit/mpathbus" "$root/usr/share/cockpit/"

cp -r "$dist/docs/dbus" "$root$doc/dbus"
cp "$here/copyright" "$root$doc/copyright"
# Each override says why
grep -v '^#' "$here/lintian-overrides" > "$root/usr/share/lintian/overrides/mpathbus"
date="$(date -R -u -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}")"
sed "s|@VERSION@|$version|; s|@COMMIT@|$commit|; s|@DATE@|$date|" "$here/changelog.in" | gzip -9n > "$root$doc/changelog.gz"

# Modes the launcher accepts and lintian expects, whatever the umask of the build: directories 755,
# files 644, programs 755
find "$root" -type d -exec chmod 755 {} +
find "$root" -type f -exec chmod 644 {} +
chmod 755 "$root$code/bin/mpathbusd" "$root/usr/bin/mpathbusctl"

for script in postinst prerm postrm; do
    install -m 755 "$here/$script" "$root/DEBIAN/$script"
done
(cd "$root" && find etc -type f | sort | sed 's|^|/|') > "$root/DEBIAN/conffiles"
chmod 644 "$root/DEBIAN/conffiles"
installed_size="$(du -sk --apparent-size --exclude=DEBIAN "$root" | cut -f1)"
sed "s|@VERSION@|$version|; s|@INSTALLED_SIZE@|$installed_size|" "$here/control.in" > "$root/DEBIAN/control"
chmod 644 "$root/DEBIAN/control"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
chmod 644 "$root/DEBIAN/md5sums"

deb="$out/mpathbus_${version}_all.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"
