package cryptotopcard

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// forwardProxy is a real HTTP forward proxy (absolute-form requests, as clients send them to a
// proxy for http:// URLs) in front of the sandbox. It records what it forwarded and the
// Proxy-Authorization it was given, and answers 407 when the credentials are wrong.
type forwardProxy struct {
	*httptest.Server
	mu    sync.Mutex
	seen  []string // "METHOD absolute-URL"
	auths []string
}

func startForwardProxy(t *testing.T, user, password string) *forwardProxy {
	t.Helper()
	p := &forwardProxy{}
	want := ""
	if user != "" {
		want = "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+password))
	}
	transport := &http.Transport{Proxy: nil} // straight to the sandbox, whatever the environment says
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.seen = append(p.seen, r.Method+" "+r.RequestURI)
		p.auths = append(p.auths, r.Header.Get("Proxy-Authorization"))
		p.mu.Unlock()
		if r.Method == http.MethodConnect {
			p.tunnel(w, r, want)
			return
		}
		if !r.URL.IsAbs() {
			http.Error(w, "not a proxy request", http.StatusBadRequest)
			return
		}
		if want != "" && r.Header.Get("Proxy-Authorization") != want {
			w.Header().Set("Proxy-Authenticate", `Basic realm="test"`)
			http.Error(w, "proxy authentication required", http.StatusProxyAuthRequired)
			return
		}
		out := r.Clone(r.Context())
		out.RequestURI = ""
		out.Header.Del("Proxy-Authorization")
		out.Header.Del("Proxy-Connection")
		resp, err := transport.RoundTrip(out)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		for k, vs := range resp.Header {
			for _, v := range vs {
				w.Header().Add(k, v)
			}
		}
		w.WriteHeader(resp.StatusCode)
		_, _ = io.Copy(w, resp.Body)
	}))
	t.Cleanup(p.Close)
	return p
}

// tunnel answers CONNECT (how clients reach https:// URLs through a proxy): it checks the
// credentials, then copies bytes both ways between the client and the target.
func (p *forwardProxy) tunnel(w http.ResponseWriter, r *http.Request, want string) {
	if want != "" && r.Header.Get("Proxy-Authorization") != want {
		w.Header().Set("Proxy-Authenticate", `Basic realm="test"`)
		http.Error(w, "proxy authentication required", http.StatusProxyAuthRequired)
		return
	}
	upstream, err := net.Dial("tcp", r.Host)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	hj, ok := w.(http.Hijacker)
	if !ok {
		_ = upstream.Close()
		http.Error(w, "no hijacking", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
	conn, buf, err := hj.Hijack()
	if err != nil {
		_ = upstream.Close()
		return
	}
	go func() {
		defer upstream.Close()
		defer conn.Close()
		done := make(chan struct{})
		go func() {
			_, _ = io.Copy(upstream, buf)
			close(done)
		}()
		_, _ = io.Copy(conn, upstream)
		<-done
	}()
}

func (p *forwardProxy) requests() ([]string, []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.seen...), append([]string(nil), p.auths...)
}

func (p *forwardProxy) hostPort() string { return strings.TrimPrefix(p.URL, "http://") }

// WithProxy sends the calls through the proxy, with its credentials as Proxy-Authorization, and
// the password never shows up in an error or when the client is printed.
func TestWithProxySendsThroughTheProxyWithCredentials(t *testing.T) {
	const user, password = "ctcuser", "pw-s3cret-9f2"
	proxy := startForwardProxy(t, user, password)
	proxyURL := "http://" + user + ":" + password + "@" + proxy.hostPort()
	c, key := newClient(t, WithProxy(proxyURL))
	w, err := c.Wallet.Retrieve(testCtx(t))
	if err != nil || w.Balance != 10000 {
		t.Fatalf("wallet through the proxy: %+v %v", w, err)
	}
	seen, auths := proxy.requests()
	want := "GET " + sandboxURL + "/wallet"
	if len(seen) != 1 || seen[0] != want {
		t.Fatalf("the proxy forwarded %q, want [%q]", seen, want)
	}
	if wantAuth := "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+password)); auths[0] != wantAuth {
		t.Fatalf("Proxy-Authorization %q, want %q", auths[0], wantAuth)
	}
	// The sandbox got it (from the proxy) for this account.
	if log := requestLog(t, key); len(log) == 0 || log[len(log)-1].Path != "/v1/wallet" {
		t.Fatalf("the sandbox did not see the proxied call: %+v", log)
	}
	if printed := fmt.Sprintf("%v %+v %#v %s", c, c, c, c); strings.Contains(printed, password) {
		t.Fatal("printing the client shows the proxy password")
	}

	// Wrong credentials: the proxy refuses (407); the error does not echo the password.
	wrong, _ := newClient(t, WithProxy("http://"+user+":not-"+password+"@"+proxy.hostPort()), WithMaxRetries(0))
	_, err = wrong.Wallet.Retrieve(testCtx(t))
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusProxyAuthRequired {
		t.Fatalf("wrong proxy password: want a 407 *APIError, got %T %v", err, err)
	}
	if strings.Contains(err.Error(), password) {
		t.Fatalf("the error shows the proxy password: %v", err)
	}

	// A proxy that is not there: a connection error, without the password.
	dead := freePort(t)
	down, _ := newClient(t, WithProxy("http://"+user+":"+password+"@"+dead), WithMaxRetries(0))
	_, err = down.Wallet.Retrieve(testCtx(t))
	if !errors.Is(err, ErrAPIConnection) || strings.Contains(err.Error(), password) {
		t.Fatalf("dead proxy: want a connection error without the password, got %T %v", err, err)
	}

	// A malformed URL: a configuration error naming the option, without the URL.
	_, err = NewClient(newKey(t), WithBaseURL(sandboxURL), WithProxy("http://"+user+":"+password+"@exa mple:99999999"))
	var cfgErr *ConfigurationError
	if !errors.As(err, &cfgErr) || cfgErr.Field != "proxy" || strings.Contains(err.Error(), password) {
		t.Fatalf("bad proxy URL: %T %v", err, err)
	}
}

// freePort returns a loopback address nothing listens on.
func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	return addr
}

// Without WithProxy the environment's proxy applies (HTTP_PROXY for http:// URLs, HTTPS_PROXY for
// https://, credentials included), and NO_PROXY exempts hosts; WithProxy overrides both. Run as a
// program started with those variables, as a user would.
func TestEnvironmentProxyAndNoProxy(t *testing.T) {
	const user, password = "envuser", "env-pw-77"
	proxy := startForwardProxy(t, user, password)
	envURL := "http://" + user + ":" + password + "@" + proxy.hostPort()
	run := func(mode string, env ...string) {
		t.Helper()
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(helperEnv(), "CTC_GO_TEST_HELPER=env-proxy", "CTC_HELPER_BASE_URL="+sandboxURL,
			"CTC_HELPER_KEY="+newKey(t), "CTC_HELPER_MODE="+mode)
		cmd.Env = append(cmd.Env, env...)
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "ok") {
			t.Fatalf("helper %s %v: %v\n%s", mode, env, err, out)
		}
	}
	clear := []string{"HTTPS_PROXY=", "https_proxy=", "ALL_PROXY=", "all_proxy="}

	run("plain", append(clear, "HTTP_PROXY="+envURL, "http_proxy="+envURL, "NO_PROXY=", "no_proxy=")...)
	seen, auths := proxy.requests()
	if len(seen) != 1 || seen[0] != "GET "+sandboxURL+"/wallet" || !strings.HasPrefix(auths[0], "Basic ") {
		t.Fatalf("with HTTP_PROXY the proxy saw %q (auth %q)", seen, auths)
	}

	run("plain", append(clear, "HTTP_PROXY="+envURL, "http_proxy="+envURL, "NO_PROXY=127.0.0.1", "no_proxy=127.0.0.1")...)
	if seen2, _ := proxy.requests(); len(seen2) != len(seen) {
		t.Fatalf("NO_PROXY=127.0.0.1 still went through the proxy: %q", seen2)
	}

	// WithProxy wins over the environment (here: a dead environment proxy).
	run("explicit:"+envURL, append(clear, "HTTP_PROXY=http://"+freePort(t), "http_proxy=http://"+freePort(t), "NO_PROXY=", "no_proxy=")...)
	if seen3, _ := proxy.requests(); len(seen3) != len(seen)+1 {
		t.Fatalf("WithProxy did not replace the environment's proxy: %q", seen3)
	}
}

// helperEnv is this process's environment for a helper program, without REQUEST_METHOD (in a CGI
// environment the proxy variables are ignored).
func helperEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "REQUEST_METHOD=") {
			env = append(env, kv)
		}
	}
	return env
}

// envProxyProgram is the program of TestEnvironmentProxyAndNoProxy (run as a subprocess).
func envProxyProgram() int {
	opts := []Option{WithBaseURL(os.Getenv("CTC_HELPER_BASE_URL")), WithMaxRetries(0)}
	if ca := os.Getenv("CTC_HELPER_CA"); ca != "" {
		opts = append(opts, WithRootCertificatesPEM([]byte(ca)))
	}
	if u, ok := strings.CutPrefix(os.Getenv("CTC_HELPER_MODE"), "explicit:"); ok {
		opts = append(opts, WithProxy(u))
	}
	c, err := NewClient(os.Getenv("CTC_HELPER_KEY"), opts...)
	if err != nil {
		fmt.Println(err)
		return 1
	}
	defer c.Close()
	if _, err := c.Wallet.Retrieve(context.Background()); err != nil {
		fmt.Println(err)
		return 1
	}
	fmt.Println("ok")
	return 0
}

// testPKI is a private CA and a server certificate it signed for 127.0.0.1.
func testPKI(t *testing.T) (caPEM []byte, server tls.Certificate) {
	t.Helper()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ca := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "cryptotopcard test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caCert, err := x509.ParseCertificate(caDER)
	if err != nil {
		t.Fatal(err)
	}
	leafKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	leaf := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"}}
	leafDER, err := x509.CreateCertificate(rand.Reader, leaf, caCert, &leafKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})
	return caPEM, tls.Certificate{Certificate: [][]byte{leafDER, caDER}, PrivateKey: leafKey}
}

// startTLSFront serves the sandbox over HTTPS with a certificate of a private test CA; it returns
// the base URL ("https://127.0.0.1:PORT/v1") and the CA certificate.
func startTLSFront(t *testing.T) (string, []byte) {
	t.Helper()
	caPEM, cert := testPKI(t)
	target, err := url.Parse(sandboxURL)
	if err != nil {
		t.Fatal(err)
	}
	front := httptest.NewUnstartedServer(&httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(&url.URL{Scheme: target.Scheme, Host: target.Host})
	}})
	front.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	front.Config.ErrorLog = log.New(io.Discard, "", 0) // refused handshakes are expected
	front.StartTLS()
	t.Cleanup(front.Close)
	httpsURL := front.URL + "/v1"
	if !strings.HasPrefix(httpsURL, "https://127.0.0.1:") {
		t.Fatalf("unexpected front URL %s", httpsURL)
	}
	return httpsURL, caPEM
}

// WithRootCertificatesPEM trusts a private CA (a corporate TLS proxy, a private gateway): an
// HTTPS front of the sandbox signed by it is refused without the option and works with it.
func TestWithRootCertificatesPEM(t *testing.T) {
	httpsURL, caPEM := startTLSFront(t)

	untrusting, err := NewClient(newKey(t), WithBaseURL(httpsURL), WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	defer untrusting.Close()
	if _, err := untrusting.Wallet.Retrieve(testCtx(t)); !errors.Is(err, ErrAPIConnection) {
		t.Fatalf("a certificate from an unknown CA was accepted: %v", err)
	}

	trusting, err := NewClient(newKey(t), WithBaseURL(httpsURL), WithRootCertificatesPEM(caPEM))
	if err != nil {
		t.Fatal(err)
	}
	defer trusting.Close()
	if w, err := trusting.Wallet.Retrieve(testCtx(t)); err != nil || w.Balance != 10000 {
		t.Fatalf("with the CA trusted: %+v %v", w, err)
	}

	for _, bad := range [][]byte{[]byte("not a certificate"), {0xff, 0xfe}, nil} {
		_, err := NewClient(newKey(t), WithBaseURL(httpsURL), WithRootCertificatesPEM(bad))
		var cfgErr *ConfigurationError
		if !errors.As(err, &cfgErr) || cfgErr.Field != "root_certificates" {
			t.Fatalf("PEM %q: want a ConfigurationError for root_certificates, got %T %v", bad, err, err)
		}
	}
}

// An https:// API through a proxy: the client opens a CONNECT tunnel (with Proxy-Authorization)
// and checks the API's certificate end to end, through WithProxy or HTTPS_PROXY.
func TestHTTPSThroughAProxy(t *testing.T) {
	const user, password = "tlsuser", "tls-pw-31"
	proxy := startForwardProxy(t, user, password)
	httpsURL, caPEM := startTLSFront(t)
	host := strings.TrimSuffix(strings.TrimPrefix(httpsURL, "https://"), "/v1")
	wantAuth := "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+password))

	c, err := NewClient(newKey(t), WithBaseURL(httpsURL), WithRootCertificatesPEM(caPEM),
		WithProxy("http://"+user+":"+password+"@"+proxy.hostPort()))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Wallet.Retrieve(testCtx(t)); err != nil {
		t.Fatalf("https through the proxy: %v", err)
	}
	seen, auths := proxy.requests()
	if len(seen) != 1 || seen[0] != "CONNECT "+host || auths[0] != wantAuth {
		t.Fatalf("the proxy saw %q (auth %q), want one CONNECT %s with credentials", seen, auths, host)
	}

	// The same from the environment, in a program: HTTPS_PROXY for https:// URLs.
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(helperEnv(), "CTC_GO_TEST_HELPER=env-proxy", "CTC_HELPER_BASE_URL="+httpsURL,
		"CTC_HELPER_KEY="+newKey(t), "CTC_HELPER_CA="+string(caPEM), "CTC_HELPER_MODE=plain",
		"HTTPS_PROXY=http://"+user+":"+password+"@"+proxy.hostPort(), "https_proxy=", "HTTP_PROXY=", "http_proxy=",
		"ALL_PROXY=", "all_proxy=", "NO_PROXY=", "no_proxy=")
	if out, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), "ok") {
		t.Fatalf("HTTPS_PROXY program: %v\n%s", err, out)
	}
	if seen, auths = proxy.requests(); len(seen) != 2 || seen[1] != "CONNECT "+host || auths[1] != wantAuth {
		t.Fatalf("with HTTPS_PROXY the proxy saw %q (auth %q)", seen, auths)
	}
}
