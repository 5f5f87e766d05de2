#!/usr/bin/python3
"""PyJWT JWK/JWKS peer for jwtcraft's interop test (tests/interop_pyjwt_jwk.rs).

Run with the Python that has PyJWT and cryptography (Debian: /usr/bin/python3 with
python3-jwt and python3-cryptography). No network, no state; every answer is one JSON
document on stdout.

Commands:

  check
      Prints "pyjwt <version> cryptography <version>"; exits 0 if both import.

  jwks-verify <jwks-json> <token> <alg>
      Loads <jwks-json> with jwt.PyJWKSet.from_json, picks the key named by the token's
      (unverified) kid, verifies with algorithms=[alg] and prints
      {"claims": ..., "kid": ..., "kids": [kids PyJWT kept], "thumbprint": RFC 7638 of the
      selected JWK as PyJWT holds it}. If PyJWKSet refuses the whole set, or the token does
      not verify, prints the exception class and message to stderr and exits 1.

  export <alg> <key> <claims-json> <kid>
      PyJWT exports a key as JWK and signs a token with it. <alg> is any algorithm PyJWT 2.6
      implements (HS*, RS*, PS*, ES256/384/512, EdDSA). <key> is the secret in hex for HS*,
      or a PEM private key file for the others. Prints
      {"private": to_jwk(private or secret), "public": to_jwk(public) or null,
       "token": jwt.encode(claims, key, alg, headers={"kid": kid}),
       "thumbprint": RFC 7638 thumbprint of the public (or secret) JWK}.

  short-ec <claims-json>
      Generates throwaway P-256 keys until one has an x or y coordinate below 2^248, i.e. one
      for which PyJWT 2.6's ECAlgorithm.to_jwk writes a 31-byte coordinate. Prints
      {"private": ..., "public": ..., "token": a token it signed, "tries": n,
       "pyjwt_reimports": whether PyJWT's own ECAlgorithm.from_jwk accepts that JWK}.

  thumbprint <jwk-json>
      Prints {"thumbprint": ...}: RFC 7638 over the required members of <jwk-json>.

RFC 7638 thumbprints are computed here with hashlib, because PyJWT 2.6 has no thumbprint
function: the required members of the key type, sorted, no whitespace, SHA-256, base64url.

Exit codes: 0 success, 1 PyJWT refused, 2 usage or environment error.
"""

import base64
import hashlib
import json
import sys

REQUIRED = {
    "RSA": ("e", "kty", "n"),
    "EC": ("crv", "kty", "x", "y"),
    "OKP": ("crv", "kty", "x"),
    "oct": ("k", "kty"),
}


def fail_usage(message):
    print("usage error: " + message, file=sys.stderr)
    sys.exit(2)


def refuse(exc):
    print("%s: %s" % (type(exc).__name__, exc), file=sys.stderr)
    sys.exit(1)


def out(obj):
    print(json.dumps(obj, separators=(",", ":")))


def thumbprint(jwk):
    """RFC 7638 §3: the required members only, lexicographic order, no whitespace."""
    if isinstance(jwk, str):
        jwk = json.loads(jwk)
    names = REQUIRED.get(jwk.get("kty"))
    if names is None:
        return None
    canonical = json.dumps(
        {name: jwk[name] for name in names}, separators=(",", ":"), sort_keys=True
    )
    digest = hashlib.sha256(canonical.encode("utf-8")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def cmd_check(_args):
    import cryptography
    import jwt

    print("pyjwt %s cryptography %s" % (jwt.__version__, cryptography.__version__))


def cmd_jwks_verify(args):
    import jwt

    if len(args) != 3:
        fail_usage("jwks-verify <jwks-json> <token> <alg>")
    jwks_json, token, alg = args
    try:
        jwks = jwt.PyJWKSet.from_json(jwks_json)
        kid = jwt.get_unverified_header(token).get("kid")
        key = jwks[kid]
        claims = jwt.decode(
            token,
            key.key,
            algorithms=[alg],
            options={"verify_signature": True},
        )
    except Exception as e:  # noqa: BLE001 - any refusal is reported, by class name
        refuse(e)
    out(
        {
            "claims": claims,
            "kid": kid,
            "kids": [k.key_id for k in jwks.keys],
            # PyJWK keeps the JWK it was given; hash PyJWT's copy, not ours.
            "thumbprint": thumbprint(key._jwk_data),
        }
    )


def load_private(alg, arg):
    if alg.startswith("HS"):
        try:
            return bytes.fromhex(arg)
        except ValueError:
            fail_usage(alg + " key must be hex")
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    with open(arg, "rb") as f:
        return load_pem_private_key(f.read(), password=None)


def algorithm_class(alg):
    from jwt import algorithms

    classes = {"EdDSA": algorithms.OKPAlgorithm}
    for bits in ("256", "384", "512"):
        classes["HS" + bits] = algorithms.HMACAlgorithm
        classes["RS" + bits] = algorithms.RSAAlgorithm
        classes["PS" + bits] = algorithms.RSAPSSAlgorithm
        classes["ES" + bits] = algorithms.ECAlgorithm
    return classes.get(alg) or fail_usage("unsupported alg " + alg)


def cmd_export(args):
    import jwt

    if len(args) != 4:
        fail_usage("export <alg> <key> <claims-json> <kid>")
    alg, key_arg, claims_json, kid = args
    cls = algorithm_class(alg)
    key = load_private(alg, key_arg)
    private = json.loads(cls.to_jwk(key))
    public = None if alg.startswith("HS") else json.loads(cls.to_jwk(key.public_key()))
    token = jwt.encode(json.loads(claims_json), key, algorithm=alg, headers={"kid": kid})
    out(
        {
            "private": private,
            "public": public,
            "token": token,
            "thumbprint": thumbprint(public or private),
        }
    )


def cmd_short_ec(args):
    import jwt
    from cryptography.hazmat.primitives.asymmetric import ec

    if len(args) != 1:
        fail_usage("short-ec <claims-json>")
    limit = 1 << 248
    for tries in range(1, 20001):
        key = ec.generate_private_key(ec.SECP256R1())
        numbers = key.public_key().public_numbers()
        if numbers.x < limit or numbers.y < limit:
            break
    else:
        fail_usage("no short coordinate in 20000 keys")
    private = jwt.algorithms.ECAlgorithm.to_jwk(key)
    try:
        jwt.algorithms.ECAlgorithm.from_jwk(private)
        reimports = True
    except jwt.exceptions.InvalidKeyError:
        reimports = False
    out(
        {
            "private": json.loads(private),
            "public": json.loads(jwt.algorithms.ECAlgorithm.to_jwk(key.public_key())),
            "token": jwt.encode(json.loads(args[0]), key, algorithm="ES256"),
            "tries": tries,
            "pyjwt_reimports": reimports,
        }
    )


def cmd_thumbprint(args):
    if len(args) != 1:
        fail_usage("thumbprint <jwk-json>")
    out({"thumbprint": thumbprint(args[0])})


COMMANDS = {
    "check": cmd_check,
    "jwks-verify": cmd_jwks_verify,
    "export": cmd_export,
    "short-ec": cmd_short_ec,
    "thumbprint": cmd_thumbprint,
}


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        fail_usage("command must be one of: " + ", ".join(sorted(COMMANDS)))
    try:
        COMMANDS[sys.argv[1]](sys.argv[2:])
    except ImportError as e:
        print("ImportError: %s" % e, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
