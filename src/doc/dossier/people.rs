//! Who is who across a library: two actors are one person when their ids are
//! equal or linked by `same_as`, from any file and through any chain of
//! links. A union-find over the ids the digests declare and link, linear in
//! the library's actors (and near-linear in the links).

use super::Filed;
use crate::model::digest::Digest;
use std::collections::HashMap;

/// One person as the library knows them.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// Every id that names them, sorted.
    pub ids: Box<[Box<str>]>,
    /// Name, role and side as the newest briefing declaring them gives them.
    pub name: Box<str>,
    pub role: Option<Box<str>>,
    pub side: Option<Box<str>>,
    /// Briefings that declare them, items that name them, quotes they said.
    pub briefings: usize,
    pub items: usize,
    pub quotes: usize,
}

/// Every person of a library, sorted by name, which person each id is,
/// and which person each actor of each briefing is.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct People {
    pub list: Vec<Person>,
    by_id: HashMap<Box<str>, u32>,
    /// The person of every actor of every briefing, briefing by briefing
    /// in the library's order ([`NOBODY`] for none), from `starts[n]`.
    actor_persons: Vec<u32>,
    starts: Vec<u32>,
}

/// No person (an index past any list).
const NOBODY: u32 = u32::MAX;

/// Union-find with path halving and union by size.
struct Sets {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl Sets {
    fn add(&mut self) -> u32 {
        let n = self.parent.len() as u32;
        self.parent.push(n);
        self.size.push(1);
        n
    }

    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let up = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = up;
            x = up;
        }
        x
    }

    /// [`find`](Self::find) without shortening the path (the sets are
    /// final: every path is already short).
    fn find_ro(&self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            x = self.parent[x as usize];
        }
        x
    }

    fn union(&mut self, a: u32, b: u32) {
        let (a, b) = (self.find(a), self.find(b));
        if a == b {
            return;
        }
        let (big, small) = if self.size[a as usize] >= self.size[b as usize] {
            (a, b)
        } else {
            (b, a)
        };
        self.parent[small as usize] = big;
        self.size[big as usize] += self.size[small as usize];
    }
}

/// Ids interned as set members, borrowed from the digests while building.
struct Ids<'a> {
    index: HashMap<&'a str, u32>,
    names: Vec<&'a str>,
    sets: Sets,
}

impl<'a> Ids<'a> {
    /// Every id the library declares or links, in sets of one person, and
    /// the number of each briefing's actors' ids, briefing by briefing.
    fn linked(library: &[Filed<'a>]) -> (Self, Vec<u32>) {
        let mut ids = Ids {
            index: HashMap::new(),
            names: Vec::new(),
            sets: Sets {
                parent: Vec::new(),
                size: Vec::new(),
            },
        };
        let mut members: Vec<u32> = Vec::with_capacity(library.len() * 8);
        for f in library {
            for a in &f.digest.actors {
                let me = ids.of(&a.id);
                members.push(me);
                for other in &a.same_as {
                    let other = ids.of(other);
                    ids.sets.union(me, other);
                }
            }
        }
        (ids, members)
    }

    fn of(&mut self, id: &'a str) -> u32 {
        if let Some(&n) = self.index.get(id) {
            return n;
        }
        let n = self.sets.add();
        self.index.insert(id, n);
        self.names.push(id);
        n
    }
}

impl People {
    /// The people of `library` (newest briefing first: the first declaration
    /// met is the newest, and gives the name). Two passes: the ids and their
    /// links, then each briefing's actors and items, read through the ids
    /// the first pass numbered (no string is looked up twice).
    pub fn of(library: &[Filed<'_>]) -> Self {
        let (mut ids, members) = Ids::linked(library);
        // A person per set that some file declares (an id only ever named
        // by `same_as` joins its set but makes no person of its own).
        let mut person_of_set = vec![NOBODY; ids.names.len()];
        let mut people = Self {
            actor_persons: Vec::with_capacity(members.len()),
            starts: Vec::with_capacity(library.len() + 1),
            ..Self::default()
        };
        let mut counted = Counted::default();
        let mut members = members.into_iter();
        for (n, f) in library.iter().enumerate() {
            people.starts.push(people.actor_persons.len() as u32);
            for (a, member) in f.digest.actors.iter().zip(members.by_ref()) {
                let root = ids.sets.find(member) as usize;
                if person_of_set[root] == NOBODY {
                    person_of_set[root] = people.list.len() as u32;
                    people.list.push(Person::declared(a));
                }
                people.actor_persons.push(person_of_set[root]);
            }
            let from = people.starts[n] as usize;
            counted.briefing(&mut people.list, n, &people.actor_persons[from..], f.digest);
        }
        people.starts.push(people.actor_persons.len() as u32);
        people.name_ids(&ids, &person_of_set);
        people.sort_by_name();
        people
    }

    /// The persons of the actors of the `n`th briefing of the library it
    /// was made from, by actor index ([`NOBODY`] where none).
    pub fn persons_in(&self, n: usize) -> &[u32] {
        match (self.starts.get(n), self.starts.get(n + 1)) {
            (Some(&a), Some(&b)) => &self.actor_persons[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Gives each person its ids, and each id its person.
    fn name_ids(&mut self, ids: &Ids<'_>, person_of_set: &[u32]) {
        let mut members: Vec<Vec<Box<str>>> = vec![Vec::new(); self.list.len()];
        self.by_id = HashMap::with_capacity(ids.names.len());
        for (n, name) in ids.names.iter().enumerate() {
            let root = ids.sets.find_ro(n as u32) as usize;
            let person = person_of_set[root];
            if person != NOBODY {
                let id: Box<str> = (*name).into();
                members[person as usize].push(id.clone());
                self.by_id.insert(id, person);
            }
        }
        for (p, mut m) in self.list.iter_mut().zip(members) {
            m.sort();
            p.ids = m.into();
        }
    }

    /// The person an id names, if any file declares it (or links it).
    pub fn person(&self, id: &str) -> Option<u32> {
        self.by_id.get(id).copied()
    }

    /// Sorts the list by name (then first id) and re-points the ids.
    fn sort_by_name(&mut self) {
        let mut order: Vec<u32> = (0..self.list.len() as u32).collect();
        let key = |p: &Person| (p.name.to_lowercase(), p.ids.first().cloned());
        let keys: Vec<_> = self.list.iter().map(key).collect();
        order.sort_by(|&a, &b| keys[a as usize].cmp(&keys[b as usize]));
        let mut new_of_old = vec![0u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_of_old[old as usize] = new as u32;
        }
        let mut old: Vec<Option<Person>> = std::mem::take(&mut self.list)
            .into_iter()
            .map(Some)
            .collect();
        self.list = (order.iter())
            .filter_map(|&o| old[o as usize].take())
            .collect();
        for p in self.by_id.values_mut().chain(self.actor_persons.iter_mut()) {
            if let Some(&new) = new_of_old.get(*p as usize) {
                *p = new;
            }
        }
    }
}

impl Person {
    /// A person as this declaration gives them, nothing counted yet.
    fn declared(a: &crate::model::digest::DigestActor) -> Self {
        Self {
            ids: Box::default(),
            name: a.name.clone(),
            role: a.role.clone(),
            side: a.side.clone(),
            briefings: 0,
            items: 0,
            quotes: 0,
        }
    }
}

/// Counting as the briefings go by.
#[derive(Default)]
struct Counted {
    /// The last briefing each person was counted in, so that two linked
    /// ids in one file count it once.
    last: Vec<usize>,
    /// The persons an item names, each once.
    seen: Vec<u32>,
}

impl Counted {
    /// Counts briefing `n` (`persons`: its actors') into `list`.
    fn briefing(&mut self, list: &mut [Person], n: usize, persons: &[u32], d: &Digest) {
        self.last.resize(list.len(), usize::MAX);
        for &p in persons {
            if self.last[p as usize] != n {
                self.last[p as usize] = n;
                list[p as usize].briefings += 1;
            }
        }
        let person = |a: u32| persons.get(a as usize).copied().filter(|&p| p != NOBODY);
        for item in &d.items {
            self.seen.clear();
            for p in item.actors.iter().filter_map(|&a| person(a)) {
                // An item names a handful of actors: the scan stays short.
                if !self.seen.contains(&p) {
                    self.seen.push(p);
                    list[p as usize].items += 1;
                }
            }
            for p in item.quotes.iter().filter_map(|q| person(q.by)) {
                list[p as usize].quotes += 1;
            }
        }
    }
}
