package paste

import (
	"strconv"
	"strings"
)

// The limits on what an admin types or pastes, in one place. Graph documents
// none of these for acquireAccessToken; each is set far above any real input
// and far below what would freeze the page, which checks the form on every
// keystroke. Going over one is an Error next to its field, saying the size.
//
// Two limits live beside the code they bound, in graph: maxBody (send.go), the most
// of a response body that is read, and DefaultTimeout (client.go), the time
// one request may take, answer included.
const (
	// MaxPasteBytes is the most text an ID field (object ID, tenant,
	// client ID) or the access-token field reads. It is that large so an
	// ID or a token can be taken out of a whole paste: a service
	// principal's JSON from Graph Explorer runs to tens of KiB, the output
	// of `az account get-access-token` to a few.
	MaxPasteBytes = 64 << 10

	// MaxCredentials is the most credential rows sent. Graph's
	// synchronizationSecret enum has 45 names and each may appear once, so
	// this leaves room for custom keys newer than the embedded list.
	MaxCredentials = 64

	// MaxKeyBytes is the longest key accepted. The longest
	// synchronizationSecret name, PerformInboundEntitlementGrants, is 31
	// bytes; a longer key is a value typed in the wrong box.
	MaxKeyBytes = 128

	// MaxValueBytes is the largest credential value. Real values are short:
	// the largest, a PEM certificate chain or private key, is a few KiB.
	// More is a whole file or log pasted by mistake.
	MaxValueBytes = 32 << 10

	// MaxTokenBytes is the longest access token accepted. Entra's access
	// tokens are 1–5 KiB (the bulk of a large one is its groups and roles);
	// request headers much above 16 KiB are refused by most front ends.
	MaxTokenBytes = 16 << 10

	// MaxRequestBodyBytes is the largest acquireAccessToken body, all
	// credentials together as JSON. Rows at MaxValueBytes each could add up
	// to more, so the body is checked as a whole too. Test connection's and
	// Save's bodies are held to it as well.
	MaxRequestBodyBytes = 1 << 20

	// MaxRedirectURIBytes is the longest redirect URI typed for Authorize.
	// A redirect URI is one host and a short path; browsers and vendors
	// handle URLs of a few KiB at most.
	MaxRedirectURIBytes = 2 << 10

	// MaxCodeBytes is the longest authorization code taken from a landing
	// address. Vendors' codes run from a few dozen characters (Box,
	// Dropbox) to a few hundred (Google, Amazon); more is a page or a log
	// pasted by mistake. (The vendor's authorization URL and the landing
	// address are pastes: MaxPasteBytes.)
	MaxCodeBytes = 4 << 10
)

// sizeText writes a size for a message: "1023 bytes", "64 KiB (65536 bytes)".
func SizeText(n int) string {
	if n < 1024 {
		if n == 1 {
			return "1 byte"
		}
		return strconv.Itoa(n) + " bytes"
	}
	return UnitText(n) + " (" + strconv.Itoa(n) + " bytes)"
}

// unitText writes a size in KiB or MiB, to one decimal where needed.
// The limits as messages write them, unitText of each. They are constants
// so that they join the messages around them when compiled, rather than a
// call at each message; a test checks them against unitText.
const (
	MaxValueText       = "32 KiB" // MaxValueBytes
	MaxTokenText       = "16 KiB" // MaxTokenBytes
	MaxRequestBodyText = "1 MiB"  // MaxRequestBodyBytes
	MaxBodyText        = "1 MiB"  // graph's maxBody
)

func UnitText(n int) string {
	unit, div := "KiB", 1024.0
	if n >= 1<<20 {
		unit, div = "MiB", 1<<20
	}
	if n < 1024 {
		return strconv.Itoa(n) + " bytes"
	}
	v := strconv.FormatFloat(float64(n)/div, 'f', 1, 64)
	return strings.TrimSuffix(v, ".0") + " " + unit
}
