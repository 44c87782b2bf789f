package cryptotopcard

// This is the only file that talks to the C ABI (include/cryptotopcard.h, built from src/ by cargo).
//
// How the native library is found: by default the static library built in this workspace,
// target/debug/libcryptotopcard_capi.a (then target/release), is linked in. To link another copy put
// its directory first with CGO_LDFLAGS="-L/path/to/dir" (flags from the environment come before the
// ones below). See README.md.

/*
#cgo CFLAGS: -I${SRCDIR}/include
#cgo linux LDFLAGS: -L${SRCDIR}/../target/debug -L${SRCDIR}/../target/release -l:libcryptotopcard_capi.a -lm -ldl -lpthread
#cgo darwin LDFLAGS: -L${SRCDIR}/../target/debug -L${SRCDIR}/../target/release -lcryptotopcard_capi -framework Security -framework CoreFoundation -framework SystemConfiguration
#include <stdlib.h>
#include <string.h>
#include "cryptotopcard.h"
*/
import "C"

import (
	"runtime"
	"sync"
	"sync/atomic"
	"unsafe"
)

// nativeError is a failed C call: its status code and the core's error JSON.
type nativeError struct {
	code int
	json string
}

// takeString copies a string returned by the library and frees the original.
func takeString(p *C.char) string {
	if p == nil {
		return ""
	}
	s := C.GoString(p)
	C.ctc_string_free(p)
	return s
}

// takeBytes copies a string returned by the library into a byte slice (what encoding/json reads,
// without a second copy from string to []byte) and frees the original.
func takeBytes(p *C.char) []byte {
	if p == nil {
		return nil
	}
	b := C.GoBytes(unsafe.Pointer(p), C.int(C.strlen(p)))
	C.ctc_string_free(p)
	return b
}

func freeC(p *C.char) {
	if p != nil {
		C.free(unsafe.Pointer(p))
	}
}

// result is the outcome of a C call that returned code and wrote its error JSON to errOut (which
// it takes): res, or the error.
func result[T any](res T, code C.int32_t, errOut *C.char) (T, *nativeError) {
	e := takeString(errOut)
	if code != C.CTC_OK {
		var zero T
		return zero, &nativeError{code: int(code), json: e}
	}
	return res, nil
}

// outString runs a C function that writes a string to its out pointer and takes that string.
func outString(f func(out, errOut **C.char) C.int32_t) (string, *nativeError) {
	var out, errOut *C.char
	code := f(&out, &errOut)
	return result(takeString(out), code, errOut)
}

// newHandle runs a C constructor of clients with config as its JSON argument; a NULL handle
// means the configuration was refused (the error JSON says why).
func newHandle(config []byte, f func(config *C.char, errOut **C.char) *C.CtcClient) (*C.CtcClient, *nativeError) {
	cfg := C.CString(string(config))
	defer freeC(cfg)
	var errOut *C.char
	h := f(cfg, &errOut)
	e := takeString(errOut)
	if h == nil {
		return nil, &nativeError{code: int(C.CTC_ERR_CONFIGURATION), json: e}
	}
	return h, nil
}

func nativeClientNew(configJSON []byte) (*C.CtcClient, *nativeError) {
	return newHandle(configJSON, func(cfg *C.char, errOut **C.char) *C.CtcClient { return C.ctc_client_new(cfg, errOut) })
}

func nativeClientFree(h *C.CtcClient) { C.ctc_client_free(h) }

// nativeClientWithOptions derives a client sharing h's connection pool (core Client::with_options).
func nativeClientWithOptions(h *C.CtcClient, optsJSON []byte) (*C.CtcClient, *nativeError) {
	return newHandle(optsJSON, func(opts *C.char, errOut **C.char) *C.CtcClient {
		return C.ctc_client_with_options(h, opts, errOut)
	})
}

// nativeSharesPool reports whether two clients send through the same connection pool.
func nativeSharesPool(a, b *C.CtcClient) bool { return C.ctc_client_shares_pool(a, b) == 1 }

// Core log levels (CTC_LOG_*), most verbose first.
const (
	nativeLogDebug = int(C.CTC_LOG_DEBUG)
	nativeLogInfo  = int(C.CTC_LOG_INFO)
	nativeLogWarn  = int(C.CTC_LOG_WARN)
	nativeLogError = int(C.CTC_LOG_ERROR)
	nativeLogOff   = int(C.CTC_LOG_OFF)
)

// nativeLogEnvLevel is the level CRYPTOTOPCARD_LOG names, as the core reads it now.
func nativeLogEnvLevel() int { return int(C.ctc_log_env_level()) }

// nativeLogSetLevel installs the core's log sink (once) and sets its level.
func nativeLogSetLevel(level int) *nativeError {
	var errOut *C.char
	code := C.ctc_log_set_level(C.int32_t(level), &errOut)
	_, err := result(struct{}{}, code, errOut)
	return err
}

// nativeLogWait blocks this thread until log records are queued (true) or timeout passes.
func nativeLogWait(timeoutMs uint64) bool { return C.ctc_log_wait(C.uint64_t(timeoutMs)) == 1 }

// nativeLogDrain takes every queued log record as JSON ({"dropped","records"}).
func nativeLogDrain() (string, *nativeError) {
	return outString(func(out, errOut **C.char) C.int32_t { return C.ctc_log_drain(out, errOut) })
}

// nativeCall runs one operation and returns its result JSON ({"data","meta","next"}). When
// done is closed first, tok is cancelled (the call then ends with CTC_ERR_CANCELLED); tok may be
// freed once this returns.
//
// With few calls in flight the call blocks its thread in ctc_call (the quickest way back for one
// call). Beyond that it runs with ctc_call_start and this goroutine waits for its completion
// without holding an OS thread: with 64 calls in flight ctc_call would park 64 threads, and each
// return needs the scheduler to find its thread a P again.
func nativeCall(h *C.CtcClient, op string, params, opts []byte, tok *C.CtcCancelToken, done <-chan struct{}) ([]byte, *nativeError) {
	cOp := C.CString(op)
	defer freeC(cOp)
	cParams := C.CString(string(params))
	defer freeC(cParams)
	cOpts := C.CString(string(opts))
	defer freeC(cOpts)
	if n := calls.inFlight.Add(1); n <= blockingCalls.Load() || n <= int32(runtime.GOMAXPROCS(0)) && blockingCalls.Load() < 0 {
		defer calls.inFlight.Add(-1)
		return nativeCallBlocking(h, cOp, cParams, cOpts, tok, done)
	}
	defer calls.inFlight.Add(-1)
	calls.start()
	tag, ch := calls.register()
	var errOut *C.char
	if code := C.ctc_call_start(h, cOp, cParams, cOpts, tok, C.uint64_t(tag), &errOut); code != C.CTC_OK {
		calls.unregister(tag)
		return result[[]byte](nil, code, errOut)
	}
	var c completion
	select {
	case c = <-ch:
	case <-done:
		C.ctc_cancel_token_cancel(tok)
		c = <-ch
	}
	return result(takeBytes(c.result), c.code, c.err)
}

// nativeCallBlocking runs the call in ctc_call, which blocks this thread; a goroutine cancels
// tok when done is closed first.
func nativeCallBlocking(h *C.CtcClient, op, params, opts *C.char, tok *C.CtcCancelToken, done <-chan struct{}) ([]byte, *nativeError) {
	if done != nil {
		finished, exited := make(chan struct{}), make(chan struct{})
		go func() {
			defer close(exited)
			select {
			case <-done:
				C.ctc_cancel_token_cancel(tok)
			case <-finished:
			}
		}()
		defer func() {
			close(finished)
			<-exited // the goroutine no longer touches tok
		}()
	}
	var out, errOut *C.char
	code := C.ctc_call(h, op, params, opts, tok, &out, &errOut)
	return result(takeBytes(out), code, errOut)
}

// blockingCalls is how many calls in flight may block their thread in ctc_call (negative:
// GOMAXPROCS); tests set it to 0 to run every call through ctc_call_start.
var blockingCalls atomic.Int32

func init() { blockingCalls.Store(-1) }

// completion is a finished ctc_call_start, its strings not taken yet.
type completion struct {
	code        C.int32_t
	result, err *C.char
}

// calls are the ctc_call_start calls in flight, by tag. One goroutine, started with the first
// client, takes their completions from the core (ctc_call_wait, in batches) and hands each to
// its caller.
var calls = &callRegistry{waiting: map[uint64]chan completion{}}

type callRegistry struct {
	// inFlight counts the calls running (blocking or not).
	inFlight atomic.Int32
	mu       sync.Mutex
	once     sync.Once
	next     uint64
	waiting  map[uint64]chan completion
}

// start starts the goroutine that delivers completions (once).
func (r *callRegistry) start() {
	r.once.Do(func() { go r.deliver() })
}

func (r *callRegistry) register() (uint64, chan completion) {
	ch := make(chan completion, 1)
	r.mu.Lock()
	r.next++
	tag := r.next
	r.waiting[tag] = ch
	r.mu.Unlock()
	return tag, ch
}

func (r *callRegistry) unregister(tag uint64) {
	r.mu.Lock()
	delete(r.waiting, tag)
	r.mu.Unlock()
}

func (r *callRegistry) deliver() {
	var buf [64]C.CtcCompletion
	for {
		// Let the callers handed completions run on this P before blocking in C with it.
		runtime.Gosched()
		n := int(C.ctc_call_wait(&buf[0], C.uintptr_t(len(buf)), 0))
		if n == 0 {
			n = int(C.ctc_call_wait(&buf[0], C.uintptr_t(len(buf)), 60_000))
		}
		for i := range n {
			d := &buf[i]
			tag := uint64(d.tag)
			r.mu.Lock()
			ch := r.waiting[tag]
			delete(r.waiting, tag)
			r.mu.Unlock()
			c := completion{code: d.code, result: d.result, err: d.err}
			if ch == nil { // not ours (cannot happen): release its strings
				takeString(c.result)
				takeString(c.err)
				continue
			}
			ch <- c // buffered: never blocks
		}
	}
}

func nativeOperations() (string, *nativeError) {
	return outString(func(out, errOut **C.char) C.int32_t { return C.ctc_operations(out, errOut) })
}

// nativeErrorClasses is the core's table of error classes as JSON ([{"name","parent","doc"}]).
func nativeErrorClasses() (string, *nativeError) {
	return outString(func(out, errOut **C.char) C.int32_t { return C.ctc_error_classes(out, errOut) })
}

// nativeDebugPanic makes the library panic on purpose (tests of the error mapping).
func nativeDebugPanic() *nativeError {
	var errOut *C.char
	code := C.ctc_debug_panic(&errOut)
	return &nativeError{code: int(code), json: takeString(errOut)}
}

// bytesPtr passes a Go byte slice to C for the duration of a call (no Go pointers inside).
func bytesPtr(b []byte) (*C.uint8_t, C.size_t) {
	if len(b) == 0 {
		return nil, 0
	}
	return (*C.uint8_t)(unsafe.Pointer(&b[0])), C.size_t(len(b))
}

// cStrings copies strs into a C array of C strings, released by the returned function.
func cStrings(strs []string) (**C.char, C.size_t, func()) {
	if len(strs) == 0 {
		return nil, 0, func() {}
	}
	size := C.size_t(len(strs)) * C.size_t(unsafe.Sizeof((*C.char)(nil)))
	arr := (*[1 << 28]*C.char)(C.malloc(size))[:len(strs):len(strs)]
	for i, s := range strs {
		arr[i] = C.CString(s)
	}
	return &arr[0], C.size_t(len(strs)), func() {
		for _, p := range arr {
			freeC(p)
		}
		C.free(unsafe.Pointer(&arr[0]))
	}
}

// nativeWebhookVerifyAny checks signature against each secret (ctc_webhook_verify_any).
func nativeWebhookVerifyAny(payload []byte, signature string, secrets []string) (bool, *nativeError) {
	p, n := bytesPtr(payload)
	cSig := C.CString(signature)
	defer freeC(cSig)
	arr, count, free := cStrings(secrets)
	defer free()
	var valid C.int32_t
	var errOut *C.char
	code := C.ctc_webhook_verify_any(p, n, cSig, arr, count, &valid, &errOut)
	return result(valid == 1, code, errOut)
}

// nativeConstructEventAny verifies and parses an event (ctc_webhook_construct_event_any).
func nativeConstructEventAny(payload []byte, signature string, secrets []string, toleranceSecs uint64) (string, *nativeError) {
	p, n := bytesPtr(payload)
	cSig := C.CString(signature)
	defer freeC(cSig)
	arr, count, free := cStrings(secrets)
	defer free()
	return outString(func(out, errOut **C.char) C.int32_t {
		return C.ctc_webhook_construct_event_any(p, n, cSig, arr, count, C.uint64_t(toleranceSecs), out, errOut)
	})
}

func nativeWebhookSign(payload []byte, secret string) (string, *nativeError) {
	p, n := bytesPtr(payload)
	cSecret := C.CString(secret)
	defer freeC(cSecret)
	return outString(func(out, errOut **C.char) C.int32_t { return C.ctc_webhook_sign(p, n, cSecret, out, errOut) })
}

// cancelToken wraps a native cancellation token.
type cancelToken struct{ p *C.CtcCancelToken }

func newCancelToken() cancelToken { return cancelToken{p: C.ctc_cancel_token_new()} }
func (t cancelToken) cancel()     { C.ctc_cancel_token_cancel(t.p) }
func (t cancelToken) free()       { C.ctc_cancel_token_free(t.p) }
func nativeVersion() string       { return C.GoString(C.ctc_version()) }

func nativeWebhookDefaultToleranceSecs() uint64 {
	return uint64(C.ctc_webhook_default_tolerance_secs())
}

// nativeClient is the native client handle.
type nativeClient = *C.CtcClient

var codeInvalidArgument = int(C.CTC_ERR_INVALID_ARGUMENT)
