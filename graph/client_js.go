//go:build js

package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"syscall/js"
)

// Do sends req with the browser's fetch. The request context and the
// client's timeout abort it through an AbortController. A network or CORS
// failure reaches Go only as fetch's TypeError, with no status: the error
// says so.
func (c *Client) Do(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(req.Context(), c.timeout())
	defer cancel()

	abort := js.Global().Get("AbortController").New()
	init := js.Global().Get("Object").New()
	init.Set("method", req.Method)
	init.Set("signal", abort.Get("signal"))
	init.Set("credentials", "omit")
	init.Set("cache", "no-store")
	init.Set("referrerPolicy", "no-referrer")
	init.Set("redirect", "manual") // see ErrRedirect
	headers := js.Global().Get("Headers").New()
	for name, values := range req.Header {
		for _, v := range values {
			headers.Call("append", name, v)
		}
	}
	init.Set("headers", headers)
	if req.Body != nil {
		body, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		if len(body) > 0 {
			a := js.Global().Get("Uint8Array").New(len(body))
			js.CopyBytesToJS(a, body)
			init.Set("body", a)
		}
	}

	res, err := await(ctx, abort, js.Global().Call("fetch", req.URL.String(), init))
	if err != nil {
		return nil, err
	}
	if res.Get("type").String() == "opaqueredirect" {
		return nil, ErrRedirect
	}
	buf, err := await(ctx, abort, res.Call("arrayBuffer"))
	if errors.Is(err, ErrFetch) {
		return nil, fmt.Errorf("%w (status %d): %v", ErrCutOff, res.Get("status").Int(), err)
	}
	if err != nil {
		return nil, err
	}
	data := make([]byte, buf.Get("byteLength").Int())
	js.CopyBytesToGo(data, js.Global().Get("Uint8Array").New(buf))

	header := http.Header{}
	each := js.FuncOf(func(this js.Value, args []js.Value) any {
		header.Add(args[1].String(), args[0].String())
		return nil
	})
	res.Get("headers").Call("forEach", each)
	each.Release()

	code := res.Get("status").Int()
	text := res.Get("statusText").String()
	if text == "" {
		text = http.StatusText(code)
	}
	return &http.Response{
		Status:        strconv.Itoa(code) + " " + text,
		StatusCode:    code,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        header,
		Body:          io.NopCloser(bytes.NewReader(data)),
		ContentLength: int64(len(data)),
		Request:       req,
	}, nil
}

// CloseIdleConnections does nothing: the browser owns the connections.
func (c *Client) CloseIdleConnections() {}

// await waits for a promise, aborting the fetch when ctx ends first.
func await(ctx context.Context, abort js.Value, p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	done := make(chan result, 1)
	then := js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- result{v: args[0]}
		return nil
	})
	catch := js.FuncOf(func(this js.Value, args []js.Value) any {
		msg := "unknown error"
		if len(args) > 0 && args[0].Truthy() {
			msg = args[0].Call("toString").String()
		}
		done <- result{err: fmt.Errorf("%w: %s", ErrFetch, msg)}
		return nil
	})
	defer then.Release()
	defer catch.Release()
	p.Call("then", then, catch)
	select {
	case r := <-done:
		if r.err != nil && ctx.Err() != nil {
			return js.Value{}, ctx.Err()
		}
		return r.v, r.err
	case <-ctx.Done():
		abort.Call("abort")
		<-done // the promise settles (rejects) once aborted
		return js.Value{}, ctx.Err()
	}
}
