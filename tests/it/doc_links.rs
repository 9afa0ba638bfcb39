//! The documentation holds together: the README stays short, every relative
//! link in it and in the other Markdown pages reaches a file (and a heading,
//! when it names one), and the config reference names every action.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The README is an introduction; the depth is in docs/.
const README_LIMIT: usize = 12 * 1024;

#[test]
fn the_readme_is_under_12_kb() {
    let size = std::fs::metadata("README.md").expect("README.md").len() as usize;
    assert!(
        size < README_LIMIT,
        "README.md is {size} bytes, over {README_LIMIT}: move the depth into docs/"
    );
}

/// The Markdown pages whose links are checked.
fn pages() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = ["README.md", "SECURITY.md", "CHANGELOG.md"]
        .iter()
        .map(PathBuf::from)
        .collect();
    for entry in std::fs::read_dir("docs").expect("docs/") {
        let path = entry.expect("a directory entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            pages.push(path);
        }
    }
    pages
}

/// Where each link of a Markdown text points, and the anchors its headings
/// get on GitHub.
fn links_and_anchors(text: &str) -> (Vec<String>, BTreeSet<String>) {
    let mut links = Vec::new();
    let mut anchors = BTreeSet::new();
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(text, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                links.push(dest_url.to_string())
            }
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let slug = slug(&heading.take().unwrap_or_default());
                // GitHub numbers repeated headings: x, x-1, x-2.
                let mut anchor = slug.clone();
                let mut n = 0;
                while anchors.contains(&anchor) {
                    n += 1;
                    anchor = format!("{slug}-{n}");
                }
                anchors.insert(anchor);
            }
            _ => {}
        }
    }
    (links, anchors)
}

/// A heading's anchor as GitHub makes it: lower case, punctuation dropped
/// (but `-` and `_`), spaces as `-`.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// Problems with one page's links: a missing file, or a missing heading.
fn broken_links(page: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(page).expect("a Markdown page");
    let (links, own_anchors) = links_and_anchors(&text);
    let dir = page.parent().unwrap_or(Path::new(""));
    let mut broken = Vec::new();
    for link in links {
        if link.contains("://") || link.starts_with("mailto:") {
            continue;
        }
        let (file, anchor) = match link.split_once('#') {
            Some((file, anchor)) => (file, Some(anchor)),
            None => (link.as_str(), None),
        };
        let target = dir.join(file);
        if !file.is_empty() && !target.exists() {
            broken.push(format!("{}: {link}: no such file", page.display()));
            continue;
        }
        let Some(anchor) = anchor else { continue };
        let anchors = if file.is_empty() {
            own_anchors.clone()
        } else if file.ends_with(".md") {
            links_and_anchors(&std::fs::read_to_string(&target).expect("a page")).1
        } else {
            continue;
        };
        if !anchors.contains(anchor) {
            broken.push(format!("{}: {link}: no such heading", page.display()));
        }
    }
    broken
}

#[test]
fn every_relative_link_in_the_docs_resolves() {
    let pages = pages();
    assert!(pages.len() > 3, "found only {pages:?}");
    let broken: Vec<String> = pages.iter().flat_map(|p| broken_links(p)).collect();
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn links_to_missing_files_and_headings_are_found() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.md");
    std::fs::write(dir.path().join("there.md"), "# A `brief check` heading\n").unwrap();
    std::fs::write(
        &page,
        "# Top\n[a](there.md) [b](there.md#a-brief-check-heading) [c](#top)\n\
         [d](gone.md) [e](there.md#gone) [f](#gone) [g](https://example.org/x)\n",
    )
    .unwrap();
    let broken = broken_links(&page);
    let p = page.display();
    assert_eq!(
        broken,
        [
            format!("{p}: gone.md: no such file"),
            format!("{p}: there.md#gone: no such heading"),
            format!("{p}: #gone: no such heading"),
        ]
    );
}

#[test]
fn the_config_reference_names_every_action() {
    let reference = std::fs::read_to_string("docs/config.md").expect("docs/config.md");
    for (name, _) in brief::app::action::NAMED {
        assert!(
            reference.contains(&format!("| `{name}` |")),
            "docs/config.md has no row for the action `{name}`"
        );
    }
}
