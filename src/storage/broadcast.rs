//! Tells the app's other tabs that something was written, so they read the
//! journal and show the change without a reload.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

/// A BroadcastChannel named after the database, with its listener.
pub struct Announcer {
    channel: Option<BroadcastChannel>,
    _listener: Option<Closure<dyn FnMut(MessageEvent)>>,
}

impl Announcer {
    /// Listens for other tabs' announcements; `on_message` runs for each.
    /// Browsers without BroadcastChannel get a silent announcer.
    pub fn new(db_name: &str, on_message: impl FnMut() + 'static) -> Announcer {
        let Ok(channel) = BroadcastChannel::new(&format!("crm-changes:{db_name}")) else {
            return Announcer { channel: None, _listener: None };
        };
        let mut on_message = on_message;
        let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |_: MessageEvent| on_message());
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        Announcer { channel: Some(channel), _listener: Some(listener) }
    }

    /// Tells the other tabs to catch up.
    pub fn announce(&self) {
        if let Some(c) = &self.channel {
            let _ = c.post_message(&"changed".into());
        }
    }
}

impl Drop for Announcer {
    fn drop(&mut self) {
        if let Some(c) = &self.channel {
            c.set_onmessage(None);
            c.close();
        }
    }
}
