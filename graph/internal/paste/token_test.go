package paste

import (
	"strings"
	"testing"
)

func TestBadInputToken(t *testing.T) {
	tok := testToken
	idTok := jwtWith(t, map[string]any{"aud": "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", "nonce": "n"})
	tests := []struct {
		in, want string // want: the normalized token
		msg      string // substring of the one problem; "" for none
		sev      Severity
	}{
		{tok, tok, "", 0},
		{"", "", "Access token is required: paste a token for this cloud's Graph.", Error},
		{" \n\t", "", "Access token is required", Error},
		// Safe to remove silently.
		{"  Bearer " + tok + " \n", tok, "", 0},
		{"bearer\t" + tok, tok, "", 0},
		{"Bearer\n" + tok + "\n", tok, "", 0},
		{"Authorization: Bearer " + tok, tok, "", 0},
		{`"` + tok + `"`, tok, "", 0},
		{"'" + tok + "'", tok, "", 0},
		{"\u201c" + tok + "\u201d", tok, "", 0},
		{"`" + tok + "`", tok, "", 0},
		{`"Bearer ` + tok + `"`, tok, "", 0},
		// Safe to remove, but said.
		{tok[:20] + "\n" + tok[20:50] + "\r\n" + tok[50:], tok, "Joined the token's 3 lines into one (a line-wrapped paste).", Info},
		{tok[:20] + "\u200b" + tok[20:], tok, "Removed 1 invisible character from the token.", Info},
		{`{"accessToken": "` + tok + `", "expiresOn": "2026-11-25 04:00:00", "tokenType": "Bearer"}`, tok,
			`Took the access token from the pasted JSON's "accessToken".`, Info},
		{`{"token_type":"Bearer","access_token":"` + tok + `","id_token":"` + idTok + `","refresh_token":"0.AXEAabc"}`, tok,
			`Took the access token from the pasted JSON's "access_token".`, Info},
		{`curl -X POST -H "Authorization: Bearer ` + tok + `" https://graph.microsoft.com/v1.0/servicePrincipals`, tok,
			`Took the access token from the pasted text (after "Bearer").`, Info},
		{`  "accessToken": "` + tok + `",`, tok, `Took the access token from the pasted text (labelled accessToken).`, Info},
		{"token: " + tok + ".", tok, "Took the access token from the pasted text (labelled token).", Info},
		// Not fixable.
		{`{"id_token":"` + idTok + `"}`, "", `The pasted JSON holds an ID token ("id_token"), not an access token: Graph needs the access token.`, Error},
		{tok + " " + idTok, "", "The pasted text holds 2 tokens; paste the access token alone.", Error},
		{"abc def", "abc def", "Access token contains spaces or line breaks; paste the token alone.", Error},
		// A browser cannot send a header holding a character above U+00FF
		// (fetch throws), and no token holds one beyond ASCII.
		{tok[:30] + "ж" + tok[31:], "", "Access token contains 'ж' (U+0436) at character 31: an access token is plain ASCII", Error},
		{tok[:30] + "é" + tok[31:], "", "Access token contains 'é' (U+00E9) at character 31", Error},
		{tok[:40] + "…", "", "Access token contains '…' (U+2026, an ellipsis) at character 41: it was shortened for display.", Error},
		{"Bearer " + tok[:10] + "😀" + tok[10:], "", "(U+1F600) at character 11", Error},
		{"opaque-token", "opaque-token", "Access token does not look like a JWT (three parts separated by dots); Graph will likely reject it.", Warning},
		{"0.AXEA3ZZWbzPq2Uy", "0.AXEA3ZZWbzPq2Uy", "This looks like a refresh token, not an access token: Graph accepts only access tokens.", Warning},
		{"EwBwA8l6BAAUbDba3x2OMJElkF7gJ4z", "EwBwA8l6BAAUbDba3x2OMJElkF7gJ4z", "This looks like a token for a personal Microsoft account (not a JWT); this API needs a work or school account.", Warning},
		{"eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d", "eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d", "This is an encrypted token (JWE, five parts): it is meant for another API, and Graph will reject it.", Warning},
		{"eyJ" + strings.Repeat("a", MaxTokenBytes) + ".b.c", "", "Access token is 16 KiB (16391 bytes): longer than any access token (at most 16 KiB); paste the token alone.", Error},
		{strings.Repeat("x", MaxPasteBytes+1), "", "Access token field holds 64 KiB (65537 bytes); an access token is a few KiB: paste the token alone.", Error},
	}
	for _, tt := range tests {
		got, ps := NormalizeToken(tt.in)
		t.Logf("%-40s → %s", badInputShort(tt.in), badInputMessages(ps))
		if got != tt.want {
			t.Errorf("NormalizeToken(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if tt.msg == "" {
			if len(ps) != 0 {
				t.Errorf("NormalizeToken(%q) problems %v, want none", tt.in, ps)
			}
			continue
		}
		if len(ps) != 1 || !strings.Contains(ps[0].Message, tt.msg) || ps[0].Severity != tt.sev {
			t.Errorf("NormalizeToken(%q) problems %v, want one %v %q", tt.in, ps, tt.sev, tt.msg)
		}
		if got != "" && strings.Contains(ps[0].Message, got) {
			t.Errorf("NormalizeToken(%q): the message repeats the token", tt.in)
		}
	}
	// A normalized token is a fixed point.
	for _, tt := range tests {
		if got, _ := NormalizeToken(tt.in); got != "" {
			if again, _ := NormalizeToken(got); again != got {
				t.Errorf("NormalizeToken(%q) = %q, but normalizing that gives %q", tt.in, got, again)
			}
		}
	}
}
