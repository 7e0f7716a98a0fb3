package wasmbuild

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// MSALModule is the module whose browser build is trimmed.
const MSALModule = "github.com/AzureAD/microsoft-authentication-library-for-go"

// MSALVersion is the version the edits were written against. Another
// version in go.mod fails the build until the edits have been checked
// against its source: each one must still apply exactly once.
const MSALVersion = "v1.10.1"

// An edit replaces text that occurs exactly once in a file of the module.
type edit struct {
	file     string // slash-separated, relative to the module root
	old, new string
	why      string
}

// msalEdits cut from MSAL Go what only server-side clients reach but that
// the linker cannot prove unreachable, because the choice is made at run
// time. A browser public client that passes WithHTTPClient never runs it.
var msalEdits = []edit{
	{
		file: "apps/internal/shared/shared.go",
		old: `// DefaultClient is our default shared HTTP client.
var DefaultClient = &http.Client{}
`,
		new: `// DefaultClient is our default shared HTTP client.
//
// synctoken's browser build has none: public.New stores it before
// WithHTTPClient replaces it, and that alone links net/http's transport.
var DefaultClient = noDefaultClient{}

type noDefaultClient struct{}

func (noDefaultClient) Do(*http.Request) (*http.Response, error) { return nil, errNoDefaultClient }
func (noDefaultClient) CloseIdleConnections()                    {}

var errNoDefaultClient = errors.New("msal: this build has no default HTTP client: pass one with WithHTTPClient")
`,
		why: "public.New's default *http.Client links net/http's transport (about 5 MB of wasm) although WithHTTPClient replaces it",
	},
	{
		file: "apps/internal/shared/shared.go",
		old:  "import (\n\t\"net/http\"\n",
		new:  "import (\n\t\"errors\"\n\t\"net/http\"\n",
		why:  "the replacement default client's error",
	},
	{
		file: "apps/internal/oauth/ops/authority/authority.go",
		old: `	client := http.Client{
		Timeout: time.Duration(2 * time.Second),
	}
	return detectRegionWithClient(ctx, &client, imdsEndpoint)
`,
		new: `	// synctoken's browser build: a page cannot reach the instance
	// metadata service, and this client would link net/http's transport.
	return ""
`,
		why: "Azure region detection calls the VM metadata service with its own *http.Client, which links net/http's transport; only confidential clients on Azure ask for it",
	},
	{
		file: "apps/internal/oauth/ops/authority/authority.go",
		old:  "\t\"time\"\n",
		new:  "",
		why:  "region detection's timeout was the file's only use of time",
	},
	{
		file: "apps/internal/oauth/ops/accesstokens/accesstokens.go",
		old:  "\tassertion, err := token.SignedString(c.Key)\n",
		new: `	// synctoken's browser build: a public client has no certificate.
	_ = token
	assertion, err := "", fmt.Errorf("certificate credentials are not part of this build")
`,
		why: "signing a certificate assertion links RSA and ECDSA signing; only confidential clients with a certificate reach it",
	},
}

// editsHash names a trimmed copy after the edits that made it.
func editsHash() string {
	h := sha256.New()
	for _, e := range msalEdits {
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00", e.file, e.old, e.new)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// module is what `go mod download -json` says of a module.
type module struct {
	Path, Version, Dir, Error string
}

// download returns the module's source folder in the module cache,
// downloading it if needed, at the version repo's go.mod requires.
func download(repo, path string) (module, error) {
	cmd := goCmd(repo, "mod", "download", "-json", path)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var m module
	if jerr := json.Unmarshal(out, &m); jerr != nil {
		return m, fmt.Errorf("go mod download %s: %v (%v)\n%s", path, err, jerr, stderr.String())
	}
	if m.Error != "" || err != nil {
		return m, fmt.Errorf("go mod download %s: %v %s", path, err, m.Error)
	}
	return m, nil
}

// trimmedMSAL returns a copy of MSAL Go with msalEdits applied, made
// once under cache and reused.
func trimmedMSAL(repo, cache string) (string, error) {
	m, err := download(repo, MSALModule)
	if err != nil {
		return "", err
	}
	if m.Version != MSALVersion {
		return "", fmt.Errorf("go.mod requires %s %s but the browser build's edits were written for %s: check each edit in app/internal/wasmbuild/msal.go against the new source, then update MSALVersion", MSALModule, m.Version, MSALVersion)
	}
	dir := filepath.Join(cache, "msal-"+m.Version+"-"+editsHash())
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
		return dir, nil
	}
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(cache, "msal-tmp-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	if err := os.Chmod(tmp, 0o755); err != nil { // MkdirTemp's is 0700
		return "", err
	}
	if err := os.CopyFS(tmp, os.DirFS(m.Dir)); err != nil {
		return "", fmt.Errorf("copying %s: %w", m.Dir, err)
	}
	if err := applyEdits(tmp, msalEdits); err != nil {
		return "", err
	}
	// Another build may have made the same copy meanwhile: either is fine.
	if err := os.Rename(tmp, dir); err != nil {
		if _, serr := os.Stat(filepath.Join(dir, "go.mod")); serr != nil {
			return "", err
		}
	}
	return dir, nil
}

// applyEdits applies edits to the module copy in dir, failing when an
// edit's text is not there exactly once (the source changed under it).
func applyEdits(dir string, edits []edit) error {
	var errs []error
	for _, e := range edits {
		name := filepath.Join(dir, filepath.FromSlash(e.file))
		b, err := os.ReadFile(name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if n := strings.Count(string(b), e.old); n != 1 {
			errs = append(errs, fmt.Errorf("%s: the text to replace occurs %d times, want 1 (%s)", e.file, n, e.why))
			continue
		}
		b = []byte(strings.Replace(string(b), e.old, e.new, 1))
		if err := os.WriteFile(name, b, 0o644); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
