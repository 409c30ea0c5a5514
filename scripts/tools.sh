# shellcheck shell=bash
# Installs the tools the project needs, each only when it is missing or at the wrong version.
# Sourced by scripts/serve and scripts/test; safe to run again and again.
#
#   ensure_build_tools   wasm32 target, trunk, wasm-bindgen-cli (= the version in Cargo.lock), wasm-opt
#   ensure_test_tools    the build tools plus Chromium + chromedriver and the end-to-end test packages
#
# Tools live outside the repository: cargo installs into ~/.cargo/bin, npm packages into $TOOLS_DIR.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="${AMOCRM_NOTIFY_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/amocrm-notify}"
TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132.0.0"
ESBUILD_VERSION="0.28.2" # both builds minify their scripts (scripts/minify.mjs)

export PATH="$HOME/.cargo/bin:$TOOLS_DIR/node_modules/.bin:$PATH"
# One target dir for every build and test run keeps the 2-core machine from compiling twice.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

lock_version() { # the version of crate $1 in Cargo.lock
  awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

light_install() { # cargo install with a profile fit for a tool: no fat LTO, many codegen units
  CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
    CARGO_TARGET_DIR="$TOOLS_DIR/cargo-target" cargo install "$@"
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  if [[ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]]; then
    say "installing trunk $TRUNK_VERSION (about 6 minutes on 2 cores, once)"
    # No default features: they are TLS (for HTTPS serving and downloads, neither used here: the
    # build is offline and serves plain HTTP on 127.0.0.1) and the update check.
    light_install --locked --no-default-features trunk --version "$TRUNK_VERSION"
  fi
}

ensure_wasm_bindgen() {
  local want
  want="$(lock_version wasm-bindgen)"
  if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ]]; then
    say "installing wasm-bindgen-cli $want (the version in Cargo.lock; about 2 minutes, once)"
    # Not --locked: one of its locked dependencies is missing from the registry. No default
    # features: they are TLS for downloading a browser driver; the system's chromedriver is used.
    light_install --no-default-features wasm-bindgen-cli --version "=$want"
  fi
}

ensure_wasm_opt() {
  # Debian's binaryen (108) cannot parse what wasm-bindgen 0.2.130 emits; npm's binaryen 132 can.
  # esbuild minifies the builds' scripts.
  if [[ "$("$TOOLS_DIR/node_modules/.bin/wasm-opt" --version 2>/dev/null)" != *"version ${BINARYEN_VERSION%%.*}"* ||
        "$("$TOOLS_DIR/node_modules/.bin/esbuild" --version 2>/dev/null)" != "$ESBUILD_VERSION" ]]; then
    say "installing wasm-opt (binaryen $BINARYEN_VERSION) and esbuild $ESBUILD_VERSION from npm into $TOOLS_DIR"
    mkdir -p "$TOOLS_DIR"
    npm install --no-audit --no-fund --silent --prefix "$TOOLS_DIR" "binaryen@$BINARYEN_VERSION" "esbuild@$ESBUILD_VERSION"
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Chromium and chromedriver from Debian"
    local sudo=""
    [[ "$(id -u)" == 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
}

ensure_e2e_packages() {
  # playwright-core drives the system Chromium; it never downloads a browser of its own.
  local stamp="$ROOT/tests/e2e/node_modules/.package-lock.json"
  if [[ ! -f "$stamp" || "$ROOT/tests/e2e/package-lock.json" -nt "$stamp" ]]; then
    say "installing the end-to-end test packages"
    (cd "$ROOT/tests/e2e" && npm ci --no-audit --no-fund --silent)
  fi
}

SCHEMATHESIS_VERSION="4.32.5"
OPENAPI_SPEC_VALIDATOR_VERSION="0.9.0"
REDOC_VERSION="2.5.1"

ensure_python_tools() {
  # The server's tests talk to real peers written in Python: aiosmtpd (an SMTP server), and a push
  # service stand-in that checks VAPID with PyJWT and decrypts with http_ece. Schemathesis tries the
  # server against its OpenAPI document, which openapi-spec-validator checks. In a venv of our own.
  local venv="$TOOLS_DIR/venv"
  if ! "$venv/bin/python" -c "
import aiosmtpd, http_ece, jwt, cryptography
from importlib.metadata import version
assert version('schemathesis') == '$SCHEMATHESIS_VERSION'
assert version('openapi-spec-validator') == '$OPENAPI_SPEC_VALIDATOR_VERSION'" 2>/dev/null; then
    say "installing the test peers' Python packages into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check aiosmtpd==1.4.6 http_ece==1.2.1 PyJWT==2.10.1 \
      cryptography "schemathesis==$SCHEMATHESIS_VERSION" "openapi-spec-validator==$OPENAPI_SPEC_VALIDATOR_VERSION"
  fi
  export AMOCRM_NOTIFY_PYTHON="$venv/bin/python"
}

ensure_redoc() {
  # Only for scripts/openapi, which renders docs/api.html with Redoc's standalone bundle.
  if [[ "$(node -p "require('$TOOLS_DIR/redoc/node_modules/redoc/package.json').version" 2>/dev/null)" != "$REDOC_VERSION" ]]; then
    say "installing Redoc $REDOC_VERSION from npm into $TOOLS_DIR/redoc"
    mkdir -p "$TOOLS_DIR/redoc"
    npm install --no-audit --no-fund --silent --prefix "$TOOLS_DIR/redoc" "redoc@$REDOC_VERSION"
  fi
}

ensure_build_tools() {
  ensure_wasm_target
  ensure_trunk
  ensure_wasm_bindgen
  ensure_wasm_opt
}

ensure_test_tools() {
  ensure_build_tools
  ensure_python_tools
  ensure_chromium
  ensure_e2e_packages
}
