//go:build !js

package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The documentation names files, tests, Make targets, element IDs and its
// own sections; code moves and gets renamed. These tests keep every name it
// cites real, so a newcomer who follows a doc never looks for something
// that is gone, and keep the README short enough to be read first.

// docFiles are the documents these tests hold to the code.
func docFiles(t *testing.T) []string {
	t.Helper()
	files := []string{"README.md", "CONTRIBUTING.md", "SECURITY.md", "internal/wasmbuild/MSAL.md"}
	more, err := filepath.Glob("docs/*.md")
	if err != nil || len(more) == 0 {
		t.Fatalf("no docs/*.md: %v", err)
	}
	// The upstream proposals name synctoken's files and tests as evidence.
	upstream, err := filepath.Glob("docs/upstream/*.md")
	if err != nil || len(upstream) == 0 {
		t.Fatalf("no docs/upstream/*.md: %v", err)
	}
	return append(append(files, more...), upstream...)
}

// readmeLimit is the README's size budget: it is for the admins who open
// the site, and everything else lives in docs/ and CONTRIBUTING.md.
const readmeLimit = 8500

func TestReadmeStaysShort(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > readmeLimit {
		t.Errorf("README.md is %d bytes, over its %d: move the detail to docs/ or CONTRIBUTING.md and link to it", len(b), readmeLimit)
	}
}

var (
	codeSpan = regexp.MustCompile("`([^`\n]+)`")
	testName = regexp.MustCompile(`\bTest[A-Z][A-Za-z0-9_]*(…)?`)
	mdLink   = regexp.MustCompile(`\]\(([^)\s]+)\)`)
	elemID   = regexp.MustCompile(`^#[a-z][a-z0-9-]*[a-z0-9]$`)
	makeCmd  = regexp.MustCompile(`\bmake ([a-z]+)\b`)
	fence    = regexp.MustCompile("^\\s*```")
)

// repoRoots are the top-level entries a path in the docs can start with;
// other slashed words (Graph paths, MSAL Go's files, cache folders) are
// not this repository's.
var repoRoots = []string{"main.go", "app/", "graph/", "internal/", "web/", "docs/", ".github/", ".ci/", "Makefile", "go.mod", "go.sum",
	"notices_test.go", "docs_test.go", "LICENSE", "THIRD_PARTY_NOTICES.md", "README.md", "CONTRIBUTING.md", "SECURITY.md"}

// builtPaths are made by the build, never committed, and named on purpose.
var builtPaths = map[string]bool{"web/app.wasm": true}

// docText is a document: its prose lines (for links and names) and every
// line, code blocks included (for paths and commands).
type docText struct {
	name  string
	lines []string
	code  []bool // lines[i] is inside a fenced code block
}

func readDoc(t *testing.T, name string) docText {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	d := docText{name: name}
	in := false
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		if fence.MatchString(line) {
			in = !in
			d.lines, d.code = append(d.lines, line), append(d.code, true)
			continue
		}
		d.lines, d.code = append(d.lines, line), append(d.code, in)
	}
	return d
}

// words are the words a path or name can be: those of code spans in
// prose, and every word of a code block.
func (d docText) words() []string {
	var out []string
	for i, line := range d.lines {
		if d.code[i] {
			out = append(out, strings.Fields(line)...)
			continue
		}
		for _, m := range codeSpan.FindAllStringSubmatch(line, -1) {
			out = append(out, strings.Fields(m[1])...)
		}
	}
	return out
}

// repoPath returns w as a path of this repository, if it reads as one.
func repoPath(w string) (string, bool) {
	w = strings.Trim(w, `"'(),;:`)
	w = strings.TrimSuffix(strings.TrimPrefix(w, "./"), "'s")
	if w == "" || strings.ContainsAny(w, "<>{}$…[]=|") || strings.HasSuffix(w, "/...") {
		return "", false
	}
	for _, r := range repoRoots {
		if w == strings.TrimSuffix(r, "/") || strings.HasPrefix(w, r) {
			return w, true
		}
	}
	return "", false
}

// goFileName matches a Go file named alone, as a layout table does.
var goFileName = regexp.MustCompile(`^[a-z0-9_]+\.go$`)

// goPaths returns the path of every Go file in the repository, outside
// what is installed or built (node_modules, dist, .cache) and .git.
func goPaths(t *testing.T) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(".", func(path string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() && (e.Name() == "node_modules" || e.Name() == ".git" || e.Name() == "dist" || e.Name() == ".cache") {
			return filepath.SkipDir
		}
		if strings.HasSuffix(path, ".go") {
			out = append(out, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// goFiles returns the base names of every Go file in the repository.
func goFiles(t *testing.T) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, path := range goPaths(t) {
		out[filepath.Base(path)] = true
	}
	return out
}

func TestDocsNameFilesThatExist(t *testing.T) {
	names := goFiles(t)
	for _, name := range docFiles(t) {
		checked := 0
		d := readDoc(t, name)
		for _, w := range d.words() {
			p, ok := repoPath(w)
			if !ok || builtPaths[p] {
				continue
			}
			checked++
			if strings.Contains(p, "*") {
				if m, _ := filepath.Glob(p); len(m) == 0 {
					t.Errorf("%s names %q, which matches no file", name, p)
				}
				continue
			}
			if _, err := os.Stat(p); err != nil {
				t.Errorf("%s names %q, which does not exist", name, p)
			}
		}
		// A Go file named alone, on a line that names a folder of this
		// repository (a layout row), must be a file of the repository;
		// elsewhere it may be MSAL Go's.
		for i, line := range d.lines {
			if d.code[i] {
				continue
			}
			var words []string
			ours := false
			for _, m := range codeSpan.FindAllStringSubmatch(line, -1) {
				words = append(words, m[1])
				_, ok := repoPath(m[1])
				ours = ours || ok
			}
			if !ours {
				continue
			}
			for _, w := range words {
				if !goFileName.MatchString(w) {
					continue
				}
				checked++
				if !names[w] {
					t.Errorf("%s names %s, and no Go file has that name", name, w)
				}
			}
		}
		t.Logf("%-20s → %d paths checked", name, checked)
	}
}

// testFuncs returns the names of every test function in the repository,
// and of the functions whose name merely starts with Test
// (graph.TestConnectionRequest).
func testFuncs(t *testing.T) map[string]bool {
	t.Helper()
	decl := regexp.MustCompile(`(?m)^func (Test[A-Za-z0-9_]*)[\[(]`)
	out := map[string]bool{}
	for _, path := range goPaths(t) {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range decl.FindAllStringSubmatch(string(b), -1) {
			out[m[1]] = true
		}
	}
	return out
}

func TestDocsNameTestsThatExist(t *testing.T) {
	tests := testFuncs(t)
	for _, name := range docFiles(t) {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, at := range testName.FindAllStringSubmatchIndex(string(b), -1) {
			n++
			m := string(b[at[0]:at[1]])
			want := strings.TrimSuffix(m, "…")
			next := byte(' ')
			if at[1] < len(b) {
				next = b[at[1]]
			}
			// TestBadInput… names a family of tests, and so does a -run
			// pattern ('TestDocs|TestReadme'): a prefix of one at least.
			if strings.HasSuffix(m, "…") || next == '|' || next == '\'' || next == '\\' {
				found := false
				for f := range tests {
					found = found || strings.HasPrefix(f, want)
				}
				if !found {
					t.Errorf("%s names the tests %q, and none exists", name, m)
				}
				continue
			}
			if !tests[want] {
				t.Errorf("%s names %s, which is no test function", name, want)
			}
		}
		t.Logf("%-20s → %d test names checked", name, n)
	}
}

func TestDocsNameMakeTargetsThatExist(t *testing.T) {
	mk, err := os.ReadFile("Makefile")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range docFiles(t) {
		d := readDoc(t, name)
		for i, line := range d.lines {
			code := []string{line}
			if !d.code[i] {
				code = nil
				for _, m := range codeSpan.FindAllStringSubmatch(line, -1) {
					code = append(code, m[1])
				}
			}
			for _, m := range makeCmd.FindAllStringSubmatch(strings.Join(code, "\n"), -1) {
				if !regexp.MustCompile(`(?m)^` + m[1] + `:`).Match(mk) {
					t.Errorf("%s names make %s, which the Makefile has no target for", name, m[1])
				}
			}
		}
	}
}

// sourceText is every non-test source the page is made of: element IDs
// the docs name must be in it.
func sourceText(t *testing.T) string {
	t.Helper()
	var sb strings.Builder
	for _, glob := range []string{"app/*.go", "app/site/*.go", "graph/*.go", "graph/*/*.go", "web/*.js"} {
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			sb.Write(b)
		}
	}
	return sb.String()
}

func TestDocsNameElementIDsThatExist(t *testing.T) {
	src := sourceText(t)
	for _, name := range docFiles(t) {
		d := readDoc(t, name)
		for i, line := range d.lines {
			if d.code[i] {
				continue
			}
			for _, m := range codeSpan.FindAllStringSubmatch(line, -1) {
				w := m[1]
				if !elemID.MatchString(w) {
					continue
				}
				id := w[1:]
				if !strings.Contains(src, `"`+id+`"`) && !strings.Contains(src, `id="`+id+`"`) {
					t.Errorf("%s names the element %s, which no source gives that id", name, w)
				}
			}
		}
	}
}

// anchor is GitHub's id for a heading: lower case, punctuation dropped
// (hyphens and underscores kept), spaces turned into hyphens.
func anchor(heading string) string {
	var sb strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(heading)) {
		switch {
		case r == ' ':
			sb.WriteRune('-')
		case r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && r != '…' && r != '—' && r != '–' && r != '→':
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// anchors returns the ids of the headings of a document.
func anchors(t *testing.T, name string) map[string]bool {
	t.Helper()
	d := readDoc(t, name)
	out := map[string]bool{}
	for i, line := range d.lines {
		if d.code[i] || !strings.HasPrefix(line, "#") {
			continue
		}
		h := strings.TrimLeft(line, "#")
		h = strings.NewReplacer("`", "", "*", "").Replace(h)
		a := anchor(h)
		for n := 1; out[a]; n++ { // GitHub numbers repeated headings
			a = anchor(h) + "-" + string(rune('0'+n))
		}
		out[a] = true
	}
	return out
}

func TestDocsLinksReachTheirTargets(t *testing.T) {
	for _, name := range docFiles(t) {
		d := readDoc(t, name)
		n := 0
		for i, line := range d.lines {
			if d.code[i] {
				continue
			}
			for _, m := range mdLink.FindAllStringSubmatch(line, -1) {
				link := m[1]
				if strings.Contains(link, "://") || strings.HasPrefix(link, "mailto:") {
					continue
				}
				n++
				file, frag, _ := strings.Cut(link, "#")
				target := name
				if file != "" {
					target = filepath.Join(filepath.Dir(name), file)
				}
				if _, err := os.Stat(target); err != nil {
					t.Errorf("%s links to %s: no such file %s", name, link, target)
					continue
				}
				if frag == "" {
					continue
				}
				if !strings.HasSuffix(target, ".md") {
					t.Errorf("%s links to %s: an anchor in a file that is not markdown", name, link)
					continue
				}
				if !anchors(t, target)[frag] {
					t.Errorf("%s links to %s: %s has no heading with the id %q", name, link, target, frag)
				}
			}
		}
		t.Logf("%-20s → %d relative links checked", name, n)
	}
}

// TestReadmeWalkNamesWhatThePageShows holds the README's walk through the
// sandbox to the page: every button and field it names in bold, and every
// text it quotes (what make run prints, what the page answers), is in the
// source of the page, the sandbox or make run, so a newcomer following it
// finds each one.
func TestReadmeWalkNamesWhatThePageShows(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	start := strings.Index(s, "## Try it in the sandbox")
	if start < 0 {
		t.Fatal(`README.md has no "## Try it in the sandbox": a newcomer must reach a 204 in the sandbox from the README`)
	}
	walk := s[start:]
	if end := strings.Index(walk[3:], "\n## "); end >= 0 {
		walk = walk[:end+3]
	}
	var src strings.Builder
	for _, glob := range []string{"app/*.go", "app/site/*.go", "graph/*.go", "graph/graphtest/*.go"} {
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			src.Write(b)
		}
	}
	code := src.String()
	space := regexp.MustCompile(`\s+`)
	n := 0
	for _, m := range regexp.MustCompile(`\*\*([^*]+)\*\*`).FindAllStringSubmatch(walk, -1) {
		label := space.ReplaceAllString(m[1], " ")
		n++
		if !strings.Contains(code, `"`+label) && !strings.Contains(code, ">"+label+"<") {
			t.Errorf("the README's walk names %q, which no button, field or page of the source shows", label)
		}
	}
	for _, m := range regexp.MustCompile(`"([^"\n]+)"`).FindAllStringSubmatch(walk, -1) {
		text := space.ReplaceAllString(m[1], " ")
		n++
		if !strings.Contains(code, text) {
			t.Errorf("the README's walk quotes %q, which the source never says", text)
		}
	}
	t.Logf("README's walk → %d labels and quotes checked", n)
}
