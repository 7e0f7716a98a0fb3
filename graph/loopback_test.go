package graph

import (
	"synctoken/graph/internal/paste"
	"testing"
)

// TestLoopbackIsAnAddress: loopback is localhost or a loopback IP address,
// parsed: a name that merely starts with "127." (127.attacker.example,
// which anyone can point anywhere) is not, so it is neither a sandbox nor
// a plain-http redirect URI in the sandbox.
func TestLoopbackIsAnAddress(t *testing.T) {
	for host, want := range map[string]bool{
		"127.0.0.1:8001": true, "127.0.0.1": true, "127.0.0.2:8001": true, "127.255.255.254": true,
		"localhost:8001": true, "localhost": true, "LOCALHOST:9": true, "[::1]:8001": true, "[::1]": true,
		"127.attacker.example": false, "127.attacker.example:8001": false, "127.0.0.1.attacker.example:80": false,
		"127.0.0.1.": false, "localhost.attacker.example": false, "[::1].example": false, "128.0.0.1:80": false,
		"0.0.0.0:80": false, "[::]:80": false, "example.com:127": false, "": false, "127": false, "[fe80::1%25lo]:80": false,
	} {
		if got := paste.IsLoopback(host); got != want {
			t.Errorf("paste.IsLoopback(%q) = %v, want %v", host, got, want)
		}
	}
	if _, ok := Sandbox("http://127.attacker.example:8001"); ok {
		t.Error("Sandbox accepts http://127.attacker.example:8001 as loopback")
	}
	sb, _ := Sandbox("http://127.0.0.1:8001")
	if err := CheckRedirectURI("http://127.attacker.example/TokenAuthorize", sb); err == nil {
		t.Error("CheckRedirectURI accepts plain http to 127.attacker.example in the sandbox")
	}
	if err := CheckRedirectURI("http://127.0.0.1:9/TokenAuthorize", sb); err != nil {
		t.Errorf("CheckRedirectURI refuses http on loopback in the sandbox: %v", err)
	}
}
