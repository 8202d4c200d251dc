//! The catalogue of rules: what each detector enforces, where the rule comes
//! from and how it is explained to the employee.
//!
//! Rule ids are stable: the managed policy refers to them (severity
//! overrides), the extension stores them (ignored findings), and tests pin
//! them. Sources cite the law and the documents in `shared/seeds/` by their
//! number (doc. 000–004), so an employee can always look the rule up.

use crate::{Category, Severity};

/// One rule an employee can break.
#[derive(Debug)]
pub struct Rule {
    pub id: &'static str,
    pub category: Category,
    pub kind: &'static str,
    /// Severity before context and the policy's overrides.
    pub severity: Severity,
    /// An identifier (a code, a number, an address book entry): where two
    /// identifiers overlap, only the stronger one is reported. Phrase-level
    /// rules may contain identifiers and are kept beside them.
    pub identifier: bool,
    pub source: &'static str,
    pub message_it: &'static str,
    pub message_en: &'static str,
}

impl Rule {
    pub fn message(&self, language: &str) -> &'static str {
        if language == "en" {
            self.message_en
        } else {
            self.message_it
        }
    }
}

pub const CODICE_FISCALE: Rule = Rule {
    id: "personal_data.codice_fiscale",
    category: Category::PersonalData,
    kind: "codice_fiscale",
    severity: Severity::Critical,
    identifier: true,
    source: "DPR 62/2013 art. 12 c.5 e art. 11-ter c.3; Reg. UE 2016/679; doc. 001 p.3",
    message_it: "Questo è un codice fiscale valido: identifica una persona. Un dato personale conosciuto per ragioni d'ufficio non si pubblica sui social (DPR 62/2013 art. 12 c.5).",
    message_en: "This is a valid Italian tax code: it identifies a person. Personal data learnt at work must not be published on social media (DPR 62/2013 art. 12 c.5).",
};

pub const PARTITA_IVA: Rule = Rule {
    id: "personal_data.partita_iva",
    category: Category::PersonalData,
    kind: "partita_iva",
    severity: Severity::Critical,
    identifier: true,
    source: "DPR 62/2013 art. 12 c.5; doc. 001 p.3; doc. 004",
    message_it: "Questa è una partita IVA valida: per una ditta individuale identifica una persona. Non diffondere dati di terzi conosciuti per ufficio (DPR 62/2013 art. 12 c.5).",
    message_en: "This is a valid Italian VAT number: for a sole trader it identifies a person. Do not disclose third parties' data learnt at work (DPR 62/2013 art. 12 c.5).",
};

pub const IBAN: Rule = Rule {
    id: "personal_data.iban",
    category: Category::PersonalData,
    kind: "iban",
    severity: Severity::Critical,
    identifier: true,
    source: "DPR 62/2013 art. 12 c.5; Reg. UE 2016/679; doc. 001 p.3",
    message_it: "Questo è un IBAN valido: un conto corrente è un dato personale e finanziario. Non si pubblica (DPR 62/2013 art. 12 c.5).",
    message_en: "This is a valid IBAN: a bank account is personal and financial data. It must not be published (DPR 62/2013 art. 12 c.5).",
};

pub const PAYMENT_CARD: Rule = Rule {
    id: "personal_data.payment_card",
    category: Category::PersonalData,
    kind: "payment_card",
    severity: Severity::Critical,
    identifier: true,
    source: "DPR 62/2013 art. 12 c.5; Reg. UE 2016/679; doc. 001 p.3",
    message_it: "Questo sembra il numero di una carta di pagamento (cifra di controllo valida). Non pubblicarlo mai (DPR 62/2013 art. 12 c.5).",
    message_en: "This looks like a payment card number (valid check digit). Never publish it (DPR 62/2013 art. 12 c.5).",
};

pub const PHONE: Rule = Rule {
    id: "personal_data.phone",
    category: Category::PersonalData,
    kind: "phone",
    severity: Severity::Warning,
    identifier: true,
    source: "DPR 62/2013 art. 12 c.5; Reg. UE 2016/679; doc. 001 p.3",
    message_it: "Questo è un numero di telefono: se è di un cittadino o di un collega, è un dato personale che non si pubblica senza consenso (DPR 62/2013 art. 12 c.5).",
    message_en: "This is a phone number: if it belongs to a citizen or a colleague, it is personal data not to be published without consent (DPR 62/2013 art. 12 c.5).",
};

pub const EMAIL: Rule = Rule {
    id: "personal_data.email",
    category: Category::PersonalData,
    kind: "email",
    severity: Severity::Warning,
    identifier: true,
    source: "DPR 62/2013 art. 12 c.5; Reg. UE 2016/679; doc. 001 p.3",
    message_it: "Questo è un indirizzo e-mail (o PEC): se è di una persona, è un dato personale che non si pubblica senza consenso (DPR 62/2013 art. 12 c.5).",
    message_en: "This is an e-mail (or PEC) address: if it belongs to a person, it is personal data not to be published without consent (DPR 62/2013 art. 12 c.5).",
};

pub const LICENSE_PLATE: Rule = Rule {
    id: "personal_data.license_plate",
    category: Category::PersonalData,
    kind: "license_plate",
    severity: Severity::Warning,
    identifier: true,
    source: "DPR 62/2013 art. 12 c.5; Reg. UE 2016/679; doc. 001 p.3",
    message_it: "Questa è una targa: permette di risalire al proprietario del veicolo. Non pubblicare targhe viste per lavoro, per esempio in un verbale (DPR 62/2013 art. 12 c.5).",
    message_en: "This is a licence plate: it leads to the vehicle's owner. Do not publish plates seen at work, for example in a fine (DPR 62/2013 art. 12 c.5).",
};

pub const ID_DOCUMENT: Rule = Rule {
    id: "personal_data.id_document",
    category: Category::PersonalData,
    kind: "id_document",
    severity: Severity::Critical,
    identifier: true,
    source: "DPR 62/2013 art. 12 c.5; Reg. UE 2016/679; doc. 001 p.3",
    message_it: "Questo sembra il numero di un documento d'identità (carta d'identità, passaporto o patente). Non si pubblica (DPR 62/2013 art. 12 c.5).",
    message_en: "This looks like an identity document number (ID card, passport or driving licence). It must not be published (DPR 62/2013 art. 12 c.5).",
};

pub const HEALTH_CARD: Rule = Rule {
    id: "personal_data.health_card",
    category: Category::PersonalData,
    kind: "health_card",
    severity: Severity::Critical,
    identifier: true,
    source: "DPR 62/2013 art. 12 c.5; Reg. UE 2016/679 art. 9; doc. 001 p.3",
    message_it: "Questo è il numero di una tessera sanitaria: identifica una persona e il suo accesso alle cure. Non si pubblica (DPR 62/2013 art. 12 c.5).",
    message_en: "This is a health insurance card number: it identifies a person and their access to care. It must not be published (DPR 62/2013 art. 12 c.5).",
};

pub const ADDRESS: Rule = Rule {
    id: "personal_data.address",
    category: Category::PersonalData,
    kind: "address",
    severity: Severity::Warning,
    identifier: false,
    source: "DPR 62/2013 art. 12 c.5; Reg. UE 2016/679; doc. 001 p.1 e p.3",
    message_it: "Questo è l'indirizzo di casa di una persona: insieme al nome la rende rintracciabile. Non pubblicarlo (DPR 62/2013 art. 12 c.5).",
    message_en: "This is a person's home address: with their name it makes them traceable. Do not publish it (DPR 62/2013 art. 12 c.5).",
};

pub const HEALTH: Rule = Rule {
    id: "personal_data.health",
    category: Category::PersonalData,
    kind: "health",
    severity: Severity::Critical,
    identifier: false,
    source: "DPR 62/2013 art. 12 c.5; Reg. UE 2016/679 art. 9; doc. 001 p.1",
    message_it: "Qui si parla della salute di una persona riconoscibile (malattia, disabilità, cure): è un dato particolare, tutelato più di tutti gli altri. Non pubblicarlo (DPR 62/2013 art. 12 c.5; GDPR art. 9).",
    message_en: "This speaks of an identifiable person's health (illness, disability, treatment): special-category data, protected above all others. Do not publish it (DPR 62/2013 art. 12 c.5; GDPR art. 9).",
};

pub const NAMED_PARTY: Rule = Rule {
    id: "personal_data.named_party",
    category: Category::PersonalData,
    kind: "named_party",
    severity: Severity::Warning,
    identifier: false,
    source: "DPR 62/2013 art. 11-ter c.3 e art. 12 c.5; doc. 001 p.3; doc. 003; doc. 004",
    message_it: "Qui una persona riconoscibile è collegata a una pratica dell'Ente (multa, domanda, contributo, servizi sociali): è un'informazione d'ufficio che non si diffonde (DPR 62/2013 art. 12 c.5).",
    message_en: "This ties an identifiable person to a matter handled by the Ente (a fine, an application, a benefit, social services): office information not to be disclosed (DPR 62/2013 art. 12 c.5).",
};

/// Every rule, for listing and for validating policy overrides.
pub const ALL: &[&Rule] = &[
    &CODICE_FISCALE,
    &PARTITA_IVA,
    &IBAN,
    &PAYMENT_CARD,
    &PHONE,
    &EMAIL,
    &LICENSE_PLATE,
    &ID_DOCUMENT,
    &HEALTH_CARD,
    &ADDRESS,
    &HEALTH,
    &NAMED_PARTY,
];

/// The rule with this id, if any.
pub fn by_id(id: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.id == id)
}
