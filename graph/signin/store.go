package signin

// Store keeps strings for the life of the browser tab (sessionStorage).
// Sign-in keeps its round-trip state and MSAL's cache there, nothing else.
type Store interface {
	Get(key string) (string, bool)
	Set(key, value string)
	Delete(key string)
}

// MemoryStore is a Store in memory, for tests and native tools.
type MemoryStore map[string]string

func (m MemoryStore) Get(key string) (string, bool) { v, ok := m[key]; return v, ok }
func (m MemoryStore) Set(key, value string)         { m[key] = value }
func (m MemoryStore) Delete(key string)             { delete(m, key) }
