//! "Did you mean ...?": the closest candidate by edit distance, when it is close enough.

/// The candidate closest to `word` (optimal string alignment distance), if the
/// distance is at most `max(1, len/3)`; ties go to the earlier candidate.
pub fn closest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let limit = (word.chars().count() / 3).max(1);
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
}
