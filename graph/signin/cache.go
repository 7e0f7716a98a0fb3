package signin

import (
	"context"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/cache"

	"synctoken/graph"
)

// sessionCache backs MSAL's in-memory cache with the tab's sessionStorage,
// so a reload keeps the session and closing the tab ends it.
type sessionCache struct {
	store Store
	key   string
}

// Replace loads the store's cache into MSAL's. An empty store empties
// MSAL's too, so that a sign-out by another Client of the tab (the store
// is the truth) leaves no account behind in this one's memory.
func (c *sessionCache) Replace(ctx context.Context, u cache.Unmarshaler, _ cache.ReplaceHints) error {
	if v, ok := c.store.Get(c.key); ok && v != "" {
		return u.Unmarshal([]byte(v))
	}
	return u.Unmarshal([]byte("{}"))
}

func (c *sessionCache) Export(ctx context.Context, m cache.Marshaler, _ cache.ExportHints) error {
	b, err := m.Marshal()
	if err != nil {
		return err
	}
	c.store.Set(c.key, string(b))
	return nil
}

// HasSession reports whether store holds an MSAL cache for cfg, so that a
// page can skip building a client when there is nothing to resume.
func HasSession(cfg Config, store Store) bool {
	clientID, err := graph.ParseClientID(cfg.ClientID)
	if err != nil {
		return false
	}
	cfg.ClientID = clientID
	v, ok := store.Get(cacheKey(cfg))
	return ok && v != ""
}
