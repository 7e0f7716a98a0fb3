package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"synctoken/graph/internal/paste"
)

// Explanation says, in an admin's words, what a call's outcome means and
// what to do next. Graph's own message is often empty or just
// "UnknownError", so an explanation never depends on it: the status, the
// kind of failure and the token's claims carry it.
type Explanation struct {
	Title string // one line: what happened
	Cause string // why, as far as the answer tells
	Next  string // what to do now

	// Retryable means the same request, unchanged, may succeed later. The
	// browser cannot read Retry-After, so a retry should wait and back off.
	Retryable bool
	// LookUp means the object ID is probably of the wrong kind: offer to
	// look the object up.
	LookUp bool
}

func why(title, cause, next string) Explanation {
	return Explanation{Title: title, Cause: cause, Next: next}
}

// retryWhy is why for an outcome that the same request may change later.
func retryWhy(title, cause, next string) Explanation {
	return Explanation{Title: title, Cause: cause, Next: next, Retryable: true}
}

// Explain explains the outcome of sending acquireAccessToken to cloud for
// an object of kind. resp is nil when no answer was read, and sendErr then
// says why. claims, when the token could be decoded, sharpen 401 and 403.
func Explain(resp *Response, sendErr error, claims *Claims, cloud Cloud, kind Kind) Explanation {
	if resp == nil {
		return explainNoAnswer(sendErr)
	}
	x := explainAnswer(resp, claims, cloud, kind)
	if resp.Truncated {
		x.Cause += " The body was larger than " + paste.MaxBodyText + ": synctoken read its first " + paste.MaxBodyText + " and stopped there."
	}
	return x
}

func explainAnswer(resp *Response, claims *Claims, cloud Cloud, kind Kind) Explanation {
	status, reason := resp.Status, strings.TrimSpace(strconv.Itoa(resp.Status)+" "+resp.Reason)
	code, said := "", "" // code is empty, or " (Code)" when it says more than UnknownError
	if e := resp.Error; e != nil {
		if e.Code != "" && e.Code != "UnknownError" {
			code = " (" + e.Code + ")"
		}
		if msg := strings.TrimSpace(e.Message); msg != "" {
			said = " Graph's message: " + strconv.Quote(msg) + "."
		}
	}
	busy := status == 429 || status == 503 || status == 504
	switch {
	case status == 204:
		// A 204 says only that the service took the credentials: for an
		// authorization code (Authorize) it redeems the code with the vendor
		// afterwards, out of sight, so only Test connection proves it worked.
		return why("Success (204 No Content)",
			"The provisioning service took the credentials. For an OAuth authorization code it now redeems the code with the vendor itself; this answer does not say whether that worked.",
			"Select Test connection on the application's Provisioning page (Admin Credentials): only it proves the credentials work. Then Save.")
	case status >= 200 && status < 300:
		return why("Unexpected success ("+reason+")", "Graph answered "+reason+", not 204 No Content."+said,
			"Check the application's Provisioning page to see whether the credentials took effect.")
	case resp.Truncated && looksLikeJSON(resp.Body):
		x := why("Answer too large ("+reason+")",
			"Graph's answers to this call are a few hundred bytes of JSON; this one is JSON that runs on past the limit, so something between this browser and Graph produced it, or Graph failed while writing it.",
			"Send again. If the same happens, try another network, and keep the request-id and client-request-id below for support.")
		x.Retryable = busy || status >= 500
		return x
	case resp.Error == nil && looksLikeJSON(resp.Body) && !json.Valid(resp.Body):
		return retryWhy("Malformed answer ("+reason+")",
			"The answer's body starts as JSON but is cut short or malformed: the connection or a proxy damaged it, or Graph failed while writing it.",
			"Send again. If the same happens, keep the request-id and client-request-id below for support.")
	case resp.Error == nil && len(bytes.TrimSpace(resp.Body)) > 0 && !json.Valid(resp.Body):
		what := "text"
		if bytes.HasPrefix(bytes.TrimSpace(resp.Body), []byte("<")) {
			what = "an HTML page"
		}
		x := why("Answered by a proxy or gateway, not Graph ("+reason+")",
			"The answer's body is "+what+", not JSON, so Graph did not write it: a proxy, firewall, TLS-inspection device or gateway between this browser and "+cloud.GraphHost+" answered instead.",
			"Read the body below: it usually names the device or policy. Try another network, or ask the network team to allow "+cloud.GraphHost+".")
		x.Retryable = busy || status == 502
		return x
	case status == 400:
		return explain400(said, resp.Error)
	case status == 401:
		raw := ""
		if resp.Error != nil {
			raw = resp.Error.Code
		}
		return explain401(raw, claims, cloud, said)
	case status == 403:
		return mayBeReplication(explain403(claims, code, said))
	case status == 404:
		return explain404(claims, kind, said)
	case status == 409:
		return retryWhy("Conflict ("+reason+")",
			"The object's synchronization is being changed elsewhere at the same time: by another admin, the portal's Provisioning page, or an earlier request still in progress."+said,
			"Wait a minute, close other provisioning pages for this application, and send again.")
	case busy:
		return retryWhy("Graph is busy ("+reason+")", "Graph throttled the request or was briefly unavailable; the request itself may be fine."+said,
			DefaultBackoff.Advice())
	case status >= 500:
		return retryWhy("Graph failed ("+reason+")", "Graph hit an error of its own while handling the request; the answer does not blame the input."+said,
			"Send again in a minute. If it keeps failing, open a support case and give the request-id "+paste.FirstOf(requestID(resp), "(see below)")+" and the details below.")
	}
	return why("Refused ("+reason+")", "Graph refused the request with "+reason+code+"."+said,
		"Check the request against the error above and send again; keep the details below for support.")
}

func explainNoAnswer(err error) Explanation {
	var se *SendError
	switch {
	case err == nil:
		return why("Not sent", "No request has been sent.", "Send the request.")
	case errors.As(err, &se) && se.Kind == "timeout":
		return retryWhy("No answer in time", "Graph did not answer before the time limit: Graph or the network was slow, or a proxy held the request. Graph may still have run it.",
			"Send again; if it keeps timing out, try another network.")
	case errors.As(err, &se) && se.Kind == "redirect":
		return why("Redirected elsewhere", se.Message,
			"Check the network: sign in to the guest Wi-Fi or captive portal, or try another network; the cloud chosen must be one of Microsoft's Graph hosts.")
	case errors.As(err, &se) && se.Kind == "cut":
		return retryWhy("Answer cut off", se.Message,
			"Send again; if it keeps happening, a proxy or an unstable connection is in the way: try another network.")
	case errors.As(err, &se) && se.Kind == "cancelled":
		return why("Cancelled", "The request was cancelled before an answer arrived; Graph may still have received it.", "Send again when ready.")
	}
	return why("No answer could be read",
		"The browser got no readable answer and does not say why. It can be: no network connection (offline); the host unreachable (DNS or firewall); "+
			"CORS, when something between the browser and Graph answers without Graph's CORS headers; or a browser extension (ad or privacy blocker) or a proxy blocking the request. "+
			"If only the answer was blocked, Graph may have run the request.",
		"Check the connection, then try a private window without extensions. The browser's developer tools (Console and Network) show the real failure. "+
			"Or copy the request as a command and run it from a terminal: if that works, something in the browser blocked it.")
}

// looksLikeJSON reports whether body starts as a JSON object or array.
func looksLikeJSON(body []byte) bool {
	b := bytes.TrimSpace(body)
	return len(b) > 0 && (b[0] == '{' || b[0] == '[')
}
