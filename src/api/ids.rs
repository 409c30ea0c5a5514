//! Notification ids: `<session>-<sequence>`, unique across tabs and reloads because the session part
//! is random and time-based, and ordered within a tab.

use crate::notification::NotificationId;

#[derive(Debug)]
pub struct IdGenerator {
    session: String,
    last: u64,
}

impl IdGenerator {
    /// Continues after `last`, the highest sequence number already handed out (by the loader script
    /// for calls made before start-up).
    pub fn new(session: impl Into<String>, last: u64) -> Self {
        IdGenerator {
            session: session.into(),
            last,
        }
    }

    /// The highest sequence number handed out so far.
    pub fn last(&self) -> u64 {
        self.last
    }

    pub fn next_id(&mut self) -> NotificationId {
        self.last += 1;
        // Written out by hand: `format!` was a tenth of a call's time in the profile.
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut n = self.last;
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        let mut id = String::with_capacity(self.session.len() + 1 + digits.len() - at);
        id.push_str(&self.session);
        id.push('-');
        id.push_str(std::str::from_utf8(&digits[at..]).expect("ASCII digits"));
        NotificationId::new(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continues_the_sequence() {
        let mut ids = IdGenerator::new("k3x9", 2);
        assert_eq!(ids.next_id().as_str(), "k3x9-3");
        assert_eq!(ids.next_id().as_str(), "k3x9-4");
        let mut ids = IdGenerator::new("s", 9);
        assert_eq!(ids.next_id().as_str(), "s-10");
        let mut ids = IdGenerator::new("s", u64::MAX - 1);
        assert_eq!(ids.next_id().as_str(), format!("s-{}", u64::MAX));
    }
}
