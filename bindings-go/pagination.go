package cryptotopcard

import (
	"context"
	"encoding/json"
	"iter"
)

// autoPage yields every item of a list operation across pages. Whether there is a next page, and
// its parameters, is decided by the core (ctc_next_page_params).
func autoPage[T any](ctx context.Context, c *Client, op string, path pathParams, params any, opts []RequestOption) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		body, err := encodeParams(params, path)
		if err != nil {
			yield(zero, err)
			return
		}
		for {
			data, _, err := c.call(ctx, op, body, opts)
			if err != nil {
				yield(zero, err)
				return
			}
			var page struct {
				Data []T `json:"data"`
			}
			if err := json.Unmarshal(data, &page); err != nil {
				yield(zero, &InternalError{Kind: "decode", Message: op + ": cannot decode the page: " + err.Error()})
				return
			}
			for _, item := range page.Data {
				if !yield(item, nil) {
					return
				}
			}
			next, ok, nerr := nativeNextPageParams(op, body, data)
			if nerr != nil {
				yield(zero, errorFromNative(nerr, nil, ""))
				return
			}
			if !ok {
				return
			}
			body = []byte(next)
		}
	}
}
