//! The notification UI, one component per file: pop-ups and their stack, call cards, the error
//! banner, the center.

mod call_card;
mod center_entry;
mod center_layout;
mod center_list;
mod center_panel;
mod center_tabs;
mod entry_detail;
mod focus;
pub mod icons;
mod inspector;
mod markup_view;
mod notification_center;
mod notification_icon;
mod notification_root;
mod popup;
mod popup_countdown;
mod popup_stack;
mod recording_player;
mod status_banner;

pub use call_card::{CallCard, CallCardProps};
pub use center_entry::{CenterEntry, CenterEntryProps};
pub use center_layout::{Layout, Row, DAY_HEIGHT, ENTRY_HEIGHT};
pub use center_list::{CenterList, CenterListProps, Entries};
pub use center_panel::{CenterPanel, CenterPanelProps};
pub use center_tabs::{CenterTabs, CenterTabsProps};
pub use entry_detail::{EntryDetail, EntryDetailProps};
pub use inspector::Inspector;
pub use markup_view::{MarkupView, MarkupViewProps};
pub use notification_center::NotificationCenter;
pub use notification_icon::{NotificationIcon, NotificationIconProps, ROBOT_ICON};
pub use notification_root::{NotificationRoot, NotificationRootProps};
pub use popup::{Popup, PopupProps};
pub use popup_stack::{PopupStack, POPUP_ROOT_ID};
pub use recording_player::{RecordingPlayer, RecordingPlayerProps};
pub use status_banner::{BannerPlace, StatusBanner, StatusBannerProps};
