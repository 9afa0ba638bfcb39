//! The layers point one way: read every `crate::...` path in `src` (also the
//! `crate::{a, b}` form), and check that the graph of top-level modules has
//! no circle, that `src/app` never names `crate::ui`, and that `src/doc` and
//! `src/model` stay below the reader's state and drawing.
//!
//! By hand: `scripts/layers.sh` prints the same edges and asks `tsort`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// module -> (module it names -> first file that names it).
type Graph = BTreeMap<String, BTreeMap<String, String>>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src is readable")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The identifier at the start of `s` (after blanks).
fn leading_ident(s: &str) -> &str {
    let s = s.trim_start();
    &s[..s.find(|c| !is_ident(c)).unwrap_or(s.len())]
}

/// The top-level modules a file's text names through `crate::`.
fn named_modules(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        let after = &rest[at + "crate::".len()..];
        rest = after;
        // `$crate::` (macros) and `foocrate::` are not this crate's paths.
        if before.is_some_and(|c| is_ident(c) || c == '$') {
            continue;
        }
        if let Some(group) = after.strip_prefix('{') {
            // `crate::{a::b, c}`: the first name of each part at depth 0.
            let mut depth = 0usize;
            let mut part_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => part_start = true,
                    c if part_start && is_ident(c) => {
                        out.insert(leading_ident(&group[i..]).to_string());
                        part_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            let name = leading_ident(after);
            if !name.is_empty() {
                out.insert(name.to_string());
            }
        }
    }
    out
}

/// The top-level module a file under `src` belongs to (`None` for the
/// crate root and the binary).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).expect("under src");
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib" && name != "main").then(|| name.to_string())
}

fn graph(src: &Path) -> Graph {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut g = Graph::new();
    for file in files {
        let Some(from) = module_of(src, &file) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).expect("a source file");
        let shown = file.strip_prefix(src).expect("under src").display();
        let edges = g.entry(from.clone()).or_default();
        for to in named_modules(&text) {
            if to != from {
                edges.entry(to).or_insert_with(|| format!("src/{shown}"));
            }
        }
    }
    g
}

/// A circle in the graph, as `a -> b (file) -> ... -> a`, if there is one.
fn find_cycle(g: &Graph) -> Option<String> {
    // Depth-first with colours: 1 on the path, 2 done.
    fn visit(
        g: &Graph,
        node: &str,
        colour: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<String> {
        colour.insert(node.to_string(), 1);
        path.push(node.to_string());
        for next in g.get(node).into_iter().flat_map(|e| e.keys()) {
            match colour.get(next.as_str()) {
                Some(1) => {
                    let start = path.iter().position(|p| p == next).expect("on the path");
                    let mut circle = path[start..].to_vec();
                    circle.push(next.clone());
                    let steps: Vec<String> = circle
                        .windows(2)
                        .map(|w| format!("{} -> {} ({})", w[0], w[1], g[&w[0]][&w[1]]))
                        .collect();
                    return Some(steps.join(", "));
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visit(g, next, colour, path) {
                        return Some(c);
                    }
                }
            }
        }
        path.pop();
        colour.insert(node.to_string(), 2);
        None
    }
    let mut colour = BTreeMap::new();
    for node in g.keys() {
        if !colour.contains_key(node.as_str())
            && let Some(c) = visit(g, node, &mut colour, &mut Vec::new())
        {
            return Some(c);
        }
    }
    None
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn the_paths_are_read_in_both_forms() {
    let text = "use crate::app::App;\nuse crate::{model::Briefing, ui::{self, Theme}};\n\
                macro! { $crate::hidden }\nmycrate::not_ours; pub(crate) fn f() {}";
    let names: Vec<String> = named_modules(text).into_iter().collect();
    assert_eq!(names, ["app", "model", "ui"]);
}

#[test]
fn no_circle_between_top_level_modules() {
    let g = graph(&src());
    assert!(g.len() > 10, "too few modules read: {:?}", g.keys());
    if let Some(circle) = find_cycle(&g) {
        panic!("an import circle: {circle}");
    }
}

#[test]
fn the_lower_layers_never_name_the_upper_ones() {
    let g = graph(&src());
    let rules: [(&str, &[&str]); 3] = [
        ("app", &["ui", "tui"]),
        ("doc", &["app", "ui", "tui", "config"]),
        ("model", &["app", "ui", "tui", "doc", "search"]),
    ];
    for (lower, upper) in rules {
        for up in upper {
            if let Some(file) = g.get(lower).and_then(|e| e.get(*up)) {
                panic!("{file} names crate::{up}: {lower} is below {up}");
            }
        }
    }
}
