//! Integration tests: each starts its own sandbox on a free 127.0.0.1 port and drives it over
//! real HTTP with reqwest.

mod binary;
mod cards;
mod common;
mod faults;
mod idempotency;
mod persistence;
mod transactions;
mod validation;
mod wallet;
mod webhooks;
