#!/usr/bin/env bash
# Installs the Debian packages the tests need on a fresh Debian 12 machine: Debian's Chromium for
# Playwright, a CJK font for screenshots, and the tools later device/PDF work relies on.
# Skips apt entirely when everything is already installed, so re-runs are fast.
set -euo pipefail

PACKAGES=(chromium fonts-noto-cjk socat zbar-tools libusb-1.0-0 libudev-dev poppler-utils)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all Debian packages present (${PACKAGES[*]})"
  exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "install-deps: missing ${missing[*]}, and not root and no sudo to install them" >&2
    exit 1
  fi
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if ! "${SUDO[@]}" apt-get update; then
  echo "install-deps: apt-get update failed" >&2
  exit 1
fi
if ! "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"; then
  echo "install-deps: apt-get install failed for: ${missing[*]}" >&2
  exit 1
fi

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  echo "install-deps: chromium is still not available after installing" >&2
  exit 1
fi
echo "install-deps: done"
