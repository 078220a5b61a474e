#!/usr/bin/env bash
# sourcelight's one build script: what a developer runs is exactly what CI runs.
#
#   ./build.sh [build]   the wasm core and both extensions: dist/chrome/, dist/firefox/, and their zips
#   ./build.sh test      every test: Rust (native and wasm), the Spark recipe (local mode), JavaScript,
#                        end-to-end in Chromium and Firefox, and web-ext lint
#   ./build.sh demo      the extension on a bundled sample article: a screenshot and its sourcing profile
#   ./build.sh bench     speed and size figures with their budgets (BENCH_SHORT=1: a quick run)
#
# Each step is echoed before it runs. A missing tool stops the build with a sentence that says
# what to install.
set -euo pipefail
cd "$(dirname "$0")"

WASM_TARGET=wasm32-unknown-unknown
# Cargo writes where CARGO_TARGET_DIR says (a build cache shared between checkouts), else target/.
TARGET_DIR=${CARGO_TARGET_DIR:-target}
WASM_OUT=$TARGET_DIR/$WASM_TARGET/wasm/sourcelight.wasm

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
run() { printf '+ %s\n' "$*"; "$@"; }
die() { printf '\nbuild.sh: %s\n' "$*" >&2; exit 1; }

need() {
    command -v "$1" >/dev/null 2>&1 || die "$1 is not installed. $2"
}

# The wasm-bindgen CLI must be the very version of the wasm-bindgen crate in Cargo.lock, or the
# glue it writes does not match the module.
wasm_bindgen_version() {
    awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_toolchain() {
    step "Checking the toolchain"
    need cargo "Install Rust with rustup (https://rustup.rs), then run ./build.sh again."
    need rustup "Install Rust with rustup (https://rustup.rs): it adds the wasm32 target."
    if ! rustup target list --installed | grep -qx "$WASM_TARGET"; then
        run rustup target add "$WASM_TARGET"
    fi
    [ -f Cargo.lock ] || run cargo generate-lockfile
    local want have
    want=$(wasm_bindgen_version)
    [ -n "$want" ] || die "Cargo.lock names no wasm-bindgen version; run 'cargo update -p wasm-bindgen'."
    have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
    if [ "$have" != "$want" ]; then
        echo "wasm-bindgen CLI ${have:-missing}, Cargo.lock wants $want: installing it (a few minutes)."
        # Not --locked: the CLI's own lock file names a webpki-roots release the registry no
        # longer serves; cargo resolves a compatible one.
        run cargo install wasm-bindgen-cli --version "$want" \
            || die "could not install wasm-bindgen-cli $want; run 'cargo install wasm-bindgen-cli --version $want'."
    fi
}

build() {
    ensure_toolchain
    need zip "Install it with 'apt-get install zip'."
    # The extension ships Mozilla's Readability from its npm package (package-lock.json pins it).
    ensure_node_modules

    step "Building the core to wasm (profile wasm: release, LTO; see Cargo.toml)"
    # `cargo rustc --crate-type cdylib` rather than a cdylib in Cargo.toml: with both crate types
    # cargo silently skips LTO for the wasm.
    # --no-default-features: the wasm is the core alone, without the command-line tool's extras.
    run cargo rustc --lib --profile wasm --target "$WASM_TARGET" --no-default-features --crate-type cdylib

    step "Generating the JavaScript glue"
    rm -rf dist pkg
    run wasm-bindgen --target no-modules --no-typescript --remove-name-section --remove-producers-section \
        --out-dir dist/wasm --out-name sourcelight "$WASM_OUT"
    # After a trap in the wasm the background evaluates the glue a second time to get a fresh
    # instance (extension/background.js); a top-level `let` cannot be declared twice, `var` can.
    run sed -i 's/^let wasm_bindgen = /var wasm_bindgen = /' dist/wasm/sourcelight.js
    grep -q '^var wasm_bindgen = ' dist/wasm/sourcelight.js \
        || die "the wasm-bindgen glue changed shape: extension/background.js expects 'var wasm_bindgen'."
    # The same module with ES-module glue, for the node tests and the benchmarks.
    run wasm-bindgen --target web --remove-name-section --remove-producers-section \
        --out-dir pkg --out-name sourcelight "$WASM_OUT"

    step "Assembling dist/chrome and dist/firefox"
    local browser
    for browser in chrome firefox; do
        mkdir -p "dist/$browser/wasm" "dist/$browser/vendor/readability"
        run cp -R extension/. "dist/$browser/"
        run cp dist/wasm/sourcelight.js dist/wasm/sourcelight_bg.wasm "dist/$browser/wasm/"
        # Firefox's Reader View algorithm, as published, with its licence (Apache-2.0).
        run cp "$READABILITY/Readability.js" "$READABILITY/Readability-readerable.js" "$READABILITY/LICENSE.md" \
            "dist/$browser/vendor/readability/"
    done
    # One manifest serves both browsers: Chrome reads background.service_worker, Firefox
    # background.scripts, and each ignores the other. Nothing in it needs a per-browser copy.
    rm -rf dist/wasm

    step "Packing the zips"
    for browser in chrome firefox; do
        (cd "dist/$browser" && run zip -q -r -X -9 "../sourcelight-$browser.zip" .)
    done

    local raw gz
    raw=$(stat -c %s "dist/chrome/wasm/sourcelight_bg.wasm")
    gz=$(gzip -9 -c "dist/chrome/wasm/sourcelight_bg.wasm" | wc -c)
    printf '\nwasm: %s bytes (%s gzipped); zips: chrome %s bytes, firefox %s bytes\n' "$raw" "$gz" \
        "$(stat -c %s dist/sourcelight-chrome.zip)" "$(stat -c %s dist/sourcelight-firefox.zip)"
    echo "Load dist/chrome (chrome://extensions, developer mode, Load unpacked) or dist/firefox (about:debugging)."
}

READABILITY=node_modules/@mozilla/readability

ensure_node_modules() {
    need node "Install Node.js 20 or later ('apt-get install nodejs npm')."
    need npm "Install npm ('apt-get install npm')."
    if [ ! -d node_modules/playwright-core ] || [ ! -f "$READABILITY/Readability.js" ] \
        || [ package-lock.json -nt node_modules/.package-lock.json ]; then
        run npm ci --no-audit --no-fund
    fi
    [ -f "$READABILITY/Readability.js" ] || die "npm ci did not install @mozilla/readability; run 'npm ci' and look at its errors."
}

# The Spark test needs PySpark and a Java runtime; .ci/run installs both.
ensure_spark() {
    need python3 "Install Python 3 ('apt-get install python3 python3-pip')."
    need java "Install a Java runtime for Spark ('apt-get install default-jre-headless')."
    python3 -c 'import pyspark' 2>/dev/null \
        || die "PySpark is not installed. Install it with 'python3 -m pip install -r tests/spark/requirements.txt'."
}

ensure_browsers() {
    need chromium "Install it with 'apt-get install chromium' (the tests use Debian's Chromium)."
    command -v firefox-esr >/dev/null 2>&1 || command -v firefox >/dev/null 2>&1 \
        || die "Firefox is not installed. Install it with 'apt-get install firefox-esr'."
}

test_all() {
    build
    ensure_node_modules
    ensure_browsers

    step "Rust tests (native)"
    run cargo test

    step "Spark: docs/scale.md's recipe in local mode against a direct run (tests/spark/)"
    ensure_spark
    run cargo build --release --bin sourcelight
    run env SOURCELIGHT="$TARGET_DIR/release/sourcelight" python3 -m unittest tests/spark/test_spark_pipe.py

    step "Core tests under wasm (node)"
    # The runner is set in .cargo/config.toml. Only the library and the boundary tests: the
    # command-line tool and the fixture tests read files, which wasm32-unknown-unknown cannot.
    run cargo test --target "$WASM_TARGET" --no-default-features --lib --test wasm_boundary

    step "JavaScript tests"
    run node --test tests/js/

    step "End-to-end tests (headless Chromium and Firefox)"
    mkdir -p test-output
    run node --test --test-concurrency=1 tests/e2e/

    step "web-ext lint"
    # --self-hosted: the gecko id is ours, not addons.mozilla.org's. Warnings are shown;
    # errors fail the build.
    run npx web-ext lint --source-dir dist/firefox --self-hosted --output text

    step "Benchmarks (short mode: they report, they never fail on speed)"
    BENCH_SHORT=1 run node tools/bench.mjs
}

demo() {
    build
    ensure_node_modules
    ensure_browsers
    step "Demo: the extension on the bundled sample article"
    run node tools/demo.mjs
}

bench() {
    build
    ensure_node_modules
    ensure_browsers
    step "Benchmarks${BENCH_SHORT:+ (short mode)}"
    run node tools/bench.mjs
}

case "${1:-build}" in
    build) build ;;
    test) test_all ;;
    demo) demo ;;
    bench) bench ;;
    -h | --help | help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" ;;
    *) die "unknown command '$1': use build, test, demo or bench (./build.sh --help)." ;;
esac
