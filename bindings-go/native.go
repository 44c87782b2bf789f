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
#include "cryptotopcard.h"
*/
import "C"

import (
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

func freeC(p *C.char) {
	if p != nil {
		C.free(unsafe.Pointer(p))
	}
}

func nativeClientNew(configJSON []byte) (*C.CtcClient, *nativeError) {
	cfg := C.CString(string(configJSON))
	defer freeC(cfg)
	var errOut *C.char
	h := C.ctc_client_new(cfg, &errOut)
	if h == nil {
		e := takeString(errOut)
		return nil, &nativeError{code: int(C.CTC_ERR_CONFIGURATION), json: e}
	}
	takeString(errOut)
	return h, nil
}

func nativeClientFree(h *C.CtcClient) { C.ctc_client_free(h) }

func nativeCall(h *C.CtcClient, op string, params, opts []byte, tok *C.CtcCancelToken) (string, *nativeError) {
	cOp := C.CString(op)
	defer freeC(cOp)
	cParams := C.CString(string(params))
	defer freeC(cParams)
	cOpts := C.CString(string(opts))
	defer freeC(cOpts)
	var out, errOut *C.char
	code := C.ctc_call(h, cOp, cParams, cOpts, tok, &out, &errOut)
	res, e := takeString(out), takeString(errOut)
	if code != C.CTC_OK {
		return "", &nativeError{code: int(code), json: e}
	}
	return res, nil
}

func nativeOperations() (string, *nativeError) {
	var out, errOut *C.char
	code := C.ctc_operations(&out, &errOut)
	res, e := takeString(out), takeString(errOut)
	if code != C.CTC_OK {
		return "", &nativeError{code: int(code), json: e}
	}
	return res, nil
}

// nativeErrorClasses is the core's table of error classes as JSON ([{"name","parent","doc"}]).
func nativeErrorClasses() (string, *nativeError) {
	var out, errOut *C.char
	code := C.ctc_error_classes(&out, &errOut)
	res, e := takeString(out), takeString(errOut)
	if code != C.CTC_OK {
		return "", &nativeError{code: int(code), json: e}
	}
	return res, nil
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

func nativeWebhookVerify(payload []byte, signature, secret string) (bool, *nativeError) {
	p, n := bytesPtr(payload)
	cSig := C.CString(signature)
	defer freeC(cSig)
	cSecret := C.CString(secret)
	defer freeC(cSecret)
	var valid C.int32_t
	var errOut *C.char
	code := C.ctc_webhook_verify(p, n, cSig, cSecret, &valid, &errOut)
	e := takeString(errOut)
	if code != C.CTC_OK {
		return false, &nativeError{code: int(code), json: e}
	}
	return valid == 1, nil
}

func nativeConstructEvent(payload []byte, signature, secret string, toleranceSecs uint64) (string, *nativeError) {
	p, n := bytesPtr(payload)
	cSig := C.CString(signature)
	defer freeC(cSig)
	cSecret := C.CString(secret)
	defer freeC(cSecret)
	var out, errOut *C.char
	code := C.ctc_webhook_construct_event(p, n, cSig, cSecret, C.uint64_t(toleranceSecs), &out, &errOut)
	res, e := takeString(out), takeString(errOut)
	if code != C.CTC_OK {
		return "", &nativeError{code: int(code), json: e}
	}
	return res, nil
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
