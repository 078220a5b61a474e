//! Hedges: words that mark a claim as uncertain.
//!
//! `hedged` is independent of the verdict (verdict rules, "Hedged"): the
//! reportive markers (reportedly, allegedly, is said to), possibility (may,
//! might, could, perhaps, likely, seems), and the reportive "would have" of
//! translated reporting. The whole sentence counts, quotations included ("Maybe
//! I will like it more," he said, is a hedged claim). Exceptions in the same
//! list cancel a hedge inside them: statistics ("twice as likely"),
//! inability ("could not"), obligation ("should have").

use crate::lexicon::Lexicon;
use crate::phrases::Starts;

/// Whether a sentence (as written, its lower-case twin, and the places
/// phrases may start in it) is hedged.
pub fn is_hedged(sentence: &str, lower: &str, starts: &Starts, lex: &Lexicon) -> bool {
    // Most sentences hold no hedge at all; the exceptions are looked for
    // only once one is found.
    let mut exceptions: Option<Vec<(usize, usize)>> = None;
    lex.hedges.find_in(lower, starts).any(|(start, end)| {
        // A capital inside the sentence makes a name of it: "in May", "Theresa
        // May said"; not one that opens it, or opens a quotation in it.
        let inside = lower[..start].trim_end().chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == ',');
        if inside && sentence.as_bytes().get(start).is_some_and(u8::is_ascii_uppercase) {
            return false;
        }
        let exceptions = exceptions.get_or_insert_with(|| lex.hedge_exceptions.find_in(lower, starts).collect());
        let inside_exception = exceptions.iter().any(|&(s, e)| s <= start && end <= e);
        let counterfactual = lower[start..].starts_with("would") && (lower.starts_with("if ") || lower.contains(" if ") || lower.contains("without"));
        !inside_exception && !counterfactual
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::lexicon;
    // Under wasm, run these same tests through wasm-bindgen-test.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    macro_rules! cases {
        ($($name:ident: $sentence:expr => $hedged:expr;)*) => {$(
            #[test]
            fn $name() {
                let lower = $sentence.to_ascii_lowercase();
                assert_eq!(is_hedged($sentence, &lower, &Starts::of(&lower), lexicon::get(Lang::En)), $hedged, "{}", $sentence);
            }
        )*};
    }

    cases! {
        reportedly: "The company is reportedly facing a shortage." => true;
        allegedly: "He allegedly took the money." => true;
        is_said_to: "The referee is said to have told the captain." => true;
        possibility_could: "The disruption could add a week to deliveries." => true;
        likely: "Questions are likely to intensify." => true;
        perhaps: "Perhaps they will." => true;
        maybe_inside_a_quote: "\"Maybe I will like it more,\" he said." => true;
        reportive_would_have: "He would have also suffered a light trauma." => true;
        seems: "A transfer which seems compromised." => true;
        plain_fact_is_not_hedged: "The stoppage was called by the union." => false;
        statistic_is_not_a_hedge: "They were 2.3 times more likely to report low mood." => false;
        inability_is_not_a_hedge: "The study could not prove that phones caused it." => false;
        obligation_is_not_a_hedge: "The council should have published the accounts." => false;
        counterfactual_would_have_is_not_a_hedge: "If the law had passed, it would have allowed more trams." => false;
        sequence_of_tenses_would_is_not_a_hedge: "She said the company would close 12 stores." => false;
        schedule_is_not_a_hedge: "Talks are due to resume on Thursday." => false;
        the_month_is_not_a_hedge: "She retires in May." => false;
        a_name_is_not_a_hedge: "Theresa May said the talks would resume." => false;
        may_opening_a_sentence_is_a_hedge: "May the talks resume soon." => true;
    }
}
