// Node `jose` peer for jwtcraft's interop tests (tests/interop_jose.rs).
//
// Run with `node` after `npm ci` in this folder (.ci/install-peers does it). No network, no
// state; every answer goes to stdout.
//
// Commands:
//
//   check
//       Prints "jose <version> node <version>"; exits 0 if jose imports.
//
//   sign <alg> <key> <claims-json> [kid]
//       Prints a compact token signed by jose (SignJWT). <alg> is HS256/384/512, RS*, PS*,
//       ES256/384/512, EdDSA or Ed25519. <key> is the secret in hex for HS*, a PKCS#8 PEM
//       private key file for the others. <kid> may be "-" for none.
//
//   verify <alg> <key> <token> <now>
//       Verifies with jose's jwtVerify (algorithms: [alg], currentDate: <now> unix seconds)
//       and prints {"header":…,"payload":…} as JSON. <key> is the secret in hex for HS*, an
//       SPKI PEM public key file for the others. On failure prints the error code and
//       message to stderr and exits 1.
//
//   verify-jwks <jwks-json> <token> <now>
//       As verify, with the key chosen by jose's createLocalJWKSet from <jwks-json> (by the
//       token's kid and alg).
//
//   public-jwk <alg> <spki-pem-file> [kid]
//       Prints jose's exportJWK of the public key, with "alg" (and "kid") added.
//
// Exit codes: 0 success, 1 jose refused the token, 2 usage or environment error.

import { readFileSync } from "node:fs";

let jose;
try {
  jose = await import("jose");
} catch (e) {
  console.error(`cannot import jose (run npm ci in tests/peers/jose): ${e.message}`);
  process.exit(2);
}

function usage(message) {
  console.error(`usage error: ${message}`);
  process.exit(2);
}

const ASYMMETRIC = [
  "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
  "ES256", "ES384", "ES512", "EdDSA", "Ed25519",
];

async function key(alg, arg, use) {
  if (["HS256", "HS384", "HS512"].includes(alg)) {
    return Uint8Array.from(Buffer.from(arg, "hex"));
  }
  if (!ASYMMETRIC.includes(alg)) {
    usage(`unknown alg ${alg}`);
  }
  const pem = readFileSync(arg, "utf8");
  return use === "sign" ? jose.importPKCS8(pem, alg) : jose.importSPKI(pem, alg, { extractable: true });
}

function seconds(arg) {
  const now = Number(arg);
  if (!Number.isInteger(now)) usage(`not unix seconds: ${arg}`);
  return new Date(now * 1000);
}

async function refusedOrPrinted(verifying) {
  try {
    const { payload, protectedHeader } = await verifying;
    console.log(JSON.stringify({ header: protectedHeader, payload }));
  } catch (e) {
    console.error(`${e.code ?? e.name}: ${e.message}`);
    process.exit(1);
  }
}

const commands = {
  async check() {
    const pkg = JSON.parse(
      readFileSync(new URL("./node_modules/jose/package.json", import.meta.url), "utf8"),
    );
    console.log(`jose ${pkg.version} node ${process.versions.node}`);
  },

  async sign([alg, keyArg, claims, kid]) {
    if (!claims) usage("sign <alg> <key> <claims-json> [kid]");
    const header = { alg };
    if (kid && kid !== "-") header.kid = kid;
    const token = await new jose.SignJWT(JSON.parse(claims))
      .setProtectedHeader(header)
      .sign(await key(alg, keyArg, "sign"));
    console.log(token);
  },

  async verify([alg, keyArg, token, now]) {
    if (!now) usage("verify <alg> <key> <token> <now>");
    const k = await key(alg, keyArg, "verify");
    await refusedOrPrinted(jose.jwtVerify(token, k, { algorithms: [alg], currentDate: seconds(now) }));
  },

  async "verify-jwks"([jwks, token, now]) {
    if (!now) usage("verify-jwks <jwks-json> <token> <now>");
    const set = jose.createLocalJWKSet(JSON.parse(jwks));
    await refusedOrPrinted(jose.jwtVerify(token, set, { currentDate: seconds(now) }));
  },

  async "public-jwk"([alg, file, kid]) {
    if (!file) usage("public-jwk <alg> <spki-pem-file> [kid]");
    const jwk = await jose.exportJWK(await key(alg, file, "verify"));
    jwk.alg = alg;
    if (kid) jwk.kid = kid;
    console.log(JSON.stringify(jwk));
  },
};

const [command, ...args] = process.argv.slice(2);
if (!(command in commands)) usage(`command must be one of ${Object.keys(commands).join(", ")}`);
await commands[command](args);
