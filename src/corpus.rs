//! The articles open in a workspace and their claims as the user sees them: extracted claims
//! with the workspace's corrections and entity choices applied, plus the claims the user
//! added. Rebuilding after a change is linear in the number of claims.

use std::collections::HashMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::io::load::Document;
use crate::io::workspace::{self, Change, Workspace};
use crate::model::{ArticleDate, Claim, DateFrom, ExtractedArticle, Lang, Source, Span};

/// An article that is open: its text and the claims the extractor found in it.
#[derive(Debug, Clone)]
pub struct Article {
    /// Where it came from (a file path or `bundled:NAME`).
    pub path: String,
    /// The decoded text; every span indexes into it.
    pub text: String,
    /// Its date: the user's, else from its header, HTML metadata or text.
    pub date: Option<ArticleDate>,
    /// Where `date` comes from.
    pub date_from: Option<DateFrom>,
    /// The date as loaded, before the user's (restored when the user clears theirs).
    pub loaded_date: (Option<ArticleDate>, Option<DateFrom>),
    /// The detected language.
    pub lang: Lang,
    /// [`workspace::content_key`] of the text.
    pub key: String,
    /// The claims as extracted, before corrections.
    pub extracted: Vec<Claim>,
}

impl Article {
    /// An article from a document and its extraction.
    #[must_use]
    pub fn new(doc: Document, extracted: ExtractedArticle) -> Self {
        let key = workspace::content_key(&doc.text);
        Self {
            path: doc.path,
            text: doc.text,
            date: extracted.date,
            date_from: extracted.date_from,
            loaded_date: (extracted.date, extracted.date_from),
            lang: extracted.lang,
            key,
            extracted: extracted.claims,
        }
    }

    /// The file name, for narrow columns.
    #[must_use]
    pub fn short_name(&self) -> &str {
        crate::io::origin::Origin::short_name(&self.path)
    }
}

/// Whether and how the user changed a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// As extracted.
    Extracted,
    /// Fields corrected by the user.
    Corrected,
    /// Added by the user.
    Added,
    /// Rejected by the user.
    Rejected,
}

impl Status {
    /// A short word for tables and tooltips.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Extracted => "extracted",
            Self::Corrected => "corrected",
            Self::Added => "added",
            Self::Rejected => "rejected",
        }
    }
}

/// One claim as the user sees it.
#[derive(Debug, Clone)]
pub struct Row {
    /// Index into [`Corpus::articles`].
    pub article: usize,
    /// The claim with corrections and entity choices applied.
    pub claim: Claim,
    /// The claim as extracted, when it was (not for added claims).
    pub original: Option<usize>,
    /// What the user did to it.
    pub status: Status,
}

impl Row {
    /// The entity of the claim's source, if any.
    #[must_use]
    pub fn entity(&self) -> Option<&str> {
        self.claim.source.as_ref()?.entity.as_deref()
    }

    /// The source text, if any.
    #[must_use]
    pub fn source_text(&self) -> Option<&str> {
        self.claim.source.as_ref().map(|s| s.text.as_str())
    }

    /// The state or organisation the claim's source (a person) speaks for, if known.
    #[must_use]
    pub fn affiliation(&self) -> Option<&str> {
        self.claim
            .source
            .as_ref()?
            .affiliation
            .as_deref()
            .filter(|a| !a.trim().is_empty())
    }

    /// The side the claim's source speaks for: its affiliation, else its entity (a state or
    /// an organisation speaks for itself).
    #[must_use]
    pub fn side(&self) -> Option<&str> {
        self.affiliation().or_else(|| self.entity())
    }
}

/// A source entity with how often it is cited.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityStat {
    /// The entity's name.
    pub name: String,
    /// Claims attributed to it (rejected ones left out).
    pub claims: usize,
    /// The source texts that stand for it, with their counts, most frequent first.
    pub aliases: Vec<(String, usize)>,
    /// The state or organisation it speaks for: the commonest affiliation of its claims.
    pub affiliation: Option<String>,
    /// Whether it is only a generic noun (`Sprecher`) whose owner no article names: every
    /// claim's source is unresolved.
    pub unresolved: bool,
}

/// Which of the user's entity choices a [`Moved`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKind {
    /// A rename or merge (`EntityEdits::renames`).
    Rename,
    /// An affiliation (`EntityEdits::affiliations`).
    Affiliation,
}

/// A workspace's entity choice keyed by a name the extractor no longer gives, and what
/// became of it: it applies to the source texts that were once that entity (as alias
/// moves), or it matches no source now (and is kept all the same).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// A rename or an affiliation.
    pub kind: EditKind,
    /// The name the choice is keyed by: the entity as the extractor named it before.
    pub key: String,
    /// The rename's new name, or the affiliation (empty: cleared).
    pub target: String,
    /// The source texts it now applies to, with their claim counts; empty when it matches
    /// no source of the open articles.
    pub texts: Vec<(String, usize)>,
    /// The entities the extractor now gives those source texts.
    pub now: Vec<String>,
}

impl Moved {
    /// The message the app shows once: `Workspace: the rename 'Konzern' → 'GM' now applies
    /// to the source text 'Konzern' (3 claims), since the extractor now names its entity
    /// 'General Motors'`.
    #[must_use]
    pub fn message(&self) -> String {
        let what = match self.kind {
            EditKind::Rename => format!("the rename '{}' → '{}'", self.key, self.target),
            EditKind::Affiliation if self.target.is_empty() => {
                format!("the cleared affiliation of '{}'", self.key)
            }
            EditKind::Affiliation => {
                format!("the affiliation '{}' → '{}'", self.key, self.target)
            }
        };
        if self.texts.is_empty() {
            return format!(
                "Workspace: {what} matches no source of the open articles now; it is kept in the workspace"
            );
        }
        let quoted = |names: &mut dyn Iterator<Item = String>| names.collect::<Vec<_>>().join(", ");
        let texts = quoted(
            &mut self
                .texts
                .iter()
                .map(|(t, n)| format!("'{t}' ({n} {})", if *n == 1 { "claim" } else { "claims" })),
        );
        let now = quoted(&mut self.now.iter().map(|e| format!("'{e}'")));
        let (text_word, its) = if self.texts.len() == 1 {
            ("source text", "its entity")
        } else {
            ("source texts", "their entities")
        };
        let back = match self.kind {
            EditKind::Rename => String::new(),
            EditKind::Affiliation => format!(" (moved back to the entity '{}')", self.key),
        };
        if now.is_empty() {
            format!("Workspace: {what} now applies to the {text_word} {texts}{back}")
        } else {
            format!(
                "Workspace: {what} now applies to the {text_word} {texts}{back}, since the extractor now names {its} {now}"
            )
        }
    }
}

/// What [`Corpus::migrate`] found: alias moves to add to the workspace, and what to say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Migration {
    /// Source text to entity, to add to `EntityEdits::aliases`.
    pub aliases: Vec<(String, String)>,
    /// Every stale choice, with what became of it.
    pub moved: Vec<Moved>,
}

/// Applies the workspace's entity and concept choices to a claim. A claim without a concept
/// (a correction saved before concepts existed) gets its subject's.
fn settle(claim: &mut Claim, lang: Lang, workspace: &Workspace) {
    if let Some(source) = &mut claim.source {
        let entity = workspace
            .entities
            .resolve(&source.text, source.entity.as_deref());
        // A renamed, merged or moved generic noun is assigned: no longer unresolved.
        if entity != source.entity {
            source.unresolved = false;
        }
        source.entity = entity;
        if let Some(chosen) = source
            .entity
            .as_deref()
            .and_then(|e| workspace.entities.affiliation(e))
        {
            source.affiliation = chosen.map(str::to_string);
        }
    }
    if claim.concept.is_none() {
        claim.concept =
            crate::extract::concept::of(claim.subject.as_deref(), claim.unit.as_deref(), lang);
    }
    if let Some(concept) = &mut claim.concept {
        *concept = workspace.concepts.resolve(concept);
    }
}

/// The open articles and the claims as the user sees them.
#[derive(Debug, Default)]
pub struct Corpus {
    /// The articles, in the order they were opened.
    pub articles: Vec<Article>,
    /// Every claim (rejected ones included), article by article in text order.
    pub rows: Vec<Row>,
    /// Entities by claim count, most cited first.
    pub entities: Vec<EntityStat>,
    /// Bumped on every rebuild, so views can tell their caches are stale.
    pub generation: u64,
    /// Claims the user corrected, added or rejected.
    pub changed: usize,
    by_key: HashMap<String, usize>,
    by_claim: FxHashMap<(usize, Span), usize>,
    colors: HashMap<String, usize>,
}

impl Corpus {
    /// Adds articles, skipping any whose text is already open; returns how many were new.
    /// Call [`Corpus::rebuild`] afterwards.
    pub fn add(&mut self, articles: impl IntoIterator<Item = Article>) -> usize {
        let mut added = 0;
        for article in articles {
            if self.by_key.contains_key(&article.key) {
                continue;
            }
            self.by_key.insert(article.key.clone(), self.articles.len());
            self.articles.push(article);
            added += 1;
        }
        added
    }

    /// Closes every article.
    pub fn clear(&mut self) {
        self.articles.clear();
        self.by_key.clear();
        self.by_claim.clear();
        self.rows.clear();
        self.changed = 0;
        self.entities.clear();
        self.colors.clear();
        self.generation += 1;
    }

    /// The index of the article with this content key.
    #[must_use]
    pub fn article_by_key(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    /// Brings the rows from workspace `before` to `after` by redoing only the claims whose
    /// correction changed, when that is all that changed (edits and rejections of claims
    /// that are open); returns `false`, doing nothing, when a full [`Corpus::rebuild`] is
    /// needed (entity choices or added claims changed).
    pub fn apply_corrections(&mut self, before: &Workspace, after: &Workspace) -> bool {
        if before.entities != after.entities
            || before.concepts != after.concepts
            || before.dates != after.dates
        {
            return false;
        }
        let index = |w: &'_ Workspace| -> HashMap<(String, Span), Change> {
            w.corrections
                .iter()
                .map(|c| ((c.article.clone(), c.number), c.change.clone()))
                .collect()
        };
        let (old, new) = (index(before), index(after));
        let mut touched: Vec<&(String, Span)> = old
            .keys()
            .chain(new.keys())
            .filter(|k| old.get(*k) != new.get(*k))
            .collect();
        touched.sort();
        touched.dedup();
        if touched.iter().any(|k| {
            matches!(old.get(*k), Some(Change::Add { .. }))
                || matches!(new.get(*k), Some(Change::Add { .. }))
        }) {
            return false;
        }
        for (article_key, number) in touched {
            let Some(&a) = self.by_key.get(article_key) else {
                continue;
            };
            let Some(&r) = self.by_claim.get(&(a, *number)) else {
                continue;
            };
            let Some(original) = self.rows[r].original else {
                continue;
            };
            let mut claim = self.articles[a].extracted[original].clone();
            let status = match new.get(&(article_key.clone(), *number)) {
                Some(Change::Reject) => Status::Rejected,
                Some(Change::Edit { fields }) => {
                    fields.apply_to(&mut claim);
                    Status::Corrected
                }
                _ => Status::Extracted,
            };
            settle(&mut claim, self.articles[a].lang, after);
            let was = self.rows[r].status;
            if was != Status::Extracted {
                self.changed -= 1;
            }
            if status != Status::Extracted {
                self.changed += 1;
            }
            self.rows[r].claim = claim;
            self.rows[r].status = status;
        }
        self.count_entities();
        self.generation += 1;
        true
    }

    /// Recomputes the rows from the extracted claims and the workspace.
    pub fn rebuild(&mut self, workspace: &Workspace) {
        self.apply_dates(workspace);
        self.keep_colors(workspace);
        let rows = self.rows_of_articles(0, workspace);
        self.by_claim = rows
            .iter()
            .enumerate()
            .map(|(i, r)| ((r.article, r.claim.number), i))
            .collect();
        self.changed = rows
            .iter()
            .filter(|r| r.status != Status::Extracted)
            .count();
        self.rows = rows;
        self.count_entities();
        self.generation += 1;
    }

    /// Adds the rows of the articles from index `first` on (just added with
    /// [`Corpus::add`]) without redoing the rows already there.
    pub fn extend_rows(&mut self, first: usize, workspace: &Workspace) {
        self.apply_dates(workspace);
        self.keep_colors(workspace);
        let rows = self.rows_of_articles(first, workspace);
        let base = self.rows.len();
        self.by_claim.reserve(rows.len());
        for (i, r) in rows.iter().enumerate() {
            self.by_claim.insert((r.article, r.claim.number), base + i);
        }
        self.changed += rows
            .iter()
            .filter(|r| r.status != Status::Extracted)
            .count();
        // The first load takes the new rows as they are (no copy of 100,000 rows).
        if self.rows.is_empty() {
            self.rows = rows;
        } else {
            self.rows.extend(rows);
        }
        self.count_entities();
        self.generation += 1;
    }

    /// The rows of the articles from index `first` on, with the workspace applied.
    fn rows_of_articles(&self, first: usize, workspace: &Workspace) -> Vec<Row> {
        let mut changes: HashMap<(&str, usize, usize), &Change> = HashMap::new();
        let mut added: HashMap<&str, Vec<&Claim>> = HashMap::new();
        for c in &workspace.corrections {
            if let Change::Add { claim } = &c.change {
                added.entry(c.article.as_str()).or_default().push(claim);
            } else {
                changes.insert(
                    (c.article.as_str(), c.number.start, c.number.end),
                    &c.change,
                );
            }
        }
        // Article by article on the pool (claims are cloned and settled: the bulk of taking
        // a large load in), joined in article order.
        let per_article: Vec<Vec<Row>> = self
            .articles
            .par_iter()
            .enumerate()
            .skip(first)
            .map(|(a, article)| {
                let mut rows = Vec::with_capacity(article.extracted.len());
                for (i, claim) in article.extracted.iter().enumerate() {
                    let key = (article.key.as_str(), claim.number.start, claim.number.end);
                    let mut claim = claim.clone();
                    let status = match changes.get(&key) {
                        Some(Change::Reject) => Status::Rejected,
                        Some(Change::Edit { fields }) => {
                            fields.apply_to(&mut claim);
                            Status::Corrected
                        }
                        _ => Status::Extracted,
                    };
                    rows.push(Row {
                        article: a,
                        claim,
                        original: Some(i),
                        status,
                    });
                }
                if let Some(extra) = added.get(article.key.as_str()) {
                    for claim in extra {
                        let fits = article
                            .text
                            .get(claim.number.start..claim.number.end)
                            .is_some()
                            && article
                                .text
                                .get(claim.sentence.start..claim.sentence.end)
                                .is_some();
                        if fits {
                            rows.push(Row {
                                article: a,
                                claim: (*claim).clone(),
                                original: None,
                                status: Status::Added,
                            });
                        }
                    }
                    rows.sort_by_key(|r| (r.claim.number.start, r.claim.number.end));
                }
                for row in &mut rows {
                    settle(&mut row.claim, article.lang, workspace);
                }
                rows
            })
            .collect();
        let mut rows = Vec::with_capacity(per_article.iter().map(Vec::len).sum());
        for article_rows in per_article {
            rows.extend(article_rows);
        }
        rows
    }

    /// Takes the colours the workspace keeps for entities.
    fn keep_colors(&mut self, workspace: &Workspace) {
        for (name, &index) in &workspace.colors {
            self.colors.entry(name.clone()).or_insert(index);
        }
    }

    /// Every entity's colour index, to keep in the workspace.
    pub fn colors(&self) -> impl Iterator<Item = (&str, usize)> {
        self.colors.iter().map(|(k, &v)| (k.as_str(), v))
    }

    /// Applies the user's article dates (and restores the loaded date where the user
    /// cleared theirs).
    fn apply_dates(&mut self, workspace: &Workspace) {
        for article in &mut self.articles {
            if let Some(&date) = workspace.dates.get(&article.key) {
                article.date = Some(date);
                article.date_from = Some(DateFrom::User);
            } else {
                (article.date, article.date_from) = article.loaded_date;
            }
        }
    }

    fn count_entities(&mut self) {
        #[derive(Default)]
        struct Tally<'a> {
            claims: usize,
            aliases: FxHashMap<&'a str, usize>,
            affiliations: FxHashMap<&'a str, usize>,
            unresolved: usize,
        }
        let mut counts: FxHashMap<&str, Tally> = FxHashMap::default();
        let mut sides: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
        for row in &self.rows {
            if row.status == Status::Rejected {
                continue;
            }
            if let Some(Source {
                text,
                entity: Some(entity),
                unresolved,
                ..
            }) = &row.claim.source
            {
                let e = counts.entry(entity.as_str()).or_default();
                e.claims += 1;
                *e.aliases.entry(text.as_str()).or_default() += 1;
                if let Some(a) = row.affiliation() {
                    *e.affiliations.entry(a).or_default() += 1;
                    sides.insert(a);
                }
                e.unresolved += usize::from(*unresolved);
            }
        }
        let mut entities: Vec<EntityStat> = counts
            .into_iter()
            .map(|(name, tally)| {
                let mut aliases: Vec<(String, usize)> = tally
                    .aliases
                    .into_iter()
                    .map(|(a, n)| (a.to_string(), n))
                    .collect();
                aliases.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                let affiliation = tally
                    .affiliations
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
                    .map(|(a, _)| a.to_string());
                EntityStat {
                    name: name.to_string(),
                    claims: tally.claims,
                    aliases,
                    affiliation,
                    unresolved: tally.unresolved == tally.claims,
                }
            })
            .collect();
        entities.sort_by(|a, b| b.claims.cmp(&a.claims).then_with(|| a.name.cmp(&b.name)));
        // Colours keep following the entity even as counts change between rebuilds: an
        // entity keeps the colour it was given first. Sides that are no entity (an
        // affiliation) get theirs after the entities', so grouping by side has colours too.
        let names = entities
            .iter()
            .map(|e| e.name.as_str())
            .chain(sides)
            .map(str::to_string)
            .collect::<Vec<_>>();
        // The next colour no entity has, so that colours stay distinct.
        let mut next = self.colors.values().max().map_or(0, |m| m + 1);
        for name in names {
            if let std::collections::hash_map::Entry::Vacant(slot) = self.colors.entry(name) {
                slot.insert(next);
                next += 1;
            }
        }
        self.entities = entities;
    }

    /// A row's source text and its entity as the extractor (or the user's edit) gave it,
    /// before the workspace's entity choices.
    fn raw_source<'a>(&'a self, row: &'a Row) -> Option<(&'a str, Option<&'a str>)> {
        let source = match (row.original, row.status) {
            (Some(i), Status::Extracted | Status::Rejected) => self
                .articles
                .get(row.article)?
                .extracted
                .get(i)?
                .source
                .as_ref()?,
            _ => row.claim.source.as_ref()?,
        };
        Some((source.text.as_str(), source.entity.as_deref()))
    }

    /// Finds the workspace's renames and affiliations keyed by a name that no claim's
    /// entity reaches now (the extractor names it otherwise, e.g. `Konzern` is now `General
    /// Motors`). One that matches source texts equal to its name (ignoring case), which the
    /// extractor then gave as their entity, applies to those texts as alias moves (texts the
    /// user moved are left alone); one that matches nothing is reported and kept. Nothing is
    /// found while no article is open.
    #[must_use]
    pub fn migrate(&self, edits: &workspace::EntityEdits) -> Migration {
        let mut out = Migration::default();
        if self.rows.is_empty() {
            return out;
        }
        let mut live: std::collections::HashSet<&str> = std::collections::HashSet::new();
        let mut by_text: HashMap<String, Vec<(&str, Option<&str>)>> = HashMap::new();
        for row in &self.rows {
            let Some((text, entity)) = self.raw_source(row) else {
                continue;
            };
            by_text
                .entry(text.to_lowercase())
                .or_default()
                .push((text, entity));
            let mut name = edits.aliases.get(text).map(String::as_str).or(entity);
            for _ in 0..32 {
                let Some(n) = name else { break };
                if !live.insert(n) {
                    break;
                }
                name = edits.renames.get(n).map(String::as_str);
            }
        }
        let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
        let final_name = |start: &str| -> String {
            let mut name = start;
            for _ in 0..32 {
                match edits.renames.get(name) {
                    Some(next) if next != name => name = next,
                    _ => break,
                }
            }
            name.to_string()
        };
        let stale = edits
            .renames
            .iter()
            .map(|(k, v)| (EditKind::Rename, k, final_name(v)))
            .chain(
                edits
                    .affiliations
                    .iter()
                    .filter(|(k, _)| !edits.renames.contains_key(*k))
                    .map(|(k, v)| (EditKind::Affiliation, k, v.clone())),
            )
            .filter(|(_, key, _)| !live.contains(key.as_str()));
        for (kind, key, target) in stale {
            let matching: &[(&str, Option<&str>)] =
                by_text.get(&key.to_lowercase()).map_or(&[], Vec::as_slice);
            let mut texts: Vec<(String, usize)> = Vec::new();
            let mut now: Vec<String> = Vec::new();
            for &(text, entity) in matching {
                if edits.aliases.contains_key(text) || taken.contains(text) {
                    continue;
                }
                match texts.iter_mut().find(|(t, _)| t == text) {
                    Some((_, n)) => *n += 1,
                    None => texts.push((text.to_string(), 1)),
                }
                if let Some(e) = entity
                    && !now.iter().any(|n| n == e)
                {
                    now.push(e.to_string());
                }
            }
            if texts.is_empty() && !matching.is_empty() {
                // Its texts were moved already (by the user or an earlier migration).
                continue;
            }
            let alias_to = match kind {
                EditKind::Rename => target.clone(),
                EditKind::Affiliation => key.clone(),
            };
            for (text, _) in &texts {
                taken.insert(text.clone());
                out.aliases.push((text.clone(), alias_to.clone()));
            }
            out.moved.push(Moved {
                kind,
                key: key.clone(),
                target,
                texts,
                now,
            });
        }
        out
    }

    /// The colour index of an entity (stable while the corpus is open); `None` for claims
    /// without a named source.
    #[must_use]
    pub fn color_index(&self, entity: Option<&str>) -> Option<usize> {
        self.colors.get(entity?).copied()
    }

    /// The rows of one article (rows are grouped by article, in opening order).
    #[must_use]
    pub fn rows_of(&self, article: usize) -> std::ops::Range<usize> {
        let start = self.rows.partition_point(|r| r.article < article);
        let end = self.rows.partition_point(|r| r.article <= article);
        start..end
    }

    /// The row of the claim with this number span in this article.
    #[must_use]
    pub fn find(&self, article: usize, number: Span) -> Option<usize> {
        self.by_claim.get(&(article, number)).copied()
    }

    /// The date of a row's article.
    #[must_use]
    pub fn date(&self, row: &Row) -> Option<ArticleDate> {
        self.articles.get(row.article).and_then(|a| a.date)
    }

    /// The sentence of a row.
    #[must_use]
    pub fn sentence<'a>(&'a self, row: &Row) -> &'a str {
        self.articles
            .get(row.article)
            .map_or("", |a| row.claim.sentence.slice(&a.text).trim())
    }

    /// The claims of `rows` (indices into [`Corpus::rows`]) as articles for export,
    /// rejected claims left out, corrections applied, articles in opening order.
    #[must_use]
    pub fn export(&self, rows: &[usize]) -> Vec<ExtractedArticle> {
        let mut per_article: Vec<Vec<usize>> = vec![Vec::new(); self.articles.len()];
        for &r in rows {
            if let Some(row) = self.rows.get(r)
                && row.status != Status::Rejected
            {
                per_article[row.article].push(r);
            }
        }
        per_article
            .into_iter()
            .enumerate()
            .filter(|(_, list)| !list.is_empty())
            .map(|(a, mut list)| {
                list.sort_by_key(|&r| (self.rows[r].claim.number.start, r));
                let article = &self.articles[a];
                ExtractedArticle {
                    path: article.path.clone(),
                    date: article.date,
                    date_from: article.date_from,
                    lang: article.lang,
                    extras: list
                        .iter()
                        .map(|&r| crate::model::ClaimExtras {
                            sentence_text: self.sentence(&self.rows[r]).to_string(),
                            status: match self.rows[r].status {
                                Status::Corrected => "corrected",
                                Status::Added => "added",
                                Status::Extracted | Status::Rejected => "extracted",
                            },
                        })
                        .collect(),
                    claims: list
                        .into_iter()
                        .map(|r| self.rows[r].claim.clone())
                        .collect(),
                }
            })
            .collect()
    }

    /// The subject of the most dated, not rejected claims (the timeline's default).
    #[must_use]
    pub fn commonest_subject(&self) -> Option<String> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for row in &self.rows {
            if row.status != Status::Rejected
                && self.date(row).is_some()
                && let Some(s) = row.claim.subject.as_deref()
            {
                *counts.entry(s).or_default() += 1;
            }
        }
        counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(s, _)| s.to_string())
    }

    /// Every distinct subject, most frequent first.
    #[must_use]
    pub fn subjects(&self) -> Vec<(String, usize)> {
        Self::tally(self.rows.iter().filter_map(|r| r.claim.subject.as_deref()))
    }

    /// Every distinct concept, most frequent first.
    #[must_use]
    pub fn concepts(&self) -> Vec<(String, usize)> {
        Self::tally(
            self.rows
                .iter()
                .filter(|r| r.status != Status::Rejected)
                .filter_map(|r| r.claim.concept.as_deref()),
        )
    }

    /// Every distinct action, most frequent first.
    #[must_use]
    pub fn actions(&self) -> Vec<(String, usize)> {
        Self::tally(self.rows.iter().filter_map(|r| r.claim.action.as_deref()))
    }

    fn tally<'a>(items: impl Iterator<Item = &'a str>) -> Vec<(String, usize)> {
        let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
        for item in items {
            *counts.entry(item).or_default() += 1;
        }
        let mut list: Vec<(String, usize)> = counts
            .into_iter()
            .map(|(k, n)| (k.to_string(), n))
            .collect();
        list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        list
    }
}

/// Applies `workspace`'s corrections to `articles` one at a time, as the app does while the
/// user makes them, and compares the claims with a rebuild from scratch. The fuzz target and
/// the regression tests check the incremental path with it.
///
/// # Errors
/// A description of the first difference.
pub fn check_incremental(articles: &[Article], workspace: &Workspace) -> Result<(), String> {
    let open = |ws: &Workspace| {
        let mut corpus = Corpus::default();
        corpus.add(articles.iter().cloned());
        corpus.rebuild(ws);
        corpus
    };
    let mut ws = Workspace {
        entities: workspace.entities.clone(),
        ..Workspace::default()
    };
    let mut stepwise = open(&ws);
    for c in &workspace.corrections {
        let before = ws.clone();
        ws.set_correction(&c.article, c.number, c.change.clone());
        if !stepwise.apply_corrections(&before, &ws) {
            stepwise.rebuild(&ws);
        }
    }
    let fresh = open(&ws);
    let rows = |c: &Corpus| -> Vec<(usize, Claim, Status)> {
        c.rows
            .iter()
            .map(|r| (r.article, r.claim.clone(), r.status))
            .collect()
    };
    if rows(&stepwise) != rows(&fresh) {
        return Err("claims applied one at a time differ from a rebuild".into());
    }
    if stepwise.changed != fresh.changed || stepwise.entities != fresh.entities {
        return Err("counts applied one at a time differ from a rebuild".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Extractor;
    use crate::io::workspace::ClaimFields;
    use crate::model::Qualifier;

    fn corpus(text: &str) -> Corpus {
        let doc = Document::from_text("a.txt", text.to_string());
        let extracted = Extractor::new().extract(&doc);
        let mut c = Corpus::default();
        c.add([Article::new(doc, extracted)]);
        c.rebuild(&Workspace::default());
        c
    }

    #[test]
    fn corrections_apply_and_export() {
        let text = " date 2023-05\nNach Angaben der Polizei wurden rund 300 Menschen festgenommen. Die Regierung sagte, 12 Schulen seien geschlossen.";
        let mut c = corpus(text);
        assert_eq!(c.rows.len(), 2);
        let key = c.articles[0].key.clone();
        let first = c.rows[0].claim.clone();
        let mut ws = Workspace::default();
        let mut fields = ClaimFields::of(&first);
        fields.value = 350.0;
        fields.qualifier = Qualifier::Over;
        ws.set_correction(&key, first.number, Change::Edit { fields });
        ws.set_correction(&key, c.rows[1].claim.number, Change::Reject);
        let mut added = first.clone();
        added.number = Span::new(0, 5);
        added.value = 1.0;
        ws.set_correction(&key, added.number, Change::Add { claim: added });
        ws.entities.rename("Polizei", "Police");
        c.rebuild(&ws);
        assert_eq!(c.rows.len(), 3);
        assert_eq!(c.rows[0].status, Status::Added);
        assert!((c.rows[1].claim.value - 350.0).abs() < 1e-9);
        assert_eq!(c.rows[1].entity(), Some("Police"));
        assert_eq!(c.rows[2].status, Status::Rejected);
        let all: Vec<usize> = (0..c.rows.len()).collect();
        let out = c.export(&all);
        assert_eq!(out[0].claims.len(), 2);
        assert_eq!(c.entities[0].name, "Police");
    }

    type Step<'a> = Box<dyn Fn(&mut Workspace) + 'a>;

    #[test]
    fn applying_corrections_equals_rebuilding() {
        let text = " date 2023-05\nNach Angaben der Polizei wurden rund 300 Menschen festgenommen. Die Regierung sagte, 12 Schulen seien geschlossen. Laut UN flohen 4000 Menschen.";
        let mut c = corpus(text);
        let key = c.articles[0].key.clone();
        let claims: Vec<Claim> = c.rows.iter().map(|r| r.claim.clone()).collect();
        let mut ws = Workspace::default();
        let steps: Vec<Step> = vec![
            Box::new(|w| w.set_correction(&key, claims[0].number, Change::Reject)),
            Box::new(|w| {
                let mut fields = ClaimFields::of(&claims[1]);
                fields.value = 13.0;
                fields.subject = Some("Kitas".into());
                w.set_correction(&key, claims[1].number, Change::Edit { fields });
            }),
            Box::new(|w| {
                w.remove_correction(&key, claims[0].number);
            }),
            Box::new(|w| w.set_correction(&key, claims[2].number, Change::Reject)),
        ];
        for step in steps {
            let before = ws.clone();
            step(&mut ws);
            assert!(c.apply_corrections(&before, &ws));
            let mut fresh = corpus(text);
            fresh.rebuild(&ws);
            let got: Vec<(Claim, Status)> =
                c.rows.iter().map(|r| (r.claim.clone(), r.status)).collect();
            let want: Vec<(Claim, Status)> = fresh
                .rows
                .iter()
                .map(|r| (r.claim.clone(), r.status))
                .collect();
            assert_eq!(got, want);
            assert_eq!(c.changed, fresh.changed);
            assert_eq!(c.entities, fresh.entities);
        }
        // Entity changes need the full rebuild.
        let before = ws.clone();
        ws.entities.rename("Polizei", "Police");
        assert!(!c.apply_corrections(&before, &ws));
    }

    #[test]
    fn extending_rows_equals_rebuilding() {
        let texts = [
            " date 2023-05\nLaut Polizei kamen rund 300 Menschen.",
            " date 2023-06\nDie UN sagte, 4000 Menschen seien geflohen. Es waren 12 Busse.",
        ];
        let mut ws = Workspace::default();
        let mut c = corpus(texts[0]);
        let doc = Document::from_text("b.txt", texts[1].to_string());
        let ex = Extractor::new().extract(&doc);
        let second = Article::new(doc, ex);
        ws.set_correction(&second.key, second.extracted[0].number, Change::Reject);
        ws.entities.rename("UN", "United Nations");
        c.rebuild(&ws);
        let first = c.articles.len();
        c.add([second.clone()]);
        c.extend_rows(first, &ws);
        let mut fresh = corpus(texts[0]);
        fresh.add([second]);
        fresh.rebuild(&ws);
        let rows = |c: &Corpus| -> Vec<(usize, Claim, Status)> {
            c.rows
                .iter()
                .map(|r| (r.article, r.claim.clone(), r.status))
                .collect()
        };
        assert_eq!(rows(&c), rows(&fresh));
        assert_eq!(c.changed, 1);
        assert_eq!(c.entities, fresh.entities);
        for (i, r) in c.rows.iter().enumerate() {
            assert_eq!(c.find(r.article, r.claim.number), Some(i));
        }
    }

    /// Two claims with sources set by hand: (source text, entity, affiliation, unresolved).
    fn with_sources(sources: [(&str, &str, Option<&str>, bool); 3]) -> Corpus {
        let text = " date 2023-05\nNach Angaben der Polizei wurden rund 300 Menschen festgenommen. Die Regierung sagte, 12 Schulen seien geschlossen. Laut UN flohen 4000 Menschen.";
        let mut c = corpus(text);
        assert_eq!(c.articles[0].extracted.len(), 3);
        for (claim, (text, entity, affiliation, unresolved)) in
            c.articles[0].extracted.iter_mut().zip(sources)
        {
            claim.source = Some(Source {
                span: Span::new(0, 1),
                text: text.into(),
                entity: Some(entity.into()),
                affiliation: affiliation.map(str::to_string),
                unresolved,
            });
        }
        c.rebuild(&Workspace::default());
        c
    }

    fn stat<'a>(c: &'a Corpus, name: &str) -> &'a EntityStat {
        c.entities.iter().find(|e| e.name == name).unwrap()
    }

    #[test]
    fn affiliations_and_unresolved_entities_are_counted_and_chosen() {
        let mut c = with_sources([
            ("Rjabkow", "Sergej Rjabkow", Some("Russia"), false),
            ("Sprecher", "Sprecher", None, true),
            ("Rjabkow", "Sergej Rjabkow", None, false),
        ]);
        let rjabkow = stat(&c, "Sergej Rjabkow");
        assert_eq!(rjabkow.affiliation.as_deref(), Some("Russia"));
        assert!(!rjabkow.unresolved);
        assert!(stat(&c, "Sprecher").unresolved);
        assert_eq!(c.rows[0].side(), Some("Russia"));
        assert_eq!(c.rows[2].side(), Some("Sergej Rjabkow"));
        // The side has a colour of its own.
        assert!(c.color_index(Some("Russia")).is_some());
        // The user's affiliation applies to every claim of the entity, after renames.
        let mut ws = Workspace::default();
        ws.entities.rename("Sergej Rjabkow", "Rjabkow");
        ws.entities.set_affiliation("Rjabkow", "Russland");
        ws.entities.set_affiliation("Sprecher", "USA");
        c.rebuild(&ws);
        assert_eq!(c.rows[0].side(), Some("Russland"));
        assert_eq!(c.rows[2].side(), Some("Russland"));
        assert_eq!(stat(&c, "Rjabkow").affiliation.as_deref(), Some("Russland"));
        assert!(
            stat(&c, "Sprecher").unresolved,
            "an affiliation does not name it"
        );
        // Cleared: the extractor's is gone too.
        ws.entities.set_affiliation("Rjabkow", "");
        c.rebuild(&ws);
        assert_eq!(c.rows[0].affiliation(), None);
        assert_eq!(stat(&c, "Rjabkow").affiliation, None);
        // A renamed generic noun is assigned.
        ws.entities.rename("Sprecher", "Sprecher des Weißen Hauses");
        c.rebuild(&ws);
        assert!(!stat(&c, "Sprecher des Weißen Hauses").unresolved);
        assert_eq!(
            stat(&c, "Sprecher des Weißen Hauses")
                .affiliation
                .as_deref(),
            Some("USA"),
            "the affiliation followed the rename"
        );
    }

    #[test]
    fn an_old_rename_moves_to_the_source_texts_its_entity_was_named_after() {
        // The extractor used to give "Konzern" as the entity of "Konzern"; now it names
        // General Motors.
        let mut c = with_sources([
            ("Konzern", "General Motors", None, false),
            ("konzern", "General Motors", None, false),
            ("Polizei", "Polizei Leipzig", None, false),
        ]);
        let mut ws = Workspace::default();
        ws.entities.rename("Konzern", "GM");
        ws.entities.rename("Polizei Leipzig", "Leipziger Polizei");
        ws.entities.rename("Feuerwehr", "Brandschutz");
        ws.entities.set_affiliation("Sprecher", "USA");
        c.rebuild(&ws);
        let m = c.migrate(&ws.entities);
        assert_eq!(
            m.aliases,
            vec![
                ("Konzern".to_string(), "GM".to_string()),
                ("konzern".to_string(), "GM".to_string())
            ]
        );
        let messages: Vec<String> = m.moved.iter().map(Moved::message).collect();
        assert_eq!(
            messages,
            vec![
                "Workspace: the rename 'Feuerwehr' → 'Brandschutz' matches no source of the open articles now; it is kept in the workspace",
                "Workspace: the rename 'Konzern' → 'GM' now applies to the source texts 'Konzern' (1 claim), 'konzern' (1 claim), since the extractor now names their entities 'General Motors'",
                "Workspace: the affiliation 'Sprecher' → 'USA' matches no source of the open articles now; it is kept in the workspace",
            ]
        );
        for (text, to) in m.aliases {
            ws.entities.move_alias(&text, &to);
        }
        c.rebuild(&ws);
        assert_eq!(c.rows[0].entity(), Some("GM"));
        assert_eq!(c.rows[1].entity(), Some("GM"));
        assert_eq!(c.rows[2].entity(), Some("Leipziger Polizei"));
        // Nothing is moved twice; what matches nothing is still said (the app says it once).
        let again = c.migrate(&ws.entities);
        assert!(again.aliases.is_empty());
        assert_eq!(again.moved.len(), 2);
        assert!(ws.entities.renames.contains_key("Feuerwehr"), "kept");
    }

    #[test]
    fn an_old_affiliation_moves_its_source_text_back_to_its_entity() {
        let mut c = with_sources([
            ("Sprecher", "Sprecher des Pentagons", None, false),
            ("Sprecher", "Sprecher des Pentagons", None, false),
            ("Polizei", "Polizei", None, false),
        ]);
        let mut ws = Workspace::default();
        ws.entities.set_affiliation("Sprecher", "USA");
        c.rebuild(&ws);
        let m = c.migrate(&ws.entities);
        assert_eq!(m.aliases, vec![("Sprecher".into(), "Sprecher".into())]);
        assert_eq!(
            m.moved[0].message(),
            "Workspace: the affiliation 'Sprecher' → 'USA' now applies to the source text 'Sprecher' (2 claims) (moved back to the entity 'Sprecher'), since the extractor now names its entity 'Sprecher des Pentagons'"
        );
        ws.entities.move_alias("Sprecher", "Sprecher");
        c.rebuild(&ws);
        assert_eq!(c.rows[0].side(), Some("USA"));
        assert!(c.migrate(&ws.entities).moved.is_empty());
    }

    #[test]
    fn same_text_opens_once() {
        let mut c = corpus("Die Polizei sagte, 300 Menschen seien gekommen.");
        let doc = Document::from_text(
            "b.txt",
            "Die Polizei sagte, 300 Menschen seien gekommen.".into(),
        );
        let ex = Extractor::new().extract(&doc);
        assert_eq!(c.add([Article::new(doc, ex)]), 0);
    }
}
