package paste

import (
	"errors"
	"strconv"
	"strings"
)

// ObjectID returns the object ID in s, a canonical lowercase GUID, whose
// it is when the paste shows it ("servicePrincipals" for a servicePrincipals
// URL or a service principal's JSON, "applications", or ""), and a note for
// the field saying what was done to get it (graph.ParseObjectID and the form).
func ObjectID(s string) (id, owner, note string, err error) {
	if len(s) > MaxPasteBytes {
		return "", "", "", errors.New("Object ID field holds " + SizeText(len(s)) + "; paste the object ID alone.")
	}
	t, notes := cleanID(s)
	if t == "" {
		return "", "", "", errText("Object ID is required: the object ID (a GUID) of the application or service principal.")
	}
	if id, ok := bareGUID(t); ok {
		if err := usableObjectID(id); err != nil {
			return "", "", "", err
		}
		return id, "", strings.Join(notes, " "), nil
	}
	if _, ok := bareGUID(strings.TrimPrefix(t, "{")); ok && t[0] == '{' {
		return "", "", "", errText("Object ID has an unmatched brace.")
	}
	if _, ok := bareGUID(strings.TrimSuffix(t, "}")); ok && t[len(t)-1] == '}' {
		return "", "", "", errText("Object ID has an unmatched brace.")
	}
	src := pasteKind(t)
	if src == "JSON" {
		v, n, ok := jsonMember(t, "id")
		if id, isID := bareGUID(v); ok && isID {
			if err := usableObjectID(id); err != nil {
				return "", "", "", err
			}
			AddText(&notes, "Took the object ID "+id+` (its "id") from the pasted JSON.`)
			return id, kindOfPaste(t, ""), strings.Join(notes, " "), nil
		}
		switch {
		case n == 0:
			return "", "", "", errText("This JSON lists no objects: paste the object ID of the application or service principal.")
		case n > 1:
			return "", "", "", errors.New("This JSON lists " + strconv.Itoa(n) + ` objects; paste the "id" of the one you mean.`)
		}
	}
	p := pickGUID(t, roleObject)
	switch {
	case p.id != "":
		if err := usableObjectID(p.id); err != nil {
			return "", "", "", err
		}
		AddText(&notes, tookNote("object ID", p, src))
		return p.id, kindOfPaste(t, p.label), strings.Join(notes, " "), nil
	case p.many != nil:
		return "", "", "", errors.New("This " + src + " holds " + countIDs(len(p.many)) + ": " + describeIDs(p.many) + "; paste the object ID alone.")
	case p.only != nil && p.only.role == roleClient:
		return "", "", "", errors.New("This " + src + " holds only an appId (" + p.only.id + `), the application (client) ID; the endpoint needs the object ID, which differs: copy Object ID from the app's Overview page, or GET /servicePrincipals(appId='` + p.only.id + `') and use its "id".`)
	case p.only != nil:
		return "", "", "", errors.New("This " + src + " holds only a tenant ID (" + p.only.id + "); paste the object ID of the application or service principal.")
	case src == "URL":
		return "", "", "", errText("This URL holds no object ID (a GUID): paste the object ID of the application or service principal.")
	case src == "JSON":
		return "", "", "", errText(`This JSON holds no object ID: paste the object ID of the application or service principal, or its JSON with its "id".`)
	}
	if strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}") {
		t = t[1 : len(t)-1]
	}
	msg := "Object ID " + notGUID(t)
	if strings.Contains(t, " ") {
		msg += " " + QuoteShort(t) + " looks like a display name: copy the Object ID from the app's Overview page."
	}
	return "", "", "", errors.New(msg)
}

// usableObjectID refuses the GUIDs that cannot be the object ID wanted.
func usableObjectID(id string) error {
	switch id {
	case "00000000-0000-0000-0000-000000000000":
		return errText("Object ID is all zeros, a placeholder: paste the object ID of the application or service principal.")
	case GraphAppID:
		return errors.New("Object ID " + id + " is Microsoft Graph's own appId: paste the object ID of your application or service principal.")
	}
	return nil
}

// kindOfPaste says whose object ID a paste holds, when it shows it: by the
// ID's label (servicePrincipals/…), the portal blade in a URL, or the
// OData context or type of Graph's JSON. "" when it does not say.
func kindOfPaste(t, label string) string {
	switch strings.ToLower(label) {
	case "serviceprincipals":
		return servicePrincipals
	case "applications":
		return applications
	}
	switch {
	case strings.Contains(t, "ManagedAppMenuBlade"), strings.Contains(t, "#servicePrincipals"),
		strings.Contains(t, "#microsoft.graph.servicePrincipal"), strings.Contains(t, `"servicePrincipalType"`):
		return servicePrincipals
	case strings.Contains(t, "ApplicationMenuBlade"), strings.Contains(t, "Microsoft_AAD_RegisteredApps"),
		strings.Contains(t, "#applications"), strings.Contains(t, "#microsoft.graph.application"):
		return applications
	}
	return ""
}

// The owners ObjectID names, as Graph's paths spell them.
const (
	servicePrincipals = "servicePrincipals"
	applications      = "applications"
)
