// Package graph holds everything synctoken knows about the Graph action
// synchronization: acquireAccessToken — the clouds it lives in, the input an
// admin gives, the exact request built from it, sending it, and reading the
// answer. It has no UI import, so it is tested natively and compiled into the
// browser's WebAssembly alike.
//
// It also holds the calls of provisioning's Admin Credentials step around
// it: Authorize's vendor URL and landing address (AuthorizationURL,
// ParseLanding), Test connection (TestConnectionRequest) and Save
// (PlanSave, SaveSecretsRequest), each a Request like the action's.
// Each call lives in its own files, named like app's step: authorize*.go
// (the vendor URL, the landing address, a code sent once), testconnection*.go
// (the request, its explanation, the template lookup), save*.go (the read,
// the plan, the request, its explanation) and job*.go (read, restart, start).
//
// Signing in with MSAL Go is package graph/signin's: graph never imports
// MSAL Go, so the calls can be built, shown and sent without it.
//
// A Request is one value with four uses: shown (redacted), copied, sent and
// recorded. Because the panel and the network see the same value, what the
// admin reads is what Graph receives.
package graph
