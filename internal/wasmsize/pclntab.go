package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
)

// fn is one Go function of the wasm, as runtime.pclntab names it.
type fn struct {
	name string
	pkg  string
	code int // its body's bytes in the code section (0 if not matched)
	meta int // its bytes in runtime.pclntab: name, record, pc tables
}

// pclntab is runtime.pclntab's parts, as offsets into the memory image.
type pclntab struct {
	start                                  int // the header, in memory
	funcnames, cutab, filetab, pctab, recs [2]int
	funcs                                  []fn
}

// go120magic starts a pclntab since Go 1.20 (runtime/symtab.go).
const go120magic = 0xfffffff1

// findPclntab finds runtime.pclntab in the memory image by its header:
// the magic, two zero bytes, the wasm's instruction size (1) and pointer
// size (8), then nfunc, nfiles, textStart and the offsets of its tables.
func findPclntab(mem []byte) (*pclntab, error) {
	hdr := []byte{0xf1, 0xff, 0xff, 0xff, 0, 0, 1, 8}
	for off := 0; off+72 <= len(mem); off += 8 {
		i := bytes.Index(mem[off:], hdr)
		if i < 0 {
			break
		}
		off += i
		if off%8 == 0 {
			if t, err := readPclntab(mem, off); err == nil {
				return t, nil
			}
		}
	}
	return nil, errors.New("wasm: no runtime.pclntab in the data (not a Go 1.20+ wasm?)")
}

func readPclntab(mem []byte, start int) (*pclntab, error) {
	word := func(i int) int { return int(binary.LittleEndian.Uint64(mem[start+8+8*i:])) }
	nfunc := word(0)
	names, cu, files, pcs, recs := word(3), word(4), word(5), word(6), word(7)
	end := len(mem) - start
	if nfunc <= 0 || !(72 <= names && names <= cu && cu <= files && files <= pcs && pcs <= recs && recs+8*(nfunc+1) <= end) {
		return nil, errors.New("wasm: not a pclntab header")
	}
	t := &pclntab{start: start,
		funcnames: [2]int{start + names, start + cu}, cutab: [2]int{start + cu, start + files},
		filetab: [2]int{start + files, start + pcs}, pctab: [2]int{start + pcs, start + recs}}
	table := mem[start+recs:]
	pctab := mem[start+pcs : start+recs]
	recEnd := 8 * (nfunc + 1)
	for k := 0; k < nfunc; k++ {
		foff := int(binary.LittleEndian.Uint32(table[8*k+4:]))
		if foff+44 > len(table) {
			return nil, errors.New("wasm: pclntab record out of range")
		}
		rec := table[foff:]
		u32 := func(i int) int { return int(binary.LittleEndian.Uint32(rec[4*i:])) }
		nameOff, npcdata, nfuncdata := u32(1), u32(7), int(rec[43])
		size := 44 + 4*npcdata + 4*nfuncdata
		if foff+size > len(table) || start+names+nameOff >= start+cu {
			return nil, errors.New("wasm: pclntab record out of range")
		}
		recEnd = max(recEnd, foff+size)
		name := cstring(mem[start+names+nameOff : start+cu])
		meta := len(name) + 1 + size + 8                  // name, record, functab entry
		for _, p := range []int{u32(4), u32(5), u32(6)} { // pcsp, pcfile, pcln
			meta += pcvalueLen(pctab, p)
		}
		for i := range npcdata {
			meta += pcvalueLen(pctab, int(binary.LittleEndian.Uint32(rec[44+4*i:])))
		}
		t.funcs = append(t.funcs, fn{name: name, pkg: pkgOf(name), meta: meta})
	}
	t.recs = [2]int{start + recs, start + recs + recEnd}
	return t, nil
}

// cstring is b up to its first NUL.
func cstring(b []byte) string {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	return string(b)
}

// pcvalueLen is the length of the pc-value table at off in pctab (0 for
// none): pairs of a zig-zag value delta and a pc delta, ended by a zero
// value delta after the first pair (runtime.step).
func pcvalueLen(pctab []byte, off int) int {
	if off <= 0 || off >= len(pctab) {
		return 0
	}
	r := &reader{b: pctab, i: off}
	for first := true; r.err == nil; first = false {
		if r.uleb() == 0 && !first {
			break
		}
		r.uleb()
	}
	return r.i - off
}

// pkgOf is the package path of a Go function name, as runtime.FuncForPC's
// names read: "synctoken/app.(*Page).Render" is synctoken/app's; names of
// the compiler's making ("type:.eq.…", "go:buildid") are their prefix's.
// A generic's type arguments ("slices.Index[go.shape.…/graph.Kind,…]")
// name other packages, so the last '/' is looked for before any '(' or '['.
func pkgOf(name string) string {
	head := name
	if i := strings.IndexAny(name, "(["); i >= 0 {
		head = name[:i]
	}
	slash := strings.LastIndexByte(head, '/') + 1
	if i := strings.IndexAny(name[slash:], ".:"); i >= 0 {
		return name[:slash+i]
	}
	return name
}
