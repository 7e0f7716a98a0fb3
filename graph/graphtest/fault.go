package graphtest

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
)

// A Fault breaks a Reply's connection at the transport level, for what a
// client sees when the network or a proxy fails rather than Graph: in a
// browser, fetch rejects with "TypeError: Failed to fetch" and the page
// gets no status, headers or body at all.
//
// Browsers, like Go's transport, may retry a request once, unseen by the
// page, when a reused keep-alive connection closes before any response:
// the retry then takes the next queued reply. Give a drop or reset Times: 2
// for the page to see it whether or not the browser retries (a request
// after it may then meet the second use), or use Refuse for an outage.
type Fault string

const (
	// FaultDrop closes the connection without a response: the client reads
	// EOF where the status line should be.
	FaultDrop Fault = "drop"
	// FaultReset aborts the connection with a TCP reset (SO_LINGER 0): the
	// client sees "connection reset by peer".
	FaultReset Fault = "reset"
	// FaultTruncate sends the status line and headers, with a
	// Content-Length for the whole Body, then the first half of Body, and
	// closes the connection: the client sees an unexpected EOF while
	// reading the body. Status defaults to 200; an empty Body announces 2
	// bytes and sends 1.
	FaultTruncate Fault = "truncate"
	// FaultEndless sends the status (default 200) and headers, then Body
	// (a JSON-looking filler when empty) over and over, with no
	// Content-Length, until the client stops reading or endlessMax bytes
	// are sent: a client that reads a body to its end before looking at it
	// waits for ever (or runs out of memory), one that stops at a limit
	// returns at once.
	FaultEndless Fault = "endless"
)

// endlessMax bounds FaultEndless, so a client that does read everything
// fails a test by its timeout rather than by filling the machine's memory.
const endlessMax = 256 << 20

func (f Fault) valid() bool {
	switch f {
	case "", FaultDrop, FaultReset, FaultTruncate, FaultEndless:
		return true
	}
	return false
}

// fault breaks the connection of r as rep.Fault says. The response writer
// is hijacked, so the server writes nothing more on it.
func (s *Server) fault(w http.ResponseWriter, r *http.Request, rep Reply) {
	if rep.Fault == FaultEndless {
		s.endless(w, r, rep)
		return
	}
	var head []byte
	body := rep.Body
	if rep.Fault == FaultTruncate {
		x := s.begin(w, r)
		x.overlay(rep)
		if body == "" {
			body = "{}"
		}
		status := rep.Status
		if status == 0 {
			status = http.StatusOK
		}
		h := w.Header().Clone()
		h.Set("Content-Length", strconv.Itoa(len(body)))
		h.Del("Transfer-Encoding")
		head = fmt.Appendf(nil, "HTTP/1.1 %d %s\r\n", status, http.StatusText(status))
		var b bytes.Buffer
		h.Write(&b)
		head = append(append(head, b.Bytes()...), "\r\n"...)
	}
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler) // not HTTP/1: abort the stream instead
	}
	defer conn.Close()
	switch rep.Fault {
	case FaultReset:
		if tcp, ok := conn.(*net.TCPConn); ok {
			tcp.SetLinger(0)
		}
	case FaultTruncate:
		writeHalf(buf, head, body)
	}
}

// writeHalf writes the head and the first half of body.
func writeHalf(buf *bufio.ReadWriter, head []byte, body string) {
	buf.Write(head)
	buf.WriteString(body[:len(body)/2])
	buf.Flush()
}

// endless writes rep's body again and again until the client stops
// reading (the write fails) or endlessMax bytes are sent. It counts what
// was sent in s.endlessSent.
func (s *Server) endless(w http.ResponseWriter, r *http.Request, rep Reply) {
	x := s.begin(w, r)
	x.overlay(rep)
	status := rep.Status
	if status == 0 {
		status = http.StatusOK
	}
	body := rep.Body
	if body == "" {
		body = `{"value":[` + strings.Repeat(`"endless",`, 1<<10)
	}
	chunk := []byte(strings.Repeat(body, max(1, (64<<10)/len(body))))
	w.Header().Del("Content-Length")
	w.WriteHeader(status)
	var sent int64
	defer func() { s.endlessSent.Store(sent) }()
	for sent < endlessMax && r.Context().Err() == nil {
		n, err := w.Write(chunk)
		sent += int64(n)
		if err != nil {
			return
		}
	}
}

// EndlessSent is how many body bytes the last FaultEndless reply sent
// before the client stopped reading it (or the limit was reached), once
// that reply has ended; 0 before.
func (s *Server) EndlessSent() int64 { return s.endlessSent.Load() }
