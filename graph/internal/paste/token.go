package paste

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// NormalizeToken returns the bare access token in s, and the problems
// found. It removes what is safe to remove without a word — spaces and
// quotes around the token, a "Bearer " or "Authorization: Bearer " prefix
// copied along with it — and says so (Info) when it removes more: invisible
// characters, the line breaks of a wrapped paste, or everything around a
// token taken out of pasted JSON (az account get-access-token, a token
// response) or text (a curl command). s is not changed. The token is ""
// when s holds none that can be sent: too long, several tokens, only an ID
// token.
func NormalizeToken(s string) (string, []Problem) {
	if len(s) > MaxPasteBytes {
		return "", oneProblem(Error, "Access token field holds "+SizeText(len(s))+"; an access token is a few KiB: paste the token alone.")
	}
	var ps []Problem
	var b strings.Builder
	invisible := 0
	for _, r := range s {
		if IsInvisible(r) && !unicode.IsSpace(r) {
			invisible++
			continue
		}
		b.WriteRune(r)
	}
	cleaned := b.String()
	if invisible > 0 {
		addProblem(&ps, Info, "Removed "+Count(invisible, "invisible character", "invisible characters")+" from the token.")
	}
	t := peelToken(cleaned)
	if strings.ContainsAny(t, "\r\n") {
		lines := strings.FieldsFunc(t, func(r rune) bool { return r == '\n' || r == '\r' })
		for i := range lines {
			lines[i] = strings.TrimSpace(lines[i])
		}
		if joined := strings.Join(lines, ""); isJWT(joined) {
			t = joined
			addProblem(&ps, Info, "Joined the token's "+strconv.Itoa(len(lines))+" lines into one (a line-wrapped paste).")
		}
	}
	if strings.ContainsAny(t, " \t\r\n{}\"',;:<>()[]`") {
		tok, note, err := tokenInPaste(cleaned, t)
		switch {
		case err != "":
			addProblem(&ps, Error, err)
			return "", ps
		case tok != "":
			t = tok
			addProblem(&ps, Info, note)
		}
	}
	if t == "" {
		return "", oneProblem(Error, "Access token is required: paste a token for this cloud's Graph.")
	}
	if len(t) > MaxTokenBytes {
		addProblem(&ps, Error, "Access token is "+SizeText(len(t))+": longer than any access token (at most "+MaxTokenText+"); paste the token alone.")
		return "", ps
	}
	if strings.ContainsAny(t, " \t\r\n") {
		addProblem(&ps, Error, "Access token contains spaces or line breaks; paste the token alone.")
		return t, ps
	}
	if msg := notASCII(t); msg != "" {
		addProblem(&ps, Error, msg)
		return "", ps
	}
	parts := strings.Split(t, ".")
	switch {
	case len(parts) == 5 && strings.HasPrefix(t, "eyJ"):
		addProblem(&ps, Warning, "This is an encrypted token (JWE, five parts): it is meant for another API, and Graph will reject it.")
	case strings.HasPrefix(t, "0.A") || strings.HasPrefix(t, "1.A"):
		addProblem(&ps, Warning, "This looks like a refresh token, not an access token: Graph accepts only access tokens.")
	case len(parts) == 1 && len(t) > 3 && strings.HasPrefix(t, "Ew") && 'A' <= t[2] && t[2] <= 'Z':
		addProblem(&ps, Warning, "This looks like a token for a personal Microsoft account (not a JWT); this API needs a work or school account.")
	case len(parts) != 3:
		addProblem(&ps, Warning, "Access token does not look like a JWT (three parts separated by dots); Graph will likely reject it.")
	}
	return t, ps
}

// notASCII explains why a token holding a character beyond ASCII cannot be
// sent, or returns "". Access tokens are base64 text and dots; anything
// else was changed in copying (an ellipsis where a display cut it short, a
// letter from another alphabet), and the browser refuses a header holding a
// character above U+00FF outright. The token is never quoted: only the
// character and where it is.
func notASCII(t string) string {
	at := 0
	for _, r := range t {
		at++
		if r <= 0x7e {
			continue
		}
		if r == '\u2026' {
			return "Access token contains " + strconv.QuoteRune(r) + " (U+2026, an ellipsis) at character " + strconv.Itoa(at) + ": it was shortened for display. Copy the whole token from its source."
		}
		return fmt.Sprintf("Access token contains %q (U+%04X) at character %d: an access token is plain ASCII (letters, digits, . - _), so it was changed in copying, and a browser cannot send it. Paste it from its source again.", r, r, at)
	}
	return ""
}

// peelToken removes what is copied along with a token: spaces, quotes and
// backticks around it, an "Authorization:" header name, a "Bearer" scheme.
func peelToken(t string) string {
	for {
		prev := t
		t = strings.TrimFunc(strings.TrimSpace(t), isQuote)
		if len(t) >= 14 && strings.EqualFold(t[:14], "authorization:") {
			t = strings.TrimSpace(t[14:])
		}
		if len(t) > 7 && strings.EqualFold(t[:6], "bearer") && strings.IndexByte(" \t\r\n", t[6]) >= 0 {
			t = t[7:]
		}
		if t == prev {
			return t
		}
	}
}

// isJWT reports whether t is shaped as a JWT: three base64url parts, the
// first a JSON object's encoding ("eyJ"), the last possibly empty.
func isJWT(t string) bool {
	parts := strings.Split(t, ".")
	if len(parts) != 3 || !strings.HasPrefix(t, "eyJ") || parts[1] == "" {
		return false
	}
	for i := 0; i < len(t); i++ {
		if c := t[i]; !isAlnum(c) && c != '-' && c != '_' && c != '.' {
			return false
		}
	}
	return true
}

// tokenInPaste finds the access token in a paste that is more than a
// token: the "accessToken" or "access_token" of JSON, else the JWT labelled
// as an access token ("Bearer …", accessToken: …), else the only JWT. It
// returns the token and a note, or a message saying why none can be taken,
// or nothing when the paste holds no JWT at all.
func tokenInPaste(paste, peeled string) (tok, note, err string) {
	if strings.HasPrefix(peeled, "{") {
		var obj map[string]any
		if json.Unmarshal([]byte(peeled), &obj) == nil {
			for _, name := range []string{"accessToken", "access_token"} {
				if v, ok := obj[name].(string); ok && isJWT(strings.TrimSpace(v)) {
					return strings.TrimSpace(v), "Took the access token from the pasted JSON's " + strconv.Quote(name) + ".", ""
				}
			}
			for _, name := range []string{"id_token", "idToken"} {
				if v, ok := obj[name].(string); ok && isJWT(v) {
					return "", "", "The pasted JSON holds an ID token (" + strconv.Quote(name) + "), not an access token: Graph needs the access token."
				}
			}
		}
	}
	type found struct {
		tok, label string
		_          incomparable
	}
	var access, id, other []found
	seen := map[string]bool{}
	for i := 0; i+3 <= len(paste); i++ {
		if paste[i:i+3] != "eyJ" || i > 0 && (isAlnum(paste[i-1]) || paste[i-1] == '-' || paste[i-1] == '_' || paste[i-1] == '.') {
			continue
		}
		start, j := i, i
		for j < len(paste) && (isAlnum(paste[j]) || paste[j] == '-' || paste[j] == '_' || paste[j] == '.') {
			j++
		}
		i = j
		t := paste[start:j]
		if !isJWT(t) {
			t = strings.TrimRight(t, ".") // a sentence's full stop
		}
		if !isJWT(t) || seen[t] {
			continue
		}
		seen[t] = true
		label, _ := wordBefore(paste, start, " \t\r\n\"':=")
		f := found{tok: t, label: label}
		switch strings.ToLower(label) {
		case "bearer", "accesstoken", "access_token", "token":
			access = append(access, f)
		case "id_token", "idtoken":
			id = append(id, f)
		default:
			other = append(other, f)
		}
	}
	switch {
	case len(access) == 1:
		if strings.EqualFold(access[0].label, "bearer") {
			return access[0].tok, `Took the access token from the pasted text (after "Bearer").`, ""
		}
		return access[0].tok, "Took the access token from the pasted text (labelled " + access[0].label + ").", ""
	case len(access)+len(other) > 1:
		return "", "", "The pasted text holds " + strconv.Itoa(len(access)+len(other)+len(id)) + " tokens; paste the access token alone."
	case len(other) == 1:
		return other[0].tok, "Took the access token from the pasted text, the only token in it.", ""
	case len(id) > 0:
		return "", "", "The pasted text holds an ID token (" + id[0].label + "), not an access token: Graph needs the access token."
	}
	return "", "", ""
}
