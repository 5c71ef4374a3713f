#!/usr/bin/env bash
# Makes a native PostgreSQL with pgvector available to the tests and benchmarks
# (the "pgvector" engine configuration), and says which one it is.
#
#   1. A PostgreSQL server that already has pgvector (a user's machine): used as is.
#   2. Else, with the vendored source beside the clone (../shared/vendor/pgvector-*.tar.gz)
#      and root on Debian: installs postgresql-15 and postgresql-server-dev-15 from the
#      archive, builds pgvector from that source and installs it.
#   3. Else: says the configuration is not available and exits 0; the test run then
#      reports the pgvector configuration as not run (skipped, never passed).
#
# Idempotent and quick once done (the first check finds the installed extension).
# Exits non-zero only when an installation it started fails.
set -euo pipefail
cd "$(dirname "$0")/.."

PGVECTOR_VERSION=0.8.6
SOURCE="${ZAVA_PGVECTOR_SOURCE:-../shared/vendor/pgvector-${PGVECTOR_VERSION}.tar.gz}"
PG_MAJOR=15
DEBIAN_PG_CONFIG=/usr/lib/postgresql/${PG_MAJOR}/bin/pg_config

say() { echo "pgvector: $*"; }

# Every pg_config we can find: $PG_CONFIG, the one on PATH, Debian's per-version ones.
candidates() {
  if [[ -n "${PG_CONFIG:-}" ]]; then echo "$PG_CONFIG"; fi
  command -v pg_config 2>/dev/null || true
  ls -1d /usr/lib/postgresql/*/bin/pg_config 2>/dev/null | sort -rV || true
}

# A pg_config whose server has the vector extension installed.
find_installed() {
  local config share
  while read -r config; do
    [[ -x "$config" ]] || continue
    share=$("$config" --sharedir 2>/dev/null) || continue
    if [[ -f "$share/extension/vector.control" && -x "$("$config" --bindir)/postgres" ]]; then
      echo "$config"
      return 0
    fi
  done < <(candidates)
  return 1
}

report_installed() {
  local config=$1 version
  version=$(sed -n "s/^default_version = '\(.*\)'/\1/p" "$("$config" --sharedir)/extension/vector.control")
  say "available: $("$config" --version), vector ${version} ($("$config" --bindir))"
}

if config=$(find_installed); then
  report_installed "$config"
  exit 0
fi

if [[ ! -f "$SOURCE" ]]; then
  say "NOT AVAILABLE: no PostgreSQL with pgvector here and no source at ${SOURCE}; the pgvector engine configuration will be reported as not run"
  exit 0
fi
if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
  say "NOT AVAILABLE: building from ${SOURCE} needs root and apt-get (Debian); install pgvector for your PostgreSQL, or run this as root"
  exit 0
fi

# Two checkouts on one machine may run this at once: one builds, the other waits.
exec 9>/tmp/zava-install-pgvector.lock
flock 9
if config=$(find_installed); then
  report_installed "$config"
  exit 0
fi

packages=()
dpkg -s "postgresql-${PG_MAJOR}" >/dev/null 2>&1 || packages+=("postgresql-${PG_MAJOR}")
dpkg -s "postgresql-server-dev-${PG_MAJOR}" >/dev/null 2>&1 || packages+=("postgresql-server-dev-${PG_MAJOR}")
if ((${#packages[@]} > 0)); then
  say "installing ${packages[*]} from the Debian archive"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "${packages[@]}" >/dev/null \
    || { apt-get update >/dev/null && apt-get install -y --no-install-recommends "${packages[@]}" >/dev/null; }
fi

build_dir=$(mktemp -d)
trap 'rm -rf "$build_dir"' EXIT
say "building ${PGVECTOR_VERSION} from ${SOURCE}"
tar -xzf "$SOURCE" -C "$build_dir"
src=$(find "$build_dir" -mindepth 1 -maxdepth 1 -type d | head -n 1)
# OPTFLAGS="" leaves out -march=native: the build may run on another CPU than the tests.
make -C "$src" -j"$(nproc)" PG_CONFIG="$DEBIAN_PG_CONFIG" OPTFLAGS="" >/dev/null
make -C "$src" install PG_CONFIG="$DEBIAN_PG_CONFIG" >/dev/null

if config=$(find_installed); then
  report_installed "$config"
else
  say "the build finished but no vector extension was found under $("$DEBIAN_PG_CONFIG" --sharedir)" >&2
  exit 1
fi
