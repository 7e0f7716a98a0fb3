package graph

import "synctoken/graph/internal/paste"

// The limits on what an admin types or pastes live in one place,
// graph/internal/paste (limits.go), which says why each is what it is;
// they are named here for the callers of graph.
const (
	MaxPasteBytes       = paste.MaxPasteBytes       // an ID field or the access-token field
	MaxCredentials      = paste.MaxCredentials      // credential rows sent
	MaxKeyBytes         = paste.MaxKeyBytes         // one credential key
	MaxValueBytes       = paste.MaxValueBytes       // one credential value
	MaxTokenBytes       = paste.MaxTokenBytes       // the access token
	MaxRequestBodyBytes = paste.MaxRequestBodyBytes // the whole request body
	MaxRedirectURIBytes = paste.MaxRedirectURIBytes // the redirect URI
	MaxCodeBytes        = paste.MaxCodeBytes        // an authorization code
)
