#!/usr/bin/env bash
# Packages the built extension into dist/:
#   riserbo-<version>.zip           for the Chrome Web Store and Edge Add-ons
#   riserbo-<version>.crx           signed, for self-hosting with an update manifest
#   updates.xml                     the update manifest for ExtensionInstallForcelist
#   riserbo-<version>-firefox.zip   for Firefox (same manifest: gecko id, background scripts)
#
# The CRX is signed with RISERBO_CRX_KEY (a PKCS#8 PEM the IT office keeps:
# its public half fixes the extension ID). Without it a throwaway key is made
# in dist/ (git-ignored) — fine for tests, not for deployment.
# RISERBO_UPDATE_BASE is where the CRX will be served (default: a placeholder).
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f extension/core/riserbo_wasm_bg.wasm ]] || scripts/build.sh

version=$(node -p "require('./manifest.json').version")
base=${RISERBO_UPDATE_BASE:-https://intranet.ente.example/riserbo}
mkdir -p dist
stage=$(mktemp -d)/riserbo
mkdir -p "$stage"
cp -r schema.json _locales icons "$stage"/
# The manifest's "key" fixes the ID of unpacked and development installs;
# stores reject it, and a self-hosted CRX takes its ID from the signing key.
node -e "const m = require('./manifest.json'); delete m.key; process.stdout.write(JSON.stringify(m, null, 2))" > "$stage/manifest.json"
mkdir -p "$stage/extension"
cp -r extension/background.js extension/managed-hosts.js extension/content extension/popup extension/options extension/shared extension/core extension/ocr "$stage/extension/"
# Type declarations are for the type checker, not the browser.
rm -f "$stage"/extension/core/*.d.ts

rm -f "dist/riserbo-$version.zip" "dist/riserbo-$version-firefox.zip"
(cd "$stage" && zip -qr -X "$OLDPWD/dist/riserbo-$version.zip" .)
cp "dist/riserbo-$version.zip" "dist/riserbo-$version-firefox.zip"

key=${RISERBO_CRX_KEY:-dist/throwaway-key.pem}
if [[ ! -f $key ]]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$key" 2>/dev/null
fi
# Chromium packs and signs CRX3 itself; it writes <dir>.crx next to <dir>.
/usr/bin/chromium --headless --no-sandbox --disable-gpu --user-data-dir="$(mktemp -d)" \
  --pack-extension="$stage" --pack-extension-key="$(realpath "$key")" >/dev/null 2>&1 || true
[[ -f "$stage.crx" ]] || { echo "package: Chromium did not produce a CRX" >&2; exit 1; }
mv "$stage.crx" "dist/riserbo-$version.crx"

# The extension ID: the first 128 bits of SHA-256 of the public key (DER),
# written with the letters a-p.
id=$(openssl pkey -in "$key" -pubout -outform DER 2>/dev/null | sha256sum | cut -c1-32 | tr '0-9a-f' 'a-p')
cat > dist/updates.xml <<XML
<?xml version="1.0" encoding="UTF-8"?>
<gupdate xmlns="http://www.google.com/update2/response" protocol="2.0">
  <app appid="$id">
    <updatecheck codebase="$base/riserbo-$version.crx" version="$version"/>
  </app>
</gupdate>
XML
echo "$id" > dist/extension-id.txt
printf 'packaged Riserbo %s, extension ID %s:\n' "$version" "$id"
ls -la dist | grep -v throwaway
