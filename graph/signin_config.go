package graph

import (
	"fmt"
	"strings"
)

// ParseTenant returns the tenant of an authority: a tenant ID (GUID), a
// verified domain such as contoso.onmicrosoft.com, or "organizations".
// "common" and "consumers" are refused: synchronization is for work or
// school accounts of one directory.
func ParseTenant(s string) (string, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	switch {
	case t == "":
		return "", fmt.Errorf("Tenant is required: a tenant ID (GUID), a domain such as contoso.onmicrosoft.com, or organizations.")
	case t == "organizations":
		return t, nil
	case t == "common" || t == "consumers":
		return "", fmt.Errorf("Tenant %q would allow personal Microsoft accounts; use your tenant ID, your domain, or organizations.", t)
	}
	if strings.Count(t, "-") == 4 {
		if id, err := ParseObjectID(t); err == nil {
			return id, nil
		}
		return "", fmt.Errorf("Tenant looks like a tenant ID but is not a GUID (8-4-4-4-12 hexadecimal digits).")
	}
	if strings.Contains(t, ".") && !strings.ContainsAny(t, "/:?#@ \t") && !strings.HasPrefix(t, ".") && !strings.HasSuffix(t, ".") {
		return t, nil
	}
	return "", fmt.Errorf("Tenant %q is neither a tenant ID (GUID), a domain such as contoso.onmicrosoft.com, nor organizations.", strings.TrimSpace(s))
}

// ParseClientID returns the Application (client) ID of the app
// registration, a GUID.
func ParseClientID(s string) (string, error) {
	id, err := ParseObjectID(s)
	if err != nil {
		if strings.TrimSpace(s) == "" {
			return "", fmt.Errorf("Client ID is required: the Application (client) ID of your app registration.")
		}
		return "", fmt.Errorf("Client ID %s", strings.TrimPrefix(err.Error(), "Object ID "))
	}
	return id, nil
}
