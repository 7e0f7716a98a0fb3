package graphtest

import (
	"fmt"
	"slices"
)

// The sandbox's directory is fixed rather than random so that documentation,
// demo pages and tests can name its objects. All GUIDs are lowercase, as Graph
// returns them.

// TenantID is the directory (tenant) the sandbox pretends to be.
const TenantID = "3d5b0a7e-6c1f-4e2a-9b8d-0f4c7a1e2b3c"

// The seeded administrator in whose name Token signs in.
const (
	AdminObjectID = "8a1f2c3d-4b5e-4f60-9a7b-1c2d3e4f5a6b"
	AdminUPN      = "admin@contoso.onmicrosoft.com"
	AdminName     = "Sandbox Admin"
)

// Scope is the delegated permission the action requires. It is spelled
// out here rather than taken from graph.SyncScope: the sandbox stands for
// Entra and Graph, so a page asking for the wrong permission must fail
// against it as it would against them.
const Scope = "Synchronization.ReadWrite.All"

// ReadScope is the least delegated permission that reads applications and
// service principals (GET /servicePrincipals/{id} and the like);
// Application.ReadWrite.All and Directory.Read.All also do. The sandbox's
// app registration has consent for it, but a token carries it only when
// the sign-in asked for it, as in Entra (incremental consent).
const ReadScope = "Application.Read.All"

// JobsScope is the least delegated permission that lists synchronization
// jobs; Scope also does. As for the action, a delegated caller must also
// hold an administrator role.
const JobsScope = "Synchronization.Read.All"

// Directory role template ids as they appear in a token's wids claim.
const (
	ApplicationAdministrator      = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3"
	CloudApplicationAdministrator = "158c047a-c907-4556-b7ef-446551a6b5f7"
	HybridIdentityAdministrator   = "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2"
	GlobalAdministrator           = "62e90394-69f5-4237-9190-012177145e10"
	// DefaultUser is in the wids of every member user, admin or not.
	DefaultUser = "b79fbf4d-3ef9-4689-8143-76b194e85509"
)

// adminRoles are the roles of which a delegated caller must hold one.
var adminRoles = []string{ApplicationAdministrator, CloudApplicationAdministrator,
	HybridIdentityAdministrator, GlobalAdministrator}

// Object is a seeded application or service principal. The action is
// addressed by ObjectID; AppID is the client id shared by an application and
// its service principal, which callers often confuse with it.
type Object struct {
	ObjectID, AppID, DisplayName string
}

// EvilDisplayName is the display name of a seeded application and its
// service principal that carries markup, so that a client's tests can check
// that names read from Graph are shown as text, never parsed as HTML. The
// image's onerror sets window.__pwned if the markup ever runs.
const EvilDisplayName = `<img src=x onerror="window.__pwned=1">Evil App`

// Applications are the seeded app registrations.
var Applications = []Object{
	{"0f7a3c21-5b64-4d2e-8a19-7c3e5f1b9d40", "2b9c6e14-8f03-4a7d-9e25-61d4c8a0f3b7", "Contoso Salesforce Provisioning"},
	{"a4e81b5c-3d29-4f76-b0c8-5e2f7a91d6c3", "c5d2f8a9-1e47-4b3c-8d60-9a7e3f2b1c54", "Fabrikam SCIM Connector"},
	{"e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b", "7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918", EvilDisplayName},
}

// ServicePrincipals are the seeded enterprise applications, one for each of
// Applications, with the same AppID and display name but their own ObjectID.
var ServicePrincipals = []Object{
	{"d8b3e6f1-7a24-4c59-9e0d-3f1a8c5b2e76", "2b9c6e14-8f03-4a7d-9e25-61d4c8a0f3b7", "Contoso Salesforce Provisioning"},
	{"5c9a2d7e-0b18-4e63-a4f5-8d2c6b1e9a07", "c5d2f8a9-1e47-4b3c-8d60-9a7e3f2b1c54", "Fabrikam SCIM Connector"},
	{"b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e", "7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918", EvilDisplayName},
}

// NamesakeApplications and NamesakeServicePrincipals are registrations
// whose display names all start with NamesakeName, as in a large tenant: a
// search by that name finds more apps than a client shows at once. Each
// application has its service principal (the same AppID), but the service
// principals are listed in the opposite order, since Graph promises no
// order across the two collections: a client joining one page of each
// finds halves missing. None has provisioning jobs.
var NamesakeApplications, NamesakeServicePrincipals = namesakes(12)

// NamesakeName starts the display name of every namesake.
const NamesakeName = "Northwind HR Connector"

func namesakes(n int) (apps, sps []Object) {
	for i := range n {
		appID := fmt.Sprintf("4e0a%04x-1c2d-4e3f-8a4b-5c6d7e8f9a0b", i)
		name := fmt.Sprintf("%s %02d", NamesakeName, i+1)
		apps = append(apps, Object{fmt.Sprintf("6a1b%04x-2c3d-4e5f-8a6b-7c8d9e0f1a2b", i), appID, name})
		sps = append(sps, Object{fmt.Sprintf("7b2c%04x-3d4e-4f5a-9b6c-8d9e0f1a2b3c", i), appID, name})
	}
	slices.Reverse(sps)
	return apps, sps
}

// allApplications and allServicePrincipals are every seeded object of a
// collection: the distinct apps first, then the namesakes.
func allApplications() []Object { return slices.Concat(Applications, NamesakeApplications) }

func allServicePrincipals() []Object {
	return slices.Concat(ServicePrincipals, NamesakeServicePrincipals)
}

// spTags are a service principal's tags as Entra sets them: a gallery
// application's (Salesforce) differ from a non-gallery one's.
func spTags(appID string) []string {
	if appID == Applications[0].AppID {
		return []string{"WindowsAzureActiveDirectoryGalleryApplicationPrimaryV1", "WindowsAzureActiveDirectoryIntegratedApp"}
	}
	return []string{"WindowsAzureActiveDirectoryCustomSingleSignOnApplication", "WindowsAzureActiveDirectoryIntegratedApp"}
}

// appName is the display name of the application whose client id is appID,
// a service principal's appDisplayName.
func appName(appID string) string {
	for _, a := range allApplications() {
		if a.AppID == appID {
			return a.DisplayName
		}
	}
	return ""
}
