//! The words both sides name things by, one type each: the API's five methods, the two kinds of
//! center entry, and the CRM entities a call may be about. Serialized as JavaScript and the
//! vendor's URLs spell them (`add_error`, `call`, `contact`).

use serde::{Deserialize, Serialize};

/// The five methods of `AMOCRM.notifications`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Method {
    ShowMessage,
    ShowMessageError,
    ShowNotification,
    AddError,
    AddCall,
}

impl Method {
    pub const ALL: [Method; 5] = [
        Method::ShowMessage,
        Method::ShowMessageError,
        Method::ShowNotification,
        Method::AddError,
        Method::AddCall,
    ];

    /// The method's name in JavaScript.
    pub fn name(self) -> &'static str {
        match self {
            Method::ShowMessage => "show_message",
            Method::ShowMessageError => "show_message_error",
            Method::ShowNotification => "show_notification",
            Method::AddError => "add_error",
            Method::AddCall => "add_call",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Method::ALL.into_iter().find(|m| m.name() == name)
    }

    /// `add_*` notifications go to the notification center; `show_*` ones are interface-only
    /// pop-ups.
    pub fn is_stored(self) -> bool {
        self.entry_kind().is_some()
    }

    /// The kind of center entry the method makes, for the two that make one.
    pub fn entry_kind(self) -> Option<EntryKind> {
        match self {
            Method::AddError => Some(EntryKind::Error),
            Method::AddCall => Some(EntryKind::Call),
            _ => None,
        }
    }
}

/// What a center entry is: an `add_error` or an `add_call`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    Error,
    Call,
}

impl EntryKind {
    /// `error` or `call`: on the wire and in the server's rows.
    pub fn name(self) -> &'static str {
        match self {
            EntryKind::Error => "error",
            EntryKind::Call => "call",
        }
    }
}

/// The CRM entity a call is about. Read in the singular or the plural (`contacts`), as widgets
/// write both; written in the singular.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    #[serde(alias = "contacts")]
    Contact,
    #[serde(alias = "leads")]
    Lead,
    #[serde(alias = "companies")]
    Company,
}

impl EntityKind {
    pub const ALL: [EntityKind; 3] = [EntityKind::Contact, EntityKind::Lead, EntityKind::Company];

    /// From its name, singular or plural.
    pub fn from_name(name: &str) -> Option<Self> {
        EntityKind::ALL
            .into_iter()
            .find(|kind| kind.name() == name || kind.path_segment() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Contact => "contact",
            EntityKind::Lead => "lead",
            EntityKind::Company => "company",
        }
    }

    /// The vendor's URL segment: `/contacts/detail/{id}`.
    pub fn path_segment(self) -> &'static str {
        match self {
            EntityKind::Contact => "contacts",
            EntityKind::Lead => "leads",
            EntityKind::Company => "companies",
        }
    }

    /// "Contact", "Lead", "Company".
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Contact => "Contact",
            EntityKind::Lead => "Lead",
            EntityKind::Company => "Company",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_on_the_wire() {
        for method in Method::ALL {
            let json = serde_json::to_string(&method).unwrap();
            assert_eq!(json, format!("\"{}\"", method.name()));
            assert_eq!(Method::from_name(method.name()), Some(method));
        }
        assert_eq!(serde_json::to_string(&EntryKind::Call).unwrap(), "\"call\"");
        assert_eq!(
            serde_json::from_str::<EntityKind>("\"companies\"").unwrap(),
            EntityKind::Company
        );
        assert_eq!(
            serde_json::to_string(&EntityKind::Company).unwrap(),
            "\"company\""
        );
        assert_eq!(EntityKind::from_name("leads"), Some(EntityKind::Lead));
        assert_eq!(EntityKind::from_name("deal"), None);
        assert!(serde_json::from_str::<EntityKind>("\"deal\"").is_err());
    }
}
