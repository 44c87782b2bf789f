package cryptotopcard

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Sentinel errors, one per kind of failure. Every error this package returns matches exactly one
// of them with errors.Is, e.g. errors.Is(err, cryptotopcard.ErrNotFound), except a call whose
// context ended: that *ContextError matches context.Canceled or context.DeadlineExceeded. For the
// details use errors.As with *APIError, *ValidationError, *ConnectionError, *TimeoutError,
// *ContextError, *WebhookVerificationError or *ConfigurationError.
//
// Idempotency: a POST, PATCH or DELETE that fails after it may have reached the API (a dropped
// connection, a timeout, a 5xx, a cancelled context) may still have been applied. Its error carries
// the idempotency key it was sent with (the IdempotencyKey field, or IdempotencyKey(err) through
// any wrapping); retrying with WithIdempotencyKey(key) applies it at most once.
var (
	ErrValidation          = errors.New("cryptotopcard: invalid input")
	ErrBadRequest          = errors.New("cryptotopcard: bad request")
	ErrAuthentication      = errors.New("cryptotopcard: authentication failed")
	ErrPermissionDenied    = errors.New("cryptotopcard: permission denied")
	ErrNotFound            = errors.New("cryptotopcard: not found")
	ErrConflict            = errors.New("cryptotopcard: conflict")
	ErrRateLimited         = errors.New("cryptotopcard: rate limited")
	ErrInternalServer      = errors.New("cryptotopcard: server error")
	ErrConnection          = errors.New("cryptotopcard: connection error")
	ErrTimeout             = errors.New("cryptotopcard: timeout")
	ErrWebhookVerification = errors.New("cryptotopcard: webhook verification failed")
	ErrConfiguration       = errors.New("cryptotopcard: configuration error")
	ErrInternal            = errors.New("cryptotopcard: internal error")
	// ErrClientClosed is returned by calls on a Client after Close.
	ErrClientClosed = errors.New("cryptotopcard: client is closed")
)

var kindSentinels = map[string]error{
	"validation":           ErrValidation,
	"bad_request":          ErrBadRequest,
	"authentication":       ErrAuthentication,
	"permission_denied":    ErrPermissionDenied,
	"not_found":            ErrNotFound,
	"conflict":             ErrConflict,
	"rate_limited":         ErrRateLimited,
	"internal_server":      ErrInternalServer,
	"connection":           ErrConnection,
	"timeout":              ErrTimeout,
	"webhook_verification": ErrWebhookVerification,
	"configuration":        ErrConfiguration,
}

// APIError is an error answered by the API (any non-2xx HTTP status).
type APIError struct {
	// Kind is the error's category: "bad_request", "authentication", "permission_denied",
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

// Is matches the sentinel of the error's kind (ErrNotFound, ErrRateLimited, ...).
func (e *APIError) Is(target error) bool { return kindSentinels[e.Kind] == target }

// ValidationError is bad input rejected before any request was sent.
type ValidationError struct {
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

// Is matches ErrValidation.
func (e *ValidationError) Is(target error) bool { return target == ErrValidation }

// ConnectionError means the API could not be reached or the connection broke.
type ConnectionError struct {
	Message string
	// IdempotencyKey is the key a POST, PATCH or DELETE was sent with: the connection may have
	// broken after the API applied it, so retry with WithIdempotencyKey(IdempotencyKey).
	IdempotencyKey string
}

func (e *ConnectionError) Error() string {
	return "cryptotopcard: connection error: " + e.Message + keySuffix(e.IdempotencyKey)
}

// Is matches ErrConnection.
func (e *ConnectionError) Is(target error) bool { return target == ErrConnection }

// TimeoutError means the request did not finish within its timeout (the client's, the request's
// or the context's deadline). It matches both ErrTimeout and context.DeadlineExceeded.
type TimeoutError struct {
	Message string
	// IdempotencyKey is the key a POST, PATCH or DELETE was sent with: the API may have applied
	// it, so retry with WithIdempotencyKey(IdempotencyKey).
	IdempotencyKey string
}

func (e *TimeoutError) Error() string {
	return "cryptotopcard: timeout: " + e.Message + keySuffix(e.IdempotencyKey)
}

// Is matches ErrTimeout and context.DeadlineExceeded.
func (e *TimeoutError) Is(target error) bool {
	return target == ErrTimeout || target == context.DeadlineExceeded
}

// ContextError is returned when the call's context was cancelled or its deadline passed before the
// call finished; the request in flight was dropped. errors.Is(err, context.Canceled) or
// errors.Is(err, context.DeadlineExceeded) holds, and errors.Is matches context.Cause(ctx) too when
// the context was cancelled with a cause.
//
// For a POST, PATCH or DELETE, IdempotencyKey is the key the request was sent with (or would have
// been, had the context ended before it was sent): the API may have applied it, so retry with
// WithIdempotencyKey(IdempotencyKey) to apply it at most once.
type ContextError struct {
	// Op is the operation, e.g. "cards.create".
	Op             string
	IdempotencyKey string
	// Err is the context's error: context.Canceled or context.DeadlineExceeded.
	Err   error
	cause error
}

func (e *ContextError) Error() string {
	msg := "cryptotopcard: " + e.Op + ": " + e.Err.Error()
	if e.cause != nil && e.cause != e.Err {
		msg += " (" + e.cause.Error() + ")"
	}
	return msg + keySuffix(e.IdempotencyKey)
}

// Unwrap gives the context's error, and its cause when that differs.
func (e *ContextError) Unwrap() []error {
	if e.cause != nil && e.cause != e.Err {
		return []error{e.Err, e.cause}
	}
	return []error{e.Err}
}

// WebhookVerificationError is returned by ConstructEvent for a bad signature, payload or age.
type WebhookVerificationError struct{ Message string }

func (e *WebhookVerificationError) Error() string {
	return "cryptotopcard: webhook verification failed: " + e.Message
}

// Is matches ErrWebhookVerification.
func (e *WebhookVerificationError) Is(target error) bool { return target == ErrWebhookVerification }

// ConfigurationError means the client could not be built (no API key anywhere, unusable base URL, ...).
type ConfigurationError struct {
	// Field names the option at fault ("api_key", "base_url", "default_headers"), when the core knows it.
	Field   string
	Message string
}

func (e *ConfigurationError) Error() string {
	if e.Field == "" {
		return "cryptotopcard: configuration error: " + e.Message
	}
	return "cryptotopcard: configuration error: " + e.Field + ": " + e.Message
}

// Is matches ErrConfiguration.
func (e *ConfigurationError) Is(target error) bool { return target == ErrConfiguration }

// InternalError is a failure inside the SDK itself (a bug, or a native library that does not match
// this package). Kind is the native error kind.
type InternalError struct {
	Kind    string
	Message string
	// IdempotencyKey is the key of a POST, PATCH or DELETE whose answer could not be read (it was
	// applied: a retry with WithIdempotencyKey(IdempotencyKey) replays it).
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

func (e *APIError) idempotencyKey() string        { return e.IdempotencyKey }
func (e *ConnectionError) idempotencyKey() string { return e.IdempotencyKey }
func (e *TimeoutError) idempotencyKey() string    { return e.IdempotencyKey }
func (e *ContextError) idempotencyKey() string    { return e.IdempotencyKey }
func (e *InternalError) idempotencyKey() string   { return e.IdempotencyKey }

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

// Is matches ErrInternal.
func (e *InternalError) Is(target error) bool { return target == ErrInternal }

// coreError is the core's error JSON.
type coreError struct {
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

// errorFromNative is the one place where the core's error kinds become Go error types. ctx (nil
// outside API calls) and op are the call's: a call ended by its context becomes a *ContextError.
func errorFromNative(n *nativeError, ctx context.Context, op string) error {
	var ce coreError
	if err := json.Unmarshal([]byte(n.json), &ce); err != nil || ce.Kind == "" {
		return &InternalError{Kind: "unknown", Message: fmt.Sprintf("native error %d without a readable description", n.code)}
	}
	key := deref(ce.IdempotencyKey)
	var ctxErr error
	if ctx != nil {
		ctxErr = ctx.Err()
		if deadline, ok := ctx.Deadline(); ok && ctxErr == nil && !time.Now().Before(deadline) {
			ctxErr = context.DeadlineExceeded // passed, though the context's timer has not fired yet
		}
	}
	if ce.Kind == "cancelled" || (ce.Kind == "timeout" && ctxErr != nil) {
		// The native call is cancelled only through the context's token; a timeout once the
		// context has ended is its deadline (passed to the core as the request's timeout).
		e := &ContextError{Op: op, IdempotencyKey: key, Err: context.Canceled}
		if ctxErr != nil {
			e.Err = ctxErr
			if ctx.Err() != nil {
				e.cause = context.Cause(ctx)
			}
		}
		return e
	}
	switch ce.Kind {
	case "validation":
		return &ValidationError{Field: deref(ce.Field), Message: ce.Message}
	case "invalid_argument":
		// A value the C layer could not take (e.g. not JSON-encodable): still bad input.
		return &ValidationError{Field: deref(ce.Field), Message: ce.Message}
	case "bad_request", "authentication", "permission_denied", "not_found", "conflict",
		"rate_limited", "internal_server":
		e := &APIError{
			Kind:      ce.Kind,
			Status:    deref(ce.Status),
			Code:      deref(ce.Error),
			Message:   ce.Message,
			RequestID: deref(ce.RequestID),
			Param:     deref(ce.Param),
			Body:      ce.bodyText(),

			IdempotencyKey: key,
		}
		if ce.RetryAfter != nil && *ce.RetryAfter > 0 {
			e.RetryAfter = time.Duration(*ce.RetryAfter * float64(time.Second))
		}
		return e
	case "connection":
		return &ConnectionError{Message: ce.Message, IdempotencyKey: key}
	case "timeout":
		return &TimeoutError{Message: ce.Message, IdempotencyKey: key}
	case "webhook_verification":
		return &WebhookVerificationError{Message: ce.Message}
	case "configuration":
		e := &ConfigurationError{Message: ce.Message}
		if ce.Field != nil {
			e.Field = *ce.Field
		}
		return e
	default:
		return &InternalError{Kind: ce.Kind, Message: ce.Message, IdempotencyKey: key}
	}
}
