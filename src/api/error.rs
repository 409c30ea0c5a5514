//! What is wrong with a call, in words a widget developer can act on.

use std::fmt;

use crate::notification::Method;

/// A rejected call: the method, the field (dotted, as in `text.header`) and the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub method: Method,
    /// The field at fault; `None` when the parameters as a whole are wrong.
    pub field: Option<String>,
    pub problem: String,
}

impl ApiError {
    pub fn field(method: Method, field: &str, problem: impl Into<String>) -> Self {
        ApiError {
            method,
            field: Some(field.into()),
            problem: problem.into(),
        }
    }

    pub fn params(method: Method, problem: impl Into<String>) -> Self {
        ApiError {
            method,
            field: None,
            problem: problem.into(),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AMOCRM.notifications.{}: ", self.method.name())?;
        match &self.field {
            Some(field) => write!(f, "\"{field}\" {}", self.problem),
            None => f.write_str(&self.problem),
        }
    }
}

impl std::error::Error for ApiError {}

/// Something a valid call did that the developer should hear about, without rejecting the call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub level: Level,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// `console.warn`: a value was replaced by a sensible one (a date in year 2589 became now).
    Warn,
    /// `console.error`: a value was left out (an unsafe URL).
    Error,
}
