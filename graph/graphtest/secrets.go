package graphtest

import (
	"mime"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"synctoken/graph"
)

// The saved credentials of each service principal: what Save (PUT
// …/synchronization/secrets) writes, what Authorize stores (the vendor's
// tokens), what Test connection with useSavedCredentials reads, and what
// GET …/synchronization/secrets shows, its sensitive values masked as "*".
// Writes merge: a key with a value is set, one with an empty (or null)
// value is deleted, others are left (what Terraform's provider relies on;
// SetSecretsReplace plays the other reading, where a PUT replaces all).
// A PUT is answered 204, or 200 with the pairs (SetSecretsAnswerBody), the
// two answers Microsoft documents. Like Graph, a read sees a Save only
// after a delay (see SetSecretsDelay); Test connection sees it at once.

// DefaultSecretsDelay is how long after a Save its GET shows it, unless
// SetSecretsDelay says otherwise.
const DefaultSecretsDelay = 2 * time.Second

// provisioning is the sandbox's provisioning service: vendor codes and
// saved credentials, under their own lock.
type provisioning struct {
	mu              sync.Mutex
	codes           map[string]*vendorCode
	vendorRedirects []string
	saved           map[string][]secretWrite // by lowercase service principal object ID
	delay           time.Duration
	delaySet        bool
	replace         bool // a PUT replaces the saved credentials rather than merging
	answerBody      bool // a PUT is answered 200 with the pairs, not 204
}

// A secretWrite is one write to a service principal's credentials, and
// when reads see it.
type secretWrite struct {
	visible time.Time
	pairs   []graph.Credential
	replace bool // drops every key saved before
}

// SetSecretsReplace makes each later PUT …/secrets replace the saved
// credentials with the pairs it sends, instead of merging them: what
// Graph would do if Terraform's reading were wrong, so that the page's
// check for vanished keys can be seen working. Authorize's writes still
// merge.
func (s *Server) SetSecretsReplace(replace bool) {
	s.prov.mu.Lock()
	defer s.prov.mu.Unlock()
	s.prov.replace = replace
}

// SetSecretsAnswerBody makes each later PUT …/secrets answer 200 with
// {"value":[pairs]} (sensitive values masked), as the OpenAPI description
// allows, instead of Microsoft's documented 204.
func (s *Server) SetSecretsAnswerBody(body bool) {
	s.prov.mu.Lock()
	defer s.prov.mu.Unlock()
	s.prov.answerBody = body
}

// putMode is how a PUT …/secrets is answered and applied.
func (s *Server) putMode() (replace, body bool) {
	s.prov.mu.Lock()
	defer s.prov.mu.Unlock()
	return s.prov.replace, s.prov.answerBody
}

// SetSecretsDelay sets how long after a Save its GET shows it (2 s by
// default), on the sandbox's clock (see SetClock); 0 shows it at once.
func (s *Server) SetSecretsDelay(d time.Duration) {
	s.prov.mu.Lock()
	defer s.prov.mu.Unlock()
	s.prov.delay, s.prov.delaySet = max(d, 0), true
}

// writeSecrets records pairs for the service principal spID, merged,
// visible to reads after delay.
func (s *Server) writeSecrets(spID string, pairs []graph.Credential, delay time.Duration) {
	s.write(spID, secretWrite{pairs: pairs}, delay)
}

// write records w for spID, visible to reads after delay.
func (s *Server) write(spID string, w secretWrite, delay time.Duration) {
	now := s.now()
	s.prov.mu.Lock()
	defer s.prov.mu.Unlock()
	if s.prov.saved == nil {
		s.prov.saved = map[string][]secretWrite{}
	}
	id := strings.ToLower(spID)
	w.visible = now.Add(delay)
	s.prov.saved[id] = append(s.prov.saved[id], w)
}

// secretsDelay is the delay of a Save.
func (s *Server) secretsDelay() time.Duration {
	s.prov.mu.Lock()
	defer s.prov.mu.Unlock()
	if !s.prov.delaySet {
		return DefaultSecretsDelay
	}
	return s.prov.delay
}

// Secrets returns the credentials saved for the service principal spID,
// unmasked, as the provisioning service holds them: every write applied,
// visible to GET yet or not. Tests read what Save and Authorize stored.
func (s *Server) Secrets(spID string) []graph.Credential { return s.savedAt(spID, time.Time{}) }

// savedAt applies the writes visible at t, or all of them for a zero t,
// keeping the order in which keys were first set.
func (s *Server) savedAt(spID string, t time.Time) []graph.Credential {
	s.prov.mu.Lock()
	defer s.prov.mu.Unlock()
	var out []graph.Credential
	for _, w := range s.prov.saved[strings.ToLower(spID)] {
		if !t.IsZero() && w.visible.After(t) {
			continue
		}
		if w.replace {
			out = nil
		}
		for _, p := range w.pairs {
			i := slices.IndexFunc(out, func(c graph.Credential) bool { return c.Key == p.Key })
			switch {
			case p.Value == "" && i >= 0:
				out = slices.Delete(out, i, i+1)
			case p.Value == "":
			case i >= 0:
				out[i].Value = p.Value
			default:
				out = append(out, p)
			}
		}
	}
	return out
}

// sensitive reports whether GET masks the value of key. Graph does not
// publish the list; the sandbox masks every key that holds a credential or
// token, and shows the settings (addresses, IDs, flags, schedules) and
// Oauth2RedirectUri, Oauth2ClientId and Oauth2AccessTokenCreationTime,
// which are not secret. [inferred]
func sensitive(key string) bool {
	switch key {
	case "Password", "SecretToken", "AppKey", "ClientSecret", "ConsumerSecret", "TokenKey",
		"Oauth2AccessToken", "Oauth2RefreshToken", "Oauth2ClientSecret", "Oauth2AuthorizationCode",
		"ConnectionString", "SyncAgentCompatibilityKey":
		return true
	}
	return false
}

// secrets answers GET and PUT …/synchronization/secrets, checking in
// Graph's order: method, token, permission, object, then body.
func (s *Server) secrets(w http.ResponseWriter, r *http.Request, rt route, body []byte) {
	x := s.begin(w, r)
	perm := actionPermission
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		perm = jobsPermission
	case http.MethodPut:
	default:
		w.Header().Set("Allow", "GET, PUT")
		x.fail(&apiError{http.StatusMethodNotAllowed, "BadRequest", "Specified HTTP method is not allowed for the request target."})
		return
	}
	if err := s.authorize(r, perm); err != nil {
		x.fail(err)
		return
	}
	sp, err := rt.servicePrincipal()
	if err != nil {
		x.fail(err)
		return
	}
	if r.Method == http.MethodPut {
		if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
			x.fail(badRequest(unreadable))
			return
		}
		pairs, err := readPairs(body, "value", "")
		if err != nil {
			x.fail(err)
			return
		}
		replace, answerBody := s.putMode()
		s.write(sp.ObjectID, secretWrite{pairs: pairs, replace: replace}, s.secretsDelay())
		if answerBody {
			x.ok(object{{"@odata.context", s.context(rt, nil, "('"+rt.id+"')/synchronization/secrets")}, {"value", masked(pairs)}})
			return
		}
		w.WriteHeader(http.StatusNoContent)
		return
	}
	x.ok(object{{"@odata.context", s.context(rt, nil, "('"+rt.id+"')/synchronization/secrets")}, {"value", masked(s.savedAt(sp.ObjectID, s.now()))}})
}

// masked is pairs as Graph shows them: sensitive values as "*".
func masked(pairs []graph.Credential) []graph.Credential {
	shown := []graph.Credential{}
	for _, c := range pairs {
		if sensitive(c.Key) {
			c.Value = "*"
		}
		shown = append(shown, c)
	}
	return shown
}
