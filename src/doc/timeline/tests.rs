use super::*;
use std::sync::Arc;

/// A briefing dated `date` tagged `tags`, with items (title, date, severity,
/// tags, actors) in file order.
pub(crate) fn digest(
    date: &str,
    tags: &str,
    items: &[(&str, &str, &str, &str, &str)],
) -> Arc<Digest> {
    let mut text = format!(
        "[briefing]\ntitle = \"B {date}\"\ndate = {date}\ntags = [{tags}]\n\n\
         [actor.putin]\nname = \"Vladimir Putin\"\n\n[actor.kallas]\nname = \"Kaja Kallas\"\n\n\
         [[section]]\ntitle = \"S\"\n"
    );
    for (title, date, severity, tags, actors) in items {
        text.push_str(&format!("\n[[section.item]]\ntitle = \"{title}\"\n"));
        if !date.is_empty() {
            text.push_str(&format!("date = {date}\n"));
        }
        if !severity.is_empty() {
            text.push_str(&format!("severity = \"{severity}\"\n"));
        }
        text.push_str(&format!("tags = [{tags}]\nactors = [{actors}]\n"));
    }
    let loaded = crate::model::load_str("t.toml", &text).expect("loads");
    loaded.digest().clone()
}

fn two() -> (Arc<Digest>, Arc<Digest>) {
    let older = digest(
        "2025-11-30",
        "\"war\"",
        &[
            ("Undated old", "", "low", "\"energy\"", "\"putin\""),
            ("Dated later", "2025-12-02", "critical", "", "\"kallas\""),
        ],
    );
    let newer = digest(
        "2025-12-02",
        "",
        &[
            ("First", "", "high", "\"energy\", \"energy\"", "\"putin\""),
            ("Earliest", "2025-11-29", "", "\"talks\"", ""),
        ],
    );
    (older, newer)
}

fn titles(t: &Timeline, sources: &[(u32, &Digest)]) -> Vec<String> {
    (t.rows.iter())
        .map(|r| match *r {
            Row::Day { day, items } => format!("== {} ({items})", day_label(day)),
            Row::Item(s) => {
                let d = sources
                    .iter()
                    .find(|(e, _)| *e == s.entry)
                    .expect("source")
                    .1;
                d.items[s.item as usize].title.to_string()
            }
        })
        .collect()
}

#[test]
fn items_go_newest_first_under_a_heading_per_day_undated_ones_on_their_briefing_s_date() {
    let (older, newer) = two();
    // The newer briefing first, as the library lists it.
    let sources = [(7, &*newer), (3, &*older)];
    let t = Timeline::build(&sources, &Filter::default());
    assert_eq!(
        titles(&t, &sources),
        [
            "== 2025-12-02 Tuesday (2)",
            // Same day: the sources' order, then file order.
            "First",
            "Dated later",
            "== 2025-11-30 Sunday (1)",
            "Undated old",
            "== 2025-11-29 Saturday (1)",
            "Earliest",
        ]
    );
    assert_eq!((t.items, t.briefings), (4, 2));
    assert_eq!(t.stub(1), Some(Stub { entry: 7, item: 0 }));
    assert_eq!(t.stub(0), None);
    assert_eq!(t.ordinal(2), Some(2));
    assert_eq!(t.ordinal(4), Some(3));
    assert_eq!(t.ordinal(3), None);
    assert_eq!(t.find(Stub { entry: 3, item: 0 }), Some(4));
}

#[test]
fn filters_narrow_by_actor_tag_and_severity_together() {
    let (older, newer) = two();
    let sources = [(0, &*newer), (1, &*older)];
    let build = |facet: Option<Facet>, severity: Option<Severity>| {
        let t = Timeline::build(&sources, &Filter { facet, severity });
        let t = titles(&t, &sources);
        t.into_iter()
            .filter(|r| !r.starts_with("=="))
            .collect::<Vec<_>>()
    };
    let putin = || Facet::Actor {
        id: "putin".into(),
        name: "Vladimir Putin".into(),
    };
    assert_eq!(build(Some(putin()), None), ["First", "Undated old"]);
    assert_eq!(build(Some(putin()), Some(Severity::High)), ["First"]);
    // A briefing's tag is every one of its items'.
    assert_eq!(
        build(Some(Facet::Tag("war".into())), None),
        ["Dated later", "Undated old"]
    );
    assert_eq!(
        build(Some(Facet::Tag("energy".into())), None),
        ["First", "Undated old"]
    );
    assert_eq!(build(None, Some(Severity::Critical)), ["Dated later"]);
    let none = Timeline::build(
        &sources,
        &Filter {
            facet: Some(Facet::Tag("nothing".into())),
            severity: None,
        },
    );
    assert_eq!((none.rows.len(), none.items, none.briefings), (0, 0, 0));
    assert_eq!(none.item_row(0, true), None);
}

#[test]
fn the_nearest_item_row_skips_headings() {
    let (older, newer) = two();
    let sources = [(0, &*newer), (1, &*older)];
    let t = Timeline::build(&sources, &Filter::default());
    assert_eq!(t.item_row(0, true), Some(1));
    assert_eq!(
        t.item_row(0, false),
        Some(1),
        "nothing before the first heading"
    );
    assert_eq!(t.item_row(3, true), Some(4));
    assert_eq!(t.item_row(3, false), Some(2));
    assert_eq!(t.item_row(99, true), Some(6));
}

#[test]
fn tags_count_items_and_briefings_most_used_first() {
    let (older, newer) = two();
    let sources = [(0, &*newer), (1, &*older)];
    let counts = tag_counts(&sources);
    let got: Vec<(&str, usize, usize)> = (counts.iter())
        .map(|c| (&*c.tag, c.items, c.briefings))
        .collect();
    // `war` tags the older briefing: both its items carry it. `energy`
    // twice on one item counts once.
    assert_eq!(got, [("energy", 2, 2), ("war", 2, 1), ("talks", 1, 1)]);
}

#[test]
fn weekdays_and_labels() {
    assert_eq!(weekday((1970, 1, 1)), "Thursday");
    assert_eq!(weekday((2000, 2, 29)), "Tuesday");
    assert_eq!(weekday((2025, 12, 2)), "Tuesday");
    assert_eq!(weekday((1, 1, 1)), "Monday");
    // Out-of-range parts never panic.
    let _ = weekday((u16::MAX, 255, 255));
    let _ = weekday((0, 0, 0));
    assert_eq!(day_label((2025, 3, 7)), "2025-03-07 Friday");
}

#[test]
fn filters_describe_themselves() {
    assert_eq!(Filter::default().describe(), None);
    let f = Filter {
        facet: Some(Facet::Actor {
            id: "p".into(),
            name: "Vladimir Putin".into(),
        }),
        severity: Some(Severity::High),
    };
    assert_eq!(
        f.describe().as_deref(),
        Some("actor Vladimir Putin, high or above")
    );
}

#[test]
fn the_sort_key_orders_as_dates_do_times_included() {
    let d = digest(
        "2025-12-02",
        "",
        &[
            ("plain", "", "", "", ""),
            ("nine", "2025-12-02T09:00:00Z", "", "", ""),
            ("ten", "2025-12-02T10:00:00Z", "", "", ""),
            ("offset", "2025-12-02T09:30:00+02:00", "", "", ""),
            ("next day", "2025-12-03", "", "", ""),
            ("next day late", "2025-12-03T23:59:00Z", "", "", ""),
            ("year before", "2024-12-31T23:59:59Z", "", "", ""),
            ("plain again", "2025-12-02", "", "", ""),
        ],
    );
    let sources = [(0, &*d)];
    let t = Timeline::build(&sources, &Filter::default());
    let got: Vec<String> = titles(&t, &sources)
        .into_iter()
        .filter(|r| !r.starts_with("=="))
        .collect();
    // The reference: `Date`'s own order, newest first, then file order.
    let mut want: Vec<(usize, &DigestItem)> = d.items.iter().enumerate().collect();
    want.sort_by(|(i, a), (j, b)| d.item_date(b).cmp(d.item_date(a)).then(i.cmp(j)));
    let want: Vec<String> = want.iter().map(|(_, it)| it.title.to_string()).collect();
    assert_eq!(got, want);
    assert_eq!(got[..2], ["next day late", "next day"]);
    assert_eq!(t.rows.len(), 8 + 3, "three days");
}
