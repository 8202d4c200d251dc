//! Meaning-level rules: what must warn and, as important, what must not.
//! These read the rules alone; the last test reads what ships, rules and
//! learned model together.

use riserbo_core::{Analyzer, Category, Policy};

fn categories(text: &str) -> Vec<Category> {
    categories_with(Policy::default(), text)
}

fn categories_with(policy: Policy, text: &str) -> Vec<Category> {
    warned(&Analyzer::with_model(policy, None), text)
}

fn warned(analyzer: &Analyzer, text: &str) -> Vec<Category> {
    analyzer
        .analyze(text)
        .into_iter()
        .filter(|f| f.is_blocking())
        .map(|f| f.category)
        .collect()
}

#[test]
fn the_seed_examples_warn() {
    assert!(categories("Non crederete mai a chi è stato scelto per il nuovo appalto del verde pubblico! Vi do solo un indizio: è un'azienda con 'conoscenze'...").contains(&Category::Confidential));
    assert!(categories("Sono iniziate le assunzioni per i nuovi agenti di polizia locale. Ci sono alcuni candidati che non mi convincono per niente...").contains(&Category::Confidential));
}

#[test]
fn speaking_for_the_ente_warns_but_a_disclaimer_does_not() {
    assert_eq!(
        categories("A nome del Comune vi comunico che lo sportello resterà chiuso lunedì"),
        [Category::InstitutionalVoice]
    );
    assert!(categories("Non parlo a nome del Comune, ma la nuova rotonda è bellissima").is_empty());
    assert!(categories("vi comunico ufficialmente che mi sposo!!!").is_empty());
    assert!(categories("A nome di tutta la famiglia grazie per gli auguri").is_empty());
}

#[test]
fn denigration_needs_this_ente_as_target_and_no_negation() {
    assert_eq!(
        categories("Il nostro sindaco è un incompetente totale"),
        [Category::Reputation]
    );
    assert_eq!(categories("IL SINDACO È UN PAGLIACCIO!!!"), [Category::Reputation]);
    assert_eq!(
        categories("lassessore al bilancio e un ladro"),
        [Category::Reputation],
        "missing apostrophe"
    );
    assert!(categories("Il sindaco non è un incompetente, anzi").is_empty());
    // Another city is another Ente when the policy names this one; with
    // no name configured, the Ente the employee names is their own.
    let named = Policy {
        ente_name: "Comune di Cesenatico".into(),
        ..Policy::default()
    };
    let other_city = "Il comune di Roma fa schifo con i rifiuti";
    assert!(categories_with(named.clone(), other_city).is_empty(), "another city");
    assert_eq!(categories(other_city), [Category::Reputation]);
    assert_eq!(
        categories_with(named, "Il comune di Cesenatico fa schifo con i rifiuti"),
        [Category::Reputation]
    );
    assert!(categories("Il governo è un disastro").is_empty(), "national politics");
    assert!(categories("sono un idiota, ho dimenticato le chiavi").is_empty());
}

#[test]
fn published_matters_and_contests_are_not_secrets() {
    assert!(categories("Il Comune ha pubblicato il bando, lo trovate sul sito").is_empty());
    assert!(categories("Iscrizioni aperte al concorso fotografico, partecipate!").is_empty());
    assert!(categories("Posto riservato ai disabili occupato da un SUV").is_empty());
    // A floor of a building is no plan.
    assert!(categories("cena di Natale da Zi' Teresa, sala riservata al piano di sopra").is_empty());
    assert!(categories("la stanza riservata al terzo piano è per chi allatta").is_empty());
    assert_eq!(
        categories("la bozza riservata del piano del traffico ve la giro io"),
        [Category::Confidential]
    );
    assert_eq!(
        categories("Vi anticipo che la delibera sulle tariffe non è ancora pubblicata"),
        [Category::Confidential]
    );
}

#[test]
fn stemming_collisions_do_not_warn() {
    // Snowball reads "bando" like "banda" and "comunico" like "comune".
    assert!(categories("raga il bando e sul sito del comune, cercatelo li").is_empty());
    assert!(categories("Vi comunico che il gruppo di lettura si sposta al giovedì").is_empty());
    // Snowball reads "ordine" like "ordinanza": the derivation tells them apart.
    assert!(categories("Il mio ordine n. 085951 non è ancora arrivato").is_empty());
    assert_eq!(
        categories("l'ordinanza sulla movida non è ancora pubblicata"),
        [Category::Confidential]
    );
    // Snowball reads "patente" like "patentato": a licence insults no one.
    assert!(categories("chi guida col telefono dovrebbe rifare la patente da capo").is_empty());
    assert_eq!(categories("il mio capo è un idiota patentato"), [Category::Reputation]);
}

#[test]
fn the_policy_reserved_terms_warn() {
    let policy = Policy {
        confidential_terms: vec!["Progetto Fenice".into()],
        ..Policy::default()
    };
    let findings = Analyzer::new(policy).analyze("ci vediamo per il progetto fenice domani");
    assert!(
        findings.iter().any(|f| f.rule == "confidential.policy_term"),
        "{findings:?}"
    );
}

#[test]
fn what_ships_flags_the_seed_examples_and_leaves_plain_posts_alone() {
    let shipped = Analyzer::default();
    // The three text examples of doc. 003.
    for (seed, category) in [
        (
            "Non crederete mai a chi è stato scelto per il nuovo appalto del verde pubblico! Vi do solo un indizio: è un'azienda con 'conoscenze'...",
            Category::Confidential,
        ),
        (
            "Sono iniziate le assunzioni per i nuovi agenti di polizia locale. Ci sono alcuni candidati che non mi convincono per niente...",
            Category::Confidential,
        ),
        (
            "Sapete che il signor Bianchi ha ricevuto una multa salatissima? Se lo merita",
            Category::PersonalData,
        ),
    ] {
        assert!(warned(&shipped, seed).contains(&category), "{seed}");
    }
    for plain in [
        "Bella giornata al mare con la famiglia!",
        "Il Comune ha pubblicato il bando, lo trovate sul sito",
        "Forza ragazzi, domani si gioca la finale!",
    ] {
        assert!(warned(&shipped, plain).is_empty(), "{plain}");
    }
}
