package graphtest

import (
	"net/http"
	"strings"
	"testing"
)

func TestActionSucceedsForEverySeededObject(t *testing.T) {
	s := newSandbox(t)
	token := s.Token()
	for _, version := range []string{"v1.0", "beta", "V1.0", "Beta"} {
		for collection, objects := range map[string][]Object{
			"applications": Applications, "servicePrincipals": ServicePrincipals,
			"APPLICATIONS": Applications, "serviceprincipals": ServicePrincipals,
		} {
			for _, o := range objects {
				for _, id := range []string{o.ObjectID, strings.ToUpper(o.ObjectID)} {
					path := actionPath(version, collection, id)
					r := post(t, s, path, token, validBody)
					if r.status != http.StatusNoContent || r.body != "" || r.header.Get("Content-Type") != "" {
						t.Errorf("POST %s: got %d %q (Content-Type %q), want 204 with no body",
							path, r.status, r.body, r.header.Get("Content-Type"))
					}
				}
			}
		}
	}
}

func TestActionSegmentsIgnoreCase(t *testing.T) {
	s := newSandbox(t)
	id := ServicePrincipals[0].ObjectID
	for _, path := range []string{
		"/v1.0/servicePrincipals/" + id + "/SYNCHRONIZATION/acquireaccesstoken",
		"/beta/servicePrincipals/" + id + "/synchronization/microsoft.graph.acquireAccessToken",
	} {
		if r := post(t, s, path, s.Token(), validBody); r.status != http.StatusNoContent {
			t.Errorf("POST %s: got %d %s, want 204", path, r.status, r.body)
		}
	}
}

func TestUnknownObjectIsNotFound(t *testing.T) {
	s := newSandbox(t)
	for _, tc := range []struct{ collection, id string }{
		{"servicePrincipals", "00000000-0000-4000-8000-000000000000"},
		{"applications", "not-a-guid"},
		{"servicePrincipals", Applications[0].ObjectID}, // an application's id in the wrong collection
		{"applications", ServicePrincipals[1].ObjectID},
		{"servicePrincipals", ServicePrincipals[0].AppID}, // the appId is not the object id
	} {
		r := post(t, s, actionPath("v1.0", tc.collection, tc.id), s.Token(), validBody)
		wantError(t, r, http.StatusNotFound, "Request_ResourceNotFound",
			"Resource '"+tc.id+"' does not exist or one of its queried reference-property objects are not present.")
	}
}

func TestBodyValidation(t *testing.T) {
	s := newSandbox(t)
	path := actionPath("v1.0", "servicePrincipals", ServicePrincipals[0].ObjectID)
	const unreadable = "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format."
	for _, tc := range []struct {
		name, contentType, body string
		status                  int
		message                 string // empty for success
	}{
		{"valid", "application/json", validBody, 204, ""},
		{"charset", "application/json; charset=utf-8", validBody, 204, ""},
		{"null value", "application/json", `{"credentials":[{"key":"SecretToken","value":null}]}`, 204, ""},
		{"no value", "application/json", `{"credentials":[{"key":"SecretToken"}]}`, 204, ""},
		{"empty list", "application/json", `{"credentials":[]}`, 204, ""},
		{"annotation", "application/json", `{"credentials":[{"@odata.type":"#microsoft.graph.synchronizationSecretKeyStringValuePair","key":"Url","value":"x"}]}`, 204, ""},
		{"no content type", "", validBody, 400, unreadable},
		{"text content type", "text/plain", validBody, 400, unreadable},
		{"malformed", "application/json", `{"credentials":[`, 400, unreadable},
		{"trailing data", "application/json", validBody + "x", 400, unreadable},
		{"not an object", "application/json", `[1]`, 400, unreadable},
		{"empty", "application/json", "", 400, "Empty Payload. JSON content expected."},
		{"unknown property", "application/json", `{"credentials":[],"secrets":[]}`, 400,
			"The parameter 'secrets' in the request payload is not a valid parameter for the operation 'acquireAccessToken'."},
		{"no credentials", "application/json", `{}`, 400, "The parameter 'credentials' is required and cannot be null."},
		{"credentials object", "application/json", `{"credentials":{"key":"Url"}}`, 400,
			"An unexpected 'StartObject' node was found when reading from the JSON reader. A 'StartArray' node was expected."},
		{"item not object", "application/json", `{"credentials":["Url"]}`, 400,
			"An unexpected 'PrimitiveValue' node was found when reading from the JSON reader. A 'StartObject' node was expected."},
		{"unknown item property", "application/json", `{"credentials":[{"key":"Url","val":"x"}]}`, 400,
			"The property 'val' does not exist on type 'microsoft.graph.synchronizationSecretKeyStringValuePair'. Make sure to only use property names that are defined by the type or mark the type as open type."},
		{"missing key", "application/json", `{"credentials":[{"value":"x"}]}`, 400,
			"A null value was found for the property named 'key', which has the expected type 'microsoft.graph.synchronizationSecret[Nullable=False]'. The expected type 'microsoft.graph.synchronizationSecret[Nullable=False]' does not allow null values."},
		{"numeric key", "application/json", `{"credentials":[{"key":3,"value":"x"}]}`, 400,
			"Cannot convert the literal '3' to the expected type 'microsoft.graph.synchronizationSecret'."},
		{"unknown key", "application/json", `{"credentials":[{"key":"Url","value":"x"},{"key":"ApiKey","value":"x"}]}`, 400,
			"Requested value 'ApiKey' was not found."},
		{"key case", "application/json", `{"credentials":[{"key":"secretToken","value":"x"}]}`, 400,
			"Requested value 'secretToken' was not found."},
		{"numeric value", "application/json", `{"credentials":[{"key":"Url","value":42}]}`, 400,
			"Cannot convert the literal '42' to the expected type 'Edm.String'."},
	} {
		header := map[string]string{"Authorization": "Bearer " + s.Token()}
		if tc.contentType != "" {
			header["Content-Type"] = tc.contentType
		}
		r := call(t, s, "POST", path, header, tc.body)
		if tc.message == "" {
			if r.status != tc.status {
				t.Errorf("%s: got %d %s, want %d", tc.name, r.status, r.body, tc.status)
			}
			continue
		}
		t.Run(tc.name, func(t *testing.T) { wantError(t, r, tc.status, "BadRequest", tc.message) })
	}
}

func TestUnsupportedPathsAndMethods(t *testing.T) {
	s := newSandbox(t)
	id := ServicePrincipals[0].ObjectID
	for _, tc := range []struct {
		method, path string
		status       int
		message      string
	}{
		{"POST", "/v2.0/servicePrincipals/" + id + "/synchronization/acquireAccessToken", 400, "Invalid version: v2.0"},
		{"GET", "/", 400, "Invalid version: "},
		{"POST", "/v1.0/users/" + id + "/synchronization/acquireAccessToken", 400, "Resource not found for the segment 'users'."},
		{"POST", "/v1.0/servicePrincipals/" + id + "/synchronization/secretz", 400, "Resource not found for the segment 'secretz'."},
		{"POST", "/v1.0/servicePrincipals/" + id + "/synchronization/acquireAccessToken/x", 400, "Resource not found for the segment 'x'."},
		{"GET", "/v1.0/servicePrincipals/" + id + "/owners", 400, "Resource not found for the segment 'owners'."},
		{"GET", "/v1.0/servicePrincipals/" + id + "/synchronization", 400, "Resource not found for the segment 'synchronization'."},
		{"GET", "/v1.0/servicePrincipals(appId=x)", 400, "Bad Request - Error in query syntax."},
		{"GET", "/v1.0/servicePrincipals(displayName='x')", 400, "Bad Request - Error in query syntax."},
		{"GET", "/v1.0/servicePrincipals/" + id + "/synchronization/acquireAccessToken", 405,
			"The HTTP method 'GET' is not supported by the action 'acquireAccessToken'."},
		{"PUT", "/beta/applications/" + Applications[0].ObjectID + "/synchronization/acquireAccessToken", 405,
			"The HTTP method 'PUT' is not supported by the action 'acquireAccessToken'."},
	} {
		r := call(t, s, tc.method, tc.path, map[string]string{
			"Authorization": "Bearer " + s.Token(), "Content-Type": "application/json"}, validBody)
		wantError(t, r, tc.status, "BadRequest", tc.message)
		if tc.status == 405 && r.header.Get("Allow") != "POST" {
			t.Errorf("%s %s: Allow %q, want POST", tc.method, tc.path, r.header.Get("Allow"))
		}
	}
}
