package wasmbuild

import _ "embed"

// MSALModule is the module whose browser build is trimmed.
const MSALModule = "github.com/AzureAD/microsoft-authentication-library-for-go"

// MSALVersion is the version msalPatch was made from. Another version in
// go.mod fails the build until the patch has been checked against it
// (Check; CONTRIBUTING.md, "Bumping MSAL Go").
const MSALVersion = "v1.10.1"

// msalPatch cuts from MSAL Go what only server-side clients reach but
// the linker cannot prove unreachable, because the choice is made at run
// time; a browser public client that passes WithHTTPClient never runs it.
//
//go:embed msal-v1.10.1.patch
var msalPatch string

var msal = patchedModule{
	name:    "MSAL Go",
	id:      "msal",
	path:    MSALModule,
	version: MSALVersion,
	patch:   msalPatch,
	build:   "./apps/...",
	section: "Bumping MSAL Go",
}
