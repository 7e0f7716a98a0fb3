package app

import "synctoken/graph"

// form is what the parts read of the form the admin fills in: the
// application's target, the credentials and the token. It holds
// pointers to those parts, set once by Page.wire, so that a part reads
// another's state without reaching for the whole page.
type form struct {
	target *targetState
	creds  *credentialsState
	auth   *signInState
}

// input is the form as the request's builder reads it.
func (f *form) input() graph.Input {
	return graph.Input{
		Cloud:       f.target.cloud,
		Version:     f.target.version,
		Kind:        f.target.kind,
		ObjectID:    f.target.objectID,
		Credentials: f.creds.rows,
		Token:       f.auth.token,
	}
}

// spID is the service principal's object ID as typed, normalised; "" when
// the field does not hold one.
func (f *form) spID() string {
	id, err := graph.ParseObjectID(f.target.objectID)
	if err != nil {
		return ""
	}
	return id
}

// syncTarget is the service principal Test connection, Save and the job
// act on, with token.
func (f *form) syncTarget(token string) graph.SyncTarget {
	t := f.target
	return graph.SyncTarget{Cloud: t.cloud, Version: t.version, ServicePrincipalID: t.objectID, Token: token}
}
