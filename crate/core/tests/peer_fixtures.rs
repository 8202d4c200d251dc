//! Valid and invalid examples from the tests and documentation of
//! python-stdnum, python-codicefiscale and Presidio's Italian recognizers,
//! restated as Riserbo fixtures: the facts (which codes are valid) carry
//! over; the expectations are Riserbo's own.

use riserbo_core::{Analyzer, Finding};

fn kinds(text: &str) -> Vec<(String, String)> {
    Analyzer::default()
        .analyze(text)
        .into_iter()
        .map(|f: Finding| (f.kind, text[f.start..f.end].to_string()))
        .collect()
}

fn assert_found(kind: &str, text: &str, matched: &str) {
    let found = kinds(text);
    assert!(
        found.iter().any(|(k, t)| k == kind && t == matched),
        "{kind} `{matched}` not found in `{text}`: {found:?}"
    );
}

fn assert_not_kind(kind: &str, text: &str) {
    let found = kinds(text);
    assert!(
        !found.iter().any(|(k, _)| k == kind),
        "{kind} wrongly found in `{text}`: {found:?}"
    );
}

#[test]
fn codici_fiscali_valid_in_the_peers_tests() {
    for code in [
        "RCCMNL83S18D969H",
        "MRTMTT91D08F205J",
        "MLLSNT82P65Z404U",
        "CNTCHR83T41D969D",
        "BRGSFN81P10L682K",
        "MRTMTT25D09F205Z",
        "CCCFBA85D03L219P",
        "AAAAAA00B11C333Y",
        // Omocodia: the same person's code with digits replaced by letters.
        "CCCFBA85D03L21VE",
        "CCCFBA85D03L2MVP",
        "CCCFBA85D03LNMVE",
        "CCCFBA85D0PLNMVA",
        "CCCFBA85DLPLNMVL",
        "CCCFBA8RDLPLNMVX",
        "CCCFBAURDLPLNMVU",
    ] {
        assert_found("codice_fiscale", &format!("cf {code}"), code);
    }
    assert_found("codice_fiscale", "CCC FBA 85 D03 L219 P", "CCC FBA 85 D03 L219 P");
    assert_found("codice_fiscale", "CCC-FBA-85-D03-L219-P", "CCC-FBA-85-D03-L219-P");
    assert_eq!(kinds("AAAAAA00B11C333Y e AAAAAA00B11C333Y").len(), 2);
}

#[test]
fn codici_fiscali_invalid_in_the_peers_tests() {
    for text in [
        "RCCMNL83S18D969",  // too short
        "AAAAAA00B11C333N", // wrong check letter
        "A55AAA00B11C333N", // digits in the name part
        "AAAAAA - 00B11C333N",
        "MLLSNT82P65Z4049", // check character is a digit
        "MLLSNT82P65Z404D", // wrong check letter
        "MLLSNT82P65Z404J",
        "MLLSNT82X65Z404U",  // no month X
        "CCCFBA85D03L219B",  // wrong check letter
        "CCCFBA85D03L219PP", // too long
        "MLLSNT82P65ZJDS404U",
        "00743110157", // a company's numeric code
    ] {
        assert_not_kind("codice_fiscale", text);
    }
}

#[test]
fn partite_iva_from_the_peers() {
    assert_found("partita_iva", "P.IVA 00743110157", "00743110157");
    assert_found("partita_iva", "partita iva 01333550323", "01333550323");
    assert_found("partita_iva", "IT 00743110157", "IT 00743110157");
    for text in ["P.IVA 00743110158", "P.IVA 00000000000", "P.IVA 00000000001"] {
        assert_not_kind("partita_iva", text);
    }
    // Only the valid one of two.
    let found = kinds("P.IVA 00000000000 e P.IVA 01333550323");
    assert_eq!(found, [("partita_iva".to_string(), "01333550323".to_string())]);
}

#[test]
fn ibans_from_the_peers() {
    assert_found(
        "iban",
        "IBAN GR16 0110 1050 0000 1054 7023 795",
        "GR16 0110 1050 0000 1054 7023 795",
    );
    assert_found("iban", "BE31435411161155", "BE31435411161155");
    assert_not_kind("iban", "BE31435411161156");
}

#[test]
fn identity_documents_from_the_peers() {
    // Shapes Presidio scores near zero without context: Riserbo asks for it.
    assert_found("id_document", "carta d'identità AA1234567", "AA1234567");
    assert_found("id_document", "carta d'identità aa 1234567", "aa 1234567");
    assert_found("id_document", "CIE 1234567Aa", "1234567Aa");
    assert_found("id_document", "CIE AA12345aa", "AA12345aa");
    assert_not_kind("id_document", "AA1234567");
    // Driving licences.
    assert_found("id_document", "patente AA0123456B", "AA0123456B");
    assert_found("id_document", "U1H00B000C", "U1H00B000C");
    assert_found("id_document", "license U1K711J11M here", "U1K711J11M");
    assert_not_kind("id_document", "U1H00A000B");
    assert_not_kind("id_document", "patente 990123456B");
}
