//! Case and accent folding, so `kyiv` finds `Kyiv` and `muller` finds `Müller`.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds one character into zero or more search characters.
fn fold_char(c: char, out: &mut String) {
    // Most text is ASCII: no decomposition needed.
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    // Letters that do not decompose into base + mark.
    let special = match c {
        'ß' => Some("ss"),
        'æ' | 'Æ' => Some("ae"),
        'œ' | 'Œ' => Some("oe"),
        'ø' | 'Ø' => Some("o"),
        'ł' | 'Ł' => Some("l"),
        'đ' | 'Đ' => Some("d"),
        'ı' => Some("i"),
        '’' | '‘' | 'ʼ' => Some("'"),
        '“' | '”' | '«' | '»' => Some("\""),
        '–' | '—' => Some("-"),
        _ => None,
    };
    if let Some(s) = special {
        out.push_str(s);
        return;
    }
    for d in std::iter::once(c).nfd() {
        if !is_combining_mark(d) {
            out.extend(d.to_lowercase());
        }
    }
}

/// The folded form of a string: lowercase, no accents, whitespace runs as one space.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        fold_char(c, &mut out);
    }
    out
}

/// Folds `s` and records, for each byte of the folded text, the byte range
/// in `s` it came from, so a match in folded text can be shown in the original.
pub fn fold_with_map(s: &str) -> (String, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len());
    let mut space: Option<usize> = None;
    for (i, c) in s.char_indices() {
        let end = i + c.len_utf8();
        if c.is_whitespace() {
            if !out.is_empty() && space.is_none() {
                space = Some(i);
            }
            continue;
        }
        if let Some(start) = space.take() {
            out.push(' ');
            map.push((start, i));
        }
        let before = out.len();
        fold_char(c, &mut out);
        map.extend(std::iter::repeat_n((i, end), out.len() - before));
    }
    (out, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_specials() {
        assert_eq!(fold("Kyiv"), "kyiv");
        assert_eq!(fold("Müller"), "muller");
        assert_eq!(fold("Zelenskyy’s  plan"), "zelenskyy's plan");
        assert_eq!(fold("Straße ŁÓDŹ"), "strasse lodz");
        assert_eq!(fold("  Café\tcrème "), "cafe creme");
    }

    #[test]
    fn map_points_back_into_the_original() {
        let original = "Der Müller  sagt";
        let (folded, map) = fold_with_map(original);
        assert_eq!(folded, "der muller sagt");
        assert_eq!(map.len(), folded.len());
        let at = folded.find("muller").unwrap();
        let (start, _) = map[at];
        let (_, end) = map[at + "muller".len() - 1];
        assert_eq!(&original[start..end], "Müller");
    }
}
