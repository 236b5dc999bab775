#!/usr/bin/env bash
# Installs the Debian packages the project needs when they are missing (as root), or names them.
set -euo pipefail

missing=()
have_font() { fc-list 2>/dev/null | grep -qi "Liberation Serif"; }
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
{ command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; } || missing+=(postgresql)
have_font || missing+=(fonts-liberation2 fontconfig)
# WeasyPrint draws text with Pango.
[ -e /usr/lib/x86_64-linux-gnu/libpango-1.0.so.0 ] || [ -e /usr/lib/aarch64-linux-gnu/libpango-1.0.so.0 ] || missing+=(libpango-1.0-0 libpangoft2-1.0-0)

# CairoSVG draws the charts of the Word files with cairo.
[ -e /usr/lib/x86_64-linux-gnu/libcairo.so.2 ] || [ -e /usr/lib/aarch64-linux-gnu/libcairo.so.2 ] || missing+=(libcairo2)
# SoftHSM2: the PKCS#11 token the signing tests sign with (issue 27).
[ -e /usr/lib/softhsm/libsofthsm2.so ] || missing+=(softhsm2)

# LibreOffice (headless) converts the Word twins in the tests that set them beside their PDFs.
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
