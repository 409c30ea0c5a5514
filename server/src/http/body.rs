//! Reading a JSON body: the right content type, within the size limit, and every error naming the
//! field (`notification.call.duration`), so a caller knows what to fix.

use amocrm_notify_protocol::FieldError;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, FailedToBufferBody};
use axum::extract::{FromRequest, Request};
use axum::http::header;
use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{DeserializeOwned, IntoDeserializer, Unexpected, Visitor};
use serde_json::Value;

use super::error::HttpError;
use super::ApiContext;

/// A JSON body of type `T`.
pub(super) struct Body<T>(pub T);

impl<T: DeserializeOwned> FromRequest<ApiContext> for Body<T> {
    type Rejection = HttpError;

    async fn from_request(request: Request, ctx: &ApiContext) -> Result<Self, HttpError> {
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.split(';')
                    .next()
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
            });
        if !is_json {
            return Err(HttpError::UnsupportedMediaType);
        }
        let limit = ctx.limits.body_bytes;
        // The whole body within the read timeout, however it is paced: hyper's timer and the
        // body layer only bound the wait for each piece, which a byte a second never trips.
        let deadline = ctx.limits.read_timeout;
        let bytes = tokio::time::timeout(deadline, Bytes::from_request(request, ctx))
            .await
            .map_err(|_| HttpError::BodyTimeout(deadline))?
            .map_err(|rejection| match rejection {
                BytesRejection::FailedToBufferBody(FailedToBufferBody::LengthLimitError(_)) => {
                    HttpError::TooLarge(limit)
                }
                // The body layer's wait for the next piece ran out, or the client went away.
                _ => HttpError::BodyTimeout(deadline),
            })?;
        parse(&bytes).map(Body).map_err(HttpError::Invalid)
    }
}

/// Reads `bytes` as a `T`; the error names the field where reading stopped. The JSON is read
/// whole first, then into `T` through [`Strict`], so that only an object is read as a struct.
pub(super) fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, FieldError> {
    let Ok(json) = serde_json::from_slice::<Value>(bytes) else {
        // Not JSON: read it as a `T` as far as it goes, to name the field where it broke off.
        let mut reader = serde_json::Deserializer::from_slice(bytes);
        return Err(
            match serde_path_to_error::deserialize::<_, T>(&mut reader) {
                Err(error) => field_error(error),
                Ok(_) => reader.end().err().map_or_else(
                    || FieldError::new("(body)", "is not JSON"),
                    |e| FieldError::new("(body)", e.to_string()),
                ),
            },
        );
    };
    serde_path_to_error::deserialize(Strict(&json)).map_err(field_error)
}

/// The field a reading error is about, and what is wrong with it.
fn field_error(error: serde_path_to_error::Error<serde_json::Error>) -> FieldError {
    let path = error.path().to_string();
    let inner = error.into_inner();
    let message = inner.to_string();
    // serde_path_to_error's path ends at an unknown field, but stops above a missing one, which
    // only serde's message names.
    let missing = message
        .split_once("missing field `")
        .and_then(|(_, rest)| rest.split_once('`'))
        .map(|(name, _)| name.to_owned());
    let field = match (missing, path.as_str()) {
        (Some(name), ".") => name,
        (Some(name), parent) => format!("{parent}.{name}"),
        (None, "." | "?") => "(body)".to_owned(),
        (None, path) => path.to_owned(),
    };
    let message = match message.find(" at line ") {
        Some(at) if !inner.is_syntax() && !inner.is_eof() => message[..at].to_owned(),
        _ => message,
    };
    FieldError::new(field, message)
}

/// A JSON value read as serde's data model, as `serde_json::Value` reads, but for one thing: a
/// struct is read only from an object. serde's derived structs also take an array of their fields
/// in order (`[]` was a `FilterBody`, `[true, false]` a `KindSwitch`), which the API's document
/// does not allow and no client means.
struct Strict<'a>(&'a Value);

/// What a visitor of the data model makes of a [`Strict`] value.
type Out<'de, V> = Result<<V as Visitor<'de>>::Value, serde_json::Error>;

impl<'de, 'a> serde::Deserializer<'de> for Strict<'a> {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => visitor.visit_str(s),
            Value::Array(items) => {
                visitor.visit_seq(SeqDeserializer::new(items.iter().map(Strict)))
            }
            Value::Object(map) => visitor.visit_map(MapDeserializer::new(
                map.iter().map(|(k, v)| (k.as_str(), Strict(v))),
            )),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(self, _: &str, _: &[&str], visitor: V) -> Out<'de, V> {
        let Value::Object(_) = self.0 else {
            return refuse(self.0, &visitor);
        };
        self.deserialize_any(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(self, _: &str, _: &[&str], visitor: V) -> Out<'de, V> {
        match self.0 {
            // The API's enums are strings: `"unread"`, `"add_call"`.
            Value::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            other => refuse(other, &visitor),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

impl<'de, 'a> IntoDeserializer<'de, serde_json::Error> for Strict<'a> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// serde's "invalid type: …, expected …" for `value` where `visitor` wanted something else.
fn refuse<'de, T>(value: &Value, visitor: &impl Visitor<'de>) -> Result<T, serde_json::Error> {
    let unexpected = match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => n
            .as_i64()
            .map(Unexpected::Signed)
            .unwrap_or_else(|| Unexpected::Float(n.as_f64().unwrap_or(f64::NAN))),
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    };
    Err(serde::de::Error::invalid_type(unexpected, visitor))
}

#[cfg(test)]
mod tests {
    use amocrm_notify_protocol::http_api::NotificationPost;

    use super::*;

    #[test]
    fn errors_name_the_field() {
        let e = parse::<NotificationPost>(br#"{"id":"a","notification":{"v":1,"id":"a","method":"add_call","kind":"call","header":"","text":"x","date":1,"call":{"duration":"long"}}}"#).unwrap_err();
        assert_eq!(e.field, "notification.call.duration");
        let e = parse::<NotificationPost>(br#"{"id":"a","notification":{"v":1,"id":"a","method":"add_error","kind":"error","header":"","text":"x","date":1,"evil":1}}"#).unwrap_err();
        assert_eq!(e.field, "notification.evil");
        assert!(e.message.starts_with("unknown field `evil`"), "{e}");
        let e = parse::<NotificationPost>(br#"{"id":"a"}"#).unwrap_err();
        assert_eq!(e.field, "notification");
        let e = parse::<NotificationPost>(b"{not json").unwrap_err();
        assert_eq!(e.field, "(body)");
        let e = parse::<NotificationPost>(br#"{"id": "#).unwrap_err();
        assert_eq!(e.field, "id", "where the body ended");
        let e = parse::<amocrm_notify_protocol::http_api::FilterBody>(b"{} trailing").unwrap_err();
        assert_eq!(e.field, "(body)");
        assert!(e.message.starts_with("trailing characters"), "{e}");
    }

    /// serde's derived structs read an array of their fields too; the API reads only objects.
    #[test]
    fn a_struct_is_read_only_from_an_object() {
        use amocrm_notify_protocol::http_api::{FilterBody, Preferences};

        assert!(parse::<FilterBody>(b"{}").is_ok());
        let e = parse::<FilterBody>(b"[]").unwrap_err();
        assert_eq!(e.field, "(body)");
        assert!(e.message.contains("invalid type: sequence"), "{e}");
        let e = parse::<Preferences>(
            br#"{"email":[true,false],"push":{"errors":false,"calls":false}}"#,
        )
        .unwrap_err();
        assert_eq!(e.field, "email");
        let e = parse::<FilterBody>(br#"{"filter":["unread"]}"#).unwrap_err();
        assert_eq!(e.field, "filter");
        let read: FilterBody = parse(br#"{"filter":"unread","at":5}"#).unwrap();
        assert_eq!(read.at, Some(5.0));
    }
}
