package cryptotopcard

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// ErrorClass is one class of the error taxonomy that every CryptoTopCard SDK shares (the Rust
// core's ERROR_CLASSES: the same names in Python, Node, Go, Kotlin and Swift). The classes are the
// Err... variables of errors_gen.go, generated from the spec's table: class XxxError is ErrXxx
// (InsufficientFundsError is ErrInsufficientFunds, APIError is ErrAPI).
//
// errors.Is(err, class) holds when err is of that class or of a class below it: an
// InsufficientFundsError matches ErrInsufficientFunds, ErrBadRequest, ErrAPI and
// ErrCryptoTopCard. For an error's details use errors.As with the type of its family: *APIError
// (every class under APIError), *APIConnectionError, *APITimeoutError, *APIUserAbortError,
// *ValidationError, *ConfigurationError, *WebhookVerificationError or *InternalError; each has a
// Class field. ClassOf(err) gives the class of any error of this package.
type ErrorClass struct {
	name   string
	parent *ErrorClass
	doc    string
}

// Name is the class name shared by every SDK, e.g. "InsufficientFundsError" ("" for nil).
func (c *ErrorClass) Name() string {
	if c == nil {
		return ""
	}
	return c.name
}

// Parent is the class this one belongs to (nil for ErrCryptoTopCard, the root, and for nil).
func (c *ErrorClass) Parent() *ErrorClass {
	if c == nil {
		return nil
	}
	return c.parent
}

// Doc says what the class means.
func (c *ErrorClass) Doc() string {
	if c == nil {
		return ""
	}
	return c.doc
}

func (c *ErrorClass) Error() string { return "cryptotopcard: " + c.name }

// Is reports whether target is this class or one of its ancestors.
func (c *ErrorClass) Is(target error) bool {
	for k := c; k != nil; k = k.parent {
		if target == error(k) {
			return true
		}
	}
	return false
}

// classNamed returns the class called name, or nil.
func classNamed(name string) *ErrorClass {
	for _, c := range errorClasses {
		if c.name == name {
			return c
		}
	}
	return nil
}

// ClassOf returns the class of an error of this package, looking through wrapping (nil for
// other errors).
//
//	if cryptotopcard.ClassOf(err) == cryptotopcard.ErrInsufficientFunds { ... }
//	slog.Error("call failed", "class", cryptotopcard.ClassOf(err).Name()) // "" for other errors
func ClassOf(err error) *ErrorClass {
	var c interface{ errorClass() *ErrorClass }
	if errors.As(err, &c) {
		return c.errorClass()
	}
	var k *ErrorClass
	if errors.As(err, &k) {
		return k
	}
	return nil
}

// Deprecated names of classes, kept for code written against earlier versions.
var (
	// Deprecated: use ErrAPIConnection (which timeouts match too).
	ErrConnection = ErrAPIConnection
	// Deprecated: use ErrAPITimeout.
	ErrTimeout = ErrAPITimeout
	// Deprecated: use ErrRateLimit.
	ErrRateLimited = ErrRateLimit
)

// Former names of types, kept for code written against earlier versions.
type (
	// Deprecated: use APIConnectionError.
	ConnectionError = APIConnectionError
	// Deprecated: use APITimeoutError.
	TimeoutError = APITimeoutError
)

// ErrClientClosed is returned by calls on a Client after Close (it matches ErrCryptoTopCard).
var ErrClientClosed error = sdkError("cryptotopcard: client is closed")

type sdkError string

func (e sdkError) Error() string           { return string(e) }
func (e sdkError) Is(target error) bool    { return target == ErrCryptoTopCard }
func (e sdkError) errorClass() *ErrorClass { return ErrCryptoTopCard }

// orClass is c, or def when c is nil (an error built without a class, e.g. by a test). Each
// error type's errorClass and Is methods are generated (errors_gen.go).
func orClass(c, def *ErrorClass) *ErrorClass {
	if c == nil {
		return def
	}
	return c
}

// APIError is an error answered by the API (any non-2xx status): its Class is one of ErrAPI's
// family (ErrBadRequest, ErrInsufficientFunds, ErrAuthentication, ErrPermissionDenied,
// ErrNotFound, ErrConflict, ErrRateLimit, ErrInternalServer).
type APIError struct {
	// Class is the error's class, e.g. ErrNotFound; errors.Is matches it and its ancestors.
	Class *ErrorClass
	// Kind is the core's category: "bad_request", "authentication", "permission_denied",
	// "not_found", "conflict", "rate_limited" or "internal_server".
	Kind string
	// Status is the HTTP status code.
	Status int
	// Code is the API's error code, such as "insufficient_funds" or "card_terminated".
	Code string
	// Message is the API's human-readable message.
	Message string
	// RequestID is the request's id (X-Request-Id), for support.
	RequestID string
	// Param names the rejected parameter of an "invalid_request" error.
	Param string
	// RetryAfter is the server's Retry-After (rate limits); 0 when absent.
	RetryAfter time.Duration
	// Body is the response body (JSON text).
	Body string
	// IdempotencyKey is the X-Idempotency-Key the request was sent with (POST, PATCH, DELETE;
	// empty for a GET). Retry with WithIdempotencyKey(IdempotencyKey) after a 5xx, a 409
	// idempotency_key_in_use or a 429 to apply the call at most once.
	IdempotencyKey string
}

func (e *APIError) Error() string {
	msg := fmt.Sprintf("cryptotopcard: %d %s: %s", e.Status, e.Code, e.Message)
	if e.Param != "" {
		msg += " (param " + e.Param + ")"
	}
	if e.RequestID != "" {
		msg += " [" + e.RequestID + "]"
	}
	return msg
}

// ValidationError is bad input rejected before any request was sent.
type ValidationError struct {
	Class *ErrorClass
	// Field names the offending parameter (dotted for nested values, e.g. "metadata.campaign").
	Field   string
	Message string
}

func (e *ValidationError) Error() string {
	if e.Field == "" {
		return "cryptotopcard: invalid input: " + e.Message
	}
	return "cryptotopcard: invalid " + e.Field + ": " + e.Message
}

// APIConnectionError means the API could not be reached or the connection broke.
type APIConnectionError struct {
	Class   *ErrorClass
	Message string
	// IdempotencyKey is the key a POST, PATCH or DELETE was sent with: the connection may have
	// broken after the API applied it, so retry with WithIdempotencyKey(IdempotencyKey).
	IdempotencyKey string
}

func (e *APIConnectionError) Error() string {
	return "cryptotopcard: connection error: " + e.Message + keySuffix(e.IdempotencyKey)
}

// APITimeoutError means the request did not finish within its timeout (the client's or the
// request's). Its class is below APIConnectionError: it matches ErrAPITimeout, ErrAPIConnection
// and context.DeadlineExceeded, and errors.As gives it as an *APIConnectionError too.
type APITimeoutError struct {
	Class   *ErrorClass
	Message string
	// IdempotencyKey is the key a POST, PATCH or DELETE was sent with: the API may have applied
	// it, so retry with WithIdempotencyKey(IdempotencyKey).
	IdempotencyKey string
}

func (e *APITimeoutError) Error() string {
	return "cryptotopcard: timeout: " + e.Message + keySuffix(e.IdempotencyKey)
}

// Unwrap gives context.DeadlineExceeded: errors.Is(err, context.DeadlineExceeded) holds.
func (e *APITimeoutError) Unwrap() error { return context.DeadlineExceeded }

// As gives the timeout as an *APIConnectionError, its parent class.
func (e *APITimeoutError) As(target any) bool {
	if p, ok := target.(**APIConnectionError); ok {
		*p = &APIConnectionError{Class: e.errorClass(), Message: e.Message, IdempotencyKey: e.IdempotencyKey}
		return true
	}
	return false
}

// APIUserAbortError is returned when the call's context was cancelled or its deadline passed
// before the call finished; the request in flight was dropped. errors.Is(err, context.Canceled)
// or errors.Is(err, context.DeadlineExceeded) holds, and errors.Is matches context.Cause(ctx) too
// when the context was cancelled with a cause.
//
// For a POST, PATCH or DELETE, IdempotencyKey is the key the request was sent with (or would have
// been, had the context ended before it was sent): the API may have applied it, so retry with
// WithIdempotencyKey(IdempotencyKey) to apply it at most once.
type APIUserAbortError struct {
	Class *ErrorClass
	// Op is the operation, e.g. "cards.create".
	Op             string
	IdempotencyKey string
	// Err is the context's error: context.Canceled or context.DeadlineExceeded.
	Err   error
	cause error
}

// ContextError is the former name of APIUserAbortError.
//
// Deprecated: use APIUserAbortError.
type ContextError = APIUserAbortError

func (e *APIUserAbortError) Error() string {
	msg := "cryptotopcard: " + e.Op + ": " + e.Err.Error()
	if e.cause != nil && e.cause != e.Err {
		msg += " (" + e.cause.Error() + ")"
	}
	return msg + keySuffix(e.IdempotencyKey)
}

// Unwrap gives the context's error, and its cause when that differs.
func (e *APIUserAbortError) Unwrap() []error {
	if e.cause != nil && e.cause != e.Err {
		return []error{e.Err, e.cause}
	}
	return []error{e.Err}
}

// WebhookVerificationError is returned by ConstructEvent for a bad signature, payload or age.
type WebhookVerificationError struct {
	Class   *ErrorClass
	Message string
}

func (e *WebhookVerificationError) Error() string {
	return "cryptotopcard: webhook verification failed: " + e.Message
}

// ConfigurationError means the client could not be built (no API key anywhere, unusable base URL,
// an option out of range, ...). Its class is below ValidationError: it matches ErrConfiguration
// and ErrValidation, and errors.As gives it as a *ValidationError too.
type ConfigurationError struct {
	Class *ErrorClass
	// Field names the option at fault ("api_key", "base_url", "default_headers", ...), when known.
	Field   string
	Message string
}

func (e *ConfigurationError) Error() string {
	if e.Field == "" {
		return "cryptotopcard: configuration error: " + e.Message
	}
	return "cryptotopcard: configuration error: " + e.Field + ": " + e.Message
}

// As gives the error as a *ValidationError, its parent class.
func (e *ConfigurationError) As(target any) bool {
	if p, ok := target.(**ValidationError); ok {
		*p = &ValidationError{Class: e.errorClass(), Field: e.Field, Message: e.Message}
		return true
	}
	return false
}

// InternalError is a bug inside the SDK (a panic caught in the native library, an answer this
// package cannot read); never retryable. Kind is the native error kind.
type InternalError struct {
	Class   *ErrorClass
	Kind    string
	Message string
	// IdempotencyKey is the key of a POST, PATCH or DELETE whose answer could not be read (it may
	// have been applied: a retry with WithIdempotencyKey(IdempotencyKey) replays it).
	IdempotencyKey string
}

func (e *InternalError) Error() string {
	return "cryptotopcard: internal error (" + e.Kind + "): " + e.Message + keySuffix(e.IdempotencyKey)
}

func keySuffix(key string) string {
	if key == "" {
		return ""
	}
	return " (idempotency key " + key + ")"
}

func (e *APIError) idempotencyKey() string           { return e.IdempotencyKey }
func (e *APIConnectionError) idempotencyKey() string { return e.IdempotencyKey }
func (e *APITimeoutError) idempotencyKey() string    { return e.IdempotencyKey }
func (e *APIUserAbortError) idempotencyKey() string  { return e.IdempotencyKey }
func (e *InternalError) idempotencyKey() string      { return e.IdempotencyKey }

// IdempotencyKey returns the idempotency key a failed POST, PATCH or DELETE was sent with (or, for
// a context that ended before the request went out, would have been sent with), looking through
// wrapped errors. ok is false for other errors (GETs, validation errors, nil).
//
//	card, err := client.Cards.Create(ctx, params)
//	if key, ok := cryptotopcard.IdempotencyKey(err); ok {
//		// The create may have been applied: retrying with its key creates at most one card.
//		card, err = client.Cards.Create(ctx, params, cryptotopcard.WithIdempotencyKey(key))
//	}
func IdempotencyKey(err error) (key string, ok bool) {
	var k interface{ idempotencyKey() string }
	if errors.As(err, &k) {
		key = k.idempotencyKey()
	}
	return key, key != ""
}

// coreError is the core's error JSON.
type coreError struct {
	Class      string          `json:"class"`
	Kind       string          `json:"kind"`
	Message    string          `json:"message"`
	Status     *int            `json:"status"`
	Error      *string         `json:"error"`
	RequestID  *string         `json:"request_id"`
	Param      *string         `json:"param"`
	Field      *string         `json:"field"`
	RetryAfter *float64        `json:"retry_after"`
	Body       json.RawMessage `json:"body"`
	// IdempotencyKey is the key a mutating call was sent with (or would have been, if cancelled).
	IdempotencyKey *string `json:"idempotency_key"`
}

// bodyText is the response body as text (the core gives it parsed when it was JSON).
func (ce *coreError) bodyText() string {
	if len(ce.Body) == 0 || string(ce.Body) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(ce.Body, &s) == nil {
		return s
	}
	return string(ce.Body)
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// failure is a native error on its way to a Go error: its class, the core's JSON and the call.
type failure struct {
	class *ErrorClass
	ce    *coreError
	ctx   context.Context
	op    string
}

// errorTypes builds the Go error of each class that has a type of its own; any other class takes
// the type of its nearest ancestor (InsufficientFundsError, NotFoundError, ... are *APIError).
var errorTypes = map[*ErrorClass]func(f failure) error{
	ErrAPI: func(f failure) error {
		ce := f.ce
		e := &APIError{Class: f.class, Kind: ce.Kind, Status: deref(ce.Status), Code: deref(ce.Error),
			Message: ce.Message, RequestID: deref(ce.RequestID), Param: deref(ce.Param), Body: ce.bodyText(),
			IdempotencyKey: deref(ce.IdempotencyKey)}
		if ce.RetryAfter != nil && *ce.RetryAfter > 0 {
			e.RetryAfter = time.Duration(*ce.RetryAfter * float64(time.Second))
		}
		return e
	},
	ErrAPIConnection: func(f failure) error {
		return &APIConnectionError{Class: f.class, Message: f.ce.Message, IdempotencyKey: deref(f.ce.IdempotencyKey)}
	},
	ErrAPITimeout: func(f failure) error {
		return &APITimeoutError{Class: f.class, Message: f.ce.Message, IdempotencyKey: deref(f.ce.IdempotencyKey)}
	},
	ErrAPIUserAbort: func(f failure) error {
		// The native call is cancelled only through the token of the call's context.
		e := &APIUserAbortError{Class: f.class, Op: f.op, IdempotencyKey: deref(f.ce.IdempotencyKey), Err: context.Canceled}
		if f.ctx != nil && f.ctx.Err() != nil {
			e.Err, e.cause = f.ctx.Err(), context.Cause(f.ctx)
		}
		return e
	},
	ErrValidation: func(f failure) error {
		return &ValidationError{Class: f.class, Field: deref(f.ce.Field), Message: f.ce.Message}
	},
	ErrConfiguration: func(f failure) error {
		return &ConfigurationError{Class: f.class, Field: deref(f.ce.Field), Message: f.ce.Message}
	},
	ErrWebhookVerification: func(f failure) error {
		return &WebhookVerificationError{Class: f.class, Message: f.ce.Message}
	},
	ErrInternal: func(f failure) error {
		return &InternalError{Class: f.class, Kind: f.ce.Kind, Message: f.ce.Message, IdempotencyKey: deref(f.ce.IdempotencyKey)}
	},
}

// errorFromNative is the one place where the core's errors become Go errors: the Go type is
// chosen by the error JSON's "class" alone. ctx (nil outside API calls) and op are the call's,
// for an *APIUserAbortError.
func errorFromNative(n *nativeError, ctx context.Context, op string) error {
	var ce coreError
	if err := json.Unmarshal([]byte(n.json), &ce); err != nil {
		return &InternalError{Kind: "unknown", Message: fmt.Sprintf("native error %d without a readable description", n.code)}
	}
	class := classNamed(ce.Class)
	if class == nil {
		return &InternalError{Kind: ce.Kind, Message: fmt.Sprintf("native error of unknown class %q: %s", ce.Class, ce.Message),
			IdempotencyKey: deref(ce.IdempotencyKey)}
	}
	for k := class; k != nil; k = k.parent {
		if build, ok := errorTypes[k]; ok {
			return build(failure{class: class, ce: &ce, ctx: ctx, op: op})
		}
	}
	return &InternalError{Class: class, Kind: ce.Kind, Message: ce.Message, IdempotencyKey: deref(ce.IdempotencyKey)}
}
