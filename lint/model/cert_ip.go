package model

import "strings"

// MaybeIP reports whether s could be an IP address, optionally bracketed or
// with a port: an IPv6 address has a colon, and an IPv4 address ends with a
// digit, or with "]" when bracketed. It is false for nearly every DNS name,
// which the callers then match without parsing s as an address, a parse that
// allocates an error value each time it fails.
func MaybeIP(s string) bool {
	if s == "" {
		return false
	}
	last := s[len(s)-1]
	return last >= '0' && last <= '9' || last == ']' || strings.Contains(s, ":")
}
