package graph

import (
	"strconv"
	"strings"
	"synctoken/graph/internal/paste"
)

// requestID is Graph's id for the call. From a browser the request-id
// header is often unreadable, so the error body is read first.
func requestID(resp *Response) string {
	if resp.Error != nil && resp.Error.RequestID != "" {
		return resp.Error.RequestID
	}
	return resp.HeaderValue("request-id")
}

// SupportDetails returns what a support case about the call needs: status,
// Graph's code, the request ids, the date, the URL without its query and
// the cloud. It never holds the token or a credential value, so it can be
// pasted anywhere; even a server echoing them into a field is scrubbed.
func SupportDetails(req Request, resp *Response, cloud Cloud) string {
	status, code, rid, crid, date := "no answer", "", "", "", ""
	if resp != nil {
		status, rid = strconv.Itoa(resp.Status)+" "+resp.Reason, requestID(resp)
		crid, date = resp.HeaderValue("client-request-id"), resp.HeaderValue("date")
		if e := resp.Error; e != nil {
			code, crid, date = e.Code, paste.FirstOf(e.ClientRequestID, crid), paste.FirstOf(e.Date, date)
		}
	}
	for _, h := range req.Header {
		if strings.EqualFold(h.Name, "client-request-id") {
			crid = paste.FirstOf(crid, h.Value)
		}
	}
	u, _, _ := strings.Cut(req.URL, "?")
	u, _, _ = strings.Cut(u, "#")
	var b strings.Builder
	for _, f := range [][2]string{{"Status", status}, {"Code", code}, {"Request ID", rid}, {"Client request ID", crid},
		{"Date", date}, {"URL", strings.TrimSpace(req.Method + " " + u)}, {"Cloud", cloud.Name}} {
		// Scrub before and after joining the value's lines: a secret may
		// hold spaces, or span a line break the join removes.
		if v := scrubSecrets(strings.Join(strings.Fields(scrubSecrets(f[1], req)), " "), req); v != "" {
			b.WriteString(f[0] + ": " + v + "\n")
		}
	}
	return b.String()
}

// scrubSecrets masks the token and each credential value of req in s.
func scrubSecrets(s string, req Request) string {
	var secrets []string
	for _, h := range req.Header {
		if strings.EqualFold(h.Name, "Authorization") {
			secrets = append(secrets, h.Value[strings.IndexByte(h.Value, ' ')+1:])
		}
	}
	for _, c := range req.credentials {
		secrets = append(secrets, c.Value)
	}
	for _, v := range secrets {
		if len(v) >= 4 {
			s = strings.ReplaceAll(s, v, Mask)
		}
	}
	return s
}
