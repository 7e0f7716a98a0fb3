package main

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

// brotliLen is len(b) compressed as make bench compresses the wasm.
func brotliLen(b []byte) int {
	var c bytes.Buffer
	w := brotli.NewWriterLevel(&c, 11)
	w.Write(b)
	w.Close()
	return c.Len()
}

// codeWithout is the code section's bodies without those of pkg (none
// for ""), concatenated.
func codeWithout(x *wasm, pkg string) []byte {
	var b []byte
	for k, f := range x.t.funcs {
		if pkg == "" || f.pkg != pkg {
			b = append(b, x.m.bodies[k]...)
		}
	}
	return b
}

// writeBrotli measures what each own package's code costs compressed
// (the bodies' brotli with and without it: code that repeats other code
// costs little) and the data regions of each file compressed.
func writeBrotli(w io.Writer, files []*wasm, own string) {
	x := files[0]
	var pkgs []string
	for p := range packages(x) {
		if strings.HasPrefix(p, own) || p+"/" == own {
			pkgs = append(pkgs, p)
		}
	}
	slices.Sort(pkgs)
	jobs := append([]string{""}, pkgs...)
	costs := make([]int, len(jobs))
	var wg sync.WaitGroup
	for i, p := range jobs {
		wg.Go(func() { costs[i] = brotliLen(codeWithout(x, p)) })
	}
	regions := make([][5]int, len(files))
	for i, f := range files {
		for j, r := range dataRegions(f) {
			wg.Go(func() { regions[i][j] = brotliLen(f.m.mem[r[0]:r[1]]) })
		}
	}
	wg.Wait()
	fmt.Fprintf(w, "\nBrotli (11) of %s's code without each own package's bodies, against all of it (%s):\n\n| package | its code, brotli |\n|---|--:|\n", x.name, kb(costs[0]))
	for i, p := range pkgs {
		fmt.Fprintf(w, "| %s | %s |\n", p, kb(costs[0]-costs[i+1]))
	}
	fmt.Fprintf(w, "\nThe data (memory image), brotli (11) per region:\n\n| region | %s |\n|---|%s\n", joinNames(files, " | "), strings.Repeat("--:|", len(files)))
	for j, label := range []string{"below runtime.pclntab (read-only data: strings, types)", "pclntab: function names", "pclntab: pc tables", "pclntab: function records", "above (the rest of pclntab, variables)"} {
		fmt.Fprintf(w, "| %s |", label)
		for i := range files {
			fmt.Fprintf(w, " %s |", kb(regions[i][j]))
		}
		fmt.Fprintln(w)
	}
}

// dataRegions splits a file's memory image around runtime.pclntab.
func dataRegions(x *wasm) [5][2]int {
	t := x.t
	return [5][2]int{{0, t.start}, t.funcnames, t.pctab, t.recs, {t.recs[1], len(x.m.mem)}}
}
