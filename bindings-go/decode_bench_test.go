package cryptotopcard

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// listEnvelope is a ctc_call result for a page of n card summaries, as the sandbox sends them.
func listEnvelope(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"data":{"data":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":"card_%010d","bin_id":"491653","network":"visa","last4":"%04d","status":"active",`+
			`"balance":%d.25,"label":"bench %d","created_at":"2026-12-02T07:0%d:00.123456Z"}`, i, i, i, i, i%10)
	}
	fmt.Fprintf(&b, `],"pagination":{"page":1,"per_page":%d,"total":%d,"total_pages":1,"has_more":false}},`, n, n)
	b.WriteString(`"meta":{"status":200,"request_id":"req_1","headers":[["content-type","application/json"],` +
		`["x-request-id","req_1"]],"idempotency_key":null,"replayed":false,"retries":0},"next":null}`)
	return []byte(b.String())
}

// The decoding this package adds to every list call (go test -run XXX -bench DecodeResult).
func BenchmarkDecodeResultList100(b *testing.B) {
	res := listEnvelope(100)
	b.SetBytes(int64(len(res)))
	for i := 0; i < b.N; i++ {
		var page CardList
		if _, err := decodeResult("cards.list", res, &page); err != nil || len(page.Data) != 100 {
			b.Fatal(err)
		}
	}
}

// The same page into plain structs (what a net/http user would write), for comparison.
func BenchmarkDecodePlainList100(b *testing.B) {
	res := listEnvelope(100)
	type summary struct {
		ID        string    `json:"id"`
		BinID     string    `json:"bin_id"`
		Network   string    `json:"network"`
		Last4     string    `json:"last4"`
		Status    string    `json:"status"`
		Balance   float64   `json:"balance"`
		Label     *string   `json:"label"`
		CreatedAt time.Time `json:"created_at"`
	}
	var env struct {
		Data struct {
			Data []summary `json:"data"`
		} `json:"data"`
	}
	b.SetBytes(int64(len(res)))
	for i := 0; i < b.N; i++ {
		if err := json.Unmarshal(res, &env); err != nil || len(env.Data.Data) != 100 {
			b.Fatal(err)
		}
	}
}
