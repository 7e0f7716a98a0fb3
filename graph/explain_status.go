package graph

import (
	"slices"
	"strconv"
	"strings"
	"synctoken/graph/internal/paste"
	"time"
)

// The answers Graph gives with a 4xx status, one explanation each: a key
// not in the enum or a malformed body (400), a token refused or short of
// rights (401), a role missing (403), an object not found (404).

// keyNotFound returns the key named by Graph's message for a key that is
// not in the synchronizationSecret enum: "Requested value 'X' was not
// found", anywhere in msg. It is written out rather than a regular
// expression, which would be compiled at start, in code of its own.
func keyNotFound(msg string) (string, bool) {
	const before = "Requested value '"
	for i := strings.Index(msg, before); i >= 0; i = strings.Index(msg, before) {
		msg = msg[i+len(before):]
		if key, rest, ok := strings.Cut(msg, "'"); ok && strings.HasPrefix(rest, " was not found") {
			return key, true
		}
	}
	return "", false
}

func explain400(said string, e *GraphError) Explanation {
	key, found := "", false
	if e != nil {
		key, found = keyNotFound(e.Message)
	}
	if !found {
		return why("Malformed request (400 Bad Request)", "Graph could not read the request body or one of its values."+said,
			"Check that each key is a synchronizationSecret name used once and each value is text, then send again. Sending the body exactly as synctoken builds it avoids this.")
	}
	quoted := strconv.Quote(key)
	x := why("Unknown key "+quoted+" (400 Bad Request)", "Graph does not know the key "+quoted+": it is not a synchronizationSecret name.",
		"Choose the key from the list of synchronizationSecret names, or remove that row, and send again.")
	if k, ok := foldKey(key); ok && k.Name != key {
		x.Cause += " Names are case-sensitive: did you mean " + strconv.Quote(k.Name) + "?"
	} else if ok {
		// Graph refused a name its metadata lists: the version lags.
		x.Cause = "Graph did not accept the key " + quoted + ", though the metadata names it: this API version may not support it."
		x.Next = "Try the other API version, or remove that row, and send again."
	}
	return x
}

// explain401 tells apart the two 401s of the synchronization API. Graph
// answers a token it cannot validate (expired, for another cloud or
// resource, damaged, revoked) with InvalidAuthenticationToken and a message;
// a valid token that lacks Synchronization.ReadWrite.All, or a user who
// holds none of the admin roles, gets UnknownError with an empty message,
// where other APIs answer 403. code is Graph's error code as sent; c, when
// the token could be decoded, says which it is.
func explain401(code string, c *Claims, cloud Cloud, said string) Explanation {
	host, hostName := "", ""
	if c != nil {
		host = audienceHost(c.Audience)
		hostName = host
		if other, ok := snippetCloud("https://" + host); ok {
			hostName = "Graph in " + other.Name + " (" + host + ")"
		}
	}
	switch {
	case c == nil:
	case !c.Expires.IsZero() && !time.Now().Before(c.Expires):
		return why("Token expired (401 Unauthorized)", "The token expired at "+c.Expires.UTC().Format(time.RFC1123)+"; Graph refuses expired tokens.",
			"Get a new token (sign in again, or run: "+cloud.AzCommand()+") and send again.")
	case host != "" && !strings.EqualFold(host, cloud.GraphHost):
		return why("Token for another cloud or resource (401 Unauthorized)",
			"The token is for "+hostName+", but the request went to "+cloud.GraphHost+" ("+cloud.Name+"): each cloud's Graph accepts only its own tokens.",
			"Choose the cloud the token was issued for, or get a token for "+cloud.GraphHost+" and send again.")
	}
	newToken := "Get a new token for Graph in " + cloud.Name + " (sign in again, or run: " + cloud.AzCommand() + "), paste it whole, and send again."
	if strings.EqualFold(code, "InvalidAuthenticationToken") {
		return why("Token not accepted (401 Unauthorized)",
			"Graph could not validate the access token (InvalidAuthenticationToken): it has expired, is for another cloud or resource, was cut short or changed in copying, or was revoked."+said,
			newToken)
	}
	// Any other 401 with a token that decodes: what the claims lack is the cause.
	switch {
	case c == nil:
	case !c.HasSyncPermission() && c.Delegated():
		return why("Token lacks the permission (401 Unauthorized)",
			"The token lacks the delegated permission "+SyncScope+" (it has: "+paste.ListOrNone(c.Scopes)+"); the synchronization API answers 401 to a token without it."+said,
			"Sign in again consenting to "+SyncScope+" (an admin may need to grant consent), then send again.")
	case !c.HasSyncPermission():
		return why("Token lacks the permission (401 Unauthorized)",
			"The app-only token carries neither "+SyncScope+" nor "+ownedByRole+" (it has: "+paste.ListOrNone(c.Roles)+"); the synchronization API answers 401 to a token without one."+said,
			"Grant the app "+SyncScope+" with admin consent, then get a new token and send again.")
	case c.Delegated() && !c.HoldsAdminRole():
		return why("Missing admin role (401 Unauthorized)",
			"The signed-in user "+paste.FirstOf(c.User, "of the token")+" holds none of the roles this action needs: "+adminRoleText+"; the synchronization API answers 401 UnknownError to a user without one."+said,
			"Ask for one of those roles (with PIM, activate it), sign in again so the token carries it, and send again.")
	}
	if strings.EqualFold(code, "UnknownError") {
		if c == nil {
			noMessage := " and no message"
			if said != "" {
				noMessage = ""
			}
			return why("Missing permission or admin role (401 Unauthorized)",
				"Graph answered 401 with UnknownError"+noMessage+": on the synchronization API that means the token is valid but lacks the permission "+SyncScope+", "+
					"or the signed-in user holds none of the roles "+adminRoleText+". The token could not be decoded here to tell which."+said,
				"Get a token with "+SyncScope+" consented, signed in as a user who holds one of those roles (with PIM, activate it first), and send again.")
		}
		if c.ownedByOnly() {
			return why("App permission reported failing (401 Unauthorized)",
				"Graph answered 401 with UnknownError to an app-only token whose one permission for the synchronization API is "+ownedByRole+". "+ownedByReported+said,
				"In App registrations > the app > API permissions, add "+SyncScope+" (application) with admin consent, then get a new token and send again.")
		}
		return why("Access refused (401 Unauthorized)",
			"Graph answered 401 with UnknownError, though the token carries "+SyncScope+" and, for a user, an admin role: the role may be scoped to other objects (an administrative unit or other apps), "+
				"or a tenant or Conditional Access policy blocks the call."+said,
			"Check the role's scope in Entra ID > Roles and administrators, or use a tenant-wide role, then sign in again and send again.")
	}
	return why("Token or permission not accepted (401 Unauthorized)",
		"Graph did not accept the call"+codeText(code)+": either the token is not valid (expired, for another cloud or resource, cut short in copying, or revoked), "+
			"or it lacks the permission "+SyncScope+", or the signed-in user holds none of the roles "+adminRoleText+"."+said,
		newToken+" If it happens again, check the permission and the role.")
}

// codeText writes Graph's error code for a sentence: " (Code)", or "".
func codeText(code string) string {
	if code == "" {
		return ""
	}
	return " (" + code + ")"
}

func explain403(c *Claims, code, said string) Explanation {
	const title = "Permission denied (403 Forbidden)"
	switch {
	case c == nil:
	case !c.Delegated() && !slices.Contains(c.Roles, SyncScope):
		// Application.ReadWrite.OwnedBy only covers objects the app owns.
		x := why("App-only token not allowed (403 Forbidden)", "An app-only token needs "+SyncScope+", or "+ownedByRole+" with the app an owner of the object; this one has: "+paste.ListOrNone(c.Roles)+"."+said,
			"Grant the app "+SyncScope+" with admin consent, or add it as an owner of the object, then get a new token.")
		if c.ownedByOnly() {
			x.Cause += " " + ownedByReported
		}
		return x
	case c.Delegated() && !c.HoldsAdminRole():
		return why("Missing admin role (403 Forbidden)", "The signed-in user "+paste.FirstOf(c.User, "of the token")+" holds none of the roles this action needs: "+adminRoleText+"."+said,
			"Ask for one of those roles (with PIM, activate it), sign in again so the token carries it, and send again.")
	case !c.HasSyncPermission():
		return why("Missing permission (403 Forbidden)", "The token lacks the delegated permission "+SyncScope+" (it has: "+paste.ListOrNone(c.Scopes)+")."+said,
			"Sign in again consenting to "+SyncScope+" (an admin may need to grant it), then send again.")
	default:
		return why(title, "The token has the permission and, for a user, an admin role, yet Graph refused: the role may be scoped to other objects (an administrative unit or another app), or a Conditional Access or tenant policy blocks the call."+said,
			"Check the role's scope in Entra ID > Roles and administrators, or use a tenant-wide role, then send again.")
	}
	return why(title, "Graph refused the caller"+code+". A signed-in user needs the "+adminRoleText+" role and the delegated permission "+SyncScope+"; "+
		"an app-only token needs the application permission "+ownedByRole+" (as an owner of the object) or "+SyncScope+"."+said,
		"Sign in as a user with one of those roles, or grant the app the permission, then get a new token and send again.")
}

func explain404(c *Claims, kind Kind, said string) Explanation {
	// The portal shows three GUIDs per app; each collection wants its own.
	this, other, blade, otherKind := "the service principal's object ID", "the application registration's object ID", "Enterprise applications", Applications
	if kind == Applications {
		this, other, blade, otherKind = "the application's own object ID", "the service principal's object ID", "App registrations", ServicePrincipals
	}
	x := why("Object not found (404 Not Found)",
		"No "+strings.ToLower(kind.Label())+" has this object ID. Often it is the application (client) ID, the appId, or "+other+", used where "+this+" is needed.",
		"Look the object up to find "+this+" ("+blade+" > the app > Overview > Object ID), or switch to "+string(otherKind)+" if the ID is of that kind.")
	if c != nil && c.TenantID != "" {
		x.Cause += " Or the object is in another tenant: the token is for tenant " + c.TenantID + "."
	}
	x.Cause += said
	x.LookUp = true
	return x
}
