//! One object per API resource, mirroring `cryptotopcard::resources`. Each method builds the
//! core's typed request and awaits it on the core runtime; nothing else.

pub mod bins;
pub mod cards;
pub mod sandbox;
pub mod threeds;
pub mod transactions;
pub mod wallet;
pub mod webhooks;
