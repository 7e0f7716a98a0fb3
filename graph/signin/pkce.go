package signin

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
)

// randomString returns n random bytes from crypto/rand, base64url-encoded:
// PKCE verifiers, states and nonces must be unguessable.
func randomString(n int) string {
	b := make([]byte, n)
	rand.Read(b) // never fails (crypto/rand panics if the OS cannot supply)
	return base64.RawURLEncoding.EncodeToString(b)
}

// NewVerifier returns a PKCE code verifier: 43 characters from 32 random bytes
// (RFC 7636 asks for 43 to 128).
func NewVerifier() string { return randomString(32) }

// Challenge is the S256 code challenge of a verifier:
// BASE64URL(SHA256(verifier)).
func Challenge(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}
