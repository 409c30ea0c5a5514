//! Server-Sent Events, read from a byte stream as the HTML standard's parser reads them: the one
//! reader of the server's stream, for the app (which reads the stream over `fetch`, so it can carry
//! the person's token in a header, which `EventSource` cannot), the server's tests and its
//! benchmarks.

/// One event: its `id` (when the server gave one), its `event` name (`message` by default) and
/// its `data` lines joined with newlines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SseEvent {
    pub id: Option<String>,
    pub name: String,
    pub data: String,
}

/// Feeds bytes in as they arrive; complete events come out.
#[derive(Debug, Default)]
pub struct SseParser {
    /// Bytes after the last complete line.
    partial: Vec<u8>,
    id: Option<String>,
    name: Option<String>,
    data: Option<String>,
}

impl SseParser {
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<SseEvent> {
        self.partial.extend_from_slice(bytes);
        let mut events = Vec::new();
        // A multi-byte character never holds a newline byte, so lines split safely on bytes.
        while let Some(end) = self.partial.iter().position(|&b| b == b'\n' || b == b'\r') {
            let crlf = self.partial[end] == b'\r' && self.partial.get(end + 1) == Some(&b'\n');
            if self.partial[end] == b'\r' && end + 1 == self.partial.len() {
                break; // a CR at the end may be the first half of a CRLF
            }
            let line = String::from_utf8_lossy(&self.partial[..end]).into_owned();
            self.partial.drain(..end + if crlf { 2 } else { 1 });
            if let Some(event) = self.line(&line) {
                events.push(event);
            }
        }
        events
    }

    fn line(&mut self, line: &str) -> Option<SseEvent> {
        if line.is_empty() {
            let data = self.data.take();
            let name = self.name.take();
            return data.map(|mut data| {
                data.pop(); // the newline after the last data line
                SseEvent {
                    id: self.id.clone(),
                    name: name.unwrap_or_else(|| "message".into()),
                    data,
                }
            });
        }
        if line.starts_with(':') {
            return None; // a comment: the server's heartbeat
        }
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line, ""),
        };
        match field {
            "data" => {
                let data = self.data.get_or_insert_with(String::new);
                data.push_str(value);
                data.push('\n');
            }
            "event" => self.name = Some(value.to_owned()),
            "id" if !value.contains('\0') => self.id = Some(value.to_owned()),
            _ => {}
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_across_chunks_with_comments_and_ids() {
        let mut parser = SseParser::default();
        assert!(parser.feed(b": heartbeat\n\nid: 7\nevent: re").is_empty());
        let events = parser.feed("ad\ndata: {\"ids\":[\"ä\"]}\n\ndata: plain\r\n\r\n".as_bytes());
        assert_eq!(
            events,
            [
                SseEvent {
                    id: Some("7".into()),
                    name: "read".into(),
                    data: "{\"ids\":[\"ä\"]}".into()
                },
                SseEvent {
                    id: Some("7".into()),
                    name: "message".into(),
                    data: "plain".into()
                },
            ]
        );
    }

    #[test]
    fn data_lines_join_with_newlines() {
        let mut parser = SseParser::default();
        assert_eq!(parser.feed(b"data\ndata: b\n\n")[0].data, "\nb");
    }

    #[test]
    fn a_character_split_between_chunks_survives() {
        let mut parser = SseParser::default();
        let bytes = "data: Иван\n\n".as_bytes();
        let (a, b) = bytes.split_at(8); // inside "И"
        assert!(parser.feed(a).is_empty());
        assert_eq!(parser.feed(b)[0].data, "Иван");
    }
}
