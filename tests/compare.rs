//! Table-driven tests of the comparison core, in German and English: series (same concept,
//! action, kind and unit), periods, value intervals, disagreements only within a series and
//! period, revisions only within a source, and change figures kept apart. Every text is
//! written for these tests.

use claimtrack::analysis::compare::{self, Options};
use claimtrack::analysis::series::{self, GroupBy, Periods, SeriesKey};
use claimtrack::corpus::{Article, Corpus};
use claimtrack::extract::Extractor;
use claimtrack::io::load::Document;
use claimtrack::io::workspace::Workspace;

fn corpus(articles: &[(&str, &str)]) -> Corpus {
    let mut corpus = Corpus::default();
    let extractor = Extractor::new();
    for (i, (date, text)) in articles.iter().enumerate() {
        let doc = Document::from_text(&format!("{i}.txt"), format!(" date {date}\n{text}"));
        let ex = extractor.extract(&doc);
        corpus.add([Article::new(doc, ex)]);
    }
    corpus.rebuild(&Workspace::default());
    corpus
}

fn all(corpus: &Corpus) -> Vec<usize> {
    (0..corpus.rows.len()).collect()
}

struct Case {
    what: &'static str,
    articles: &'static [(&'static str, &'static str)],
    periods: Periods,
    /// The disagreement lines expected, exactly.
    disagreements: &'static [&'static str],
    /// The revision lines expected, exactly.
    revisions: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        what: "four sources of one month that cannot all hold (German)",
        articles: &[
            (
                "2022-02-03",
                "Nach Angaben der Ukraine hat Russland rund 120.000 Soldaten an der Grenze zusammengezogen.",
            ),
            (
                "2022-02-10",
                "Russland hat nach Nato-Angaben etwa 85.000 Soldaten an der Grenze zusammengezogen.",
            ),
            (
                "2022-02-20",
                "Nach Angaben des russischen Verteidigungsministeriums wurden rund 20.000 Soldaten zusammengezogen.",
            ),
        ],
        periods: Periods::Months,
        disagreements: &[
            "soldiers · massed, 2022-02: Ukraine ~120.000, NATO ~85.000, Russia ~20.000",
        ],
        revisions: &[],
    },
    Case {
        what: "figures that can all hold are no disagreement (rund ±10 %, über open above)",
        articles: &[
            (
                "2022-02-03",
                "Russia has massed about 100,000 troops near the border, NATO said.",
            ),
            (
                "2022-02-10",
                "Russia has massed more than 95,000 troops near the border, the Pentagon said.",
            ),
            (
                "2022-02-12",
                "Nach Angaben der Ukraine hat Russland Zehntausende Soldaten zusammengezogen.",
            ),
        ],
        periods: Periods::Months,
        disagreements: &[],
        revisions: &[],
    },
    Case {
        what: "other sources' later figures are later figures; the same source's is a revision (English)",
        articles: &[
            (
                "2022-02",
                "Russia has massed about 120,000 troops near the border, Ukraine's defence ministry said.",
            ),
            (
                "2022-03",
                "Russia has massed about 175,000 troops near the border, Ukraine's defence ministry said.",
            ),
            (
                "2022-03",
                "Russia has massed about 175,000 troops near the border, NATO said.",
            ),
            (
                "2022-04",
                "Russia has massed about 60,000 troops near the border, the Pentagon said.",
            ),
        ],
        periods: Periods::Months,
        disagreements: &[],
        revisions: &["Ukraine, soldiers · massed: ~120.000 (2022-02) -> ~175.000 (2022-03)"],
    },
    Case {
        what: "other actions are other series: never a disagreement",
        articles: &[
            (
                "2022-01",
                "Nach US-Angaben hat Russland rund 100.000 Soldaten zusammengezogen.",
            ),
            (
                "2022-01",
                "Das Verteidigungsministerium in Moskau teilte mit, rund 3000 Soldaten seien verlegt worden.",
            ),
        ],
        periods: Periods::Months,
        disagreements: &[],
        revisions: &[],
    },
    Case {
        what: "a window of days: claims a week apart share a period only in a wide window",
        articles: &[
            (
                "2022-02-01",
                "Russia has massed about 120,000 troops near the border, Ukraine's defence ministry said.",
            ),
            (
                "2022-02-20",
                "Russia has massed around 20,000 troops near the border, Russia's defence ministry said.",
            ),
        ],
        periods: Periods::Window(7),
        disagreements: &[],
        revisions: &[],
    },
    Case {
        what: "the same, in a window wide enough",
        articles: &[
            (
                "2022-02-01",
                "Russia has massed about 120,000 troops near the border, Ukraine's defence ministry said.",
            ),
            (
                "2022-02-20",
                "Russia has massed around 20,000 troops near the border, Russia's defence ministry said.",
            ),
        ],
        periods: Periods::Window(45),
        disagreements: &[
            "soldiers · massed, 2022-01-10/2022-03-14: Ukraine ~120.000, Russia ~20.000",
        ],
        revisions: &[],
    },
    Case {
        what: "event figures (killed) of one paragraph from two sources that cannot both hold",
        articles: &[(
            "2010-02-16",
            "Bei dem Angriff wurden nach Angaben der Polizei neun Zivilisten getötet. Die Nato sprach von zwölf getöteten Zivilisten.",
        )],
        periods: Periods::Months,
        disagreements: &["civilians · killed, 2010-02-16: Polizei 9, NATO 12"],
        revisions: &[],
    },
    Case {
        what: "event figures of other paragraphs, or of other days, count other occasions",
        articles: &[
            (
                "2010-02-16",
                "In Kandahar wurden nach Angaben der Polizei neun Zivilisten getötet.\n\nIn Helmand wurden nach Nato-Angaben zwölf Zivilisten getötet.",
            ),
            (
                "2010-02-20",
                "Nach Angaben der Regierung wurden 30 Zivilisten getötet.",
            ),
            (
                "2010-02-25",
                "The death toll rose to 45 civilians killed, the government said.",
            ),
        ],
        periods: Periods::Months,
        disagreements: &[],
        revisions: &[],
    },
];

#[test]
fn disagreements_and_revisions() {
    for case in CASES {
        let corpus = corpus(case.articles);
        let analysis = compare::analyse(
            &corpus,
            &all(&corpus),
            Options {
                periods: case.periods,
                ..Options::default()
            },
        );
        let found: Vec<String> = analysis
            .disagreements
            .iter()
            .map(|d| analysis.disagreement_line(&corpus, d))
            .collect();
        assert_eq!(found, case.disagreements, "{}", case.what);
        let found: Vec<String> = analysis
            .revisions
            .iter()
            .map(|r| analysis.revision_line(&corpus, r))
            .collect();
        assert_eq!(found, case.revisions, "{}", case.what);
    }
}

#[test]
fn series_group_across_languages_and_inflections() {
    let corpus = corpus(&[
        (
            "2022-02",
            "Nach US-Angaben hat Russland rund 100.000 Soldaten zusammengezogen.",
        ),
        (
            "2022-02",
            "Russia has massed about 100,000 troops near the border, NATO said.",
        ),
        (
            "2022-02",
            "Die Nato sagte, Russland habe 90.000 Mann Truppen zusammengezogen.",
        ),
        (
            "2022-02",
            "NATO said 3,000 troops had been deployed to Poland.",
        ),
    ]);
    let list = series::series_of(&corpus, &all(&corpus));
    let massed = list
        .iter()
        .find(|s| {
            s.key.concept.as_deref() == Some("soldiers")
                && s.key.action.as_deref() == Some("massed")
        })
        .expect("a series of soldiers massed");
    assert!(massed.rows.len() >= 2, "{list:#?}");
    assert!(
        list.iter()
            .any(|s| s.key.concept.as_deref() == Some("soldiers")
                && s.key.action.as_deref() == Some("moved")),
        "deployed is another series"
    );
}

#[test]
fn why_claims_are_not_compared_is_said_in_words() {
    let corpus = corpus(&[
        (
            "2022-01",
            "Nach US-Angaben hat Russland rund 100.000 Soldaten zusammengezogen.",
        ),
        (
            "2022-01",
            "Das Verteidigungsministerium in Moskau teilte mit, rund 3000 Soldaten seien verlegt worden.",
        ),
        (
            "2022-03",
            "Nach Nato-Angaben hat Russland rund 150.000 Soldaten zusammengezogen.",
        ),
        (
            "2022-03",
            "Nach US-Angaben hat Russland rund 130.000 Soldaten zusammengezogen.",
        ),
        (
            "2022-03",
            "Nach US-Angaben kostet die Mission 5 Millionen Euro.",
        ),
    ]);
    let row = |text: &str| {
        corpus
            .rows
            .iter()
            .position(|r| r.claim.text == text)
            .unwrap_or_else(|| panic!("no claim {text}"))
    };
    let cases = [
        ("100.000", "3000", "other action (massed, moved)"),
        (
            "100.000",
            "150.000",
            "other period (2022-01, 2022-03): a later figure, not a contradiction",
        ),
        (
            "100.000",
            "130.000",
            "other period (2022-01, 2022-03): the same source's later figure is a revision",
        ),
        (
            "100.000",
            "5 Millionen",
            "they count different things (soldiers, EUR)",
        ),
    ];
    for (a, b, want) in cases {
        let why = compare::why_apart(&corpus, row(a), row(b), Periods::Months);
        assert_eq!(why.as_deref(), Some(want), "{a} / {b}");
    }
    assert_eq!(
        compare::why_apart(&corpus, row("150.000"), row("130.000"), Periods::Months),
        None,
        "same series and period: compared"
    );
}

#[test]
fn change_on_the_claim_before_is_only_within_one_source() {
    let corpus = corpus(&[
        (
            "2022-01",
            "Nach US-Angaben hat Russland rund 100.000 Soldaten zusammengezogen.",
        ),
        (
            "2022-02",
            "Nach Nato-Angaben hat Russland rund 150.000 Soldaten zusammengezogen.",
        ),
        (
            "2022-03",
            "Nach US-Angaben hat Russland rund 130.000 Soldaten zusammengezogen.",
        ),
    ]);
    let list = series::series_of(&corpus, &all(&corpus));
    let s = &list[0];
    let changes = compare::changes_within_source(&corpus, &s.rows);
    assert_eq!(changes[0], None);
    assert_eq!(
        changes[1], None,
        "NATO's first figure: no change across sources"
    );
    let third = changes[2].as_deref().unwrap();
    assert!(
        third.starts_with("+30.000 on this source's figure before"),
        "{third}"
    );
}

#[test]
fn change_figures_are_their_own_series_and_never_compared() {
    let corpus = corpus(&[
        (
            "2022-03",
            "Nach Angaben der Ukraine hat Russland rund 175.000 Soldaten zusammengezogen.",
        ),
        (
            "2022-03",
            "Nach Nato-Angaben hat Russland 55.000 Soldaten mehr als im Februar zusammengezogen.",
        ),
        (
            "2022-03",
            "NATO said Russia had massed 30,000 more troops than in February.",
        ),
    ]);
    let analysis = compare::analyse(&corpus, &all(&corpus), Options::default());
    assert!(
        analysis.disagreements.is_empty(),
        "{:?}",
        analysis.disagreements
    );
    assert_eq!(analysis.left_out.changes, 2, "{:#?}", analysis.changes);
    assert!(analysis.changes.iter().all(|s| s.key.change));
    let level = SeriesKey::of(&corpus.rows[0].claim);
    assert!(!level.change);
}

#[test]
fn the_timeline_joins_one_sources_claims_of_one_series_from_date_to_date_only() {
    let corpus = corpus(&[
        (
            "2022-01",
            "Russia has massed about 100,000 troops in the north, NATO said. Russia has massed about 30,000 troops in the south, NATO said.",
        ),
        (
            "2022-02",
            "Russia has massed about 120,000 troops near the border, NATO said.",
        ),
        (
            "2022-03",
            "Russia has massed about 125,000 troops near the border, NATO said.",
        ),
        (
            "2022-03",
            "Russia has massed about 90,000 troops near the border, the Pentagon said.",
        ),
        (
            "2022-03",
            "Russia has deployed 5,000 troops to Belarus, NATO said.",
        ),
    ]);
    let rows = all(&corpus);
    let chosen: Vec<SeriesKey> = series::series_of(&corpus, &rows)
        .into_iter()
        .map(|s| s.key)
        .collect();
    assert_eq!(chosen.len(), 2, "massed and moved");
    let timeline = claimtrack::analysis::timeline::build(&corpus, &rows, &chosen, 1000);
    let value = |p: usize| timeline.points[p].y;
    let mut joined: Vec<(f64, f64)> = timeline
        .series
        .iter()
        .flat_map(|s| s.segments.iter().map(|&(a, b)| (value(a), value(b))))
        .collect();
    joined.sort_by(|a, b| a.0.total_cmp(&b.0));
    // January has two different NATO figures: no trend from either; February to March is
    // NATO's own; the Pentagon's and the deployment are never joined to NATO's massed troops.
    assert_eq!(joined, [(120_000.0, 125_000.0)]);
}

/// Four claims of one series and month, sources set by hand: (entity, affiliation).
fn voices() -> Corpus {
    let texts = [
        (
            "2022-02-03",
            "Nach Angaben der Ukraine hat Russland rund 120.000 Soldaten an der Grenze zusammengezogen.",
        ),
        (
            "2022-02-10",
            "Russland hat nach Nato-Angaben etwa 85.000 Soldaten an der Grenze zusammengezogen.",
        ),
        (
            "2022-02-12",
            "Russland hat nach Nato-Angaben etwa 90.000 Soldaten an der Grenze zusammengezogen.",
        ),
        (
            "2022-02-20",
            "Nach Angaben des russischen Verteidigungsministeriums wurden rund 20.000 Soldaten zusammengezogen.",
        ),
    ];
    let sources = [
        ("Ukraine", None),
        ("Julianne Smith", Some("USA")),
        ("USA", None),
        ("Sergej Rjabkow", Some("Russia")),
    ];
    let mut corpus = Corpus::default();
    let extractor = Extractor::new();
    for (i, ((date, text), (entity, affiliation))) in texts.iter().zip(sources).enumerate() {
        let doc = Document::from_text(&format!("{i}.txt"), format!(" date {date}\n{text}"));
        let mut ex = extractor.extract(&doc);
        assert_eq!(ex.claims.len(), 1, "{text}");
        let source = ex.claims[0].source.as_mut().expect("a source");
        source.entity = Some(entity.to_string());
        source.affiliation = affiliation.map(str::to_string);
        corpus.add([Article::new(doc, ex)]);
    }
    corpus.rebuild(&Workspace::default());
    corpus
}

#[test]
fn grouped_by_side_all_voices_of_a_side_are_one_source() {
    let corpus = voices();
    let lines = |group_by| {
        let analysis = compare::analyse(
            &corpus,
            &all(&corpus),
            Options {
                group_by,
                ..Options::default()
            },
        );
        let d: Vec<String> = analysis
            .disagreements
            .iter()
            .map(|d| analysis.disagreement_line(&corpus, d))
            .collect();
        let r: Vec<String> = analysis
            .revisions
            .iter()
            .map(|r| analysis.revision_line(&corpus, r))
            .collect();
        (d, r)
    };
    // By entity (the default, as before): four sources.
    assert_eq!(
        lines(GroupBy::Entity).0,
        [
            "soldiers · massed, 2022-02: Ukraine ~120.000, Julianne Smith ~85.000, USA ~90.000, Sergej Rjabkow ~20.000"
        ]
    );
    // By side: Smith speaks for the USA, Rjabkow for Russia.
    assert_eq!(
        lines(GroupBy::Side).0,
        ["soldiers · massed, 2022-02: Ukraine ~120.000, USA ~85.000 then ~90.000, Russia ~20.000"]
    );
    assert!(
        lines(GroupBy::Side).1.is_empty(),
        "~85.000 and ~90.000 can both hold"
    );
    // A change on the claim before is the side's.
    let rows = all(&corpus);
    assert_eq!(compare::changes_within_source(&corpus, &rows)[2], None);
    assert!(
        compare::changes_within_source_by(&corpus, &rows, GroupBy::Side)[2]
            .as_deref()
            .is_some_and(|c| c.starts_with("+5.000")),
        "{:?}",
        compare::changes_within_source_by(&corpus, &rows, GroupBy::Side)
    );
}

#[test]
fn grouped_by_side_the_timeline_has_one_line_and_colour_per_side() {
    let corpus = voices();
    let rows = all(&corpus);
    let chosen: Vec<SeriesKey> = claimtrack::analysis::timeline::default_series(&corpus, &rows)
        .into_iter()
        .collect();
    let by_entity = claimtrack::analysis::timeline::build(&corpus, &rows, &chosen, usize::MAX);
    let same = claimtrack::analysis::timeline::build_by(
        &corpus,
        &rows,
        &chosen,
        usize::MAX,
        GroupBy::Entity,
    );
    assert_eq!(
        format!("{by_entity:?}"),
        format!("{same:?}"),
        "the default is unchanged"
    );
    assert_eq!(by_entity.series.len(), 4);
    let by_side = claimtrack::analysis::timeline::build_by(
        &corpus,
        &rows,
        &chosen,
        usize::MAX,
        GroupBy::Side,
    );
    let mut names: Vec<&str> = by_side.series.iter().map(|s| s.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["Russia", "USA", "Ukraine"]);
    let usa = by_side.series.iter().find(|s| s.name == "USA").unwrap();
    assert_eq!(usa.points.len(), 2);
    assert!(usa.joined, "one side's claims of one series are joined");
    assert_eq!(
        usa.color,
        claimtrack::analysis::timeline::color(corpus.color_index(Some("USA")))
    );
    let russia = by_side.series.iter().find(|s| s.name == "Russia").unwrap();
    assert_ne!(russia.color, usa.color);
}
