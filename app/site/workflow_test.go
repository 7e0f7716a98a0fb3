package site

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The Pages workflow publishes what admins run, so it is held to these
// rules: the suite (make test) passes in a job of its own before anything
// is built for publishing; the site is built by a second job that needs
// it, from its own fresh checkout, with no Go build cache restored (what
// is published is compiled from the commit, not from what a test run left
// behind); every action is pinned by a full commit SHA, its release named
// in a comment (a tag can be moved to other code); and only the deploy job
// may write, and only to Pages, the rest of the run reading the repository
// and no more.
func TestPagesWorkflow(t *testing.T) {
	root := loadWorkflow(t, "pages.yml")
	readOnly(t, root, "deploy", "id-token=write pages=write")
	pinned(t, root, 4)
	jobs := root.child("jobs")

	// The suite runs alone in its job: no site is built or uploaded there.
	var test *yamlNode
	for _, job := range jobs.children {
		if slices.Contains(runs(job), "make test") {
			test = job
		}
	}
	if test == nil {
		t.Fatal("no job runs make test")
	}
	for _, s := range test.child("steps").children {
		if strings.HasPrefix(s.child("run").text(), "make site") || strings.Contains(s.child("uses").text(), "pages") {
			t.Errorf("job %s builds or publishes the site (%s%s): that is the next job's, after the suite passed", test.key, s.child("run").text(), s.child("uses").text())
		}
	}

	build := jobs.child("build")
	steps := build.child("steps")
	if steps == nil {
		t.Fatal("no build job")
	}
	if !slices.Contains(needs(build), test.key) {
		t.Errorf("the build job needs %q, want %s (the job that runs make test)", needs(build), test.key)
	}
	if !slices.Contains(needs(jobs.child("deploy")), "build") {
		t.Errorf("the deploy job needs %q, want build", needs(jobs.child("deploy")))
	}
	checkout, setup, site, upload := -1, -1, -1, -1
	for i, s := range steps.children {
		run := s.child("run").text()
		uses := s.child("uses").text()
		switch {
		case run == "make test":
			t.Errorf("the build job runs make test: the suite's own job does, and the build starts fresh")
		case strings.HasPrefix(run, "make site"):
			site = i
		case strings.HasPrefix(uses, "actions/checkout@"):
			checkout = i
		case strings.HasPrefix(uses, "actions/setup-go@"):
			setup = i
			if got := s.child("with").child("cache").text(); got != "false" {
				t.Errorf("the build job's setup-go has cache: %q, want false: the published site is built with no Go build cache restored", got)
			}
		case strings.HasPrefix(uses, "actions/cache"):
			t.Errorf("the build job restores a cache (%s): the published site is built with none", uses)
		case strings.HasPrefix(uses, "actions/upload-pages-artifact@"):
			upload = i
		}
	}
	if checkout < 0 || setup < 0 || site < 0 || upload < 0 || !(checkout < site && setup < site && site < upload) {
		t.Errorf("build steps: checkout at %d, setup-go at %d, make site at %d, upload at %d: the build job checks out the commit itself, then builds, then uploads", checkout, setup, site, upload)
	}
}

// The CI workflow runs on every push and pull request: first the quick
// loop (gofmt, go vet natively and for js/wasm exactly as make test vets,
// go test -short), then, in a job that needs it, make test. Its actions
// are pinned like Pages' and it may not write.
func TestCIWorkflow(t *testing.T) {
	root := loadWorkflow(t, "ci.yml")
	on := root.child("on")
	for _, event := range []string{"push", "pull_request"} {
		if on.child(event) == nil {
			t.Errorf("ci.yml does not run on %s", event)
		}
		if on.child(event).pairs() != "" {
			t.Errorf("ci.yml runs on %s only for %s: want every one", event, on.child(event).pairs())
		}
	}
	readOnly(t, root, "", "")
	pinned(t, root, 2)

	// The Makefile's vet lines, $(GO) as go: CI vets what make test vets.
	mk, err := os.ReadFile("../../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	var vets []string
	for _, line := range strings.Split(string(mk), "\n") {
		if line = strings.TrimSpace(line); strings.Contains(line, "$(GO) vet ") {
			vets = append(vets, strings.ReplaceAll(line, "$(GO)", "go"))
		}
	}
	if len(vets) != 2 {
		t.Fatalf("found %d vet lines in the Makefile, want the native and the js/wasm one: %q", len(vets), vets)
	}
	want := append([]string{`test -z "$(gofmt -l . | tee /dev/stderr)"`}, vets...)
	want = append(want, "go test -short ./...")

	jobs := root.child("jobs")
	var quick, full *yamlNode
	for _, job := range jobs.children {
		r := runs(job)
		if slices.Contains(r, "make test") {
			full = job
		}
		if slices.Contains(r, "go test -short ./...") {
			quick = job
		}
	}
	if quick == nil || full == nil {
		t.Fatalf("ci.yml: want a job that runs go test -short ./... and one that runs make test")
	}
	for _, w := range want {
		if !slices.Contains(runs(quick), w) {
			t.Errorf("job %s does not run %s", quick.key, w)
		}
	}
	if quick == full || !slices.Contains(needs(full), quick.key) {
		t.Errorf("job %s (make test) needs %q, want %s: the quick checks first", full.key, needs(full), quick.key)
	}
}

// loadWorkflow parses .github/workflows/name.
func loadWorkflow(t *testing.T, name string) *yamlNode {
	t.Helper()
	b, err := os.ReadFile("../../.github/workflows/" + name)
	if err != nil {
		t.Fatal(err)
	}
	root := parseWorkflow(string(b))
	if jobs := root.child("jobs"); jobs == nil || len(jobs.children) == 0 {
		t.Fatalf("%s has no jobs", name)
	}
	return root
}

// readOnly: the workflow reads the repository and no more, but for the
// job named writer, whose permissions must be exactly want.
func readOnly(t *testing.T, root *yamlNode, writer, want string) {
	t.Helper()
	if got := root.child("permissions").pairs(); got != "contents=read" {
		t.Errorf("top-level permissions %q, want contents: read only", got)
	}
	for _, job := range root.child("jobs").children {
		perms := job.child("permissions")
		switch {
		case job.key == writer:
			if got := perms.pairs(); got != want || perms.value != "" {
				t.Errorf("%s's permissions %q, want %s only", writer, got+perms.text(), want)
			}
		case perms != nil && (perms.value != "" || strings.Contains(perms.pairs(), "write")):
			t.Errorf("job %s has permissions %q: only %q may write", job.key, perms.text()+perms.pairs(), writer)
		}
	}
}

// pinned: every action is owner/repo@<full commit SHA> # vX.Y.Z, and
// there are at least min of them (else the check is vacuous).
func pinned(t *testing.T, root *yamlNode, min int) {
	t.Helper()
	sha := regexp.MustCompile(`^[\w.-]+/[\w./-]+@[0-9a-f]{40}$`)
	release := regexp.MustCompile(`^# v\d+\.\d+\.\d+$`)
	var uses []*yamlNode
	root.walk(func(n *yamlNode) {
		if n.key == "uses" {
			uses = append(uses, n)
		}
	})
	if len(uses) < min {
		t.Errorf("found %d actions, want at least %d", len(uses), min)
	}
	for _, u := range uses {
		if !sha.MatchString(u.value) || !release.MatchString(u.comment) {
			t.Errorf("uses: %s %s — want owner/repo@<full commit SHA> # vX.Y.Z", u.value, u.comment)
		}
		t.Logf("%-80s %s", u.value, u.comment)
	}
}

// runs lists what a job's steps run.
func runs(job *yamlNode) []string {
	var out []string
	for _, s := range job.child("steps").children {
		if r := s.child("run").text(); r != "" {
			out = append(out, r)
		}
	}
	return out
}

// needs lists the jobs a job needs, written as one name or [a, b].
func needs(job *yamlNode) []string {
	v := strings.Trim(job.child("needs").text(), "[]")
	var out []string
	for _, n := range strings.Split(v, ",") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// yamlNode is a key (or, for a list item, "-") with its scalar value, the
// comment on its line and what is nested under it.
type yamlNode struct {
	key, value, comment string
	children            []*yamlNode
}

// parseWorkflow reads the block-style YAML of a workflow: mappings and
// lists of mappings by indentation, scalars as written (quotes and flow
// lists are kept as text). Enough for the checks above, not YAML at large.
func parseWorkflow(src string) *yamlNode {
	root := &yamlNode{}
	type open struct {
		indent int
		node   *yamlNode
	}
	stack := []open{{-1, root}}
	add := func(indent int, n *yamlNode) {
		for stack[len(stack)-1].indent >= indent {
			stack = stack[:len(stack)-1]
		}
		parent := stack[len(stack)-1].node
		parent.children = append(parent.children, n)
		stack = append(stack, open{indent, n})
	}
	for _, line := range strings.Split(src, "\n") {
		text := strings.TrimLeft(line, " ")
		indent := len(line) - len(text)
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		for strings.HasPrefix(text, "- ") {
			add(indent, &yamlNode{key: "-"})
			text, indent = text[2:], indent+2
		}
		n := &yamlNode{}
		if i := strings.Index(text, " #"); i >= 0 {
			text, n.comment = strings.TrimSpace(text[:i]), strings.TrimSpace(text[i+1:])
		}
		key, value, _ := strings.Cut(text, ":")
		n.key, n.value = strings.TrimSpace(key), strings.TrimSpace(value)
		add(indent, n)
	}
	return root
}

// child is n's child named key; a list item's children are its keys.
func (n *yamlNode) child(key string) *yamlNode {
	if n == nil {
		return nil
	}
	for _, c := range n.children {
		if c.key == key {
			return c
		}
	}
	return nil
}

// text is a node's value, "" for a missing node.
func (n *yamlNode) text() string {
	if n == nil {
		return ""
	}
	return n.value
}

// pairs writes a mapping's scalar children as sorted key=value words.
func (n *yamlNode) pairs() string {
	if n == nil {
		return ""
	}
	var out []string
	for _, c := range n.children {
		out = append(out, c.key+"="+c.value)
	}
	slices.Sort(out)
	return strings.Join(out, " ")
}

func (n *yamlNode) walk(f func(*yamlNode)) {
	f(n)
	for _, c := range n.children {
		c.walk(f)
	}
}
