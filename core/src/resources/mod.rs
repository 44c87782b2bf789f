//! One file per API resource; each holds its parameter types and its operations.

pub mod bins;
pub mod cards;
pub mod sandbox;
pub mod threeds;
pub mod transactions;
pub mod wallet;
pub mod webhooks;
