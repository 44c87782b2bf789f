package cryptotopcard

import (
	"context"
	"encoding/json"
	"iter"
)

// autoPage yields every item of a list operation across pages. Whether there is a next page, and
// its params, come from the core with each page (ctc_call's "next"): nothing is sent back.
func autoPage[T any](ctx context.Context, c *Client, op string, path pathParams, params any, opts []RequestOption) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		body, err := encodeParams(params, path)
		if err != nil {
			yield(zero, err)
			return
		}
		for {
			var page pageOf[T]
			res, err := c.callInto(ctx, op, body, opts, &page)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, item := range page.Data {
				if !yield(item, nil) {
					return
				}
			}
			if len(res.NextPage) == 0 || string(res.NextPage) == "null" {
				return
			}
			body = res.NextPage
		}
	}
}

// setNextPage decodes the core's params of the next page (null on the last page) into *dst.
func setNextPage[P any](raw json.RawMessage, dst **P) error {
	*dst = nil
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	p := new(P)
	if err := json.Unmarshal(raw, p); err != nil {
		return err
	}
	*dst = p
	return nil
}
