//! The Yew side of the model: a `Reducible` whose snapshots share one [`Model`].
//!
//! Yew's reducer contract hands out `Rc` snapshots of the state; copying a 100,000-entry history
//! for every notification would make each call O(n). Instead every snapshot points at the same
//! `Model`, the reducer applies the action to it in place, and a new snapshot with the next
//! revision number is what tells Yew (and context consumers, through `PartialEq`) to re-render.
//! An action that changes nothing returns the same `Rc`, so Yew skips the render.

use std::cell::{Ref, RefCell, RefMut};
use std::rc::Rc;

use yew::Reducible;

use super::model::{Action, Model};

#[derive(Clone, Debug, Default)]
pub struct Store {
    model: Rc<RefCell<Model>>,
    revision: u64,
}

impl Store {
    /// The current model. Borrow it for the length of a render, never across a dispatch.
    pub fn model(&self) -> Ref<'_, Model> {
        self.model.borrow()
    }

    /// The model, to change outside a dispatch (starting or taking the journal). Never while
    /// rendering.
    pub fn model_mut(&self) -> RefMut<'_, Model> {
        self.model.borrow_mut()
    }
}

impl PartialEq for Store {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.model, &other.model) && self.revision == other.revision
    }
}

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let changed = self.model.borrow_mut().apply(action, js_sys::Date::now());
        if changed {
            Rc::new(Store {
                model: Rc::clone(&self.model),
                revision: self.revision + 1,
            })
        } else {
            self
        }
    }
}
