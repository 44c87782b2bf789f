// Package cryptotopcard is the official Go SDK for the CryptoTopCard API: virtual Visa and
// Mastercard cards funded from a crypto wallet.
//
//	client, err := cryptotopcard.NewClient("sk_test_...")
//	card, err := client.Cards.Create(ctx, &cryptotopcard.CardCreateParams{BinID: "491653", Amount: 500})
//
// Every call goes through the shared Rust core (validation, retries, idempotency, pagination,
// webhooks) over a C ABI; this package converts types and errors only.
package cryptotopcard

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"runtime"
	"sync"
	"time"
	"unicode/utf8"
)

// Version is this SDK's version (sent in the User-Agent as cryptotopcard-go/<Version>).
const Version = "0.1.0"

// Client talks to the CryptoTopCard API. It is safe for concurrent use; create one and share it.
// Its resources are fields: client.Cards, client.Transactions, client.Wallet, client.Bins,
// client.ThreeDS, client.Webhooks, client.Sandbox. Printing a Client never shows the API key.
type Client struct {
	services
	h *handle
}

type handle struct {
	mu sync.RWMutex
	p  nativeClient
	// logID tags the log records of this client's calls (0: its calls are not logged).
	logID uint64
}

func (h *handle) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.p != nil {
		nativeClientFree(h.p)
		h.p = nil
		releaseLogger(h.logID)
	}
}

// clientConfig is the JSON given to ctc_client_new. No String method prints it: it holds the key.
type clientConfig struct {
	derivedConfig
	APIKey           *string  `json:"api_key,omitempty"`
	BaseURL          *string  `json:"base_url,omitempty"`
	UserAgentLang    string   `json:"user_agent_lang"`
	UserAgentVersion string   `json:"user_agent_version"`
	RuntimeName      string   `json:"runtime_name,omitempty"`
	RuntimeVersion   string   `json:"runtime_version,omitempty"`
	Proxy            *string  `json:"proxy,omitempty"`
	RootCertsPEM     []string `json:"root_certificates_pem,omitempty"`
	LogID            uint64   `json:"log_id,omitempty"`
	logger           *slog.Logger
	loggerSet        bool
	err              error
}

// derivedConfig is what WithOptions may change: with a log id, the JSON given to
// ctc_client_with_options.
type derivedConfig struct {
	TimeoutMs        *uint64     `json:"timeout_ms,omitempty"`
	MaxRetries       *uint32     `json:"max_retries,omitempty"`
	MaxResponseBytes *uint64     `json:"max_response_bytes,omitempty"`
	Headers          [][2]string `json:"headers,omitempty"`
}

// Option configures NewClient. An option left out is left to the Rust core, which owns every
// default and environment fallback (the same in every SDK; see the core's ClientBuilder).
type Option func(*clientConfig)

// WithBaseURL sets the API base URL; without it the core reads CRYPTOTOPCARD_BASE_URL, else uses
// the live API. It must be https://, except for loopback hosts.
func WithBaseURL(url string) Option { return func(c *clientConfig) { c.BaseURL = &url } }

// WithTimeout sets the timeout of each attempt (without it, the core's default). A context
// deadline, when sooner, ends the call first.
func WithTimeout(d time.Duration) Option {
	return func(c *clientConfig) {
		if d <= 0 {
			c.err = &ConfigurationError{Field: "timeout", Message: "must be positive"}
			return
		}
		ms := uint64(math.Ceil(float64(d) / float64(time.Millisecond)))
		c.TimeoutMs = &ms
	}
}

// WithMaxRetries sets how many times a failed request is retried (without it, the core's
// default). Retries of POST, PATCH and DELETE reuse one idempotency key, so money never moves
// twice.
func WithMaxRetries(n int) Option {
	return func(c *clientConfig) {
		if n < 0 || n > math.MaxUint32 {
			c.err = &ConfigurationError{Field: "max_retries", Message: "must be between 0 and 4294967295"}
			return
		}
		v := uint32(n)
		c.MaxRetries = &v
	}
}

// WithMaxResponseBytes caps the size of a response body (without it, the core's default). A
// larger answer fails with an *APIError of class ErrInternalServer and Code "response_too_large",
// before it is read into memory.
func WithMaxResponseBytes(n int64) Option {
	return func(c *clientConfig) {
		if n < 0 {
			c.err = &ConfigurationError{Field: "max_response_bytes", Message: "must not be negative"}
			return
		}
		v := uint64(n) // 0 is passed on: the core refuses it
		c.MaxResponseBytes = &v
	}
}

// WithHeader adds a header sent with every request (e.g. X-Sandbox-Fault against the sandbox).
// The core refuses the headers it sets itself (Authorization, X-Idempotency-Key, Content-Type,
// User-Agent, X-CTC-*, ...) with a *ConfigurationError of Field "default_headers".
func WithHeader(name, value string) Option {
	return func(c *clientConfig) { c.Headers = append(c.Headers, [2]string{name, value}) }
}

// WithProxy sends every request through this proxy: an http://, https:// or socks5:// URL, with
// credentials if the proxy needs them (http://user:password@proxy.internal:3128, percent-encoded;
// sent as Proxy-Authorization). It replaces the environment's proxies: without it, the core
// honours HTTPS_PROXY / HTTP_PROXY / ALL_PROXY and NO_PROXY (read when the client is created).
// The URL is never printed, nor echoed in an error (a bad one is a *ConfigurationError of Field
// "proxy"). WithOptions cannot change it.
func WithProxy(url string) Option { return func(c *clientConfig) { c.Proxy = &url } }

// WithRootCertificatesPEM also trusts the CA certificates in pem (one or more PEM blocks), on top
// of the operating system's trust store: for a corporate TLS-inspecting proxy or a private API
// gateway. Data without a certificate is a *ConfigurationError of Field "root_certificates".
// May be given several times. WithOptions cannot change it.
func WithRootCertificatesPEM(pem []byte) Option {
	return func(c *clientConfig) {
		if !utf8.Valid(pem) {
			c.err = &ConfigurationError{Field: "root_certificates", Message: "not a PEM certificate bundle"}
			return
		}
		c.RootCertsPEM = append(c.RootCertsPEM, string(pem))
	}
}

// WithLogger sends the SDK's log records to logger (nil: slog.Default()), whose handler level
// decides which it keeps: debug for every request attempt (message "cryptotopcard: request"),
// info for responses ("cryptotopcard: response") and retries ("cryptotopcard: retrying"). When
// the environment variable CRYPTOTOPCARD_LOG names a level, it decides instead. Without this
// option the SDK logs only when CRYPTOTOPCARD_LOG is set (to slog.Default()). Records carry
// method, path, status, request_id, attempt, elapsed_ms, delay_ms and error, never a key, card
// number, CVV, OTP or webhook secret. See logging.go.
func WithLogger(logger *slog.Logger) Option {
	return func(c *clientConfig) { c.logger, c.loggerSet = logger, true }
}

// NewClient creates a client. An empty apiKey leaves the key to the core (CRYPTOTOPCARD_API_KEY);
// with no key anywhere it fails with a *ConfigurationError before any request.
func NewClient(apiKey string, opts ...Option) (*Client, error) {
	cfg := clientConfig{UserAgentLang: "go", UserAgentVersion: Version,
		RuntimeName: "go", RuntimeVersion: runtime.Version()}
	if apiKey != "" {
		cfg.APIKey = &apiKey
	}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.err != nil {
		return nil, cfg.err
	}
	if err := checkEncodable("api_key", reflectValue(cfg.APIKey)); err != nil {
		return nil, err
	}
	if err := checkEncodable("base_url", reflectValue(cfg.BaseURL)); err != nil {
		return nil, err
	}
	logID, err := registerLogger(cfg.logger, cfg.loggerSet)
	if err != nil {
		return nil, err
	}
	cfg.LogID = logID
	body, err := json.Marshal(&cfg)
	if err != nil {
		releaseLogger(logID)
		return nil, &ConfigurationError{Field: "config", Message: err.Error()}
	}
	p, nerr := nativeClientNew(body)
	if nerr != nil {
		releaseLogger(logID)
		// The core never echoes a rejected value (a swapped key or proxy password stays out).
		return nil, errorFromNative(nerr, nil, "")
	}
	return newClientFromHandle(&handle{p: p, logID: logID}), nil
}

func newClientFromHandle(h *handle) *Client {
	calls.start()
	c := &Client{h: h}
	c.services = newServices(c)
	runtime.AddCleanup(c, func(h *handle) { h.close() }, c.h)
	return c
}

// WithOptions returns a copy of the client with some settings changed: WithTimeout,
// WithMaxRetries, WithMaxResponseBytes, WithHeader (added to this client's headers) and
// WithLogger. Everything else is this client's: API key, base URL, proxy, TLS roots, telemetry,
// and the connection pool itself, which the copy shares (no new connections; cheap enough to
// call per request). Options that would need another pool (WithBaseURL, WithProxy,
// WithRootCertificatesPEM) are refused with a *ConfigurationError naming them: use NewClient.
//
//	slow, err := client.WithOptions(cryptotopcard.WithTimeout(2*time.Minute), cryptotopcard.WithMaxRetries(5))
//
// The two clients are independent: closing one does not close the other.
func (c *Client) WithOptions(opts ...Option) (*Client, error) {
	var cfg clientConfig
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.err != nil {
		return nil, cfg.err
	}
	for _, fixed := range []struct {
		set   bool
		field string
	}{{cfg.BaseURL != nil, "base_url"}, {cfg.Proxy != nil, "proxy"}, {len(cfg.RootCertsPEM) > 0, "root_certificates"}} {
		if fixed.set {
			return nil, &ConfigurationError{Field: fixed.field, Message: "cannot be changed by WithOptions " +
				"(the copy shares this client's connection pool): create a client with NewClient"}
		}
	}
	dc := struct {
		derivedConfig
		LogID *uint64 `json:"log_id,omitempty"`
	}{derivedConfig: cfg.derivedConfig}
	logID := c.h.logID
	if cfg.loggerSet {
		id, err := registerLogger(cfg.logger, true)
		if err != nil {
			return nil, err
		}
		logID = id
		dc.LogID = &id
	} else {
		retainLogger(logID)
	}
	body, err := json.Marshal(&dc)
	if err != nil {
		releaseLogger(logID)
		return nil, &ConfigurationError{Field: "config", Message: err.Error()}
	}
	c.h.mu.RLock()
	if c.h.p == nil {
		c.h.mu.RUnlock()
		releaseLogger(logID)
		return nil, ErrClientClosed
	}
	p, nerr := nativeClientWithOptions(c.h.p, body)
	c.h.mu.RUnlock()
	if nerr != nil {
		releaseLogger(logID)
		return nil, errorFromNative(nerr, nil, "")
	}
	return newClientFromHandle(&handle{p: p, logID: logID}), nil
}

// sharesPoolWith reports whether both clients send through one connection pool (tests).
func (c *Client) sharesPoolWith(other *Client) bool {
	c.h.mu.RLock()
	defer c.h.mu.RUnlock()
	other.h.mu.RLock()
	defer other.h.mu.RUnlock()
	return c.h.p != nil && other.h.p != nil && nativeSharesPool(c.h.p, other.h.p)
}

// Close releases the native client. It waits for calls in flight; later calls fail with
// ErrClientClosed. Calling it is optional (a collected Client is released anyway).
func (c *Client) Close() error {
	c.h.close()
	return nil
}

// String describes the client without its key.
func (c *Client) String() string { return "cryptotopcard.Client{" + Version + "}" }

// GoString describes the client without its key.
func (c *Client) GoString() string { return c.String() }

// Format prints the client without its key, whatever the verb.
func (c *Client) Format(f fmt.State, _ rune) { _, _ = fmt.Fprint(f, c.String()) }

// ResponseMeta describes the HTTP exchange behind a result (see WithResponseMeta).
type ResponseMeta struct {
	Status         int
	RequestID      string
	Headers        map[string][]string
	IdempotencyKey string
	// Replayed is true when the API answered from its idempotency store (a retried write).
	Replayed bool
	// Retries is how many retries the call needed.
	Retries int
}

type wireMeta struct {
	Status         int         `json:"status"`
	RequestID      *string     `json:"request_id"`
	Headers        [][2]string `json:"headers"`
	IdempotencyKey *string     `json:"idempotency_key"`
	Replayed       bool        `json:"replayed"`
	Retries        int         `json:"retries"`
}

func (w wireMeta) meta() ResponseMeta {
	m := ResponseMeta{Status: w.Status, RequestID: deref(w.RequestID), IdempotencyKey: deref(w.IdempotencyKey),
		Replayed: w.Replayed, Retries: w.Retries, Headers: map[string][]string{}}
	for _, h := range w.Headers {
		m.Headers[h[0]] = append(m.Headers[h[0]], h[1])
	}
	return m
}

// RequestOption adjusts one call.
type RequestOption func(*requestOptions)

type requestOptions struct {
	idempotencyKey *string
	timeout        time.Duration
	maxRetries     *int
	meta           *ResponseMeta
}

// WithIdempotencyKey sets the X-Idempotency-Key of a POST, PATCH or DELETE (default: one generated
// by the core per call and reused by its retries). A failed call's error carries the key it was
// sent with (IdempotencyKey(err)): pass it here to retry the call without applying it twice.
func WithIdempotencyKey(key string) RequestOption {
	return func(o *requestOptions) { o.idempotencyKey = &key }
}

// WithRequestTimeout overrides the client's per-attempt timeout for this call. (A context
// deadline ends the call when it passes, whatever the timeout.)
func WithRequestTimeout(d time.Duration) RequestOption {
	return func(o *requestOptions) { o.timeout = d }
}

// WithRequestMaxRetries overrides the client's retry count for this call.
func WithRequestMaxRetries(n int) RequestOption {
	return func(o *requestOptions) { o.maxRetries = &n }
}

// WithResponseMeta stores the call's HTTP status, request id, headers, idempotency key, replay
// flag and retry count in dst when the call succeeds.
func WithResponseMeta(dst *ResponseMeta) RequestOption {
	return func(o *requestOptions) { o.meta = dst }
}

type wireOptions struct {
	IdempotencyKey *string `json:"idempotency_key,omitempty"`
	TimeoutMs      *uint64 `json:"timeout_ms,omitempty"`
	MaxRetries     *uint32 `json:"max_retries,omitempty"`
}

// do runs one operation and decodes its data into out (nil: no result).
func (c *Client) do(ctx context.Context, op string, path pathParams, params any, out any, opts []RequestOption) error {
	body, err := encodeParams(params, path)
	if err != nil {
		return err
	}
	res, err := c.callInto(ctx, op, body, opts, out)
	if err != nil {
		return err
	}
	if out == nil || !res.decoded {
		return nil
	}
	if p, ok := out.(interface{ setNextPage(json.RawMessage) error }); ok {
		if err := p.setNextPage(res.NextPage); err != nil {
			return &InternalError{Kind: "decode", Message: fmt.Sprintf("%s: cannot decode the next page's params: %v", op, err)}
		}
	}
	return nil
}

// callResult is ctc_call's result: the body as the server sent it (unknown fields included), the
// exchange's metadata and, for a list, the params of the next page (null on the last page).
type callResult struct {
	Data     json.RawMessage `json:"data"`
	Meta     wireMeta        `json:"meta"`
	NextPage json.RawMessage `json:"next"`
	// decoded: the data was decoded into call's `into` (Data is then left empty).
	decoded bool
}

// intoResult is callResult with the data decoded straight into the caller's model: one pass of
// encoding/json over the native result instead of two (a list of 100 is scanned, copied into a
// RawMessage and scanned again otherwise). A null data leaves Data nil.
type intoResult struct {
	Data     any             `json:"data"`
	Meta     wireMeta        `json:"meta"`
	NextPage json.RawMessage `json:"next"`
}

// decodeResult decodes ctc_call's result; with `into` (a pointer to a model) its data is decoded
// into it in the same pass (a generated model: by decodeAnswer, which walks the result once,
// nested models included; see decode.go). Errors distinguish a native result that is not the
// documented envelope from a response body the model cannot hold (which names the call's
// idempotency key).
func decodeResult(op string, res []byte, into any) (*callResult, error) {
	if m, ok := into.(wireModel); ok {
		if out, ok := decodeAnswer(res, m); ok {
			return out, nil
		}
	} else if into != nil {
		env := intoResult{Data: into}
		if err := json.Unmarshal(res, &env); err == nil {
			return &callResult{Meta: env.Meta, NextPage: env.NextPage, decoded: env.Data != nil}, nil
		}
		// Slow path, only on failure: decode again in two steps to name what failed.
	}
	var out callResult
	if err := json.Unmarshal(res, &out); err != nil {
		return nil, &InternalError{Kind: "decode", Message: fmt.Sprintf("%s: unreadable native result: %v", op, err)}
	}
	if into == nil || len(out.Data) == 0 || string(out.Data) == "null" {
		return &out, nil
	}
	if err := json.Unmarshal(out.Data, into); err != nil {
		return nil, &InternalError{Kind: "decode", Message: fmt.Sprintf("%s: cannot decode the response: %v", op, err),
			IdempotencyKey: deref(out.Meta.IdempotencyKey)}
	}
	out.decoded = true
	return &out, nil
}

// call runs one operation with already-encoded params (the data left as JSON).
func (c *Client) call(ctx context.Context, op string, params []byte, opts []RequestOption) (*callResult, error) {
	return c.callInto(ctx, op, params, opts, nil)
}

// callInto runs one operation with already-encoded params; with `into` (a pointer to a model, or
// nil) the result's data is decoded into it.
func (c *Client) callInto(ctx context.Context, op string, params []byte, opts []RequestOption, into any) (*callResult, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	var ro requestOptions
	for _, o := range opts {
		o(&ro)
	}
	var wo wireOptions
	wo.IdempotencyKey = ro.idempotencyKey
	if ro.maxRetries != nil {
		if *ro.maxRetries < 0 || *ro.maxRetries > math.MaxUint32 {
			return nil, &ValidationError{Field: "max_retries", Message: "must be between 0 and 4294967295"}
		}
		n := uint32(*ro.maxRetries)
		wo.MaxRetries = &n
	}
	if ro.timeout < 0 {
		return nil, &ValidationError{Field: "timeout", Message: "must be positive"}
	}
	if ro.timeout > 0 {
		ms := uint64(math.Ceil(float64(ro.timeout) / float64(time.Millisecond)))
		wo.TimeoutMs = &ms
	}
	optsJSON, err := json.Marshal(&wo)
	if err != nil {
		return nil, &ValidationError{Field: "options", Message: err.Error()}
	}

	// Cancellation: when ctx is done (cancelled, or its deadline passed) the native token is
	// cancelled (by nativeCall, which waits for the call on ctx.Done() too); the core's future is
	// raced against that token and dropped, which aborts the HTTP request, and the core reports
	// class APIUserAbortError. A context that has ended already cancels the token first, so
	// nothing is sent, and the error still names the idempotency key the core chose for the
	// call, like any cancelled call's.
	var tok cancelToken
	done := ctx.Done()
	if done != nil {
		tok = newCancelToken()
		defer tok.free() // after nativeCall: the call has finished with it
		if ctx.Err() != nil {
			tok.cancel()
		}
	}

	c.h.mu.RLock()
	if c.h.p == nil {
		c.h.mu.RUnlock()
		return nil, ErrClientClosed
	}
	res, nerr := nativeCall(c.h.p, op, params, optsJSON, tok.p, done)
	c.h.mu.RUnlock()
	if c.h.logID != 0 {
		// The call's records reach its logger before the call returns (in this goroutine; the
		// Rust runtime never waits for a logger).
		flushLogs()
	}
	if nerr != nil {
		return nil, errorFromNative(nerr, ctx, op)
	}
	out, err := decodeResult(op, res, into)
	if err != nil {
		return nil, err
	}
	if ro.meta != nil {
		*ro.meta = out.Meta.meta()
	}
	return out, nil
}
