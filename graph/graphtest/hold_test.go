package graphtest

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestHoldRefresh: HoldRefresh holds the next refresh_token grant, and only
// that, until Release; the code grant before it goes through at once.
func TestHoldRefresh(t *testing.T) {
	s := newEntra(t)
	hold := s.HoldRefresh()
	tr := signInTokens(t, s, "admin") // the code grant is not held
	answered := make(chan int, 1)
	var next tokenResponse
	go func() {
		req, _ := http.NewRequest("POST", s.URL+tokenPathV2, strings.NewReader(refreshForm(s, tr.RefreshToken).Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", appOrigin)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			answered <- 0
			return
		}
		json.NewDecoder(resp.Body).Decode(&next)
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	select {
	case <-hold.Arrived():
	case <-time.After(10 * time.Second):
		t.Fatal("the refresh was not held")
	}
	select {
	case status := <-answered:
		t.Fatalf("the held refresh was answered (%d) before Release", status)
	case <-time.After(300 * time.Millisecond):
	}
	hold.Release()
	select {
	case status := <-answered:
		if status != http.StatusOK {
			t.Errorf("the released refresh answered %d, want 200", status)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the released refresh was not answered")
	}
	<-hold.Answered()
	// Only one grant is held: the next goes through.
	if r := postToken(t, s, refreshForm(s, next.RefreshToken), appOrigin); r.status != http.StatusOK {
		t.Errorf("the next refresh: %d %s", r.status, r.body)
	}
}
