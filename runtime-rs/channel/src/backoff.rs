//! How a side waits before it sleeps on the socket: spin for a microsecond (a peer
//! that is about to answer answers fastest this way), then yield the core between looks (a
//! peer that shares the core, or any other thread, gets it), until the spin budget is spent.

use std::time::{Duration, Instant};

/// Pure spinning lasts this long; after it, each look is preceded by a `sched_yield`.
const PURE_SPIN: Duration = Duration::from_micros(1);

pub(crate) struct Backoff {
    started: Instant,
    budget: Duration,
}

impl Backoff {
    pub(crate) fn new(budget: Duration) -> Backoff {
        Backoff { started: Instant::now(), budget }
    }

    /// Wait a little before the next look; false once the budget is spent (time to sleep).
    pub(crate) fn snooze(&self, now: Instant) -> bool {
        let waited = now.saturating_duration_since(self.started);
        if waited >= self.budget {
            return false;
        }
        if waited < PURE_SPIN {
            std::hint::spin_loop();
        } else {
            std::thread::yield_now();
        }
        true
    }
}
