//! The center list's layout maths: every row (a day heading or an entry) has a fixed height, so where
//! each goes, and which rows a scroll position shows, are arithmetic and one binary search. Pure
//! Rust, shared by the list and its entries, and tested natively.

use std::ops::Range;
use std::rc::Rc;

use crate::i18n::{Language, Words};
use crate::notification::time;
use crate::store::Entry;

/// The height of an entry row, in CSS pixels.
pub const ENTRY_HEIGHT: u32 = 96;
/// The height of a day heading.
pub const DAY_HEIGHT: u32 = 30;

#[derive(Clone, Debug, PartialEq)]
pub enum Row {
    Day(Rc<str>),
    /// An index into the entries.
    Entry(usize),
}

/// Where every row of a list of entries (newest first) goes.
#[derive(Debug, PartialEq)]
pub struct Layout {
    rows: Vec<Row>,
    /// Each row's top, in pixels from the top of the list.
    tops: Vec<u32>,
    /// Each entry's row.
    entry_rows: Vec<u32>,
    height: u32,
}

impl Layout {
    /// Lays out `entries` (newest first) under day headings, "today" being `now_ms`'s day in the
    /// time zone `offset_min` minutes west of UTC.
    pub fn new(entries: &[Entry], now_ms: f64, offset_min: f64, lang: Language) -> Self {
        let mut layout = Layout {
            rows: Vec::with_capacity(entries.len() + 8),
            tops: Vec::with_capacity(entries.len() + 8),
            entry_rows: Vec::with_capacity(entries.len()),
            height: 0,
        };
        let mut day = None;
        for (index, entry) in entries.iter().enumerate() {
            let date = entry.notification.date_ms;
            let this_day = time::local_day(date, offset_min);
            if day != Some(this_day) {
                day = Some(this_day);
                let label = lang.day_label(date, now_ms, offset_min);
                layout.push(Row::Day(label.into()), DAY_HEIGHT);
            }
            layout.entry_rows.push(layout.rows.len() as u32);
            layout.push(Row::Entry(index), ENTRY_HEIGHT);
        }
        layout
    }

    fn push(&mut self, row: Row, height: u32) {
        self.rows.push(row);
        self.tops.push(self.height);
        self.height += height;
    }

    /// The whole list's height in pixels.
    pub fn height(&self) -> u32 {
        self.height
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    pub fn top(&self, row: usize) -> u32 {
        self.tops[row]
    }

    /// The row of entry `index`.
    pub fn entry_row(&self, index: usize) -> usize {
        self.entry_rows[index] as usize
    }

    /// The top of entry `index`'s row.
    pub fn entry_top(&self, index: usize) -> u32 {
        self.tops[self.entry_rows[index] as usize]
    }

    /// The rows that overlap `[from, to)` pixels.
    pub fn rows_between(&self, from: u32, to: u32) -> Range<usize> {
        // The last row starting at or above `from` overlaps it, unless the list ends first.
        let start = if from >= self.height {
            self.rows.len()
        } else {
            self.tops
                .partition_point(|&top| top <= from)
                .saturating_sub(1)
        };
        let end = self.tops.partition_point(|&top| top < to);
        start..end.max(start)
    }
}
