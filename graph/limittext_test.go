package graph

import (
	"synctoken/graph/internal/paste"
	"testing"
)

// TestLimitTextsAreUnitText checks the constant texts of the limits
// against unitText of the limits they name.
func TestLimitTextsAreUnitText(t *testing.T) {
	for _, c := range []struct {
		text  string
		limit int
	}{
		{paste.MaxValueText, paste.MaxValueBytes},
		{paste.MaxTokenText, paste.MaxTokenBytes},
		{paste.MaxRequestBodyText, paste.MaxRequestBodyBytes},
		{paste.MaxBodyText, maxBody},
	} {
		if want := paste.UnitText(c.limit); c.text != want {
			t.Errorf("text of the limit %d is %q, paste.UnitText says %q", c.limit, c.text, want)
		}
	}
}
