#!/bin/bash
# Installs what building and testing CSM Console needs on Debian 12, if it is
# missing. Usage: deps.sh [build|test|ci]   (each includes the ones before)
set -euo pipefail

build_pkgs=(meson ninja-build pkg-config gcc gettext libglib2.0-bin libglib2.0-dev
            libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libsecret-1-dev
            libsqlite3-dev libpq-dev appstream desktop-file-utils)
run_pkgs=(gnome-keyring dbus dbus-x11 fonts-cantarell)
test_pkgs=(xvfb xauth openbox python3 flatpak-builder postgresql openssl)
ci_pkgs=(clang libclang-rt-14-dev)

want=("${build_pkgs[@]}" "${run_pkgs[@]}")
case "${1:-build}" in
  build) ;;
  test) want+=("${test_pkgs[@]}") ;;
  ci) want+=("${test_pkgs[@]}" "${ci_pkgs[@]}") ;;
  *) echo "usage: $0 [build|test|ci]" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$st" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}" >&2
sudo=()
[ "$(id -u)" = 0 ] || sudo=(sudo env DEBIAN_FRONTEND=noninteractive)
export DEBIAN_FRONTEND=noninteractive
# The PostgreSQL tests start a throw-away cluster of their own: the
# package must not make (and start) a system cluster that nobody stops
# (postgresql-common keeps, through ucf, a createcluster.conf already there).
if [[ " ${missing[*]} " == *" postgresql "* ]] && [ ! -e /etc/postgresql-common/createcluster.conf ]; then
  "${sudo[@]}" mkdir -p /etc/postgresql-common
  echo "create_main_cluster = false" | "${sudo[@]}" tee /etc/postgresql-common/createcluster.conf >/dev/null
fi
# Only refresh the package lists when a package has no candidate yet.
policy=$(apt-cache policy "${missing[0]}" 2>/dev/null || true)
if ! grep -q 'Candidate: [0-9]' <<<"$policy"; then
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=900 update -q
fi
"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=900 install -y -q --no-install-recommends "${missing[@]}"
