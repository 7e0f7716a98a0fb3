package graph

import "testing"

// TestLimitTextsAreUnitText checks the constant texts of the limits
// against unitText of the limits they name.
func TestLimitTextsAreUnitText(t *testing.T) {
	for _, c := range []struct {
		text  string
		limit int
	}{
		{maxValueText, MaxValueBytes},
		{maxTokenText, MaxTokenBytes},
		{maxRequestBodyText, MaxRequestBodyBytes},
		{maxBodyText, MaxBody},
	} {
		if want := unitText(c.limit); c.text != want {
			t.Errorf("text of the limit %d is %q, unitText says %q", c.limit, c.text, want)
		}
	}
}
