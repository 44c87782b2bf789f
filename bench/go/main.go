// Go SDK benchmark: this package (the Rust core through the C ABI and cgo) against the Rust core
// itself (bench/rust: `ctc-bench --serve`, same sandbox and key) and plain net/http +
// encoding/json (into plain structs), all against ONE release ctc-sandbox, in one run.
//
//	go run . -sandbox ../../target/release/ctc-sandbox -core ../../target/release/ctc-bench   (make bench-go)
//
// Workloads (the same as bench/rust, bench/python, bench/node): seq = Cards.Retrieve one at a time,
// cycling over 100 cards; list = Cards.List(PerPage 100), one page of 100; conc64 = 64 goroutines
// each running Cards.Retrieve back to back. Each side runs -secs seconds a round, the order rotating
// round by round; the best of -rounds is kept. Target (issue 13): within 1.3x of the core.
package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cryptotopcard/cryptotopcard-go"
)

const (
	width  = 64
	target = 1.3
)

// plainCard is what a net/http user would decode a card into.
type plainCard struct {
	ID                string            `json:"id"`
	BinID             string            `json:"bin_id"`
	Network           string            `json:"network"`
	Last4             string            `json:"last4"`
	Status            string            `json:"status"`
	Balance           float64           `json:"balance"`
	SpendingLimit     float64           `json:"spending_limit"`
	TotalSpent        *float64          `json:"total_spent"`
	TransactionCount  *int              `json:"transaction_count"`
	Label             *string           `json:"label"`
	AllowedCategories []string          `json:"allowed_categories"`
	AutoFreezeAt      *float64          `json:"auto_freeze_at"`
	Metadata          map[string]string `json:"metadata"`
	CreatedAt         time.Time         `json:"created_at"`
	ExpiresAt         time.Time         `json:"expires_at"`
	LastUsedAt        *time.Time        `json:"last_used_at"`
	FrozenAt          *time.Time        `json:"frozen_at"`
	TerminatedAt      *time.Time        `json:"terminated_at"`
}

type plainSummary struct {
	ID        string    `json:"id"`
	BinID     string    `json:"bin_id"`
	Network   string    `json:"network"`
	Last4     string    `json:"last4"`
	Status    string    `json:"status"`
	Balance   float64   `json:"balance"`
	Label     *string   `json:"label"`
	CreatedAt time.Time `json:"created_at"`
}

type plainList struct {
	Data       []plainSummary `json:"data"`
	Pagination struct {
		Page       int  `json:"page"`
		PerPage    int  `json:"per_page"`
		Total      int  `json:"total"`
		TotalPages int  `json:"total_pages"`
		HasMore    bool `json:"has_more"`
	} `json:"pagination"`
}

type plain struct {
	http *http.Client
	base string
	auth string
}

func (p *plain) get(path string, out any) error {
	req, err := http.NewRequest(http.MethodGet, p.base+path, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", p.auth)
	req.Header.Set("Accept", "application/json")
	resp, err := p.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	return json.Unmarshal(body, out)
}

// core drives `ctc-bench --serve`.
type core struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Scanner
}

func startCore(bin, url, key string) (*core, error) {
	cmd := exec.Command(bin, "--url", url, "--key", key, "--serve")
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	c := &core{cmd: cmd, in: in, out: bufio.NewScanner(out)}
	if !c.out.Scan() || !strings.HasPrefix(c.out.Text(), "ready") {
		c.close()
		return nil, fmt.Errorf("ctc-bench --serve did not start: %q", c.out.Text())
	}
	return c, nil
}

func (c *core) measure(workload string, secs float64) (float64, error) {
	if _, err := fmt.Fprintf(c.in, "core %s %g\n", workload, secs); err != nil {
		return 0, err
	}
	if !c.out.Scan() {
		return 0, fmt.Errorf("ctc-bench --serve stopped: %v", c.out.Err())
	}
	return strconv.ParseFloat(strings.TrimSpace(c.out.Text()), 64)
}

func (c *core) close() {
	_ = c.in.Close()
	_ = c.cmd.Wait()
}

// runFor runs one(i) from `w` goroutines back to back for secs seconds (after one warm call
// each); returns calls/s. The first error stops the run.
func runFor(secs float64, w int, one func(i int) error) (float64, error) {
	var firstErr atomic.Value
	var wg sync.WaitGroup
	for g := 0; g < w; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			if err := one(g); err != nil {
				firstErr.CompareAndSwap(nil, err)
			}
		}(g)
	}
	wg.Wait()
	var done atomic.Int64
	start := time.Now()
	deadline := start.Add(time.Duration(secs * float64(time.Second)))
	for g := 0; g < w; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := g; time.Now().Before(deadline); i += w {
				if err := one(i); err != nil {
					firstErr.CompareAndSwap(nil, err)
					return
				}
				done.Add(1)
			}
		}(g)
	}
	wg.Wait()
	if err, ok := firstErr.Load().(error); ok {
		return 0, err
	}
	return float64(done.Load()) / time.Since(start).Seconds(), nil
}

type side struct {
	name string
	run  func() (float64, error)
}

// rounds returns the best of n rounds for every side, the order rotating every round.
func rounds(n int, sides []side) (map[string]float64, error) {
	best := map[string]float64{}
	for r := 0; r < n; r++ {
		for j := range sides {
			s := sides[(r+j)%len(sides)]
			v, err := s.run()
			if err != nil {
				return nil, fmt.Errorf("%s: %w", s.name, err)
			}
			if v > best[s.name] {
				best[s.name] = v
			}
		}
	}
	return best, nil
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "load average unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return "load average unknown"
	}
	return fmt.Sprintf("load average %s (1 min) %s (5 min), %d CPUs", f[0], f[1], runtime.NumCPU())
}

func startSandbox(bin string) (*exec.Cmd, string, error) {
	cmd := exec.Command(bin, "--port", "0", "--details-rate-limit", "0")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, "", err
	}
	if err := cmd.Start(); err != nil {
		return nil, "", err
	}
	sc := bufio.NewScanner(out)
	if !sc.Scan() || !strings.HasPrefix(sc.Text(), "listening on ") {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return nil, "", fmt.Errorf("sandbox did not start: %q", sc.Text())
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()
	return cmd, strings.TrimPrefix(sc.Text(), "listening on "), nil
}

func main() {
	root, _ := filepath.Abs("../..")
	sandboxBin := flag.String("sandbox", filepath.Join(root, "target/release/ctc-sandbox"), "release ctc-sandbox")
	coreBin := flag.String("core", filepath.Join(root, "target/release/ctc-bench"), "release ctc-bench (bench/rust)")
	secs := flag.Float64("secs", envFloat("BENCH_SECS", 1), "seconds per side and round")
	nRounds := flag.Int("rounds", int(envFloat("BENCH_ROUNDS", 5)), "rounds (best kept)")
	only := flag.String("workloads", "seq,list,conc64", "workloads to run (comma-separated)")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the run to this file (go tool pprof)")
	flag.Parse()
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench-go:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	if err := run(*sandboxBin, *coreBin, *secs, *nRounds, strings.Split(*only, ",")); err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "bench-go:", err)
		os.Exit(1)
	}
}

func envFloat(name string, def float64) float64 {
	if v, err := strconv.ParseFloat(os.Getenv(name), 64); err == nil {
		return v
	}
	return def
}

func run(sandboxBin, coreBin string, secs float64, nRounds int, only []string) error {
	fmt.Println("start:", loadavg())
	sb, url, err := startSandbox(sandboxBin)
	if err != nil {
		return err
	}
	defer func() {
		_ = sb.Process.Signal(os.Interrupt)
		_ = sb.Wait()
	}()
	var rnd [16]byte
	_, _ = rand.Read(rnd[:])
	key := "sk_test_bench_" + hex.EncodeToString(rnd[:])
	client, err := cryptotopcard.NewClient(key, cryptotopcard.WithBaseURL(url))
	if err != nil {
		return err
	}
	defer client.Close()
	ctx := context.Background()
	ids := make([]string, 0, 100)
	for i := 0; i < 100; i++ {
		label := fmt.Sprintf("bench %d", i)
		c, err := client.Cards.Create(ctx, &cryptotopcard.CardCreateParams{BinID: "491653", Amount: 1, Label: &label})
		if err != nil {
			return err
		}
		ids = append(ids, c.ID)
	}
	var co *core
	if _, err := os.Stat(coreBin); err == nil {
		if co, err = startCore(coreBin, url, key); err != nil {
			return err
		}
		defer co.close()
	} else {
		fmt.Printf("Rust core: %s not built (make bench-core); no core figures\n", coreBin)
	}
	hc := &http.Client{Transport: &http.Transport{MaxIdleConns: width, MaxIdleConnsPerHost: width}}
	p := &plain{http: hc, base: url, auth: "Bearer " + key}

	perPage := 100
	sdkRetrieve := func(i int) error {
		c, err := client.Cards.Retrieve(ctx, ids[i%len(ids)])
		if err == nil && c.ID == "" {
			err = fmt.Errorf("empty card")
		}
		return err
	}
	plainRetrieve := func(i int) error {
		var c plainCard
		err := p.get("/cards/"+ids[i%len(ids)], &c)
		if err == nil && c.ID == "" {
			err = fmt.Errorf("empty card")
		}
		return err
	}
	sdkList := func(int) error {
		page, err := client.Cards.List(ctx, &cryptotopcard.CardListParams{PerPage: &perPage})
		if err == nil && len(page.Data) != 100 {
			err = fmt.Errorf("list of %d", len(page.Data))
		}
		return err
	}
	plainListFn := func(int) error {
		var page plainList
		err := p.get("/cards?per_page=100", &page)
		if err == nil && len(page.Data) != 100 {
			err = fmt.Errorf("list of %d", len(page.Data))
		}
		return err
	}

	type row struct {
		name                   string
		sdk, core, alternative float64
		hasCore                bool
	}
	var rows []row
	for _, w := range []struct {
		name, workload string
		width          int
		sdk, plain     func(int) error
	}{
		{"sequential retrieve", "seq", 1, sdkRetrieve, plainRetrieve},
		{"list 100 cards", "list", 1, sdkList, plainListFn},
		{"64 concurrent retrieve", "conc64", width, sdkRetrieve, plainRetrieve},
	} {
		if !slices.Contains(only, w.workload) {
			continue
		}
		sides := []side{
			{"go", func() (float64, error) { return runFor(secs, w.width, w.sdk) }},
			{"net/http", func() (float64, error) { return runFor(secs, w.width, w.plain) }},
		}
		if co != nil {
			workload := w.workload
			sides = append(sides, side{"core", func() (float64, error) { return co.measure(workload, secs) }})
		}
		best, err := rounds(nRounds, sides)
		if err != nil {
			return fmt.Errorf("%s: %w", w.name, err)
		}
		_, hasCore := best["core"]
		rows = append(rows, row{w.name, best["go"], best["core"], best["net/http"], hasCore})
	}

	fmt.Printf("\nGo %s; one release ctc-sandbox %s; best of %d rotating rounds of %g s; req/s\n",
		runtime.Version(), url, nRounds, secs)
	fmt.Printf("%-26s %8s %8s %8s %9s %10s  target (core/go <= %.1f)\n",
		"workload", "go", "core", "core/go", "net/http", "go/net/http", target)
	var missed []string
	for _, r := range rows {
		coreS, ratioS, verdict := "-", "-", "no core figure"
		if r.hasCore {
			ratio := r.core / r.sdk
			coreS, ratioS = fmt.Sprintf("%.0f", r.core), fmt.Sprintf("%.2fx", ratio)
			verdict = "met"
			if ratio > target {
				verdict = "MISSED"
				missed = append(missed, r.name)
			}
		}
		fmt.Printf("%-26s %8.0f %8s %8s %9.0f %10s  %s\n", r.name, r.sdk, coreS, ratioS, r.alternative,
			fmt.Sprintf("%.2fx", r.sdk/r.alternative), verdict)
	}
	if len(missed) > 0 {
		fmt.Printf("go: target <= %.1fx of the core MISSED on: %s\n", target, strings.Join(missed, "; "))
	} else {
		fmt.Printf("go: target <= %.1fx of the core met on every workload\n", target)
	}
	fmt.Println("end:", loadavg())
	return nil
}
