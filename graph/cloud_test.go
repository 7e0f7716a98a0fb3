package graph

import "testing"

// TestCloudSignInHosts: sign-in may send to a cloud's LoginHost and its
// aliases only; China's configuration names its endpoints on the alias,
// and a sandbox on loopback is also reached by its other loopback name.
func TestCloudSignInHosts(t *testing.T) {
	if got := China.SignInHosts(); len(got) != 2 || got[0] != "login.partner.microsoftonline.cn" || got[1] != "login.chinacloudapi.cn" {
		t.Errorf("China's sign-in hosts: %v", got)
	}
	cloud, _ := Sandbox("http://127.0.0.1:8001")
	if len(cloud.Aliases) != 1 || cloud.Aliases[0] != "localhost:8001" {
		t.Fatalf("sandbox aliases: %v", cloud.Aliases)
	}
	for base, alias := range map[string]string{"http://localhost:8001": "127.0.0.1:8001", "http://[::1]:8001": "", "http://127.0.0.2:8001": ""} {
		c, ok := Sandbox(base)
		if !ok || (alias == "") != (len(c.Aliases) == 0) || (alias != "" && c.Aliases[0] != alias) {
			t.Errorf("Sandbox(%s) aliases %v, want %q", base, c.Aliases, alias)
		}
	}
	if o := cloud.SignInOrigins(); len(o) != 2 || o[0] != "http://127.0.0.1:8001" || o[1] != "http://localhost:8001" {
		t.Errorf("sandbox sign-in origins: %v", o)
	}
	if o := China.SignInOrigins(); len(o) != 2 || o[1] != "https://login.chinacloudapi.cn" {
		t.Errorf("China's sign-in origins: %v", o)
	}
}

// TestPlainHTTP: only a sandbox started without TLS is reached over plain
// http; sign-in relies on it to map the https MSAL insists on.
func TestPlainHTTP(t *testing.T) {
	plain, _ := Sandbox("http://127.0.0.1:8001")
	tls, _ := Sandbox("https://127.0.0.1:8001")
	if !plain.PlainHTTP() || tls.PlainHTTP() {
		t.Errorf("sandbox PlainHTTP: http %v, https %v", plain.PlainHTTP(), tls.PlainHTTP())
	}
	for _, c := range Clouds() {
		if c.PlainHTTP() {
			t.Errorf("%s is taken as plain http", c.Name)
		}
	}
}
