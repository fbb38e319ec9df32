//! The data model shared by loading, extraction, export and the app: articles, claims,
//! sources and the small enums that classify a figure.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A byte range `[start, end)` into an article's decoded UTF-8 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    /// First byte, inclusive.
    pub start: usize,
    /// Last byte, exclusive.
    pub end: usize,
}

impl Span {
    /// Builds a span from its two ends.
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// Whether `other` lies wholly inside this span.
    #[must_use]
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    #[must_use]
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span covers, or an empty string when it does not fit `text`.
    #[must_use]
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let [start, end] = <[usize; 2]>::deserialize(deserializer)?;
        if start > end {
            return Err(serde::de::Error::custom(format!(
                "span start {start} is after its end {end}"
            )));
        }
        Ok(Self { start, end })
    }
}

/// How a figure's value relates to the quantity it states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// The number as stated (`nur`/`only` stay exact).
    Exact,
    /// `rund`, `etwa`, `about`, `nearly` …
    Approx,
    /// `mehr als`, `über`, `more than` …
    Over,
    /// `weniger als`, `unter`, `fewer than` …
    Under,
    /// `mindestens`, `at least`.
    AtLeast,
    /// `höchstens`, `bis zu`, `up to` …
    AtMost,
    /// `300 bis 450`: value is the low end, `high` the high end.
    Range,
    /// `Zehntausende`, `thousands`: value is the lower bound.
    Vague,
}

impl Qualifier {
    /// Every qualifier, in display order.
    pub const ALL: [Qualifier; 8] = [
        Self::Exact,
        Self::Approx,
        Self::Over,
        Self::Under,
        Self::AtLeast,
        Self::AtMost,
        Self::Range,
        Self::Vague,
    ];

    /// The name used in JSON, CSV and lexicon files.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::Approx => "approx",
            Self::Over => "over",
            Self::Under => "under",
            Self::AtLeast => "at_least",
            Self::AtMost => "at_most",
            Self::Range => "range",
            Self::Vague => "vague",
        }
    }

    /// Parses the name used in JSON, CSV and lexicon files.
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|q| q.as_str() == name)
    }
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What sort of quantity a figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// People, things, events.
    Count,
    /// An amount in a currency.
    Money,
    /// Percentages and percentage points.
    Percent,
    /// A physical measure (km, t, …).
    Measure,
    /// A span of time (Jahre, weeks, …).
    Duration,
    /// Fractions, proportions and multipliers.
    Other,
}

impl Kind {
    /// Every kind, in display order.
    pub const ALL: [Kind; 6] = [
        Self::Count,
        Self::Money,
        Self::Percent,
        Self::Measure,
        Self::Duration,
        Self::Other,
    ];

    /// The name used in JSON, CSV and lexicon files.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Count => "count",
            Self::Money => "money",
            Self::Percent => "percent",
            Self::Measure => "measure",
            Self::Duration => "duration",
            Self::Other => "other",
        }
    }

    /// Parses the name used in JSON, CSV and lexicon files.
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The language of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// German.
    #[default]
    De,
    /// English.
    En,
}

impl Lang {
    /// Every language, in the order of [`crate::extract::lang`]'s table.
    pub const ALL: [Lang; 2] = [Self::De, Self::En];

    /// The language of an ISO 639-1 code (`de`, `en`).
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The ISO 639-1 code.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::De => "de",
            Self::En => "en",
        }
    }
}

/// A calendar date of year, month or day precision, as an article header states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleDate {
    /// The year.
    pub year: i32,
    /// The month 1..=12, when known.
    pub month: Option<u8>,
    /// The day 1..=31, when known (only with a month).
    pub day: Option<u8>,
}

impl ArticleDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking the month and day ranges.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        let mut parts = s.split('-');
        let year_text = parts.next()?;
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year = year_text.parse().ok()?;
        let mut two_digits = |max: u8| -> Option<Option<u8>> {
            match parts.next() {
                None => Some(None),
                Some(p) if p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()) => {
                    let v: u8 = p.parse().ok()?;
                    (1..=max).contains(&v).then_some(Some(v))
                }
                Some(_) => None,
            }
        };
        let month = two_digits(12)?;
        let day = if month.is_some() {
            two_digits(31)?
        } else {
            None
        };
        if parts.next().is_some() {
            return None;
        }
        Some(Self { year, month, day })
    }
}

impl fmt::Display for ArticleDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for ArticleDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ArticleDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Self::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date: {s:?}")))
    }
}

/// Who states a figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The head word(s) naming the source, as written at the cue.
    pub span: Span,
    /// The text of `span`.
    pub text: String,
    /// The canonical actor the source stands for, when known.
    pub entity: Option<String>,
    /// The state or organisation a person source speaks for, where the article says so
    /// (`Russlands Vize-Außenminister Sergej Rjabkow` -> `Russia`).
    #[serde(default)]
    pub affiliation: Option<String>,
    /// Whether `entity` is only the generic noun the article used (`der Sprecher`, `the
    /// ministry`) because the article never names its owner: shown as such, never guessed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unresolved: bool,
}

/// Declares [`Claim`] and [`ClaimFields`] from one list of fields: every field once, the
/// ones a user can correct in the `editable` groups. The groups are written in the order of
/// the JSON schema; `ClaimFields` holds the editable groups in the same order.
macro_rules! claim_structs {
    (
        fixed { $($(#[$am:meta])* $a:ident: $at:ty,)* }
        editable { $($(#[$bm:meta])* $b:ident: $bt:ty,)* }
        fixed { $($(#[$cm:meta])* $c:ident: $ct:ty,)* }
        editable { $($(#[$dm:meta])* $d:ident: $dt:ty,)* }
    ) => {
        /// One figure found in an article, with what it counts and who says so.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub struct Claim {
            $($(#[$am])* pub $a: $at,)*
            $($(#[$bm])* pub $b: $bt,)*
            $($(#[$cm])* pub $c: $ct,)*
            $($(#[$dm])* pub $d: $dt,)*
        }

        /// The fields of a claim a user can correct. An edit replaces all of them at once.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub struct ClaimFields {
            $($(#[$bm])* pub $b: $bt,)*
            $($(#[$dm])* pub $d: $dt,)*
        }

        impl ClaimFields {
            /// The correctable fields of a claim.
            #[must_use]
            pub fn of(claim: &Claim) -> Self {
                Self {
                    $($b: claim.$b.clone(),)*
                    $($d: claim.$d.clone(),)*
                }
            }

            /// Writes these fields into a claim.
            pub fn apply_to(&self, claim: &mut Claim) {
                $(claim.$b.clone_from(&self.$b);)*
                $(claim.$d.clone_from(&self.$d);)*
            }
        }
    };
}

claim_structs! {
    fixed {
        /// The numeral with its scale word.
        number: Span,
        /// The text of `number`.
        text: String,
    }
    editable {
        /// The normalised value (lower bound for ranges and vague figures).
        value: f64,
        /// The upper bound of a range.
        high: Option<f64>,
        /// How the value relates to the quantity.
        qualifier: Qualifier,
        /// What sort of quantity.
        kind: Kind,
        /// Currency code, `%`, measure unit, or none.
        unit: Option<String>,
        /// The head noun counted or measured.
        subject: Option<String>,
        /// What the figure does (`massed`, `killed`, …).
        action: Option<String>,
        /// What is counted, the same across languages and inflections (`soldiers` for
        /// `Soldaten` and `troops`), for grouping claims into series.
        #[serde(default)]
        concept: Option<String>,
        /// Whether the figure states a difference or change (`15.000 mehr als im März`,
        /// `rose by 5%`) rather than a level.
        #[serde(default)]
        is_change: bool,
    }
    fixed {
        /// The sentence holding the figure.
        sentence: Span,
    }
    editable {
        /// Who states the figure (text as written) and the entity it stands for; none when
        /// the article says it in its own voice.
        source: Option<Source>,
    }
}

/// Where an article's date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateFrom {
    /// The ` date YYYY-MM-DD` header.
    Header,
    /// The HTML page's metadata.
    Html,
    /// A dateline or date line near the top of the text.
    Text,
    /// Set by the user in the app.
    User,
}

impl DateFrom {
    /// The name used in JSON.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Header => "header",
            Self::Html => "html",
            Self::Text => "text",
            Self::User => "user",
        }
    }
}

/// An article with its extracted claims: one entry of the JSON output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractedArticle {
    /// The path the article was loaded from, as given.
    pub path: String,
    /// The article's date: from its header, its HTML metadata or its text.
    pub date: Option<ArticleDate>,
    /// Where `date` comes from (none without a date).
    #[serde(default)]
    pub date_from: Option<DateFrom>,
    /// The detected language.
    pub lang: Lang,
    /// The claims, in text order.
    pub claims: Vec<Claim>,
    /// What exports add to each claim for readers outside the tool (the sentence's text,
    /// whether the user changed it), one per claim; empty when not filled in.
    #[serde(skip)]
    pub extras: Vec<ClaimExtras>,
}

/// What an export adds to a claim: the text of its sentence and whether the user corrected
/// or added it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClaimExtras {
    /// The sentence's text.
    pub sentence_text: String,
    /// `extracted`, `corrected` or `added`.
    pub status: &'static str,
}

impl ClaimExtras {
    /// The extras of claims as extracted from `text` (all `extracted`).
    #[must_use]
    pub fn extracted(text: &str, claims: &[Claim]) -> Vec<Self> {
        claims
            .iter()
            .map(|c| Self {
                sentence_text: c.sentence.slice(text).trim().to_string(),
                status: "extracted",
            })
            .collect()
    }
}

/// Checks the invariants every extracted claim keeps: each span lies on character boundaries
/// inside `text`, the number inside its sentence, `text` is the number's text, the value is
/// finite and a range's high end is finite and not below its value. Returns the first broken
/// one, described (tests, fuzz targets and property tests share this).
///
/// # Errors
/// A description of the first claim that breaks an invariant.
pub fn check_claims(text: &str, claims: &[Claim]) -> Result<(), String> {
    for c in claims {
        let spans = [
            Some(c.number),
            Some(c.sentence),
            c.source.as_ref().map(|s| s.span),
        ];
        for span in spans.into_iter().flatten() {
            if span.start > span.end || span.end > text.len() {
                return Err(format!(
                    "span {span:?} outside the text ({} bytes)",
                    text.len()
                ));
            }
            if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
                return Err(format!("span {span:?} not on character boundaries"));
            }
        }
        if !c.sentence.contains(c.number) {
            return Err(format!(
                "number {:?} outside its sentence {:?}",
                c.number, c.sentence
            ));
        }
        if c.number.slice(text) != c.text {
            return Err(format!("text {:?} is not the number's text", c.text));
        }
        if !c.value.is_finite() {
            return Err(format!("value {} is not finite", c.value));
        }
        if let Some(high) = c.high
            && !(high.is_finite() && c.value <= high)
        {
            return Err(format!("range from {} to {high}", c.value));
        }
    }
    Ok(())
}
