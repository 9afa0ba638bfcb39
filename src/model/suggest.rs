//! "Did you mean ...?": the closest candidate by edit distance, when it is close enough.
//!
//! Short fixed lists (keys, severities) are searched whole by [`closest`].
//! Declared ids can be many: [`Nearby`] keeps them sorted by spelling and by
//! spelling read backwards, and compares a word only with its neighbours in
//! both orders (a typo leaves the part before it or the part after it
//! intact), so thousands of ids and thousands of unknown references are
//! checked in linear time, not quadratic.

/// Neighbours compared on each side of a word, in each order.
pub const NEIGHBOURS: usize = 1_000;

/// The largest distance suggested for `word`: a third of its length, at least 1.
fn limit(word: &str) -> usize {
    (word.chars().count() / 3).max(1)
}

/// The candidate closest to `word` (optimal string alignment distance), if the
/// distance is at most `max(1, len/3)`; ties go to the earlier candidate.
pub fn closest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let limit = limit(word);
    candidates
        .into_iter()
        .map(|c| (strsim::osa_distance(word, c), c))
        .filter(|&(d, c)| d <= limit && c != word)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// `did you mean `x`?` for the closest candidate, if any.
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// Positions of the candidates, sorted by spelling forwards and backwards.
#[derive(Debug, Default)]
pub struct Nearby {
    forward: Vec<usize>,
    backward: Vec<usize>,
}

impl Nearby {
    /// An index of the `n` words `words(0)..words(n - 1)`.
    pub fn new<'w>(n: usize, words: impl Fn(usize) -> &'w str) -> Self {
        let mut forward: Vec<usize> = (0..n).collect();
        forward.sort_by(|&a, &b| words(a).cmp(words(b)));
        let mut backward = forward.clone();
        backward.sort_by(|&a, &b| words(a).chars().rev().cmp(words(b).chars().rev()));
        Self { forward, backward }
    }

    /// The position of the word closest to `word` by the rule of [`closest`],
    /// among the [`NEIGHBOURS`] on each side of where `word` would sort, in
    /// each order; with at most that many words, all of them. `words` must
    /// give the words the index was built from.
    pub fn closest<'w>(&self, word: &str, words: impl Fn(usize) -> &'w str) -> Option<usize> {
        let around = |order: &[usize], at: usize| {
            let lo = at.saturating_sub(NEIGHBOURS);
            let hi = at.saturating_add(NEIGHBOURS).min(order.len());
            order[lo..hi].to_vec()
        };
        let at = self.forward.partition_point(|&i| words(i) < word);
        let mut near = around(&self.forward, at);
        let back = |i: usize| words(i).chars().rev().lt(word.chars().rev());
        let at = self.backward.partition_point(|&i| back(i));
        near.extend(around(&self.backward, at));
        let limit = limit(word);
        near.into_iter()
            .filter_map(|i| {
                let c = words(i);
                let d = strsim::osa_distance(word, c);
                (d <= limit && c != word).then_some((d, i))
            })
            .min()
            .map(|(_, i)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_words_only() {
        let keys = ["title", "summary", "subtitle", "date"];
        assert_eq!(closest("summray", keys), Some("summary"));
        assert_eq!(closest("titel", keys), Some("title"));
        assert_eq!(closest("dat", keys), Some("date"));
        assert_eq!(closest("zzzzzz", keys), None);
        assert_eq!(closest("xy", keys), None);
    }

    #[test]
    fn distance_limit_scales_with_length() {
        assert_eq!(closest("ptuin", ["putin"]), Some("putin"));
        assert_eq!(closest("zelenskiy", ["zelensky"]), Some("zelensky"));
        assert_eq!(closest("a", ["b"]), Some("b"));
        assert_eq!(closest("abc", ["xyz"]), None);
    }

    #[test]
    fn the_index_agrees_with_the_whole_search() {
        let words = [
            "putin",
            "ptuin",
            "lavrov",
            "zelensky",
            "a",
            "b",
            "",
            "ab",
            "ba",
            "abc",
            "xbc",
            "witkoff",
            "whitkoff",
            "kushner",
            "ушаков",
            "ушаковв",
            "é",
        ];
        let nearby = Nearby::new(words.len(), |i| words[i]);
        let queries = [
            "putin",
            "putn",
            "pputin",
            "lavorv",
            "zelenskiy",
            "a",
            "c",
            "",
            "abd",
            "bc",
            "witkof",
            "kuhsner",
            "ушков",
            "e",
            "xyz",
            "witkoffff",
        ];
        for q in queries {
            let whole = closest(q, words);
            let found = nearby.closest(q, |i| words[i]).map(|i| words[i]);
            assert_eq!(found, whole, "{q}");
        }
    }

    #[test]
    fn typos_anywhere_are_found_among_many_ids() {
        let words: Vec<String> = (0..20 * NEIGHBOURS).map(|i| format!("actor{i}")).collect();
        let word = |i: usize| words[i].as_str();
        let nearby = Nearby::new(words.len(), word);
        for (typo, meant) in [
            ("actr5000", "actor5000"),
            ("xctor5000", "actor5000"),
            ("acotr5000", "actor5000"),
            ("atcor17", "actor17"),
            ("actor19999x", "actor19999"),
        ] {
            let found = nearby.closest(typo, word).map(word);
            assert_eq!(found, Some(meant), "{typo}");
        }
    }
}
