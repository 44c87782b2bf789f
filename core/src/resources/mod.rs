//! One file per API resource: its struct (`client.cards()`), the hand-written checks of its
//! parameter types (`validate()`) and its auto-paging helpers. The parameter types are generated
//! (`crate::models`), and so are the typed methods, one per operation (`crate::generated`).

pub mod bins;
pub mod cards;
pub mod sandbox;
pub mod threeds;
pub mod transactions;
pub mod wallet;
pub mod webhooks;

pub use bins::Bins;
pub use cards::Cards;
pub use sandbox::Sandbox;
pub use threeds::ThreeDs;
pub use transactions::Transactions;
pub use wallet::WalletResource;
pub use webhooks::Webhooks;
