//go:build !js

package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestNoticesNameEveryShippedModule keeps THIRD_PARTY_NOTICES.md in step
// with what the browser build links: a module added to the wasm without its
// license in the notices would ship unannounced.
func TestNoticesNameEveryShippedModule(t *testing.T) {
	notices, err := os.ReadFile("THIRD_PARTY_NOTICES.md")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "list", "-deps", "-f", "{{with .Module}}{{if not .Main}}{{.Path}} {{.Version}}{{end}}{{end}}", ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	modules := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if line != "" {
			modules[line] = true
		}
	}
	if len(modules) == 0 {
		t.Fatal("go list named no module linked into the wasm")
	}
	for m := range modules {
		if !strings.Contains(string(notices), "\n## "+m+"\n") {
			t.Errorf("THIRD_PARTY_NOTICES.md has no section %q: add the module's license", "## "+m)
		}
	}
	for _, want := range []string{"MIT License", "Copyright (c) Microsoft Corporation.", "Copyright (c) 2016 Maxence Charriere", "Copyright 2009 The Go Authors."} {
		if !strings.Contains(string(notices), want) {
			t.Errorf("THIRD_PARTY_NOTICES.md lacks %q", want)
		}
	}
}
