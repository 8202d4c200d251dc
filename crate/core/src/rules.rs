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

    /// The quick fixes offered on this rule's findings, besides ignoring
    /// them. An identifier can be masked in place; a post that speaks for
    /// the Ente or about it can carry the policy's disclaimer, which the
    /// voice and reputation rules read as "personal opinion".
    pub fn fixes(&self) -> &'static [Fix] {
        if self.identifier {
            &[Fix::Mask]
        } else if matches!(self.category, Category::InstitutionalVoice | Category::Reputation) {
            &[Fix::Disclaimer]
        } else {
            &[]
        }
    }

    /// Found by a check digit or a verified picture match: a word the
    /// employee chose not to flag cannot be one of these by mistake, so
    /// their own list never silences them.
    pub fn validated(&self) -> bool {
        matches!(
            self.kind,
            "codice_fiscale" | "partita_iva" | "iban" | "payment_card" | "health_card" | "logo"
        )
    }
}

/// A change to the text the employee can ask for from a finding's card.
/// The extension applies it through the editor's own input path, so it is
/// one undo step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fix {
    /// Replace the identifier with dots, keeping two characters at each end.
    Mask,
    /// Append the policy's `disclaimerText` to the post.
    Disclaimer,
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

pub const CONF_TENDER: Rule = Rule {
    id: "confidential.tender",
    category: Category::Confidential,
    kind: "tender",
    severity: Severity::Warning,
    identifier: false,
    source: "DPR 62/2013 art. 11-ter c.3 e art. 12 c.5; doc. 003 (appalto del verde); doc. 004",
    message_it: "Qui si parla di una gara d'appalto in corso o del suo esito prima che sia pubblico. Sono informazioni d'ufficio: non si diffondono sui social (DPR 62/2013 art. 11-ter c.3).",
    message_en: "This speaks of an ongoing tender or its outcome before it is public. That is office information, not to be shared on social media (DPR 62/2013 art. 11-ter c.3).",
};

pub const CONF_HIRING: Rule = Rule {
    id: "confidential.hiring",
    category: Category::Confidential,
    kind: "hiring",
    severity: Severity::Warning,
    identifier: false,
    source: "DPR 62/2013 art. 11-ter c.3 e art. 12 c.5; doc. 003 (assunzioni di agenti di polizia locale)",
    message_it: "Qui si parla di un concorso o di una selezione in corso, dei candidati o dei loro risultati. Sono informazioni riservate dell'ufficio (DPR 62/2013 art. 12 c.5).",
    message_en: "This speaks of an ongoing hiring competition, its candidates or their results: confidential office information (DPR 62/2013 art. 12 c.5).",
};

pub const CONF_ACT: Rule = Rule {
    id: "confidential.unpublished_act",
    category: Category::Confidential,
    kind: "unpublished_act",
    severity: Severity::Warning,
    identifier: false,
    source: "DPR 62/2013 art. 11-ter c.3 e art. 12 c.5; doc. 001 p.3",
    message_it: "Qui si anticipa un atto non ancora pubblicato (delibera, determina, ordinanza, bozza). Gli atti si conoscono quando l'Ente li pubblica, non prima (DPR 62/2013 art. 11-ter c.3).",
    message_en: "This anticipates an act not yet published (resolution, decision, ordinance, draft). Acts are known when the Ente publishes them, not before (DPR 62/2013 art. 11-ter c.3).",
};

pub const CONF_INTERNAL: Rule = Rule {
    id: "confidential.internal",
    category: Category::Confidential,
    kind: "internal",
    severity: Severity::Warning,
    identifier: false,
    source: "DPR 62/2013 art. 11-ter c.3 e art. 12 c.5; doc. 000; doc. 003; doc. 004",
    message_it: "Qui si diffonde materiale interno (documenti, mail, chat, riunioni interne, foto di pratiche). La corrispondenza e le riunioni interne restano in ufficio (DPR 62/2013 art. 12 c.5; doc. 004).",
    message_en: "This shares internal material (documents, e-mails, chats, internal meetings, photos of files). Internal correspondence and meetings stay in the office (DPR 62/2013 art. 12 c.5; doc. 004).",
};

pub const CONF_INSPECTION: Rule = Rule {
    id: "confidential.inspection",
    category: Category::Confidential,
    kind: "inspection",
    severity: Severity::Warning,
    identifier: false,
    source: "DPR 62/2013 art. 11-ter c.3 e art. 12 c.5",
    message_it: "Qui si parla dell'esito di un'ispezione o di un controllo non ancora reso pubblico. Non si anticipa sui social (DPR 62/2013 art. 11-ter c.3).",
    message_en: "This speaks of the outcome of an inspection or audit not yet made public. It must not be anticipated on social media (DPR 62/2013 art. 11-ter c.3).",
};

pub const CONF_PROTOCOL: Rule = Rule {
    id: "confidential.protocol_number",
    category: Category::Confidential,
    kind: "protocol_number",
    severity: Severity::Warning,
    identifier: false,
    source: "DPR 62/2013 art. 12 c.5; doc. 004 (corrispondenza interna)",
    message_it: "Questo è un numero di protocollo: rimanda a corrispondenza d'ufficio, che non si cita sui social (DPR 62/2013 art. 12 c.5).",
    message_en: "This is a registry (protocollo) number: it points to office correspondence, which is not quoted on social media (DPR 62/2013 art. 12 c.5).",
};

pub const CONF_TERM: Rule = Rule {
    id: "confidential.policy_term",
    category: Category::Confidential,
    kind: "policy_term",
    severity: Severity::Warning,
    identifier: false,
    source: "Social media policy dell'Ente (termini riservati); DPR 62/2013 art. 12 c.5",
    message_it: "Questo termine è indicato come riservato dalla social media policy dell'Ente (per esempio il nome in codice di un progetto). Non usarlo sui social.",
    message_en: "The Ente's social media policy lists this term as reserved (for example a project's code name). Do not use it on social media.",
};

pub const VOICE_ON_BEHALF: Rule = Rule {
    id: "institutional_voice.on_behalf",
    category: Category::InstitutionalVoice,
    kind: "on_behalf",
    severity: Severity::Warning,
    identifier: false,
    source: "DPR 62/2013 art. 11-ter c.1; doc. 000; doc. 001 p.6; doc. 003",
    message_it: "Qui parli a nome dell'Ente da un profilo personale. Le opinioni personali non devono essere attribuibili all'amministrazione e i profili personali non servono per dichiarazioni ufficiali (DPR 62/2013 art. 11-ter c.1).",
    message_en: "Here you speak for the Ente from a personal profile. Personal opinions must not be attributable to the administration, and personal profiles are not for official statements (DPR 62/2013 art. 11-ter c.1).",
};

pub const VOICE_ANNOUNCEMENT: Rule = Rule {
    id: "institutional_voice.official_announcement",
    category: Category::InstitutionalVoice,
    kind: "official_announcement",
    severity: Severity::Warning,
    identifier: false,
    source: "DPR 62/2013 art. 11-ter c.1 e c.3; doc. 000",
    message_it: "Questo sembra un annuncio o una risposta ufficiale dell'ufficio. Le comunicazioni di servizio passano dai canali istituzionali, non dal profilo personale (DPR 62/2013 art. 11-ter c.3).",
    message_en: "This reads as an official announcement or reply of the office. Service communications go through the institutional channels, not a personal profile (DPR 62/2013 art. 11-ter c.3).",
};

pub const VOICE_PRESS: Rule = Rule {
    id: "institutional_voice.press",
    category: Category::InstitutionalVoice,
    kind: "press",
    severity: Severity::Warning,
    identifier: false,
    source: "DPR 62/2013 art. 11-ter; doc. 000; doc. 001 p.4",
    message_it: "Qui racconti rapporti diretti con la stampa sull'attività dell'ufficio. I rapporti con i media passano dall'ufficio stampa e dal dirigente (doc. 000; doc. 001 p.4).",
    message_en: "This tells of direct dealings with the press about the office's work. Media relations go through the press office and the manager (doc. 000; doc. 001 p.4).",
};

pub const VOICE_CHANNEL: Rule = Rule {
    id: "institutional_voice.official_channel",
    category: Category::InstitutionalVoice,
    kind: "official_channel",
    severity: Severity::Warning,
    identifier: false,
    source: "DPR 62/2013 art. 11-ter; doc. 004",
    message_it: "Qui apri o presenti una pagina o un gruppo a nome dell'Ente o di un suo ufficio. Le pagine istituzionali le autorizza l'Ente (doc. 004).",
    message_en: "This opens or presents a page or group in the name of the Ente or one of its offices. Institutional pages are authorised by the Ente (doc. 004).",
};

pub const REP_DENIGRATION: Rule = Rule {
    id: "reputation.denigration",
    category: Category::Reputation,
    kind: "denigration",
    severity: Severity::Warning,
    identifier: false,
    source: "DPR 62/2013 art. 11-ter c.2; doc. 001 p.1, p.5, p.8; doc. 004",
    message_it: "Qui si offende o si denigra l'amministrazione, i suoi rappresentanti o i colleghi. Il dipendente evita commenti che nuocciono al prestigio e all'immagine dell'Ente (DPR 62/2013 art. 11-ter c.2); la critica resta possibile nei modi e nelle sedi giuste.",
    message_en: "This insults or denigrates the administration, its representatives or colleagues. Employees avoid comments that harm the Ente's prestige and image (DPR 62/2013 art. 11-ter c.2); criticism remains possible in the right form and place.",
};

pub const REP_THREAT: Rule = Rule {
    id: "reputation.threat",
    category: Category::Reputation,
    kind: "threat",
    severity: Severity::Critical,
    identifier: false,
    source: "DPR 62/2013 art. 11-ter c.2; doc. 004 (messaggi minatori)",
    message_it: "Qui c'è una minaccia verso un rappresentante dell'Ente o un collega. Messaggi minatori non sono mai ammessi (doc. 004) e possono avere rilievo penale.",
    message_en: "This contains a threat against a representative of the Ente or a colleague. Threatening messages are never allowed (doc. 004) and may be a criminal matter.",
};

pub const PD_LEARNED: Rule = Rule {
    id: "personal_data.learned",
    category: Category::PersonalData,
    kind: "learned",
    severity: Severity::Warning,
    identifier: false,
    source: "DPR 62/2013 art. 12 c.5; Reg. UE 2016/679; doc. 001 p.3; doc. 003",
    message_it: "Questo passaggio sembra parlare di una persona riconoscibile e di una sua vicenda (una pratica, un beneficio, una multa, la salute, la famiglia) conosciuta per lavoro. Anche senza nome o numeri, se la persona si riconosce è un dato personale che non si pubblica (DPR 62/2013 art. 12 c.5).",
    message_en: "This passage seems to tell of an identifiable person and their affairs (a file, a benefit, a fine, their health, their family) known through work. Even without a name or a number, if the person can be recognised it is personal data not to be published (DPR 62/2013 art. 12 c.5).",
};

pub const CONF_LEARNED: Rule = Rule {
    id: "confidential.learned",
    category: Category::Confidential,
    kind: "learned",
    severity: Severity::Warning,
    identifier: false,
    source: "DPR 62/2013 art. 11-ter c.3 e art. 12 c.5; doc. 003; doc. 004",
    message_it: "Questo passaggio sembra rivelare un'informazione d'ufficio non ancora pubblica (una decisione, una riunione interna, una gara, un concorso, un controllo). Quello che si sa per lavoro si conosce quando l'Ente lo pubblica, non prima (DPR 62/2013 art. 11-ter c.3).",
    message_en: "This passage seems to reveal office information that is not public yet (a decision, an internal meeting, a tender, a hiring competition, an inspection). What is known through work is known when the Ente publishes it, not before (DPR 62/2013 art. 11-ter c.3).",
};

pub const VOICE_LEARNED: Rule = Rule {
    id: "institutional_voice.learned",
    category: Category::InstitutionalVoice,
    kind: "learned",
    severity: Severity::Warning,
    identifier: false,
    source: "DPR 62/2013 art. 11-ter c.1 e c.3; doc. 000; doc. 001 p.4 e p.6",
    message_it: "Questo passaggio sembra parlare a nome dell'Ente o dell'ufficio (un annuncio, una risposta ufficiale, una dichiarazione alla stampa) da un profilo personale. Le comunicazioni dell'Ente passano dai canali istituzionali (DPR 62/2013 art. 11-ter c.1 e c.3).",
    message_en: "This passage seems to speak for the Ente or the office (an announcement, an official reply, a statement to the press) from a personal profile. The Ente speaks through its institutional channels (DPR 62/2013 art. 11-ter c.1 and c.3).",
};

pub const REP_LEARNED: Rule = Rule {
    id: "reputation.learned",
    category: Category::Reputation,
    kind: "learned",
    severity: Severity::Warning,
    identifier: false,
    source: "DPR 62/2013 art. 11-ter c.2; doc. 001 p.1, p.5, p.8; doc. 004",
    message_it: "Questo passaggio sembra denigrare l'amministrazione, chi la guida o i colleghi. Il dipendente evita dichiarazioni che nuocciono al prestigio e all'immagine dell'Ente (DPR 62/2013 art. 11-ter c.2); la critica resta possibile nei modi e nelle sedi giuste.",
    message_en: "This passage seems to denigrate the administration, its leaders or colleagues. Employees avoid statements that harm the Ente's prestige and image (DPR 62/2013 art. 11-ter c.2); criticism remains possible in the right form and place.",
};

pub const LOGO: Rule = Rule {
    id: "logo.ente",
    category: Category::Logo,
    kind: "logo",
    severity: Severity::Critical,
    identifier: false,
    source: "DPR 62/2013 art. 11-ter; doc. 003 (no logo del Comune nei profili personali); doc. 004",
    message_it: "Questa immagine contiene il logo dell'Ente. Il logo e i simboli ufficiali dell'Ente non si usano su profili e post personali (doc. 003; doc. 004).",
    message_en: "This picture contains the Ente's logo. The Ente's logo and official symbols are not used on personal profiles and posts (doc. 003; doc. 004).",
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
    &CONF_TENDER,
    &CONF_HIRING,
    &CONF_ACT,
    &CONF_INTERNAL,
    &CONF_INSPECTION,
    &CONF_PROTOCOL,
    &CONF_TERM,
    &VOICE_ON_BEHALF,
    &VOICE_ANNOUNCEMENT,
    &VOICE_PRESS,
    &VOICE_CHANNEL,
    &REP_DENIGRATION,
    &REP_THREAT,
    &PD_LEARNED,
    &CONF_LEARNED,
    &VOICE_LEARNED,
    &REP_LEARNED,
    &LOGO,
];

/// The rule with this id, if any.
pub fn by_id(id: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.id == id)
}
