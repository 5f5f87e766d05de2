//! A minimal DER reader, to pull key components out of the fixture files for the
//! `from_components`, `from_coordinates` and `from_scalar` constructors, and to take the DER
//! out of a PEM document.

/// The DER bytes inside a PEM document (standard base64 between the armour lines).
#[track_caller]
pub(crate) fn pem_to_der(pem: &str) -> Vec<u8> {
    use base64::Engine as _;
    let body: String = pem
        .lines()
        .filter(|line| !line.starts_with("-----"))
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .expect("PEM body is base64")
}

/// Reads one DER TLV: returns `(tag, contents, rest)`.
#[track_caller]
pub(crate) fn der_tlv(input: &[u8]) -> (u8, &[u8], &[u8]) {
    let tag = input[0];
    let (len, header) = match input[1] {
        short @ 0..=0x7f => (usize::from(short), 2),
        0x81 => (usize::from(input[2]), 3),
        0x82 => (usize::from(input[2]) << 8 | usize::from(input[3]), 4),
        other => panic!("unsupported DER length byte {other:#x}"),
    };
    (tag, &input[header..header + len], &input[header + len..])
}

/// The elements of a DER SEQUENCE, as `(tag, contents)`.
#[track_caller]
pub(crate) fn der_sequence(input: &[u8]) -> Vec<(u8, &[u8])> {
    let (tag, mut body, _) = der_tlv(input);
    assert_eq!(tag, 0x30, "expected a SEQUENCE");
    let mut items = Vec::new();
    while !body.is_empty() {
        let (tag, contents, rest) = der_tlv(body);
        items.push((tag, contents));
        body = rest;
    }
    items
}

/// A DER INTEGER's magnitude without its sign-padding zero byte.
pub(crate) fn unsigned(integer: &[u8]) -> &[u8] {
    match integer {
        [0, rest @ ..] if !rest.is_empty() => rest,
        other => other,
    }
}

/// `[n, e, d, p, q]` of a PKCS#1 `RSAPrivateKey`.
#[track_caller]
pub(crate) fn rsa_private_components(pkcs1_der: &[u8]) -> [Vec<u8>; 5] {
    let items = der_sequence(pkcs1_der);
    assert!(items.iter().all(|(tag, _)| *tag == 0x02));
    std::array::from_fn(|i| unsigned(items[i + 1].1).to_vec())
}

/// `[n, e]` of a PKCS#1 `RSAPublicKey`.
#[track_caller]
pub(crate) fn rsa_public_components(pkcs1_der: &[u8]) -> [Vec<u8>; 2] {
    let items = der_sequence(pkcs1_der);
    std::array::from_fn(|i| unsigned(items[i].1).to_vec())
}

/// The PKCS#1 `RSAPrivateKey` inside a PKCS#8 `PrivateKeyInfo`.
#[track_caller]
pub(crate) fn pkcs8_inner(pkcs8_der: &[u8]) -> &[u8] {
    let items = der_sequence(pkcs8_der);
    let (tag, inner) = items[2];
    assert_eq!(tag, 0x04, "privateKey OCTET STRING");
    inner
}

/// The subject public key (after the unused-bits byte) inside an SPKI.
#[track_caller]
pub(crate) fn spki_key(spki_der: &[u8]) -> &[u8] {
    let items = der_sequence(spki_der);
    let (tag, bits) = items[1];
    assert_eq!(tag, 0x03, "subjectPublicKey BIT STRING");
    assert_eq!(bits[0], 0, "no unused bits");
    &bits[1..]
}
