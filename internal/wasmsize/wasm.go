package main

import (
	"errors"
	"fmt"
)

// module is what wasmsize reads of a Go wasm file: each defined
// function's body, in the code section's order, and the linear memory
// the data section initialises (where Go keeps its read-only data and
// runtime.pclntab).
type module struct {
	imports int      // imported functions: a defined function's index is imports + its position
	bodies  [][]byte // the code section's function bodies
	mem     []byte   // the data segments, each at its offset, zeros between
	code    int      // the code section's size
	data    int      // the data section's size
}

var errTruncated = errors.New("wasm: truncated")

// reader reads LEB128 numbers and byte runs, failing once instead of
// panicking on a file cut short.
type reader struct {
	b   []byte
	i   int
	err error
}

func (r *reader) byte() byte {
	if r.err != nil || r.i >= len(r.b) {
		r.err = errTruncated
		return 0
	}
	c := r.b[r.i]
	r.i++
	return c
}

func (r *reader) uleb() uint64 {
	var x uint64
	for s := uint(0); s < 64; s += 7 {
		c := r.byte()
		x |= uint64(c&0x7f) << s
		if c < 0x80 {
			return x
		}
	}
	r.err = errors.New("wasm: bad LEB128")
	return 0
}

func (r *reader) sleb() int64 {
	var x int64
	var s uint
	for {
		c := r.byte()
		x |= int64(c&0x7f) << s
		s += 7
		if c < 0x80 {
			if s < 64 && c&0x40 != 0 {
				x |= -1 << s
			}
			return x
		}
		if s >= 64 {
			r.err = errors.New("wasm: bad LEB128")
			return 0
		}
	}
}

func (r *reader) bytes(n uint64) []byte {
	if r.err != nil || n > uint64(len(r.b)-r.i) {
		r.err = errTruncated
		return nil
	}
	b := r.b[r.i : r.i+int(n)]
	r.i += int(n)
	return b
}

// maxMemory bounds the memory image rebuilt from data segments: Go's
// wasm keeps its data in the first tens of megabytes.
const maxMemory = 1 << 30

// parse reads b, a WebAssembly module as Go's linker writes it.
func parse(b []byte) (*module, error) {
	if len(b) < 8 || string(b[:4]) != "\x00asm" {
		return nil, errors.New("wasm: not a WebAssembly module")
	}
	m := &module{}
	r := &reader{b: b, i: 8}
	for r.i < len(b) && r.err == nil {
		id := r.byte()
		sec := &reader{b: r.bytes(r.uleb())}
		switch id {
		case 2:
			m.imports = countFuncImports(sec)
		case 10:
			m.code = len(sec.b)
			for n := sec.uleb(); n > 0 && sec.err == nil; n-- {
				m.bodies = append(m.bodies, sec.bytes(sec.uleb()))
			}
		case 11:
			m.data = len(sec.b)
			readData(sec, m)
		}
		if sec.err != nil {
			return nil, fmt.Errorf("section %d: %w", id, sec.err)
		}
	}
	return m, r.err
}

// countFuncImports counts the import section's functions.
func countFuncImports(r *reader) int {
	n := 0
	for k := r.uleb(); k > 0 && r.err == nil; k-- {
		r.bytes(r.uleb()) // module
		r.bytes(r.uleb()) // name
		switch r.byte() {
		case 0: // function: its type index
			r.uleb()
			n++
		case 1: // table: element type, limits
			r.byte()
			limits(r)
		case 2: // memory: limits
			limits(r)
		case 3: // global: value type, mutability
			r.byte()
			r.byte()
		default:
			r.err = errors.New("wasm: unknown import kind")
		}
	}
	return n
}

func limits(r *reader) {
	if r.byte()&1 != 0 {
		r.uleb()
	}
	r.uleb()
}

// readData copies each active data segment (offset given by i32.const)
// into m.mem.
func readData(r *reader, m *module) {
	for k := r.uleb(); k > 0 && r.err == nil; k-- {
		if r.uleb() != 0 { // Go writes active segments of memory 0 only
			r.err = errors.New("wasm: unsupported data segment")
			return
		}
		if r.byte() != 0x41 { // i32.const
			r.err = errors.New("wasm: data segment offset is not a constant")
			return
		}
		off := r.sleb()
		if r.byte() != 0x0b { // end
			r.err = errors.New("wasm: data segment offset is not a constant")
			return
		}
		seg := r.bytes(r.uleb())
		end := off + int64(len(seg))
		if off < 0 || end > maxMemory {
			r.err = errors.New("wasm: data segment out of range")
			return
		}
		if int64(len(m.mem)) < end {
			m.mem = append(m.mem, make([]byte, end-int64(len(m.mem)))...)
		}
		copy(m.mem[off:], seg)
	}
}
