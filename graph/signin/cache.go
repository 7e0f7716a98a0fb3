package signin

import (
	"context"
	"sync"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/cache"
)

// sessionCache backs MSAL's in-memory cache with the tab's sessionStorage,
// so a reload keeps the session and closing the tab ends it.
//
// It is also where a client's session ends: once closed (Close, SignOut),
// it reads as empty and drops every write. MSAL writes its cache after a
// token request answers, into whatever the store holds then, so without
// this a refresh on the wire at Sign out would write the account and a
// fresh refresh token back into the emptied store, and the next reload
// would resume the session the admin ended. The lock makes the check and
// the write one step: a write either lands before the close (and SignOut
// removes it) or not at all.
type sessionCache struct {
	store Store
	key   string

	mu     sync.Mutex
	closed bool
}

// Replace loads the store's cache into MSAL's. An empty store empties
// MSAL's too, so that a sign-out by another Client of the tab (the store
// is the truth) leaves no account behind in this one's memory; so does a
// closed cache.
func (c *sessionCache) Replace(ctx context.Context, u cache.Unmarshaler, _ cache.ReplaceHints) error {
	if v, ok := c.get(c.key); ok && v != "" {
		return u.Unmarshal([]byte(v))
	}
	return u.Unmarshal([]byte("{}"))
}

// Export writes MSAL's cache to the store, unless the cache is closed.
func (c *sessionCache) Export(ctx context.Context, m cache.Marshaler, _ cache.ExportHints) error {
	b, err := m.Marshal()
	if err != nil {
		return err
	}
	c.set(c.key, string(b))
	return nil
}

// get reads key from the store; nothing once closed.
func (c *sessionCache) get(key string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return "", false
	}
	return c.store.Get(key)
}

// set writes key to the store, unless closed.
func (c *sessionCache) set(key, value string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.closed {
		c.store.Set(key, value)
	}
}

// close ends the cache's session, and deletes keys from the store under
// the same lock, so that no write of the session lands after them.
func (c *sessionCache) close(keys ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	for _, k := range keys {
		c.store.Delete(k)
	}
}

func (c *sessionCache) isClosed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closed
}

// HasSession reports whether store holds an MSAL cache for cfg, so that a
// page can skip building a client when there is nothing to resume.
func HasSession(cfg Config, store Store) bool {
	if cfg.Registration.IsZero() {
		return false
	}
	v, ok := store.Get(cacheKey(cfg))
	return ok && v != ""
}
