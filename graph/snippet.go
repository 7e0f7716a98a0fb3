package graph

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
	"synctoken/graph/internal/paste"
)

// SnippetKind names a way to send the request outside synctoken. Admins
// copy a snippet to repeat a call in a script, to show support exactly
// what was sent, or to find out whether the browser was what failed.
type SnippetKind string

// The snippet kinds, in the order SnippetKinds lists them.
const (
	snippetCurl             SnippetKind = "curl"
	snippetPowerShellInvoke SnippetKind = "powershell-invoke"
	snippetPowerShellCmdlet SnippetKind = "powershell-cmdlet"
	snippetGraphCLI         SnippetKind = "mgc"
	snippetRawHTTP          SnippetKind = "http"
)

// SnippetKinds lists the snippet kinds, the most portable first.
func SnippetKinds() []SnippetKind {
	return append([]SnippetKind(nil), snippetCurl, snippetPowerShellInvoke, snippetPowerShellCmdlet, snippetGraphCLI, snippetRawHTTP)
}

var snippetLabels = []pair{
	{string(snippetCurl), "curl (bash)"},
	{string(snippetPowerShellInvoke), "PowerShell: Invoke-MgGraphRequest"},
	{string(snippetPowerShellCmdlet), "PowerShell: Graph cmdlet"},
	{string(snippetGraphCLI), "Microsoft Graph CLI (mgc)"},
	{string(snippetRawHTTP), "HTTP"},
}

// Label is the name admins see for k.
func (k SnippetKind) Label() string {
	label, _ := valueOf(snippetLabels, string(k))
	return paste.FirstOf(label, string(k))
}

// CopiesWithoutCode reports whether r carries an authorization code, which
// Snippet masks even when values are included, so the page can say so.
func (r Request) CopiesWithoutCode() bool { return CarriesAuthorizationCode(r.credentials) }

// forCopy is r as a snippet may carry it: Redacted, with the authorization
// code masked whatever includeValues says (see Snippet).
func (r Request) forCopy(includeValues bool) Request {
	if !includeValues || !CarriesAuthorizationCode(r.credentials) {
		return r.Redacted(includeValues)
	}
	out := r.Redacted(true)
	creds := make([]Credential, len(r.credentials))
	for i, c := range r.credentials {
		if IsCodeKey(c.Key) {
			c.Value = Mask
		}
		creds[i] = c
	}
	out.Body, _ = encodeShaped(r.shape, creds)
	out.credentials = creds
	return out
}

// tokenVariable stands for the access token in every snippet. A snippet is
// pasted into chats, tickets and shell history, so it never carries the
// token itself: the admin sets TOKEN where the command runs.
const tokenVariable = "$TOKEN"

// Snippet returns r as a command of the given kind. The token is never in
// it; credential values are masked unless includeValues is set, and a
// vendor's authorization code is masked even then: it is spent by the one
// send it was obtained for, so a command carrying it could only fail or
// race that send, while the code would linger in a chat or shell history.
// The body is the request's JSON, quoted so that each shell passes it on
// unchanged, whatever characters the values hold.
func (r Request) Snippet(kind SnippetKind, includeValues bool) string {
	body := r.forCopy(includeValues).Body
	switch kind {
	case snippetCurl:
		return r.curlSnippet(body)
	case snippetPowerShellInvoke:
		return r.invokeSnippet(body)
	case snippetPowerShellCmdlet:
		return r.cmdletSnippet(body)
	case snippetGraphCLI:
		return r.mgcSnippet(body)
	case snippetRawHTTP:
		raw := r
		raw.Header, raw.Body = make([]Header, len(r.Header)), body
		for i, h := range r.Header {
			if strings.EqualFold(h.Name, "Authorization") {
				h.Value = "Bearer " + tokenVariable
			}
			raw.Header[i] = h
		}
		return raw.HTTP()
	}
	return ""
}

// extraHeaders returns the headers a tool does not set by itself, such as
// client-request-id: the tools sign in on their own and set Content-Type
// from their options.
func (r Request) extraHeaders() []Header {
	var hs []Header
	for _, h := range r.Header {
		if !strings.EqualFold(h.Name, "Authorization") && !strings.EqualFold(h.Name, "Content-Type") {
			hs = append(hs, h)
		}
	}
	return hs
}

func (r Request) curlSnippet(body []byte) string {
	var b strings.Builder
	if c, ok := snippetCloud(r.URL); ok {
		// The az sign-in steps go first, the token command into TOKEN.
		parts := strings.Split(c.AzCommand(), " && ")
		if c.ID != Global.ID {
			b.WriteString("# Sign in to " + c.Name + " first: " + strings.Join(parts[:len(parts)-1], " && ") + "\n")
		}
		b.WriteString("# TOKEN=$(" + parts[len(parts)-1] + ")\n")
	} else {
		b.WriteString("# Set TOKEN to an access token for " + snippetCloudName(r.URL) + " first.\n")
	}
	b.WriteString("curl -i -X " + r.Method + " " + bashQuote(r.URL))
	for _, h := range r.Header {
		if strings.EqualFold(h.Name, "Authorization") {
			b.WriteString(" \\\n  -H \"Authorization: Bearer " + tokenVariable + "\"")
			continue
		}
		b.WriteString(" \\\n  -H " + bashQuote(h.Name+": "+h.Value))
	}
	if len(body) > 0 {
		b.WriteString(" \\\n  --data-raw " + bashQuote(compactJSON(body)))
	}
	return b.String() + "\n"
}

func (r Request) invokeSnippet(body []byte) string {
	var b strings.Builder
	b.WriteString("# Microsoft Graph PowerShell SDK: Install-Module Microsoft.Graph.Authentication\n")
	b.WriteString(connectMgGraph(r.URL))
	b.WriteString(hereString("$body", body))
	b.WriteString("Invoke-MgGraphRequest -Method " + r.Method + " -Uri " + psQuote(r.URL) + " -Body $body -ContentType 'application/json'" + psHeaders(r.extraHeaders()) + "\n")
	return b.String()
}

func (r Request) cmdletSnippet(body []byte) string {
	version, kind, id := snippetTarget(r.URL)
	beta, module := "", "Microsoft.Graph.Applications"
	if version == Beta {
		beta, module = "Beta", "Microsoft.Graph.Beta.Applications"
	}
	noun, param := "ServicePrincipal", "-ServicePrincipalId"
	if kind == Applications {
		noun, param = "Application", "-ApplicationId"
	}
	op, jobID := snippetOperation(r)
	cmdlet, args, ok := cmdletCall(op, beta, noun, jobID)
	if !ok {
		return r.noCmdletSnippet(body)
	}
	var b strings.Builder
	b.WriteString("# Microsoft Graph PowerShell SDK on PowerShell 7: Install-Module " + module + "\n")
	b.WriteString(connectMgGraph(r.URL))
	b.WriteString(hereString("$body", body))
	b.WriteString("$params = $body | ConvertFrom-Json -AsHashtable\n")
	b.WriteString(cmdlet + " " + param + " " + psQuote(id) + args + " -BodyParameter $params" + psHeaders(r.extraHeaders()) + "\n")
	return b.String()
}

func (r Request) mgcSnippet(body []byte) string {
	version, kind, id := snippetTarget(r.URL)
	op, jobID := snippetOperation(r)
	words, args, ok := mgcCall(op, jobID)
	if !ok {
		return r.noMgcSnippet(body)
	}
	tool := "mgc"
	var b strings.Builder
	b.WriteString("# Microsoft Graph CLI, bash quoting.\n")
	if version == Beta {
		tool = "mgc-beta"
		b.WriteString("# Beta endpoints are in the Graph CLI's beta build, mgc-beta; mgc calls v1.0.\n")
	}
	if c, ok := snippetCloud(r.URL); !ok || c.ID != Global.ID {
		b.WriteString("# mgc signs in to the Global cloud unless told otherwise; this request is for " + snippetCloudName(r.URL) + " (see " + tool + " login --help).\n")
	}
	b.WriteString(tool + " login --scopes " + SyncScope + "\n")
	collection, param := "service-principals", "--service-principal-id"
	if kind == Applications {
		collection, param = "applications", "--application-id"
	}
	b.WriteString(tool + " " + collection + " " + words + " " + param + " " + bashQuote(id) + args)
	for _, h := range r.extraHeaders() {
		b.WriteString(" --headers " + bashQuote(h.Name+"="+h.Value))
	}
	b.WriteString(" --body " + bashQuote(compactJSON(body)) + "\n")
	return b.String()
}

// mgEnvironments are the Graph PowerShell SDK's names of the national
// clouds; Global is its default.
var mgEnvironments = []pair{{"usgov", "USGov"}, {"usgovdod", "USGovDoD"}, {"china", "China"}} // by Cloud.ID

// connectMgGraph returns the sign-in line of the Graph PowerShell SDK for
// the cloud of u; each cloud has its own sign-in, and a token of one is
// refused by another's Graph.
func connectMgGraph(u string) string {
	line := "Connect-MgGraph -Scopes " + SyncScope
	if c, ok := snippetCloud(u); ok {
		if env, _ := valueOf(mgEnvironments, c.ID); env != "" {
			line += " -Environment " + env
		}
	}
	return line + "\n"
}

// snippetTarget reads the version, collection and object ID back from a
// request URL, so a snippet names exactly the object that was called.
func snippetTarget(u string) (Version, Kind, string) {
	path := u
	if p, err := url.Parse(u); err == nil {
		path = p.Path
	}
	segs := strings.Split(strings.Trim(path, "/"), "/")
	for i := len(segs) - 1; i >= 3; i-- {
		if segs[i] == "synchronization" {
			return Version(segs[i-3]), Kind(segs[i-2]), segs[i-1]
		}
	}
	return "", "", "{object-id}"
}

// snippetCloud finds the real cloud whose Graph host u names.
func snippetCloud(u string) (Cloud, bool) {
	p, err := url.Parse(u)
	if err != nil {
		return Cloud{}, false
	}
	for _, c := range Clouds() {
		if strings.EqualFold(p.Host, c.GraphHost) {
			return c, true
		}
	}
	return Cloud{}, false
}

func snippetCloudName(u string) string {
	if c, ok := snippetCloud(u); ok {
		return c.Name
	}
	if p, err := url.Parse(u); err == nil && p.Host != "" {
		return p.Host
	}
	return u
}

// compactJSON puts a JSON body on one line, so it fits one shell argument
// as readably as possible; a body that is not JSON is kept as it is.
func compactJSON(body []byte) string {
	var b bytes.Buffer
	if json.Compact(&b, body) != nil {
		return string(body)
	}
	return b.String()
}

// bashQuote quotes s as one bash word. Inside single quotes bash takes
// every character literally, so only the single quote itself needs care:
// it closes the quotes, adds an escaped quote and reopens them.
func bashQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// PowerShell takes the typographic quotes ‘ ’ ‚ ‛ for ' as well, in
// strings and at the end of a here-string alike.
var (
	psQuoter      = strings.NewReplacer("'", "''", "\u2018", "\u2018\u2018", "\u2019", "\u2019\u2019", "\u201a", "\u201a\u201a", "\u201b", "\u201b\u201b")
	psHereEscaper = strings.NewReplacer("'@", `\u0027@`, "\u2018@", `\u2018@`, "\u2019@", `\u2019@`, "\u201a@", `\u201a@`, "\u201b@", `\u201b@`)
)

// psQuote quotes s as a PowerShell single-quoted string, in which a quote
// is written twice and nothing else is special.
func psQuote(s string) string { return "'" + psQuoter.Replace(s) + "'" }

// hereString assigns body to a PowerShell single-quoted here-string, which
// takes its lines literally until a line that starts with '@. In JSON a
// quote only appears inside strings, where \u0027 means the same, so every
// '@ is written that way and no line of the body can end the here-string.
func hereString(name string, body []byte) string {
	return name + " = @'\n" + psHereEscaper.Replace(string(body)) + "\n'@\n"
}

// psHeaders returns a -Headers argument for the Graph PowerShell cmdlets.
func psHeaders(hs []Header) string {
	if len(hs) == 0 {
		return ""
	}
	pairs := make([]string, len(hs))
	for i, h := range hs {
		pairs[i] = psQuote(h.Name) + " = " + psQuote(h.Value)
	}
	return " -Headers @{ " + strings.Join(pairs, "; ") + " }"
}
