//! French: what its grammar needs beyond the word lists of `data/fr/`.
//!
//! The lists say which words report, hedge or name a source; this module says
//! how French puts them together, where English does it differently:
//!
//! - **verbs in compound tenses and inverted** after a quotation: "a déclaré
//!   le ministre", "a-t-il précisé", "estime-t-elle", "s'est dite",
//!   "fait-on valoir" (the tokenizer has split "a-t-il" into "a" and "il");
//!   a verb with its subject before it, past appositions and relative
//!   clauses: "Le Premier ministre, X, qui ..., avait assuré";
//! - **frames without a verb of their own**: "Pour X, ...", "X, cité par Le
//!   Figaro", "de source policière", "Interrogé par ..., X ...", a colon
//!   before a quotation;
//! - **the head of a noun phrase**, which stands before its adjectives and
//!   after a quantity ("un conseiller ministériel", "une cinquantaine de
//!   députés");
//! - **the journalistic conditional** as a hedge ("aurait", "envisagerait"),
//!   except where it is the future of reported speech ("a annoncé qu'il
//!   demanderait"), a hypothetical ("si ..., il perdrait"), an obligation or
//!   a counterfactual ("aurait dû", "aurait permis").
//!
//! The engine reaches these through [`super::rules`], by the language of the
//! lexicon it reads with; the English rules are the engine's own.

use std::sync::LazyLock;

use rustc_hash::FxHashSet as HashSet;

use crate::cues::{self, CueKind, Found};
use crate::hedges;
use crate::lang::Lang;
use crate::lexicon::{self, Lexicon, WordClass};
use crate::phrases::Starts;
use crate::tokens::{Kind, Reading};

/// The classes of `data/fr/grammar.txt` that only these rules read, as the
/// bits the lexicon gives them ([`Lexicon::own_class`]): a token is tested
/// against them as against the shared classes, with no look-up of its word.
struct Classes {
    prenominal: WordClass,
    conditional: WordClass,
    relative: WordClass,
    inverted: WordClass,
    light: WordClass,
    aux_avoir: WordClass,
    aux_etre: WordClass,
    quantity: WordClass,
    frame: WordClass,
    y_verb: WordClass,
    opener: WordClass,
    /// Adverbial phrases, their words joined by `_` in the list ("par_ailleurs").
    adverbial: HashSet<String>,
    /// The last word of each of them ("ailleurs"): where one may end.
    adverbial_end: HashSet<String>,
}

static C: LazyLock<Classes> = LazyLock::new(|| {
    let lex = lexicon::get(Lang::Fr);
    let adverbial = lex.grammar.own.iter().find(|(name, _)| name == "adverbial").map(|(_, set)| set.clone()).unwrap_or_default();
    Classes {
        prenominal: lex.own_class("prenominal"),
        conditional: lex.own_class("conditional"),
        relative: lex.own_class("relative"),
        inverted: lex.own_class("inverted"),
        light: lex.own_class("light"),
        aux_avoir: lex.own_class("aux_avoir"),
        aux_etre: lex.own_class("aux_etre"),
        quantity: lex.own_class("quantity"),
        frame: lex.own_class("frame"),
        y_verb: lex.own_class("y_verb"),
        opener: lex.own_class("opener"),
        adverbial: adverbial.iter().map(|p| p.replace('_', " ")).collect(),
        adverbial_end: adverbial.iter().filter_map(|p| p.rsplit(['_', '\'']).next()).map(str::to_string).collect(),
    }
});

/// Nouns for someone or something that can speak ("ministre", "syndicat", "rapport").
const SPEAKER: WordClass = WordClass::SPOKESPERSON
    .with(WordClass::ANONYMOUS_ROLE)
    .with(WordClass::VAGUE_GROUP)
    .with(WordClass::ORGANISATION)
    .with(WordClass::OUTLET)
    .with(WordClass::INSTITUTION)
    .with(WordClass::DOCUMENT_HEAD)
    .with(WordClass::TITLE)
    .with(WordClass::PRONOUN);

/// Every attribution cue of a French sentence, in order of the cue.
pub fn find_cues(r: &Reading, opens_block: bool, found: &mut Vec<Found>) {
    found.clear();
    prepositions(r, found);
    verbs(r, found);
    incises(r, found);
    frames(r, found);
    colon(r, opens_block, found);
    cues::dash(r, found);
    found.sort_by_key(|f| f.cue.start);
    found.dedup_by_key(|f| f.cue.start);
}

/// "selon l'Insee", "d'après une source proche du dossier", "à en croire Le
/// Courrier", "citant un ancien salarié"; not "selon le calendrier prévu",
/// "d'après les règles en vigueur", which name no one.
fn prepositions(r: &Reading, found: &mut Vec<Found>) {
    for at in (0..r.len()).filter(|&i| r.is(i, WordClass::SOURCE_PREPOSITION_START)) {
        for phrase in &r.lex.source_prepositions {
            if phrase.is_empty() || !phrase.iter().enumerate().all(|(k, w)| r.lw(at + k) == w) {
                continue;
            }
            let after = at + phrase.len();
            let source = if r.kind(after) == Some(Kind::Quote) {
                // A title: "selon « Les Marées », un livre de Jeanne Roux".
                Some((after, after + 1))
            } else {
                let opening = (0..at).all(|i| !r.is_word(i));
                phrase_at(r, after, opening).filter(|&(s, e)| !r.is(head_of(r, s, e), WordClass::NOT_SOURCE))
            };
            if let Some(source) = source {
                found.push(Found { kind: CueKind::Preposition, cue: r.span(at..after), source: Some(source) });
                break;
            }
        }
    }
}

/// A reporting verb with what it is written with: its auxiliary, a
/// reflexive pronoun, an inverted subject pronoun.
#[derive(Debug)]
struct Group {
    /// The first token of the group (the auxiliary, "s'", "fait" or the verb).
    start: usize,
    /// Just after the last token of the verb (the participle, the clitic).
    end: usize,
    /// The subject pronoun written after the verb ("il" of "a-t-il dit").
    clitic: Option<usize>,
    /// A form of "être" without a reflexive pronoun: a passive.
    passive: bool,
    negated: bool,
}

/// Whether token `i` is a subject pronoun the tokenizer split off its verb ("dit-il").
fn is_clitic(r: &Reading, i: usize) -> bool {
    r.tokens.get(i).is_some_and(|t| t.span.start > 0 && r.norm.as_bytes()[t.span.start - 1] == b'-') && r.lex.grammar.clitic.contains(r.lw(i))
}

/// An adverb that may stand inside a verb group ("a également rapporté", "avait pourtant assuré").
fn is_adverb(r: &Reading, i: usize) -> bool {
    let w = r.lw(i);
    r.is_word(i) && (r.is(i, WordClass::AUXILIARY) && !aux_verb(r, i) || w.len() > 5 && w.ends_with("ment") && !r.is_capitalised_word(i))
}

/// The length of an adverbial phrase of the `adverbial` class that ends
/// just before token `end` ("par ailleurs", "de son côté"), if one does.
fn adverbial_before(r: &Reading, end: usize) -> Option<usize> {
    // Only where an adverbial's last word stands: no phrase is built for any other word.
    if end == 0 || !C.adverbial_end.contains(r.lw(end - 1)) {
        return None;
    }
    (2..=4usize).filter(|&n| n <= end).find(|&n| {
        let mut phrase = String::new();
        for i in end - n..end {
            if !phrase.is_empty() && !phrase.ends_with('\'') {
                phrase.push(' ');
            }
            phrase.push_str(r.lw(i));
        }
        C.adverbial.contains(&phrase)
    })
}

/// Whether token `i` is a form of "avoir" or "être" that opens a compound tense.
fn aux_verb(r: &Reading, i: usize) -> bool {
    r.is(i, C.aux_avoir | C.aux_etre)
}

/// Past participles: "déclaré", "reconnu", "démenti", "admis", "dite". An
/// ending shared with a present ("confie", "précise", "cite") does not count.
fn is_participle(w: &str) -> bool {
    ["é", "ée", "és", "ées", "u", "us", "i", "is"].iter().any(|e| w.ends_with(e))
        || matches!(w, "dite" | "dites" | "écrite" | "écrites" | "décrite" | "décrites" | "admise" | "promise" | "apprise" | "reprise")
}

/// The verb group around reporting token `v`, reading left for an auxiliary,
/// a reflexive pronoun, a form of "faire" and a negation, and right for an
/// inverted subject pronoun.
fn group(r: &Reading, v: usize) -> Group {
    let mut clitic = (v + 1 < r.len() && is_clitic(r, v + 1)).then_some(v + 1);
    // "fait savoir", "fait-on valoir", "a fait état".
    let mut head = v;
    if v >= 2 && is_clitic(r, v - 1) && r.is(v - 2, C.light) {
        clitic = Some(v - 1);
        head = v - 2;
    } else if v >= 1 && r.is(v - 1, C.light) {
        head = v - 1;
    }
    let mut start = head;
    let mut passive = false;
    // Left: adverbs, "pas", a clitic ("a-t-il"), then an auxiliary ("a", "s'est").
    let mut k = head;
    while k > 0 && head - k < 5 {
        let prev = k - 1;
        let w = r.lw(prev);
        if is_clitic(r, prev) {
            clitic = Some(prev);
        } else if w == "été" {
            passive = true;
        } else if aux_verb(r, prev) {
            start = prev;
            let reflexive = prev > 0 && matches!(r.lw(prev - 1), "s'" | "se");
            if reflexive {
                start = prev - 1;
            }
            passive |= r.is(prev, C.aux_etre) && !reflexive;
            break;
        } else if let Some(len) = adverbial_before(r, k) {
            // "a par ailleurs démenti", "a de son côté affirmé".
            k -= len;
            continue;
        } else if !(is_adverb(r, prev) || matches!(w, "pas" | "jamais" | "guère")) {
            break;
        }
        k = prev;
    }
    // A simple verb's reflexive pronoun: "se félicite", "s'agace".
    if start == head && head > 0 && matches!(r.lw(head - 1), "s'" | "se") {
        start = head - 1;
    }
    // "ne dément pas", "n'a pas confirmé", "ne l'a pas dit".
    let negated = (start.saturating_sub(2)..start).any(|i| matches!(r.lw(i), "ne" | "n'"));
    let end = clitic.map_or(v + 1, |c| c.max(v) + 1);
    Group { start, end, clitic, passive, negated }
}

/// Reporting verbs and their sources.
fn verbs(r: &Reading, found: &mut Vec<Found>) {
    let cue_verb = WordClass::REPORTING_VERB | WordClass::EVIDENCE_VERB | WordClass::STANCE_VERB;
    let mut covered = 0;
    for v in 0..r.len() {
        let word = r.lw(v);
        let class = r.classes(v);
        if v < covered || !r.is_word(v) {
            continue;
        }
        // "y voient": a verb that reports after "y" only; looked up only after a "y".
        let y_verb = class.is(C.y_verb) && v > 0 && r.lw(v - 1) == "y";
        if !(class.is(cue_verb) || y_verb) || is_clitic(r, v) {
            continue;
        }
        // A capitalised form inside a sentence is a name ("Le Dit des ...").
        if v > 0 && r.is_capitalised_word(v) && r.kind(v - 1) == Some(Kind::Word) {
            continue;
        }
        let light = v >= 1 && r.is(v - 1, C.light) || v >= 2 && is_clitic(r, v - 1) && r.is(v - 2, C.light);
        // "savoir", "valoir", "état", "part" report only after "faire".
        if matches!(word, "savoir" | "valoir" | "état" | "part") && !light {
            continue;
        }
        let stance = class.is(WordClass::STANCE_VERB) && (v + 1..(v + 4).min(r.len())).any(|i| r.is(i, WordClass::STANCE_OBJECT));
        if !class.is(WordClass::REPORTING_VERB | WordClass::EVIDENCE_VERB) && !stance && !y_verb {
            continue;
        }
        let prev = if v > 0 { r.lw(v - 1) } else { "" };
        // A determiner or a preposition before it makes a noun of it: "l'annonce", "la note", "de la critique".
        if !light && !y_verb && v > 0 && (r.is(v - 1, WordClass::DEFINITE | WordClass::INDEFINITE) || r.is(v - 1, WordClass::PREPOSITION) && !matches!(prev, "en" | "y")) {
            continue;
        }
        // "Elle avait dit oui": an answer to a question, not a report.
        if matches!(r.lw(v + 1), "oui" | "non") {
            continue;
        }
        let mut g = group(r, v);
        if y_verb {
            g.start = g.start.min(v - 1);
        }
        if g.negated {
            continue;
        }
        let participle = is_participle(word) && !matches!(word, "dit" | "écrit" | "décrit");
        let compound = g.start < v && aux_verb(r, g.start) || g.start + 1 < v && aux_verb(r, g.start + 1);
        // A bare participle is an adjective ("la mesure annoncée"), unless its agent follows: "une victoire saluée par les syndicats".
        if participle && !compound && !light {
            if r.lw(v + 1) == "par" && class.is(WordClass::REPORTING_VERB) {
                if let Some(source) = phrase_after(r, v + 2) {
                    found.push(Found { kind: CueKind::Passive, cue: r.span(v..v + 2), source: Some(source) });
                }
            }
            continue;
        }
        let cue_end = cue_extent(r, g.end);
        let cue = r.span(g.start..cue_end);
        // The passive: a source only with its agent ("a été confirmé par le parquet").
        if g.passive {
            if r.lw(g.end) == "par" {
                if let Some(source) = phrase_after(r, g.end + 1) {
                    found.push(Found { kind: CueKind::Passive, cue: r.span(g.start..g.end + 1), source: Some(source) });
                    covered = g.end + 1;
                }
            }
            continue;
        }
        // The inverted subject pronoun: "a-t-il précisé", "assure-t-on", "indique-t-on de source policière".
        if let Some(c) = g.clitic {
            let source = if r.lw(cue_end) == "de" && matches!(r.lw(cue_end + 1), "source" | "sources") {
                phrase_after(r, cue_end + 1).unwrap_or((c, c + 1))
            } else {
                (c, c + 1)
            };
            // "a-t-on appris auprès du ministère": whom "on" learnt it from is the source.
            if r.lw(c) == "on" && r.lw(cue_end) == "auprès" {
                let at = if matches!(r.lw(cue_end + 1), "de" | "d'" | "du" | "des") { cue_end + 2 } else { cue_end + 1 };
                if let Some(source) = phrase_after(r, at) {
                    found.push(Found { kind: CueKind::Verb, cue: r.span(g.start..cue_end + 1), source: Some(source) });
                    covered = cue_end;
                    continue;
                }
            }
            found.push(Found { kind: CueKind::Verb, cue, source: Some(source) });
            covered = cue_end;
            continue;
        }
        let evidence_only = class.is(WordClass::EVIDENCE_VERB) && !class.is(WordClass::REPORTING_VERB);
        let inverted_only = class.is(C.inverted);
        // "..., estimant que": a participle after a comma speaks for the sentence's subject.
        if word.ends_with("ant") {
            if v > 0 && r.is_punct(v - 1, ",") && !evidence_only {
                if let Some(source) = sentence_subject(r, v - 1).filter(|&(s, e)| is_speaker(r, s, e)) {
                    found.push(Found { kind: CueKind::Verb, cue, source: Some(source) });
                }
            }
            continue;
        }
        // After a quotation the subject follows the verb: "», a déclaré le ministre".
        let after_quote = g.start > 0 && (r.kind(g.start - 1) == Some(Kind::Quote) || r.is_punct(g.start - 1, ",") && g.start >= 2 && r.kind(g.start - 2) == Some(Kind::Quote));
        let subject = if after_quote { None } else { subject_before(r, g.start).filter(|&(s, e)| is_speaker(r, s, e)) };
        if subject.is_none() && inverted_position(r, g.start) && !evidence_only {
            let at = skip_extension(r, cue_end);
            let source = phrase_after(r, at).filter(|&(s, e)| opens_phrase(r, s) && (after_quote || is_speaker(r, s, e)));
            if let Some(source) = source {
                found.push(Found { kind: CueKind::Verb, cue, source: Some(source) });
                covered = at;
                continue;
            }
        }
        // Verbs that report only after a quotation, or with what a speaker says
        // after them: "a appris que", "glisse : « ... »", "assure avoir réuni".
        if inverted_only && !reports_after(r, cue_end) {
            continue;
        }
        let Some(subject) = subject else { continue };
        // "Il se dit que ...", "il se murmure dans les couloirs que": nobody says it (impersonal.txt).
        let impersonal = subject.1 == subject.0 + 1 && r.lw(subject.0) == "il" && matches!(r.lw(g.start), "se" | "s'") && (r.is(cue_end, WordClass::CLAUSE | WordClass::PREPOSITION));
        if impersonal {
            continue;
        }
        if evidence_only || (!class.is(WordClass::REPORTING_VERB) && !stance && !y_verb) {
            // The noun that heads the subject, past any name in it: "un sondage ... pour La Gazette".
            let head = noun_head(r, subject.0, subject.1);
            if !(r.is(head, WordClass::DOCUMENT_HEAD) || is_plural_of(r, head, WordClass::DOCUMENT_HEAD)) {
                continue;
            }
            found.push(Found { kind: CueKind::Evidence, cue, source: Some(subject) });
            covered = cue_end;
            continue;
        }
        found.push(Found { kind: CueKind::Verb, cue, source: Some(subject) });
        covered = cue_end;
    }
}

/// Whether what follows a verb at `at` is what a speaker says: "que", a
/// colon, a quotation, an infinitive of "avoir" or "être" ("assure avoir
/// réuni", "affirme ne pas savoir").
fn reports_after(r: &Reading, at: usize) -> bool {
    // Past a time and whom it was said to: "a assuré jeudi au Courrier du port que".
    let mut at = skip_extension(r, at);
    if matches!(r.lw(at), "à" | "au" | "aux") {
        at = (at + 1..(at + 8).min(r.len())).find(|&i| !np_word_fr(r, i) || matches!(r.lw(i), "que" | "qu'")).unwrap_or(at);
    }
    matches!(r.lw(at), "que" | "qu'" | "avoir" | "être" | "ne" | "n'") || r.is_punct(at, ":") || r.kind(at) == Some(Kind::Quote)
}

/// Whether the phrase `start..end` can speak: a name, a pronoun, or a head
/// that stands for a person, a body, a group or a document.
fn is_speaker(r: &Reading, start: usize, end: usize) -> bool {
    if end == start + 1 && (is_clitic(r, start) || r.is(start, WordClass::PRONOUN)) || end == start + 2 && r.is(start + 1, WordClass::PRONOUN) {
        return true;
    }
    let head = head_of(r, start, end);
    let named = (start..end).any(|i| r.is_proper(i) && !r.is(i, WordClass::TITLE | WordClass::CALENDAR));
    named || r.is(head, SPEAKER) || is_plural_of(r, head, SPEAKER)
}

/// A verb the lists do not know, in the incise after a quotation: French
/// tells who speaks there with any verb, "», s'enthousiasme le directeur",
/// "», sourit-elle", "», a plaisanté le ministre". It is a verb because it
/// is written as one: with a reflexive pronoun before it, an inverted
/// pronoun after it, or an auxiliary and a participle.
fn incises(r: &Reading, found: &mut Vec<Found>) {
    for q in (0..r.len()).filter(|&q| r.kind(q) == Some(Kind::Quote)) {
        let i = if r.is_punct(q + 1, ",") { q + 2 } else { q + 1 };
        if !r.is_word(i) || r.is_capitalised_word(i) || found.iter().any(|f| f.cue.start == r.span(i..i + 1).start) {
            continue;
        }
        let (verb_end, clitic) = if matches!(r.lw(i), "s'" | "se") && r.is_word(i + 1) {
            // "s'enthousiasme", "s'est emporté".
            let v = if aux_verb(r, i + 1) && is_participle(r.lw(i + 2)) { i + 3 } else { i + 2 };
            (v, is_clitic(r, v).then_some(v))
        } else if is_clitic(r, i + 1) {
            // "sourit-elle", "a-t-il plaisanté".
            let v = if r.is(i, C.aux_avoir) && is_participle(r.lw(i + 2)) { i + 3 } else { i + 2 };
            (v, Some(i + 1))
        } else if r.is(i, C.aux_avoir) && is_participle(r.lw(i + 1)) && r.lw(i + 1) != "été" {
            (i + 2, None)
        } else {
            continue;
        };
        let source = match clitic {
            Some(c) => Some((c, c + 1)),
            None => phrase_after(r, skip_extension(r, verb_end)).filter(|&(s, _)| opens_phrase(r, s)),
        };
        if let Some(source) = source {
            let end = clitic.map_or(verb_end, |c| c.max(verb_end - 1) + 1);
            found.push(Found { kind: CueKind::Verb, cue: r.span(i..end), source: Some(source) });
        }
    }
}

/// Whether the verb group starting at `start` follows a quotation, a comma, a
/// colon or a dash: its subject comes after it ("», a déclaré le ministre").
fn inverted_position(r: &Reading, start: usize) -> bool {
    let Some(prev) = start.checked_sub(1) else { return false };
    r.kind(prev) == Some(Kind::Quote) || r.is_punct(prev, ",") || r.is_punct(prev, "\u{2014}") || r.is_punct(prev, "-") || r.is_punct(prev, ":") || r.is_punct(prev, "\"")
}

/// The cue runs over a frame ("dans un communiqué", "en conférence de presse")
/// and a platform ("sur X") written right after the verb.
fn cue_extent(r: &Reading, end: usize) -> usize {
    let mut end = end;
    // "dans un communiqué", "dans une déclaration commune".
    if r.lw(end) == "dans" && r.is(end + 1, WordClass::INDEFINITE | WordClass::DEFINITE) && r.is(end + 2, WordClass::REPORT_FRAME) {
        end += 3;
        while r.is_word(end) && !r.is(end, WordClass::DEFINITE | WordClass::INDEFINITE | WordClass::PREPOSITION) && !r.is_proper(end) && !r.is(end, WordClass::CLAUSE) && end < r.len() {
            end += 1;
        }
    }
    // "sur X", "sur BFMTV", "sur son compte".
    if r.lw(end) == "sur" && r.is_proper(end + 1) {
        end += 2;
    }
    end.min(r.len())
}

/// Past the time and place words between an inverted verb and its subject:
/// "a indiqué jeudi le parquet", "a annoncé mardi soir la société".
fn skip_extension(r: &Reading, at: usize) -> usize {
    let mut at = at;
    while at < r.len() && (r.is(at, WordClass::TIME | WordClass::CALENDAR) && !r.is_proper(at) || r.kind(at) == Some(Kind::Number) && r.is(at + 1, WordClass::CALENDAR)) {
        at += 1;
    }
    at
}

/// A token that can open a subject: a determiner, a name, a title, a number, a pronoun.
fn opens_phrase(r: &Reading, at: usize) -> bool {
    r.is_proper(at) || r.is(at, WordClass::DEFINITE | WordClass::INDEFINITE | WordClass::TITLE | WordClass::PRONOUN | WordClass::VAGUE_GROUP) || r.kind(at) == Some(Kind::Number)
}

/// The noun phrase that starts at `at`: its words, its complements with
/// "de" ("la directrice du port"), a preposition into a name ("le président
/// du groupe à l'Assemblée"), a parenthesis ("(UDT)"), and a short apposition
/// ("Nadia Belkacem, secrétaire générale de l'UDT"), but not a participial
/// clause (", interrogé mardi par France Inter") nor another phrase ("le
/// président à un proche").
fn phrase_after(r: &Reading, at: usize) -> Option<(usize, usize)> {
    phrase_at(r, at, false)
}

/// [`phrase_after`]; in a phrase that opens the sentence ("Selon X, ..."),
/// an apposition must close with a comma: the clause after it is the claim.
fn phrase_at(r: &Reading, at: usize, opening: bool) -> Option<(usize, usize)> {
    let determiner = r.is(at, WordClass::DEFINITE | WordClass::INDEFINITE);
    if !(r.is_word(at) || r.kind(at) == Some(Kind::Number)) || r.is(at, WordClass::PREPOSITION | WordClass::CLAUSE) && !determiner {
        return None;
    }
    if is_clitic(r, at) || r.is(at, WordClass::PRONOUN) && !r.is(at, WordClass::DEFINITE) {
        return Some((at, at + 1));
    }
    let end = phrase_end(r, at);
    if end == at {
        return None;
    }
    // An apposition: up to the next punctuation, if it names or describes.
    if r.is_punct(end, ",") && r.is_word(end + 1) {
        let first = end + 1;
        let describes = !(r.is(first, WordClass::CLAUSE | WordClass::PREPOSITION) || r.is(first, C.relative) || is_participle(r.lw(first)) && !r.is_proper(first) && !r.is(first, SPEAKER));
        let stop = phrase_end(r, first);
        let closes = if opening { r.is_punct(stop, ",") } else { stop == r.len() || r.kind(stop) == Some(Kind::Punct) };
        if describes && stop > first && stop - first <= 12 && closes {
            return Some((at, stop));
        }
    }
    Some((at, end))
}

/// Where the noun phrase starting at `at` ends (see [`phrase_after`]).
fn phrase_end(r: &Reading, at: usize) -> usize {
    let mut end = at;
    while end < r.len() && end - at < 16 {
        // "des" opening the phrase is its determiner ("des rapports"), after a noun a preposition.
        let determiner = end == at && r.is(end, WordClass::DEFINITE | WordClass::INDEFINITE);
        if r.is(end, WordClass::PREPOSITION) && !r.is_proper(end) && !determiner {
            let complement = matches!(r.lw(end), "de" | "d'" | "du" | "des") && (np_word_fr(r, end + 1) && !r.is(end + 1, WordClass::PREPOSITION) || r.kind(end + 1) == Some(Kind::Number));
            let into_name = r.is_proper(end + 1) || r.is(end + 1, WordClass::DEFINITE) && r.is_proper(end + 2);
            if end > at && (complement || into_name) {
                end += 1;
                continue;
            }
            break;
        }
        // "(UDT)", "(divers droite)".
        if r.is_punct(end, "(") && end > at {
            match (end + 1..(end + 6).min(r.len())).find(|&i| r.is_punct(i, ")")) {
                Some(close) => {
                    end = close + 1;
                    continue;
                }
                None => break,
            }
        }
        if !np_word_fr(r, end) {
            break;
        }
        end += 1;
    }
    while end > at && (r.is(end - 1, WordClass::PREPOSITION) && !r.is_proper(end - 1) || r.kind(end - 1) == Some(Kind::Punct) && r.text(end - 1) != ")") {
        end -= 1;
    }
    end
}

/// Whether token `i` ends in `s` or `x` and, without it, belongs to `class` ("ministres", "journaux").
fn is_plural_of(r: &Reading, i: usize, class: WordClass) -> bool {
    let w = r.lw(i);
    w.strip_suffix('s').is_some_and(|singular| r.lex.classes(singular).is(class))
}

/// Where a parenthesis set off by commas opens: a relative clause ("qui a
/// requis l'anonymat"), a participle ("âgé de 34 ans", "interrogé par"), an
/// age or a number ("61 ans"), an adverbial ("en revanche", "de son côté",
/// "jusque dans ses rangs").
fn is_parenthesis(r: &Reading, start: usize, end: usize) -> bool {
    let first = r.lw(start);
    r.is(start, C.relative)
        || r.kind(start) == Some(Kind::Number)
        // "Contacté", "Interrogée par Ouest-France"; not "René Dupont".
        || (is_participle(first) && !(start + 1 < end && r.is_proper(start + 1)) && !r.is(start, SPEAKER))
        || r.is(start, WordClass::PREPOSITION) && !r.is(start, WordClass::DEFINITE | WordClass::INDEFINITE) && !r.is_proper(start)
        || is_adverb(r, start)
        || r.is(start, C.opener)
        || end - start == 1 && r.kind(start) == Some(Kind::Punct)
}

/// An opening segment that is no subject: a place or a time ("À Bercy",
/// "Mardi", "La veille"), a participle ("Contacté", "Joint par téléphone"),
/// a connective ("Pourtant").
fn is_opener(r: &Reading, start: usize, end: usize) -> bool {
    let time = (start..end).all(|i| r.is(i, WordClass::TIME | WordClass::CALENDAR | WordClass::DEFINITE) || r.kind(i) == Some(Kind::Number) || !r.is_word(i));
    time || is_parenthesis(r, start, end)
}

/// A segment that is an apposition after a name or a role, without a
/// determiner: "secrétaire générale de l'UDT", "pilier de la coalition".
fn is_bare_apposition(r: &Reading, start: usize, end: usize) -> bool {
    !r.is(start, WordClass::DEFINITE | WordClass::INDEFINITE | WordClass::PRONOUN) && !r.is_proper(start) && r.is_word(start) && !r.is(start, WordClass::CLAUSE) && end > start
}

/// The segments of tokens `0..end` between commas, right to left.
fn segments(r: &Reading, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut stop = end;
    let mut i = end;
    while i > 0 {
        i -= 1;
        if r.is_punct(i, ",") || r.is_punct(i, ";") || r.is_punct(i, ":") || r.kind(i) == Some(Kind::Quote) || r.is_punct(i, "\u{2014}") {
            out.push((i + 1, stop));
            stop = i;
            if !r.is_punct(i, ",") {
                // A quotation or a colon ends the reading: what is before it is another clause.
                return out;
            }
        }
    }
    out.push((0, stop));
    out
}

/// The noun phrase that ends at `end` (exclusive): the words of a phrase,
/// with its inner prepositions ("le ministre du Travail"), at most 14.
fn np_before(r: &Reading, end: usize) -> Option<(usize, usize)> {
    if end == 0 {
        return None;
    }
    // A pronoun, or a noun that refers back after its determiner ("l'élue", "ce dernier"), stands alone.
    if is_clitic(r, end - 1) || r.is(end - 1, WordClass::PRONOUN) || matches!(r.lw(end - 1), "on" | "beaucoup" | "certains" | "certaines" | "plusieurs") {
        let start = if end >= 2 && r.is(end - 2, WordClass::DEFINITE) && r.is(end - 1, WordClass::PRONOUN) { end - 2 } else { end - 1 };
        return Some((start, end));
    }
    let mut start = end;
    while start > 0 && end - start < 14 {
        let i = start - 1;
        let ok = match r.kind(i) {
            Some(Kind::Word) => {
                !(r.is(i, WordClass::CLAUSE | WordClass::NEGATION) || aux_verb(r, i) || (r.classes(i).reporting().is_some() && !r.is(i, SPEAKER) && !r.is_proper(i)))
                    || r.is_proper(i)
            }
            Some(Kind::Number) | Some(Kind::Possessive) => true,
            Some(Kind::Punct) => matches!(r.text(i), "." | "&" | "(" | ")" | "-") && i > 0 && r.is_word(i - 1),
            _ => false,
        };
        if !ok {
            break;
        }
        start = i;
    }
    // A phrase opening with a preposition that links it to what is before ("à un visiteur"): from after it.
    while start < end && r.is(start, WordClass::PREPOSITION) && !r.is(start, WordClass::INDEFINITE) && !r.is_proper(start) {
        start += 1;
    }
    // The last preposition that opens a new phrase, other than "de" that joins a complement.
    if let Some(p) = (start + 1..end).rev().find(|&i| r.is(i, WordClass::PREPOSITION) && !matches!(r.lw(i), "de" | "d'" | "du" | "des") && r.is(i + 1, WordClass::DEFINITE | WordClass::INDEFINITE) && !r.is_proper(i)) {
        // "le chef de l'État à un visiteur du soir": the phrase after "à" stands on its own;
        // "le président du groupe à l'Assemblée" names a place that belongs to the phrase.
        let into_name = r.is_proper(p + 1) || r.is(p + 1, WordClass::DEFINITE) && r.is_proper(p + 2);
        if !into_name {
            start = p + 1;
        }
    }
    (start < end && (start..end).any(|i| r.is_word(i))).then_some((start, end))
}

/// The subject of a verb group starting at `start`: the phrase before it,
/// through appositions and relative clauses set off by commas ("Le Premier
/// ministre, Arnaud Dessaigne, qui ..., avait assuré"), after an opening
/// segment that is no subject ("Contacté, Philippe Garnier dément").
fn subject_before(r: &Reading, start: usize) -> Option<(usize, usize)> {
    // Object pronouns between the subject and its verb: "le maire lui a dit", "le ministre l'a confirmé".
    let mut start = start;
    while start > 0 && r.is_word(start - 1) && (matches!(r.lw(start - 1), "lui" | "leur" | "y" | "en" | "me" | "te" | "nous" | "vous" | "se" | "s'") || r.is(start - 1, WordClass::DEFINITE)) {
        start -= 1;
    }
    if start == 0 {
        return None;
    }
    // "..., qui affirme": the relative pronoun stands for the phrase before it.
    if r.is(start - 1, C.relative) {
        let before = if start >= 2 && r.is_punct(start - 2, ",") { start - 2 } else { start - 1 };
        return segments(r, before).into_iter().find(|&(s, e)| !is_parenthesis(r, s, e) && e > s).and_then(|(s, e)| np_before(r, e).filter(|&(a, _)| a >= s));
    }
    let segments = segments(r, start);
    let (first_start, first_end) = *segments.first()?;
    // Without a comma before the verb, its subject is the phrase right before it.
    if first_end > first_start && !is_parenthesis(r, first_start, first_end) {
        let (s, e) = np_before(r, first_end)?;
        if s == first_start || segments.len() == 1 && s > first_start {
            return extend_left(r, &segments, 0, (s, e));
        }
        return Some((s, e));
    }
    // The verb follows a parenthesis: the subject is the first segment to its left that is a phrase.
    for (n, &(s, e)) in segments.iter().enumerate().skip(1) {
        if e <= s || is_parenthesis(r, s, e) {
            continue;
        }
        // A clause with its own verb ("X a été réélu, a annoncé la commission"): the subject is not before it.
        if (s..e).any(|i| aux_verb(r, i)) || has_object_after_verb(r, s, e) {
            return None;
        }
        if is_bare_apposition(r, s, e) && segments.get(n + 1).is_some_and(|&(ps, pe)| pe > ps && !is_opener(r, ps, pe)) {
            continue;
        }
        let (a, b) = np_before(r, e)?;
        if a != s {
            return None;
        }
        return extend_left(r, &segments, n, (a, b));
    }
    None
}

/// Whether `start..end` holds a determiner right after a word that is
/// neither a preposition, a conjunction nor another determiner: the mark of
/// a verb with its object ("La maternité de Port-Varenne fermera ses
/// portes le 30 juin"), which the lists cannot name in the future or the
/// present. Such a segment is a clause, not the subject of a verb after it.
fn has_object_after_verb(r: &Reading, start: usize, end: usize) -> bool {
    (start + 1..end).any(|i| {
        r.is(i, WordClass::DEFINITE | WordClass::INDEFINITE)
            && r.kind(i - 1) == Some(Kind::Word)
            && !r.is_proper(i - 1)
            && !r.is(i - 1, WordClass::PREPOSITION | WordClass::CLAUSE | WordClass::DEFINITE | WordClass::INDEFINITE | WordClass::TITLE)
            && !r.is(i - 1, C.prenominal)
            && !r.is(i, WordClass::PRONOUN)
    })
}

/// A name segment whose left neighbour is a role opening the sentence (or
/// after an opener) is one subject with it: "Son président, Bertrand Lallier".
/// A role phrase after a name is its apposition: "M. Girard, le maire de Tours".
fn extend_left(r: &Reading, segments: &[(usize, usize)], n: usize, (a, b): (usize, usize)) -> Option<(usize, usize)> {
    let is_name = |s: usize, e: usize| (s..e).all(|i| r.is_proper(i) || r.is(i, WordClass::TITLE) || !r.is_word(i) || r.lw(i) == "de") && (s..e).any(|i| r.is_proper(i));
    let is_role = |s: usize, e: usize| e > s && r.is(s, WordClass::DEFINITE | WordClass::INDEFINITE) && !is_opener(r, s, e);
    if let Some(&(ls, le)) = segments.get(n + 1) {
        let opens = segments.get(n + 2).is_none_or(|&(os, oe)| is_opener(r, os, oe));
        let pair = is_name(a, b) && is_role(ls, le) || is_role(a, b) && le > ls && is_name(ls, le);
        if pair && opens {
            return Some((ls, b));
        }
    }
    Some((a, b))
}

/// The subject of the sentence before `before`, past its opening segments
/// ("La veille, sur BFMTV, la porte-parole ..., Maud Kerléo, avait été plus directe").
fn sentence_subject(r: &Reading, before: usize) -> Option<(usize, usize)> {
    let mut segments = segments(r, before);
    segments.reverse();
    let mut n = 0;
    while n < segments.len() && is_opener(r, segments[n].0, segments[n].1) {
        n += 1;
    }
    let &(s, e) = segments.get(n)?;
    // The phrase that opens the segment: up to its verb.
    let mut end = s;
    while end < e && (np_word_fr(r, end) || r.is(end, WordClass::PREPOSITION) && end > s) && end - s < 14 {
        end += 1;
    }
    while end > s && r.is(end - 1, WordClass::PREPOSITION) {
        end -= 1;
    }
    if end <= s {
        return None;
    }
    // "Son président, Bertrand Lallier": a name segment right after.
    if end == e {
        if let Some(&(ns, ne)) = segments.get(n + 1) {
            if ne > ns && (ns..ne).take_while(|&i| r.is_proper(i) || r.is(i, WordClass::TITLE) || r.is_punct(i, ".")).count() >= 1 && r.is_proper(ns) {
                let name_end = (ns..ne).take_while(|&i| r.is_proper(i) || r.is(i, WordClass::TITLE) || r.is_punct(i, ".")).last().map_or(ns, |i| i + 1);
                return Some((s, name_end));
            }
        }
    }
    Some((s, end))
}

/// A word of a noun phrase, reading left to right: not a verb, a clause word or a negation.
fn np_word_fr(r: &Reading, i: usize) -> bool {
    match r.kind(i) {
        Some(Kind::Word) => {
            let w = r.lw(i);
            r.is_proper(i)
                || !(r.is(i, WordClass::CLAUSE | WordClass::NEGATION) || aux_verb(r, i) || r.classes(i).reporting().is_some() && !r.is(i, SPEAKER) || matches!(w, "se" | "s'" | "y"))
        }
        Some(Kind::Number) => true,
        Some(Kind::Punct) => matches!(r.text(i), "." | "&") && i > 0 && r.is_word(i - 1),
        _ => false,
    }
}

/// Cues without a verb of their own: "Pour X, ...", "X, cité par Le Figaro",
/// "de source policière", "Interrogé par France Inter, X ...".
fn frames(r: &Reading, found: &mut Vec<Found>) {
    // "Pour l'économiste Hélène Marchal, le gouvernement « se prive ... »".
    let first = (0..r.len()).find(|&i| r.is_word(i));
    if let Some(p) = first.filter(|&p| r.lw(p) == "pour") {
        if let Some(comma) = (p + 1..(p + 14).min(r.len())).find(|&i| r.is_punct(i, ",")) {
            let (s, e) = (p + 1, comma);
            let head = head_of(r, s, e);
            let speaks = (s..e).any(|i| r.is_proper(i)) || r.is(head, SPEAKER) || is_plural_of(r, head, SPEAKER) || matches!(r.lw(s), "lui" | "elle" | "eux" | "elles");
            let clause_follows = comma + 2 < r.len();
            if e > s && speaks && clause_follows && !r.is(head, WordClass::NOT_SOURCE | WordClass::TIME) && !found.iter().any(|f| f.cue.start < r.span(comma..comma + 1).start) {
                found.push(Found { kind: CueKind::Preposition, cue: r.span(p..p + 1), source: Some((s, e)) });
            }
        }
    }
    // Both frames below turn on a preposition ("par", "de"): other words are passed over on one bit.
    for p in (0..r.len()).filter(|&p| r.is(p, WordClass::PREPOSITION)) {
        let w = r.lw(p);
        // "..., cité par Le Figaro": the one cited is the source, relayed.
        if w == "par" && p >= 3 && matches!(r.lw(p - 1), "cité" | "citée" | "cités" | "citées") && r.is_punct(p - 2, ",") {
            if let Some(source) = np_before(r, p - 2) {
                found.push(Found { kind: CueKind::Preposition, cue: r.span(p - 1..p + 1), source: Some(source) });
            }
        }
        // "De source proche du dossier, ...", "de source policière".
        if w == "de" && matches!(r.lw(p + 1), "source" | "sources") && r.is_word(p + 2) && !found.iter().any(|f| f.source.is_some_and(|(s, e)| s <= p + 1 && p + 1 < e)) {
            if let Some(source) = phrase_after(r, p + 1) {
                found.push(Found { kind: CueKind::Preposition, cue: r.span(p..p + 1), source: Some(source) });
            }
        }
    }
    // "Interrogé par France Inter, le ministre ...", "Dans un entretien au Parisien, la ministre ...".
    if let Some(p) = first {
        // A frame opens with a participle ("Interrogé par") or a preposition ("Dans un entretien").
        let opens = is_participle(r.lw(p)) || r.is(p, WordClass::PREPOSITION);
        let frame_end = if opens { (p..(p + 8).min(r.len())).find(|&i| r.is_punct(i, ",")) } else { None };
        let is_frame = frame_end.is_some_and(|c| (p..c).any(|i| r.is(i, C.frame)) && (p == 0 || !r.is_word(p - 1)));
        if let (true, Some(comma)) = (is_frame, frame_end) {
            let verb_cue = found.iter().any(|f| f.kind == CueKind::Verb);
            let subject = sentence_subject(r, r.len());
            if let Some((s, e)) = subject.filter(|&(s, _)| s > comma) {
                let negated = (e..(e + 4).min(r.len())).any(|i| r.is(i, WordClass::NEGATION) || matches!(r.lw(i), "refusé" | "refuse" | "décliné" | "décline"));
                if !verb_cue && !negated {
                    found.push(Found { kind: CueKind::Preposition, cue: r.span(p..comma), source: Some((s, e)) });
                }
            }
        }
    }
}

/// A colon before a quotation, with no verb cue before it: the sentence's
/// subject introduces it ("Il a refusé d'entrer dans la polémique : « ... »").
/// At the start of a block, "Nom : ..." opens an interview answer.
fn colon(r: &Reading, opens_block: bool, found: &mut Vec<Found>) {
    for c in 1..r.len() {
        if !r.is_punct(c, ":") {
            continue;
        }
        let quote_follows = r.kind(c + 1) == Some(Kind::Quote);
        let label = opens_block && c <= 4 && (0..c).all(|i| r.is_proper(i) || r.is_punct(i, ".") || r.is(i, WordClass::TITLE)) && (0..c).any(|i| r.is_proper(i));
        if !(quote_follows || label) {
            continue;
        }
        let cue_before = found.iter().any(|f| f.cue.start < r.span(c..c + 1).start);
        if label {
            found.push(Found { kind: CueKind::Colon, cue: r.span(c..c + 1), source: Some((0, c)) });
            continue;
        }
        if cue_before {
            continue;
        }
        if let Some((s, e)) = sentence_subject(r, c) {
            let last = e - 1;
            let speaker = r.is_proper(last) || r.is(last, SPEAKER) || is_plural_of(r, last, SPEAKER) || is_clitic(r, s);
            if speaker {
                found.push(Found { kind: CueKind::Colon, cue: r.span(c..c + 1), source: Some((s, e)) });
            }
        }
    }
}

/// The head of the noun phrase `start..end`: a name if the phrase holds one
/// (its last word, as in English), else its first noun, after determiners,
/// numbers and the adjectives written before a noun ("un haut fonctionnaire
/// de Bercy" → "fonctionnaire"), and after a quantity ("une cinquantaine de
/// députés" → "députés").
pub fn head_of(r: &Reading, start: usize, end: usize) -> usize {
    let cut = phrase_cut(r, start, end);
    let noun = noun_head(r, start, end);
    // "l'association Parents vigilants", "le groupe Kervalis": the noun says what body the name is.
    let body = WordClass::ORGANISATION | WordClass::OUTLET | WordClass::INSTITUTION | WordClass::DOCUMENT_HEAD;
    match (start..cut).rev().find(|&i| r.is_proper(i) && !r.is(i, WordClass::TITLE)) {
        Some(name) if !(r.is(noun, body) && noun < name) => name,
        _ => noun,
    }
}

/// Where the core of the phrase `start..end` ends: at a comma, a preposition or a relative pronoun.
fn phrase_cut(r: &Reading, start: usize, end: usize) -> usize {
    (start + 1..end)
        .find(|&i| r.is_punct(i, ",") || r.is_word(i) && !r.is_proper(i) && r.is(i, WordClass::PREPOSITION | WordClass::CLAUSE))
        .unwrap_or(end)
}

/// The first noun of the phrase `start..end`, names or not (see [`head_of`]).
fn noun_head(r: &Reading, start: usize, end: usize) -> usize {
    let cut = phrase_cut(r, start, end);
    let mut i = start;
    while i < cut && ((r.is(i, C.prenominal) || r.is(i, WordClass::DEFINITE | WordClass::INDEFINITE | WordClass::QUANTIFIER)) && i + 1 < cut || !r.is_word(i)) {
        i += 1;
    }
    // "une cinquantaine de députés", "la plupart des analystes": the group counted.
    if r.is(i, C.quantity) && matches!(r.lw(i + 1), "de" | "d'" | "des" | "du") && i + 2 < end {
        let mut k = i + 2;
        while k < end && (r.is(k, WordClass::DEFINITE | C.prenominal)) && k + 1 < end {
            k += 1;
        }
        return k;
    }
    i.min(end.saturating_sub(1)).max(start)
}

/// Whether a French sentence is hedged: the lists' hedges ("présumé",
/// "selon toute vraisemblance", "semble"), and the journalistic conditional.
pub fn is_hedged(sentence: &str, lower: &str, starts: &Starts, lex: &Lexicon) -> bool {
    hedges::is_hedged(sentence, lower, starts, lex) || conditional(lower, starts, lex)
}

/// Whether a byte of a lower-case text belongs to a word: an ASCII letter or
/// digit, a hyphen, or any byte of a character outside ASCII (the letters of
/// French are; its quotation marks and dashes are folded to ASCII in `norm`).
fn word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b >= 0x80
}

/// The words of a lower-case sentence, with their places, an apostrophe kept
/// with the elided word before it ("qu'"). Read on bytes: the sentences asked
/// about hold a conditional, and are read whole.
fn words_of(lower: &str) -> Vec<(usize, &str)> {
    let bytes = lower.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 5 + 1);
    let mut at = 0;
    while at < bytes.len() {
        if !word_byte(bytes[at]) {
            at += 1;
            continue;
        }
        let start = at;
        while at < bytes.len() && word_byte(bytes[at]) {
            at += 1;
        }
        let end = if bytes.get(at) == Some(&b'\'') { at + 1 } else { at };
        // Word bytes end on a character boundary: a character outside ASCII is all word bytes.
        if let Some(word) = lower.get(start..end) {
            out.push((start, word));
        }
    }
    out
}

/// Whether a word is a conditional verb form: a listed irregular one, or a
/// regular one in -erait, -eraient (the imperfect of "-érer" verbs ends in
/// "-érait": "considérait" is no conditional, "considérerait" is).
fn is_conditional(w: &str) -> bool {
    // Every form ends in -ait or -aient: the list is asked about those only.
    (w.ends_with("ait") || w.ends_with("aient")) && (w.ends_with("erait") && w.len() > 7 || w.ends_with("eraient") || lexicon::get(Lang::Fr).classes(w).is(C.conditional))
}

/// The journalistic conditional: a conditional that hedges what it reports
/// ("le club envisagerait", "il aurait reconnu"). Not a hedge: where an
/// exception of hedges.txt holds ("aurait dû", "aurait permis"), in a
/// hypothetical ("si le gouvernement passait en force, il aurait ..."), the
/// future of reported speech after a past reporting verb ("a annoncé qu'il
/// demanderait"; but "a rapporté que des dépenses auraient été approuvées"
/// still hedges), a judgement ("il serait inapproprié de"), the first person.
fn conditional(lower: &str, starts: &Starts, lex: &Lexicon) -> bool {
    // Every conditional ends in -ait or -aient: most sentences have no such word
    // and are settled by one pass over their bytes, without reading their words.
    // Of those, only a conditional form calls for reading the words ("était", "avait" do not).
    let bytes = lower.as_bytes();
    let mut candidate = false;
    for (i, &b) in bytes.iter().enumerate().skip(2) {
        if b != b't' {
            continue;
        }
        let ending = bytes[i - 1] == b'i' && bytes[i - 2] == b'a' || bytes[i - 1] == b'n' && bytes[..i].ends_with(b"aien");
        if ending && !bytes.get(i + 1).is_some_and(|&b| word_byte(b)) {
            let start = bytes[..i].iter().rposition(|&b| !word_byte(b)).map_or(0, |s| s + 1);
            if lower.get(start..=i).is_some_and(is_conditional) {
                candidate = true;
                break;
            }
        }
    }
    if !candidate {
        return false;
    }
    let words = words_of(lower);
    let conditionals: Vec<usize> = (0..words.len()).filter(|&k| is_conditional(words[k].1)).collect();
    if conditionals.is_empty() {
        return false;
    }
    let exceptions: Vec<(usize, usize)> = lex.hedge_exceptions.find_in(lower, starts).collect();
    // "si" (or "s'il") before an imperfect: a hypothetical.
    let hypothetical = (0..words.len()).any(|k| {
        let w = words[k].1;
        let si = w == "si" || w == "s'" && matches!(words.get(k + 1).map(|w| w.1), Some("il" | "ils"));
        si && words[k + 1..(k + 9).min(words.len())].iter().any(|(_, w)| (w.ends_with("ait") || w.ends_with("aient")) && !is_conditional(w))
    });
    if hypothetical {
        return false;
    }
    conditionals.into_iter().any(|k| {
        let (at, w) = words[k];
        if exceptions.iter().any(|&(s, e)| s <= at && at + w.len() <= e) {
            return false;
        }
        let prev = if k > 0 { words[k - 1].1 } else { "" };
        // The first and second person: politeness or a hypothesis ("je voudrais", "nous serions").
        if matches!(prev, "je" | "j'" | "nous" | "vous" | "tu") {
            return false;
        }
        // "ce serait une erreur", "il serait inapproprié de commenter": a judgement.
        if matches!(prev, "ce" | "c'" | "ç'" | "cela" | "ça") || prev == "il" && w == "serait" && matches!(words.get(k + 2).map(|w| w.1), Some("de" | "d'" | "que" | "qu'")) {
            return false;
        }
        // The past conditional ("aurait été approuvé") is an allegation even in reported speech.
        let allegation = matches!(w, "aurait" | "auraient");
        if !allegation && reported_after_past(&words[..k], lex) {
            return false;
        }
        true
    })
}

/// Whether `before` ends in a clause of reported speech after a reporting
/// verb in a past tense: "a annoncé qu'il", "avait assuré que la mesure",
/// "ont fait savoir qu'ils".
fn reported_after_past(before: &[(usize, &str)], lex: &Lexicon) -> bool {
    let Some(que) = before.iter().rposition(|(_, w)| matches!(*w, "que" | "qu'")) else { return false };
    // The verb may stand a few words before "que": "a assuré au Courrier du port que".
    let verb = before[..que].iter().rev().take(6).position(|(_, w)| lex.classes(w).is(WordClass::REPORTING_VERB) || matches!(*w, "savoir" | "valoir"));
    let Some(back) = verb else { return false };
    let v = que - 1 - back;
    let w = before[v].1;
    let past_form = w.ends_with("ait") || w.ends_with("aient") || w.ends_with('a') || w.ends_with("èrent") || w.ends_with("it");
    let compound = before[..v].iter().rev().take(4).any(|(_, a)| matches!(*a, "a" | "ont" | "avait" | "avaient" | "eut" | "est" | "sont" | "était" | "étaient"));
    past_form || compound && is_participle(w) || compound && matches!(w, "savoir" | "valoir")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;
    use crate::text::Text;
    use crate::tokens::PageWords;
    // Under wasm, run these same tests through wasm-bindgen-test.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// (cue, source) texts found in a French sentence.
    fn cues_of(sentence: &str) -> Vec<(String, String)> {
        crate::cues::cues_in(sentence, Lang::Fr)
    }

    macro_rules! cases {
        ($($name:ident: $sentence:expr => [$(($cue:expr, $source:expr)),*];)*) => {$(
            #[test]
            fn $name() {
                let expected: Vec<(String, String)> = vec![$(($cue.to_string(), $source.to_string())),*];
                assert_eq!(cues_of($sentence), expected, "{}", $sentence);
            }
        )*};
    }

    cases! {
        compound_tense_inverted_after_a_quote: "« Le port restera ouvert », a déclaré la directrice du port, Inès Morvan." =>
            [("a déclaré", "la directrice du port, Inès Morvan")];
        inverted_pronoun_with_euphonic_t: "« Nous verrons bien », a-t-il précisé." => [("a-t-il précisé", "il")];
        inverted_pronoun_on_a_simple_verb: "« Rien n'est joué », estime-t-elle." => [("estime-t-elle", "elle")];
        inverted_noun_phrase: "« C'est un gâchis », glisse un conseiller régional." => [("glisse", "un conseiller régional")];
        time_word_between_verb_and_subject: "Le navire a été saisi, a indiqué jeudi la préfecture maritime." => [("a indiqué", "la préfecture maritime")];
        inverted_after_a_clause_with_a_named_subject: "Le maire, Paul Roux, a été réélu dimanche, a annoncé la commission." => [("a annoncé", "la commission")];
        inverted_after_a_clause_with_a_name_and_no_auxiliary: "La maternité de Port-Varenne fermera ses portes le 30 juin, a annoncé mercredi l'agence régionale de santé." =>
            [("a annoncé", "l'agence régionale de santé")];
        a_subject_with_its_apposition_is_still_the_subject: "La directrice du port, Inès Morvan, a annoncé sa démission." => [("a annoncé", "La directrice du port, Inès Morvan")];
        platform_between_verb_and_subject: "« Une honte », a réagi sur X Lucie Arnaud, députée du Gers." => [("a réagi sur X", "Lucie Arnaud, députée du Gers")];
        reflexive_compound: "La fédération s'est dite « stupéfaite »." => [("s'est dite", "La fédération")];
        reflexive_inverted: "« On a tenu », s'est félicité l'entraîneur des Bleus, Marc Tessier." => [("s'est félicité", "l'entraîneur des Bleus, Marc Tessier")];
        subject_with_apposition_and_relative_clause: "Le maire, Paul Verdier, qui briguait un troisième mandat, avait pourtant assuré que le marché resterait ouvert." =>
            [("avait pourtant assuré", "Le maire, Paul Verdier")];
        subject_after_an_opening_participle: "Contacté, Jacques Ferrand dément toute irrégularité." => [("dément", "Jacques Ferrand")];
        subject_after_an_opening_place: "À Lyon, la présidente de la région, Odile Marchal, a jugé la décision « injuste »." =>
            [("a jugé", "la présidente de la région, Odile Marchal")];
        light_verb_faire_savoir: "Une trentaine d'élus ont toutefois fait savoir qu'ils voteraient contre." => [("ont toutefois fait savoir", "Une trentaine d'élus")];
        impersonal_on_inverted_with_light_verb: "« Il faudra payer », fait-on valoir dans l'entourage du ministre." => [("fait-on valoir", "on")];
        on_with_source_after: "Le butin dépasserait 200 000 euros, indique-t-on de source policière." => [("indique-t-on", "source policière")];
        on_as_subject: "Dans l'opposition, on dénonce un « scandale »." => [("dénonce", "on")];
        selon: "Le taux a baissé de 2 %, selon l'Insee." => [("selon", "l'Insee")];
        d_apres_with_elision: "D'après une source proche du dossier, la vente est bouclée." => [("D'après", "une source proche du dossier")];
        a_en_croire: "À en croire Le Journal du Centre, le site fermera." => [("À en croire", "Le Journal du Centre")];
        de_l_aveu_meme_de: "De l'aveu même de la directrice, le calendrier a glissé." => [("De l'aveu même de", "la directrice")];
        pour_x: "Pour l'historien Luc Perrin, le pont « fait partie du paysage »." => [("Pour", "l'historien Luc Perrin")];
        cite_par_relays_the_one_cited: "« Il faut tenir », aurait confié le président à un proche, cité par Le Matin." =>
            [("aurait confié", "le président"), ("cité par", "un proche")];
        citant: "Le Courrier a révélé l'affaire, citant un ancien salarié." => [("a révélé", "Le Courrier"), ("citant", "un ancien salarié")];
        outlet_after_the_verb: "Le suspect aurait déjà été condamné, rapporte BFMTV." => [("rapporte", "BFMTV")];
        inverted_only_verb_after_a_comma: "Le ministre aurait reçu le député, a appris Le Matin." => [("a appris", "Le Matin")];
        colon_after_a_pronoun_subject: "Il a refusé d'entrer dans la polémique : « Je n'ai rien à dire. »" => [(":", "Il")];
        y_voir: "Certains observateurs y voient un tournant." => [("y voient", "Certains observateurs")];
        relative_subject: "Un agent de la mairie, qui affirme avoir été menacé, a porté plainte." => [("affirme", "Un agent de la mairie")];
        participle_after_a_comma: "Le syndicat a quitté la table, estimant que rien n'avait changé." => [("estimant", "Le syndicat")];
        evidence_verb_with_a_document: "Une étude de l'Inserm montre que le risque augmente." => [("montre", "Une étude de l'Inserm")];
        interviewed_frame: "Interrogé par France Bleu, le maire a balayé les critiques." => [("Interrogé par France Bleu", "le maire")];
        an_unlisted_reflexive_verb_in_an_incise: "« Quel match ! », s'extasie le président du club." => [("s'extasie", "le président du club")];
        an_unlisted_verb_with_an_inverted_pronoun: "« On verra bien », philosophe-t-il." => [("philosophe-t-il", "il")];
        an_unlisted_compound_verb_in_an_incise: "« Rien à signaler », a badiné le capitaine." => [("a badiné", "le capitaine")];
        learnt_from_a_named_body: "Une enquête a été ouverte, a-t-on appris auprès du parquet." => [("a-t-on appris auprès", "parquet")];
        a_poll_for_an_outlet_gives_a_figure: "Un sondage réalisé par Ipsos pour La Gazette donne le maire en tête." => [("donne", "Un sondage réalisé par Ipsos pour La Gazette")];
        an_inverted_only_verb_with_an_infinitive: "Ce dernier assure avoir réuni quarante signatures." => [("assure", "Ce dernier")];
        an_inverted_only_verb_with_a_listener: "Le maire a assuré au Courrier du port que la ville porterait plainte." => [("a assuré", "Le maire")];
        adverbial_inside_the_verb_group: "Le Quai d'Orsay a par ailleurs démenti toute ingérence." => [("a par ailleurs démenti", "Le Quai d'Orsay")];
        a_reason_invoked: "La société invoque la baisse des commandes." => [("invoque", "La société")];
        aveu_with_a_contracted_article: "De l'aveu même du directeur, rien n'a été tenté." => [("De l'aveu même du", "directeur")];
        role_and_name_as_subject: "Son adversaire, Léa Morin, a dit qu'elle ne ferait pas appel." => [("a dit", "Son adversaire, Léa Morin")];
        name_and_role_as_subject: "M. Girard, le maire de Tours, a demandé aux habitants de rester chez eux." => [("a demandé", "M. Girard, le maire de Tours")];
        passive_with_an_agent: "La hausse, annoncée par le gouvernement en mars, entre en vigueur." => [("annoncée par", "le gouvernement")];
    }

    cases! {
        refused_to_comment_is_no_cue: "Le parquet n'a pas souhaité commenter." => [];
        negated_verb_is_no_cue: "La mairie n'a pas confirmé l'information." => [];
        ne_pas_around_a_simple_verb: "Le club ne dément pas." => [];
        noun_after_a_determiner_is_no_verb: "L'annonce a surpris tout le monde." => [];
        a_participle_as_an_adjective_is_no_cue: "La mesure annoncée en mars entre en vigueur." => [];
        passive_without_agent_is_no_cue: "Le butin est estimé à 400 000 euros." => [];
        said_yes_is_no_report: "Elle avait dit oui le soir même." => [];
        selon_plan_is_a_decoy: "Le texte est examiné selon la procédure accélérée." => [];
        d_apres_rules_is_a_decoy: "Les temps de parole sont répartis d'après l'effectif des groupes." => [];
        sources_of_funding_is_a_decoy: "La région cherche des sources de financement." => [];
        pour_a_time_is_no_source: "Pour la première fois, le club est relégué." => [];
        inverted_only_verb_as_an_action: "Le club poursuit sa saison en deuxième division." => [];
        nickname_in_guillemets: "La « loi Veyrac » a été réécrite en commission." => [];
        panel_of_experts_is_no_source: "Un panel d'experts s'est réuni jeudi." => [];
        inside_a_quotation_is_no_cue: "« Il dit n'importe quoi. »" => [];
        faire_alone_is_no_cue: "Le club fait sa part du travail." => [];
        a_fire_that_broke_out_says_nothing: "Le feu s'est déclaré vers 2 h 30 dans la réserve." => [];
        launching_a_recall_is_no_report: "Le fabricant a lancé mercredi le rappel de 80 000 poussettes." => [];
        ensuring_security_is_no_report: "La police assure la sécurité du sommet." => [];
        a_ranking_is_no_report: "Montclar pointe à la huitième place du championnat." => [];
        a_schedule_set_by_a_body_is_a_decoy: "Le texte sera examiné selon le calendrier prévu par la conférence des présidents." => [];
    }

    fn hedged(sentence: &str) -> bool {
        let text = Text::new(std::slice::from_ref(&sentence));
        is_hedged(&text.norm, &text.lower, &Starts::of(&text.lower), lexicon::get(Lang::Fr))
    }

    macro_rules! hedges {
        ($($name:ident: $sentence:expr => $hedged:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(hedged($sentence), $hedged, "{}", $sentence);
            }
        )*};
    }

    hedges! {
        journalistic_conditional: "Le club envisagerait de saisir la justice." => true;
        past_conditional: "Le maire aurait reçu le député jeudi." => true;
        conditional_of_possibility: "L'objet pourrait avoir circulé de main en main." => true;
        expectation: "Le plan devrait être présenté en décembre." => true;
        presume: "Le conducteur présumé est en fuite." => true;
        seems: "Le départ semble avoir surpris les salariés." => true;
        in_all_likelihood: "Selon toute vraisemblance, les bijoux ont été revendus." => true;
        past_conditional_in_reported_speech_still_hedges: "Le journal a rapporté que des dépenses auraient été approuvées." => true;
        present_reporting_verb_keeps_the_hedge: "Selon nos informations, une enquête serait ouverte." => true;
        future_of_reported_speech: "Le président a annoncé qu'il demanderait des explications." => false;
        future_after_pluperfect: "Le ministre avait assuré que la mesure serait maintenue." => false;
        future_after_light_verb: "Les élus ont fait savoir qu'ils voteraient contre." => false;
        future_after_a_verb_and_its_listener: "Le maire a assuré au Courrier du port que la ville demanderait réparation." => false;
        hypothetical: "Si le gouvernement passait en force, il aurait un problème." => false;
        hypothetical_with_s_il: "S'il perdait, le maire démissionnerait." => false;
        obligation: "L'État aurait dû exiger des contreparties." => false;
        counterfactual: "La mesure aurait permis d'économiser un milliard." => false;
        judgement: "Il serait inapproprié de commenter." => false;
        first_person: "Je voudrais remercier les bénévoles." => false;
        imperfect_is_no_conditional: "Le ministre déclarait que tout allait bien." => false;
        imperfect_of_an_e_acute_er_verb: "Le club espérait une victoire." => false;
        plain_fact: "Le taux de chômage a baissé." => false;
        must_is_no_hedge: "Le texte devait entrer en vigueur en juillet." => false;
    }

    #[test]
    fn the_head_is_the_first_noun_after_determiners_and_adjectives() {
        let heads = [
            ("un haut fonctionnaire de Bercy", "fonctionnaire"),
            ("un conseiller ministériel", "conseiller"),
            ("plusieurs sources parlementaires", "sources"),
            ("une cinquantaine de députés", "députés"),
            ("le Premier ministre", "ministre"),
            ("l'économiste Hélène Marchal", "Marchal"),
            ("l'association Parents vigilants", "association"),
            ("le rapport annuel de la société", "rapport"),
        ];
        for (phrase, head) in heads {
            let text = Text::new(std::slice::from_ref(&phrase));
            let vocab = PageWords::default();
            let r = Reading::new(&text.norm, &text.lower, Span::new(0, text.norm.len()), &[], lexicon::get(Lang::Fr), &vocab);
            assert_eq!(r.text(head_of(&r, 0, r.len())), head, "{phrase}");
        }
    }
}
