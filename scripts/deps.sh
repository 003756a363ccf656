# Sourced by scripts/test and scripts/run-demo: installs, with apt-get, the
# Debian 12 packages that are missing and nothing else.

TS_BUILD_PACKAGES="gcc pkg-config meson ninja-build gettext libglib2.0-dev libglib2.0-bin
  libsoup-3.0-dev libjson-glib-dev libsqlite3-dev libsodium-dev curl ca-certificates"
TS_TEST_PACKAGES="valgrind nodejs npm python3 chromium fonts-ipafont-gothic"
TS_BENCH_PACKAGES="wrk python3-scipy"
# Issue 17: the calendar feed test parses the feed with a real RFC 5545 parser.
TS_TEST_PACKAGES="$TS_TEST_PACKAGES python3-icalendar"
# Issue 17: notices are mailed with libcurl's SMTP and MIME; the tests run a
# real local SMTP server (aiosmtpd, for Debian's /usr/bin/python3).
TS_BUILD_PACKAGES="$TS_BUILD_PACKAGES libcurl4-openssl-dev"
TS_TEST_PACKAGES="$TS_TEST_PACKAGES python3-aiosmtpd"
# Issue 16: the printable documents (cairo, pango) need a Japanese font at
# run time; the tests read the PDFs with poppler-utils.
TS_BUILD_PACKAGES="$TS_BUILD_PACKAGES libcairo2-dev libpango1.0-dev fonts-ipaexfont-gothic fonts-ipaexfont-mincho"
TS_TEST_PACKAGES="$TS_TEST_PACKAGES poppler-utils"

ts_ensure_packages () {
  local missing=()
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # npm ships with nodesource's nodejs: do not ask for Debian's npm then.
  if [ ${#missing[@]} -gt 0 ] && command -v npm >/dev/null 2>&1; then
    local kept=()
    for p in "${missing[@]}"; do [ "$p" = npm ] || kept+=("$p"); done
    missing=("${kept[@]}")
  fi
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}" >&2
  if [ "$(id -u)" != 0 ]; then
    echo "Run as root, or install: ${missing[*]}" >&2
    return 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}
