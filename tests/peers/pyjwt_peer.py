#!/usr/bin/python3
"""PyJWT peer for jwtcraft's interop tests (tests/interop_pyjwt.rs).

Run with the Python that has PyJWT and cryptography (Debian: /usr/bin/python3 with
python3-jwt and python3-cryptography). No network, no state; every answer goes to stdout.

Commands:

  check
      Prints "pyjwt <version> cryptography <version>"; exits 0 if both import.

  sign <alg> <key> <claims-json> [kid] [extra-headers-json]
      Prints a compact token signed by PyJWT.
      <alg> is HS256/384/512, RS256/384/512, PS256/384/512, ES256/384/512 or EdDSA (PyJWT
      2.6 does not know the RFC 9864 name Ed25519).
      <key> is the secret in hex for HS*, a PEM private key file for the others, or the
      word "generate" for a fresh throwaway key of the right type (a key nobody else has).
      <claims-json> is a JSON object, or "-" to read it from stdin. <kid> may be "-" for
      none. <extra-headers-json> is a JSON object merged into the header.

  verify <alg> <key> <token> <audience> <issuer>
      Verifies with PyJWT (signature always checked, algorithms=[alg]) and prints the
      claims as JSON. <key> is the secret in hex for HS*, a PEM public key file for the
      others. <audience>/<issuer> may be "-" to leave that check off.
      On failure prints the exception class name (then its message) to stderr, exits 1.

  header <token>
      Prints the token's header as PyJWT reads it (unverified), as JSON.

Exit codes: 0 success, 1 PyJWT refused the token, 2 usage or environment error.
"""

import json
import sys


def fail_usage(message):
    print("usage error: " + message, file=sys.stderr)
    sys.exit(2)


HMAC = ("HS256", "HS384", "HS512")
RSA = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512")
# The curve of each ECDSA algorithm, by name in `cryptography`.
EC_CURVES = {"ES256": "SECP256R1", "ES384": "SECP384R1", "ES512": "SECP521R1"}


def load_key(alg, arg, private):
    if alg in HMAC:
        if arg == "generate":
            import os

            return os.urandom(64)
        try:
            return bytes.fromhex(arg)
        except ValueError:
            fail_usage(alg + " key must be hex")
    if alg not in RSA and alg not in EC_CURVES and alg != "EdDSA":
        fail_usage("unsupported alg " + alg)
    if arg == "generate":
        if not private:
            fail_usage("'generate' only makes sense for signing")
        if alg in RSA:
            from cryptography.hazmat.primitives.asymmetric import rsa

            return rsa.generate_private_key(public_exponent=65537, key_size=2048)
        if alg == "EdDSA":
            from cryptography.hazmat.primitives.asymmetric import ed25519

            return ed25519.Ed25519PrivateKey.generate()
        from cryptography.hazmat.primitives.asymmetric import ec

        return ec.generate_private_key(getattr(ec, EC_CURVES[alg])())
    with open(arg, "rb") as f:
        # PyJWT accepts PEM bytes and parses them itself.
        return f.read()


def cmd_check(_args):
    import cryptography
    import jwt

    print("pyjwt %s cryptography %s" % (jwt.__version__, cryptography.__version__))


def cmd_sign(args):
    import jwt

    if len(args) not in (3, 4, 5):
        fail_usage("sign <alg> <key> <claims-json> [kid] [extra-headers-json]")
    alg, key_arg, claims_arg = args[0], args[1], args[2]
    kid = args[3] if len(args) >= 4 and args[3] != "-" else None
    headers = json.loads(args[4]) if len(args) == 5 else {}
    claims = json.loads(sys.stdin.read() if claims_arg == "-" else claims_arg)
    if kid is not None:
        headers["kid"] = kid
    key = load_key(alg, key_arg, private=True)
    print(jwt.encode(claims, key, algorithm=alg, headers=headers or None))


def cmd_verify(args):
    import jwt

    if len(args) != 5:
        fail_usage("verify <alg> <key> <token> <audience> <issuer>")
    alg, key_arg, token, audience, issuer = args
    key = load_key(alg, key_arg, private=False)
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=[alg],
            audience=None if audience == "-" else audience,
            issuer=None if issuer == "-" else issuer,
            # Spelled out so nobody "simplifies" it away: the signature is always checked.
            options={"verify_signature": True},
        )
    except Exception as e:  # noqa: BLE001 - any refusal is reported, by class name
        print("%s: %s" % (type(e).__name__, e), file=sys.stderr)
        sys.exit(1)
    print(json.dumps(claims, separators=(",", ":")))


def cmd_header(args):
    import jwt

    if len(args) != 1:
        fail_usage("header <token>")
    print(json.dumps(jwt.get_unverified_header(args[0]), separators=(",", ":")))


COMMANDS = {"check": cmd_check, "sign": cmd_sign, "verify": cmd_verify, "header": cmd_header}


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
