//! Which language an article is written in, from its function words.
//!
//! Every language has a few dozen short words that fill any text whatever
//! its topic (articles, prepositions, pronouns, auxiliaries): "the", "of",
//! "said" in English, "le", "des", "selon" in French, "el", "los", "por" in
//! Spanish. Counting them over the whole article names its language: the
//! body's thousands of words outweigh a quoted sentence in another language.
//! A word that several languages list ("de", "la", "in") counts for each of
//! them by a share, so the words one language alone uses decide.
//!
//! Why not a statistical detector: whichlang and whatlang were measured on
//! wasm builds at about 247 KB and 70-76 KB gzipped, over the extension's
//! size budget, while these lists cost about 4 KB and named every article of
//! the development corpus right. What they cannot do is name a language they
//! have no list for: such a text has many words and few function words of
//! any list, and is [`Language::Other`].
//!
//! The lists are data, `data/<code>/function_words.txt`.

use std::sync::LazyLock;

use crate::lang::Language;
use crate::lists::words;

/// Below this weight of function words the text is too short to tell
/// (about two sentences of running text).
const MIN_EVIDENCE: u32 = 6 * WHOLE;
/// A text of at least this many words...
const OTHER_MIN_WORDS: u32 = 40;
/// ...whose best language's words weigh less than this share of them (in
/// hundredths) is in another language. Running text in a listed language has
/// 25-45 % function words.
const OTHER_MAX_PERCENT: u32 = 8;
/// The weight of a word one language alone lists; a word `k` languages list
/// weighs `WHOLE / k` for each (420 is divisible by 1 to 7).
const WHOLE: u32 = 420;

/// The function word lists of [`Language::NAMED`], in that order.
const LISTS: [&str; 7] = [
    crate::lists::list_file!("../../data/en/function_words.txt"),
    crate::lists::list_file!("../../data/fr/function_words.txt"),
    crate::lists::list_file!("../../data/es/function_words.txt"),
    crate::lists::list_file!("../../data/de/function_words.txt"),
    crate::lists::list_file!("../../data/it/function_words.txt"),
    crate::lists::list_file!("../../data/pt/function_words.txt"),
    crate::lists::list_file!("../../data/nl/function_words.txt"),
];

/// A word of at most 8 bytes as one number: its bytes, little-endian, the rest
/// zero. Every function word fits (`también` is the longest, 8 bytes); the
/// page's longer words cannot be one and are not looked up.
type Packed = u64;

fn pack(word: &[u8]) -> Option<Packed> {
    let mut bytes = [0u8; 8];
    bytes.get_mut(..word.len())?.copy_from_slice(word);
    Some(u64::from_le_bytes(bytes))
}

/// Every function word with one bit per language that lists it: an open-addressed
/// table of packed words, looked up once per word of the page. A hash map cost
/// about 40 instructions a look-up here, this about 10.
struct Table {
    keys: [Packed; TABLE_SLOTS],
    languages: [u8; TABLE_SLOTS],
}

/// A power of two, at least twice the number of distinct function words (a test checks).
const TABLE_SLOTS: usize = 1024;

impl Table {
    fn slot(word: Packed) -> usize {
        // Fibonacci hashing: the top bits of a multiplication by 2^64 / φ.
        (word.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - TABLE_SLOTS.trailing_zeros())) as usize
    }

    fn new() -> Table {
        let mut table = Table { keys: [0; TABLE_SLOTS], languages: [0; TABLE_SLOTS] };
        for (bit, list) in LISTS.iter().enumerate() {
            for word in words(list) {
                let packed = pack(word.as_bytes()).unwrap_or_else(|| panic!("function word {word:?} is over 8 bytes"));
                let mut slot = Table::slot(packed);
                while table.keys[slot] != 0 && table.keys[slot] != packed {
                    slot = (slot + 1) % TABLE_SLOTS;
                }
                table.keys[slot] = packed;
                table.languages[slot] |= 1 << bit;
            }
        }
        table
    }

    /// The languages that list `word` (a bit each), 0 for none.
    fn get(&self, word: Packed) -> u8 {
        let mut slot = Table::slot(word);
        loop {
            match self.keys[slot] {
                key if key == word => return self.languages[slot],
                0 => return 0,
                _ => slot = (slot + 1) % TABLE_SLOTS,
            }
        }
    }
}

static TABLE: LazyLock<Table> = LazyLock::new(Table::new);

/// The language `blocks` are written in; `None` when they are too short to tell.
///
/// The text is read in stretches of about [`CHUNK_BYTES`], and each stretch
/// votes for the language its function words are in: the language of most
/// stretches is the article's. Votes, not summed weights, because languages
/// do not own their function words alike: Spanish shares "de", "la", "que"
/// with its neighbours, English owns "the" and "of", so an article a third
/// English and two thirds Spanish weighs more English than Spanish. The sums
/// settle a tie, and a text too short to tell stays undecided.
///
/// The whole article decides, not its first paragraph: a text longer than
/// [`SAMPLE_CHUNKS`] stretches is read on that many spread evenly over all
/// of it (about 350 words), which names its language as surely as every word
/// would and costs the same for any length. Counted whole, a 1,000-word
/// article paid 9 % more for its analysis.
pub fn detect(blocks: &[&str]) -> Option<Language> {
    let mut whole = Counts::default();
    let mut votes = [0u32; Language::NAMED.len()];
    for_each_stretch(blocks, |stretch| {
        let mut counts = Counts::default();
        counts.add_text(stretch);
        if let Some(vote) = counts.vote() {
            votes[vote] += 1;
        }
        whole.add(&counts);
    });
    whole.language(&votes)
}

/// How many stretches of a long text are read, and how long each is.
const SAMPLE_CHUNKS: usize = 16;
const CHUNK_BYTES: usize = 128;

/// Calls `f` on each stretch of `blocks` that is read: every one of a short
/// text, [`SAMPLE_CHUNKS`] spread evenly over the bytes of a long one.
fn for_each_stretch<'a>(blocks: &[&'a str], mut f: impl FnMut(&'a str)) {
    let total: usize = blocks.iter().map(|block| block.len()).sum();
    if total <= SAMPLE_CHUNKS * CHUNK_BYTES {
        for block in blocks {
            let mut from = 0;
            while from < block.len() {
                let range = stretch(block, from);
                if range.is_empty() {
                    break;
                }
                from = range.end;
                f(&block[range]);
            }
        }
        return;
    }
    let step = total / SAMPLE_CHUNKS;
    let (mut block, mut block_start) = (0, 0);
    for k in 0..SAMPLE_CHUNKS {
        let at = k * step;
        while block_start + blocks[block].len() <= at {
            block_start += blocks[block].len();
            block += 1;
        }
        let range = stretch(blocks[block], at - block_start);
        f(&blocks[block][range]);
    }
}

/// About [`CHUNK_BYTES`] of `block` from `from`, in whole words: a word cut at
/// `from` is left out, one cut at the end is finished. Empty at the block's end.
fn stretch(block: &str, from: usize) -> std::ops::Range<usize> {
    let bytes = block.as_bytes();
    let in_word = |at: usize| bytes.get(at).is_some_and(|&b| b >= 0x80 || b.is_ascii_alphabetic());
    let mut start = from.min(bytes.len());
    if start > 0 && in_word(start - 1) {
        while in_word(start) {
            start += 1;
        }
    }
    let mut end = (start + CHUNK_BYTES).min(bytes.len());
    while in_word(end) {
        end += 1;
    }
    // Bytes outside ASCII count as word bytes, so both ends are on character boundaries.
    start..end
}

/// The weight of each language's function words, and the words counted.
#[derive(Default)]
struct Counts {
    scores: [u32; 7],
    words: u32,
}

impl Counts {
    /// Counts the words of `block` (a block or a stretch of one): runs of letters, split at anything else
    /// (spaces, digits, punctuation, the apostrophe of l'État, « », U+00A0).
    /// It runs on every article, so it reads bytes: an ASCII letter is
    /// lower-cased and packed as it is met; a character outside ASCII is
    /// decoded only to ask whether it is a letter (é, ß, ñ are kept as they
    /// are written: no function word starts with a capital outside ASCII).
    /// About 10 instructions a byte of English under callgrind.
    fn add_text(&mut self, block: &str) {
        let bytes = block.as_bytes();
        let mut word: Packed = 0;
        let mut len = 0usize;
        let mut at = 0;
        while at < bytes.len() {
            let byte = bytes[at];
            at += 1;
            if byte.is_ascii_alphabetic() {
                if len < 8 {
                    // `| 0x20` lower-cases an ASCII letter.
                    word |= u64::from(byte | 0x20) << (8 * len);
                }
                len += 1;
                continue;
            }
            if byte >= 0x80 {
                let c = block[at - 1..].chars().next().unwrap_or(' ');
                if c.is_alphabetic() {
                    for &b in &bytes[at - 1..at - 1 + c.len_utf8()] {
                        if len < 8 {
                            word |= u64::from(b) << (8 * len);
                        }
                        len += 1;
                    }
                    at += c.len_utf8() - 1;
                    continue;
                }
                at += c.len_utf8() - 1;
            }
            if len > 0 {
                self.add_word(word, len);
                (word, len) = (0, 0);
            }
        }
        if len > 0 {
            self.add_word(word, len);
        }
    }

    fn add_word(&mut self, word: Packed, len: usize) {
        self.words += 1;
        if len > 8 {
            return;
        }
        let mut bits = TABLE.get(word);
        if bits == 0 {
            return;
        }
        let share = WHOLE / bits.count_ones();
        while bits != 0 {
            self.scores[bits.trailing_zeros() as usize] += share;
            bits &= bits - 1;
        }
    }

    fn add(&mut self, other: &Counts) {
        for (score, more) in self.scores.iter_mut().zip(other.scores) {
            *score += more;
        }
        self.words += other.words;
    }

    /// The best language and its score, and the second best score.
    fn best(&self) -> (usize, u32, u32) {
        let (best, &score) = self.scores.iter().enumerate().max_by_key(|&(_, score)| score).unwrap_or((0, &0));
        let second = self.scores.iter().enumerate().filter(|&(i, _)| i != best).map(|(_, &s)| s).max().unwrap_or(0);
        (best, score, second)
    }

    /// Many words, few of them function words of any list.
    fn is_other(&self, min_words: u32) -> bool {
        self.words >= min_words && self.best().1 * 100 < OTHER_MAX_PERCENT * WHOLE * self.words
    }

    /// A stretch's vote: the index of its language in [`Language::NAMED`], when
    /// its words say it clearly: two words of one language alone, and half as
    /// many again as the next language.
    fn vote(&self) -> Option<usize> {
        let (best, score, second) = self.best();
        (score >= 2 * WHOLE && 2 * score >= 3 * second).then_some(best)
    }

    /// The article's language from its stretches' votes and these, its whole
    /// counts. Another language is told from the whole counts only: a stretch of
    /// twenty words may hold no function word in any language.
    fn language(&self, votes: &[u32]) -> Option<Language> {
        if self.is_other(OTHER_MIN_WORDS) {
            return Some(Language::Other);
        }
        let top = votes.iter().copied().max().unwrap_or(0);
        let mut leaders = (0..votes.len()).filter(|&i| votes[i] == top);
        let index = match (leaders.next(), leaders.next()) {
            (Some(one), None) if top > 0 => one,
            _ => self.best().0,
        };
        (self.scores[index] >= MIN_EVIDENCE).then_some(Language::NAMED[index])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// One paragraph of news in each language, written for these tests.
    const ENGLISH: &str = "The council said on Monday that the new bridge would open in the spring, after two years of delays that residents have blamed on the contractor. Its leader told reporters that the cost had risen by a third.";
    const FRENCH: &str = "Le conseil municipal a annoncé lundi que le nouveau pont ouvrira au printemps, après deux ans de retard que les habitants imputent à l'entreprise. Selon son président, le coût a augmenté d'un tiers depuis le début des travaux.";
    const SPANISH: &str = "El ayuntamiento anunció el lunes que el nuevo puente abrirá en primavera, tras dos años de retrasos que los vecinos atribuyen a la empresa. Según su presidente, el coste ha subido un tercio desde el inicio de las obras.";
    const GERMAN: &str = "Der Stadtrat hat am Montag angekündigt, dass die neue Brücke im Frühjahr eröffnet wird, nach zwei Jahren Verzögerung, die die Anwohner der Baufirma anlasten. Nach Angaben des Bürgermeisters sind die Kosten um ein Drittel gestiegen.";
    const ITALIAN: &str = "Il consiglio comunale ha annunciato lunedì che il nuovo ponte aprirà in primavera, dopo due anni di ritardi che i residenti attribuiscono alla ditta. Secondo il sindaco, il costo è aumentato di un terzo dall'inizio dei lavori.";
    const PORTUGUESE: &str = "A câmara municipal anunciou na segunda-feira que a nova ponte vai abrir na primavera, depois de dois anos de atrasos que os moradores atribuem à empresa. Segundo o presidente, o custo subiu um terço desde o início das obras.";
    const DUTCH: &str = "De gemeenteraad heeft maandag aangekondigd dat de nieuwe brug in het voorjaar opengaat, na twee jaar vertraging die de bewoners aan de aannemer wijten. Volgens de burgemeester zijn de kosten met een derde gestegen sinds het begin van de werken.";
    const POLISH: &str = "Rada miasta ogłosiła w poniedziałek, że nowy most zostanie otwarty wiosną, po dwóch latach opóźnień, za które mieszkańcy obwiniają wykonawcę. Według burmistrza koszt wzrósł o jedną trzecią od początku prac, a mieszkańcy czekają na decyzję w sprawie nowych linii autobusowych i tramwajowych w centrum miasta.";
    const RUSSIAN: &str = "Городской совет объявил в понедельник, что новый мост откроется весной, после двух лет задержек, в которых жители винят подрядчика. По словам мэра, стоимость выросла на треть с начала работ, и жители ждут решения о новых автобусных и трамвайных линиях в центре города.";

    #[test]
    fn names_each_language_it_has_words_for() {
        for (text, language) in [
            (ENGLISH, Language::En),
            (FRENCH, Language::Fr),
            (SPANISH, Language::Es),
            (GERMAN, Language::De),
            (ITALIAN, Language::It),
            (PORTUGUESE, Language::Pt),
            (DUTCH, Language::Nl),
        ] {
            assert_eq!(detect(&[text]), Some(language), "{text}");
        }
    }

    #[test]
    fn a_language_without_a_list_is_another_language() {
        assert_eq!(detect(&[POLISH]), Some(Language::Other));
        assert_eq!(detect(&[RUSSIAN]), Some(Language::Other));
    }

    #[test]
    fn a_short_text_is_too_short_to_tell() {
        assert_eq!(detect(&["Storm warning for the coast"]), None);
        assert_eq!(detect(&["Alerte tempête"]), None);
        assert_eq!(detect(&[]), None);
        assert_eq!(detect(&["", "  ", "2025"]), None);
    }

    #[test]
    fn the_body_outweighs_a_quotation_in_another_language() {
        let quote = "« We will not be bullied by anyone, and we will keep the plant open for as long as the market wants what it makes », a-t-il lancé en anglais.";
        assert_eq!(detect(&[FRENCH, quote, FRENCH]), Some(Language::Fr));
    }

    #[test]
    fn a_paragraph_mostly_quoting_english_reads_as_english() {
        let paragraph = "« The plant will stay open for as long as the market wants what it makes, and we will not be bullied by anyone about it », a-t-il dit.";
        assert_eq!(detect(&[paragraph]), Some(Language::En));
    }

    #[test]
    fn a_long_article_is_counted_over_all_of_it() {
        // French at the start only is outweighed by the Spanish after it.
        let mut blocks = vec![FRENCH; 60];
        blocks.extend([SPANISH; 340]);
        assert_eq!(detect(&blocks), Some(Language::Es));
        // One long block and many short ones: the stretches follow the bytes.
        let long_english = ENGLISH.repeat(40);
        let mut blocks = vec![long_english.as_str()];
        blocks.extend(["Fin."; 300]);
        assert_eq!(detect(&blocks), Some(Language::En));
        let many: Vec<&str> = (0..400).map(|i| if i % 2 == 0 { ENGLISH } else { "2025" }).collect();
        assert_eq!(detect(&many), Some(Language::En));
    }

    #[test]
    fn a_third_in_english_does_not_outweigh_two_thirds_in_spanish() {
        // English owns its function words, Spanish shares many of its own with its
        // neighbours: summed, the English third would weigh more.
        for repeat in [1, 3, 40] {
            let mut blocks = vec![ENGLISH; repeat];
            blocks.extend(vec![SPANISH; 2 * repeat]);
            assert_eq!(detect(&blocks), Some(Language::Es), "{repeat}");
            blocks.reverse();
            assert_eq!(detect(&blocks), Some(Language::Es), "{repeat} reversed");
        }
    }

    #[test]
    fn a_stretch_holds_whole_words_on_character_boundaries() {
        let block = "Élise a été élue à l'unanimité ; « c'est inédit », déclare-t-elle. ".repeat(6);
        let letter_at = |i: usize| block[i..].chars().next().is_some_and(char::is_alphabetic);
        let letter_before = |i: usize| block[..i].chars().next_back().is_some_and(char::is_alphabetic);
        for from in 0..block.len() {
            let range = stretch(&block, from);
            let (start, end) = (range.start, range.end);
            let part = &block[range];
            assert!(start >= from && part.len() <= CHUNK_BYTES + 24, "{from}: {part:?}");
            assert!(block.is_char_boundary(start) && block.is_char_boundary(end), "{from}");
            assert!(!(letter_before(start) && letter_at(start)), "{from}: starts inside a word: {part:?}");
            assert!(!(letter_before(end) && end < block.len() && letter_at(end)), "{from}: ends inside a word: {part:?}");
        }
        assert_eq!(stretch("the harbour closed", 5), 11..18);
        assert_eq!(stretch("the harbour closed", 0), 0..18);
        assert!(stretch("the harbour closed", 18).is_empty());
    }

    #[test]
    fn words_are_split_at_any_character_that_is_not_a_letter() {
        let mut counts = Counts::default();
        counts.add_text("l’État, d'un «\u{a0}côté\u{a0}» qu'à 12h30—the end");
        // l, État, d, un, côté, qu, à, h, the, end
        assert_eq!(counts.words, 10);
    }

    #[test]
    fn the_table_is_at_most_half_full() {
        let used = TABLE.keys.iter().filter(|&&key| key != 0).count();
        assert!(used > 7 * 25 && used * 2 <= TABLE_SLOTS, "{used} function words in {TABLE_SLOTS} slots");
    }

    #[test]
    fn capitals_and_elisions_count() {
        assert_eq!(detect(&["LE CONSEIL A DIT QU'IL NE VOTERAIT PAS LE BUDGET DE L'ÉTAT CETTE ANNÉE POUR LES RAISONS QUE L'ON SAIT."]), Some(Language::Fr));
    }
}
