package rules

import (
	"strings"
	"testing"
)

func TestNPSReasons(t *testing.T) {
	for i, r := range NPSReasons {
		if i > 0 && r.Code <= NPSReasons[i-1].Code {
			t.Errorf("Reason-Code %d follows %d: keep the table ascending and unique", r.Code, NPSReasons[i-1].Code)
		}
		if r.Meaning == "" || strings.HasSuffix(r.Meaning, ".") || strings.HasSuffix(r.Cause, ".") {
			t.Errorf("Reason-Code %d: meaning %q, cause %q: want a meaning, neither ending in a period", r.Code, r.Meaning, r.Cause)
		}
		if r.Name != "" && !strings.HasPrefix(r.Name, "IAS_") {
			t.Errorf("Reason-Code %d: name %q is no IAS_ symbol", r.Code, r.Name)
		}
	}
	if r := NPSReason(66); r == nil || r.Name != "IAS_INVALID_AUTH_TYPE" || r.Unverified || !strings.Contains(r.Cause, "812") {
		t.Errorf("NPSReason(66) = %+v", r)
	}
	if r := NPSReason(22); r == nil || !r.Unverified {
		t.Errorf("NPSReason(22) = %+v, want an unverified entry", r)
	}
	if NPSReason(10) != nil {
		t.Error("NPSReason(10) is not in the reference")
	}
}

func TestParseNPSReasonArg(t *testing.T) {
	for in, want := range map[string]int{"nps:66": 66, "NPS-66": 66, "Nps:0": 0, "nps-258": 258} {
		if n, ok := ParseNPSReasonArg(in); !ok || n != want {
			t.Errorf("ParseNPSReasonArg(%q) = %d, %v; want %d", in, n, ok, want)
		}
	}
	for _, in := range []string{"66", "nps:", "nps:x", "nps:-1", "0x42", "VPN201"} {
		if n, ok := ParseNPSReasonArg(in); ok {
			t.Errorf("ParseNPSReasonArg(%q) = %d, true; want false", in, n)
		}
	}
}
