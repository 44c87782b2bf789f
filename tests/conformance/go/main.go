// Command conformance runs tests/conformance/cases.json against the Go package.
//
//	go run . [-cases FILE] [-sandbox BIN] [-k TEXT]
//
// It starts ctc-sandbox on a free port of 127.0.0.1 (or uses CTC_SANDBOX_URL), runs every case
// through the package's typed API (the case's wire params decoded with encoding/json into the
// generated params structs, path ids as arguments), prints one line per failing case and ends
// with "N passed, N failed". Exit status 1 when a case failed.
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"

	ctc "github.com/cryptotopcard/cryptotopcard-go"
)

const lang = "go"

type step struct {
	Op      string         `json:"op"`
	Params  map[string]any `json:"params"`
	Options map[string]any `json:"options"`
	Client  map[string]any `json:"client"`
	Error   string         `json:"error"`
	As      string         `json:"as"`
}

type testCase struct {
	Name    string            `json:"name"`
	Setup   []step            `json:"setup"`
	Client  map[string]any    `json:"client"`
	Op      string            `json:"op"`
	Params  map[string]any    `json:"params"`
	Options map[string]any    `json:"options"`
	Expect  map[string]any    `json:"expect"`
	Skip    map[string]string `json:"skip"`
}

// caseError: the case cannot run as written, or the Go API cannot express it.
type caseError struct{ msg string }

func (e *caseError) Error() string { return e.msg }

func fail(format string, args ...any) error { return &caseError{fmt.Sprintf(format, args...)} }

// missing marks an absent field (distinct from JSON null).
type missingT struct{}

var missing = missingT{}

// ----------------------------------------------------------------------------- sandbox and HTTP

type sandbox struct {
	url  string
	proc *exec.Cmd
}

func startSandbox(binary string) (*sandbox, error) {
	if u := os.Getenv("CTC_SANDBOX_URL"); u != "" {
		return &sandbox{url: strings.TrimRight(u, "/")}, nil
	}
	cmd := exec.Command(binary, "--port", "0")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	r := bufio.NewReader(out)
	line, err := r.ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "listening on ") {
		_ = cmd.Process.Kill()
		return nil, fmt.Errorf("ctc-sandbox did not start (first line %q): %v", line, err)
	}
	go func() { _, _ = io.Copy(io.Discard, r) }()
	return &sandbox{url: strings.TrimRight(strings.TrimSpace(strings.TrimPrefix(line, "listening on ")), "/"), proc: cmd}, nil
}

func (s *sandbox) close() {
	if s.proc != nil {
		_ = s.proc.Process.Kill()
		_ = s.proc.Wait()
	}
}

func (s *sandbox) get(path, key string) (map[string]any, error) {
	req, err := http.NewRequest(http.MethodGet, s.url+path, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+key)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %d", path, res.StatusCode)
	}
	var v map[string]any
	if err := json.NewDecoder(res.Body).Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

func (s *sandbox) requestCount(key string) (int, error) {
	v, err := s.get("/sandbox/stats", key)
	if err != nil {
		return 0, err
	}
	n, _ := v["requests"].(float64)
	return int(n), nil
}

func (s *sandbox) log(key string) ([]any, error) {
	v, err := s.get("/sandbox/requests", key)
	if err != nil {
		return nil, err
	}
	d, _ := v["data"].([]any)
	return d, nil
}

// ----------------------------------------------------------------------------- values

var (
	refRe    = regexp.MustCompile(`^\$([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+)*)$`)
	interpRe = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+)*)\}`)
)

// wire is a result as JSON data (json.Marshal of the package's model: wire names, Extra members kept).
func wire(v any) (any, error) {
	if v == nil || (reflect.ValueOf(v).Kind() == reflect.Pointer && reflect.ValueOf(v).IsNil()) {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, err
	}
	return out, nil
}

func lookup(v any, key string) any {
	switch x := v.(type) {
	case map[string]any:
		if val, ok := x[key]; ok {
			return val
		}
	case []any:
		if i, err := strconv.Atoi(key); err == nil && i >= 0 && i < len(x) {
			return x[i]
		}
	}
	return missing
}

func ref(env map[string]any, name, path string) (any, error) {
	v, ok := env[name]
	if !ok {
		return nil, fail("unknown reference $%s", name)
	}
	for _, seg := range strings.Split(path, ".") {
		if seg == "" {
			continue
		}
		v = lookup(v, seg)
		if v == missing {
			return nil, fail("reference $%s%s: no field %s", name, path, seg)
		}
	}
	return v, nil
}

// resolve substitutes references ("$card.id", "${card.id}") and builds special values.
func resolve(v any, env map[string]any) (any, error) {
	switch x := v.(type) {
	case string:
		if x == "$any" {
			return x, nil
		}
		if m := refRe.FindStringSubmatch(x); m != nil {
			return ref(env, m[1], m[2])
		}
		var rerr error
		out := interpRe.ReplaceAllStringFunc(x, func(s string) string {
			m := interpRe.FindStringSubmatch(s)
			r, err := ref(env, m[1], m[2])
			if err != nil {
				rerr = err
			}
			return fmt.Sprint(r)
		})
		return out, rerr
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			r, err := resolve(e, env)
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	case map[string]any:
		if n, ok := x["$number"].(string); ok && len(x) == 1 {
			f, err := strconv.ParseFloat(n, 64)
			if err != nil {
				return nil, fail("bad $number %q", n)
			}
			return f, nil
		}
		if s, ok := x["$repeat"].(string); ok && len(x) == 2 {
			t, _ := x["times"].(float64)
			return strings.Repeat(s, int(t)), nil
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			r, err := resolve(e, env)
			if err != nil {
				return nil, err
			}
			out[k] = r
		}
		return out, nil
	}
	return v, nil
}

func show(v any) string {
	if v == missing {
		return "<missing>"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func sameNumber(a any, b float64) bool {
	f, ok := a.(float64)
	return ok && math.Abs(f-b) <= 1e-9
}

func deepEqual(exp, act any) bool {
	switch e := exp.(type) {
	case map[string]any:
		a, ok := act.(map[string]any)
		if !ok || len(a) != len(e) {
			return false
		}
		for k, ev := range e {
			av, ok := a[k]
			if !ok || !deepEqual(ev, av) {
				return false
			}
		}
		return true
	case []any:
		a, ok := act.([]any)
		if !ok || len(a) != len(e) {
			return false
		}
		for i := range e {
			if !deepEqual(e[i], a[i]) {
				return false
			}
		}
		return true
	case float64:
		return sameNumber(act, e)
	}
	return exp == act
}

func asList(v any) ([]any, bool) {
	switch x := v.(type) {
	case []any:
		return x, true
	case map[string]any:
		d, ok := x["data"].([]any)
		return d, ok
	}
	return nil, false
}

// match lists the mismatches of act against the expectation exp (objects: subset; see README).
func match(exp, act any, path string) []string {
	here := path
	if here == "" {
		here = "result"
	}
	if act == missing {
		if exp == nil { // null: null or left out
			return nil
		}
		return []string{here + ": missing"}
	}
	if s, ok := exp.(string); ok && s == "$any" {
		if act == nil {
			return []string{here + ": expected a value, got null"}
		}
		return nil
	}
	switch e := exp.(type) {
	case map[string]any:
		if n, ok := e["$len"].(float64); ok {
			items, ok := asList(act)
			if !ok || len(items) != int(n) {
				return []string{fmt.Sprintf("%s: expected %d items, got %s", here, int(n), show(act))}
			}
			return nil
		}
		if x, ok := e["$exact"]; ok {
			if !deepEqual(x, act) {
				return []string{fmt.Sprintf("%s: expected exactly %s, got %s", here, show(x), show(act))}
			}
			return nil
		}
		if _, ok := act.(map[string]any); !ok {
			return []string{fmt.Sprintf("%s: expected an object, got %s", here, show(act))}
		}
		keys := make([]string, 0, len(e))
		for k := range e {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var out []string
		for _, k := range keys {
			sub := k
			if path != "" {
				sub = path + "." + k
			}
			out = append(out, match(e[k], lookup(act, k), sub)...)
		}
		return out
	case []any:
		items, ok := asList(act)
		if !ok || len(items) != len(e) {
			return []string{fmt.Sprintf("%s: expected %d items, got %s", here, len(e), show(act))}
		}
		var out []string
		for i := range e {
			out = append(out, match(e[i], items[i], fmt.Sprintf("%s[%d]", path, i))...)
		}
		return out
	case float64:
		if !sameNumber(act, e) {
			return []string{fmt.Sprintf("%s: expected %v, got %s", here, e, show(act))}
		}
		return nil
	}
	if exp != act {
		return []string{fmt.Sprintf("%s: expected %s, got %s", here, show(exp), show(act))}
	}
	return nil
}

func checkKey(what string, exp any, got string) []string {
	switch e := exp.(type) {
	case bool:
		if e && got == "" {
			return []string{what + ": expected an idempotency key, got none"}
		}
		if !e && got != "" {
			return []string{fmt.Sprintf("%s: expected no idempotency key, got %q", what, got)}
		}
		return nil
	case string:
		if got != e {
			return []string{fmt.Sprintf("%s: expected idempotency key %q, got %q", what, e, got)}
		}
	}
	return nil
}

// ----------------------------------------------------------------------------- calls

func makeClient(sb *sandbox, key string, spec map[string]any) (*ctc.Client, error) {
	baseURL := sb.url
	if u, ok := spec["base_url"].(string); ok {
		baseURL = u
	}
	opts := []ctc.Option{ctc.WithBaseURL(baseURL)}
	if k, ok := spec["api_key"].(string); ok {
		key = k
	}
	if n, ok := spec["max_response_bytes"].(float64); ok {
		opts = append(opts, ctc.WithMaxResponseBytes(int64(n)))
	}
	if n, ok := spec["max_retries"].(float64); ok {
		opts = append(opts, ctc.WithMaxRetries(int(n)))
	}
	if h, ok := spec["default_headers"].(map[string]any); ok {
		names := make([]string, 0, len(h))
		for name := range h {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			opts = append(opts, ctc.WithHeader(name, fmt.Sprint(h[name])))
		}
	}
	return ctc.NewClient(key, opts...)
}

// decode fills dst (a params struct) from the wire params, as a Go user would write the struct:
// encoding/json with unknown fields refused (a field the struct lacks cannot be written in Go).
// Non-finite numbers, which JSON cannot carry, are set on their field directly.
func decode(params map[string]any, dst any) error {
	finite := map[string]any{}
	special := map[string]float64{}
	members := map[string]map[string]float64{} // non-finite members of a map field (metadata)
	nonFinite := func(v any) (float64, bool) {
		f, ok := v.(float64)
		return f, ok && (math.IsNaN(f) || math.IsInf(f, 0))
	}
	for k, v := range params {
		if f, ok := nonFinite(v); ok {
			special[k] = f
			continue
		}
		if m, ok := v.(map[string]any); ok {
			rest := map[string]any{}
			for mk, mv := range m {
				if f, ok := nonFinite(mv); ok {
					if members[k] == nil {
						members[k] = map[string]float64{}
					}
					members[k][mk] = f
					continue
				}
				rest[mk] = mv
			}
			v = rest
		}
		finite[k] = v
	}
	b, err := json.Marshal(finite)
	if err != nil {
		return fail("cannot encode params: %v", err)
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(dst); err != nil {
		return fail("the Go API cannot express these params: %v", err)
	}
	rv := reflect.ValueOf(dst).Elem()
	for k, f := range special {
		set := false
		for i := 0; i < rv.NumField(); i++ {
			if name, _, _ := strings.Cut(rv.Type().Field(i).Tag.Get("json"), ","); name == k {
				fv := rv.Field(i)
				switch {
				case fv.Kind() == reflect.Float64:
					fv.SetFloat(f)
					set = true
				case fv.Kind() == reflect.Pointer && fv.Type().Elem().Kind() == reflect.Float64:
					fv.Set(reflect.ValueOf(&f))
					set = true
				}
			}
		}
		if !set {
			return fail("the Go API cannot express a non-finite %s", k)
		}
	}
	for k, m := range members {
		set := false
		for i := 0; i < rv.NumField(); i++ {
			if name, _, _ := strings.Cut(rv.Type().Field(i).Tag.Get("json"), ","); name == k {
				fv := rv.Field(i)
				if fv.Kind() != reflect.Map || fv.Type().Key().Kind() != reflect.String {
					break
				}
				if fv.IsNil() {
					fv.Set(reflect.MakeMap(fv.Type()))
				}
				for mk, f := range m {
					val := reflect.ValueOf(f)
					if !val.Type().AssignableTo(fv.Type().Elem()) {
						return fail("the Go API cannot express a non-finite %s.%s", k, mk)
					}
					fv.SetMapIndex(reflect.ValueOf(mk).Convert(fv.Type().Key()), val)
				}
				set = true
			}
		}
		if !set {
			return fail("the Go API cannot express non-finite members of %s", k)
		}
	}
	return nil
}

func takeID(params map[string]any, key string) (string, error) {
	v, ok := params[key]
	delete(params, key)
	if !ok {
		return "", nil
	}
	s, ok := v.(string)
	if !ok {
		return "", fail("the Go API cannot express a %s that is not a string", key)
	}
	return s, nil
}

func noParams(params map[string]any) error {
	for k := range params {
		return fail("the Go API cannot express the parameter %s here", k)
	}
	return nil
}

func ret[T any](v *T, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return v, nil
}

func withParams[P any, R any](params map[string]any, f func(*P) (*R, error)) (any, error) {
	p := new(P)
	if err := decode(params, p); err != nil {
		return nil, err
	}
	return ret(f(p))
}

func withID[R any](params map[string]any, key string, f func(string) (*R, error)) (any, error) {
	id, err := takeID(params, key)
	if err != nil {
		return nil, err
	}
	if err := noParams(params); err != nil {
		return nil, err
	}
	return ret(f(id))
}

func withIDParams[P any, R any](params map[string]any, key string, f func(string, *P) (*R, error)) (any, error) {
	id, err := takeID(params, key)
	if err != nil {
		return nil, err
	}
	p := new(P)
	if err := decode(params, p); err != nil {
		return nil, err
	}
	return ret(f(id, p))
}

func withNone[R any](params map[string]any, f func() (*R, error)) (any, error) {
	if err := noParams(params); err != nil {
		return nil, err
	}
	return ret(f())
}

// call runs op the way a user of the package writes it.
func call(ctx context.Context, c *ctc.Client, op string, in map[string]any, o []ctc.RequestOption) (any, error) {
	params := make(map[string]any, len(in))
	for k, v := range in {
		params[k] = v
	}
	switch op {
	case "cards.create":
		return withParams(params, func(p *ctc.CardCreateParams) (*ctc.Card, error) { return c.Cards.Create(ctx, p, o...) })
	case "cards.list":
		return withParams(params, func(p *ctc.CardListParams) (*ctc.CardList, error) { return c.Cards.List(ctx, p, o...) })
	case "cards.retrieve":
		return withID(params, "card_id", func(id string) (*ctc.Card, error) { return c.Cards.Retrieve(ctx, id, o...) })
	case "cards.details":
		return withID(params, "card_id", func(id string) (*ctc.CardDetails, error) { return c.Cards.Details(ctx, id, o...) })
	case "cards.update":
		return withIDParams(params, "card_id", func(id string, p *ctc.CardUpdateParams) (*ctc.Card, error) {
			return c.Cards.Update(ctx, id, p, o...)
		})
	case "cards.freeze":
		return withID(params, "card_id", func(id string) (*ctc.FreezeResult, error) { return c.Cards.Freeze(ctx, id, o...) })
	case "cards.unfreeze":
		return withID(params, "card_id", func(id string) (*ctc.Card, error) { return c.Cards.Unfreeze(ctx, id, o...) })
	case "cards.terminate":
		return withID(params, "card_id", func(id string) (*ctc.TerminateResult, error) { return c.Cards.Terminate(ctx, id, o...) })
	case "cards.fund":
		return withIDParams(params, "card_id", func(id string, p *ctc.CardFundParams) (*ctc.FundResult, error) {
			return c.Cards.Fund(ctx, id, p, o...)
		})
	case "cards.withdraw":
		return withIDParams(params, "card_id", func(id string, p *ctc.CardWithdrawParams) (*ctc.WithdrawResult, error) {
			return c.Cards.Withdraw(ctx, id, p, o...)
		})
	case "transactions.list":
		return withParams(params, func(p *ctc.TransactionListParams) (*ctc.TransactionList, error) {
			return c.Transactions.List(ctx, p, o...)
		})
	case "transactions.retrieve":
		return withID(params, "transaction_id", func(id string) (*ctc.Transaction, error) {
			return c.Transactions.Retrieve(ctx, id, o...)
		})
	case "wallet.retrieve":
		return withNone(params, func() (*ctc.Wallet, error) { return c.Wallet.Retrieve(ctx, o...) })
	case "wallet.addresses":
		return withParams(params, func(p *ctc.WalletAddressesParams) (*ctc.WalletAddresses, error) {
			return c.Wallet.Addresses(ctx, p, o...)
		})
	case "wallet.deposits":
		return withParams(params, func(p *ctc.WalletDepositsParams) (*ctc.DepositList, error) {
			return c.Wallet.Deposits(ctx, p, o...)
		})
	case "bins.list":
		return withNone(params, func() (*ctc.BinList, error) { return c.Bins.List(ctx, o...) })
	case "threeds.list":
		return withParams(params, func(p *ctc.ThreeDSListParams) (*ctc.ThreeDSChallengeList, error) {
			return c.ThreeDS.List(ctx, p, o...)
		})
	case "threeds.retrieve":
		return withID(params, "challenge_id", func(id string) (*ctc.ThreeDSChallenge, error) {
			return c.ThreeDS.Retrieve(ctx, id, o...)
		})
	case "webhooks.create":
		return withParams(params, func(p *ctc.WebhookCreateParams) (*ctc.WebhookWithSecret, error) {
			return c.Webhooks.Create(ctx, p, o...)
		})
	case "webhooks.list":
		return withNone(params, func() (*ctc.WebhookList, error) { return c.Webhooks.List(ctx, o...) })
	case "webhooks.delete":
		id, err := takeID(params, "webhook_id")
		if err != nil {
			return nil, err
		}
		if err := noParams(params); err != nil {
			return nil, err
		}
		return nil, c.Webhooks.Delete(ctx, id, o...)
	case "sandbox.deposit":
		return withParams(params, func(p *ctc.SandboxDepositParams) (*ctc.Deposit, error) {
			return c.Sandbox.Deposit(ctx, p, o...)
		})
	case "sandbox.confirm_deposit":
		return withID(params, "deposit_id", func(id string) (*ctc.Deposit, error) { return c.Sandbox.ConfirmDeposit(ctx, id, o...) })
	case "sandbox.authorize":
		return withParams(params, func(p *ctc.SandboxAuthorizeParams) (*ctc.Transaction, error) {
			return c.Sandbox.Authorize(ctx, p, o...)
		})
	case "sandbox.settle":
		return withID(params, "transaction_id", func(id string) (*ctc.Transaction, error) { return c.Sandbox.Settle(ctx, id, o...) })
	case "sandbox.refund":
		return withIDParams(params, "transaction_id", func(id string, p *ctc.SandboxRefundParams) (*ctc.Transaction, error) {
			return c.Sandbox.Refund(ctx, id, p, o...)
		})
	case "sandbox.challenge":
		return withParams(params, func(p *ctc.SandboxChallengeParams) (*ctc.ThreeDSChallenge, error) {
			return c.Sandbox.Challenge(ctx, p, o...)
		})
	}
	return nil, fail("unknown operation %s", op)
}

// nextPage fetches the page after a list result with the params the package gives (nil, false: none).
func nextPage(ctx context.Context, c *ctc.Client, result any) (any, bool, error) {
	switch v := result.(type) {
	case *ctc.CardList:
		if v.NextPage == nil {
			return nil, false, nil
		}
		r, err := c.Cards.List(ctx, v.NextPage)
		return r, true, err
	case *ctc.TransactionList:
		if v.NextPage == nil {
			return nil, false, nil
		}
		r, err := c.Transactions.List(ctx, v.NextPage)
		return r, true, err
	case *ctc.DepositList:
		if v.NextPage == nil {
			return nil, false, nil
		}
		r, err := c.Wallet.Deposits(ctx, v.NextPage)
		return r, true, err
	case *ctc.ThreeDSChallengeList:
		if v.NextPage == nil {
			return nil, false, nil
		}
		r, err := c.ThreeDS.List(ctx, v.NextPage)
		return r, true, err
	}
	return nil, false, fail("next_page: %T is not a paginated list", result)
}

func checkError(exp map[string]any, err error) []string {
	var out []string
	class := ctc.ClassOf(err).Name()
	if want, _ := exp["class"].(string); class != want {
		out = append(out, fmt.Sprintf("error class: expected %s, got %s (%v)", want, class, err))
	}
	got := map[string]any{"status": nil, "code": nil, "field": nil, "param": nil}
	var api *ctc.APIError
	retryAfter := math.NaN()
	requestID, message := "", ""
	if errors.As(err, &api) {
		requestID, message = api.RequestID, api.Message
		got["status"] = float64(api.Status)
		got["code"] = nilIfEmpty(api.Code)
		got["param"] = nilIfEmpty(api.Param)
		retryAfter = api.RetryAfter.Seconds()
	}
	var ce *ctc.ConfigurationError
	var ve *ctc.ValidationError
	if errors.As(err, &ce) {
		got["field"] = nilIfEmpty(ce.Field)
	} else if errors.As(err, &ve) {
		got["field"] = nilIfEmpty(ve.Field)
	}
	for _, name := range []string{"status", "code", "field", "param"} {
		if want, ok := exp[name]; ok && !deepEqual(want, got[name]) {
			out = append(out, fmt.Sprintf("error %s: expected %s, got %s", name, show(want), show(got[name])))
		}
	}
	if want, ok := exp["retry_after"].(float64); ok && !sameNumber(retryAfter, want) {
		out = append(out, fmt.Sprintf("error retry_after: expected %v, got %v", want, retryAfter))
	}
	if want, ok := exp["idempotency_key"]; ok {
		key, _ := ctc.IdempotencyKey(err)
		out = append(out, checkKey("error", want, key)...)
	}
	if exp["request_id"] == true && !strings.HasPrefix(requestID, "req_") {
		out = append(out, fmt.Sprintf("error request_id: expected the API's req_ id, got %q", requestID))
	}
	if exp["message"] == true && message == "" {
		out = append(out, "error message: expected the API's message, got none")
	}
	return out
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func checkMeta(exp map[string]any, meta ctc.ResponseMeta) []string {
	var out []string
	if want, ok := exp["status"].(float64); ok && int(want) != meta.Status {
		out = append(out, fmt.Sprintf("meta status: expected %v, got %d", want, meta.Status))
	}
	if want, ok := exp["replayed"].(bool); ok && want != meta.Replayed {
		out = append(out, fmt.Sprintf("meta replayed: expected %v, got %v", want, meta.Replayed))
	}
	if want, ok := exp["idempotency_key"]; ok {
		out = append(out, checkKey("meta", want, meta.IdempotencyKey)...)
	}
	return out
}

func checkRequest(exp any, sent int, entries []any, logged bool, env map[string]any) ([]string, error) {
	if s, ok := exp.(string); ok && s == "none" {
		var out []string
		if sent != 0 {
			out = append(out, fmt.Sprintf("request: expected nothing sent, the sandbox got %d", sent))
		}
		if logged && len(entries) > 0 {
			out = append(out, "request: expected nothing sent, logged "+show(entries))
		}
		return out, nil
	}
	e, _ := exp.(map[string]any)
	count := 1
	if n, ok := e["count"].(float64); ok {
		count = int(n)
	}
	var out []string
	if sent != count {
		out = append(out, fmt.Sprintf("request: expected %d sent, the sandbox got %d", count, sent))
	}
	if method, ok := e["method"].(string); ok && logged {
		p, err := resolve(e["path"], env)
		if err != nil {
			return nil, err
		}
		want := method + " " + fmt.Sprint(p)
		seen := make([]string, 0, len(entries))
		bad := len(entries) != count
		for _, x := range entries {
			m, _ := x.(map[string]any)
			s := fmt.Sprint(m["method"]) + " " + fmt.Sprint(m["path"])
			seen = append(seen, s)
			bad = bad || s != want
		}
		if bad {
			out = append(out, fmt.Sprintf("request: expected %d x %s, logged %s", count, want, show(seen)))
		}
	}
	return out, nil
}

func options(o map[string]any) []ctc.RequestOption {
	var out []ctc.RequestOption
	if k, ok := o["idempotency_key"].(string); ok {
		out = append(out, ctc.WithIdempotencyKey(k))
	}
	return out
}

func runCase(sb *sandbox, c testCase, index int) ([]string, error) {
	ctx := context.Background()
	buf := make([]byte, 6)
	_, _ = rand.Read(buf)
	key := fmt.Sprintf("sk_test_conf_%s_%d_%s", lang, index, hex.EncodeToString(buf))
	env := map[string]any{}
	plain, err := makeClient(sb, key, nil)
	if err != nil {
		return nil, fail("client: %v", err)
	}
	defer plain.Close()
	for i, s := range c.Setup {
		p, err := resolve(s.Params, env)
		if err != nil {
			return nil, err
		}
		pm, _ := p.(map[string]any)
		o, err := resolve(s.Options, env)
		if err != nil {
			return nil, err
		}
		om, _ := o.(map[string]any)
		client := plain
		if s.Client != nil {
			if client, err = makeClient(sb, key, s.Client); err != nil {
				return nil, fail("setup step %d (%s): client: %v", i, s.Op, err)
			}
			defer client.Close()
		}
		v, err := call(ctx, client, s.Op, pm, options(om))
		var value any
		switch {
		case errors.As(err, new(*caseError)):
			return nil, err
		case err != nil && ctc.ClassOf(err).Name() == s.Error:
			key, _ := ctc.IdempotencyKey(err)
			value = map[string]any{"class": s.Error, "idempotency_key": nilIfEmpty(key)}
		case err != nil:
			return nil, fail("setup step %d (%s) failed: %s: %v", i, s.Op, ctc.ClassOf(err).Name(), err)
		case s.Error != "":
			return nil, fail("setup step %d (%s): expected %s, got a result", i, s.Op, s.Error)
		default:
			if value, err = wire(v); err != nil {
				return nil, err
			}
		}
		if s.As != "" {
			env[s.As] = value
		}
	}
	p, err := resolve(c.Params, env)
	if err != nil {
		return nil, err
	}
	params, _ := p.(map[string]any)
	o, err := resolve(c.Options, env)
	if err != nil {
		return nil, err
	}
	om, _ := o.(map[string]any)
	logBefore, err := sb.log(key)
	if err != nil {
		return nil, err
	}
	countBefore, err := sb.requestCount(key)
	if err != nil {
		return nil, err
	}
	var meta ctc.ResponseMeta
	var result any
	client, callErr := makeClient(sb, key, c.Client)
	if callErr == nil {
		defer client.Close()
		result, callErr = call(ctx, client, c.Op, params, append(options(om), ctc.WithResponseMeta(&meta)))
	}
	var ce *caseError
	if errors.As(callErr, &ce) {
		return nil, callErr
	}
	countAfter, err := sb.requestCount(key)
	if err != nil {
		return nil, err
	}
	logAfter, err := sb.log(key)
	if err != nil {
		return nil, err
	}
	sent := countAfter - countBefore - 1
	entries := logAfter[min(len(logBefore), len(logAfter)):]

	var failures []string
	exp := c.Expect
	if e, ok := exp["error"]; ok {
		want, err := resolve(e, env)
		if err != nil {
			return nil, err
		}
		wm, _ := want.(map[string]any)
		if callErr == nil {
			w, _ := wire(result)
			failures = append(failures, fmt.Sprintf("expected %v, got a result: %s", wm["class"], show(w)))
		} else {
			failures = append(failures, checkError(wm, callErr)...)
		}
	} else if callErr != nil {
		failures = append(failures, fmt.Sprintf("unexpected %s: %v", ctc.ClassOf(callErr).Name(), callErr))
	} else {
		w, err := wire(result)
		if err != nil {
			return nil, err
		}
		if r, ok := exp["result"]; ok {
			want, err := resolve(r, env)
			if err != nil {
				return nil, err
			}
			failures = append(failures, match(want, w, "")...)
		}
		if m, ok := exp["meta"]; ok {
			want, err := resolve(m, env)
			if err != nil {
				return nil, err
			}
			wm, _ := want.(map[string]any)
			failures = append(failures, checkMeta(wm, meta)...)
		}
	}
	if r, ok := exp["request"]; ok {
		_, custom := c.Client["api_key"]
		f, err := checkRequest(r, sent, entries, !custom, env)
		if err != nil {
			return nil, err
		}
		failures = append(failures, f...)
	}
	if np, ok := exp["next_page"]; ok && callErr == nil {
		next, exists, err := nextPage(ctx, client, result)
		switch {
		case errors.As(err, &ce):
			return nil, err
		case err != nil:
			failures = append(failures, fmt.Sprintf("next_page: %v", err))
		case np == nil && exists:
			failures = append(failures, "next_page: expected none, the list has NextPage set")
		case np != nil && !exists:
			failures = append(failures, "next_page: expected a next page, NextPage is nil")
		case np != nil:
			want, err := resolve(np, env)
			if err != nil {
				return nil, err
			}
			w, err := wire(next)
			if err != nil {
				return nil, err
			}
			failures = append(failures, match(want, w, "next_page")...)
		}
	}
	return failures, nil
}

func main() {
	_, self, _, _ := runtime.Caller(0)
	root := filepath.Clean(filepath.Join(filepath.Dir(self), "..", "..", ".."))
	defSandbox := os.Getenv("CTC_SANDBOX_BIN")
	if defSandbox == "" {
		defSandbox = filepath.Join(root, "target", "debug", "ctc-sandbox")
	}
	casesPath := flag.String("cases", filepath.Join(root, "tests", "conformance", "cases.json"), "case file")
	sandboxBin := flag.String("sandbox", defSandbox, "ctc-sandbox binary")
	only := flag.String("k", "", "run only the cases whose name contains this")
	flag.Parse()

	raw, err := os.ReadFile(*casesPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var file struct {
		Cases []testCase `json:"cases"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		fmt.Fprintln(os.Stderr, "cases:", err)
		os.Exit(2)
	}
	sb, err := startSandbox(*sandboxBin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	runSkipped := os.Getenv("CTC_CONFORMANCE_RUN_SKIPPED") == "1"
	passed, failed := 0, 0
	for i, c := range file.Cases {
		if *only != "" && !strings.Contains(c.Name, *only) {
			continue
		}
		if reason := c.Skip[lang]; reason != "" && !runSkipped {
			fmt.Fprintf(os.Stderr, "skip %s: %s\n", c.Name, reason)
			continue
		}
		failures, err := runCase(sb, c, i)
		if err != nil {
			failures = []string{err.Error()}
		}
		if len(failures) > 0 {
			failed++
			fmt.Printf("FAIL %s: %s\n", c.Name, strings.Join(failures, "; "))
		} else {
			passed++
		}
	}
	sb.close()
	fmt.Printf("%d passed, %d failed\n", passed, failed)
	if failed > 0 {
		os.Exit(1)
	}
}
