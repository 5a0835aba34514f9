//! Table-driven matcher tests: one `check(text, expected)` helper over many cases, positive and
//! negative, against a small data set written for the purpose.

use crate::{DataSource, Gazetteer, Role};

const DATA: &str = r#"[
    (id: "GBR", entity_type: country, label: "United Kingdom",
     aliases: ["United Kingdom", "UK", "the UK", "Britain"], demonyms: ["British"]),
    (id: "IRN", entity_type: country, label: "Iran",
     aliases: ["Iran", "Islamic Republic"], demonyms: ["Iranian", "Iranians"], metonyms: ["Tehran"]),
    (id: "ISR", entity_type: country, label: "Israel",
     aliases: ["Israel"], demonyms: ["Israeli", "Israelis"], metonyms: ["Jerusalem", "Tel Aviv"]),
    (id: "RUS", entity_type: country, label: "Russia",
     aliases: ["Russia"], demonyms: ["Russian"], metonyms: ["Moscow", "Kremlin"]),
    (id: "SYR", entity_type: country, label: "Syria", aliases: ["Syria"], demonyms: ["Syrian"]),
    (id: "TUR", entity_type: country, label: "Turkey", aliases: ["Turkey", "Türkiye"]),
    (id: "UKR", entity_type: country, label: "Ukraine", aliases: ["Ukraine"]),
    (id: "USA", entity_type: country, label: "United States",
     aliases: ["United States", "U.S.", "US"], metonyms: ["White House", "Washington"]),
    (id: "idf", entity_type: organization, label: "Israel Defense Forces",
     aliases: ["Israel Defense Forces", "IDF"], affiliation: "ISR"),
    (id: "jerusalem-post", entity_type: media, label: "The Jerusalem Post",
     aliases: ["Jerusalem Post"], affiliation: "ISR"),
    (id: "amir-saeid-iravani", entity_type: person, label: "Amir Saeid Iravani",
     aliases: ["Amir Saeid Iravani"], surnames: ["Iravani"], affiliation: "IRN"),
    (id: "avigdor-liberman", entity_type: person, label: "Avigdor Liberman",
     aliases: ["Avigdor Liberman", "Avgidor Liberman"], surnames: ["Liberman", "Lieberman"],
     affiliation: "ISR"),
    (id: "bashar-al-assad", entity_type: person, label: "Bashar al-Assad",
     aliases: ["Bashar al-Assad", "Bashar Assad"], surnames: ["Assad"], affiliation: "SYR"),
    (id: "hafez-al-assad", entity_type: person, label: "Hafez al-Assad",
     aliases: ["Hafez al-Assad"], surnames: ["Assad"], affiliation: "SYR"),
    (id: "levan-dzhagaryan", entity_type: person, label: "Levan Dzhagaryan",
     aliases: ["Levan Dzhagaryan", "Леван Джагарян"], surnames: ["Dzhagaryan", "Dzhagarian"],
     affiliation: "RUS"),
    (id: "JOR", entity_type: country, label: "Jordan", aliases: ["Jordan"],
     demonyms: ["Jordanian"], metonyms: ["Amman"], ambiguous: ["Jordan"]),
    (id: "GEO", entity_type: country, label: "Georgia", aliases: ["Georgia"],
     demonyms: ["Georgian"], metonyms: ["Tbilisi"], ambiguous: ["Georgia", "Georgian"]),
    (id: "LBN", entity_type: country, label: "Lebanon", aliases: ["Lebanon"], ambiguous: ["Lebanon"]),
    (id: "KOR", entity_type: country, label: "South Korea", aliases: ["South Korea"],
     demonyms: ["Korean"], ambiguous: ["Korean"]),
    (id: "PRK", entity_type: country, label: "North Korea", aliases: ["North Korea"],
     demonyms: ["Korean"], ambiguous: ["Korean"]),
    (id: "MEX", entity_type: country, label: "Mexico", aliases: ["Mexico"], demonyms: ["Mexican"]),
]"#;

const AGENT_NOUNS: &str = r#"AgentNouns(sectors: {
    "military": ["forces", "troops", "military", "air force"],
    "government": ["government", "officials"],
    "security": ["security forces"],
})"#;

const NON_ACTORS: &str =
    r#"NonActors(phrases: ["Latin America", "New Mexico", "Lebanon, Pennsylvania"])"#;

fn gazetteer() -> Gazetteer {
    Gazetteer::from_sources(&[
        DataSource {
            path: "test.ron",
            text: DATA,
        },
        DataSource {
            path: "data/agent-nouns.ron",
            text: AGENT_NOUNS,
        },
        DataSource {
            path: "data/non-actors.ron",
            text: NON_ACTORS,
        },
    ])
    .unwrap()
}

/// Checks that `text` yields exactly `expected`: `(surface text, actor id, kind)` in order.
fn check(text: &str, expected: &[(&str, &str, &str)]) {
    let analysis = gazetteer().analyze(text);
    let got: Vec<(&str, &str, &str)> = analysis
        .mentions
        .iter()
        .map(|m| (m.span.slice(text), m.actor.as_str(), m.kind.as_str()))
        .collect();
    assert_eq!(got, expected, "mentions in {text:?}");
}

#[test]
fn whole_tokens_only() {
    check("Iranian", &[("Iranian", "IRN", "demonym")]);
    check(
        "Iranians and Iran",
        &[("Iranians", "IRN", "demonym"), ("Iran", "IRN", "name")],
    );
    check("Iravani", &[("Iravani", "amir-saeid-iravani", "surname")]);
    // A glued word is not a name, whatever it starts with.
    check("Amir Saeid Iravanimade the remarks", &[]);
    check("Iranair and Israelite and Russiagate", &[]);
    check("preIran", &[]);
}

#[test]
fn token_boundaries_are_part_of_the_match() {
    // The trap: leftmost-longest picks "the UK" inside "the Ukraine" and hides "Ukraine" when
    // word boundaries are checked only after matching.
    check("in the Ukraine crisis", &[("Ukraine", "UKR", "name")]);
    check("THE UKRAINE CRISIS", &[("UKRAINE", "UKR", "name")]);
    check(
        "the UK and Ukraine",
        &[("the UK", "GBR", "name"), ("Ukraine", "UKR", "name")],
    );
}

#[test]
fn case_rules() {
    check("IRAN STRIKES BACK", &[("IRAN", "IRN", "name")]);
    check(
        "iran and iranians",
        &[("iran", "IRN", "name"), ("iranians", "IRN", "demonym")],
    );
    check("the US and the UN", &[("US", "USA", "acronym")]);
    check("tell us what the idf did", &[]);
    check("The IDF said", &[("IDF", "idf", "acronym")]);
    check(
        "Turkey and Türkiye and Turkiye",
        &[
            ("Turkey", "TUR", "name"),
            ("Türkiye", "TUR", "name"),
            ("Turkiye", "TUR", "name"),
        ],
    );
    check("the U.S. left.", &[("U.S.", "USA", "acronym")]);
    check("troops left the U.S", &[("U.S", "USA", "acronym")]);
}

#[test]
fn possessives_hyphens_quotes_and_line_breaks() {
    check(
        "Iran's and Iran’s",
        &[("Iran", "IRN", "name"), ("Iran", "IRN", "name")],
    );
    check("the Israelis' view", &[("Israelis", "ISR", "demonym")]);
    check(
        "the Iran-Russia axis",
        &[("Iran", "IRN", "name"), ("Russia", "RUS", "name")],
    );
    check(
        "an Israeli-Iranian clash",
        &[("Israeli", "ISR", "demonym"), ("Iranian", "IRN", "demonym")],
    );
    check(
        "Moscow-Tehran ties",
        &[("Moscow", "RUS", "metonym"), ("Tehran", "IRN", "metonym")],
    );
    check("the “Iran” question", &[("Iran", "IRN", "name")]);
    check("the Kremlin’s ambassador", &[("Kremlin", "RUS", "metonym")]);
    check(
        "Ambassador Levan\nDzhagaryan said",
        &[("Levan\nDzhagaryan", "levan-dzhagaryan", "name")],
    );
    check(
        "Levan  Dzhagaryan",
        &[("Levan  Dzhagaryan", "levan-dzhagaryan", "name")],
    );
    check(
        "Леван Джагарян",
        &[("Леван Джагарян", "levan-dzhagaryan", "name")],
    );
}

#[test]
fn longest_match_wins() {
    check(
        "The Jerusalem Post reported",
        &[("Jerusalem Post", "jerusalem-post", "name")],
    );
    check("in Jerusalem", &[("Jerusalem", "ISR", "metonym")]);
    check("the White House said", &[("White House", "USA", "metonym")]);
    check(
        "the Israel Defense Forces",
        &[("Israel Defense Forces", "idf", "name")],
    );
    check("Tel Aviv", &[("Tel Aviv", "ISR", "metonym")]);
}

#[test]
fn surnames() {
    check(
        "Liberman said",
        &[("Liberman", "avigdor-liberman", "surname")],
    );
    check(
        "Lieberman and Dzhagarian",
        &[
            ("Lieberman", "avigdor-liberman", "surname"),
            ("Dzhagarian", "levan-dzhagaryan", "surname"),
        ],
    );
    // Two Assads in the data: the surname alone names nobody...
    check("Assad said", &[]);
    // ...unless one was named before.
    check(
        "Bashar al-Assad spoke. Later Assad said",
        &[
            ("Bashar al-Assad", "bashar-al-assad", "name"),
            ("Assad", "bashar-al-assad", "surname"),
        ],
    );
    check(
        "Hafez al-Assad spoke. Later Assad said",
        &[
            ("Hafez al-Assad", "hafez-al-assad", "name"),
            ("Assad", "hafez-al-assad", "surname"),
        ],
    );
    // A surname must be written as a name.
    check("a liberman", &[]);
}

#[test]
fn mentions_know_their_sentence() {
    let text = "Russia spoke.\n\nIsrael answered. U.S. officials and Mr. Liberman agreed.";
    let analysis = gazetteer().analyze(text);
    let sentences: Vec<usize> = analysis.mentions.iter().map(|m| m.sentence).collect();
    assert_eq!(sentences, [0, 1, 2, 2]);
    assert_eq!(analysis.sentences.len(), 3);
}

#[test]
fn name_over_a_line_break_keeps_its_sentence() {
    let text = "Russian Ambassador Levan\nDzhagaryan said so";
    let analysis = gazetteer().analyze(text);
    assert_eq!(analysis.sentences.len(), 1);
    assert!(analysis.mentions.iter().all(|m| m.sentence == 0));
}

/// Every problem is reported at once, each at its file, line and column.
#[test]
fn validation_reports_every_problem() {
    let data = r#"[
    (id: "IRN", entity_type: country, label: "Iran", aliases: ["Iran"]),
    (id: "IRN", entity_type: country, label: "Iran again", aliases: ["Persia"]),
    (id: "Iran", entity_type: country, label: "Bad id", aliases: ["Iranland"]),
    (id: "x-y", entity_type: person, label: "X", aliases: ["IRAN", "--"], affiliation: "NOPE"),
    (id: "z", entity_type: person, label: "", aliases: ["Zed"],
     roles: [(title: "t", from: "2020-13", to: "2019")]),
]"#;
    let errors = Gazetteer::from_sources(&[DataSource {
        path: "bad.ron",
        text: data,
    }])
    .unwrap_err();
    let rendered: Vec<String> = errors
        .0
        .iter()
        .map(|e| format!("{}:{}:{} {}", e.path, e.line, e.column, e.message))
        .collect();
    insta::assert_snapshot!(rendered.join("\n"));
}

#[test]
fn syntax_errors_point_at_the_spot() {
    let errors = Gazetteer::from_sources(&[DataSource {
        path: "typo.ron",
        text:
            "[\n  (id: \"IRN\", entity_type: country, label: \"Iran\",\n   alias: [\"Iran\"]),\n]",
    }])
    .unwrap_err();
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn ambiguous_aliases_need_context() {
    // Supported by another actor nearby or by an unambiguous mention of the same actor.
    check(
        "Jordan and Israel signed a treaty.",
        &[("Jordan", "JOR", "name"), ("Israel", "ISR", "name")],
    );
    check(
        "Amman said so. Later Jordan agreed.",
        &[("Amman", "JOR", "metonym"), ("Jordan", "JOR", "name")],
    );
    // Alone, it could be anyone named Jordan.
    check("Jordan scored twice on Sunday.", &[]);
    // Part of a personal name or another place, even next to a country.
    check(
        "Michael Jordan visited Israel.",
        &[("Israel", "ISR", "name")],
    );
    check(
        "Jordan Peterson praised Israel.",
        &[("Israel", "ISR", "name")],
    );
    check("Georgia Tech beat Russia.", &[("Russia", "RUS", "name")]);
    check(
        "Russia invaded Georgia in 2008.",
        &[("Russia", "RUS", "name"), ("Georgia", "GEO", "name")],
    );
    check(
        "a rally in Lebanon, Pennsylvania, near Mexico",
        &[("Mexico", "MEX", "name")],
    );
    check(
        "a rally in Lebanon, Ohio, near Mexico",
        &[("Mexico", "MEX", "name")],
    );
    check(
        "Israel struck Lebanon again.",
        &[("Israel", "ISR", "name"), ("Lebanon", "LBN", "name")],
    );
    // Lower case is never the country.
    check("jordan and israel", &[("israel", "ISR", "name")]);
    // A demonym two countries share goes to the one the document names.
    check(
        "South Korea said Korean officials met.",
        &[
            ("South Korea", "KOR", "name"),
            ("Korean officials", "KOR", "demonym"),
        ],
    );
    check("Korean officials met.", &[]);
}

#[test]
fn non_actor_phrases_hide_aliases() {
    check("trade with Latin America", &[]);
    check(
        "a senator from New Mexico met Mexican officials",
        &[("Mexican officials", "MEX", "demonym")],
    );
}

#[test]
fn agent_phrases_keep_their_sector() {
    let text = "Iranian forces and Israeli security forces met Russian officials, and U.S. troops.";
    let analysis = gazetteer().analyze(text);
    let got: Vec<(&str, &str, Option<&str>)> = analysis
        .mentions
        .iter()
        .map(|m| (m.span.slice(text), m.actor.as_str(), m.sector.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("Iranian forces", "IRN", Some("military")),
            ("Israeli security forces", "ISR", Some("security")),
            ("Russian officials", "RUS", Some("government")),
            ("U.S. troops", "USA", Some("military")),
        ]
    );
    // Only countries take agent nouns, and only across white space.
    check(
        "Levan Dzhagaryan forces",
        &[("Levan Dzhagaryan", "levan-dzhagaryan", "name")],
    );
    check("Iran, forces", &[("Iran", "IRN", "name")]);
}

#[test]
fn roles_end_at_the_precision_of_their_end_date() {
    let role = |to: Option<&str>| Role {
        title: "president".to_owned(),
        of: None,
        from: Some("1990-05-22".to_owned()),
        to: to.map(str::to_owned),
    };
    let saleh = role(Some("2012-02-25"));
    assert!(!saleh.ended_before("2012-02-25") && saleh.ended_before("2012-02-26"));
    // "to: 2012" runs through 2012; "to: 2012-02" through February.
    assert!(!role(Some("2012")).ended_before("2012-12-31"));
    assert!(role(Some("2012")).ended_before("2013-01-01"));
    assert!(!role(Some("2012-02")).ended_before("2012-02-29"));
    assert!(role(Some("2012-02")).ended_before("2012-03-01"));
    // A role without an end is held still.
    assert!(!role(None).ended_before("2100-01-01"));
}

/// The directory answers alike for the ids it hands out, found by address, and for ids made
/// from text; the countries and affiliations it hands out are its own ids again.
#[test]
fn directory_answers_alike_for_its_own_ids_and_new_ones() {
    use actorgraph_core::{ActorDirectory, ActorId};

    let gazetteer = gazetteer();
    let mentions = gazetteer
        .analyze("IDF troops hit Syria, Liberman said, as the Jerusalem Post reported.")
        .mentions;
    assert_eq!(mentions.len(), 4);
    for mention in &mentions {
        let fresh = ActorId::new(mention.actor.as_str());
        assert_ne!(fresh.address(), mention.actor.address());
        assert_eq!(
            gazetteer.entity_type(&mention.actor),
            gazetteer.entity_type(&fresh)
        );
        assert_eq!(
            gazetteer.affiliation(&mention.actor),
            gazetteer.affiliation(&fresh)
        );
        let country = gazetteer.country(&mention.actor);
        assert_eq!(country, gazetteer.country(&fresh));
        let country = country.expect("every actor here has a country");
        let own = gazetteer.actor(country.as_str()).unwrap();
        assert_eq!(country.address(), own.id.address());
    }
    assert_eq!(gazetteer.entity_type(&ActorId::new("nobody")), None);
}
