package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// deprecationNotice shows, with the id given, the notice the chosen API
// version's metadata carries for call (a graph.*Call): its own words and
// dates, the successors it names, and that they cannot be called yet. On
// v1.0 there is none. Send (under API version), Test connection and Save
// each carry their own, so that the admin reads it where the call is made.
func (f *form) deprecationNotice(id, call string) app.UI {
	d, ok := f.target.version.DeprecatedCall(call)
	if !ok {
		return nil
	}
	kids := []app.UI{
		textEl("strong", "Deprecated in beta on "+d.Date+", removal "+d.RemovalDate+". "),
		app.Text(d.Description + " Successors named by Microsoft: "),
	}
	for i, s := range d.Successors {
		sep := ", "
		if i == len(d.Successors)-1 {
			sep = ". "
		}
		kids = append(kids, el("span", textEl("code", s), app.Text(sep)))
	}
	kids = append(kids, app.Text(d.NotCallable))
	return elWith("p.notice", attrs{"id", id}, kids...)
}
