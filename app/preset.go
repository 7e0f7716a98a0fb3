package app

import (
	"slices"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// presetState is what the preset chooser remembers, in the page's memory
// only, like the rows themselves.
type presetState struct {
	// setAside holds the values of keys a preset took out of the rows, by
	// key, so that choosing a preset with that key again brings the value
	// back: switching presets to compare them must not lose what was typed.
	setAside map[string]string
	// customKeys are the rows' keys when the admin chose Custom: while the
	// rows keep them, the chooser says Custom even if they make up a preset.
	customKeys []string
}

// renderPreset renders the chooser of what the admin is configuring, above
// the credential rows, with the line saying which call its keys are for.
func (cr *credentialsStep) renderPreset() app.UI {
	shown := cr.presetShown()
	describedBy := "preset-for"
	if shown.Assumed != "" {
		describedBy += " preset-assumed"
	}
	var opts []app.UI
	for _, pr := range graph.Presets() {
		opts = append(opts, option(pr.ID, pr.Label, pr.ID == shown.ID))
	}
	return el("div.field.preset",
		textEl("label[for=preset]", "Configuring"),
		el("div.control",
			elem("select#preset", attrs{"aria-describedby", describedBy}, opts...).On("change", cr.onPreset),
		),
		textEl("p#preset-for.hint.preset-for", shown.For),
		when(shown.Assumed != "", textEl("p#preset-assumed.hint", "Assumption: "+shown.Assumed)),
	)
}

// onPreset fills the rows with the chosen preset's keys.
func (cr *credentialsStep) onPreset(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	if pr, ok := graph.PresetByID(srcValue(ctx)); ok {
		cr.choosePreset(pr)
		cr.chosen = true
	}
}

// choosePreset replaces the rows with the preset's keys. Values typed for
// keys that stay are kept, and those of keys that go are set aside (see
// presetState): choosing is quick to undo, so it must lose nothing typed.
func (cr *credentialsStep) choosePreset(pr graph.Preset) {
	if cr.preset.setAside == nil {
		cr.preset.setAside = map[string]string{}
	}
	cr.rows = pr.Apply(cr.rows, cr.preset.setAside)
	cr.preset.customKeys = nil
	if pr.ID == graph.CustomPreset {
		cr.preset.customKeys = credentialKeys(cr.rows)
	}
	cr.showCredentials()
}

// presetShown is the preset the chooser shows: the one the rows' keys make
// up, else Custom; also Custom while the rows hold the keys they had when
// the admin chose it.
func (cr *credentialsStep) presetShown() graph.Preset {
	if cr.preset.customKeys != nil && slices.Equal(cr.preset.customKeys, credentialKeys(cr.rows)) {
		custom, _ := graph.PresetByID(graph.CustomPreset)
		return custom
	}
	return graph.MatchPreset(cr.rows)
}

func credentialKeys(cs []graph.Credential) []string {
	keys := make([]string, len(cs))
	for i, c := range cs {
		keys[i] = strings.TrimSpace(c.Key)
	}
	return keys
}
