package main

import (
	"strings"
	"testing"
)

// A stream as go test -json writes it: two packages, a slow and a quick
// test, a subtest, a skip and a failure.
const stream = `{"Action":"run","Package":"p/a","Test":"TestSlow"}
{"Action":"output","Package":"p/a","Test":"TestSlow","Output":"    a_test.go:9: empty → refused\n"}
{"Action":"pass","Package":"p/a","Test":"TestSlow","Elapsed":42.5}
{"Action":"run","Package":"p/a","Test":"TestQuick"}
{"Action":"pass","Package":"p/a","Test":"TestQuick/case","Elapsed":0.1}
{"Action":"pass","Package":"p/a","Test":"TestQuick","Elapsed":0.2}
{"Action":"output","Package":"p/a","Test":"TestSkipped","Output":"    a_test.go:3: needs Chromium\n"}
{"Action":"skip","Package":"p/a","Test":"TestSkipped","Elapsed":0}
{"Action":"pass","Package":"p/a","Elapsed":43}
{"Action":"output","Package":"p/b","Test":"TestBroken","Output":"    b_test.go:7: want 1, got 2\n"}
{"Action":"fail","Package":"p/b","Test":"TestBroken","Elapsed":7.25}
{"Action":"fail","Package":"p/b","Elapsed":8}
`

func TestReport(t *testing.T) {
	var b strings.Builder
	failed := report(strings.NewReader(stream), &b)
	got := b.String()
	if !failed {
		t.Error("a failed test was not reported as a failure")
	}
	for _, want := range []string{
		"ok   p/a (43.0s)",
		"  cases of TestSlow:\n    empty → refused\n",
		"SKIP p/a TestSkipped: needs Chromium\n",
		"--- FAIL p/b TestBroken (7.2s)\n    b_test.go:7: want 1, got 2\n",
		"slowest tests:\n    42.5s  p/a TestSlow\n     7.2s  p/b TestBroken\n     0.2s  p/a TestQuick\n",
		"\n3 passed, 1 failed, 1 skipped\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the report lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "TestQuick/case  ") {
		t.Errorf("a subtest is listed among the slowest:\n%s", got)
	}
}

func TestReportPassing(t *testing.T) {
	var b strings.Builder
	if report(strings.NewReader(`{"Action":"pass","Package":"p","Test":"TestA","Elapsed":1}`+"\n"), &b) {
		t.Errorf("a passing stream was reported as failed:\n%s", b.String())
	}
	if !strings.HasSuffix(b.String(), "1 passed, 0 failed, 0 skipped\n") {
		t.Errorf("no closing count:\n%s", b.String())
	}
}
