package model

import (
	"encoding/asn1"
	"slices"
	"testing"
)

// sanOf encodes GeneralNames from already encoded GeneralName elements.
func sanOf(t *testing.T, names ...asn1.RawValue) []byte {
	t.Helper()
	b, err := asn1.Marshal(names)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// otherNameOf is an otherName GeneralName: [0] { type-id, [0] EXPLICIT value }.
func otherNameOf(t *testing.T, oid asn1.ObjectIdentifier, value any, params string) asn1.RawValue {
	t.Helper()
	v, err := asn1.MarshalWithParams(value, params)
	if err != nil {
		t.Fatal(err)
	}
	id, _ := asn1.Marshal(oid)
	wrap, _ := asn1.Marshal(asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: v})
	return asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: append(id, wrap...)}
}

func TestParseUPNs(t *testing.T) {
	dns := asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 2, Bytes: []byte("laptop01.corp.contoso.com")}
	email := asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 1, Bytes: []byte("alice@contoso.com")}
	guid := asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 311, 25, 1} // another otherName (the AD object GUID)
	for _, tc := range []struct {
		name string
		der  []byte
		want []string
	}{
		{"upn", sanOf(t, otherNameOf(t, OIDUPN, "alice@corp.contoso.com", "utf8")), []string{"alice@corp.contoso.com"}},
		{"ia5 upn", sanOf(t, otherNameOf(t, OIDUPN, "bob@corp.contoso.com", "ia5")), []string{"bob@corp.contoso.com"}},
		{"among others", sanOf(t, dns, otherNameOf(t, guid, "not-a-upn", "utf8"), email, otherNameOf(t, OIDUPN, "carol@corp.contoso.com", "utf8")), []string{"carol@corp.contoso.com"}},
		{"dns and email only", sanOf(t, dns, email), nil},
		{"not a string", sanOf(t, otherNameOf(t, OIDUPN, 42, "")), nil},
		{"garbage", []byte{0x30, 0x05, 0xa0, 0x10}, nil},
		{"trailing bytes", append(sanOf(t, otherNameOf(t, OIDUPN, "dave@corp.contoso.com", "utf8")), 0), nil},
		{"empty", nil, nil},
	} {
		if got := parseUPNs(tc.der); !slices.Equal(got, tc.want) {
			t.Errorf("%s: parseUPNs = %q, want %q", tc.name, got, tc.want)
		}
	}
}
