//! uniffi mappings for types the models use that uniffi cannot carry natively.

use crate::models::Timestamp;

// RFC 3339 instants cross as `SystemTime` (Kotlin `java.time.Instant`, Swift `Date`).
uniffi::custom_type!(Timestamp, std::time::SystemTime, {
    remote,
    try_lift: |val| Ok(Timestamp::from(val)),
    lower: |obj| obj.into(),
});
