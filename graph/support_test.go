package graph

import (
	"strings"
	"testing"
)

func TestSupportDetails(t *testing.T) {
	req, err := Build(Input{Cloud: USGovL4, Version: V1, Kind: ServicePrincipals, ObjectID: snippetObjectID,
		Credentials: snippetValues, Token: snippetToken}, snippetRequestID)
	if err != nil {
		t.Fatal(err)
	}
	req.URL += "?probe=SECRET-QUERY#frag"
	// A misbehaving server that echoes the token and a value into fields.
	echo := graphAnswer(403, "Forbidden", "Authorization_RequestDenied", "value "+snippetValues[0].Value)
	echo.Error.RequestID = "rid-" + snippetToken
	echo.Error.Date = snippetValues[1].Value
	echo.Header = []Header{{"date", "Sun, 01 Mar 2026 10:00:00 GMT"}, {"request-id", "header-rid"}}

	for _, tt := range []struct {
		name string
		resp *Response
		want []string
	}{
		{"answer", graphAnswer(403, "Forbidden", "Authorization_RequestDenied", "Insufficient privileges"),
			[]string{"Status: 403 Forbidden", "Code: Authorization_RequestDenied", "Request ID: rid-123", "Client request ID: crid-456",
				"Date: 2026-03-01T10:00:00", "URL: POST https://graph.microsoft.us/v1.0/servicePrincipals/" + snippetObjectID + "/synchronization/acquireAccessToken\n", "Cloud: US Gov L4 (GCC High)"}},
		{"echo", echo, []string{"Status: 403", "Request ID: rid-" + Mask}},
		{"headers only", &Response{Status: 503, Reason: "Service Unavailable", Header: []Header{{"date", "Sun, 01 Mar 2026"}, {"request-id", "header-rid"}}},
			[]string{"Request ID: header-rid", "Date: Sun, 01 Mar 2026", "Client request ID: " + snippetRequestID}},
		{"no answer", nil, []string{"Status: no answer", "Client request ID: " + snippetRequestID, "Cloud: US Gov L4"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := SupportDetails(req, tt.resp, USGovL4)
			for _, w := range tt.want {
				if !strings.Contains(s, w) {
					t.Errorf("details lack %q:\n%s", w, s)
				}
			}
			for _, bad := range []string{snippetToken, snippetTokenPart, "SECRET", "Insufficient", "probe", "frag"} {
				if strings.Contains(s, bad) {
					t.Errorf("details contain %q:\n%s", bad, s)
				}
			}
		})
	}
}
