//! Fault injection: the `X-Sandbox-Fault` header and random faults (`--faults`).

use std::str::FromStr;

use rand::Rng;

/// Rates (0.0..=1.0) of random faults applied to API requests (admin reads under
/// `/v1/sandbox/` excluded). Parsed from
/// `drop_after_commit=0.05,error_500=0.05,error_503=0.05,rate_limit=0.05,delay_ms=50@0.1`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Faults {
    pub drop_after_commit: f64,
    pub error_500: f64,
    pub error_503: f64,
    pub rate_limit: f64,
    /// `(milliseconds, rate)`.
    pub delay: Option<(u64, f64)>,
}

impl Faults {
    pub fn is_off(&self) -> bool {
        self.drop_after_commit <= 0.0
            && self.error_500 <= 0.0
            && self.error_503 <= 0.0
            && self.rate_limit <= 0.0
            && self.delay.is_none_or(|(_, r)| r <= 0.0)
    }
}

fn parse_rate(name: &str, v: &str) -> Result<f64, String> {
    let r: f64 = v
        .trim()
        .parse()
        .map_err(|_| format!("{name}: rate {v:?} is not a number"))?;
    if !(0.0..=1.0).contains(&r) {
        return Err(format!("{name}: rate {v} must be between 0 and 1"));
    }
    Ok(r)
}

impl FromStr for Faults {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut f = Faults::default();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, value) = part
                .split_once('=')
                .ok_or_else(|| format!("fault {part:?} must look like name=rate"))?;
            match name.trim() {
                "drop_after_commit" => f.drop_after_commit = parse_rate(name, value)?,
                "error_500" => f.error_500 = parse_rate(name, value)?,
                "error_503" => f.error_503 = parse_rate(name, value)?,
                "rate_limit" => f.rate_limit = parse_rate(name, value)?,
                "delay_ms" => {
                    let (ms, rate) = value
                        .split_once('@')
                        .ok_or_else(|| "delay_ms must look like delay_ms=MS@RATE".to_string())?;
                    let ms: u64 = ms
                        .trim()
                        .parse()
                        .map_err(|_| format!("delay_ms: {ms:?} is not a whole number"))?;
                    f.delay = Some((ms, parse_rate(name, rate)?));
                }
                other => return Err(format!("unknown fault {other:?}")),
            }
        }
        Ok(f)
    }
}

/// What happens to a request instead of (or around) its normal handling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    DropAfterCommit,
    Error500,
    Error503,
    RateLimit,
    /// `status=NNN`: answer this HTTP status (400-599) before doing any work, to exercise a
    /// client's retry rules for statuses the API itself rarely sends (501, 502, 504, 505, ...).
    Status(u16),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    pub delay_ms: Option<u64>,
    pub action: Option<Action>,
}

/// Parses the `X-Sandbox-Fault` header value.
pub fn parse_header(v: &str) -> Result<Plan, String> {
    let v = v.trim();
    let mut plan = Plan::default();
    match v {
        "drop_after_commit" => plan.action = Some(Action::DropAfterCommit),
        "error_500" => plan.action = Some(Action::Error500),
        "error_503" => plan.action = Some(Action::Error503),
        "rate_limit" => plan.action = Some(Action::RateLimit),
        _ if v.starts_with("status=") => {
            let code = v["status=".len()..]
                .trim()
                .parse::<u16>()
                .ok()
                .filter(|c| (400..=599).contains(c))
                .ok_or_else(|| "X-Sandbox-Fault status=N needs 400 <= N <= 599".to_string())?;
            plan.action = Some(Action::Status(code));
        }
        _ => {
            let ms = v
                .strip_prefix("delay_ms=")
                .and_then(|n| n.trim().parse::<u64>().ok())
                .filter(|n| *n <= 60_000)
                .ok_or_else(|| {
                    "X-Sandbox-Fault must be one of drop_after_commit, error_500, error_503, \
                     rate_limit, status=N (400..=599), delay_ms=N (N <= 60000)"
                        .to_string()
                })?;
            plan.delay_ms = Some(ms);
        }
    }
    Ok(plan)
}

/// Rolls the random faults for one request.
pub fn roll(f: &Faults) -> Plan {
    let mut rng = rand::rng();
    let mut plan = Plan::default();
    if let Some((ms, rate)) = f.delay {
        if rate > 0.0 && rng.random_bool(rate.min(1.0)) {
            plan.delay_ms = Some(ms);
        }
    }
    let roll: f64 = rng.random();
    let mut acc = 0.0;
    for (rate, action) in [
        (f.error_500, Action::Error500),
        (f.error_503, Action::Error503),
        (f.rate_limit, Action::RateLimit),
        (f.drop_after_commit, Action::DropAfterCommit),
    ] {
        acc += rate.max(0.0);
        if roll < acc {
            plan.action = Some(action);
            break;
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_spec() {
        let f: Faults =
            "drop_after_commit=0.05,error_500=0.05,error_503=0.05,rate_limit=0.05,delay_ms=50@0.1"
                .parse()
                .unwrap();
        assert_eq!(f.drop_after_commit, 0.05);
        assert_eq!(f.delay, Some((50, 0.1)));
        assert!(!f.is_off());
        assert!("error_500=2".parse::<Faults>().is_err());
        assert!("bogus=0.1".parse::<Faults>().is_err());
        assert!(Faults::default().is_off());
    }

    #[test]
    fn parses_headers() {
        assert_eq!(parse_header("delay_ms=20").unwrap().delay_ms, Some(20));
        assert_eq!(
            parse_header("error_503").unwrap().action,
            Some(Action::Error503)
        );
        assert!(parse_header("explode").is_err());
        assert_eq!(
            parse_header("status=501").unwrap().action,
            Some(Action::Status(501))
        );
        assert!(parse_header("status=200").is_err());
        assert!(parse_header("status=x").is_err());
    }
}
