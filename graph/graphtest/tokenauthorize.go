package graphtest

import (
	"html/template"
	"net/http"
)

// landingPath is the sandbox's stand-in for the portal's landing page,
// https://portal.azure.com/TokenAuthorize, where vendors send the admin
// back with code=…&state=… after Authorize.
const landingPath = "/TokenAuthorize"

// landingHTML shows the full address the page was reached at, in a
// read-only text area (#landing-address) that is easy to select and copy,
// and says to paste it into synctoken. It has no script (no copy button:
// the sandbox's Content-Security-Policy allows none), and html/template
// escapes the address. A vendor's error=… is shown too (#landing-error).
// Only the query reaches a server: a vendor answering in the fragment
// (#code=…) shows here without it, and the admin copies the address bar.
const landingHTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Authorization received · Graph sandbox</title>
<style>
body{font-family:"Segoe UI",sans-serif;background:#f2f2f2;margin:0}
main{background:#fff;max-width:640px;margin:3em auto;padding:2em 2.5em;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:1.4em;margin:0 0 .5em}
textarea{width:100%;box-sizing:border-box;font:0.95em monospace;padding:.5em;word-break:break-all}
label{display:block;font-weight:600;margin:1em 0 .25em}
</style></head>
<body><main>
<h1>{{if .Error}}The vendor sent back an error{{else}}Copy this address into synctoken{{end}}</h1>
<p>This page stands in for the portal's <code>TokenAuthorize</code> page, where the vendor sends you after Authorize.
{{if .Error}}<p id="landing-error">The vendor answered <code>{{.Error}}</code>{{if .Description}}: {{.Description}}{{end}}. Paste the address into synctoken to see what it means.</p>
{{else}}It carries the authorization code, which works once and for a few minutes only: paste it into synctoken now.</p>
{{end}}<label for="landing-address">The address this page was reached at</label>
<textarea id="landing-address" readonly rows="5" autofocus>{{.Address}}</textarea>
<p>Select it all (Ctrl+A or ⌘A in the box), copy it, and paste it into synctoken's landing address field.</p>
</main></body></html>
`

// serveLanding answers GET /TokenAuthorize with landingHTML.
func (s *Server) serveLanding(w http.ResponseWriter, r *http.Request) {
	setPageHeaders(w.Header())
	w.Header().Set("Referrer-Policy", "no-referrer")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET")
		w.WriteHeader(http.StatusMethodNotAllowed)
		return
	}
	q := r.URL.Query()
	// The address as the browser asked for it: its host as typed (127.0.0.1
	// or localhost), its query as the vendor encoded it.
	data := struct{ Address, Error, Description string }{"http://" + r.Host + r.URL.RequestURI(), q.Get("error"), q.Get("error_description")}
	template.Must(template.New("landing").Parse(landingHTML)).Execute(w, data)
}
