package site

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The Pages workflow publishes what admins run, so it is held to three
// rules: the suite passes before anything is built for publishing; every
// action is pinned by a full commit SHA, its release named in a comment (a
// tag can be moved to other code); and only the deploy job may write, and
// only to Pages, the rest of the run reading the repository and no more.
func TestPagesWorkflow(t *testing.T) {
	b, err := os.ReadFile("../../.github/workflows/pages.yml")
	if err != nil {
		t.Fatal(err)
	}
	root := parseWorkflow(string(b))

	if got := root.child("permissions").pairs(); got != "contents=read" {
		t.Errorf("top-level permissions %q, want contents: read only", got)
	}
	jobs := root.child("jobs")
	if jobs == nil || len(jobs.children) == 0 {
		t.Fatal("no jobs")
	}
	for _, job := range jobs.children {
		perms := job.child("permissions")
		switch {
		case job.key == "deploy":
			if got := perms.pairs(); got != "id-token=write pages=write" || perms.value != "" {
				t.Errorf("deploy's permissions %q, want pages: write and id-token: write only", got+perms.text())
			}
		case perms != nil && (perms.value != "" || strings.Contains(perms.pairs(), "write")):
			t.Errorf("job %s has permissions %q: only deploy may write", job.key, perms.text()+perms.pairs())
		}
	}

	steps := jobs.child("build").child("steps")
	if steps == nil {
		t.Fatal("no build steps")
	}
	test, site, upload := -1, -1, -1
	for i, s := range steps.children {
		run := s.child("run").text()
		uses := s.child("uses").text()
		switch {
		case run == "make test":
			test = i
		case strings.HasPrefix(run, "make site"):
			site = i
		case strings.HasPrefix(uses, "actions/upload-pages-artifact@"):
			upload = i
		}
	}
	if test < 0 || site < 0 || upload < 0 || !(test < site && site < upload) {
		t.Errorf("build steps: make test at %d, make site at %d, upload at %d: the suite must pass before the site is built and uploaded", test, site, upload)
	}

	pinned := regexp.MustCompile(`^[\w.-]+/[\w./-]+@[0-9a-f]{40}$`)
	release := regexp.MustCompile(`^# v\d+\.\d+\.\d+$`)
	var uses []*yamlNode
	root.walk(func(n *yamlNode) {
		if n.key == "uses" {
			uses = append(uses, n)
		}
	})
	if len(uses) < 4 {
		t.Errorf("found %d actions, want checkout, setup-go, upload-pages-artifact and deploy-pages", len(uses))
	}
	for _, u := range uses {
		if !pinned.MatchString(u.value) || !release.MatchString(u.comment) {
			t.Errorf("uses: %s %s — want owner/repo@<full commit SHA> # vX.Y.Z", u.value, u.comment)
		}
		t.Logf("%-80s %s", u.value, u.comment)
	}
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
