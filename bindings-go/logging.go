package cryptotopcard

import (
	"context"
	"encoding/json"
	"log/slog"
	"strconv"
	"sync"
	"time"
)

// Logging: the Rust core emits a record per request attempt (debug, "request"), per response
// (info, "response") and per retry (info, "retrying"). Its sink runs on the core's runtime
// threads, where waiting for a Go logger would stall every call in flight, so it never calls Go:
// it appends the record to a bounded queue in the C library (records of a client without logging
// are not even queued). Go takes them from there in two places, under one mutex so that they stay
// in order:
//   - at the end of each call of a logging client, in the caller's goroutine, so that a call's
//     records have reached its logger when the call returns;
//   - in one background goroutine, blocked in the C library until records arrive, so that a long
//     call (retries, backoff) is logged while it runs.
// Each record carries the log id of the client that made the call (a tokio task-local set around
// the call in the C library), which selects the client's *slog.Logger.

// logEntry is the logging configuration of one client (and of its WithOptions copies).
type logEntry struct {
	logger *slog.Logger // nil: slog.Default() at the time of each record
	// floor is the least core level this client logs (from CRYPTOTOPCARD_LOG, else debug).
	floor int
	// forced: CRYPTOTOPCARD_LOG chose the level, so records at or above floor are handed to the
	// handler even if its own level is higher.
	forced bool
	refs   int
}

var logs = struct {
	mu        sync.Mutex
	entries   map[uint64]*logEntry
	next      uint64
	coreLevel int // the level set in the core (only ever lowered)
	pumping   bool
	emitMu    sync.Mutex // held while draining and emitting: records stay in order
}{entries: map[uint64]*logEntry{}, coreLevel: nativeLogOff}

// registerLogger decides whether a new client's calls are logged and returns the id that tags
// its records (0: not logged). explicit is true when WithLogger was given (logger may be nil).
func registerLogger(logger *slog.Logger, explicit bool) (uint64, error) {
	env := nativeLogEnvLevel()
	if !explicit && env == nativeLogOff {
		return 0, nil
	}
	e := &logEntry{logger: logger, floor: nativeLogDebug, refs: 1}
	if env != nativeLogOff {
		e.floor, e.forced = env, true
	}
	logs.mu.Lock()
	defer logs.mu.Unlock()
	if e.floor < logs.coreLevel {
		if nerr := nativeLogSetLevel(e.floor); nerr != nil {
			return 0, errorFromNative(nerr, nil, "")
		}
		logs.coreLevel = e.floor
	}
	logs.next++
	id := logs.next
	logs.entries[id] = e
	if !logs.pumping {
		logs.pumping = true
		go pumpLogs()
	}
	return id, nil
}

// retainLogger counts one more client using id (a WithOptions copy).
func retainLogger(id uint64) {
	if id == 0 {
		return
	}
	logs.mu.Lock()
	if e := logs.entries[id]; e != nil {
		e.refs++
	}
	logs.mu.Unlock()
}

// releaseLogger counts one client less using id; the last one removes it.
func releaseLogger(id uint64) {
	if id == 0 {
		return
	}
	logs.mu.Lock()
	if e := logs.entries[id]; e != nil {
		if e.refs--; e.refs <= 0 {
			delete(logs.entries, id)
		}
	}
	logs.mu.Unlock()
}

// pumpLogs forwards records while calls run (one goroutine for the process, started with the
// first logging client; it waits inside the C library, on a thread of its own).
func pumpLogs() {
	for {
		if nativeLogWait(1000) {
			flushLogs()
		}
	}
}

type wireLogRecord struct {
	LogID   uint64      `json:"log_id"`
	TimeNs  int64       `json:"time_ns"`
	Level   string      `json:"level"`
	Message string      `json:"message"`
	Fields  [][2]string `json:"fields"`
}

// flushLogs hands every queued record to its client's logger.
func flushLogs() {
	logs.emitMu.Lock()
	defer logs.emitMu.Unlock()
	raw, nerr := nativeLogDrain()
	if nerr != nil {
		return
	}
	var batch struct {
		Dropped uint64          `json:"dropped"`
		Records []wireLogRecord `json:"records"`
	}
	if json.Unmarshal([]byte(raw), &batch) != nil {
		return
	}
	ctx := context.Background()
	if batch.Dropped > 0 {
		// Records of unknown clients: tell every logger once.
		seen := map[*slog.Logger]bool{}
		for _, e := range logEntries() {
			lg := e.resolved()
			if seen[lg] {
				continue
			}
			seen[lg] = true
			rec := slog.NewRecord(time.Now(), slog.LevelWarn, "cryptotopcard: log records dropped", 0)
			rec.AddAttrs(slog.Uint64("dropped", batch.Dropped))
			if h := lg.Handler(); h.Enabled(ctx, slog.LevelWarn) {
				_ = h.Handle(ctx, rec)
			}
		}
	}
	for _, r := range batch.Records {
		logs.mu.Lock()
		e := logs.entries[r.LogID]
		var entry logEntry
		if e != nil {
			entry = *e
		}
		logs.mu.Unlock()
		if e == nil {
			continue // the client is gone
		}
		lvl, coreLvl := slogLevel(r.Level)
		if coreLvl < entry.floor {
			continue
		}
		h := entry.resolved().Handler()
		if !entry.forced && !h.Enabled(ctx, lvl) {
			continue
		}
		t := time.Now()
		if r.TimeNs > 0 {
			t = time.Unix(0, r.TimeNs)
		}
		rec := slog.NewRecord(t, lvl, "cryptotopcard: "+r.Message, 0)
		for _, f := range r.Fields {
			rec.AddAttrs(logAttr(f[0], f[1]))
		}
		_ = h.Handle(ctx, rec)
	}
}

func logEntries() []logEntry {
	logs.mu.Lock()
	defer logs.mu.Unlock()
	out := make([]logEntry, 0, len(logs.entries))
	for _, e := range logs.entries {
		out = append(out, *e)
	}
	return out
}

func (e logEntry) resolved() *slog.Logger {
	if e.logger != nil {
		return e.logger
	}
	return slog.Default()
}

// slogLevel maps the core's level name to slog's and to the CTC_LOG_* value.
func slogLevel(name string) (slog.Level, int) {
	switch name {
	case "debug":
		return slog.LevelDebug, nativeLogDebug
	case "info":
		return slog.LevelInfo, nativeLogInfo
	case "warn":
		return slog.LevelWarn, nativeLogWarn
	default:
		return slog.LevelError, nativeLogError
	}
}

// logAttr types the core's fields: counts and durations are integers, the rest strings.
func logAttr(name, value string) slog.Attr {
	switch name {
	case "status", "attempt", "elapsed_ms", "delay_ms":
		if n, err := strconv.ParseInt(value, 10, 64); err == nil {
			return slog.Int64(name, n)
		}
	}
	return slog.String(name, value)
}
