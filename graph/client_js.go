//go:build js

package graph

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"syscall/js"
)

// Do sends req with the browser's fetch. The request context and the
// client's timeout abort it through an AbortController. A network or CORS
// failure reaches Go only as fetch's TypeError, with no status: the error
// says so. The body is streamed from fetch's ReadableStream as it is read,
// and closing it cancels the stream: a reader that stops at a limit
// (Send's maxBody) stops the download there.
func (c *Client) Do(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(req.Context(), c.timeout())
	resp, err := c.do(ctx, req)
	if err != nil {
		cancel()
		return nil, err
	}
	resp.Body = &cancelBody{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// fetchOptions are the fixed options of every fetch: no cookies, no cache,
// no referrer, and redirects not followed (see errRedirect). A table, not
// a call per option, since each call costs bytes of wasm.
var fetchOptions = []pair{
	{"credentials", "omit"},
	{"cache", "no-store"},
	{"referrerPolicy", "no-referrer"},
	{"redirect", "manual"},
}

func (c *Client) do(ctx context.Context, req *http.Request) (*http.Response, error) {
	abort := js.Global().Get("AbortController").New()
	init := js.Global().Get("Object").New()
	init.Set("method", req.Method)
	init.Set("signal", abort.Get("signal"))
	for _, o := range fetchOptions {
		init.Set(o.key, o.value)
	}
	headers := js.Global().Get("Headers").New()
	for name, values := range req.Header {
		for _, v := range values {
			// fetch throws on a header value beyond Latin-1, and Go's
			// syscall/js cannot catch that: it would stop the program.
			if i := strings.IndexFunc(v, func(r rune) bool { return r > 0xff }); i >= 0 {
				return nil, fmt.Errorf("the %s header holds a character the browser cannot send (%U)", name, []rune(v[i:])[0])
			}
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
		return nil, errRedirect
	}

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
	var body io.ReadCloser = http.NoBody
	if b := res.Get("body"); b.Truthy() {
		body = &streamBody{ctx: ctx, abort: abort, reader: b.Call("getReader"), status: code}
	}
	return &http.Response{
		Status:        strconv.Itoa(code) + " " + text,
		StatusCode:    code,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        header,
		Body:          body,
		ContentLength: -1,
		Request:       req,
	}, nil
}

// streamBody reads a fetch response's body chunk by chunk through its
// ReadableStream reader.
type streamBody struct {
	ctx    context.Context
	abort  js.Value
	reader js.Value // ReadableStreamDefaultReader
	status int
	chunk  []byte // the rest of the last chunk read
	done   bool
}

func (b *streamBody) Read(p []byte) (int, error) {
	for len(b.chunk) == 0 {
		if b.done {
			return 0, io.EOF
		}
		r, err := await(b.ctx, b.abort, b.reader.Call("read"))
		if errors.Is(err, ErrFetch) {
			// The stream failed after the status arrived: the connection
			// dropped mid-body.
			return 0, fmt.Errorf("%w (status %d): %v", errCutOff, b.status, err)
		}
		if err != nil {
			return 0, err
		}
		if r.Get("done").Bool() {
			b.done = true
			continue
		}
		v := r.Get("value")
		b.chunk = make([]byte, v.Get("byteLength").Int())
		js.CopyBytesToGo(b.chunk, v)
	}
	n := copy(p, b.chunk)
	b.chunk = b.chunk[n:]
	return n, nil
}

// Close stops the download: what was not read is not fetched. Aborting
// the fetch (rather than reader.cancel(), whose promise rejects, unhandled,
// on a stream that already failed) ends the stream too.
func (b *streamBody) Close() error {
	if !b.done {
		b.done = true
		b.abort.Call("abort")
	}
	b.chunk = nil
	return nil
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
