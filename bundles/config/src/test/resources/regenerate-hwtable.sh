#!/bin/sh
# Writes the built-in hardware table of the installed multipath-tools, as `multipath -t` prints it with
# no configuration file, to the bundle's builtin-hwtable.conf. Run as root on a machine with the
# multipath-tools version to follow (0.9.4 for Debian 12); /etc is left untouched (private mount namespace).
set -e
here=$(cd "$(dirname "$0")" && pwd)
target="$here/../../main/resources/org/mpathbus/config/internal/builtin-hwtable.conf"
version=$(multipath -h 2>&1 | sed -n 's/^multipath-tools \(v[^ ]*\).*/\1/p')
package=$(dpkg-query -W -f '${Version}' multipath-tools 2>/dev/null || echo unknown)
overlay=$(mktemp -d)
trap 'rmdir "$overlay"' EXIT
table=$(OVERLAY="$overlay" unshare -m sh -c '
mount --make-rprivate /
t="$OVERLAY"; mount -t tmpfs none "$t"; mkdir "$t/u" "$t/w"
mount -t overlay overlay -o lowerdir=/etc,upperdir="$t/u",workdir="$t/w" /etc
rm -rf /etc/multipath.conf /etc/multipath
multipath -t' | awk '/^devices \{/,/^\}/')
{
  echo "# The built-in hardware table of multipath-tools $version (package $package),"
  echo "# as printed by 'multipath -t' with no /etc/multipath.conf. It is data (vendor and product"
  echo "# patterns with their settings), read with the same parser as multipath.conf."
  echo "# Regenerate: bundles/config/src/test/resources/regenerate-hwtable.sh"
  echo "$table"
} > "$target"
echo "wrote $target"
