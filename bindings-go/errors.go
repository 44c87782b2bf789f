package cryptotopcard

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Sentinel errors, one per kind of failure. Every error this package returns matches exactly one
// of them with errors.Is, e.g. errors.Is(err, cryptotopcard.ErrNotFound). For the details use
// errors.As with *APIError, *ValidationError, *ConnectionError, *TimeoutError,
// *WebhookVerificationError or *ConfigurationError.
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
type ConnectionError struct{ Message string }

func (e *ConnectionError) Error() string { return "cryptotopcard: connection error: " + e.Message }

// Is matches ErrConnection.
func (e *ConnectionError) Is(target error) bool { return target == ErrConnection }

// TimeoutError means the request did not finish within its timeout (the client's, the request's
// or the context's deadline). It matches both ErrTimeout and context.DeadlineExceeded.
type TimeoutError struct{ Message string }

func (e *TimeoutError) Error() string { return "cryptotopcard: timeout: " + e.Message }

// Is matches ErrTimeout and context.DeadlineExceeded.
func (e *TimeoutError) Is(target error) bool {
	return target == ErrTimeout || target == context.DeadlineExceeded
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
}

func (e *InternalError) Error() string {
	return "cryptotopcard: internal error (" + e.Kind + "): " + e.Message
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

// errorFromNative is the one place where the core's error kinds become Go error types.
func errorFromNative(n *nativeError) error {
	var ce coreError
	if err := json.Unmarshal([]byte(n.json), &ce); err != nil || ce.Kind == "" {
		return &InternalError{Kind: "unknown", Message: fmt.Sprintf("native error %d without a readable description", n.code)}
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
		}
		if ce.RetryAfter != nil && *ce.RetryAfter > 0 {
			e.RetryAfter = time.Duration(*ce.RetryAfter * float64(time.Second))
		}
		return e
	case "connection":
		return &ConnectionError{Message: ce.Message}
	case "timeout":
		return &TimeoutError{Message: ce.Message}
	case "webhook_verification":
		return &WebhookVerificationError{Message: ce.Message}
	case "configuration":
		e := &ConfigurationError{Message: ce.Message}
		if ce.Field != nil {
			e.Field = *ce.Field
		}
		return e
	default:
		return &InternalError{Kind: ce.Kind, Message: ce.Message}
	}
}
