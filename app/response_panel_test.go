package app

import (
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// TestResponsePanelSaysTheStatusOnce checks that, under an explanation
// that names the status, the status line adds only the time and size:
// the status, its meaning and Graph's summary are each said once.
func TestResponsePanelSaysTheStatusOnce(t *testing.T) {
	for _, tc := range []struct {
		name string
		resp *graph.Response
		size string // on the status line
	}{
		{"204", &graph.Response{Status: 204, Reason: "No Content", Elapsed: 312 * time.Millisecond}, "Answered in 312ms."},
		{"403", &graph.Response{Status: 403, Reason: "Forbidden", Elapsed: time.Second,
			Body:  []byte(`{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}`),
			Error: &graph.GraphError{Code: "Authorization_RequestDenied", Message: "Insufficient privileges to complete the operation."}},
			"Answered in 1s, 111 bytes of body."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := graph.Explain(tc.resp, nil, nil, graph.Global, graph.ServicePrincipals)
			html := app.HTMLString((&ResponsePanel{Response: tc.resp, Explanation: &x}).Render())
			status := statusText(tc.resp)
			if n := strings.Count(html, status); n != 1 {
				t.Errorf("%q is said %d times, want once (in the title):\n%s", status, n, html)
			}
			title := html[strings.Index(html, `id="explanation-title"`):]
			title = title[:strings.Index(title, "</strong>")]
			if !strings.Contains(title, `id="response-status"`) || !strings.Contains(title, status) {
				t.Errorf("the title does not carry the status as #response-status: %s", title)
			}
			if strings.Contains(html, "response-summary") || strings.Contains(html, tc.resp.Summary()) {
				t.Errorf("the summary repeats the explanation:\n%s", html)
			}
			if !strings.Contains(html, tc.size) {
				t.Errorf("the status line lacks %q:\n%s", tc.size, html)
			}
		})
	}
	// Without an explanation the status line says the status and sums it up.
	resp := &graph.Response{Status: 204, Reason: "No Content"}
	html := app.HTMLString((&ResponsePanel{Response: resp}).Render())
	if !strings.Contains(html, `id="response-status"`) || !strings.Contains(html, resp.Summary()) {
		t.Errorf("without an explanation the panel lacks the status or summary:\n%s", html)
	}
}
