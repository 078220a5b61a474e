//! Word lists, kept as data files under `data/<lang>/` and compiled in.
//!
//! Every list is plain text, one entry per line, read once per language
//! (`LazyLock`) into sets and compiled patterns. The common format:
//!
//! - `#` starts a comment (in `nonclaims.txt` only at the start of a line,
//!   since `#` may appear in a pattern); blank lines are ignored;
//! - entries are matched case-insensitively (lowercased here), except in
//!   `abbreviations.txt` and `sentence_openers.txt`, where case matters;
//! - each file's header says what its lines mean and any marker it uses
//!   (`*` for verb forms that are also nouns, `+` for impersonal phrases that
//!   are also hedges, `!` for hedge exceptions, `~` for abbreviations that may
//!   end a sentence).
//!
//! Adding a language means adding its folder and one arm in [`get`]: the
//! engine reads the lists, not the words.
//!
//! The sets use the Fx hash, several times faster than the default SipHash
//! on short words: their keys are the lists' own words, fixed at build time,
//! so the flooding SipHash guards against cannot happen (a page's words are
//! only looked up, never inserted).

use std::sync::LazyLock;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::lang::Lang;
use crate::boilerplate::Boilerplate;
use crate::lists::{entries, raw_entries, words};
use crate::phrases::{Phrases, Sieve};
use crate::word_table::WordTable;

/// The parsed lists of one language.
pub struct Lexicon {
    /// The language of these lists: its grammar hooks are `lang.rules()`.
    pub lang: Lang,
    /// Every form of every reporting verb, mapped to whether the form is also
    /// an everyday noun or adjective (then it needs a subject right before it).
    pub reporting_verbs: HashMap<String, bool>,
    /// Verbs that attribute only with a document or data subject ("figures show").
    pub evidence_verbs: HashSet<String>,
    /// "according to", "citing": a source follows.
    pub source_prepositions: Vec<Vec<String>>,
    /// Phrases that make a source unidentifiable.
    pub anonymous_phrases: Phrases,
    /// Those of them that do so anywhere in the sentence (marked `+`):
    /// "speaking on condition of anonymity".
    pub anonymity_phrases: Phrases,
    /// Agentless reporting ("is said to"), each with whether it is also a hedge.
    pub impersonal: Vec<(Vec<String>, bool)>,
    /// The phrases of `impersonal` by their first word (indices, in list
    /// order), to try only the phrases that may start at a word.
    pub impersonal_by_start: HashMap<String, Vec<usize>>,
    /// Hedge phrases, and phrases that cancel a hedge inside them.
    pub hedges: Phrases,
    pub hedge_exceptions: Phrases,
    /// Where a phrase of the lists searched in every sentence may start:
    /// anonymity, hedges and their exceptions, boilerplate found anywhere.
    /// The judge finds a sentence's [`crate::phrases::Starts`] through it.
    pub sentence_phrases: Sieve,
    pub vague_groups: HashSet<String>,
    pub anonymous_roles: HashSet<String>,
    pub spokespeople: HashSet<String>,
    pub document_heads: HashSet<String>,
    /// Those of them that are public records (marked `=`): identified by what they are.
    pub public_records: HashSet<String>,
    pub organisation_words: HashSet<String>,
    pub outlet_words: HashSet<String>,
    pub institutions: HashSet<String>,
    pub titles: HashSet<String>,
    /// Abbreviations (case kept) mapped to whether they may also end a sentence.
    pub abbreviations: HashMap<String, bool>,
    pub sentence_openers: HashSet<String>,
    /// Pronoun → what it may refer back to.
    pub pronouns: HashMap<String, PronounKind>,
    /// Phrases of sentences that are not claims (bylines, footers...).
    pub boilerplate: Boilerplate,
    /// Grammar words by class (`data/<lang>/grammar.txt`).
    pub grammar: Grammar,
    /// Words that say what kind of body a name or phrase stands for
    /// (`body_kinds.txt`): "union", "company", "ministry".
    pub body_kinds: HashMap<String, BodyKind>,
    /// Unique offices ("the returning officer"), `offices.txt`.
    pub offices: Phrases,
    /// Every word of the lists above that is an everyday word: capitalised at
    /// the start of a sentence, such a word is not a name ("Figures show").
    pub common_words: HashSet<String>,
    /// Every word of the sets above, with the lists it belongs to: a token is
    /// looked up here once ([`crate::tokens::Reading`]) instead of once per
    /// rule and list.
    classes: HashMap<String, WordClass>,
    /// The same, as the table [`Lexicon::classes`] reads: faster to look up.
    class_lookup: WordTable<WordClass>,
}

/// The word lists a lower-case word belongs to, one bit per list.
///
/// The rules ask several lists about the same word ("a preposition? a title?
/// a pronoun?"); with the bits found once per token, each question is an AND
/// instead of a hash and a string comparison. A union of classes (`A | B`)
/// asks "any of them". 128 bits: the shared classes take the low 64, the
/// classes a language defines for its own rules the high ones.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct WordClass(u128);

impl WordClass {
    pub const NONE: Self = Self(0);
    /// A form of a reporting verb (`reporting_verbs.txt`).
    pub const REPORTING_VERB: Self = Self(1 << 0);
    /// A reporting verb form that is also an everyday noun or adjective (marked `*`).
    pub const REPORTING_NOUN: Self = Self(1 << 1);
    pub const EVIDENCE_VERB: Self = Self(1 << 2);
    /// The first word of an impersonal phrase ("is" of "is said to").
    pub const IMPERSONAL_START: Self = Self(1 << 3);
    pub const VAGUE_GROUP: Self = Self(1 << 4);
    pub const ANONYMOUS_ROLE: Self = Self(1 << 5);
    pub const SPOKESPERSON: Self = Self(1 << 6);
    pub const DOCUMENT_HEAD: Self = Self(1 << 7);
    pub const ORGANISATION: Self = Self(1 << 8);
    pub const OUTLET: Self = Self(1 << 9);
    pub const INSTITUTION: Self = Self(1 << 10);
    pub const TITLE: Self = Self(1 << 11);
    pub const PRONOUN_PERSON: Self = Self(1 << 12);
    pub const PRONOUN_GROUP: Self = Self(1 << 13);
    pub const PRONOUN_THING: Self = Self(1 << 14);
    pub const PRONOUN_SELF: Self = Self(1 << 15);
    /// Any pronoun of `pronouns.txt`.
    pub const PRONOUN: Self = Self(Self::PRONOUN_PERSON.0 | Self::PRONOUN_GROUP.0 | Self::PRONOUN_THING.0 | Self::PRONOUN_SELF.0);
    /// An everyday word (`Lexicon::common_words`).
    pub const COMMON: Self = Self(1 << 16);
    // The grammar classes of `grammar.txt`.
    pub const DEFINITE: Self = Self(1 << 17);
    pub const INDEFINITE: Self = Self(1 << 18);
    pub const AUXILIARY: Self = Self(1 << 19);
    pub const PREPOSITION: Self = Self(1 << 20);
    pub const CLAUSE: Self = Self(1 << 21);
    pub const PASSIVE: Self = Self(1 << 22);
    pub const NEGATION: Self = Self(1 << 23);
    pub const PARTICLE: Self = Self(1 << 24);
    pub const CALENDAR: Self = Self(1 << 25);
    pub const TIME: Self = Self(1 << 26);
    pub const REPORT_FRAME: Self = Self(1 << 27);
    pub const COURT_VERB: Self = Self(1 << 28);
    pub const NOT_SOURCE: Self = Self(1 << 29);
    pub const QUANTIFIER: Self = Self(1 << 30);
    pub const PARTICIPLE: Self = Self(1 << 31);
    pub const PASSIVE_CUE: Self = Self(1 << 32);
    pub const STANCE_VERB: Self = Self(1 << 33);
    pub const STANCE_OBJECT: Self = Self(1 << 34);
    pub const MODAL: Self = Self(1 << 35);
    /// The first word of a source preposition ("according" of "according to").
    pub const SOURCE_PREPOSITION_START: Self = Self(1 << 36);
    /// A word a sentence does not end with (`grammar.txt`, `unfinished`).
    pub const UNFINISHED: Self = Self(1 << 37);
    /// An adverb without -ly ("long", "seldom"): never a source.
    pub const ADVERB: Self = Self(1 << 38);
    /// A verb of belief or opinion ("believe", "fear").
    pub const BELIEF_VERB: Self = Self(1 << 39);
    /// A participle of a rating ("rated"), or of an award before a superlative ("named").
    pub const RATING: Self = Self(1 << 40);
    pub const AWARD: Self = Self(1 << 41);
    pub const SUPERLATIVE: Self = Self(1 << 42);
    /// A public record (`document_heads.txt`, marked `=`).
    pub const PUBLIC_RECORD: Self = Self(1 << 43);
    /// A participle that puts a document on the record ("entered into
    /// evidence", "filed with the court"): `grammar.txt`, `on_record`.
    pub const ON_RECORD: Self = Self(1 << 44);
    /// "our colleagues of the Echo": peers that name another outlet (`grammar.txt`, `peers`).
    pub const PEERS: Self = Self(1 << 45);
    /// "source", "informant": what a definite one refers back to is any
    /// unnamed person met before (`grammar.txt`, `informant`).
    pub const INFORMANT: Self = Self(1 << 46);
    /// The label of an interviewer's line ("Q:") or of an answer ("A:") in a Q&A.
    pub const QUESTION_LABEL: Self = Self(1 << 47);
    pub const ANSWER_LABEL: Self = Self(1 << 48);
    /// A verb that opens an interviewer's prompt ("Tell us about ...").
    pub const PROMPT_VERB: Self = Self(1 << 49);
    /// A verb that reports only beside a quotation ("he continued").
    pub const QUOTE_VERB: Self = Self(1 << 50);
    /// A verb of publication, a cue with a report for its object ("released its findings").
    pub const PUBLICATION_VERB: Self = Self(1 << 51);
    /// What a publication verb publishes when it reports: "findings", "a statement".
    pub const PUBLICATION_OBJECT: Self = Self(1 << 52);
    /// An adjective of degree that may stand inside an impersonal phrase ("faced sharp criticism").
    pub const INTENSIFIER: Self = Self(1 << 53);
    /// A noun for a person that no other list holds ("man", "mother", "caller").
    pub const PERSON_NOUN: Self = Self(1 << 54);
    /// A noun of what someone said ("claim", "call", "criticism").
    pub const SPEECH_NOUN: Self = Self(1 << 55);
    /// A verb whose object document is its subject's own ("released a statement").
    pub const AUTHORING: Self = Self(1 << 56);
    /// A noun of quantity whose "of" leads to the head ("a series of tweets").
    pub const MEASURE: Self = Self(1 << 57);
    /// The first bit of the classes a language defines for its own rules
    /// ([`Grammar::own`]): one bit each, up to [`WordClass::OWN_CLASSES`],
    /// above the bits of the shared classes.
    const OWN_FIRST: u32 = 64;
    /// How many classes of its own a language may define.
    pub const OWN_CLASSES: usize = 32;

    /// Both sets of classes (`|`, usable in constants).
    pub const fn with(self, other: WordClass) -> Self {
        Self(self.0 | other.0)
    }

    /// The classes of `self` that are not in `other`.
    pub const fn without(self, other: WordClass) -> Self {
        Self(self.0 & !other.0)
    }

    /// Whether the word belongs to any of the classes of `class`.
    pub const fn is(self, class: WordClass) -> bool {
        self.0 & class.0 != 0
    }

    /// The class of a pronoun of kind `kind`.
    pub const fn of_pronoun(kind: PronounKind) -> Self {
        match kind {
            PronounKind::Person => Self::PRONOUN_PERSON,
            PronounKind::Group => Self::PRONOUN_GROUP,
            PronounKind::Thing => Self::PRONOUN_THING,
            PronounKind::SelfRef => Self::PRONOUN_SELF,
        }
    }

    /// What a pronoun may refer back to, if the word is one (a word has one kind at most).
    pub fn pronoun(self) -> Option<PronounKind> {
        [PronounKind::Person, PronounKind::Group, PronounKind::Thing, PronounKind::SelfRef].into_iter().find(|&kind| self.is(Self::of_pronoun(kind)))
    }

    /// For a reporting verb form, whether it is also a noun; `None` for any other word.
    pub fn reporting(self) -> Option<bool> {
        self.is(Self::REPORTING_VERB).then_some(self.is(Self::REPORTING_NOUN))
    }
}

impl std::ops::BitOr for WordClass {
    type Output = Self;
    fn bitor(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }
}

impl std::ops::BitOrAssign for WordClass {
    fn bitor_assign(&mut self, other: Self) {
        self.0 |= other.0;
    }
}

/// The closed word classes the rules lean on; see `data/en/grammar.txt`.
#[derive(Default)]
pub struct Grammar {
    pub definite: HashSet<String>,
    pub indefinite: HashSet<String>,
    pub auxiliary: HashSet<String>,
    pub preposition: HashSet<String>,
    pub clause: HashSet<String>,
    pub passive: HashSet<String>,
    pub negation: HashSet<String>,
    pub particle: HashSet<String>,
    pub calendar: HashSet<String>,
    pub time: HashSet<String>,
    pub report_frame: HashSet<String>,
    pub court_verb: HashSet<String>,
    pub not_source: HashSet<String>,
    pub quantifier: HashSet<String>,
    pub participle: HashSet<String>,
    pub passive_cue: HashSet<String>,
    pub stance_verb: HashSet<String>,
    pub stance_object: HashSet<String>,
    pub modal: HashSet<String>,
    pub unfinished: HashSet<String>,
    pub adverb: HashSet<String>,
    pub belief_verb: HashSet<String>,
    pub rating: HashSet<String>,
    pub award: HashSet<String>,
    pub superlative: HashSet<String>,
    pub on_record: HashSet<String>,
    pub peers: HashSet<String>,
    pub informant: HashSet<String>,
    pub question_label: HashSet<String>,
    pub answer_label: HashSet<String>,
    pub prompt_verb: HashSet<String>,
    pub quote_verb: HashSet<String>,
    pub publication_verb: HashSet<String>,
    pub publication_object: HashSet<String>,
    pub intensifier: HashSet<String>,
    pub person_noun: HashSet<String>,
    pub speech_noun: HashSet<String>,
    pub authoring: HashSet<String>,
    pub measure: HashSet<String>,
    /// Elided words written with their apostrophe ("l'", "qu'"): the tokenizer
    /// makes each a word of its own ("l'élue" is "l'" "élue").
    pub elision: HashSet<String>,
    /// Subject pronouns written after their verb with a hyphen ("dit-il",
    /// "a-t-elle"): the tokenizer makes each a word of its own.
    pub clitic: HashSet<String>,
    /// Classes the shared rules do not read, for a language's own rules
    /// (French's `conditional` or `light`, read by `src/lang/fr.rs`), in the
    /// order of the file: each has a bit of its own ([`Lexicon::own_class`]).
    pub own: Vec<(String, HashSet<String>)>,
}

fn grammar(data: &str) -> Grammar {
    let mut grammar = Grammar::default();
    for line in entries(data) {
        let Some((class, words)) = line.split_once(':') else { continue };
        let set = match class.trim() {
            "definite" => &mut grammar.definite,
            "indefinite" => &mut grammar.indefinite,
            "auxiliary" => &mut grammar.auxiliary,
            "preposition" => &mut grammar.preposition,
            "clause" => &mut grammar.clause,
            "passive" => &mut grammar.passive,
            "negation" => &mut grammar.negation,
            "particle" => &mut grammar.particle,
            "calendar" => &mut grammar.calendar,
            "time" => &mut grammar.time,
            "report_frame" => &mut grammar.report_frame,
            "court_verb" => &mut grammar.court_verb,
            "not_source" => &mut grammar.not_source,
            "quantifier" => &mut grammar.quantifier,
            "participle" => &mut grammar.participle,
            "passive_cue" => &mut grammar.passive_cue,
            "stance_verb" => &mut grammar.stance_verb,
            "stance_object" => &mut grammar.stance_object,
            "modal" => &mut grammar.modal,
            "unfinished" => &mut grammar.unfinished,
            "adverb" => &mut grammar.adverb,
            "belief_verb" => &mut grammar.belief_verb,
            "rating" => &mut grammar.rating,
            "award" => &mut grammar.award,
            "superlative" => &mut grammar.superlative,
            "on_record" => &mut grammar.on_record,
            "peers" => &mut grammar.peers,
            "informant" => &mut grammar.informant,
            "question_label" => &mut grammar.question_label,
            "answer_label" => &mut grammar.answer_label,
            "prompt_verb" => &mut grammar.prompt_verb,
            "quote_verb" => &mut grammar.quote_verb,
            "publication_verb" => &mut grammar.publication_verb,
            "publication_object" => &mut grammar.publication_object,
            "intensifier" => &mut grammar.intensifier,
            "person_noun" => &mut grammar.person_noun,
            "speech_noun" => &mut grammar.speech_noun,
            "authoring" => &mut grammar.authoring,
            "measure" => &mut grammar.measure,
            "elision" => &mut grammar.elision,
            "clitic" => &mut grammar.clitic,
            own => match grammar.own.iter().position(|(name, _)| name == own) {
                Some(at) => &mut grammar.own[at].1,
                None => {
                    grammar.own.push((own.to_string(), HashSet::default()));
                    &mut grammar.own.last_mut().expect("just pushed").1
                }
            },
        };
        set.extend(words.split_whitespace().map(str::to_string));
    }
    grammar
}

/// A kind of body (`body_kinds.txt`): the index of its kind in the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BodyKind(u8);

fn body_kinds(data: &str) -> HashMap<String, BodyKind> {
    let mut kinds: Vec<String> = Vec::new();
    let mut words = HashMap::default();
    for line in entries(data) {
        let Some((kind, list)) = line.split_once(':') else { continue };
        let kind = kind.trim().to_string();
        let index = kinds.iter().position(|k| *k == kind).unwrap_or_else(|| {
            kinds.push(kind);
            kinds.len() - 1
        });
        let index = BodyKind(u8::try_from(index).unwrap_or(u8::MAX));
        for word in list.split_whitespace() {
            words.entry(word.to_string()).or_insert(index);
        }
    }
    words
}

/// What a pronoun can stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PronounKind {
    Person,
    Group,
    Thing,
    /// The writer, or the speaker of the quotation it stands in.
    SelfRef,
}

/// The lists of one language as compiled in, from its folder `data/<code>/`.
struct Files {
    grammar: &'static str,
    anonymous_phrases: &'static str,
    hedges: &'static str,
    impersonal: &'static str,
    source_prepositions: &'static str,
    reporting_verbs: &'static str,
    evidence_verbs: &'static str,
    vague_groups: &'static str,
    anonymous_roles: &'static str,
    spokespeople: &'static str,
    document_heads: &'static str,
    organisation_words: &'static str,
    outlet_words: &'static str,
    institutions: &'static str,
    titles: &'static str,
    abbreviations: &'static str,
    sentence_openers: &'static str,
    pronouns: &'static str,
    nonclaims: &'static str,
    body_kinds: &'static str,
    offices: &'static str,
}

/// The lexicon of one language, read from its folder `data/<code>/`: every
/// language has the same files, so adding one is adding its folder and a line
/// in [`get`]. The macro only names the files; [`build`] reads them, one copy
/// of that code for every language.
macro_rules! lexicon {
    ($lang:expr, $code:literal) => {
        LazyLock::new(|| {
            macro_rules! file {
                ($name:literal) => {
                    crate::lists::list_file!(concat!("../data/", $code, "/", $name))
                };
            }
            build($lang, &Files {
                grammar: file!("grammar.txt"),
                anonymous_phrases: file!("anonymous_phrases.txt"),
                hedges: file!("hedges.txt"),
                impersonal: file!("impersonal.txt"),
                source_prepositions: file!("source_prepositions.txt"),
                reporting_verbs: file!("reporting_verbs.txt"),
                evidence_verbs: file!("evidence_verbs.txt"),
                vague_groups: file!("vague_groups.txt"),
                anonymous_roles: file!("anonymous_roles.txt"),
                spokespeople: file!("spokespeople.txt"),
                document_heads: file!("document_heads.txt"),
                organisation_words: file!("organisation_words.txt"),
                outlet_words: file!("outlet_words.txt"),
                institutions: file!("institutions.txt"),
                titles: file!("titles.txt"),
                abbreviations: file!("abbreviations.txt"),
                sentence_openers: file!("sentence_openers.txt"),
                pronouns: file!("pronouns.txt"),
                nonclaims: file!("nonclaims.txt"),
                body_kinds: file!("body_kinds.txt"),
                offices: file!("offices.txt"),
            })
        })
    };
}

fn build(lang: Lang, files: &Files) -> Lexicon {
    // Elisions are read first: the lists matched on a sentence's words
    // are split where its words are ("d'après" is read as "d'" "après").
    let grammar = grammar(files.grammar);
    let anonymous = marked_phrases(files.anonymous_phrases, '+');
    let hedges = marked_phrases(files.hedges, '!');
    let impersonal = marked_phrases(files.impersonal, '+').into_iter().map(|(p, hedge)| (split_elisions(p, &grammar.elision), hedge)).collect();
    let source_prepositions = phrases(files.source_prepositions).into_iter().map(|p| split_elisions(p, &grammar.elision)).collect();
    let document_heads = marked_phrases(files.document_heads, '=');
    with_common_words(Lexicon {
        lang,
        reporting_verbs: verb_forms(files.reporting_verbs),
        evidence_verbs: words(files.evidence_verbs).into_iter().collect(),
        source_prepositions,
        anonymous_phrases: Phrases::new(anonymous.iter().map(|(p, _)| p)),
        anonymity_phrases: Phrases::new(anonymous.iter().filter(|(_, marked)| *marked).map(|(p, _)| p)),
        impersonal,
        hedges: Phrases::new(hedges.iter().filter(|(_, exception)| !exception).map(|(p, _)| p)),
        hedge_exceptions: Phrases::new(hedges.iter().filter(|(_, exception)| *exception).map(|(p, _)| p)),
        vague_groups: set(files.vague_groups),
        anonymous_roles: set(files.anonymous_roles),
        spokespeople: set(files.spokespeople),
        public_records: document_heads.iter().filter(|(_, marked)| *marked).map(|(p, _)| p.join(" ")).collect(),
        document_heads: document_heads.into_iter().map(|(p, _)| p.join(" ")).collect(),
        organisation_words: set(files.organisation_words),
        outlet_words: set(files.outlet_words),
        institutions: set(files.institutions),
        titles: set(files.titles),
        abbreviations: abbreviations(files.abbreviations),
        sentence_openers: raw_entries(files.sentence_openers).map(str::to_string).collect(),
        pronouns: pronouns(files.pronouns),
        boilerplate: Boilerplate::parse(files.nonclaims),
        grammar,
        body_kinds: body_kinds(files.body_kinds),
        offices: Phrases::new(phrases(files.offices)),
        common_words: HashSet::default(),
        sentence_phrases: Sieve::ALL,
        impersonal_by_start: HashMap::default(),
        classes: HashMap::default(),
        class_lookup: WordTable::new([]),
    })
}

static EN: LazyLock<Lexicon> = lexicon!(Lang::En, "en");
static FR: LazyLock<Lexicon> = lexicon!(Lang::Fr, "fr");

/// Fills in the sets derived from the others.
fn with_common_words(mut lexicon: Lexicon) -> Lexicon {
    for (index, (phrase, _)) in lexicon.impersonal.iter().enumerate() {
        if let Some(first) = phrase.first() {
            lexicon.impersonal_by_start.entry(first.clone()).or_default().push(index);
        }
    }
    let g = &lexicon.grammar;
    let lists = [
        &lexicon.vague_groups,
        &lexicon.anonymous_roles,
        &lexicon.spokespeople,
        &lexicon.document_heads,
        &lexicon.institutions,
        &lexicon.evidence_verbs,
        &g.definite,
        &g.indefinite,
        &g.auxiliary,
        &g.preposition,
        &g.clause,
        &g.quantifier,
        &g.time,
    ];
    let mut common: HashSet<String> = lists.iter().flat_map(|l| l.iter().cloned()).collect();
    common.extend(lexicon.reporting_verbs.keys().cloned());
    common.extend(["previous", "new", "recent", "latest", "internal", "leaked", "several", "other", "former", "senior", "local", "independent", "military", "shipping", "privacy"].map(String::from));
    lexicon.common_words = common;
    lexicon.sentence_phrases =
        Sieve::of(&[&lexicon.anonymity_phrases, &lexicon.hedges, &lexicon.hedge_exceptions, lexicon.boilerplate.anywhere_phrases()]);
    lexicon.classes = class_table(&lexicon);
    lexicon.class_lookup = WordTable::new(lexicon.classes.iter().map(|(word, &class)| (word.as_str(), class)));
    lexicon
}

/// Every word of the lexicon's sets, with the bits of the lists it is in.
fn class_table(lexicon: &Lexicon) -> HashMap<String, WordClass> {
    let mut table: HashMap<String, WordClass> = HashMap::default();
    for (set, class) in lexicon.class_sets() {
        for word in set {
            *table.entry(word.clone()).or_default() |= class;
        }
    }
    for (form, &noun) in &lexicon.reporting_verbs {
        let class = if noun { WordClass::REPORTING_VERB | WordClass::REPORTING_NOUN } else { WordClass::REPORTING_VERB };
        *table.entry(form.clone()).or_default() |= class;
    }
    for (word, kind) in &lexicon.pronouns {
        *table.entry(word.clone()).or_default() |= WordClass::of_pronoun(*kind);
    }
    for first in lexicon.impersonal_by_start.keys() {
        *table.entry(first.clone()).or_default() |= WordClass::IMPERSONAL_START;
    }
    for first in lexicon.source_prepositions.iter().filter_map(|phrase| phrase.first()) {
        *table.entry(first.clone()).or_default() |= WordClass::SOURCE_PREPOSITION_START;
    }
    for (n, (_, set)) in lexicon.grammar.own.iter().enumerate().take(WordClass::OWN_CLASSES) {
        for word in set {
            *table.entry(word.clone()).or_default() |= WordClass(1 << (WordClass::OWN_FIRST + n as u32));
        }
    }
    table
}

impl Lexicon {
    /// Each set of words with its class (reporting verbs, pronouns and the
    /// first words of phrases are added in [`class_table`]).
    fn class_sets(&self) -> [(&HashSet<String>, WordClass); 50] {
        let g = &self.grammar;
        [
            (&self.evidence_verbs, WordClass::EVIDENCE_VERB),
            (&self.vague_groups, WordClass::VAGUE_GROUP),
            (&self.anonymous_roles, WordClass::ANONYMOUS_ROLE),
            (&self.spokespeople, WordClass::SPOKESPERSON),
            (&self.document_heads, WordClass::DOCUMENT_HEAD),
            (&self.organisation_words, WordClass::ORGANISATION),
            (&self.outlet_words, WordClass::OUTLET),
            (&self.institutions, WordClass::INSTITUTION),
            (&self.titles, WordClass::TITLE),
            (&self.common_words, WordClass::COMMON),
            (&g.definite, WordClass::DEFINITE),
            (&g.indefinite, WordClass::INDEFINITE),
            (&g.auxiliary, WordClass::AUXILIARY),
            (&g.preposition, WordClass::PREPOSITION),
            (&g.clause, WordClass::CLAUSE),
            (&g.passive, WordClass::PASSIVE),
            (&g.negation, WordClass::NEGATION),
            (&g.particle, WordClass::PARTICLE),
            (&g.calendar, WordClass::CALENDAR),
            (&g.time, WordClass::TIME),
            (&g.report_frame, WordClass::REPORT_FRAME),
            (&g.court_verb, WordClass::COURT_VERB),
            (&g.not_source, WordClass::NOT_SOURCE),
            (&g.quantifier, WordClass::QUANTIFIER),
            (&g.participle, WordClass::PARTICIPLE),
            (&g.passive_cue, WordClass::PASSIVE_CUE),
            (&g.stance_verb, WordClass::STANCE_VERB),
            (&g.stance_object, WordClass::STANCE_OBJECT),
            (&g.modal, WordClass::MODAL),
            (&g.unfinished, WordClass::UNFINISHED),
            (&g.adverb, WordClass::ADVERB),
            (&g.belief_verb, WordClass::BELIEF_VERB),
            (&g.rating, WordClass::RATING),
            (&g.award, WordClass::AWARD),
            (&g.superlative, WordClass::SUPERLATIVE),
            (&g.on_record, WordClass::ON_RECORD),
            (&g.peers, WordClass::PEERS),
            (&g.informant, WordClass::INFORMANT),
            (&g.question_label, WordClass::QUESTION_LABEL),
            (&g.answer_label, WordClass::ANSWER_LABEL),
            (&g.prompt_verb, WordClass::PROMPT_VERB),
            (&g.quote_verb, WordClass::QUOTE_VERB),
            (&g.publication_verb, WordClass::PUBLICATION_VERB),
            (&g.publication_object, WordClass::PUBLICATION_OBJECT),
            (&g.intensifier, WordClass::INTENSIFIER),
            (&g.person_noun, WordClass::PERSON_NOUN),
            (&g.speech_noun, WordClass::SPEECH_NOUN),
            (&g.authoring, WordClass::AUTHORING),
            (&g.measure, WordClass::MEASURE),
            (&self.public_records, WordClass::PUBLIC_RECORD),
        ]
    }

    /// The bit of a class of the language's own (a class of `grammar.txt` the
    /// shared rules do not read), to test tokens with: [`WordClass::NONE`],
    /// which no word has, for a class the language does not define.
    pub fn own_class(&self, name: &str) -> WordClass {
        match self.grammar.own.iter().take(WordClass::OWN_CLASSES).position(|(own, _)| own == name) {
            Some(n) => WordClass(1 << (WordClass::OWN_FIRST + n as u32)),
            None => WordClass::NONE,
        }
    }

    /// The kind of body a lower-case word names, if it names one ("union").
    pub fn body_kind(&self, lower_word: &str) -> Option<BodyKind> {
        self.body_kinds.get(lower_word).copied()
    }

    /// The lists a lower-case word belongs to ([`WordClass::NONE`] for a word in none).
    pub fn classes(&self, lower_word: &str) -> WordClass {
        self.class_lookup.get(lower_word).unwrap_or_default()
    }
}

/// The lexicon of `lang`, parsed on first use.
pub fn get(lang: Lang) -> &'static Lexicon {
    match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    }
}

fn set(data: &str) -> HashSet<String> {
    entries(data).into_iter().collect()
}

/// The words of a phrase with each elision written as its own word, as the
/// tokenizer reads a sentence ([`crate::tokens`]): "d'après" is "d'" and "après".
fn split_elisions(phrase: Vec<String>, elisions: &HashSet<String>) -> Vec<String> {
    if elisions.is_empty() {
        return phrase;
    }
    let mut out = Vec::with_capacity(phrase.len());
    for word in phrase {
        let mut rest = word.as_str();
        while let Some(at) = rest.find('\'').filter(|&at| at + 1 < rest.len() && elisions.contains(&rest[..=at])) {
            out.push(rest[..=at].to_string());
            rest = &rest[at + 1..];
        }
        out.push(rest.to_string());
    }
    out
}

/// Multi-word entries, split into words.
fn phrases(data: &str) -> Vec<Vec<String>> {
    entries(data).iter().map(|line| line.split_whitespace().map(str::to_string).collect()).collect()
}

/// Phrases, each with whether its line starts with `marker`.
fn marked_phrases(data: &str, marker: char) -> Vec<(Vec<String>, bool)> {
    entries(data)
        .iter()
        .map(|line| {
            let marked = line.starts_with(marker);
            let line = line.trim_start_matches(marker);
            (line.split_whitespace().map(str::to_string).collect(), marked)
        })
        .filter(|(words, _): &(Vec<String>, bool)| !words.is_empty())
        .collect()
}

/// Verb forms; a trailing `*` marks a form that is also a noun or adjective.
fn verb_forms(data: &str) -> HashMap<String, bool> {
    let mut forms = HashMap::default();
    let mut add = |form: String, ambiguous: bool| {
        // A form listed plainly anywhere stays unambiguous.
        let entry = forms.entry(form).or_insert(ambiguous);
        *entry = *entry && ambiguous;
    };
    for form in words(data) {
        let ambiguous = form.ends_with('*');
        let form = form.trim_end_matches('*');
        match form.strip_prefix('+').and_then(|verb| verb.strip_suffix("er")) {
            // "+déclarer": the forms of a regular verb in -er, the first the one a noun may share.
            Some(stem) => {
                for (n, ending) in REGULAR_ER.iter().enumerate() {
                    add([stem, ending].concat(), ambiguous && n == 0);
                }
            }
            None => add(form.to_string(), ambiguous),
        }
    }
    forms
}

/// The endings a list's `+verbe` stands for (`data/fr/reporting_verbs.txt`): the
/// present, the past participle, the imperfect, the simple past and the present
/// participle of the third person.
const REGULAR_ER: [&str; 11] = ["e", "ent", "\u{e9}", "\u{e9}e", "\u{e9}s", "\u{e9}es", "ait", "aient", "a", "\u{e8}rent", "ant"];

fn abbreviations(data: &str) -> HashMap<String, bool> {
    raw_entries(data)
        .map(|line| match line.strip_prefix('~') {
            Some(rest) => (rest.trim().to_string(), true),
            None => (line.to_string(), false),
        })
        .collect()
}

fn pronouns(data: &str) -> HashMap<String, PronounKind> {
    entries(data)
        .iter()
        .filter_map(|line| {
            let mut parts = line.split_whitespace();
            let word = parts.next()?.to_string();
            let kind = match parts.next()? {
                "person" => PronounKind::Person,
                "group" => PronounKind::Group,
                "thing" => PronounKind::Thing,
                "self" => PronounKind::SelfRef,
                _ => return None,
            };
            Some((word, kind))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrases::Starts;
    // Under wasm, run these same tests through wasm-bindgen-test.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_regular_verb_stands_for_its_eleven_forms() {
        let forms = verb_forms("+d\u{e9}clarer\n+annoncer*\nannonce\n");
        for form in ["d\u{e9}clare", "d\u{e9}clarent", "d\u{e9}clar\u{e9}es", "d\u{e9}clarait", "d\u{e9}clar\u{e8}rent", "d\u{e9}clarant"] {
            assert_eq!(forms.get(form), Some(&false), "{form}");
        }
        assert!(!forms.contains_key("d\u{e9}clarer"), "the infinitive reports nothing");
        // Listed plainly too, "annonce" is unambiguous; "+annoncer*" alone marks it.
        assert_eq!(forms.get("annonce"), Some(&false));
        assert_eq!(verb_forms("+annoncer*").get("annonce"), Some(&true));
        assert_eq!(verb_forms("+annoncer*").get("annonc\u{e9}"), Some(&false));
        assert_eq!(forms.len(), 22);
    }

    #[test]
    fn comments_and_blank_lines_are_not_entries() {
        assert_eq!(entries("# header\n\nsaid  # past\n  Told \n"), ["said", "told"]);
    }

    #[test]
    fn starred_verb_forms_are_ambiguous_unless_listed_plainly() {
        let forms = verb_forms("claim claimed claims*\nreport reports*\nsay says\n");
        assert_eq!(forms.get("claims"), Some(&true));
        assert_eq!(forms.get("claimed"), Some(&false));
        assert_eq!(forms.get("says"), Some(&false));
    }

    #[test]
    fn marked_phrases_keep_their_marker() {
        let parsed = marked_phrases("+ is said to\nhas been accused of\n", '+');
        assert_eq!(parsed[0], (vec!["is".to_string(), "said".into(), "to".into()], true));
        assert!(!parsed[1].1);
    }

    #[test]
    fn abbreviations_keep_case_and_terminal_marker() {
        let parsed = abbreviations("Mr\n~ U.S\n");
        assert_eq!(parsed.get("Mr"), Some(&false));
        assert_eq!(parsed.get("U.S"), Some(&true));
        assert_eq!(parsed.get("mr"), None);
    }

    /// Every class of the table with the set it stands for, reporting verbs and pronouns included.
    fn members(en: &Lexicon, word: &str) -> WordClass {
        let mut class = WordClass::NONE;
        for (set, bit) in en.class_sets() {
            if set.contains(word) {
                class |= bit;
            }
        }
        if let Some(&noun) = en.reporting_verbs.get(word) {
            class |= if noun { WordClass::REPORTING_VERB | WordClass::REPORTING_NOUN } else { WordClass::REPORTING_VERB };
        }
        if let Some(&kind) = en.pronouns.get(word) {
            class |= WordClass::of_pronoun(kind);
        }
        if en.impersonal.iter().any(|(phrase, _)| phrase.first().is_some_and(|first| first == word)) {
            class |= WordClass::IMPERSONAL_START;
        }
        if en.source_prepositions.iter().any(|phrase| phrase.first().is_some_and(|first| first == word)) {
            class |= WordClass::SOURCE_PREPOSITION_START;
        }
        for (name, set) in &en.grammar.own {
            if set.contains(word) {
                class |= en.own_class(name);
            }
        }
        class
    }

    #[test]
    fn every_listed_word_has_exactly_the_classes_of_its_lists() {
        for lang in [Lang::En, Lang::Fr] {
            let lex = get(lang);
            let firsts = lex.impersonal.iter().map(|(phrase, _)| &phrase[0]).chain(lex.source_prepositions.iter().map(|phrase| &phrase[0]));
            let own = lex.grammar.own.iter().flat_map(|(_, set)| set.iter());
            let words = lex.class_sets().into_iter().flat_map(|(set, _)| set.iter()).chain(lex.reporting_verbs.keys()).chain(lex.pronouns.keys()).chain(firsts).chain(own);
            for word in words {
                assert_eq!(lex.classes(word), members(lex, word), "{word} ({lang:?})");
            }
        }
    }

    #[test]
    fn french_lists_load_and_their_word_phrases_are_split_on_elisions() {
        let fr = get(Lang::Fr);
        assert_eq!(fr.lang, Lang::Fr);
        assert!(fr.reporting_verbs.contains_key("déclaré") && fr.reporting_verbs.contains_key("estime"));
        assert_eq!(fr.reporting_verbs.get("annonce"), Some(&true), "also a noun");
        // Matched on a sentence's words, which the tokenizer splits after "d'".
        assert!(fr.source_prepositions.contains(&vec!["d'".to_string(), "après".to_string()]));
        assert!(fr.impersonal.iter().any(|(phrase, hedge)| phrase == &["il", "se", "dit"] && *hedge));
        // Matched on the text, where "d'anonymat" is written whole.
        assert!(fr.anonymity_phrases.is_match("sous couvert d'anonymat"));
        assert!(fr.grammar.elision.contains("qu'") && fr.grammar.clitic.contains("on"));
        assert!(fr.classes("aurait").is(fr.own_class("conditional")));
        assert!(!fr.classes("avait").is(fr.own_class("conditional")));
        assert_ne!(fr.own_class("conditional"), fr.own_class("light"));
        assert_eq!(fr.own_class("no such class"), WordClass::NONE);
        assert!(fr.grammar.own.len() <= WordClass::OWN_CLASSES, "French defines more classes of its own than there are bits");
        assert_eq!(fr.pronouns.get("dernier"), Some(&PronounKind::Person));
        // English elides and inverts nothing.
        assert!(get(Lang::En).grammar.elision.is_empty() && get(Lang::En).grammar.clitic.is_empty());
    }

    #[test]
    fn elisions_are_split_off_a_phrase_only_where_listed() {
        let elisions: HashSet<String> = ["l'", "d'"].map(String::from).into_iter().collect();
        let words = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(split_elisions(words("de l'aveu d'après"), &elisions), words("de l' aveu d' après"));
        assert_eq!(split_elisions(words("aujourd'hui l'"), &elisions), words("aujourd'hui l'"));
        assert_eq!(split_elisions(words("d'après"), &HashSet::default()), words("d'après"));
    }

    #[test]
    fn a_word_in_two_lists_has_both_bits() {
        let en = get(Lang::En);
        // "said" is a reporting verb, and every reporting verb is a common word.
        assert!(en.classes("said").is(WordClass::REPORTING_VERB));
        assert!(en.classes("said").is(WordClass::COMMON));
        // Some word of the grammar is in two of its classes (a preposition that is also a time word, ...).
        let shared = en.classes.iter().find(|(_, class)| class.0.count_ones() >= 2 && !class.is(WordClass::COMMON));
        let (word, class) = shared.expect("some listed word is in two lists");
        let sets: Vec<WordClass> = en.class_sets().into_iter().filter(|(set, _)| set.contains(word.as_str())).map(|(_, bit)| bit).collect();
        assert!(sets.iter().all(|bit| class.is(*bit)), "{word}");
    }

    #[test]
    fn a_word_in_no_list_has_no_class() {
        let en = get(Lang::En);
        assert_eq!(en.classes("harbourmaster"), WordClass::NONE);
        assert_eq!(en.classes(""), WordClass::NONE);
        assert_eq!(members(en, "harbourmaster"), WordClass::NONE);
    }

    #[test]
    fn the_table_holds_lower_case_words_only() {
        let en = get(Lang::En);
        assert!(en.classes("the").is(WordClass::DEFINITE));
        assert_eq!(en.classes("The"), WordClass::NONE, "callers fold the case first");
        assert!(en.classes.keys().all(|w| w.to_lowercase() == *w));
    }

    #[test]
    fn reporting_forms_that_are_nouns_and_pronoun_kinds_are_read_back() {
        let en = get(Lang::En);
        for (form, &noun) in &en.reporting_verbs {
            assert_eq!(en.classes(form).reporting(), Some(noun), "{form}");
        }
        for (word, &kind) in &en.pronouns {
            assert_eq!(en.classes(word).pronoun(), Some(kind), "{word}");
        }
        assert_eq!(WordClass::NONE.reporting(), None);
        assert_eq!(WordClass::NONE.pronoun(), None);
    }

    #[test]
    fn english_lists_load_and_patterns_compile() {
        let en = get(Lang::En);
        assert!(en.reporting_verbs.contains_key("said"));
        assert!(en.anonymous_phrases.is_match("people familiar with it"));
        assert!(en.vague_groups.contains("experts"));
        assert!(en.boilerplate.matches("By Jane Roe", "by jane roe", &Starts::of("by jane roe")));
        assert!(en.boilerplate.matches("\u{a9} 2025 Example Media", "\u{a9} 2025 example media", &Starts::of("\u{a9} 2025 example media")));
        assert_eq!(en.pronouns.get("she"), Some(&PronounKind::Person));
        assert!(en.grammar.definite.contains("the"));
        assert!(en.grammar.indefinite.contains("two"));
    }
}
