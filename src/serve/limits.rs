//! The server's limits that are not per session: new connections per
//! address per minute, and how many addresses that count may remember.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// The window the per-address count covers.
const WINDOW: Duration = Duration::from_secs(60);
/// Addresses remembered at most; past it (after forgetting those that have
/// been quiet for a minute) new addresses are refused until some age out.
pub const MAX_ADDRESSES: usize = 4096;

/// Connections accepted per address in the last minute.
#[derive(Debug)]
pub struct RateLimit {
    per_minute: usize,
    seen: HashMap<IpAddr, VecDeque<Instant>>,
}

/// Why a connection was refused at the door.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// This address connected `per_minute` times in the last minute.
    Rate,
    /// Too many addresses connected in the last minute.
    Addresses,
}

impl RateLimit {
    pub fn new(per_minute: usize) -> Self {
        Self {
            per_minute,
            seen: HashMap::new(),
        }
    }

    /// Counts a connection from `ip` at `now`, or says why not.
    pub fn admit(&mut self, ip: IpAddr, now: Instant) -> Result<(), Refusal> {
        if !self.seen.contains_key(&ip) && self.seen.len() >= MAX_ADDRESSES {
            self.seen
                .retain(|_, times| times.back().is_some_and(|t| now - *t < WINDOW));
            if self.seen.len() >= MAX_ADDRESSES {
                return Err(Refusal::Addresses);
            }
        }
        let times = self.seen.entry(ip).or_default();
        while times.front().is_some_and(|t| now - *t >= WINDOW) {
            times.pop_front();
        }
        if times.len() >= self.per_minute {
            return Err(Refusal::Rate);
        }
        times.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_gets_its_count_per_minute_then_again_a_minute_later() {
        let mut limit = RateLimit::new(3);
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        let other: IpAddr = "127.0.0.2".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(limit.admit(ip, t0), Ok(()));
        }
        assert_eq!(limit.admit(ip, t0), Err(Refusal::Rate));
        assert_eq!(
            limit.admit(other, t0),
            Ok(()),
            "another address is counted apart"
        );
        assert_eq!(limit.admit(ip, t0 + WINDOW), Ok(()));
    }

    #[test]
    fn the_addresses_remembered_are_bounded() {
        let mut limit = RateLimit::new(5);
        let t0 = Instant::now();
        let ip = |n: usize| IpAddr::from([10, (n >> 16) as u8, (n >> 8) as u8, n as u8]);
        for n in 0..MAX_ADDRESSES {
            assert_eq!(limit.admit(ip(n), t0), Ok(()));
        }
        assert_eq!(limit.admit(ip(MAX_ADDRESSES), t0), Err(Refusal::Addresses));
        assert!(limit.seen.len() <= MAX_ADDRESSES);
        // A minute on, the quiet ones are forgotten and room is made.
        assert_eq!(limit.admit(ip(MAX_ADDRESSES), t0 + WINDOW), Ok(()));
        assert_eq!(limit.seen.len(), 1);
    }
}
