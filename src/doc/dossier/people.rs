//! Who is who across a library: two actors are one person when their ids are
//! equal or linked by `same_as`, from any file and through any chain of
//! links. A union-find over the ids the digests declare and link, linear in
//! the library's actors (and near-linear in the links).

use super::Filed;
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

/// Every person of a library, sorted by name, and which person each id is.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct People {
    pub list: Vec<Person>,
    by_id: HashMap<Box<str>, u32>,
}

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
    /// met is the newest, and gives the name).
    pub fn of(library: &[Filed<'_>]) -> Self {
        let mut ids = Ids {
            index: HashMap::new(),
            names: Vec::new(),
            sets: Sets {
                parent: Vec::new(),
                size: Vec::new(),
            },
        };
        for f in library {
            for a in &f.digest.actors {
                let me = ids.of(&a.id);
                for other in &a.same_as {
                    let other = ids.of(other);
                    ids.sets.union(me, other);
                }
            }
        }
        // A person per set that some file declares (an id only ever named
        // by `same_as` joins its set but makes no person of its own).
        let mut person_of_set = vec![u32::MAX; ids.names.len()];
        let mut list: Vec<Person> = Vec::new();
        for f in library {
            for a in &f.digest.actors {
                let set = ids.of(&a.id);
                let root = ids.sets.find(set) as usize;
                if person_of_set[root] == u32::MAX {
                    person_of_set[root] = list.len() as u32;
                    list.push(Person {
                        ids: Box::default(),
                        name: a.name.clone(),
                        role: a.role.clone(),
                        side: a.side.clone(),
                        briefings: 0,
                        items: 0,
                        quotes: 0,
                    });
                }
            }
        }
        let mut members: Vec<Vec<Box<str>>> = vec![Vec::new(); list.len()];
        let mut by_id = HashMap::with_capacity(ids.names.len());
        for n in 0..ids.names.len() as u32 {
            let root = ids.sets.find(n) as usize;
            let person = person_of_set[root];
            if person != u32::MAX {
                let id: Box<str> = ids.names[n as usize].into();
                members[person as usize].push(id.clone());
                by_id.insert(id, person);
            }
        }
        for (p, mut m) in list.iter_mut().zip(members) {
            m.sort();
            p.ids = m.into();
        }
        let mut people = Self { list, by_id };
        people.count(library);
        people.sort_by_name();
        people
    }

    /// The person an id names, if any file declares it (or links it).
    pub fn person(&self, id: &str) -> Option<u32> {
        self.by_id.get(id).copied()
    }

    /// The person each actor of a digest is, by actor index.
    pub fn of_actors(&self, digest: &crate::model::digest::Digest) -> Vec<Option<u32>> {
        digest.actors.iter().map(|a| self.person(&a.id)).collect()
    }

    /// Counts each person's briefings, items and quotes: one pass.
    fn count(&mut self, library: &[Filed<'_>]) {
        // The last briefing each person was counted in, so that two linked
        // ids in one file count it once.
        let mut last = vec![usize::MAX; self.list.len()];
        for (n, f) in library.iter().enumerate() {
            let persons = self.of_actors(f.digest);
            for &p in persons.iter().flatten() {
                if last[p as usize] != n {
                    last[p as usize] = n;
                    self.list[p as usize].briefings += 1;
                }
            }
            let mut seen: Vec<u32> = Vec::new();
            for item in &f.digest.items {
                seen.clear();
                for &a in &item.actors {
                    // An item names a handful of actors: the scan stays short.
                    if let Some(&Some(p)) = persons.get(a as usize)
                        && !seen.contains(&p)
                    {
                        seen.push(p);
                        self.list[p as usize].items += 1;
                    }
                }
                for q in &item.quotes {
                    if let Some(&Some(p)) = persons.get(q.by as usize) {
                        self.list[p as usize].quotes += 1;
                    }
                }
            }
        }
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
        for p in self.by_id.values_mut() {
            *p = new_of_old[*p as usize];
        }
    }
}
