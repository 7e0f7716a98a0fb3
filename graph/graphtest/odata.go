package graphtest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Graph's OData conventions as the sandbox's reads answer them: JSON
// objects whose members keep Graph's order, $select and the other system
// query options, and skip tokens for paging.

// odataJSON is the Content-Type of Graph's JSON responses to reads.
const odataJSON = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"

// A member is one name and value of a JSON object; an object is a list of
// them, so that its members keep Graph's order (a map would sort them).
type member struct {
	name  string
	value any
}

type object []member

// MarshalJSON writes the members in order. Like Graph, it leaves <, > and &
// unescaped: a client must not count on escaping to keep markup inert.
func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		name, _ := marshal(m.name)
		value, err := marshal(m.value)
		if err != nil {
			return nil, err
		}
		b.Write(name)
		b.WriteByte(':')
		b.Write(value)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshal is json.Marshal without HTML escaping.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// ok writes v as a successful Graph read.
func (x *exchange) ok(v any) {
	data, err := marshal(v)
	if err != nil {
		x.fail(&apiError{http.StatusInternalServerError, "InternalServerError", err.Error()})
		return
	}
	h := x.w.Header()
	h.Set("Content-Type", odataJSON)
	h.Set("OData-Version", "4.0")
	h.Set("Cache-Control", "no-cache")
	x.w.WriteHeader(http.StatusOK)
	x.w.Write(data)
}

// queryOption returns a system query option by name, in any case, and
// whether the query has it.
func queryOption(q url.Values, name string) (string, bool) {
	for k, v := range q {
		if strings.EqualFold(k, name) && len(v) > 0 {
			return v[0], true
		}
	}
	return "", false
}

// option is queryOption's value alone.
func option(q url.Values, name string) string {
	v, _ := queryOption(q, name)
	return v
}

// parseSelect reads a $select list, naming known members as Graph spells
// them. Names the sandbox does not model are kept as written and give no
// member, as a real property that is null would not: Graph has many more
// properties than the sandbox, so it cannot tell a typo from one of them.
// It returns nil for no $select.
func parseSelect(param string, known object) []string {
	if strings.TrimSpace(param) == "" {
		return nil
	}
	var out []string
	for name := range strings.SplitSeq(param, ",") {
		name = strings.TrimSpace(name)
		if i := slices.IndexFunc(known, func(m member) bool { return strings.EqualFold(m.name, name) }); i >= 0 {
			name = known[i].name
		}
		if name != "" && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// project keeps the selected members, in the object's order; nil keeps all.
func project(o object, selected []string) object {
	if selected == nil {
		return o
	}
	var out object
	for _, m := range o {
		if slices.Contains(selected, m.name) {
			out = append(out, m)
		}
	}
	return out
}

// A skip token is opaque to clients; the sandbox's holds the offset of the
// next page.
func skipToken(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("sandbox-page:" + strconv.Itoa(offset)))
}

func parseSkipToken(tok string) (int, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimPrefix(string(raw), "sandbox-page:"))
	return n, err == nil && n >= 0 && strings.HasPrefix(string(raw), "sandbox-page:")
}

// withSkipToken replaces any $skiptoken of a raw query with one for offset,
// keeping the other options as the client wrote them.
func withSkipToken(rawQuery string, offset int) string {
	var kept []string
	for pair := range strings.SplitSeq(rawQuery, "&") {
		name, _, _ := strings.Cut(pair, "=")
		if n, err := url.QueryUnescape(name); pair == "" || err == nil && strings.EqualFold(n, "$skiptoken") {
			continue
		}
		kept = append(kept, pair)
	}
	return strings.Join(append(kept, "$skiptoken="+skipToken(offset)), "&")
}
