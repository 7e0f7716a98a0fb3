package app

import (
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// TokenPanel decodes the access token for display — audience, tenant,
// user, permissions, roles, expiry with a countdown — and warns before
// sending when Graph will refuse it. The token itself is never shown.
type TokenPanel struct {
	app.Compo

	Token string
	Cloud graph.Cloud
	Now   time.Time
}

// Render shows the claims, or nothing while there is no token.
func (t *TokenPanel) Render() app.UI {
	if strings.TrimSpace(t.Token) == "" {
		return el("div#token-panel")
	}
	c, err := graph.DecodeToken(t.Token)
	if err != nil {
		return el("div#token-panel.token-panel",
			textEl("p.problem.warning", "The token cannot be decoded ("+err.Error()+"); Graph will decide."),
		)
	}
	perms, permLabel := c.Scopes, "Scopes"
	if !c.Delegated() {
		perms, permLabel = c.Roles, "App roles"
	}
	var roles []string
	for _, w := range c.WIDs {
		roles = append(roles, graph.RoleName(w))
	}
	rows := [][2]string{
		{"Audience", c.Audience},
		{"Tenant", c.TenantID},
		{"User", or(c.User, "(app-only token)")},
		{"App", appText(c)},
		{permLabel, or(strings.Join(perms, " "), "(none)")},
		{"Directory roles", or(strings.Join(roles, ", "), "(none)")},
		{"Expires", expiry(c.Expires, t.Now)},
	}
	problems := c.Check(t.Cloud, t.Now)
	return el("div#token-panel.token-panel",
		textEl("h3", "Token"), // h3: inside the Sign in step
		headerList("token-claims", rows),
		el("p.hint", app.Text("Shown redacted: "), textEl("code#token-redacted", graph.RedactToken(normalized(t.Token)))),
		problemList("token-warnings", problems),
		button("copy-token", "secondary", "Copy token").On("click", t.onCopy),
	)
}

// onCopy copies the whole token, the one place it leaves the page, and
// only because the admin asked.
func (t *TokenPanel) onCopy(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	token, _ := graph.NormalizeToken(t.Token)
	copyText(token)
}

// appText names the client the token was issued to: its name and ID from
// a v1.0 token (app_displayname, appid), its ID from a v2.0 one (azp).
func appText(c graph.Claims) string {
	switch {
	case c.AppName != "" && c.AppID != "":
		return c.AppName + " (" + c.AppID + ")"
	case c.AppID != "":
		return c.AppID
	}
	return or(c.AppName, "(not stated)")
}

func expiry(exp, now time.Time) string {
	if exp.IsZero() {
		return "(not stated)"
	}
	at := exp.UTC().Format("2006-01-02 15:04:05 UTC")
	// Whole minutes ("59 min", never more than is left) while two or more
	// are left, then seconds ("1m30s"): the countdown's text, and so the
	// page, changes once a minute for most of a token's life rather than
	// every second (clock.go's nextChange counts on it).
	d := exp.Sub(now)
	if d >= 2*time.Minute {
		return at + " — in " + strconv.Itoa(int(d/time.Minute)) + " min"
	}
	if d = d.Round(time.Second); d > 0 {
		return at + " — in " + d.String()
	}
	return at + " — expired"
}

func or(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// normalized is the token as it is sent: a pasted "Bearer …", quotes or
// az's JSON around it are not part of it.
func normalized(token string) string {
	t, _ := graph.NormalizeToken(token)
	return t
}
