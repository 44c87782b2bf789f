//! Typed API objects, one file per resource. Unknown JSON fields are ignored; unknown enum values
//! are kept as `Unknown(String)`.

pub mod bin;
pub mod card;
pub mod common;
pub mod event;
pub mod threeds;
pub mod transaction;
pub mod wallet;
pub mod webhook;

pub use bin::{Bin, BinType};
pub use card::{
    BillingAddress, Card, CardDetails, CardFunding, CardSort, CardStatus, CardWithdrawal, Category,
};
pub use common::{
    CryptoCurrency, Currency, Metadata, MetadataValue, Network, Page, Pagination, SortOrder,
    Timestamp,
};
pub use event::{Event, EventEnvelope, EventType};
pub use threeds::{ThreeDsChallenge, ThreeDsStatus};
pub use transaction::{
    DeclineReason, Merchant, ThreeDsOutcome, TimelineEntry, Transaction, TransactionThreeDs,
    TransactionType,
};
pub use wallet::{Deposit, DepositStatus, Wallet, WalletAddresses};
pub use webhook::{WebhookEndpoint, WebhookSecret};
